//! Environments: names, promotion edges, approval gates.

use std::collections::{BTreeMap, BTreeSet};

use super::order::{Node, promotion_order};
use super::personas::Personas;
use super::posture;
use super::{Problems, defaults, pointer};
use crate::diagnostic::{Code, Diagnostic};
use crate::document::{Document, EnvironmentDoc};
use crate::estate::{Approval, Environment, EnvironmentId, Testing};
use crate::vocabulary::{PersonaKind, Stage};

/// Environments in canonical order, with a name index.
pub(crate) struct Environments {
    pub items: Vec<Environment>,
    pub by_name: BTreeMap<String, EnvironmentId>,
    /// The document's environments (or the defaults) with their paths, in canonical order.
    sources: Vec<(EnvironmentDoc, String)>,
}

impl Environments {
    /// The ids of the environments, in the order of `items`.
    pub fn ids(&self) -> impl Iterator<Item = EnvironmentId> + use<> {
        (0..self.items.len()).map(EnvironmentId::from_index)
    }

    /// The id of an environment named in the document, or a located problem.
    pub fn lookup(
        &self,
        problems: &mut Problems,
        path: String,
        name: &str,
    ) -> Option<EnvironmentId> {
        let found = self.by_name.get(name).copied();
        if found.is_none() {
            problems.unknown(
                path,
                "environment",
                name,
                self.by_name.keys().map(String::as_str),
            );
        }
        found
    }
}

/// Names, order and promotion edges; approvals wait for personas ([`finish`]).
pub(crate) fn resolve(document: &Document, problems: &mut Problems) -> Environments {
    let written = document.environments.is_some();
    let docs: Vec<(EnvironmentDoc, String)> = document
        .environments
        .clone()
        .unwrap_or_else(defaults::environments)
        .into_iter()
        .enumerate()
        .map(|(i, environment)| {
            if written {
                (
                    with_stage_defaults(environment),
                    pointer(["environments", &i.to_string()]),
                )
            } else {
                (environment, String::new())
            }
        })
        .collect();

    if written && docs.is_empty() {
        problems.push(
            Diagnostic::error(Code::InvalidValue, "/environments", "the list of environments is empty")
                .with_help("list at least a development environment, or leave the key out for dev, test and prod"),
        );
    }

    let mut first_by_name: BTreeMap<&str, &str> = BTreeMap::new();
    let mut unique = Vec::new();
    for (environment, path) in &docs {
        match first_by_name.get(environment.name.as_str()) {
            Some(first) => problems.duplicate(
                format!("{path}/name"),
                format!("{first}/name"),
                "environment",
                environment.name.as_str(),
            ),
            None => {
                first_by_name.insert(environment.name.as_str(), path);
                unique.push((environment.clone(), path.clone()));
            }
        }
    }

    let nodes: Vec<Node<'_>> = unique
        .iter()
        .map(|(environment, _)| Node {
            name: environment.name.as_str(),
            stage: environment.stage,
            promotes_from: environment
                .promotes_from
                .iter()
                .map(|name| name.as_str())
                .collect(),
        })
        .collect();
    let sources: Vec<(EnvironmentDoc, String)> = promotion_order(&nodes)
        .into_iter()
        .filter_map(|i| unique.get(i).cloned())
        .collect();
    let by_name: BTreeMap<String, EnvironmentId> = sources
        .iter()
        .enumerate()
        .map(|(i, (environment, _))| (environment.name.to_string(), EnvironmentId::from_index(i)))
        .collect();

    let mut environments = Environments {
        items: Vec::new(),
        by_name,
        sources: Vec::new(),
    };
    let mut items = Vec::with_capacity(sources.len());
    for (environment, path) in &sources {
        let mut promotes_from = BTreeSet::new();
        for (i, source) in environment.promotes_from.iter().enumerate() {
            let source_path = format!("{path}/promotes-from/{i}");
            if let Some(id) = environments.lookup(problems, source_path, source.as_str()) {
                promotes_from.insert(id);
            }
        }
        check_stage_fields(environment, path, problems);
        if let Some(location) = &environment.location {
            super::regions::check(problems, format!("{path}/location"), location);
        }
        if environment
            .subscription
            .is_some_and(|subscription| subscription.is_nil())
        {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("{path}/subscription"),
                    "the all-zero GUID is not a real subscription id",
                )
                .with_help("write the subscription id (`az account show --query id`), or leave the key out for a deployment parameter"),
            );
        }
        items.push(Environment {
            name: environment.name.clone(),
            stage: environment.stage,
            subscription: environment.subscription,
            location: environment
                .location
                .clone()
                .unwrap_or_else(|| document.location.clone()),
            promotes_from,
            approval: None,
            testing: environment.testing.as_ref().map(|testing| Testing {
                strategy: testing.strategy,
                checks: testing.checks.iter().copied().collect(),
            }),
            inference: environment.inference.iter().copied().collect(),
            posture: posture::resolve(environment, path, problems),
            landing_zone: super::landing_zone::resolve(document, environment, path, problems),
            path: path.clone(),
        });
    }
    environments.items = items;
    environments.sources = sources;
    environments
}

