//! `allows` with its explanations, unions and the two planes.

use super::super::{Decision, Match, PermissionList, PermissionSet, Permissions, Plane, builtin};
use super::{catalog_with_storage, ml, perms, set};

#[test]
fn decisions_name_the_granting_and_removing_patterns() {
    let role = perms(
        &[&ml("workspaces/*/read"), &ml("workspaces/*/write")],
        &[&ml("workspaces/computes/*/write")],
    );
    let s = set(&role);
    assert_eq!(
        s.allows(&ml("workspaces/computes/read")),
        Decision::Granted {
            by: Match {
                block: 0,
                list: PermissionList::Actions,
                index: 0,
                pattern: &ml("workspaces/*/read"),
            }
        }
    );
    assert_eq!(
        s.allows(&ml("WORKSPACES/COMPUTES/WRITE")),
        Decision::Removed {
            granted_by: Match {
                block: 0,
                list: PermissionList::Actions,
                index: 1,
                pattern: &ml("workspaces/*/write"),
            },
            removed_by: Match {
                block: 0,
                list: PermissionList::NotActions,
                index: 0,
                pattern: &ml("workspaces/computes/*/write"),
            },
        }
    );
    assert_eq!(
        s.allows(&ml("workspaces/computes/delete")),
        Decision::NotGranted
    );
    assert!(
        !s.allows("Microsoft.Compute/virtualMachines/write")
            .is_granted()
    );
}

#[test]
fn not_actions_subtract_but_never_deny_across_assignments() {
    let scientist = builtin::find("AzureML Data Scientist").unwrap();
    let operator = builtin::find("AzureML Compute Operator").unwrap();
    let both = PermissionSet::union(
        super::super::Catalog::azure(),
        [
            scientist.permissions.as_ref().unwrap(),
            operator.permissions.as_ref().unwrap(),
        ],
    );
    let op = ml("workspaces/computes/write");
    assert!(matches!(
        set(scientist.permissions.as_ref().unwrap()).allows(&op),
        Decision::Removed { .. }
    ));
    match both.allows(&op) {
        Decision::Granted { by } => {
            assert_eq!(by.block, 1);
            assert_eq!(by.pattern, ml("workspaces/computes/*"));
        }
        other => panic!("expected granted, got {other:?}"),
    }
    assert!(both.grants(&op));
    assert_eq!(both.block_count(), 2);
    let mut grown = set(scientist.permissions.as_ref().unwrap());
    assert!(!grown.grants(&op));
    grown.add(operator.permissions.as_ref().unwrap());
    assert!(grown.grants(&op));
    let joined = set(scientist.permissions.as_ref().unwrap())
        .union_with(&set(operator.permissions.as_ref().unwrap()));
    assert_eq!(joined.granted_count(), both.granted_count());
}

#[test]
fn actions_never_grant_data_operations_and_back() {
    let catalog = catalog_with_storage();
    let blob_read = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";
    let owner = PermissionSet::new(&catalog, &Permissions::from_actions(["*"]));
    assert_eq!(owner.allows(blob_read), Decision::NotGranted);
    assert!(
        owner
            .allows("Microsoft.Storage/storageAccounts/read")
            .is_granted()
    );
    let reader = PermissionSet::new(
        &catalog,
        &Permissions {
            data_actions: vec!["Microsoft.Storage/*".into()],
            not_data_actions: vec!["Microsoft.Storage/*/write".into()],
            ..Permissions::default()
        },
    );
    assert!(reader.allows(blob_read).is_granted());
    assert!(
        !reader
            .allows("Microsoft.Storage/storageAccounts/read")
            .is_granted()
    );
    assert!(matches!(
        reader.allows(&blob_read.replace("read", "write")),
        Decision::Removed {
            removed_by: Match {
                list: PermissionList::NotDataActions,
                ..
            },
            ..
        }
    ));
    assert!(reader.allows_in(Plane::Data, blob_read).is_granted());
    let names: Vec<&str> = reader
        .granted_operations()
        .iter()
        .map(|op| op.name())
        .collect();
    assert_eq!(names, [blob_read]);
}

#[test]
fn granted_operations_of_builtin_roles() {
    let reader = set(builtin::find("reader")
        .unwrap()
        .permissions
        .as_ref()
        .unwrap());
    let granted = reader.granted_operations();
    assert!(granted.iter().all(|op| op.folded().ends_with("/read")));
    let catalog = super::super::Catalog::azure();
    let reads = catalog
        .operations()
        .iter()
        .filter(|op| op.folded().ends_with("/read"))
        .count();
    assert_eq!(granted.len(), reads);
    let owner = set(builtin::find("Owner")
        .unwrap()
        .permissions
        .as_ref()
        .unwrap());
    assert_eq!(owner.granted_count(), catalog.len());
    let empty = set(&Permissions::default());
    assert_eq!(empty.granted_count(), 0);
    assert_eq!(empty.allows("*"), Decision::NotGranted);
}
