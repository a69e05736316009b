use super::rules::{self, ALL};
use super::{Namer, compute_name, hash};

#[test]
fn names_fit_and_hash_when_cut() {
    let namer = Namer::new(Some("cont"), "tenant");
    let rule = rules::WORKSPACE;
    assert_eq!(namer.name(&rule, &["churn", "dev"]), "mlw-cont-churn-dev");
    let long = namer.name(&rule, &["a-very-long-project-name-indeed", "dev"]);
    assert_eq!(long.len(), 33, "{long}");
    assert_ne!(
        long,
        namer.name(&rule, &["a-very-long-project-name-indeed", "test"])
    );
}

#[test]
fn compute_names_never_end_in_hyphen_digits() {
    assert_eq!(compute_name("pl-train-2"), "pl-trainx2");
    assert_eq!(compute_name("cl-ds3-v2"), "cl-ds3-v2");
    assert_eq!(compute_name("cl-m128"), "cl-m128");
    assert!(hash(&["x"], 5).chars().all(|c| c.is_ascii_lowercase()));
    let namer = Namer::new(None, "tenant");
    assert_eq!(
        namer.name(&rules::PIPELINE_CLUSTER, &["scoring-2"]),
        "pl-scoringx2"
    );
}

#[test]
fn global_names_carry_a_tenant_hash() {
    let a = Namer::new(Some("cont"), "tenant-a");
    let b = Namer::new(Some("cont"), "tenant-b");
    let name = a.name(&rules::STORAGE, &["churn", "dev"]);
    assert!(name.starts_with("stcontchurndev"), "{name}");
    assert_eq!(name.len(), "stcontchurndev".len() + super::HASH_LEN);
    assert_ne!(name, b.name(&rules::STORAGE, &["churn", "dev"]));
    // Storage drops hyphens, the hash keeps `a-bc` and `ab-c` apart.
    assert_ne!(
        a.name(&rules::STORAGE, &["a-bc", "dev"]),
        a.name(&rules::STORAGE, &["ab-c", "dev"])
    );
}

#[test]
fn long_names_of_every_kind_are_valid() {
    let namer = Namer::new(Some("a-long-estate-prefix"), "tenant");
    let long = "a-very-long-project-name-for-fraud-01";
    for rule in ALL {
        let name = namer.name(&rule, &[long, "production-2"]);
        assert!(rule.check(&name).is_ok(), "{}: {name}", rule.what);
        let short = namer.name(&rule, &["x", "y"]);
        assert!(rule.check(&short).is_ok(), "{}: {short}", rule.what);
    }
}

#[test]
fn rules_of_each_kind() {
    assert!(rules::STORAGE.check("ab").is_err());
    assert!(rules::STORAGE.check("st-x-dev").is_err());
    assert!(rules::CLUSTER.check("scoring-2").is_err());
    assert!(rules::CLUSTER.check("2scoring").is_err());
    assert!(rules::CLUSTER.check("cl").is_err());
    assert!(rules::KEY_VAULT.check("kv--x").is_err());
    assert!(rules::CONTAINER_REGISTRY.check("crab").is_err());
    assert!(rules::WORKSPACE.check("mlw-ok-1").is_ok());
    assert!(rules::WORKSPACE.check("mlw-ok-").is_err());
}
