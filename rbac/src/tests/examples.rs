//! Golden comparisons with the custom role examples of the AzureML documentation.

use super::super::{
    Catalog, ContentFinding, EscalationPolicy, FindingKind, PermissionList, PermissionSet,
    Permissions, check_permissions,
};
use super::ml;

const EXAMPLES: &[(&str, &str)] = &[
    (
        "customer-qa",
        include_str!("../../data/custom-role-examples/customer-qa.json"),
    ),
    (
        "data-scientist-custom-intro",
        include_str!("../../data/custom-role-examples/data-scientist-custom-intro.json"),
    ),
    (
        "data-scientist-restricted",
        include_str!("../../data/custom-role-examples/data-scientist-restricted.json"),
    ),
    (
        "data-scientist",
        include_str!("../../data/custom-role-examples/data-scientist.json"),
    ),
    (
        "labeler-legacy",
        include_str!("../../data/custom-role-examples/labeler-legacy.json"),
    ),
    (
        "labeling-team-lead",
        include_str!("../../data/custom-role-examples/labeling-team-lead.json"),
    ),
    (
        "mlflow-data-scientist",
        include_str!("../../data/custom-role-examples/mlflow-data-scientist.json"),
    ),
    (
        "mlops",
        include_str!("../../data/custom-role-examples/mlops.json"),
    ),
    (
        "vendor-account-admin",
        include_str!("../../data/custom-role-examples/vendor-account-admin.json"),
    ),
    (
        "vendor-qa",
        include_str!("../../data/custom-role-examples/vendor-qa.json"),
    ),
    (
        "workspace-admin",
        include_str!("../../data/custom-role-examples/workspace-admin.json"),
    ),
];

fn strings(value: &serde_json::Value, key: &str) -> Vec<String> {
    value
        .get(key)
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn to_permissions(value: &serde_json::Value) -> Permissions {
    Permissions {
        actions: strings(value, "Actions"),
        not_actions: strings(value, "NotActions"),
        data_actions: strings(value, "DataActions"),
        not_data_actions: strings(value, "NotDataActions"),
    }
}

/// Parses an example strictly, as `az role definition create` would.
fn strict(name: &str) -> Result<Permissions, serde_json::Error> {
    let text = EXAMPLES.iter().find(|(n, _)| *n == name).unwrap().1;
    serde_json::from_str::<serde_json::Value>(text).map(|v| to_permissions(&v))
}

/// Parses an example forgiving trailing commas, to check its content anyway.
fn lenient(name: &str) -> Permissions {
    let text = EXAMPLES.iter().find(|(n, _)| *n == name).unwrap().1;
    let mut cleaned = String::new();
    let mut pending_comma = false;
    for c in text.chars() {
        match c {
            ',' => pending_comma = true,
            c if c.is_whitespace() => cleaned.push(c),
            ']' | '}' => {
                pending_comma = false;
                cleaned.push(c);
            }
            c => {
                if pending_comma {
                    cleaned.push(',');
                    pending_comma = false;
                }
                cleaned.push(c);
            }
        }
    }
    to_permissions(&serde_json::from_str(&cleaned).unwrap())
}

fn set(p: &Permissions) -> PermissionSet<'static> {
    PermissionSet::new(Catalog::azure(), p)
}

fn findings(p: &Permissions) -> Vec<ContentFinding> {
    check_permissions(p, Catalog::azure(), EscalationPolicy::AllowForAdmin)
}

#[test]
fn every_valid_example_passes_the_content_checks() {
    for (name, _) in EXAMPLES.iter().filter(|(n, _)| *n != "mlops") {
        let p = strict(name).unwrap();
        assert!(!p.actions.is_empty(), "{name}");
        assert_eq!(findings(&p), [], "{name}");
    }
}

