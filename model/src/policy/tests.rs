//! The reference library parses; the evaluator's verdicts match a table checked by hand
//! against each rule's text; property tests of the operators.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::evaluate::apply;
use super::*;

#[test]
fn every_reference_file_parses() {
    let library = Library::reference();
    assert_eq!(library.errors(), &[] as &[(String, PolicyError)]);
    assert_eq!(library.definitions().len(), 44);
    assert_eq!(library.set_definitions().len(), 3);
    assert_eq!(library.assignments().len(), 3);
    // Every assignment and initiative expands; every member the library holds binds.
    for name in [
        "Deny-Public-Endpoints",
        "Audit-PeDnsZones",
        "Deploy-Private-DNS-Zones",
    ] {
        let applied = library
            .expand(name, &ParameterValues::new())
            .unwrap()
            .unwrap();
        assert!(!applied.is_empty(), "{name}");
    }
    let guardrails = library
        .expand(
            "Enforce-Guardrails-MachineLearning",
            &ParameterValues::new(),
        )
        .unwrap()
        .unwrap();
    assert!(guardrails.iter().filter(|a| a.definition.is_ok()).count() >= 8);
}

#[test]
fn every_alias_the_reference_uses_on_mlzone_types_is_in_the_table() {
    let types: Vec<&str> = planned::resource_types().collect();
    let mut missing = Vec::new();
    for definition in Library::reference().definitions() {
        let mut fields = Vec::new();
        collect_fields(&definition.condition, &mut fields);
        for field in fields {
            let Some((namespace_type, _)) = field.rsplit_once('/') else {
                continue;
            };
            let concerns = types.iter().any(|t| {
                namespace_type.eq_ignore_ascii_case(t)
                    || field
                        .to_lowercase()
                        .starts_with(&format!("{}/", t.to_lowercase()))
            });
            if concerns && Aliases::builtin().get(&field).is_none() {
                missing.push(format!("{}: {field}", definition.name));
            }
        }
    }
    assert_eq!(missing, Vec::<String>::new());
}

fn collect_fields(condition: &Condition, out: &mut Vec<String>) {
    match &condition.kind {
        ConditionKind::AllOf(m) | ConditionKind::AnyOf(m) => {
            m.iter().for_each(|c| collect_fields(c, out));
        }
        ConditionKind::Not(inner) => collect_fields(inner, out),
        ConditionKind::Leaf(leaf) => match &leaf.subject {
            Subject::Field(f) => out.push(f.clone()),
            Subject::Count(count) => {
                if let CountSource::Field(f) = &count.source {
                    out.push(f.clone());
                }
                if let Some(w) = &count.filter {
                    collect_fields(w, out);
                }
            }
            Subject::Value(_) => {}
        },
    }
}

fn resource(resource_type: &str, body: Value) -> PolicyResource {
    PolicyResource {
        resource_type: resource_type.to_owned(),
        full_name: "parent/child".to_owned(),
        id: None,
        api_version: "2026-05-01".to_owned(),
        location: Some("westeurope".to_owned()),
        body: body.as_object().cloned().unwrap_or_default(),
    }
}

const WS: &str = "Microsoft.MachineLearningServices/workspaces";
const COMPUTE: &str = "Microsoft.MachineLearningServices/workspaces/computes";
const PE: &str = "Microsoft.Network/privateEndpoints";

fn verdict(definition: &str, parameters: Value, resource: &PolicyResource, facts: Facts) -> String {
    let definition = Library::reference().definition(definition).unwrap();
    let parameters: ParameterValues = parameters
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    Evaluator::new(Aliases::builtin(), facts)
        .evaluate(definition, &parameters, resource)
        .unwrap()
        .verdict
        .label()
        .to_owned()
}

