use serde_json::{Value, json};

use super::*;
use crate::validate::validate;

fn validated() -> Validated {
    let loaded = crate::load_default().unwrap();
    validate(loaded.estate).unwrap()
}

fn dev(validated: &Validated) -> EnvironmentId {
    validated.estate().environments().next().unwrap().0
}

/// What `az role definition list` writes for the roles mlzone deploys in `environment`.
fn clean_export(validated: &Validated, environment: EnvironmentId) -> Vec<Value> {
    let estate = validated.estate();
    let names = EstateNames::for_estate(estate);
    let blocks = RoleDefinitions::of(estate);
    let subscription = estate[environment].subscription.unwrap();
    deployed_roles(estate, &names, &blocks, environment)
        .into_iter()
        .map(|role| {
            json!({
                "assignableScopes": [format!("/subscriptions/{subscription}")],
                "createdBy": null,
                "description": "",
                "id": format!("/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions/{}", role.guid),
                "name": role.guid.to_string(),
                "permissions": [{
                    "actions": role.permissions.actions,
                    "notActions": role.permissions.not_actions,
                    "dataActions": role.permissions.data_actions,
                    "notDataActions": role.permissions.not_data_actions,
                }],
                "roleName": role.name,
                "roleType": "CustomRole",
                "type": "Microsoft.Authorization/roleDefinitions",
            })
        })
        .collect()
}

fn file(roles: &[Value]) -> ExportFile {
    ExportFile {
        path: "audit/dev/role-definitions.json".to_owned(),
        text: serde_json::to_string_pretty(roles).unwrap(),
    }
}

fn check(roles: &[Value]) -> Vec<Finding> {
    let validated = validated();
    check_definitions(&validated, dev(&validated), &file(roles)).unwrap()
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

fn roles() -> Vec<Value> {
    let validated = validated();
    clean_export(&validated, dev(&validated))
}

fn index_of(roles: &[Value], display: &str) -> usize {
    roles
        .iter()
        .position(|r| r["roleName"].as_str().unwrap().starts_with(display))
        .unwrap()
}

#[test]
fn the_deployed_roles_audit_clean() {
    let roles = roles();
    assert!(roles.len() >= 3, "{roles:?}");
    assert_eq!(check(&roles), vec![]);
}

#[test]
fn case_order_and_blocks_do_not_matter() {
    let mut roles = roles();
    for role in &mut roles {
        let block = role["permissions"][0].clone();
        let mut actions: Vec<String> = serde_json::from_value(block["actions"].clone()).unwrap();
        actions.reverse();
        let shouted: Vec<String> = actions.iter().map(|a| a.to_ascii_uppercase()).collect();
        let (first, second) = shouted.split_at(shouted.len() / 2);
        role["permissions"] = json!([
            {"actions": first, "notActions": block["notActions"], "dataActions": block["dataActions"], "notDataActions": block["notDataActions"]},
            {"actions": second, "notActions": block["notActions"]}
        ]);
        role["assignableScopes"][0] = Value::String(
            role["assignableScopes"][0]
                .as_str()
                .unwrap()
                .to_ascii_uppercase()
                + "/",
        );
    }
    assert_eq!(check(&roles), vec![]);
}

#[test]
fn a_missing_role_is_an_error_at_its_document_item() {
    let mut roles = roles();
    let at = index_of(&roles, "mlzone Data Scientist");
    let removed = roles.remove(at);
    let findings = check(&roles);
    assert_eq!(codes(&findings), ["audit-role-missing"]);
    let finding = &findings[0];
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.environment, "dev");
    assert!(finding.message.contains(removed["name"].as_str().unwrap()));
    assert!(
        finding.document_path.starts_with("/personas/"),
        "{finding:?}"
    );
}

#[test]
fn a_role_under_another_guid_is_missing_and_not_unknown() {
    let mut roles = roles();
    let at = index_of(&roles, "mlzone Data Scientist");
    roles[at]["name"] = json!("0f0e0d0c-0b0a-4909-8807-060504030201");
    let findings = check(&roles);
    assert_eq!(codes(&findings), ["audit-role-missing"]);
    assert!(findings[0].help.as_deref().unwrap().contains("0f0e0d0c"));
    assert_eq!(
        findings[0].export.as_ref().unwrap().line,
        line_of(&roles, at)
    );
}

