use super::*;
use crate::rbac::Catalog;

#[test]
fn every_capability_operation_is_in_the_catalog_as_written() {
    let catalog = Catalog::azure();
    for capability in ALL {
        for op in capability.operations() {
            let found = catalog.get(op).map(|found| found.name());
            assert_eq!(found, Some(*op), "`{}` asks for `{op}`", capability.key);
        }
    }
}

#[test]
fn keys_are_unique_and_the_matrix_is_a_prefix_of_all() {
    let mut keys: Vec<&str> = ALL.iter().map(|c| c.key).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), ALL.len());
    assert_eq!(ALL.get(..CAPABILITIES.len()), Some(CAPABILITIES));
}

#[test]
fn creating_compute_needs_write_and_delete() {
    let catalog = Catalog::azure();
    let permissions = |actions: &[&str]| crate::rbac::Permissions {
        actions: actions.iter().map(|a| (*a).to_owned()).collect(),
        ..crate::rbac::Permissions::default()
    };
    let write = permissions(&["Microsoft.MachineLearningServices/workspaces/computes/write"]);
    let both = permissions(&["Microsoft.MachineLearningServices/workspaces/computes/*"]);
    assert!(!CREATE_COMPUTE.holds(&PermissionSet::new(catalog, &write)));
    assert!(CREATE_COMPUTE.holds(&PermissionSet::new(catalog, &both)));
}
