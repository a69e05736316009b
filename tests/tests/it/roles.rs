//! What is deployed is what mlzone explains.
//!
//! For every persona, environment, project and catalog operation, `Access`'s answer (which
//! `explain`, `diff`, the access matrix and the validator give) equals what the generated
//! ARM templates grant: the role assignments on the project's workspace to the persona's
//! group, each role definition read the way Azure reads it (Actions − NotActions,
//! DataActions − NotDataActions, the union over assignments). The matcher here is written
//! from Azure's documented rules, apart from mlzone's engine. The role files of the `roles`
//! target and the role definitions of the Bicep must hold the same lists as the ARM ones,
//! and for generated documents the deployed definitions must mean what the file format says
//! a custom role means.

use std::collections::BTreeMap;

use mlzone_codegen::{FileSet, Target, Templates, generate};
use mlzone_model::access::Access;
use mlzone_model::document::{PersonaDoc, RoleDoc, RuleDoc};
use mlzone_model::estate::Estate;
use mlzone_model::naming::EstateNames;
use mlzone_model::rbac::{Catalog, Operation, OperationKind, Permissions, builtin, library};
use mlzone_model::validate::{Validated, validate};
use mlzone_model::vocabulary::RuleLevel;
use mlzone_model::{Document, Format, Limits, load_estate};
use mlzone_tests::bicep;
use proptest::prelude::*;
use serde_json::Value;

const ML: &str = "Microsoft.MachineLearningServices/workspaces";

fn templates() -> &'static Templates {
    static TEMPLATES: std::sync::OnceLock<Templates> = std::sync::OnceLock::new();
    TEMPLATES.get_or_init(|| Templates::builtin().unwrap())
}

/// Azure's matching of one permission string: ASCII case-insensitive, `*` matches any run
/// of characters including `/`, and `/*/` may also match a single `/`.
fn azure_matches(pattern: &str, operation: &str) -> bool {
    fn go(p: &[u8], s: &[u8]) -> bool {
        match p.split_first() {
            None => s.is_empty(),
            Some((b'*', rest)) => (0..=s.len()).any(|k| go(rest, &s[k..])),
            Some((c, rest)) => {
                if p.starts_with(b"/*/") && s.first() == Some(&b'/') && go(&p[3..], &s[1..]) {
                    return true;
                }
                s.first().is_some_and(|x| x.eq_ignore_ascii_case(c)) && go(rest, &s[1..])
            }
        }
    }
    go(pattern.as_bytes(), operation.as_bytes())
}

/// One role definition as Azure reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Definition {
    lists: [Vec<String>; 4],
}

impl Definition {
    fn from_permissions(p: &Permissions) -> Self {
        Self {
            lists: [
                p.actions.clone(),
                p.not_actions.clone(),
                p.data_actions.clone(),
                p.not_data_actions.clone(),
            ],
        }
    }

    /// The lists of a JSON object under the given four keys (missing keys are empty).
    fn from_json(object: &Value, keys: [&str; 4]) -> Self {
        let list = |key: &str| -> Vec<String> {
            object[key]
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .map(|i| i.as_str().unwrap().to_owned())
                        .collect()
                })
                .unwrap_or_default()
        };
        Self {
            lists: keys.map(list),
        }
    }

    fn allows(&self, operation: &Operation) -> bool {
        let [actions, not_actions, data_actions, not_data_actions] = &self.lists;
        let (grants, removes) = match operation.kind() {
            OperationKind::Action => (actions, not_actions),
            OperationKind::DataAction => (data_actions, not_data_actions),
        };
        let name = operation.name();
        grants.iter().any(|p| azure_matches(p, name))
            && !removes.iter().any(|p| azure_matches(p, name))
    }
}

