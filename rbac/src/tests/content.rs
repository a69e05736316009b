//! Content checks, data-driven: one row per pattern problem.

use super::super::{
    Catalog, ContentFinding, EscalationPolicy, FindingKind, PermissionList, Permissions,
    check_permissions,
};
use super::{catalog_with_storage, ml};

fn check(permissions: &Permissions) -> Vec<ContentFinding> {
    check_permissions(permissions, Catalog::azure(), EscalationPolicy::Report)
}

fn one(list: PermissionList, pattern: &str) -> Permissions {
    let mut p = Permissions::default();
    match list {
        PermissionList::Actions => p.actions.push(pattern.into()),
        PermissionList::NotActions => p.not_actions.push(pattern.into()),
        PermissionList::DataActions => p.data_actions.push(pattern.into()),
        PermissionList::NotDataActions => p.not_data_actions.push(pattern.into()),
    }
    p
}

#[test]
fn each_pattern_problem_is_found() {
    use FindingKind::*;
    use PermissionList::*;
    let suggest = |s: &str| UnknownOperation {
        suggestion: Some(s.into()),
    };
    let cases: Vec<(PermissionList, String, Option<FindingKind>)> = vec![
        (Actions, ml("workspaces/read"), None),
        (Actions, ml("workspaces/*/read"), None),
        (Actions, "*/read".into(), None),
        (NotActions, ml("workspaces/computes/*/write"), None),
        (
            Actions,
            "workspace/read".into(),
            Some(suggest(&ml("workspaces/read"))),
        ),
        (
            Actions,
            ml("workspace/read"),
            Some(suggest(&ml("workspaces/read"))),
        ),
        (
            Actions,
            ml("quantum/entangle/action"),
            Some(UnknownOperation { suggestion: None }),
        ),
        (
            NotActions,
            ml("workspace/*/read"),
            Some(suggest(&ml("workspaces/*/read"))),
        ),
        (
            Actions,
            "Microsoft.MachineLearningService/workspaces/read".into(),
            Some(suggest(&ml("workspaces/read"))),
        ),
        (
            Actions,
            "Microsoft.Compute/virtualMachines/read".into(),
            Some(ProviderNotInCatalog {
                provider: "Microsoft.Compute".into(),
            }),
        ),
        (
            Actions,
            ml("workspaces/*/computes/*"),
            Some(TooManyWildcards { count: 2 }),
        ),
        (Actions, "  ".into(), Some(EmptyPattern)),
        (
            DataActions,
            ml("workspaces/listKeys/action"),
            Some(ControlActionInDataActions {
                operations: vec![ml("workspaces/listKeys/action")],
            }),
        ),
        (
            Actions,
            "Microsoft.Authorization/roleAssignments/write".into(),
            Some(PrivilegeEscalation {
                operations: vec!["Microsoft.Authorization/roleAssignments/write".into()],
            }),
        ),
    ];
    for (list, pattern, expected) in cases {
        let findings = check(&one(list, &pattern));
        let kinds: Vec<FindingKind> = findings.iter().map(|f| f.kind.clone()).collect();
        assert_eq!(
            kinds,
            expected.into_iter().collect::<Vec<_>>(),
            "{list:?} {pattern}"
        );
        for f in findings {
            assert_eq!(
                (f.list, f.index, f.pattern.as_str()),
                (list, 0, pattern.as_str())
            );
        }
    }
}

#[test]
fn escalation_is_reported_unless_the_persona_is_admin() {
    let p = Permissions::from_actions(["Microsoft.Authorization/*", "*/read"]);
    let findings = check(&p);
    assert_eq!(findings.len(), 1);
    let FindingKind::PrivilegeEscalation { operations } = &findings[0].kind else {
        panic!("{findings:?}");
    };
    assert!(operations.contains(&"Microsoft.Authorization/roleDefinitions/write".to_owned()));
    assert!(operations.contains(&"Microsoft.Authorization/elevateAccess/action".to_owned()));
    assert!(check_permissions(&p, Catalog::azure(), EscalationPolicy::AllowForAdmin).is_empty());
    // Removed by NotActions: no escalation.
    let safe = p.clone().with_not_actions([
        "Microsoft.Authorization/*/write",
        "Microsoft.Authorization/elevateAccess/action",
    ]);
    assert!(check(&safe).is_empty());
    // `*` escalates (Owner); Contributor's NotActions take it away.
    assert_eq!(check(&Permissions::from_actions(["*"])).len(), 1);
    let contributor = super::super::builtin::find("Contributor").unwrap();
    let findings = check(contributor.permissions.as_ref().unwrap());
    assert!(
        findings
            .iter()
            .all(|f| matches!(f.kind, FindingKind::ProviderNotInCatalog { .. }))
    );
}

#[test]
fn data_operations_belong_in_data_actions() {
    let catalog = catalog_with_storage();
    let blob = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";
    let findings = check_permissions(
        &Permissions::from_actions([blob]),
        &catalog,
        EscalationPolicy::Report,
    );
    assert_eq!(
        findings[0].kind,
        FindingKind::DataActionInActions {
            operations: vec![blob.into()]
        }
    );
    let fine = Permissions {
        data_actions: vec!["Microsoft.Storage/*".into()],
        ..Permissions::default()
    };
    assert!(check_permissions(&fine, &catalog, EscalationPolicy::Report).is_empty());
}
