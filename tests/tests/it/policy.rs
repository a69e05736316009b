//! What the policy evaluator judges is what is deployed.
//!
//! For every example, the resources the model describes to the evaluator
//! (`policy::planned::resources`) are the resources of the generated ARM templates (same
//! types, names and API versions), and every reference definition gives the same effect and
//! verdict, with the same deciding conditions, on the model's description and on the
//! resource read from the ARM template.

use std::collections::BTreeMap;

use mlzone_codegen::{FileSet, Target, Templates, generate};
use mlzone_model::policy::planned::{self, Planned};
use mlzone_model::policy::{Evaluator, Library, ParameterValues, PolicyResource, Verdict};
use mlzone_model::validate::validate;
use mlzone_model::{Format, Limits, load_estate};
use mlzone_tests::arm;
use serde_json::{Map, Value, json};

/// (lower-case type, full name) → resource.
type ByKey = BTreeMap<(String, String), PolicyResource>;

fn arm_resources(files: &FileSet) -> ByKey {
    let types: Vec<String> = planned::resource_types().map(str::to_lowercase).collect();
    let mut out = ByKey::new();
    for (path, text) in files.iter() {
        if !path.as_str().ends_with(".json") {
            continue;
        }
        let template: Value = serde_json::from_str(text).unwrap();
        let is_template = template["$schema"]
            .as_str()
            .is_some_and(|s| s.to_lowercase().contains("deploymenttemplate.json"));
        if !is_template {
            continue;
        }
        for found in arm::resources(&template) {
            if !types.contains(&found.resource_type.to_lowercase()) {
                continue;
            }
            let raw = template.pointer(&found.pointer).unwrap();
            let mut body = Map::new();
            for key in ["kind", "sku", "identity", "tags", "properties"] {
                if let Some(v) = raw.get(key) {
                    body.insert(key.to_owned(), v.clone());
                }
            }
            let resource = PolicyResource {
                resource_type: found.resource_type.clone(),
                full_name: found.name.clone(),
                id: None,
                api_version: found.api_version.clone(),
                location: raw["location"].as_str().map(str::to_owned),
                body,
            };
            let key = (found.resource_type.to_lowercase(), found.name.clone());
            if let Some(before) = out.insert(key.clone(), resource.clone()) {
                assert_eq!(before, resource, "{key:?} is written twice, differently");
            }
        }
    }
    out
}

/// Parameter values that make the reference definitions with required parameters
/// evaluable, given only to the definitions that declare them.
fn parameters_for(declared: &[&String]) -> ParameterValues {
    let known = json!({
        "allowedVmSizes": ["Standard_DS3_v2", "Standard_E4ds_v4"],
        "maxNodeCount": 4,
        "minNodeCount": 0,
        "maxNodeIdleTimeInSecondsBeforeScaleDown": 900,
        "isolationMode": "AllowOnlyApprovedOutbound",
        "privateLinkDnsZones": ["privatelink.api.azureml.ms"],
    });
    declared
        .iter()
        .filter_map(|name| Some(((*name).clone(), known.get(name.as_str())?.clone())))
        .collect()
}

/// The verdict without the explanation's wording: label and deciding pointers.
fn shape(verdict: &Verdict) -> (String, Vec<String>) {
    let pointers = match verdict {
        Verdict::NonCompliant { because } | Verdict::Unknown { because } => {
            because.iter().map(|b| b.pointer.clone()).collect()
        }
        Verdict::Compliant | Verdict::NotApplicable { .. } => Vec::new(),
    };
    (verdict.label().to_owned(), pointers)
}

#[test]
fn every_example_is_judged_alike_from_the_model_and_from_its_arm() {
    let templates = Templates::builtin().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let library = Library::reference();
    let evaluator = Evaluator::default();
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    let mut examples = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let name = path.display().to_string();
        let text = std::fs::read(&path).unwrap();
        let loaded = load_estate(&name, &text, Some(Format::Yaml), &Limits::default()).unwrap();
        let validated = validate(loaded.estate).unwrap();
        let files = generate(&validated, &[Target::Arm], &templates).unwrap();
        let from_arm = arm_resources(&files);
        let planned: Vec<Planned> = planned::resources(validated.estate());
        let from_model: ByKey = planned
            .iter()
            .map(|p| {
                (
                    (
                        p.resource.resource_type.to_lowercase(),
                        p.resource.full_name.clone(),
                    ),
                    p.resource.clone(),
                )
            })
            .collect();
        assert_eq!(planned.len(), from_model.len(), "{name}: a resource twice");
        assert_eq!(
            from_model.keys().collect::<Vec<_>>(),
            from_arm.keys().collect::<Vec<_>>(),
            "{name}: the model describes other resources than the ARM deploys"
        );
        for (key, model) in &from_model {
            let deployed = &from_arm[key];
            assert_eq!(model.api_version, deployed.api_version, "{name}: {key:?}");
            assert_eq!(
                model.location.is_some(),
                deployed.location.is_some(),
                "{key:?}"
            );
            for definition in library.definitions() {
                let declared: Vec<&String> = definition.parameters.keys().collect();
                let values = parameters_for(&declared);
                let a = evaluator.evaluate(definition, &values, model).unwrap();
                let b = evaluator.evaluate(definition, &values, deployed).unwrap();
                assert_eq!(a.effect, b.effect);
                assert_eq!(
                    shape(&a.verdict),
                    shape(&b.verdict),
                    "{name}: `{}` on {key:?}:\nmodel: {:?}\narm: {:?}",
                    definition.name,
                    a.verdict,
                    b.verdict
                );
                *tally.entry(a.verdict.label().to_owned()).or_default() += 1;
            }
        }
        examples += 1;
    }
    assert!(examples >= 6);
    // Not vacuous: the examples meet every kind of verdict.
    for label in ["compliant", "non-compliant", "not applicable", "unknown"] {
        assert!(
            tally.get(label).is_some_and(|n| *n > 0),
            "{label}: {tally:?}"
        );
    }
}
