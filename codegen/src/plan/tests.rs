use super::names::{Namer, compute_name, hash};

#[test]
fn names_fit_and_hash_when_cut() {
    let namer = Namer::new(Some("cont"), "tenant");
    let rule = super::names::Rule {
        what: "workspace",
        prefix: "mlw",
        charset: super::names::Charset::Hyphenated,
        max: 33,
        global: false,
        estate_prefix: true,
        hash_len: super::names::HASH_LEN,
    };
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
}

#[test]
fn a_thousand_synthetic_projects_plan_without_collisions() {
    let document = mlzone_model::synthetic::document(mlzone_model::synthetic::Settings {
        projects: 1000,
        ..mlzone_model::synthetic::Settings::default()
    });
    let estate = mlzone_model::resolve(&document).unwrap();
    let validated = mlzone_model::validate::validate(estate).unwrap();
    let plan = super::Plan::build(&validated).unwrap();
    for environment in &plan.environments {
        let projects: usize = environment
            .deployments
            .iter()
            .map(|d| d.projects.len())
            .sum();
        assert_eq!(projects, 1000);
        for deployment in &environment.deployments {
            assert!(deployment.top_level_resources <= super::split::MAX_RESOURCES);
            assert!(deployment.estimated_bytes <= super::split::BYTE_BUDGET);
        }
    }
}