/// Each row: definition, parameters, resource type, body, expected verdict — checked by
/// reading the rule's `if`.
/// `may_apply` only excludes what evaluation finds not applicable: every definition of the
/// library on a resource of every type mlzone plans, with its parameters' defaults (or the
/// first allowed value).
#[test]
fn may_apply_excludes_only_what_evaluation_finds_not_applicable() {
    let evaluator = Evaluator::new(Aliases::builtin(), Facts::default());
    let mut excluded = 0;
    for definition in Library::reference().definitions() {
        let given: ParameterValues = definition
            .parameters
            .iter()
            .filter(|(_, spec)| spec.default_value.is_none())
            .filter_map(|(name, spec)| {
                let first = spec.allowed_values.as_ref()?.first()?;
                Some((name.clone(), first.clone()))
            })
            .collect();
        for resource_type in planned::resource_types() {
            if may_apply(definition, resource_type) {
                continue;
            }
            excluded += 1;
            let resource = resource(resource_type, json!({"properties": {}}));
            if let Ok(evaluation) = evaluator.evaluate(definition, &given, &resource) {
                assert!(
                    matches!(evaluation.verdict, Verdict::NotApplicable { .. }),
                    "{} on {resource_type}: {:?}",
                    definition.name,
                    evaluation.verdict
                );
            }
        }
    }
    assert!(excluded > 100, "{excluded}");
}