/// What the ARM templates of one environment deploy.
#[derive(Default)]
struct Deployed {
    /// Custom role definitions by lowercase GUID.
    definitions: BTreeMap<String, Definition>,
    /// (workspace name, principal, role definition GUID), lowercase.
    assignments: Vec<(String, String, String)>,
    /// (principal, role definition GUID) of the assignments at the model registry, lowercase.
    registry_assignments: Vec<(String, String)>,
}

/// The last single-quoted string of an ARM expression.
fn last_quoted(expression: &str) -> String {
    let end = expression.rfind('\'').unwrap();
    let start = expression[..end].rfind('\'').unwrap();
    expression[start + 1..end].to_ascii_lowercase()
}

fn collect(resources: &Value, deployed: &mut Deployed) {
    for resource in resources.as_array().unwrap() {
        let properties = &resource["properties"];
        match resource["type"].as_str().unwrap() {
            "Microsoft.Resources/deployments" => {
                collect(&properties["template"]["resources"], deployed);
            }
            "Microsoft.Authorization/roleDefinitions" => {
                let permissions = &properties["permissions"];
                assert_eq!(permissions.as_array().unwrap().len(), 1, "one block");
                deployed.definitions.insert(
                    resource["name"].as_str().unwrap().to_ascii_lowercase(),
                    Definition::from_json(
                        &permissions[0],
                        ["actions", "notActions", "dataActions", "notDataActions"],
                    ),
                );
            }
            "Microsoft.Authorization/roleAssignments" => {
                let scope = resource["scope"].as_str().unwrap_or_default();
                if scope.contains("'Microsoft.MachineLearningServices/registries'") {
                    deployed.registry_assignments.push((
                        properties["principalId"]
                            .as_str()
                            .unwrap()
                            .to_ascii_lowercase(),
                        last_quoted(properties["roleDefinitionId"].as_str().unwrap()),
                    ));
                    continue;
                }
                if !scope.contains("'Microsoft.MachineLearningServices/workspaces/{0}'") {
                    continue;
                }
                deployed.assignments.push((
                    last_quoted(scope),
                    properties["principalId"]
                        .as_str()
                        .unwrap()
                        .to_ascii_lowercase(),
                    last_quoted(properties["roleDefinitionId"].as_str().unwrap()),
                ));
            }
            _ => {}
        }
    }
}

fn deployed(files: &FileSet, environment: &str) -> Deployed {
    let mut deployed = Deployed::default();
    let prefix = format!("arm/{environment}/azuredeploy");
    for (path, text) in files.iter() {
        let path = path.as_str();
        if path.starts_with(&prefix) && !path.ends_with("parameters.json") {
            let template: Value = serde_json::from_str(text).unwrap();
            let start = deployed.assignments.len();
            collect(&template["resources"], &mut deployed);
            // A group the document leaves open is a parameter that names its persona.
            for (_, principal, _) in &mut deployed.assignments[start..] {
                if principal.starts_with('[') {
                    *principal = persona_of_parameter(&template, &last_quoted(principal));
                }
            }
        }
    }
    deployed
}

/// `persona:<name>` for a group parameter, from its description.
fn persona_of_parameter(template: &Value, parameter: &str) -> String {
    let (_, definition) = template["parameters"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(parameter))
        .unwrap_or_else(|| panic!("no parameter {parameter}"));
    let description = definition["metadata"]["description"].as_str().unwrap();
    let persona = description
        .strip_prefix("Object id of the Entra group of persona ")
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or_else(|| panic!("{parameter}: {description}"));
    format!("persona:{persona}")
}

/// Every role file of the `roles` target holds the lists of the ARM definition of its GUID.
fn check_role_files(files: &FileSet, environment: &str, deployed: &Deployed) -> usize {
    let prefix = format!("roles/{environment}/");
    let mut checked = 0;
    for (path, text) in files.iter() {
        if !path.as_str().starts_with(&prefix) || !path.as_str().ends_with(".json") {
            continue;
        }
        let role: Value = serde_json::from_str(text).unwrap();
        let id = role["Id"].as_str().unwrap().to_ascii_lowercase();
        let file = Definition::from_json(
            &role,
            ["Actions", "NotActions", "DataActions", "NotDataActions"],
        );
        assert_eq!(deployed.definitions.get(&id), Some(&file), "{path}");
        checked += 1;
    }
    checked
}

