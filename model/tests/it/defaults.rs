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
