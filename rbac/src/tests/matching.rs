//! The catalog and the pattern matcher.

use super::super::{Catalog, CatalogError, OperationKind, Pattern};
use super::ml;

#[test]
fn embedded_catalog_parses_and_is_sorted() {
    let catalog = Catalog::azure();
    assert_eq!(catalog.len(), 79 + 324);
    assert_eq!(
        catalog.providers(),
        [
            "microsoft.authorization",
            "microsoft.machinelearningservices"
        ]
    );
    let folded: Vec<&str> = catalog.operations().iter().map(|op| op.folded()).collect();
    assert!(
        folded.windows(2).all(|w| w[0] < w[1]),
        "sorted, no duplicates"
    );
    assert!(catalog.operations().iter().all(|op| !op.is_data_action()));
    for text in [
        include_str!("../../data/operations-microsoft.authorization.tsv"),
        include_str!("../../data/operations-microsoft.machinelearningservices.tsv"),
    ] {
        Catalog::from_tsv(text).unwrap();
    }
}

#[test]
fn lookup_is_case_insensitive_and_keeps_the_provider_spelling() {
    let catalog = Catalog::azure();
    let op = catalog
        .get("MICROSOFT.machinelearningservices/WORKSPACES/computes/WRITE")
        .unwrap();
    assert_eq!(op.name(), ml("workspaces/computes/write"));
    assert_eq!(op.provider(), "Microsoft.MachineLearningServices");
    assert_eq!(op.kind(), OperationKind::Action);
    assert!(catalog.get(&ml("workspaces/computes/create")).is_none());
    assert!(catalog.covers_provider("microsoft.AUTHORIZATION"));
    assert!(!catalog.covers_provider("Microsoft.Compute"));
}

#[test]
fn catalog_extends_for_other_providers() {
    let mut catalog = Catalog::new();
    assert!(catalog.insert(
        "Microsoft.Compute/virtualMachines/read",
        OperationKind::Action
    ));
    assert!(!catalog.insert(
        "microsoft.compute/VIRTUALMACHINES/read",
        OperationKind::Action
    ));
    catalog
        .extend_from_tsv("Microsoft.Compute/virtualMachines/start/action\taction\tdescription\n")
        .unwrap();
    assert_eq!(catalog.len(), 2);
    assert!(catalog.covers_provider("Microsoft.Compute"));
}

#[test]
fn bad_operation_lists_are_refused_whole() {
    let cases = [
        ("A.B/c\n", CatalogError::MissingKind { line: 1 }),
        (
            "A.B/c\taction\nA.B/d\tdata\n",
            CatalogError::UnknownKind {
                line: 2,
                kind: "data".into(),
            },
        ),
        (
            "A.B/*\taction\n",
            CatalogError::BadName {
                line: 1,
                name: "A.B/*".into(),
            },
        ),
        (
            "nope\taction\n",
            CatalogError::BadName {
                line: 1,
                name: "nope".into(),
            },
        ),
    ];
    for (text, expected) in cases {
        let mut catalog = Catalog::new();
        assert_eq!(catalog.extend_from_tsv(text), Err(expected), "{text:?}");
        assert!(catalog.is_empty());
    }
}

