//! The ARM harness on the reference example, broken variants and nested deployments.

use std::path::Path;

use mlzone_tests::arm;
use serde_json::{Value, json};

fn reference() -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/reference/ml-workspace-private.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn find_mut<'a>(template: &'a mut Value, resource_type: &str) -> &'a mut Value {
    template["resources"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["type"] == resource_type)
        .unwrap()
}

#[test]
fn reference_example_validates() {
    if let Err(errors) = arm::validate_template(&reference()) {
        panic!("{errors:#?}");
    }
}

#[test]
fn a_bad_enum_is_reported_on_its_property() {
    let mut template = reference();
    find_mut(&mut template, "Microsoft.Authorization/roleAssignments")["properties"]["principalType"] =
        json!("Groups");
    let errors = arm::validate_template(&template).unwrap_err();
    let text = errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("/properties/principalType"), "{text}");
    assert!(
        text.contains("Microsoft.Authorization/roleAssignments@2022-04-01"),
        "{text}"
    );
    assert!(text.contains("\"Groups\""), "{text}");
}

#[test]
fn a_missing_required_property_is_reported() {
    let mut template = reference();
    find_mut(&mut template, "Microsoft.Network/privateDnsZones")
        .as_object_mut()
        .unwrap()
        .remove("properties");
    let errors = arm::validate_template(&template).unwrap_err();
    let text = errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        text.contains("\"properties\" is a required property"),
        "{text}"
    );
    assert!(
        text.contains("Microsoft.Network/privateDnsZones@2024-06-01"),
        "{text}"
    );
}

#[test]
fn unknown_top_level_keys_and_unknown_types_fail() {
    let mut template = reference();
    template["languageVersion"] = json!("2.0");
    let errors = arm::validate_template(&template).unwrap_err();
    assert!(
        errors.iter().any(|e| e.message.contains("languageVersion")),
        "{errors:?}"
    );

    let mut template = reference();
    template["resources"].as_array_mut().unwrap().push(json!({
        "type": "Microsoft.Nothing/things", "apiVersion": "2020-01-01", "name": "x"
    }));
    let errors = arm::validate_template(&template).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("no vendored schema")),
        "{errors:?}"
    );
}

fn nested(inner: Value) -> Value {
    json!({
        "$schema": arm::DEPLOYMENT_TEMPLATE,
        "contentVersion": "1.0.0.0",
        "resources": [{
            "type": "Microsoft.Resources/deployments",
            "apiVersion": "2025-04-01",
            "name": "inner",
            "properties": {
                "mode": "Incremental",
                "expressionEvaluationOptions": { "scope": "Inner" },
                "template": inner
            }
        }]
    })
}

#[test]
fn nested_deployments_are_listed_and_validated() {
    let inner = json!({
        "$schema": arm::DEPLOYMENT_TEMPLATE,
        "contentVersion": "1.0.0.0",
        "resources": [{
            "type": "Microsoft.Network/privateDnsZones",
            "apiVersion": "2024-06-01",
            "name": "privatelink.api.azureml.ms",
            "location": "global",
            "properties": {},
            "resources": [{
                "type": "virtualNetworkLinks",
                "apiVersion": "2024-06-01",
                "name": "link",
                "location": "global",
                "properties": { "virtualNetwork": { "id": "[parameters('vnetId')]" } }
            }]
        }]
    });
    let template = nested(inner.clone());
    arm::validate_template(&template).unwrap();
    let listed: Vec<_> = arm::resources(&template)
        .into_iter()
        .map(|r| (r.pointer, r.resource_type, r.name))
        .collect();
    assert_eq!(
        listed,
        [
            (
                "/resources/0".into(),
                "Microsoft.Resources/deployments".into(),
                "inner".into()
            ),
            (
                "/resources/0/properties/template/resources/0".into(),
                "Microsoft.Network/privateDnsZones".into(),
                "privatelink.api.azureml.ms".into()
            ),
            (
                "/resources/0/properties/template/resources/0/resources/0".into(),
                "Microsoft.Network/privateDnsZones/virtualNetworkLinks".into(),
                "privatelink.api.azureml.ms/link".into()
            ),
        ]
    );

    let mut broken = inner;
    broken["resources"][0]
        .as_object_mut()
        .unwrap()
        .remove("properties");
    let errors = arm::validate_template(&nested(broken)).unwrap_err();
    assert!(
        errors.iter().any(|e| e
            .pointer
            .starts_with("/resources/0/properties/template/resources/0")),
        "{errors:?}"
    );
}

#[test]
fn reference_resources_are_listed() {
    let listed = arm::resources(&reference());
    assert_eq!(listed.len(), 10);
    assert_eq!(
        listed[0].resource_type,
        "Microsoft.MachineLearningServices/workspaces"
    );
    assert_eq!(listed[0].api_version, "2026-05-01");
    assert_eq!(listed[0].name, "[parameters('workspaceName')]");
}

#[test]
fn parameter_files_validate() {
    let params = json!({
        "$schema": arm::DEPLOYMENT_PARAMETERS,
        "contentVersion": "1.0.0.0",
        "parameters": { "workspaceName": { "value": "mlw-dev" } }
    });
    arm::validate_parameters(&params).unwrap();
    let mut bad = params;
    bad["extra"] = json!(1);
    assert!(arm::validate_parameters(&bad).is_err());
}
