//! The validator's SARIF output is a valid SARIF 2.1.0 log (checked against the official
//! schema) whose results point at their rules and at the document.

use std::path::PathBuf;

use mlzone_model::{Limits, load_estate};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sarif_of(relative: &str) -> Value {
    let path = root().join(relative);
    let bytes = std::fs::read(&path).unwrap();
    let limits = Limits {
        max_bytes: 4 * 1024 * 1024,
        ..Limits::default()
    };
    let loaded = load_estate(relative, &bytes, None, &limits).unwrap();
    let report = mlzone_model::validate::check(&loaded.estate);
    report.to_sarif(&loaded.located)
}

#[test]
fn sarif_logs_are_valid_against_the_schema() {
    let mut schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("fixtures/sarif/sarif-2.1.0-rtm.5.json")).unwrap(),
    )
    .unwrap();
    // The published schema's `language` patterns are not valid regular expressions (an
    // unbalanced `]`), which the meta-schema refuses; use the pattern they were meant to be.
    assert_eq!(fix_language_patterns(&mut schema), 2);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut cases: Vec<String> = std::fs::read_dir(root().join("fixtures/invalid"))
        .unwrap()
        .map(|entry| {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            format!("fixtures/invalid/{name}/estate.yaml")
        })
        .collect();
    cases.sort();
    cases.push("../examples/enterprise.yaml".to_owned());
    assert!(cases.len() > 30);
    for case in cases {
        let log = sarif_of(&case);
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{case}: {errors:#?}");

        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        for rule in rules {
            assert!(rule["shortDescription"]["text"].is_string());
            assert!(rule["defaultConfiguration"]["level"].is_string());
        }
        for result in run["results"].as_array().unwrap() {
            let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
            assert_eq!(rules[index]["id"], result["ruleId"], "{case}");
            let region = &result["locations"][0]["physicalLocation"]["region"];
            assert!(
                region["startLine"].as_u64().unwrap() >= 1,
                "{case}: {result}"
            );
        }
    }
}

#[test]
fn sarif_names_every_rule_of_the_catalog() {
    let log = sarif_of("fixtures/invalid/promotion-cycle/estate.yaml");
    let ids: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    for info in mlzone_model::validate::rules() {
        assert!(ids.contains(&info.code.as_str()), "{}", info.code);
    }
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "promotion-cycle");
    assert_eq!(log["runs"][0]["results"][0]["level"], "error");
}

const BROKEN_LANGUAGE: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

pub(crate) fn fix_language_patterns(value: &mut Value) -> usize {
    match value {
        Value::String(text) if text == BROKEN_LANGUAGE => {
            *text = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".to_owned();
            1
        }
        Value::Array(items) => items.iter_mut().map(fix_language_patterns).sum(),
        Value::Object(map) => map.values_mut().map(fix_language_patterns).sum(),
        _ => 0,
    }
}