#[test]
fn verdicts_match_the_hand_checked_table() {
    let scale = json!({"maxNodeCount": 4, "minNodeCount": 0, "maxNodeIdleTimeInSecondsBeforeScaleDown": 900});
    let cluster = |min: u32, idle: &str| {
        json!({"properties": {"computeType": "AmlCompute", "properties": {
            "scaleSettings": {"minNodeCount": min, "maxNodeCount": 4, "nodeIdleTimeBeforeScaleDown": idle}}}})
    };
    let rows: Vec<(&str, Value, &str, Value, &str)> = vec![
        // Workspaces should disable public network access: exists false or notEquals Disabled.
        (
            "438c38d2-3772-465a-a9cc-7a6666a275ce",
            json!({}),
            WS,
            json!({"properties": {"publicNetworkAccess": "Enabled"}}),
            "non-compliant",
        ),
        (
            "438c38d2-3772-465a-a9cc-7a6666a275ce",
            json!({}),
            WS,
            json!({"properties": {"publicNetworkAccess": "disabled"}}),
            "compliant",
        ),
        (
            "438c38d2-3772-465a-a9cc-7a6666a275ce",
            json!({}),
            WS,
            json!({"properties": {}}),
            "non-compliant",
        ),
        (
            "438c38d2-3772-465a-a9cc-7a6666a275ce",
            json!({}),
            COMPUTE,
            json!({}),
            "not applicable",
        ),
        (
            "438c38d2-3772-465a-a9cc-7a6666a275ce",
            json!({"effect": "Disabled"}),
            WS,
            json!({}),
            "not applicable",
        ),
        // Private link: count of approved connections less than 1.
        (
            "45e05259-1eb5-4f70-9574-baf73e9d219b",
            json!({}),
            WS,
            json!({"properties": {}}),
            "non-compliant",
        ),
        (
            "45e05259-1eb5-4f70-9574-baf73e9d219b",
            json!({}),
            WS,
            json!({"properties": {"privateEndpointConnections": [
                {"properties": {"privateLinkServiceConnectionState": {"status": "Pending"}}},
                {"properties": {"privateLinkServiceConnectionState": {"status": "approved"}}}]}}),
            "compliant",
        ),
        // Computes: local authentication disabled for instances and clusters.
        (
            "e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f",
            json!({}),
            COMPUTE,
            json!({"properties": {"computeType": "AmlCompute", "disableLocalAuth": true}}),
            "compliant",
        ),
        (
            "e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f",
            json!({}),
            COMPUTE,
            json!({"properties": {"computeType": "ComputeInstance", "disableLocalAuth": false}}),
            "non-compliant",
        ),
        (
            "e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f",
            json!({}),
            COMPUTE,
            json!({"properties": {"computeType": "Kubernetes"}}),
            "compliant",
        ),
        // Idle shutdown of compute instances.
        (
            "679ddf89-ab8f-48a5-9029-e76054077449",
            json!({}),
            COMPUTE,
            json!({"properties": {"computeType": "ComputeInstance", "properties": {"idleTimeBeforeShutdown": "PT60M"}}}),
            "compliant",
        ),
        (
            "679ddf89-ab8f-48a5-9029-e76054077449",
            json!({}),
            COMPUTE,
            json!({"properties": {"computeType": "ComputeInstance", "properties": {}}}),
            "non-compliant",
        ),
        (
            "679ddf89-ab8f-48a5-9029-e76054077449",
            json!({}),
            COMPUTE,
            json!({"properties": {"computeType": "ComputeInstance", "properties": {"idleTimeBeforeShutdown": ""}}}),
            "non-compliant",
        ),
        (
            "679ddf89-ab8f-48a5-9029-e76054077449",
            json!({}),
            COMPUTE,
            json!({"properties": {"computeType": "AmlCompute"}}),
            "compliant",
        ),
        // Managed network isolation mode equal to the parameter.
        (
            "6ddb1705-c8cf-450e-aa4b-19ad6703c440",
            json!({"isolationMode": "AllowOnlyApprovedOutbound"}),
            WS,
            json!({"properties": {"managedNetwork": {"isolationMode": "AllowInternetOutbound"}}}),
            "non-compliant",
        ),
        (
            "6ddb1705-c8cf-450e-aa4b-19ad6703c440",
            json!({"isolationMode": "AllowOnlyApprovedOutbound"}),
            WS,
            json!({"properties": {"managedNetwork": {"isolationMode": "AllowOnlyApprovedOutbound"}}}),
            "compliant",
        ),
        // ALZ cluster scale: minimum above the parameter, or idle time above it (ISO 8601 parsed by the rule).
        (
            "Deny-MachineLearning-ComputeCluster-Scale",
            scale.clone(),
            COMPUTE,
            cluster(2, "PT120S"),
            "non-compliant",
        ),
        (
            "Deny-MachineLearning-ComputeCluster-Scale",
            scale.clone(),
            COMPUTE,
            cluster(0, "PT120S"),
            "compliant",
        ),
        (
            "Deny-MachineLearning-ComputeCluster-Scale",
            scale.clone(),
            COMPUTE,
            cluster(0, "PT1800S"),
            "non-compliant",
        ),
        // ALZ VM sizes: notIn the allowed list, case-insensitive.
        (
            "Deny-MachineLearning-Compute-VmSize",
            json!({"allowedVmSizes": ["Standard_DS3_v2"]}),
            COMPUTE,
            json!({"properties": {"computeType": "AmlCompute", "properties": {"vmSize": "standard_ds3_v2"}}}),
            "compliant",
        ),
        (
            "Deny-MachineLearning-Compute-VmSize",
            json!({"allowedVmSizes": ["Standard_DS3_v2"]}),
            COMPUTE,
            json!({"properties": {"computeType": "AmlCompute", "properties": {"vmSize": "Standard_NC6s_v3"}}}),
            "non-compliant",
        ),
        // ALZ remote login port: absent or not Disabled.
        (
            "Deny-MachineLearning-ComputeCluster-RemoteLoginPortPublicAccess",
            json!({}),
            COMPUTE,
            json!({"properties": {"computeType": "AmlCompute", "properties": {"remoteLoginPortPublicAccess": "Disabled"}}}),
            "compliant",
        ),
        (
            "Deny-MachineLearning-ComputeCluster-RemoteLoginPortPublicAccess",
            json!({}),
            COMPUTE,
            json!({"properties": {"computeType": "AmlCompute", "properties": {}}}),
            "non-compliant",
        ),
        // DINE private DNS: matches a workspace endpoint, whose zone group the evaluator cannot judge.
        (
            "ee40564d-486e-4f68-a5ca-7a621edae0fb",
            json!({"privateDnsZoneId": "/zone"}),
            PE,
            json!({"properties": {"privateLinkServiceConnections": [{"properties": {"groupIds": ["amlworkspace"]}}]}}),
            "unknown",
        ),
        (
            "ee40564d-486e-4f68-a5ca-7a621edae0fb",
            json!({"privateDnsZoneId": "/zone"}),
            PE,
            json!({"properties": {"privateLinkServiceConnections": [{"properties": {"groupIds": ["blob"]}}]}}),
            "compliant",
        ),
        // Key vault: requestContext().apiVersion and public network access.
        (
            "405c5871-3e91-4644-8a63-58e19d68ff5b",
            json!({}),
            "Microsoft.KeyVault/vaults",
            json!({"properties": {"publicNetworkAccess": "disabled"}}),
            "compliant",
        ),
        (
            "405c5871-3e91-4644-8a63-58e19d68ff5b",
            json!({}),
            "Microsoft.KeyVault/vaults",
            json!({"properties": {"publicNetworkAccess": "Enabled"}}),
            "non-compliant",
        ),
        // Storage blob public access (the `id`/`name` exclusion of ARO clusters does not apply).
        (
            "4fa4b6c0-31ca-4c0d-b10d-24b96f62a751",
            json!({}),
            "Microsoft.Storage/storageAccounts",
            json!({"properties": {"allowBlobPublicAccess": false}}),
            "compliant",
        ),
        (
            "4fa4b6c0-31ca-4c0d-b10d-24b96f62a751",
            json!({}),
            "Microsoft.Storage/storageAccounts",
            json!({"properties": {}}),
            "non-compliant",
        ),
        // Data-plane definitions never apply to a deployed resource.
        (
            "5853517a-63de-11ea-bc55-0242ac130003",
            json!({}),
            WS,
            json!({}),
            "not applicable",
        ),
        // Private endpoint connections: the subscription id is a fact only Azure knows.
        (
            "Audit-MachineLearning-PrivateEndpointId",
            json!({}),
            "Microsoft.MachineLearningServices/workspaces/privateEndpointConnections",
            json!({"properties": {"privateLinkServiceConnectionState": {"status": "Approved"}, "privateEndpoint": {"id": "/subscriptions/aaa/resourceGroups/r/providers/Microsoft.Network/privateEndpoints/p"}}}),
            "unknown",
        ),
    ];
    for (definition, parameters, resource_type, body, expected) in rows {
        let r = resource(resource_type, body.clone());
        assert_eq!(
            verdict(definition, parameters.clone(), &r, Facts::default()),
            expected,
            "{definition} on {resource_type} {body}"
        );
    }
    // With the subscription known, the cross-subscription check decides.
    let connection = resource(
        "Microsoft.MachineLearningServices/workspaces/privateEndpointConnections",
        json!({"properties": {"privateLinkServiceConnectionState": {"status": "Approved"}, "privateEndpoint": {"id": "/subscriptions/aaa/resourceGroups/r/providers/Microsoft.Network/privateEndpoints/p"}}}),
    );
    let facts = |id: &str| Facts {
        subscription_id: Some(id.to_owned()),
        resource_group: None,
    };
    let id = "Audit-MachineLearning-PrivateEndpointId";
    assert_eq!(
        verdict(id, json!({}), &connection, facts("aaa")),
        "compliant"
    );
    assert_eq!(
        verdict(id, json!({}), &connection, facts("bbb")),
        "non-compliant"
    );
}

