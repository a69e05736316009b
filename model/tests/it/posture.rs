//! Each environment's posture: the stage's defaults, and the document's choices with reasons.

use mlzone_model::Document;
use mlzone_model::resolve::defaults;
use mlzone_model::vocabulary::{Redundancy, Stage};

fn resolve(text: &str) -> mlzone_model::Estate {
    let document: Document = serde_saphyr::from_str(text).unwrap();
    mlzone_model::resolve(&document).unwrap()
}

const HEAD: &str = "organisation: Contoso
tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a
location: westeurope
projects: []
";

#[test]
fn stages_default_to_local_storage_before_production_and_purge_protection_everywhere() {
    let estate = resolve(HEAD);
    let mut seen = Vec::new();
    for (_, environment) in estate.environments() {
        let posture = &environment.posture;
        assert!(posture.purge_protection, "{}", environment.name);
        assert_eq!(posture.purge_protection_reason, None);
        let expected = match environment.stage {
            Stage::Production => Redundancy::Geo,
            Stage::Development | Stage::Test => Redundancy::Local,
        };
        assert_eq!(posture.storage_redundancy, expected, "{}", environment.name);
        assert_eq!(
            posture.storage_redundancy_reason.as_deref(),
            defaults::local_redundancy_reason(environment.stage),
        );
        seen.push(environment.stage);
    }
    assert_eq!(seen, [Stage::Development, Stage::Test, Stage::Production]);
}

#[test]
fn the_document_overrides_the_stage_and_its_reasons_are_kept() {
    let estate = resolve(&format!(
        "{HEAD}environments:
  - name: dev
    stage: development
    posture:
      storage-redundancy: zone
      purge-protection: false
      purge-protection-reason: sandboxes are deleted every night
  - name: prod
    stage: production
    promotes-from: [dev]
    posture:
      storage-redundancy: local
      storage-redundancy-reason: scratch data only, the lake keeps the copies
"
    ));
    let dev = &estate[estate.environment_named("dev").unwrap()].posture;
    assert_eq!(dev.storage_redundancy, Redundancy::Zone);
    assert_eq!(dev.storage_redundancy_reason, None);
    assert!(!dev.purge_protection);
    assert_eq!(
        dev.purge_protection_reason.as_deref(),
        Some("sandboxes are deleted every night")
    );
    let prod = &estate[estate.environment_named("prod").unwrap()].posture;
    assert_eq!(prod.storage_redundancy, Redundancy::Local);
    assert_eq!(
        prod.storage_redundancy_reason.as_deref(),
        Some("scratch data only, the lake keeps the copies")
    );
    assert!(prod.purge_protection);
}

#[test]
fn the_written_out_document_states_the_posture_and_resolves_to_the_same_estate() {
    let estate = resolve(HEAD);
    let document = estate.to_document();
    for environment in document.environments.as_ref().unwrap() {
        let posture = &environment.posture;
        assert!(posture.storage_redundancy.is_some(), "{}", environment.name);
        assert_eq!(posture.purge_protection, Some(true));
        // The stage's own reason is not repeated in the document.
        assert_eq!(posture.storage_redundancy_reason, None);
    }
    let again = mlzone_model::resolve(&document).unwrap();
    let postures = |estate: &mlzone_model::Estate| {
        estate
            .environments()
            .map(|(_, environment)| environment.posture.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(postures(&again), postures(&estate));
    assert_eq!(again.to_document(), document);
}

/// A reason with invisible characters is refused as a reason, not as a name.
#[test]
fn a_reason_with_invisible_characters_is_named_a_reason() {
    let text = format!(
        "{HEAD}environments:\n  - name: dev\n    stage: development\n    posture:\n      purge-protection: false\n      purge-protection-reason: \"a\\u2028b\"\n"
    );
    let document: Document = serde_saphyr::from_str(&text).unwrap();
    let problems = mlzone_model::resolve(&document).unwrap_err();
    let problem = problems
        .iter()
        .find(|d| d.path == "/environments/0/posture/purge-protection-reason")
        .unwrap();
    assert!(
        problem.message.starts_with("a reason contains invisible"),
        "{problem:?}"
    );
}