/// The role definitions of an environment's `main.bicep`, by lowercase GUID: the four lists
/// of each `Microsoft.Authorization/roleDefinitions` resource, every item decoded as Bicep
/// decodes a string literal.
fn bicep_definitions(files: &FileSet, environment: &str) -> BTreeMap<String, Definition> {
    let main = files
        .get(&format!("bicep/{environment}/main.bicep"))
        .unwrap();
    let keys = ["actions", "notActions", "dataActions", "notDataActions"];
    let mut definitions = BTreeMap::new();
    let mut current: Option<(String, Definition)> = None;
    let mut list: Option<usize> = None;
    for line in main.lines() {
        let line = line.trim();
        if line.starts_with("resource ") {
            definitions.extend(current.take());
            if line.contains("'Microsoft.Authorization/roleDefinitions@") {
                current = Some((
                    String::new(),
                    Definition {
                        lists: Default::default(),
                    },
                ));
            }
            continue;
        }
        let Some((guid, definition)) = current.as_mut() else {
            continue;
        };
        if let Some(name) = line.strip_prefix("name: ").filter(|_| guid.is_empty()) {
            *guid = bicep::parse_string_literal(name)
                .unwrap()
                .to_ascii_lowercase();
        } else if let Some(i) = list {
            if line == "]" {
                list = None;
            } else {
                definition.lists[i].push(bicep::parse_string_literal(line).unwrap());
            }
        } else if let Some(i) = keys.iter().position(|key| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.starts_with(": [") && rest != ": []")
        }) {
            list = Some(i);
        }
    }
    definitions.extend(current);
    definitions
}

/// The figures of one comparison, so that a test can tell it compared something.
#[derive(Debug, Default)]
struct Compared {
    cells: usize,
    granted: usize,
}

/// Compares `Access` with the deployed templates for every persona, environment, project
/// and catalog operation.
fn compare(estate: &Estate, files: &FileSet) -> Compared {
    let access = Access::new(estate);
    let names = EstateNames::for_estate(estate);
    let catalog = Catalog::azure();
    let mut compared = Compared::default();
    for (environment_id, environment) in estate.environments() {
        let deployed = deployed(files, environment.name.as_str());
        assert!(
            check_role_files(files, environment.name.as_str(), &deployed) > 0
                || deployed.definitions.is_empty()
        );
        assert_eq!(
            bicep_definitions(files, environment.name.as_str()),
            deployed.definitions,
            "Bicep and ARM role definitions of {}",
            environment.name
        );
        for (project_id, project) in estate.projects() {
            if !project.environments.contains(&environment_id) {
                continue;
            }
            let workspace = names
                .of(project, environment)
                .workspace()
                .value
                .to_ascii_lowercase();
            for (persona_id, persona) in estate.personas() {
                let group = match persona.groups.get(&environment_id) {
                    Some(group) => group.to_string().to_ascii_lowercase(),
                    None => format!("persona:{}", persona.name),
                };
                let roles: Vec<&Definition> = deployed
                    .assignments
                    .iter()
                    .filter(|(ws, principal, _)| *ws == workspace && *principal == group)
                    .map(|(_, _, role)| {
                        deployed.definitions.get(role).unwrap_or_else(|| {
                            builtin_definition(role).unwrap_or_else(|| {
                                panic!("{}: no definition for {role}", persona.name)
                            })
                        })
                    })
                    .collect();
                let assigned = estate.assigned_role(persona_id, environment_id, project_id);
                assert_eq!(
                    roles.len(),
                    usize::from(assigned.is_some()),
                    "{} in {} on {}",
                    persona.name,
                    environment.name,
                    project.name
                );
                let set = access.persona_permissions(persona_id, environment_id, project_id);
                assert_eq!(set.is_some(), assigned.is_some(), "{}", persona.name);
                for operation in catalog.operations() {
                    let explained = set.is_some_and(|s| s.allows(operation.name()).is_granted());
                    let granted = roles.iter().any(|role| role.allows(operation));
                    assert_eq!(
                        explained,
                        granted,
                        "{} in {} on {}: `{}`: mlzone says {explained}, the template grants {granted}",
                        persona.name,
                        environment.name,
                        project.name,
                        operation.name()
                    );
                    compared.granted += usize::from(granted);
                }
                compared.cells += 1;
            }
        }
    }
    compared
}

