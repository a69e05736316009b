//! The `policy` target's part of the plan: per environment, the Azure Policy definitions,
//! assignments and exemptions of the estate's guardrails ([`mlzone_model::guardrails`]),
//! named through [`mlzone_model::naming`], as template values.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value, json};

use mlzone_model::Estate;
use mlzone_model::estate::{Environment, EnvironmentId, ProjectId};
use mlzone_model::guardrails::{self, Assignment, AssignmentScope, EnvironmentGuardrails, Source};
use mlzone_model::naming::EstateNames;
use mlzone_model::vocabulary::ExemptionCategory;

use super::registry::Symbols;

/// The name of the nested deployment of a project's guardrails in its resource group.
const RESOURCE_GROUP_DEPLOYMENT: &str = "mlzone-policy";

/// The guardrails of the whole estate.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyPlan {
    /// The management group mlzone's definitions are deployed to, when the document names one.
    pub management_group: Option<ManagementGroupPolicy>,
    /// One entry per environment, in promotion order.
    pub environments: Vec<EnvironmentPolicy>,
}

/// mlzone's own definitions, deployed once at a management group.
#[derive(Debug, Clone, Serialize)]
pub struct ManagementGroupPolicy {
    /// The management group's name.
    pub name: String,
    /// The definitions.
    pub definitions: Vec<DefinitionPlan>,
}

impl ManagementGroupPolicy {
    /// Every one of mlzone's definitions at a management group called `mlzone`, a sample
    /// for template overrides.
    pub fn sample() -> Self {
        Self {
            name: "mlzone".to_owned(),
            definitions: all_definitions(&mut Symbols::default()),
        }
    }
}

/// The guardrails of one environment: `policy/{environment}/`.
#[derive(Debug, Clone, Serialize)]
pub struct EnvironmentPolicy {
    /// The environment's name.
    pub name: String,
    /// Its stage.
    pub stage: String,
    /// mlzone's definitions deployed at its subscription (none under a management group).
    pub definitions: Vec<DefinitionPlan>,
    /// Assignments and exemptions at its subscription.
    pub subscription: ScopePolicy,
    /// Assignments and exemptions per project resource group, by project name.
    pub resource_groups: Vec<ResourceGroupPolicy>,
    /// Every assignment of the environment, for the docs: subscription first.
    pub listing: Vec<ListedAssignment>,
}

/// One of mlzone's own policy definitions.
#[derive(Debug, Clone, Serialize)]
pub struct DefinitionPlan {
    /// The Bicep symbol of its resource.
    pub symbol: String,
    /// Its name (`mlzone-cluster-scale`).
    pub name: String,
    /// Its `properties`, as deployed.
    pub properties: Value,
}

/// The assignments and exemptions of one scope.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ScopePolicy {
    /// Assignments.
    pub assignments: Vec<AssignmentPlan>,
    /// Exemptions.
    pub exemptions: Vec<ExemptionPlan>,
}

/// The guardrails of one project's resource group: a module (`modules/{project}.bicep`), an
/// inline nested deployment in ARM.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceGroupPolicy {
    /// The project.
    pub project: String,
    /// The resource group (the project's, created by the `bicep`/`arm` deployment).
    pub resource_group: String,
    /// The Bicep symbol of the module in `main.bicep`.
    pub module_symbol: String,
    /// The module's path relative to the environment folder.
    pub module_path: String,
    /// The nested deployment's name.
    pub deployment_name: String,
    /// The custom definitions its assignments use, passed in by name → id.
    pub definitions: Vec<String>,
    /// The subscription assignments its exemptions exempt from, passed in by name → id.
    pub exempted: Vec<String>,
    /// Its assignments and exemptions.
    pub policy: ScopePolicy,
}

