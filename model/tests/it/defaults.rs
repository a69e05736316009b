//! Defaults that merge: written personas add to or replace the CAF personas by name, and
//! written environments keep the defaults of their stage.

use mlzone_model::vocabulary::InferenceMode;
use mlzone_model::{Code, Estate, Format, Limits, load_estate};

const HEAD: &str = "organisation: Contoso\ntenant: 467096de-d9e3-4d6f-89d6-ef231900a05a\nlocation: westeurope\nprojects:\n  - name: churn\n";

fn load(body: &str) -> Result<Estate, Vec<mlzone_model::Diagnostic>> {
    let text = format!("{HEAD}{body}");
    load_estate(
        "estate.yaml",
        text.as_bytes(),
        Some(Format::Yaml),
        &Limits::default(),
    )
    .map(|loaded| loaded.estate)
    .map_err(Vec::from)
}

fn persona_names(estate: &Estate) -> Vec<String> {
    estate.personas().map(|(_, p)| p.name.to_string()).collect()
}

/// The estate survives document → estate → document → estate.
fn round_trips(estate: &Estate) {
    let text = estate.to_document().to_text(Format::Yaml).unwrap();
    let again = load_estate("again.yaml", text.as_bytes(), None, &Limits::default())
        .unwrap_or_else(|d| panic!("{d:#?}\n{text}"))
        .estate;
    assert_eq!(again.to_document(), estate.to_document(), "{text}");
}

#[test]
fn written_personas_merge_into_the_defaults() {
    let estate = load("personas:\n  auditor:\n    kind: custom\n  stakeholder:\n    description: Signs off releases.\n").unwrap();
    assert_eq!(
        persona_names(&estate),
        [
            "auditor",
            "data-engineer",
            "data-scientist",
            "mlops-engineer",
            "stakeholder",
            "workspace-admin"
        ]
    );
    let stakeholder = estate.persona_by_name("stakeholder").unwrap();
    assert_eq!(
        estate[stakeholder].description.as_deref(),
        Some("Signs off releases.")
    );
    round_trips(&estate);
}

#[test]
fn remove_drops_a_default_persona_and_survives_a_round_trip() {
    let estate = load("personas:\n  data-engineer:\n    remove: true\n").unwrap();
    assert_eq!(
        persona_names(&estate),
        [
            "data-scientist",
            "mlops-engineer",
            "stakeholder",
            "workspace-admin"
        ]
    );
    let personas = estate.to_document().personas.unwrap();
    assert!(
        personas
            .iter()
            .any(|(name, p)| name.as_str() == "data-engineer" && p.remove)
    );
    round_trips(&estate);
}

#[test]
fn remove_is_refused_beside_other_keys_or_on_a_persona_of_the_document() {
    for (body, path) in [
        (
            "personas:\n  auditor:\n    remove: true\n",
            "/personas/auditor/remove",
        ),
        (
            "personas:\n  stakeholder:\n    remove: true\n    description: x\n",
            "/personas/stakeholder/remove",
        ),
    ] {
        let diagnostics = load(body).unwrap_err();
        assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
        assert_eq!(diagnostics[0].code, Code::InvalidValue);
        assert_eq!(diagnostics[0].path, path);
        assert!(diagnostics[0].location.is_some());
    }
}

const ENVIRONMENTS: &str = "environments:\n  - name: dev\n    stage: development\n  - name: qa\n    stage: test\n    promotes-from: [dev]\n  - name: live\n    stage: production\n    promotes-from: [qa]\n";

#[test]
fn written_environments_keep_the_defaults_of_their_stage() {
    let estate = load(ENVIRONMENTS).unwrap();
    let environments: Vec<_> = estate.environments().map(|(_, e)| e).collect();
    let [dev, qa, live] = environments.as_slice() else {
        panic!("three environments");
    };
    assert!(dev.approval.is_none() && dev.testing.is_none() && dev.inference.is_empty());
    assert!(qa.testing.is_some());
    let approver = live
        .approval
        .as_ref()
        .expect("production keeps its approval gate")
        .persona;
    assert_eq!(estate[approver].name.as_str(), "stakeholder");
    assert!(live.inference.contains(&InferenceMode::Batch));
    assert!(live.inference.contains(&InferenceMode::RealTime));
    round_trips(&estate);
}