fn builtin_definition(guid: &str) -> Option<&'static Definition> {
    static BUILTIN: std::sync::OnceLock<BTreeMap<String, Definition>> = std::sync::OnceLock::new();
    BUILTIN
        .get_or_init(|| {
            builtin::with_permissions()
                .map(|(role, p)| (role.id.to_string(), Definition::from_permissions(p)))
                .collect()
        })
        .get(guid)
}

fn render(validated: &Validated) -> FileSet {
    generate(
        validated,
        &[Target::Arm, Target::Bicep, Target::Roles],
        templates(),
    )
    .unwrap()
}

/// `persona:{name}@{environment}` for a group parameter of the registry's template.
fn group_of_parameter(template: &Value, parameter: &str) -> String {
    let (_, definition) = template["parameters"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(parameter))
        .unwrap_or_else(|| panic!("no parameter {parameter}"));
    let description = definition["metadata"]["description"].as_str().unwrap();
    let rest = description
        .strip_prefix("Object id of the Entra group of persona ")
        .unwrap_or_else(|| panic!("{parameter}: {description}"));
    let (persona, environment) = rest
        .trim_end_matches('.')
        .split_once(" in environment ")
        .unwrap_or_else(|| panic!("{parameter}: {description}"));
    format!("persona:{persona}@{environment}")
}

/// Compares `Access` at the model registry with the registry's deployed template: for every
/// persona, environment and catalog operation, what `explain_registry` says equals what the
/// role assignments at the registry to that group grant, each role read as Azure reads it.
/// The registry's role files and Bicep definitions hold the ARM lists.
fn compare_registry(estate: &Estate, files: &FileSet) -> Compared {
    let mut compared = Compared::default();
    let Some(text) = files.get("arm/registry/azuredeploy.json") else {
        assert!(
            estate.registry().is_none(),
            "a registry without its template"
        );
        return compared;
    };
    let template: Value = serde_json::from_str(text).unwrap();
    let mut deployed = Deployed::default();
    collect(&template["resources"], &mut deployed);
    for (principal, _) in &mut deployed.registry_assignments {
        if principal.starts_with('[') {
            *principal = group_of_parameter(&template, &last_quoted(principal));
        }
    }
    assert!(check_role_files(files, "registry", &deployed) > 0 || deployed.definitions.is_empty());
    assert_eq!(
        bicep_definitions(files, "registry"),
        deployed.definitions,
        "Bicep and ARM role definitions of the registry"
    );
    let access = Access::new(estate);
    let catalog = Catalog::azure();
    for (environment_id, environment) in estate.environments() {
        for (persona_id, persona) in estate.personas() {
            let group = match persona.groups.get(&environment_id) {
                Some(group) => group.to_string().to_ascii_lowercase(),
                None => format!("persona:{}@{}", persona.name, environment.name),
            };
            let roles: Vec<&Definition> = deployed
                .registry_assignments
                .iter()
                .filter(|(principal, _)| *principal == group)
                .map(|(_, role)| {
                    deployed
                        .definitions
                        .get(role)
                        .or_else(|| builtin_definition(role))
                        .unwrap_or_else(|| panic!("{}: no definition for {role}", persona.name))
                })
                .collect();
            let held = access.registry_roles(persona_id, environment_id);
            let distinct: std::collections::BTreeSet<String> = held
                .iter()
                .map(|(_, role)| role.reference_name(estate).to_owned())
                .collect();
            assert_eq!(
                roles.len(),
                held.len(),
                "{} of {} at the registry ({distinct:?})",
                persona.name,
                environment.name
            );
            let set = access
                .registry_permissions(persona_id, environment_id)
                .unwrap();
            let explanation = |operation: &str| {
                access
                    .explain_registry(persona_id, environment_id, operation)
                    .groups
                    .iter()
                    .any(|answer| answer.decision.is_granted())
            };
            for operation in catalog.operations() {
                let granted = roles.iter().any(|role| role.allows(operation));
                let explained = set.allows(operation.name()).is_granted();
                assert_eq!(
                    explained,
                    granted,
                    "{} of {} at the registry: `{}`: mlzone says {explained}, the template grants {granted}",
                    persona.name,
                    environment.name,
                    operation.name()
                );
                if operation
                    .name()
                    .starts_with("Microsoft.MachineLearningServices/registries/")
                {
                    assert_eq!(
                        explanation(operation.name()),
                        granted,
                        "{}",
                        operation.name()
                    );
                }
                compared.granted += usize::from(granted);
            }
            compared.cells += 1;
        }
    }
    compared
}