/// The one-based line of entry `at` in the pretty-printed export: where its `{` is.
fn line_of(roles: &[Value], at: usize) -> usize {
    let text = file(roles).text;
    let opening: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "  {")
        .map(|(i, _)| i + 1)
        .collect();
    opening[at]
}

#[test]
fn drift_names_the_operations_added_and_removed() {
    let mut roles = roles();
    let at = index_of(&roles, "mlzone Data Scientist");
    // NotActions take away within their own block only: a second block grants again.
    roles[at]["permissions"][0]["notActions"]
        .as_array_mut()
        .unwrap()
        .push(json!(
            "microsoft.machinelearningservices/workspaces/JOBS/write"
        ));
    let extra = json!({"actions": ["microsoft.machinelearningservices/workspaces/COMPUTES/write"]});
    roles[at]["permissions"].as_array_mut().unwrap().push(extra);
    let findings = check(&roles);
    assert_eq!(codes(&findings), ["audit-role-drifted"], "{findings:#?}");
    let message = &findings[0].message;
    assert!(
        message.contains("grants 1 operation it should not"),
        "{message}"
    );
    assert!(
        message.contains("`Microsoft.MachineLearningServices/workspaces/computes/write`"),
        "{message}"
    );
    assert!(
        message.contains("lacks 1 operation it should grant (`Microsoft.MachineLearningServices/workspaces/jobs/write`)"),
        "{message}"
    );
    let export = findings[0].export.as_ref().unwrap();
    assert_eq!(export.file, "audit/dev/role-definitions.json");
}

#[test]
fn many_operations_are_summarised() {
    let mut roles = roles();
    let at = index_of(&roles, "mlzone Data Scientist");
    roles[at]["permissions"][0]["actions"] = json!(["Microsoft.Storage/*"]);
    let findings = check(&roles);
    assert_eq!(codes(&findings), ["audit-role-drifted"]);
    assert!(
        findings[0].message.contains(" more"),
        "{}",
        findings[0].message
    );
}

#[test]
fn patterns_beyond_the_catalog_are_named() {
    let mut roles = roles();
    let at = index_of(&roles, "mlzone Data Scientist");
    roles[at]["permissions"][0]["actions"]
        .as_array_mut()
        .unwrap()
        .push(json!("Contoso.Unknown/things/*"));
    let findings = check(&roles);
    assert_eq!(codes(&findings), ["audit-role-drifted"]);
    assert!(
        findings[0].message.contains("`Contoso.Unknown/things/*`"),
        "{}",
        findings[0].message
    );
}

#[test]
fn other_assignable_scopes_are_errors() {
    let mut roles = roles();
    roles[0]["assignableScopes"]
        .as_array_mut()
        .unwrap()
        .push(json!(
            "/providers/Microsoft.Management/managementGroups/contoso"
        ));
    roles[1]["assignableScopes"] = json!(["/subscriptions/00000000-0000-4000-8000-000000000001"]);
    let findings = check(&roles);
    assert_eq!(codes(&findings), ["audit-role-scopes", "audit-role-scopes"]);
    assert!(
        findings[0].message.contains(
            "also assignable at `/providers/microsoft.management/managementgroups/contoso`"
        )
    );
    assert!(
        findings[1]
            .message
            .contains("is not assignable in `/subscriptions/a4e1a33c")
    );
}

#[test]
fn a_renamed_role_is_a_warning() {
    let mut roles = roles();
    roles[0]["roleName"] = json!("Something else");
    let findings = check(&roles);
    assert_eq!(codes(&findings), ["audit-role-renamed"]);
    assert_eq!(findings[0].severity, Severity::Warning);
}