/// (pattern, operation, matches?) — the semantics of `rbac-semantics.md`.
const CASES: &[(&str, &str, bool)] = &[
    ("*", "Microsoft.Compute/virtualMachines/read", true),
    (
        "*/read",
        "Microsoft.Network/virtualNetworks/subnets/read",
        true,
    ),
    ("*/read", "Microsoft.Network/virtualNetworks/write", false),
    (
        "Microsoft.Compute/*",
        "Microsoft.Compute/virtualMachines/start/action",
        true,
    ),
    (
        "Microsoft.Network/*/read",
        "Microsoft.Network/a/b/c/read",
        true,
    ),
    (
        "Microsoft.CostManagement/exports/*",
        "Microsoft.CostManagement/exports/action",
        true,
    ),
    (
        "Microsoft.CostManagement/exports/*",
        "Microsoft.CostManagement/exports/run/action",
        true,
    ),
    (
        "Microsoft.CostManagement/exports/*",
        "Microsoft.CostManagement/exportsx/read",
        false,
    ),
    // `/*/` may match a single `/`.
    ("A.B/workspaces/*/write", "A.B/workspaces/write", true),
    (
        "A.B/workspaces/computes/*/write",
        "A.B/workspaces/computes/write",
        true,
    ),
    (
        "A.B/workspaces/computes/*/write",
        "A.B/workspaces/computeswrite",
        false,
    ),
    (
        "A.B/workspaces/*/write",
        "A.B/workspaces/computes/x/write",
        true,
    ),
    ("A.B/workspaces/*/write", "A.B/workspaceswrite", false),
    // `*` not between two slashes needs no collapse.
    ("A.B/work*/read", "A.B/workspaces/read", true),
    ("A.B/work*/read", "A.B/work/read", true),
    ("A.B/work*", "A.B/other", false),
    // Case-insensitive both ways.
    (
        "microsoft.authorization/*/write",
        "Microsoft.Authorization/roleAssignments/Write",
        true,
    ),
    (
        "Microsoft.Authorization/*/Delete",
        "microsoft.authorization/locks/delete",
        true,
    ),
    ("A.B/c/read", "A.B/c/read", true),
    ("A.B/c/read", "A.B/c/readx", false),
    ("A.B/c/read", "A.B/c", false),
    // More than one `*` still matches (the content checks flag it).
    ("A.B/*/x/*/read", "A.B/x/read", true),
    ("A.B/*/x/*/read", "A.B/p/x/q/read", true),
    ("A.B/*/x/*/read", "A.B/p/y/q/read", false),
    ("A.B/**/read", "A.B/c/read", true),
    ("A.B/**/read", "A.B/read", false),
    ("A.B/*/*/read", "A.B/read", true),
    ("A.B/*/*/read", "A.B/c//read", true),
    ("*a*b*", "xaybz", true),
    ("*a*b*", "xbyaz", false),
    ("", "", true),
    ("", "A.B/c", false),
];

#[test]
fn patterns_match_the_documented_semantics() {
    for &(pattern, op, expected) in CASES {
        assert_eq!(
            Pattern::new(pattern).matches(op),
            expected,
            "{pattern} vs {op}"
        );
    }
}

#[test]
fn pattern_facts() {
    let p = Pattern::new("Microsoft.MachineLearningServices/Workspaces/*/read");
    assert_eq!(p.wildcards(), 1);
    assert!(!p.is_literal());
    assert_eq!(
        p.literal_prefix(),
        "microsoft.machinelearningservices/workspaces/"
    );
    assert_eq!(p.provider(), Some("microsoft.machinelearningservices"));
    assert_eq!(Pattern::new("*/read").provider(), None);
    assert_eq!(
        p.as_str(),
        "Microsoft.MachineLearningServices/Workspaces/*/read"
    );
}

#[test]
fn catalog_matching_uses_the_prefix_range() {
    let catalog = Catalog::azure();
    let p = Pattern::new(&ml("workspaces/computes/*/write"));
    let names: Vec<&str> = catalog.matching(&p).map(|(_, op)| op.name()).collect();
    assert_eq!(names, [ml("workspaces/computes/write")]);
    let all = Pattern::new("*");
    assert_eq!(catalog.matching(&all).count(), catalog.len());
    let brute = catalog
        .operations()
        .iter()
        .filter(|op| Pattern::new("*/read").matches(op.name()))
        .count();
    assert_eq!(catalog.matching(&Pattern::new("*/READ")).count(), brute);
}

/// A role action of six `*` in a row (a 300-byte document) kept the `validate` fuzz target
/// busy for over a minute: the matcher tried every place each `*` could end, exponential in
/// their number. Matching now reads each token once over the positions of the operation.
#[test]
fn many_wildcards_match_in_bounded_time() {
    let catalog = Catalog::azure();
    let stars = "*".repeat(64);
    let p = Pattern::new(&ml(&format!("workspaces/{stars}/read")));
    let reads = catalog
        .operations()
        .iter()
        .filter(|op| {
            op.folded()
                .starts_with("microsoft.machinelearningservices/workspaces/")
        })
        .filter(|op| op.folded().ends_with("/read"))
        .filter(|op| op.folded() != "microsoft.machinelearningservices/workspaces/read")
        .count();
    assert!(reads > 0);
    assert_eq!(catalog.matching(&p).count(), reads);
    let letters = format!("{}*q", "*s".repeat(64));
    assert_eq!(catalog.matching(&Pattern::new(&letters)).count(), 0);
    let op = "a".repeat(4096);
    assert!(!Pattern::new(&format!("{}b", "*a".repeat(256))).matches(&op));
    assert!(Pattern::new(&format!("{}*", "*a".repeat(256))).matches(&op));
}