/// Compares what the pipelines' service principal of each environment holds at the model
/// registry with what the environment's ARM templates assign it there: the nested
/// deployment whose principal is the `pipeline principal id` parameter, its role read as
/// Azure reads it (the registry's custom definition or the built-in one). The principal
/// that shares models (the promotion's publish job's environment) must be able to publish,
/// the others to read and use; the matrix's pipelines rows say the same. Returns how many
/// environments hold a role there.
fn compare_pipelines(name: &str, estate: &Estate, files: &FileSet) -> usize {
    let Some(registry) = estate.registry() else {
        return 0;
    };
    let text = files.get("arm/registry/azuredeploy.json").unwrap();
    let mut at_registry = Deployed::default();
    collect(
        &serde_json::from_str::<Value>(text).unwrap()["resources"],
        &mut at_registry,
    );
    let access = Access::new(estate);
    let catalog = Catalog::azure();
    let publish = mlzone_codegen::plan::promotion::plan(estate)
        .view
        .and_then(|view| {
            view.workflow
                .jobs
                .first()
                .map(|job| job.environment.clone())
        });
    let mut held = 0;
    for (environment_id, environment) in estate.environments() {
        let env = environment.name.as_str();
        let described = format!(
            "Object id of the service principal the pipelines sign in as in environment {env}."
        );
        let mut guids = Vec::new();
        for (path, text) in files.iter() {
            let path = path.as_str();
            if !path.starts_with(&format!("arm/{env}/azuredeploy")) || path.contains("parameters") {
                continue;
            }
            let template: Value = serde_json::from_str(text).unwrap();
            for resource in template["resources"].as_array().unwrap() {
                let value = resource["properties"]["parameters"]["principalId"]["value"]
                    .as_str()
                    .unwrap_or_default();
                let Some(parameter) = value
                    .strip_prefix("[parameters('")
                    .and_then(|rest| rest.strip_suffix("')]"))
                else {
                    continue;
                };
                if template["parameters"][parameter]["metadata"]["description"] != described {
                    continue;
                }
                for inner in resource["properties"]["template"]["resources"]
                    .as_array()
                    .unwrap()
                {
                    assert!(inner["scope"].as_str().unwrap().contains("registries"));
                    guids.push(last_quoted(
                        inner["properties"]["roleDefinitionId"].as_str().unwrap(),
                    ));
                }
            }
        }
        let duty = registry.pipeline_duty(estate, environment_id);
        let at = format!("{name}: the pipelines of {env}");
        assert_eq!(guids.len(), usize::from(duty.is_some()), "{at}: {guids:?}");
        let (Some(duty), Some(guid)) = (duty, guids.first()) else {
            continue;
        };
        held += 1;
        let definition = at_registry
            .definitions
            .get(guid)
            .or_else(|| builtin_definition(guid))
            .unwrap_or_else(|| panic!("{at}: no definition for {guid}"));
        let role = registry.role(duty);
        let set = access.role_permissions(role).unwrap();
        for operation in catalog.operations() {
            assert_eq!(
                set.allows(operation.name()).is_granted(),
                definition.allows(operation),
                "{at}: `{}`",
                operation.name()
            );
        }
        let needed = match duty {
            mlzone_model::estate::RegistryDuty::Publisher => {
                assert_eq!(
                    publish.as_deref(),
                    Some(env),
                    "{at}: the publish job signs in here"
                );
                mlzone_model::access::capabilities::PUBLISH_MODELS
            }
            mlzone_model::estate::RegistryDuty::Reader => {
                mlzone_model::access::capabilities::USE_MODELS
            }
        };
        for operation in needed.check.operations() {
            let operation = catalog.get(operation).unwrap();
            assert!(definition.allows(operation), "{at}: `{}`", operation.name());
        }
    }
    held
}

