//! Guardrails: the Azure Policy assignments and exemptions an estate deploys in each
//! environment, computed once for the `policy` target, the docs and the validator.
//!
//! Each [`Guardrail`] has one definition ([`catalog`]): a built-in one where Azure has it,
//! one of mlzone's own otherwise. An environment assigns every guardrail that holds for at
//! least one of its projects (or, for those that hold for every project, always): at the
//! subscription when it holds for all of them and the document's scope is `subscription`,
//! else at each of those projects' resource groups. Parameters come from what the estate
//! declares in that scope (the largest cluster, the VM sizes), so the estate's own
//! deployment complies, which the validator proves by evaluating the rules.
//!
//! ```
//! use mlzone_model::guardrails::{AssignmentScope, environment_guardrails};
//! use mlzone_model::vocabulary::{Guardrail, PolicyEffect};
//! let loaded = mlzone_model::load_default().expect("the default topology loads");
//! let (dev, _) = loaded.estate.environments().next().expect("an environment");
//! let planned = environment_guardrails(&loaded.estate, dev);
//! let scale = planned
//!     .assignments
//!     .iter()
//!     .find(|a| a.guardrail == Guardrail::ClusterScale)
//!     .expect("clusters are guarded");
//! assert_eq!(scale.scope, AssignmentScope::Subscription);
//! assert_eq!(scale.effect, PolicyEffect::Audit);
//! ```

pub mod catalog;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::estate::{EnvironmentId, Estate, Exemption, Project, ProjectId};
use crate::vocabulary::{Guardrail, GuardrailScope, Isolation, Network, PolicyEffect, Stage};
use catalog::{Applies, DefinitionInfo};

pub use catalog::{DEFINITIONS, Source, definition};

/// Where one assignment (or exemption) is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AssignmentScope {
    /// The environment's subscription.
    Subscription,
    /// A project's resource group in the environment.
    ResourceGroup(ProjectId),
}

/// One policy assignment of an environment.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// The guardrail assigned.
    pub guardrail: Guardrail,
    /// Where.
    pub scope: AssignmentScope,
    /// Its effect (a deny asked of a definition that cannot deny audits).
    pub effect: PolicyEffect,
    /// The effect the document asked for.
    pub asked: PolicyEffect,
    /// Every parameter value it passes to the definition, `effect` included, by name.
    pub parameters: BTreeMap<&'static str, Value>,
    /// The projects whose resources it covers.
    pub projects: Vec<ProjectId>,
}

impl Assignment {
    /// The guardrail's definition.
    pub fn definition(&self) -> &'static DefinitionInfo {
        definition(self.guardrail)
    }
}

/// One policy exemption of an environment: a document exemption applied to one assignment.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedExemption<'e> {
    /// The exemption as the document states it.
    pub exemption: &'e Exemption,
    /// The position of the exempted assignment in [`EnvironmentGuardrails::assignments`].
    pub assignment: usize,
    /// Where the exemption is made: the assignment's scope, or the project's resource group
    /// below a subscription assignment.
    pub scope: AssignmentScope,
}

/// The guardrails of one environment.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvironmentGuardrails<'e> {
    /// The environment.
    pub environment: EnvironmentId,
    /// Its assignments, by guardrail, then the subscription before resource groups.
    pub assignments: Vec<Assignment>,
    /// Its exemptions.
    pub exemptions: Vec<PlannedExemption<'e>>,
}

impl EnvironmentGuardrails<'_> {
    /// The custom definitions its assignments use, each once.
    pub fn custom_definitions(&self) -> BTreeSet<&'static str> {
        self.assignments
            .iter()
            .filter_map(|assignment| match assignment.definition().source {
                Source::Custom(name) => Some(name),
                Source::Builtin(_) => None,
            })
            .collect()
    }

    /// The exemption of `project` from `assignment`, if any.
    pub fn exemption_of(&self, assignment: usize, project: ProjectId) -> Option<&Exemption> {
        self.exemptions
            .iter()
            .filter(|planned| planned.assignment == assignment)
            .map(|planned| planned.exemption)
            .find(|exemption| exemption.project.is_none_or(|exempted| exempted == project))
    }
}