#[test]
fn an_unknown_alias_or_function_is_unknown_never_compliant() {
    let definition = |condition: Value| {
        Definition::from_value(
            &json!({"name": "x", "properties": {"mode": "All", "policyRule": {
            "if": {"allOf": [{"field": "type", "equals": WS}, condition]},
            "then": {"effect": "deny"}}}}),
        )
        .unwrap()
    };
    let ws = resource(
        WS,
        json!({"properties": {"publicNetworkAccess": "Enabled"}}),
    );
    let evaluate = |d: &Definition| {
        Evaluator::default()
            .evaluate(d, &ParameterValues::new(), &ws)
            .unwrap()
            .verdict
    };
    let unknown_alias = definition(
        json!({"field": "Microsoft.MachineLearningServices/workspaces/nothing", "equals": "x"}),
    );
    assert!(matches!(evaluate(&unknown_alias), Verdict::Unknown { .. }));
    let unknown_function = definition(json!({"value": "[utcNow()]", "equals": "x"}));
    assert!(matches!(
        evaluate(&unknown_function),
        Verdict::Unknown { .. }
    ));
    // A false member decides an allOf whatever an unknown one says.
    let decided = definition(json!({"allOf": [
        {"field": "Microsoft.MachineLearningServices/workspaces/nothing", "equals": "x"},
        {"field": "Microsoft.MachineLearningServices/workspaces/publicNetworkAccess", "equals": "Disabled"}]}));
    assert_eq!(evaluate(&decided), Verdict::Compliant);
    // The explanation points at the deciding condition.
    let denied = definition(
        json!({"field": "Microsoft.MachineLearningServices/workspaces/publicNetworkAccess", "notEquals": "Disabled"}),
    );
    let Verdict::NonCompliant { because } = evaluate(&denied) else {
        panic!("non-compliant expected");
    };
    assert_eq!(because[1].pointer, "/properties/policyRule/if/allOf/1");
}