#[test]
fn the_pipelines_hold_at_the_registry_what_the_promotion_needs() {
    let loaded = mlzone_model::load_default().unwrap();
    let validated = validate(loaded.estate).unwrap();
    let files = render(&validated);
    assert_eq!(compare_pipelines("default", validated.estate(), &files), 3);
}

#[test]
fn the_registry_deploys_what_access_explains() {
    let loaded = mlzone_model::load_default().unwrap();
    let validated = validate(loaded.estate).unwrap();
    let compared = compare_registry(validated.estate(), &render(&validated));
    assert!(compared.cells > 10 && compared.granted > 0, "{compared:?}");
    // A built-in role that deletes, held by the MLOps engineers (and the pipelines that
    // publish, which `registry-asset-deletion` reports, allowed here), and a document without
    // group ids, so principals are parameters.
    let text = "organisation: Contoso\ntenant: 467096de-d9e3-4d6f-89d6-ef231900a05a\nlocation: westeurope\nprojects:\n  - name: churn\nregistry:\n  publishers:\n    mlops-engineer: [dev]\n  readers:\n    mlops-engineer: [test, prod]\n    data-scientist: [test]\n  publisher-role: AzureML Registry User\nrules:\n  missing-group:\n    level: allow\n    reason: Groups are passed at deployment time.\n  registry-asset-deletion:\n    level: allow\n    reason: The test compares a built-in role that deletes.\n";
    let loaded = load_estate("registry.yaml", text.as_bytes(), None, &Limits::default()).unwrap();
    let validated = validate(loaded.estate).unwrap();
    let compared = compare_registry(validated.estate(), &render(&validated));
    assert!(compared.cells > 10 && compared.granted > 0, "{compared:?}");
}

#[test]
fn every_example_deploys_what_access_explains() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut examples = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let text = std::fs::read(&path).unwrap();
        let name = path.display().to_string();
        let loaded = load_estate(&name, &text, Some(Format::Yaml), &Limits::default()).unwrap();
        let validated = validate(loaded.estate).unwrap();
        let files = render(&validated);
        let compared = compare(validated.estate(), &files);
        assert!(
            compared.cells > 10 && compared.granted > 0,
            "{name}: {compared:?}"
        );
        let at_registry = compare_registry(validated.estate(), &files);
        assert!(at_registry.granted > 0, "{name}: {at_registry:?}");
        assert!(
            compare_pipelines(&name, validated.estate(), &files) > 0,
            "{name}"
        );
        examples += 1;
    }
    assert!(examples >= 6);
}