#[test]
fn without_approval_drops_the_default_gate() {
    let estate = load(&format!("{ENVIRONMENTS}    without-approval: true\n")).unwrap();
    let live = estate.environments().last().unwrap().1;
    assert!(live.approval.is_none());
    round_trips(&estate);

    let both = format!(
        "{ENVIRONMENTS}    without-approval: true\n    approval:\n      persona: stakeholder\n"
    );
    let dev = ENVIRONMENTS.replace(
        "stage: development\n",
        "stage: development\n    without-approval: true\n",
    );
    for (body, path) in [
        (both, "/environments/2/without-approval"),
        (dev, "/environments/0/without-approval"),
    ] {
        let diagnostics = load(&body).unwrap_err();
        assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
        assert_eq!(diagnostics[0].path, path);
    }
}

#[test]
fn the_registry_lives_in_production_by_default_and_survives_a_round_trip() {
    use mlzone_model::estate::RegistryHome;
    let estate = load("").unwrap();
    let registry = estate.registry().expect("a registry by default");
    let prod = estate.environment_by_name("prod").unwrap();
    assert_eq!(registry.home, RegistryHome::Environment(prod));
    assert_eq!(registry.location.as_str(), "westeurope");
    assert!(registry.replication.is_empty());
    let publisher_names: Vec<String> = registry
        .publishers
        .iter()
        .map(|(p, e)| format!("{}@{}", estate[*p].name, estate[*e].name))
        .collect();
    assert_eq!(
        publisher_names,
        [
            "data-engineer@dev",
            "data-scientist@dev",
            "mlops-engineer@dev"
        ]
    );
    let reader_names: Vec<String> = registry
        .readers
        .iter()
        .map(|(p, e)| format!("{}@{}", estate[*p].name, estate[*e].name))
        .collect();
    assert_eq!(reader_names, ["mlops-engineer@test", "mlops-engineer@prod"]);
    round_trips(&estate);
}

#[test]
fn a_written_registry_resolves_and_survives_a_round_trip() {
    use mlzone_model::estate::RegistryHome;
    use mlzone_model::vocabulary::Network;
    let estate = load(
        "registry:\n  subscription: 0b9a7c3e-55d4-4c1e-9a38-1f2d3e4c5b6a\n  location: northeurope\n  replication: [westeurope, swedencentral]\n  network: private\n  publishers:\n    mlops-engineer: [dev, test]\n  reader-role: AzureML Registry User\n",
    )
    .unwrap();
    let registry = estate.registry().unwrap();
    assert!(matches!(registry.home, RegistryHome::Subscription(_)));
    assert_eq!(registry.network, Network::Private);
    assert_eq!(registry.replication.len(), 2);
    assert_eq!(registry.publishers.len(), 2);
    assert_eq!(
        registry.reader_role.reference_name(&estate),
        "AzureML Registry User"
    );
    round_trips(&estate);
}

#[test]
fn a_removed_registry_stays_removed() {
    let estate = load("registry:\n  remove: true\n").unwrap();
    assert!(estate.registry().is_none());
    round_trips(&estate);
}

#[test]
fn registry_mistakes_are_located() {
    let codes = |body: &str| -> Vec<(Code, String)> {
        load(body)
            .unwrap_err()
            .into_iter()
            .map(|d| (d.code, d.path.clone()))
            .collect()
    };
    assert_eq!(
        codes(
            "registry:\n  environment: prod\n  subscription: 0b9a7c3e-55d4-4c1e-9a38-1f2d3e4c5b6a\n"
        ),
        [(Code::InvalidValue, "/registry/subscription".to_owned())]
    );
    assert_eq!(
        codes("registry:\n  environment: prdo\n"),
        [(Code::UnknownReference, "/registry/environment".to_owned())]
    );
    assert_eq!(
        codes("registry:\n  replication: [westeurope]\n"),
        [(Code::InvalidValue, "/registry/replication/0".to_owned())]
    );
    assert_eq!(
        codes("registry:\n  publishers:\n    data-scientst: [dev]\n    mlops-engineer: [dve]\n"),
        [
            (
                Code::UnknownReference,
                "/registry/publishers/data-scientst".to_owned()
            ),
            (
                Code::UnknownReference,
                "/registry/publishers/mlops-engineer/0".to_owned()
            )
        ]
    );
    assert_eq!(
        codes("registry:\n  remove: true\n  location: westeurope\n"),
        [(Code::InvalidValue, "/registry/remove".to_owned())]
    );
    assert_eq!(
        codes("registry:\n  publisher-role: Registry Userr\n"),
        [(
            Code::UnknownReference,
            "/registry/publisher-role".to_owned()
        )]
    );
}