fn any_scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        "[a-zA-Z0-9]{0,6}".prop_map(Value::String),
        any::<bool>().prop_map(Value::Bool),
        (0i64..100).prop_map(Value::from),
    ]
}

proptest! {
    #[test]
    fn not_inverts_a_condition(value in "[a-zA-Z]{0,5}", operand in "[a-zA-Z]{0,5}") {
        let rule = |not: bool| {
            let leaf = json!({"field": "Microsoft.MachineLearningServices/workspaces/publicNetworkAccess", "equals": operand});
            let condition = if not { json!({"not": leaf}) } else { leaf };
            Definition::from_value(&json!({"name": "x", "properties": {"mode": "All", "policyRule": {
                "if": {"allOf": [{"field": "type", "equals": WS}, condition]}, "then": {"effect": "audit"}}}})).unwrap()
        };
        let ws = resource(WS, json!({"properties": {"publicNetworkAccess": value}}));
        let label = |d: &Definition| Evaluator::default().evaluate(d, &ParameterValues::new(), &ws).unwrap().verdict.label();
        let (plain, negated) = (label(&rule(false)), label(&rule(true)));
        prop_assert_ne!(plain, negated);
    }

    #[test]
    fn negated_operators_are_complements(value in proptest::option::of(any_scalar()), operand in any_scalar(), list in proptest::collection::vec(any_scalar(), 0..4)) {
        let v = value.as_ref();
        let pairs = [
            (Operator::Equals, Operator::NotEquals, operand.clone()),
            (Operator::In, Operator::NotIn, Value::Array(list.clone())),
            (Operator::Like, Operator::NotLike, operand.clone()),
            (Operator::Contains, Operator::NotContains, operand.clone()),
            (Operator::ContainsKey, Operator::NotContainsKey, operand.clone()),
            (Operator::Match, Operator::NotMatch, operand.clone()),
        ];
        for (positive, negative, operand) in pairs {
            prop_assert_eq!(apply(positive, v, &operand).map(|b| !b), apply(negative, v, &operand));
        }
    }

    #[test]
    fn string_comparisons_ignore_case(text in "[a-zA-Z]{1,8}", cut in 0usize..8) {
        let value = Value::String(text.clone());
        let upper = Value::String(text.to_uppercase());
        prop_assert_eq!(apply(Operator::Equals, Some(&value), &upper), Ok(true));
        prop_assert_eq!(apply(Operator::In, Some(&value), &json!([upper.clone()])), Ok(true));
        let prefix: String = text.to_lowercase().chars().take(cut).collect();
        prop_assert_eq!(apply(Operator::Like, Some(&value), &Value::String(format!("{prefix}*"))), Ok(true));
        prop_assert_eq!(apply(Operator::Contains, Some(&value), &Value::String(prefix.to_uppercase())), Ok(true));
        prop_assert_eq!(apply(Operator::MatchInsensitively, Some(&value), &upper), Ok(true));
    }

    #[test]
    fn ordering_operators_agree_with_numbers(a in -50i64..50, b in -50i64..50) {
        let (x, y) = (Value::from(a), Value::from(b));
        prop_assert_eq!(apply(Operator::Less, Some(&x), &y), Ok(a < b));
        prop_assert_eq!(apply(Operator::LessOrEquals, Some(&x), &y), Ok(a <= b));
        prop_assert_eq!(apply(Operator::Greater, Some(&x), &y), Ok(a > b));
        prop_assert_eq!(apply(Operator::GreaterOrEquals, Some(&x), &Value::String(b.to_string())), Ok(a >= b));
    }

    #[test]
    fn exists_tells_absent_from_present(value in proptest::option::of(any_scalar())) {
        prop_assert_eq!(apply(Operator::Exists, value.as_ref(), &json!(true)), Ok(value.is_some()));
        prop_assert_eq!(apply(Operator::Exists, value.as_ref(), &json!("false")), Ok(value.is_none()));
    }
}
