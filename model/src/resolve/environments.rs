//! Environments: names, promotion edges, approval gates.

use std::collections::{BTreeMap, BTreeSet};

use super::order::{Node, promotion_order};
use super::personas::Personas;
use super::posture;
use super::{Problems, defaults, pointer};
use crate::diagnostic::{Code, Diagnostic};
use crate::document::{Document, EnvironmentDoc, FailureCriteriaDoc, TestingDoc};
use crate::estate::{
    Approval, Environment, EnvironmentId, FailureCriteria, LoadTest, TestTraffic, Testing,
};
use crate::vocabulary::{Percentile, PersonaKind, Stage, TestCheck, TestStrategy};

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
            testing: environment
                .testing
                .as_ref()
                .map(|testing| resolve_testing(testing, path, problems)),
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
/// `without-testing` and `without-inference` keep the stage's default out.
fn with_stage_defaults(mut environment: EnvironmentDoc) -> EnvironmentDoc {
    if let Some(default) = defaults::for_stage(environment.stage) {
        if environment.testing.is_none() && !environment.without_testing {
            environment.testing = default.testing;
        }
        if environment.inference.is_empty() && !environment.without_inference {
            environment.inference = default.inference;
        }
    }
    environment
}

/// The CAF thresholds of the checks listed, for a testing section that writes no
/// `failure-criteria`: the error rate for `load`, the p95 response time for `response-time`.
fn default_criteria(checks: &[TestCheck]) -> FailureCriteriaDoc {
    FailureCriteriaDoc {
        percentile: None,
        response_time_ms: checks
            .contains(&TestCheck::ResponseTime)
            .then_some(defaults::RESPONSE_TIME_MS),
        error_percent: checks
            .contains(&TestCheck::Load)
            .then_some(defaults::ERROR_PERCENT),
    }
}

/// A written testing section with the CAF numbers where it leaves them out. A written
/// `failure-criteria` is taken as it is: a gate is what its author sets, and the validator
/// asks for the thresholds its checks need; without one, the listed checks get the CAF
/// thresholds.
fn resolve_testing(testing: &TestingDoc, path: &str, problems: &mut Problems) -> Testing {
    let path = if path.is_empty() {
        String::new()
    } else {
        format!("{path}/testing")
    };
    let traffic = match testing.strategy {
        TestStrategy::ChampionChallenger => {
            if testing.traffic.is_some() {
                problems.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!("{path}/traffic"),
                        "`traffic` splits live traffic, which a champion-challenger test does not do",
                    )
                    .with_help("set `mirror-percent` for champion-challenger, or use `strategy: a-b`"),
                );
            }
            TestTraffic::Mirror {
                percent: testing.mirror_percent.unwrap_or(defaults::MIRROR_PERCENT),
            }
        }
        TestStrategy::AB => {
            if testing.mirror_percent.is_some() {
                problems.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!("{path}/mirror-percent"),
                        "`mirror-percent` copies traffic to a challenger, which an a-b test does not do",
                    )
                    .with_help("set `traffic` for an a-b test, or use `strategy: champion-challenger`"),
                );
            }
            let (champion, challenger) = testing
                .traffic
                .map_or(defaults::SPLIT_PERCENT, |t| (t.champion, t.challenger));
            TestTraffic::Split {
                champion,
                challenger,
            }
        }
    };
    let load = testing.load.unwrap_or_default();
    let criteria = testing
        .failure_criteria
        .unwrap_or_else(|| default_criteria(&testing.checks));
    Testing {
        strategy: testing.strategy,
        checks: testing.checks.iter().copied().collect(),
        traffic,
        load: LoadTest {
            engine_instances: load
                .engine_instances
                .unwrap_or(defaults::LOAD_ENGINE_INSTANCES),
            virtual_users: load.virtual_users.unwrap_or(defaults::LOAD_VIRTUAL_USERS),
            duration_seconds: load
                .duration_seconds
                .unwrap_or(defaults::LOAD_DURATION_SECONDS),
            ramp_up_seconds: load
                .ramp_up_seconds
                .unwrap_or(defaults::LOAD_RAMP_UP_SECONDS),
        },
        criteria: FailureCriteria {
            percentile: criteria.percentile.unwrap_or(Percentile::P95),
            response_time_ms: criteria.response_time_ms,
            error_percent: criteria.error_percent,
        },
        path,
    }
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
    check_without(
        environment,
        path,
        problems,
        Without {
            key: "without-testing",
            field: "testing",
            stage: Stage::Test,
            set: environment.without_testing,
            written: environment.testing.is_some(),
        },
    );
    check_without(
        environment,
        path,
        problems,
        Without {
            key: "without-inference",
            field: "inference",
            stage: Stage::Production,
            set: environment.without_inference,
            written: !environment.inference.is_empty(),
        },
    );
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

/// A `without-…` key that drops a stage's default section.
struct Without {
    key: &'static str,
    field: &'static str,
    stage: Stage,
    set: bool,
    written: bool,
}

/// A `without-…` key needs the stage whose default it drops, and no section beside it.
fn check_without(
    environment: &EnvironmentDoc,
    path: &str,
    problems: &mut Problems,
    without: Without,
) {
    let Without {
        key,
        field,
        stage,
        set,
        written,
    } = without;
    if !set {
        return;
    }
    if written {
        problems.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("{path}/{key}"),
                format!("`{}` sets both `{field}` and `{key}`", environment.name),
            )
            .with_help(format!(
                "keep `{field}` to set it, or `{key}: true` for none"
            )),
        );
    } else if environment.stage != stage {
        problems.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("{path}/{key}"),
                format!(
                    "`{key}` is set on `{}`, a {} environment",
                    environment.name, environment.stage
                ),
            )
            .with_help(format!(
                "only {stage} environments have a default `{field}` to drop; remove the key"
            )),
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