/// One policy assignment.
#[derive(Debug, Clone, Serialize)]
pub struct AssignmentPlan {
    /// The Bicep symbol of its resource.
    pub symbol: String,
    /// Its name (a GUID).
    pub name: String,
    /// The guardrail (`cluster-scale`).
    pub guardrail: String,
    /// Its display name.
    pub display_name: String,
    /// Its description.
    pub description: String,
    /// The definition: a built-in's full id, or mlzone's definition by name.
    pub definition: DefinitionRef,
    /// `{name: {value}}`, as Azure takes assignment parameters.
    pub parameters: Value,
}

/// Which definition an assignment assigns.
#[derive(Debug, Clone, Serialize)]
pub struct DefinitionRef {
    /// The full id of a built-in or of a definition at a management group; `None` for one
    /// deployed at the subscription (templates refer to it by `name`).
    pub id: Option<String>,
    /// The definition's name (its GUID for built-ins).
    pub name: String,
    /// Whether mlzone deploys the definition at the subscription.
    pub at_subscription: bool,
    /// The Bicep symbol of that definition in `main.bicep`, when it is deployed there.
    pub symbol: Option<String>,
}

/// One policy exemption.
#[derive(Debug, Clone, Serialize)]
pub struct ExemptionPlan {
    /// The Bicep symbol of its resource.
    pub symbol: String,
    /// Its name (a GUID).
    pub name: String,
    /// Its display name.
    pub display_name: String,
    /// The reason, as its description.
    pub description: String,
    /// `Waiver` or `Mitigated`.
    pub category: &'static str,
    /// When it expires (end of the document's day, UTC).
    pub expires_on: String,
    /// The exempted assignment's name.
    pub assignment: String,
    /// Whether that assignment is at the subscription (else in the same resource group).
    pub assignment_at_subscription: bool,
    /// The Bicep symbol of the assignment in the same file, when it is there.
    pub assignment_symbol: Option<String>,
}

/// One assignment as the docs list it.
#[derive(Debug, Clone, Serialize)]
pub struct ListedAssignment {
    /// The guardrail.
    pub guardrail: String,
    /// The definition's display name.
    pub display_name: String,
    /// `built-in` or `mlzone`.
    pub source: &'static str,
    /// The built-in's GUID or mlzone's definition name.
    pub definition: String,
    /// Where: `subscription` or the resource group.
    pub scope: String,
    /// The effect.
    pub effect: &'static str,
    /// Why the effect differs from the one asked, when it does.
    pub note: Option<String>,
    /// The parameters besides the effect, as `name = value`.
    pub parameters: Vec<String>,
    /// Exemptions of this assignment, as `scope: category until date (reason)`.
    pub exemptions: Vec<String>,
}

/// The guardrails of `estate`.
pub fn plan(estate: &Estate) -> PolicyPlan {
    let names = EstateNames::for_estate(estate);
    let settings = estate.guardrails();
    let management_group = settings.management_group.as_ref().map(|name| {
        let mut symbols = Symbols::default();
        ManagementGroupPolicy {
            name: name.clone(),
            definitions: all_definitions(&mut symbols),
        }
    });
    let environments = estate
        .environments()
        .map(|(id, environment)| {
            environment_plan(estate, &names, id, environment, management_group.as_ref())
        })
        .collect();
    PolicyPlan {
        management_group,
        environments,
    }
}

/// Every one of mlzone's own definitions.
fn all_definitions(symbols: &mut Symbols) -> Vec<DefinitionPlan> {
    guardrails::DEFINITIONS
        .iter()
        .filter_map(|info| {
            let Source::Custom(name) = info.source else {
                return None;
            };
            definition_plan(symbols, name)
        })
        .collect()
}

fn definition_plan(symbols: &mut Symbols, name: &'static str) -> Option<DefinitionPlan> {
    let info = guardrails::DEFINITIONS
        .iter()
        .find(|info| info.source == Source::Custom(name))?;
    let properties = info.custom_definition()?.get("properties")?.clone();
    Some(DefinitionPlan {
        symbol: symbols.fresh(&format!("{} definition", info.guardrail)),
        name: name.to_owned(),
        properties,
    })
}

