//! `is_subset` and `difference`, in and beyond the catalog.

use super::super::{
    Catalog, PermissionList, PermissionSet, Unproven, builtin, difference, is_subset,
};
use super::{ml, perms, set};

fn builtin_set(name: &str) -> PermissionSet<'static> {
    set(builtin::find(name).unwrap().permissions.as_ref().unwrap())
}

#[test]
fn builtin_roles_compare_as_azure_documents_them() {
    let owner = builtin_set("Owner");
    let contributor = builtin_set("Contributor");
    let reader = builtin_set("Reader");
    let uaa = builtin_set("User Access Administrator");
    assert!(is_subset(&reader, &contributor));
    assert!(is_subset(&contributor, &owner));
    assert!(is_subset(&reader, &owner));
    assert!(is_subset(&uaa, &owner));
    assert!(!is_subset(&owner, &contributor));
    let gap = difference(&owner, &contributor);
    assert!(
        gap.operations
            .iter()
            .any(|op| op.name() == "Microsoft.Authorization/roleAssignments/write")
    );
    assert!(
        gap.operations
            .iter()
            .all(|op| op.provider() == "Microsoft.Authorization")
    );
    // Owner's `*` reaches providers beyond the catalog that Contributor subtracts from.
    assert_eq!(
        gap.unproven,
        [Unproven {
            block: 0,
            list: PermissionList::Actions,
            index: 0,
            pattern: "*".into()
        }]
    );
    assert!(!gap.is_exact());
    assert!(difference(&reader, &contributor).is_empty());
}

#[test]
fn beyond_the_catalog_only_proven_inclusions_count() {
    let compute_read = set(&perms(&["Microsoft.Compute/*/read"], &[]));
    let all_reads = set(&perms(&["*/read"], &[]));
    let compute_all = set(&perms(&["Microsoft.Compute/*"], &[]));
    assert!(is_subset(&compute_read, &all_reads));
    assert!(is_subset(&compute_read, &compute_all));
    assert!(!is_subset(&all_reads, &compute_all));
    let d = difference(&compute_all, &compute_read);
    assert!(d.operations.is_empty(), "no catalog operation in either");
    assert_eq!(d.unproven.len(), 1);
    // A subtraction beyond the catalog in B breaks the proof unless A subtracts it too.
    let b = set(&perms(&["*"], &["Microsoft.Compute/*/delete"]));
    assert!(!is_subset(&compute_all, &b));
    assert!(is_subset(
        &set(&perms(
            &["Microsoft.Compute/*"],
            &["Microsoft.Compute/*/delete"]
        )),
        &b
    ));
    // A subtraction inside the catalog is handled exactly by the catalog part.
    let c = set(&perms(&["*"], &[&ml("workspaces/delete")]));
    assert!(is_subset(&compute_all, &c));
}

#[test]
fn sets_over_different_catalogs_compare_by_name() {
    let other = super::catalog_with_storage();
    let a = PermissionSet::new(&other, &perms(&[&ml("workspaces/read")], &[]));
    let b = set(&perms(&[&ml("workspaces/*")], &[]));
    assert!(is_subset(&a, &b));
    assert!(!is_subset(&b, &a));
    assert_eq!(difference(&a, &set(&perms(&[], &[]))).operations.len(), 1);
    let _ = Catalog::azure();
}
