//! Roles that extend other roles.

use super::super::{
    Catalog, ComposeError, Permissions, RoleBase, RoleGraph, RoleSpec, builtin, compose, is_subset,
};
use super::{ml, perms, set};

fn spec(name: &str, extends: &[&str], add: Permissions, remove: &[&str]) -> RoleSpec {
    RoleSpec {
        name: name.into(),
        extends: extends.iter().map(|s| (*s).into()).collect(),
        add,
        remove: perms(&[], remove),
    }
}

#[test]
fn a_base_keeps_its_not_actions_to_itself() {
    let mut graph = RoleGraph::new();
    graph.insert(spec(
        "scientist plus compute",
        &["AzureML Data Scientist", "AzureML Compute Operator"],
        Permissions::default(),
        &[],
    ));
    let resolved = graph.resolve("Scientist Plus Compute").unwrap();
    assert_eq!(resolved.blocks.len(), 2);
    let catalog = Catalog::azure();
    let composed = resolved.permission_set(catalog);
    assert!(
        composed.grants(&ml("workspaces/computes/write")),
        "granted by the operator"
    );
    // Naive flattening would let the scientist's NotActions remove the operator's grant.
    let naive = builtin::find("AzureML Data Scientist")
        .unwrap()
        .permissions
        .clone()
        .unwrap();
    let operator = builtin::find("AzureML Compute Operator")
        .unwrap()
        .permissions
        .clone()
        .unwrap();
    let mut flat = naive.clone();
    flat.actions.extend(operator.actions.clone());
    assert!(!set(&flat).grants(&ml("workspaces/computes/write")));
    // Our single block has the same meaning: explicit operations.
    let single = resolved.to_permissions(catalog).unwrap();
    assert!(single.not_actions.is_empty());
    let single = set(&single);
    assert!(is_subset(&single, &composed) && is_subset(&composed, &single));
}

#[test]
fn add_and_remove() {
    let blocks = compose(
        &[&perms(
            &[&ml("workspaces/*/read")],
            &[&ml("workspaces/listNotebookKeys/read")],
        )],
        &perms(&[&ml("workspaces/computes/start/action")], &[]),
        &perms(&[], &[&ml("workspaces/metadata/secrets/read")]),
    );
    let s = super::super::PermissionSet::union(Catalog::azure(), &blocks);
    assert!(s.grants(&ml("workspaces/computes/start/action")));
    assert!(s.grants(&ml("workspaces/read")));
    assert!(!s.grants(&ml("workspaces/listNotebookKeys/read")));
    assert!(!s.grants(&ml("workspaces/metadata/secrets/read")));
    assert_eq!(blocks.len(), 2);
    assert!(blocks.iter().all(|b| {
        b.not_actions
            .contains(&ml("workspaces/metadata/secrets/read"))
    }));
}

#[test]
fn concatenation_when_no_subtraction_leaks() {
    let mut graph = RoleGraph::new();
    graph.insert(spec(
        "reader plus",
        &["read-only"],
        perms(&[&ml("workspaces/computes/start/action")], &[]),
        &[],
    ));
    let resolved = graph.resolve("reader plus").unwrap();
    let single = resolved.to_permissions(Catalog::azure()).unwrap();
    assert_eq!(single.actions.len(), 2);
    assert_eq!(single.not_actions.len(), 3);
    assert_eq!(graph.base_kind("read-only"), Some(RoleBase::Library));
    assert_eq!(graph.base_kind("Reader"), Some(RoleBase::Builtin));
    assert_eq!(graph.base_kind("reader plus"), Some(RoleBase::Graph));
    assert_eq!(graph.base_kind("nobody"), None);
}

#[test]
fn a_leaking_subtraction_beyond_the_catalog_cannot_be_flattened() {
    let mut graph = RoleGraph::new();
    graph.insert(spec(
        "r",
        &["Reader", "AzureML Data Scientist"],
        Permissions::default(),
        &[],
    ));
    // Nothing leaks here: the scientist's NotActions touch no read.
    assert!(
        graph
            .resolve("r")
            .unwrap()
            .to_permissions(Catalog::azure())
            .is_ok()
    );
    graph.insert(spec(
        "w",
        &["Contributor", "User Access Administrator"],
        Permissions::default(),
        &[],
    ));
    assert_eq!(
        graph.resolve("w").unwrap().to_permissions(Catalog::azure()),
        Err(ComposeError::NotExpressible {
            role: "w".into(),
            pattern: "Microsoft.Authorization/*/Delete".into()
        })
    );
}

#[test]
fn errors_are_reported_with_their_path() {
    let mut graph = RoleGraph::new();
    graph.insert(spec("a", &["b"], Permissions::default(), &[]));
    graph.insert(spec("b", &["c"], Permissions::default(), &[]));
    graph.insert(spec("c", &["a"], Permissions::default(), &[]));
    graph.insert(spec("d", &["missing"], Permissions::default(), &[]));
    graph.insert(spec("e", &["Foundry User"], Permissions::default(), &[]));
    graph.insert(spec("f", &["f"], Permissions::default(), &[]));
    assert_eq!(
        graph.resolve("a"),
        Err(ComposeError::Cycle {
            path: vec!["a".into(), "b".into(), "c".into(), "a".into()]
        })
    );
    assert_eq!(
        graph.resolve("d"),
        Err(ComposeError::UnknownBase {
            role: "d".into(),
            base: "missing".into()
        })
    );
    assert_eq!(
        graph.resolve("e"),
        Err(ComposeError::BaseWithoutPermissions {
            role: "e".into(),
            base: "Foundry User".into()
        })
    );
    assert_eq!(
        graph.resolve("f"),
        Err(ComposeError::Cycle {
            path: vec!["f".into(), "f".into()]
        })
    );
    assert_eq!(
        graph.resolve("zz"),
        Err(ComposeError::UnknownRole { name: "zz".into() })
    );
    assert_eq!(
        graph.resolve("a").unwrap_err().to_string(),
        "roles extend each other in a cycle: a -> b -> c -> a"
    );
    assert_eq!(graph.resolve_all().iter().filter(|r| r.is_err()).count(), 6);
}

#[test]
fn a_role_s_own_removals_keep_the_concatenation() {
    // The role's not-actions sit in every block, so no block's removal leaks into another
    // and the definition keeps the patterns people wrote.
    let mut graph = RoleGraph::new();
    graph.insert(spec(
        "auditor",
        &["read-only", "AzureML Compute Operator"],
        Permissions::default(),
        &[
            &ml("workspaces/models/read"),
            &ml("workspaces/datastores/*"),
        ],
    ));
    let resolved = graph.resolve("auditor").unwrap();
    let catalog = Catalog::azure();
    let single = resolved.to_permissions(catalog).unwrap();
    assert!(
        single.actions.contains(&ml("workspaces/*/read")),
        "{single:?}"
    );
    assert!(single.not_actions.contains(&ml("workspaces/models/read")));
    let composed = resolved.permission_set(catalog);
    let single = set(&single);
    assert!(!single.grants(&ml("workspaces/models/read")));
    assert!(!single.grants(&ml("workspaces/datastores/read")));
    assert!(is_subset(&single, &composed) && is_subset(&composed, &single));
}
