use super::*;
use crate::vocabulary::PersonaKind;

const JOBS_WRITE: &str = "Microsoft.MachineLearningServices/workspaces/jobs/write";
const COMPUTES_WRITE: &str = "Microsoft.MachineLearningServices/workspaces/computes/write";

fn default_estate() -> Estate {
    crate::load_default().unwrap().estate
}

fn ids(estate: &Estate, persona: &str) -> (PersonaId, [EnvironmentId; 3]) {
    let persona = estate.persona_named(persona).unwrap();
    let envs = ["dev", "test", "prod"].map(|name| estate.environment_named(name).unwrap());
    (persona, envs)
}

#[test]
fn data_scientists_run_jobs_in_dev_but_create_no_compute() {
    let estate = default_estate();
    let access = Access::new(&estate);
    let (scientist, [dev, _, _]) = ids(&estate, "data-scientist");
    let (project, _) = estate.projects().next().unwrap();
    let set = access.persona_permissions(scientist, dev, project).unwrap();
    assert!(set.allows(JOBS_WRITE).is_granted());
    assert!(!set.allows(COMPUTES_WRITE).is_granted());

    let explanation = access.explain(scientist, dev, None, COMPUTES_WRITE);
    assert!(explanation.in_catalog);
    assert_eq!(explanation.groups.len(), 1);
    let answer = &explanation.groups[0];
    assert_eq!(answer.role.as_deref(), Some("data-scientist"));
    assert!(
        matches!(&answer.decision, Verdict::Removed { removed_by, .. } if removed_by.contains("computes")),
        "{answer:?}"
    );
}

#[test]
fn production_is_read_only_for_data_scientists() {
    let estate = default_estate();
    let access = Access::new(&estate);
    let (scientist, [_, _, prod]) = ids(&estate, "data-scientist");
    for (project, _) in estate.projects() {
        let set = access
            .persona_permissions(scientist, prod, project)
            .unwrap();
        for op in set.granted_operations() {
            assert!(
                op.name().to_ascii_lowercase().ends_with("/read"),
                "{}",
                op.name()
            );
        }
        assert!(!set.allows(JOBS_WRITE).is_granted());
    }
}

#[test]
fn data_scientists_lose_writes_from_dev_to_prod_and_gain_nothing() {
    let estate = default_estate();
    let access = Access::new(&estate);
    let (scientist, [dev, _, prod]) = ids(&estate, "data-scientist");
    let report = access.diff(scientist, dev, prod, None);
    assert!(!report.groups.is_empty());
    for group in &report.groups {
        assert!(group.known);
        assert!(group.gained.is_empty(), "{:?}", group.gained);
        assert!(group.unproven_gained.is_empty());
        assert!(group.lost.iter().any(|op| op == JOBS_WRITE));
    }
}

#[test]
fn devops_gains_from_dev_to_test() {
    let estate = default_estate();
    let access = Access::new(&estate);
    let (devops, [dev, test, _]) = ids(&estate, "mlops-engineer");
    let report = access.diff(devops, dev, test, None);
    for group in &report.groups {
        assert!(!group.gained.is_empty());
        assert!(group.gained.iter().any(|op| op == COMPUTES_WRITE));
        assert!(group.lost.is_empty(), "{:?}", group.lost);
    }
}

#[test]
fn unknown_operations_get_a_suggestion() {
    let estate = default_estate();
    let access = Access::new(&estate);
    let (scientist, [dev, _, _]) = ids(&estate, "data-scientist");
    let explanation = access.explain(
        scientist,
        dev,
        None,
        "Microsoft.MachineLearningServices/workspaces/jobs/wrte",
    );
    assert!(!explanation.in_catalog);
    assert_eq!(explanation.did_you_mean.as_deref(), Some(JOBS_WRITE));
}

#[test]
fn projects_with_the_same_factors_are_grouped() {
    let document = crate::synthetic::document(crate::synthetic::Settings {
        projects: 8,
        ..crate::synthetic::Settings::default()
    });
    let estate = crate::resolve(&document).unwrap();
    let access = Access::new(&estate);
    let scientist = estate
        .personas()
        .find(|(_, p)| p.kind == PersonaKind::DataScientist)
        .map(|(id, _)| id)
        .unwrap();
    let dev = estate.environment_named("dev").unwrap();
    let explanation = access.explain(scientist, dev, None, COMPUTES_WRITE);
    // Restricted projects: removed by the data scientist role; unrestricted: Contributor grants.
    assert_eq!(explanation.groups.len(), 2, "{explanation:#?}");
    assert_eq!(explanation.groups[0].projects.len(), 4);
    let json = serde_json::to_value(&explanation).unwrap();
    assert_eq!(json["groups"][1]["decision"]["decision"], "granted");
}

#[test]
fn custom_roles_compose_with_their_bases() {
    let estate = crate::load_estate(
        "enterprise.yaml",
        include_bytes!("../../tests/fixtures/examples/enterprise.yaml"),
        None,
        &crate::Limits::default(),
    )
    .unwrap()
    .estate;
    let access = Access::new(&estate);
    assert!(access.role_errors().is_empty());
    let auditor = estate.persona_named("auditor").unwrap();
    let test = estate.environment_named("test").unwrap();
    let explanation = access.explain(
        auditor,
        test,
        None,
        "Microsoft.MachineLearningServices/workspaces/models/read",
    );
    assert!(explanation.groups.iter().all(|g| g.decision.is_granted()));
    assert_eq!(
        explanation.groups[0].role.as_deref(),
        Some("model-validator")
    );
}
