use std::collections::BTreeMap;
use std::sync::Arc;

use mlzone_model::naming::Scope;
use proptest::prelude::*;

use super::{Registry, Symbols};
use crate::error::Error;

fn region(name: &str) -> Scope {
    Scope::Region(name.into())
}

#[test]
fn a_name_taken_by_another_owner_is_a_collision_whatever_its_case() {
    let mut registry = Registry::default();
    let scope = region("weu");
    registry
        .claim_in(
            &scope,
            "storage",
            "storage account",
            "MlStore",
            "project `a`",
        )
        .unwrap();
    let err = registry
        .claim_in(
            &scope,
            "storage",
            "storage account",
            "mlstore",
            "project `b`",
        )
        .unwrap_err();
    assert_eq!(
        err,
        Error::NameCollision {
            what: "storage account",
            name: "mlstore".to_owned(),
            first: "project `a`".to_owned(),
            second: "project `b`".to_owned(),
        }
    );
}

#[test]
fn an_owner_may_claim_its_own_name_again() {
    let mut registry = Registry::default();
    let scope = region("weu");
    registry
        .claim_in(&scope, "storage", "storage account", "store", "project `a`")
        .unwrap();
    // Another `Arc` with the same text is the same owner.
    registry
        .claim_in(&scope, "storage", "storage account", "STORE", "project `a`")
        .unwrap();
}

#[test]
fn scopes_and_namespaces_keep_names_apart() {
    let mut registry = Registry::default();
    for (scope, namespace) in [
        (region("weu"), "storage"),
        (region("neu"), "storage"),
        (region("weu"), "vault"),
        (Scope::Azure, "storage"),
    ] {
        let owner = format!("{scope:?} {namespace}");
        registry
            .claim_in(&scope, namespace, "resource", "shared", owner)
            .unwrap();
    }
}

#[test]
fn symbols_number_a_clash_and_respect_their_base() {
    let mut base = Symbols::default();
    assert_eq!(base.fresh("storage account"), "storageAccount");
    let base = Arc::new(base);
    let mut file = Symbols::on(&base);
    assert_eq!(file.fresh("storage account"), "storageAccount2");
    assert_eq!(file.fresh("Storage Account"), "storageAccount3");
    assert_eq!(file.fresh("vault"), "vault");
}

/// One claim of the property test: a scope, a namespace, a name and an owner, each from a
/// few choices so that collisions and re-claims are common.
fn claims() -> impl Strategy<Value = Vec<(usize, usize, String, usize)>> {
    prop::collection::vec((0..3_usize, 0..2_usize, "[aAbB]{1,3}", 0..3_usize), 0..64)
}

proptest! {
    /// The registry answers every claim as a plain map of lowercase names would.
    #[test]
    fn registry_agrees_with_an_ordered_map(claims in claims()) {
        let scopes = [Scope::Azure, Scope::Tenant, region("weu")];
        let namespaces = ["storage", "vault"];
        let mut registry = Registry::default();
        let mut reference: BTreeMap<(usize, usize, String), usize> = BTreeMap::new();
        for (scope, namespace, name, owner) in claims {
            let expected = match reference.get(&(scope, namespace, name.to_ascii_lowercase())) {
                Some(&first) if first != owner => Err(Error::NameCollision {
                    what: "resource",
                    name: name.clone(),
                    first: format!("owner {first}"),
                    second: format!("owner {owner}"),
                }),
                Some(_) => Ok(()),
                None => {
                    reference.insert((scope, namespace, name.to_ascii_lowercase()), owner);
                    Ok(())
                }
            };
            let got = registry.claim_in(
                &scopes[scope],
                namespaces[namespace],
                "resource",
                &name,
                format!("owner {owner}"),
            );
            prop_assert_eq!(got, expected);
        }
    }
}