#[test]
fn unknown_roles_are_warnings_when_assignable_here() {
    let mut roles = roles();
    let unknown = |name: &str, scope: &str| {
        json!({
            "assignableScopes": [scope],
            "name": name,
            "permissions": [{"actions": ["*/read"]}],
            "roleName": format!("hand made {name}"),
            "roleType": "CustomRole",
        })
    };
    roles.push(unknown(
        "11111111-1111-4111-8111-111111111111",
        "/subscriptions/a4e1a33c-997e-4353-9f29-b853c58c2095/resourceGroups/rg-x",
    ));
    roles.push(unknown(
        "22222222-2222-4222-8222-222222222222",
        "/providers/Microsoft.Management/managementGroups/corp",
    ));
    roles.push(unknown(
        "33333333-3333-4333-8333-333333333333",
        "/subscriptions/00000000-0000-4000-8000-000000000001",
    ));
    // A role another environment of the estate deploys is not reported either.
    let findings = check(&roles);
    assert_eq!(
        codes(&findings),
        ["audit-role-unknown", "audit-role-unknown"]
    );
    assert!(findings[0].message.contains("11111111"));
    assert!(findings[1].message.contains("22222222"));
    assert_eq!(findings[0].document_path, "/environments/0");
    assert!(findings.iter().all(|f| f.severity == Severity::Warning));
}

#[test]
fn built_in_roles_in_the_export_are_ignored() {
    let mut roles = roles();
    roles.push(json!({
        "assignableScopes": ["/"],
        "name": "acdd72a7-3385-48ef-bd42-f606fba81ae7",
        "permissions": [{"actions": ["*/read"]}],
        "roleName": "Reader",
        "roleType": "BuiltInRole",
    }));
    assert_eq!(check(&roles), vec![]);
}

fn errors(text: &str) -> Vec<Diagnostic> {
    let validated = validated();
    let file = ExportFile {
        path: "audit/dev/role-definitions.json".to_owned(),
        text: text.to_owned(),
    };
    check_definitions(&validated, dev(&validated), &file).unwrap_err()
}

fn located(diagnostic: &Diagnostic) -> (String, usize, usize) {
    let location = diagnostic.location.as_ref().unwrap();
    (location.source.clone(), location.line, location.column)
}

#[test]
fn a_name_that_is_not_a_guid_is_located() {
    let text = "[\n  {\n    \"name\": \"data-scientist\",\n    \"roleName\": \"x\",\n    \"assignableScopes\": [],\n    \"permissions\": []\n  }\n]\n";
    let errors = errors(text);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, Code::InvalidValue);
    assert_eq!(errors[0].path, "/0/name");
    assert_eq!(
        located(&errors[0]),
        ("audit/dev/role-definitions.json".to_owned(), 3, 13)
    );
}

#[test]
fn a_repeated_guid_is_located() {
    let entry = "{\"name\": \"11111111-1111-4111-8111-111111111111\", \"roleName\": \"x\", \"assignableScopes\": [], \"permissions\": []}";
    let errors = errors(&format!("[\n{entry},\n{entry}\n]"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, Code::DuplicateName);
    assert_eq!(located(&errors[0]).1, 3);
}

#[test]
fn a_partial_entry_is_located() {
    let text = "[\n  {\"name\": \"11111111-1111-4111-8111-111111111111\", \"roleName\": \"x\", \"assignableScopes\": []}\n]";
    let errors = errors(text);
    assert_eq!(errors[0].code, Code::MissingField);
    assert!(
        errors[0].message.contains("permissions"),
        "{}",
        errors[0].message
    );
    assert_eq!(located(&errors[0]).1, 2);
}

#[test]
fn a_truncated_file_is_a_syntax_error() {
    let errors = errors("[\n  {\"name\": \"11111111-1111-4111-8111-111111111111\",\n");
    assert_eq!(errors[0].code, Code::Syntax);
    assert!(errors[0].location.is_some());
}

#[test]
fn the_registry_roles_are_deployed_in_its_home() {
    let validated = validated();
    let estate = validated.estate();
    let names = EstateNames::for_estate(estate);
    let blocks = RoleDefinitions::of(estate);
    let prod = estate.environments().last().unwrap().0;
    let in_prod = deployed_roles(estate, &names, &blocks, prod);
    let in_dev = deployed_roles(estate, &names, &blocks, dev(&validated));
    assert!(in_prod.iter().any(|r| r.name.ends_with("model registry)")));
    assert!(!in_dev.iter().any(|r| r.name.ends_with("model registry)")));
}