/// The synthetic estate of the differential tests, with `roles` and a custom persona per
/// role that holds it in every environment.
fn with_roles(roles: Vec<RoleDoc>) -> Document {
    let mut document = mlzone_model::synthetic::document(mlzone_model::synthetic::Settings {
        projects: 1,
        data_scientists: 1,
        clusters: 1,
        seed: 11,
    });
    let estate = mlzone_model::resolve(&document).unwrap();
    let environments: Vec<_> = estate.environments().map(|(_, e)| e.name.clone()).collect();
    let personas = document.personas.get_or_insert_with(BTreeMap::new);
    for (i, role) in roles.iter().enumerate() {
        let mut persona = PersonaDoc {
            kind: Some(mlzone_model::vocabulary::PersonaKind::Custom),
            ..PersonaDoc::default()
        };
        for (e, environment) in environments.iter().enumerate() {
            let group = format!("0c0ffee0-0000-4000-8000-{:06x}{:06x}", i + 1, e + 1);
            persona
                .groups
                .insert(environment.clone(), group.parse().unwrap());
            persona
                .roles
                .insert(environment.clone(), role.name.to_string());
        }
        personas.insert(format!("holder-{i}").parse().unwrap(), persona);
    }
    document.roles = roles;
    // Only the role semantics are under test: every other rule may fire without stopping
    // generation, but a role without an exact definition must still be refused (its rule,
    // like the other refusals of code generation, takes no level).
    for rule in mlzone_model::validate::rules() {
        if rule.takes_level() {
            document.rules.insert(
                rule.code.as_str().to_owned(),
                RuleDoc {
                    level: RuleLevel::Allow,
                    reason: "only role semantics are under test".to_owned(),
                },
            );
        }
    }
    document
}

fn role(name: &str, extends: &[&str], actions: &[&str], not_actions: &[&str]) -> RoleDoc {
    RoleDoc {
        name: name.parse().unwrap(),
        display_name: None,
        description: format!("Role {name} of the differential test."),
        extends: extends.iter().map(|s| (*s).to_owned()).collect(),
        actions: actions.iter().map(|s| (*s).to_owned()).collect(),
        not_actions: not_actions.iter().map(|s| (*s).to_owned()).collect(),
        data_actions: Vec::new(),
        not_data_actions: Vec::new(),
    }
}

/// What the file format says a document role grants: its bases and its own actions, minus
/// its own not-actions (recursively; written from the book, apart from mlzone's engine).
fn meaning(roles: &[RoleDoc], name: &str, operation: &Operation) -> bool {
    if let Some(role) = roles.iter().find(|r| r.name.as_str() == name) {
        let (grants, removes) = match operation.kind() {
            OperationKind::Action => (&role.actions, &role.not_actions),
            OperationKind::DataAction => (&role.data_actions, &role.not_data_actions),
        };
        let granted = role
            .extends
            .iter()
            .any(|base| meaning(roles, base, operation))
            || grants.iter().any(|p| azure_matches(p, operation.name()));
        return granted && !removes.iter().any(|p| azure_matches(p, operation.name()));
    }
    let permissions = library::find(name)
        .map(|r| &r.permissions)
        .or_else(|| builtin::find(name).and_then(|r| r.permissions.as_ref()))
        .unwrap_or_else(|| panic!("unknown base {name}"));
    Definition::from_permissions(permissions).allows(operation)
}

/// Generates the document; `None` when the validator refuses it. Otherwise checks the
/// deployed definitions against [`meaning`] and `Access` against the deployment.
fn check_document(roles: Vec<RoleDoc>) -> Option<Compared> {
    let document = with_roles(roles.clone());
    let estate = mlzone_model::resolve(&document).unwrap();
    let validated = match validate(estate) {
        Ok(validated) => validated,
        Err(rejected) => {
            let codes: Vec<_> = rejected
                .report()
                .diagnostics
                .iter()
                .map(|d| d.code)
                .collect();
            assert!(
                codes
                    .iter()
                    .all(|c| *c == mlzone_model::Code::RoleNotExpressible),
                "{codes:?}"
            );
            return None;
        }
    };
    let files = render(&validated);
    for (_, environment) in validated.estate().environments() {
        let deployed = deployed(&files, environment.name.as_str());
        for role in &roles {
            let file = files
                .get(&format!("roles/{}/{}.json", environment.name, role.name))
                .unwrap();
            let id = serde_json::from_str::<Value>(file).unwrap()["Id"]
                .as_str()
                .unwrap()
                .to_ascii_lowercase();
            let definition = &deployed.definitions[&id];
            for operation in Catalog::azure().operations() {
                assert_eq!(
                    definition.allows(operation),
                    meaning(&roles, role.name.as_str(), operation),
                    "role `{}` in {}: `{}`",
                    role.name,
                    environment.name,
                    operation.name()
                );
            }
        }
    }
    Some(compare(validated.estate(), &files))
}