fn environment_plan(
    estate: &Estate,
    names: &EstateNames,
    id: EnvironmentId,
    environment: &Environment,
    management_group: Option<&ManagementGroupPolicy>,
) -> EnvironmentPolicy {
    let planned = guardrails::environment_guardrails(estate, id);
    let mut symbols = Symbols::default();
    let definitions: Vec<DefinitionPlan> = if management_group.is_some() {
        Vec::new()
    } else {
        planned
            .custom_definitions()
            .into_iter()
            .filter_map(|name| definition_plan(&mut symbols, name))
            .collect()
    };
    let reference = |assignment: &Assignment, symbols_of_main: bool| -> DefinitionRef {
        match assignment.definition().source {
            Source::Builtin(guid) => DefinitionRef {
                id: Some(format!(
                    "/providers/Microsoft.Authorization/policyDefinitions/{guid}"
                )),
                name: guid.to_owned(),
                at_subscription: false,
                symbol: None,
            },
            Source::Custom(name) => match management_group {
                Some(group) => DefinitionRef {
                    id: Some(format!(
                        "/providers/Microsoft.Management/managementGroups/{}/providers/Microsoft.Authorization/policyDefinitions/{name}",
                        group.name
                    )),
                    name: name.to_owned(),
                    at_subscription: false,
                    symbol: None,
                },
                None => DefinitionRef {
                    id: None,
                    name: name.to_owned(),
                    at_subscription: true,
                    symbol: symbols_of_main
                        .then(|| {
                            definitions
                                .iter()
                                .find(|definition| definition.name == name)
                                .map(|definition| definition.symbol.clone())
                        })
                        .flatten(),
                },
            },
        }
    };
    let scope_name = |scope: AssignmentScope| -> String {
        match scope {
            AssignmentScope::Subscription => "subscription".to_owned(),
            AssignmentScope::ResourceGroup(project) => {
                names
                    .of(&estate[project], environment)
                    .resource_group()
                    .value
            }
        }
    };
    let assignment_name = |assignment: &Assignment| {
        names
            .policy_assignment(
                environment,
                &scope_name(assignment.scope),
                assignment.guardrail,
            )
            .to_string()
    };

    let mut subscription = ScopePolicy::default();
    let mut groups: BTreeMap<ProjectId, (ScopePolicy, Symbols)> = BTreeMap::new();
    for assignment in &planned.assignments {
        let (policy, file_symbols, in_main) = match assignment.scope {
            AssignmentScope::Subscription => (&mut subscription, &mut symbols, true),
            AssignmentScope::ResourceGroup(project) => {
                let (policy, symbols) = groups.entry(project).or_default();
                (policy, symbols, false)
            }
        };
        let symbol = file_symbols.fresh(&format!("{} assignment", assignment.guardrail));
        policy.assignments.push(AssignmentPlan {
            symbol,
            name: assignment_name(assignment),
            guardrail: assignment.guardrail.to_string(),
            display_name: format!(
                "mlzone guardrail {} ({})",
                assignment.guardrail, environment.name
            ),
            description: format!(
                "mlzone guardrail `{}` of environment `{}`: {}",
                assignment.guardrail,
                environment.name,
                assignment.definition().display_name
            ),
            definition: reference(assignment, in_main),
            parameters: parameters(assignment),
        });
    }
    for planned_exemption in &planned.exemptions {
        let Some(assignment) = planned.assignments.get(planned_exemption.assignment) else {
            continue;
        };
        let exemption = planned_exemption.exemption;
        let scope = scope_name(planned_exemption.scope);
        let at_subscription = assignment.scope == AssignmentScope::Subscription;
        let (policy, file_symbols, in_main) = match planned_exemption.scope {
            AssignmentScope::Subscription => (&mut subscription, &mut symbols, true),
            AssignmentScope::ResourceGroup(project) => {
                let (policy, symbols) = groups.entry(project).or_default();
                (policy, symbols, false)
            }
        };
        let same_file = in_main == at_subscription;
        let assignment_symbol = if same_file {
            policy
                .assignments
                .iter()
                .find(|planned| planned.name == assignment_name(assignment))
                .map(|planned| planned.symbol.clone())
        } else {
            None
        };
        policy.exemptions.push(ExemptionPlan {
            symbol: file_symbols.fresh(&format!("{} exemption", exemption.guardrail)),
            name: names
                .policy_exemption(environment, &scope, exemption.guardrail)
                .to_string(),
            display_name: format!(
                "Exemption from mlzone guardrail {} ({})",
                exemption.guardrail, environment.name
            ),
            description: exemption.reason.clone(),
            category: match exemption.category {
                ExemptionCategory::Waiver => "Waiver",
                ExemptionCategory::Mitigated => "Mitigated",
            },
            expires_on: format!("{}T23:59:59Z", exemption.expires),
            assignment: assignment_name(assignment),
            assignment_at_subscription: at_subscription,
            assignment_symbol,
        });
    }
    let mut module_symbols = symbols;
    let resource_groups = groups
        .into_iter()
        .map(|(project, (policy, _))| {
            let project = &estate[project];
            let mut definitions: Vec<String> = policy
                .assignments
                .iter()
                .filter(|assignment| assignment.definition.at_subscription)
                .map(|assignment| assignment.definition.name.clone())
                .collect();
            definitions.sort();
            definitions.dedup();
            let mut exempted: Vec<String> = policy
                .exemptions
                .iter()
                .filter(|exemption| exemption.assignment_at_subscription)
                .map(|exemption| exemption.assignment.clone())
                .collect();
            exempted.sort();
            exempted.dedup();
            ResourceGroupPolicy {
                project: project.name.to_string(),
                resource_group: names.of(project, environment).resource_group().value,
                module_symbol: module_symbols.fresh(&format!("{} policy", project.name)),
                module_path: format!("modules/{}.bicep", project.name),
                deployment_name: RESOURCE_GROUP_DEPLOYMENT.to_owned(),
                definitions,
                exempted,
                policy,
            }
        })
        .collect();
    EnvironmentPolicy {
        name: environment.name.to_string(),
        stage: environment.stage.to_string(),
        definitions,
        subscription,
        resource_groups,
        listing: listing(&planned, &scope_name),
    }
}

