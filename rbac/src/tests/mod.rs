//! Unit tests of the permission engine.

mod compare;
mod compose;
mod content;
mod evaluate;
mod examples;
mod matching;
mod props;
mod roles;

use super::{Catalog, PermissionSet, Permissions};

/// The full name of a `Microsoft.MachineLearningServices` operation or pattern.
fn ml(rest: &str) -> String {
    format!("Microsoft.MachineLearningServices/{rest}")
}

/// A block from action and not-action patterns.
fn perms(actions: &[&str], not_actions: &[&str]) -> Permissions {
    Permissions::from_actions(actions.iter().copied()).with_not_actions(not_actions.iter().copied())
}

/// One block compiled over the embedded catalog.
fn set(permissions: &Permissions) -> PermissionSet<'static> {
    PermissionSet::new(Catalog::azure(), permissions)
}

/// The embedded catalog plus a few operations of a provider with data actions.
fn catalog_with_storage() -> Catalog {
    let mut catalog = Catalog::azure().clone();
    catalog
        .extend_from_tsv(
            "operation\tkind\n\
             Microsoft.Storage/storageAccounts/read\taction\n\
             Microsoft.Storage/storageAccounts/listKeys/action\taction\n\
             Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read\tdataAction\n\
             Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write\tdataAction\n",
        )
        .unwrap();
    catalog
}