#[test]
fn not_actions_take_away_from_the_bases_in_what_is_deployed() {
    // The case a security review found: explain said `models/read` was removed, and the
    // generated definition granted it.
    let compared = check_document(vec![role(
        "auditor",
        &["read-only"],
        &[],
        &[&format!("{ML}/models/read"), &format!("{ML}/datastores/*")],
    )])
    .expect("the auditor can be written as one block");
    assert!(compared.granted > 0);
}

#[test]
fn chains_of_roles_over_library_and_built_in_bases_deploy_their_meaning() {
    let roles = vec![
        role(
            "base",
            &["AzureML Data Scientist", "read-only"],
            &[&format!("{ML}/computes/write")],
            &[&format!("{ML}/jobs/*")],
        ),
        role(
            "narrow",
            &["base", "AzureML Compute Operator"],
            &[],
            &[&format!("{ML}/computes/*/write"), &format!("{ML}/*/delete")],
        ),
    ];
    assert!(check_document(roles).is_some());
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn pattern() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        format!("{ML}/*/read"),
        format!("{ML}/*/write"),
        format!("{ML}/*/delete"),
        format!("{ML}/*"),
        format!("{ML}/computes/*"),
        format!("{ML}/computes/*/write"),
        format!("{ML}/computes/write"),
        format!("{ML}/computes/start/action"),
        format!("{ML}/jobs/*"),
        format!("{ML}/models/read"),
        format!("{ML}/models/*"),
        format!("{ML}/datastores/*"),
        format!("{ML}/read"),
        format!("{ML}/onlineEndpoints/*/read"),
        "Microsoft.MachineLearningServices/*".to_owned(),
        "Microsoft.Authorization/*/read".to_owned(),
    ])
}

fn base() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "read-only",
        "configure",
        "data-scientist",
        "data-engineer",
        "mlops-engineer",
        "workspace-admin",
        "Reader",
        "AzureML Data Scientist",
        "AzureML Compute Operator",
    ])
    .prop_map(str::to_owned)
}

/// Up to three roles; each may extend the ones before it, library and built-in roles.
fn roles() -> impl Strategy<Value = Vec<RoleDoc>> {
    let one = (
        prop::collection::vec(base(), 0..3),
        prop::collection::vec(any::<bool>(), 0..3),
        prop::collection::vec(pattern(), 0..3),
        prop::collection::vec(pattern(), 0..3),
    );
    prop::collection::vec(one, 1..4).prop_map(|specs| {
        specs
            .into_iter()
            .enumerate()
            .map(|(i, (mut bases, earlier, actions, not_actions))| {
                for (j, take) in earlier.into_iter().enumerate() {
                    if take && j < i {
                        bases.push(format!("role-{j}"));
                    }
                }
                if bases.is_empty() && actions.is_empty() {
                    bases.push("read-only".to_owned());
                }
                bases.sort();
                bases.dedup();
                role(
                    &format!("role-{i}"),
                    &refs(&bases),
                    &refs(&actions),
                    &refs(&not_actions),
                )
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn random_role_documents_deploy_what_access_explains(roles in roles()) {
        if let Some(compared) = check_document(roles) {
            prop_assert!(compared.cells > 0);
        }
    }
}