#[test]
fn the_mlops_example_is_not_json_and_names_operations_that_do_not_exist() {
    assert!(
        strict("mlops").is_err(),
        "trailing comma after the last action"
    );
    let p = lenient("mlops");
    let unknown: Vec<(PermissionList, &str)> = findings(&p)
        .iter()
        .filter(|f| matches!(f.kind, FindingKind::UnknownOperation { .. }))
        .map(|f| (f.list, p.actions[f.index].as_str()))
        .collect();
    assert_eq!(
        unknown,
        [
            (
                PermissionList::Actions,
                ml("workspaces/experiments/jobs/read").as_str()
            ),
            (
                PermissionList::Actions,
                ml("workspaces/experiments/jobs/write").as_str()
            ),
        ]
    );
    assert_eq!(findings(&p).len(), 2);
}

#[test]
fn data_scientist_custom_cannot_delete_the_workspace_nor_touch_compute() {
    for name in [
        "data-scientist",
        "data-scientist-custom-intro",
        "data-scientist-restricted",
        "mlflow-data-scientist",
    ] {
        let s = set(&strict(name).unwrap());
        for op in [
            "workspaces/delete",
            "workspaces/write",
            "workspaces/computes/write",
            "workspaces/computes/delete",
        ] {
            assert!(!s.grants(&ml(op)), "{name}: {op}");
        }
    }
    let s = set(&strict("data-scientist").unwrap());
    assert!(!s.grants(&ml("workspaces/listKeys/action")));
    assert!(!s.grants(&ml("workspaces/computes/listKeys/action")));
    assert!(s.grants(&ml("workspaces/computes/start/action")));
    let restricted = set(&strict("data-scientist-restricted").unwrap());
    assert!(!restricted.grants(&ml("workspaces/connections/listsecrets/action")));
    assert!(restricted.grants(&ml("workspaces/computes/stop/action")));
}

#[test]
fn data_scientist_custom_intro_is_broader_than_its_description() {
    // `*` minus a few ML patterns still grants every other provider, and
    // `Microsoft.Authorization/*/write` leaves role assignment deletion in place.
    let s = set(&strict("data-scientist-custom-intro").unwrap());
    assert!(s.grants("Microsoft.Authorization/roleAssignments/delete"));
    assert!(s.grants("Microsoft.Compute/virtualMachines/write"));
    assert!(s.grants(&ml("workspaces/listKeys/action")));
}

#[test]
fn workspace_admin_custom_can_create_compute_and_delete_its_workspace() {
    let s = set(&strict("workspace-admin").unwrap());
    assert!(s.grants(&ml("workspaces/computes/write")));
    assert!(s.grants(&ml("workspaces/computes/delete")));
    assert!(!s.grants(&ml("workspaces/write")));
    // `workspaces/*/delete` collapses onto `workspaces/delete`, which NotActions do not remove.
    assert!(s.grants(&ml("workspaces/delete")));
    assert!(s.grants("Microsoft.Authorization/roleAssignments/write"));
    let escalation = check_permissions(
        &strict("workspace-admin").unwrap(),
        Catalog::azure(),
        EscalationPolicy::Report,
    );
    assert_eq!(escalation.len(), 1);
    assert!(matches!(
        escalation[0].kind,
        FindingKind::PrivilegeEscalation { .. }
    ));
}

#[test]
fn labeling_roles_do_what_their_names_say() {
    let lead = set(&strict("labeling-team-lead").unwrap());
    assert!(lead.grants(&ml("workspaces/labeling/labels/write")));
    assert!(!lead.grants(&ml("workspaces/labeling/projects/write")));
    assert!(!lead.grants(&ml("workspaces/labeling/export/action")));
    let labeler = set(&strict("labeler-legacy").unwrap());
    assert_eq!(labeler.granted_count(), 5);
    let vendor_qa = set(&strict("vendor-qa").unwrap());
    let admin = set(&strict("vendor-account-admin").unwrap());
    assert!(super::super::is_subset(&vendor_qa, &admin));
    assert!(super::super::is_subset(
        &set(&strict("customer-qa").unwrap()),
        &admin
    ));
}