/// A written environment with the testing and inference of its stage's default environment
/// where it leaves them out (its default approval gate waits for personas, [`finish`]).
fn with_stage_defaults(mut environment: EnvironmentDoc) -> EnvironmentDoc {
    if let Some(default) = defaults::for_stage(environment.stage) {
        if environment.testing.is_none() {
            environment.testing = default.testing;
        }
        if environment.inference.is_empty() {
            environment.inference = default.inference;
        }
    }
    environment
}

/// Whether an environment written without `approval` gets its stage's default gate.
fn takes_default_gate(environment: &EnvironmentDoc) -> bool {
    defaults::for_stage(environment.stage).is_some_and(|default| default.approval.is_some())
}

/// Testing belongs to test stages and inference to production stages; `without-approval`
/// drops a default gate, so it needs one and no `approval` beside it.
fn check_stage_fields(environment: &EnvironmentDoc, path: &str, problems: &mut Problems) {
    if environment.without_approval && environment.approval.is_some() {
        problems.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("{path}/without-approval"),
                format!(
                    "`{}` sets both `approval` and `without-approval`",
                    environment.name
                ),
            )
            .with_help("keep `approval` for a gate, or `without-approval: true` for none"),
        );
    } else if environment.without_approval && !takes_default_gate(environment) {
        problems.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("{path}/without-approval"),
                format!(
                    "`without-approval` is set on `{}`, a {} environment",
                    environment.name, environment.stage
                ),
            )
            .with_help(
                "only production environments have a default approval gate to drop; remove the key",
            ),
        );
    }
    if environment.testing.is_some() && environment.stage != Stage::Test {
        problems.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("{path}/testing"),
                format!(
                    "`testing` is set on `{}`, a {} environment",
                    environment.name, environment.stage
                ),
            )
            .with_help(
                "only test environments run a testing strategy; move it or change the stage",
            ),
        );
    }
    if !environment.inference.is_empty() && environment.stage != Stage::Production {
        problems.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("{path}/inference"),
                format!(
                    "`inference` is set on `{}`, a {} environment",
                    environment.name, environment.stage
                ),
            )
            .with_help("only production environments serve models; move it or change the stage"),
        );
    }
}

/// Resolves approval gates now that personas are known.
pub(crate) fn finish(
    mut environments: Environments,
    personas: &Personas,
    problems: &mut Problems,
) -> Environments {
    let sources = std::mem::take(&mut environments.sources);
    for ((environment, path), item) in sources.iter().zip(environments.items.iter_mut()) {
        // The default gate goes to the first stakeholder persona; a document without one
        // gets no gate, and the validator says so.
        item.approval = match &environment.approval {
            Some(approval) if !path.is_empty() => {
                let approval_path = format!("{path}/approval/persona");
                personas.lookup(problems, approval_path, approval.persona.as_str())
            }
            Some(_) => personas.first_of_kind(PersonaKind::Stakeholder),
            None if !environment.without_approval && takes_default_gate(environment) => {
                personas.first_of_kind(PersonaKind::Stakeholder)
            }
            None => None,
        }
        .map(|persona| Approval { persona });
    }
    environments.sources = sources;
    environments
}
