//! Each project's model path for the promotion page: the development workspace, the
//! registry, each test environment with its strategy, traffic and gates, the approval, and
//! production serving in real time or batch.

use mlzone_model::Estate;
use mlzone_model::estate::{EnvironmentId, Project};
use mlzone_model::naming::EstateNames;
use mlzone_model::vocabulary::Stage;
use serde::Serialize;

use crate::plan::promotion::{failure_criteria, traffic_phrase};

/// The path of one project's models, drawn as a Mermaid flowchart.
#[derive(Debug, Clone, Serialize)]
pub struct ModelPath {
    /// The project.
    pub project: String,
    /// The steps, in promotion order.
    pub nodes: Vec<PathNode>,
    /// The moves between them.
    pub edges: Vec<PathEdge>,
}

/// One step of a model path.
#[derive(Debug, Clone, Serialize)]
pub struct PathNode {
    /// Its key (drawn through `mermaid_id`).
    pub id: String,
    /// What happens there.
    pub label: String,
}

/// One move of a model path.
#[derive(Debug, Clone, Serialize)]
pub struct PathEdge {
    /// The step it leaves.
    pub from: String,
    /// The step it reaches.
    pub to: String,
}

/// The model path of every project, in the estate's order.
pub fn model_paths(estate: &Estate) -> Vec<ModelPath> {
    let names = EstateNames::for_estate(estate);
    let registry = names.registry(estate).map(|r| r.registry.value);
    estate
        .projects()
        .map(|(_, project)| path(estate, &names, registry.as_deref(), project))
        .collect()
}

fn environment_key(id: EnvironmentId, estate: &Estate) -> String {
    format!("environment {}", estate[id].name)
}

fn path(
    estate: &Estate,
    names: &EstateNames,
    registry: Option<&str>,
    project: &Project,
) -> ModelPath {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    const REGISTRY: &str = "registry";
    if let Some(registry) = registry {
        nodes.push(PathNode {
            id: REGISTRY.to_owned(),
            label: format!("registry {registry}"),
        });
    }
    for (id, environment) in estate.environments() {
        if !project.environments.contains(&id) {
            continue;
        }
        let env = environment.name.as_str();
        let key = environment_key(id, estate);
        let label = match environment.stage {
            Stage::Development => {
                format!(
                    "{env}: workspace {}",
                    names.of(project, environment).workspace()
                )
            }
            Stage::Test => match (
                &environment.testing,
                project.endpoints.online_in(environment),
            ) {
                (Some(testing), true) => {
                    let mut label = format!(
                        "{env}: {} challenger, {}",
                        testing.strategy,
                        traffic_phrase(testing)
                    );
                    if project.endpoints.load_test_in(environment) {
                        let gates = failure_criteria(testing);
                        if gates.is_empty() {
                            label.push_str(", load test without a gate");
                        } else {
                            label.push_str(&format!(", fails when {}", gates.join(" or ")));
                        }
                    }
                    label
                }
                (Some(_), false) => format!("{env}: no online endpoint, not tested"),
                (None, _) => format!("{env}: no testing"),
            },
            Stage::Production => {
                let mut serving = Vec::new();
                if project.endpoints.online_in(environment) {
                    serving.push("real-time, blue/green with the previous deployment kept");
                }
                if project.endpoints.batch_in(environment) {
                    serving.push("batch, new default deployment");
                }
                if serving.is_empty() {
                    format!("{env}: no endpoint")
                } else {
                    format!("{env}: {}", serving.join("; "))
                }
            }
        };
        nodes.push(PathNode {
            id: key.clone(),
            label,
        });
        let mut target = key.clone();
        if let Some(approval) = &environment.approval {
            let gate = format!("approval {env}");
            nodes.push(PathNode {
                id: gate.clone(),
                label: format!("approval by {}", estate[approval.persona].name),
            });
            edges.push(PathEdge {
                from: gate.clone(),
                to: key.clone(),
            });
            target = gate;
        }
        if environment.stage == Stage::Development {
            if registry.is_some() {
                edges.push(PathEdge {
                    from: key,
                    to: REGISTRY.to_owned(),
                });
            }
            continue;
        }
        for &source in &environment.promotes_from {
            if !project.environments.contains(&source) {
                continue;
            }
            let from = if estate[source].stage == Stage::Development && registry.is_some() {
                REGISTRY.to_owned()
            } else {
                environment_key(source, estate)
            };
            if !edges.iter().any(|e| e.from == from && e.to == target) {
                edges.push(PathEdge {
                    from,
                    to: target.clone(),
                });
            }
        }
    }
    ModelPath {
        project: project.name.to_string(),
        nodes,
        edges,
    }
}
