use std::collections::BTreeSet;

use serde_json::json;
use strum::IntoEnumIterator;

use super::{AssignmentScope, DEFINITIONS, Source, definition, environment_guardrails};
use crate::policy::{Definition, Evaluator, Library, ParameterValues, PolicyResource, Verdict};
use crate::vocabulary::{Guardrail, PolicyEffect};

#[test]
fn every_guardrail_has_one_definition() {
    let listed: Vec<Guardrail> = DEFINITIONS.iter().map(|info| info.guardrail).collect();
    assert_eq!(listed, Guardrail::iter().collect::<Vec<_>>());
    for guardrail in Guardrail::iter() {
        assert_eq!(definition(guardrail).guardrail, guardrail);
    }
}

/// The built-ins' facts written in the catalog are the reference definitions': display name,
/// whether Deny is allowed, not deprecated.
#[test]
fn builtin_facts_match_the_reference() {
    for info in DEFINITIONS {
        let Source::Builtin(guid) = info.source else {
            continue;
        };
        let reference = Library::reference()
            .definition(guid)
            .unwrap_or_else(|| panic!("{guid} is not in the reference"));
        assert_eq!(reference.display_name, info.display_name, "{guid}");
        assert!(!reference.deprecated, "{guid}");
        let allowed = reference.parameters["effect"]
            .allowed_values
            .clone()
            .unwrap();
        assert_eq!(allowed.contains(&json!("Deny")), info.can_deny, "{guid}");
        assert!(allowed.contains(&json!("Audit")), "{guid}");
    }
}

/// mlzone's own definitions parse as policy definitions, carry the catalog's display name,
/// and every assignment of every example passes exactly the parameters its definition
/// declares, with values it accepts.
#[test]
fn assignments_pass_the_parameters_their_definitions_declare() {
    for info in DEFINITIONS {
        if let Some(value) = info.custom_definition() {
            let parsed = Definition::from_value(value).unwrap();
            assert_eq!(parsed.display_name, info.display_name);
            assert_eq!(parsed.name, value["name"].as_str().unwrap());
        }
    }
    let loaded = crate::load_default().unwrap();
    for (id, _) in loaded.estate.environments() {
        for assignment in environment_guardrails(&loaded.estate, id).assignments {
            let info = assignment.definition();
            let parsed = match info.source {
                Source::Builtin(guid) => Library::reference().definition(guid).unwrap().clone(),
                Source::Custom(_) => {
                    Definition::from_value(info.custom_definition().unwrap()).unwrap()
                }
            };
            let declared: BTreeSet<&str> = parsed.parameters.keys().map(String::as_str).collect();
            let passed: BTreeSet<&str> = assignment.parameters.keys().copied().collect();
            assert_eq!(declared, passed, "{}", assignment.guardrail);
            let given: ParameterValues = assignment
                .parameters
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect();
            parsed.bind(&given).unwrap();
        }
    }
}

fn cluster(min: u32, max: u32, remote_login: Option<&str>, public_ip: bool) -> PolicyResource {
    let mut properties = json!({
        "vmSize": "Standard_DS3_v2",
        "enableNodePublicIp": public_ip,
        "scaleSettings": {"minNodeCount": min, "maxNodeCount": max},
    });
    if let Some(access) = remote_login {
        properties["remoteLoginPortPublicAccess"] = json!(access);
    }
    PolicyResource {
        resource_type: "Microsoft.MachineLearningServices/workspaces/computes".into(),
        full_name: "mlw-demo/cl-demo".into(),
        id: None,
        api_version: "2026-05-01".into(),
        location: Some("westeurope".into()),
        body: json!({"properties": {"computeType": "AmlCompute", "disableLocalAuth": true, "properties": properties}})
            .as_object()
            .cloned()
            .unwrap(),
    }
}

fn verdict(
    guardrail: Guardrail,
    parameters: serde_json::Value,
    resource: &PolicyResource,
) -> &'static str {
    let definition =
        Definition::from_value(definition(guardrail).custom_definition().unwrap()).unwrap();
    let mut given: ParameterValues = serde_json::from_value(parameters).unwrap();
    given.insert("effect".into(), json!("Deny"));
    match Evaluator::default()
        .evaluate(&definition, &given, resource)
        .unwrap()
        .verdict
    {
        Verdict::Compliant => "compliant",
        Verdict::NonCompliant { .. } => "non-compliant",
        Verdict::NotApplicable { .. } => "not applicable",
        Verdict::Unknown { .. } => "unknown",
    }
}

/// mlzone's definitions on hand-checked clusters.
#[test]
fn custom_definitions_judge_clusters_as_checked_by_hand() {
    let good = cluster(0, 4, Some("Disabled"), false);
    let table = [
        (
            Guardrail::ClusterScale,
            json!({"maxNodeCount": 4}),
            &good,
            "compliant",
        ),
        (
            Guardrail::ClusterScale,
            json!({"maxNodeCount": 4}),
            &cluster(2, 4, Some("Disabled"), false),
            "non-compliant",
        ),
        (
            Guardrail::ClusterScale,
            json!({"maxNodeCount": 3}),
            &good,
            "non-compliant",
        ),
        (
            Guardrail::ComputeVmSizes,
            json!({"allowedVmSizes": ["standard_ds3_v2"]}),
            &good,
            "compliant",
        ),
        (
            Guardrail::ComputeVmSizes,
            json!({"allowedVmSizes": ["Standard_NC6s_v3"]}),
            &good,
            "non-compliant",
        ),
        (
            Guardrail::ComputeVmSizes,
            json!({"allowedVmSizes": []}),
            &good,
            "non-compliant",
        ),
        (
            Guardrail::ComputeNodePublicIp,
            json!({}),
            &good,
            "compliant",
        ),
        (
            Guardrail::ComputeNodePublicIp,
            json!({}),
            &cluster(0, 4, Some("Disabled"), true),
            "non-compliant",
        ),
        (Guardrail::ClusterRemoteLogin, json!({}), &good, "compliant"),
        (
            Guardrail::ClusterRemoteLogin,
            json!({}),
            &cluster(0, 4, None, false),
            "non-compliant",
        ),
        (
            Guardrail::ClusterRemoteLogin,
            json!({}),
            &cluster(0, 4, Some("Enabled"), false),
            "non-compliant",
        ),
    ];
    for (guardrail, parameters, resource, expected) in table {
        assert_eq!(
            verdict(guardrail, parameters.clone(), resource),
            expected,
            "{guardrail} {parameters}"
        );
    }
}

/// Defaults: audit in development, deny elsewhere, audit where the definition cannot deny;
/// every guardrail of the default topology at the subscription.
#[test]
fn default_effects_and_scopes() {
    let loaded = crate::load_default().unwrap();
    for (id, environment) in loaded.estate.environments() {
        for assignment in environment_guardrails(&loaded.estate, id).assignments {
            let expected = match (environment.stage, assignment.definition().can_deny) {
                (crate::vocabulary::Stage::Development, _) | (_, false) => PolicyEffect::Audit,
                _ => PolicyEffect::Deny,
            };
            assert_eq!(assignment.effect, expected, "{}", assignment.guardrail);
            assert_eq!(assignment.scope, AssignmentScope::Subscription);
        }
    }
}