/// The assignments and exemptions of `environment`.
pub fn environment_guardrails(
    estate: &Estate,
    environment: EnvironmentId,
) -> EnvironmentGuardrails<'_> {
    let settings = estate.guardrails();
    let stage = estate[environment].stage;
    let projects: Vec<(ProjectId, &Project)> = estate
        .projects()
        .filter(|(_, project)| project.environments.contains(&environment))
        .collect();
    let mut assignments = Vec::new();
    for info in DEFINITIONS {
        let covered: Vec<ProjectId> = projects
            .iter()
            .filter(|(_, project)| holds_for(info.applies, project))
            .map(|(id, _)| *id)
            .collect();
        if covered.is_empty() && info.applies != Applies::All {
            continue;
        }
        let asked = settings.effects(environment).map_or_else(
            || crate::estate::Effects::of_stage(stage).of(info.guardrail),
            |effects| effects.of(info.guardrail),
        );
        let effect = info.effect(asked);
        let at_subscription =
            settings.scope == GuardrailScope::Subscription && covered.len() == projects.len();
        let groups: Vec<(AssignmentScope, Vec<ProjectId>)> = if at_subscription {
            vec![(AssignmentScope::Subscription, covered)]
        } else {
            covered
                .into_iter()
                .map(|project| (AssignmentScope::ResourceGroup(project), vec![project]))
                .collect()
        };
        for (scope, covered) in groups {
            // What a project exempted on its own declares does not widen the parameters of
            // the others.
            let declaring: Vec<&Project> = covered
                .iter()
                .filter(|project| {
                    !settings.exemptions.iter().any(|exemption| {
                        exemption.guardrail == info.guardrail
                            && exemption.environment == environment
                            && exemption.project == Some(**project)
                    })
                })
                .map(|project| &estate[*project])
                .collect();
            let mut parameters = parameters(info.guardrail, stage, &declaring);
            parameters.insert("effect", json!(effect.azure()));
            assignments.push(Assignment {
                guardrail: info.guardrail,
                scope,
                effect,
                asked,
                parameters,
                projects: covered,
            });
        }
    }
    let exemptions = exemptions(estate, environment, &assignments);
    EnvironmentGuardrails {
        environment,
        assignments,
        exemptions,
    }
}

fn holds_for(applies: Applies, project: &Project) -> bool {
    match applies {
        Applies::All => true,
        Applies::Private => project.factors.network == Network::Private,
        Applies::ApprovedOutbound => {
            project.factors.isolation == Isolation::AllowOnlyApprovedOutbound
        }
    }
}

/// The parameters of `guardrail` besides the effect, from what `projects` declare in a stage.
fn parameters(
    guardrail: Guardrail,
    stage: Stage,
    projects: &[&Project],
) -> BTreeMap<&'static str, Value> {
    let mut parameters = BTreeMap::new();
    match guardrail {
        Guardrail::ClusterScale => {
            let largest = projects
                .iter()
                .flat_map(|project| clusters(project, stage))
                .map(|cluster| cluster.max_nodes)
                .max()
                .unwrap_or(0);
            parameters.insert("maxNodeCount", json!(largest));
        }
        Guardrail::ComputeVmSizes => {
            let sizes: BTreeSet<&str> = projects
                .iter()
                .flat_map(|project| vm_sizes(project, stage))
                .collect();
            parameters.insert("allowedVmSizes", json!(sizes));
        }
        Guardrail::ManagedNetworkApprovedOutbound => {
            parameters.insert("isolationMode", json!("AllowOnlyApprovedOutbound"));
        }
        _ => {}
    }
    parameters
}

/// The clusters a project deploys in an environment of `stage`: its development clusters in
/// development, its pipelines' clusters elsewhere (as the plan deploys them).
pub fn clusters(project: &Project, stage: Stage) -> Vec<&crate::estate::Cluster> {
    if stage == Stage::Development {
        project.compute.clusters.iter().collect()
    } else {
        project
            .compute
            .pipelines
            .iter()
            .map(|pipeline| &pipeline.cluster)
            .collect()
    }
}

/// The VM sizes of the computes a project deploys in an environment of `stage`: its data
/// scientists' instances and its clusters in development, its pipelines' clusters elsewhere.
fn vm_sizes(project: &Project, stage: Stage) -> Vec<&str> {
    let mut sizes: Vec<&str> = clusters(project, stage)
        .into_iter()
        .map(|cluster| cluster.vm_size.as_str())
        .collect();
    if stage == Stage::Development {
        sizes.extend(
            project
                .data_scientists
                .iter()
                .map(|scientist| scientist.vm_size.as_str()),
        );
    }
    sizes
}

/// The document's exemptions in `environment`, each applied to the assignments it exempts.
fn exemptions<'e>(
    estate: &'e Estate,
    environment: EnvironmentId,
    assignments: &[Assignment],
) -> Vec<PlannedExemption<'e>> {
    let mut planned = Vec::new();
    for exemption in &estate.guardrails().exemptions {
        if exemption.environment != environment {
            continue;
        }
        for (index, assignment) in assignments.iter().enumerate() {
            if assignment.guardrail != exemption.guardrail {
                continue;
            }
            let scope = match exemption.project {
                None => Some(assignment.scope),
                Some(project) => assignment
                    .projects
                    .contains(&project)
                    .then_some(AssignmentScope::ResourceGroup(project)),
            };
            if let Some(scope) = scope {
                planned.push(PlannedExemption {
                    exemption,
                    assignment: index,
                    scope,
                });
            }
        }
    }
    planned
}

#[cfg(test)]
mod tests;