/// `{name: {value}}` for every parameter of the assignment.
fn parameters(assignment: &Assignment) -> Value {
    let mut out = Map::new();
    for (name, value) in &assignment.parameters {
        out.insert((*name).to_owned(), json!({ "value": value }));
    }
    Value::Object(out)
}

fn listing(
    planned: &EnvironmentGuardrails<'_>,
    scope_name: &dyn Fn(AssignmentScope) -> String,
) -> Vec<ListedAssignment> {
    planned
        .assignments
        .iter()
        .enumerate()
        .map(|(index, assignment)| {
            let info = assignment.definition();
            ListedAssignment {
                guardrail: assignment.guardrail.to_string(),
                display_name: info.display_name.to_owned(),
                source: match info.source {
                    Source::Builtin(_) => "built-in",
                    Source::Custom(_) => "mlzone",
                },
                definition: match info.source {
                    Source::Builtin(name) | Source::Custom(name) => name.to_owned(),
                },
                scope: scope_name(assignment.scope),
                effect: assignment.effect.azure(),
                note: (assignment.effect != assignment.asked).then(|| {
                    format!(
                        "{} asked; the definition allows no {}",
                        assignment.asked.azure(),
                        assignment.asked.azure()
                    )
                }),
                parameters: assignment
                    .parameters
                    .iter()
                    .filter(|(name, _)| **name != "effect")
                    .map(|(name, value)| format!("{name} = {value}"))
                    .collect(),
                exemptions: planned
                    .exemptions
                    .iter()
                    .filter(|exemption| exemption.assignment == index)
                    .map(|exemption| {
                        let exemption_scope = scope_name(exemption.scope);
                        let what = exemption.exemption;
                        format!(
                            "{exemption_scope}: {} until {} ({})",
                            what.category, what.expires, what.reason
                        )
                    })
                    .collect(),
            }
        })
        .collect()
}
