//! What a document gets when it leaves something out: the CAF defaults.

use std::collections::BTreeMap;

use crate::document::{
    ApprovalDoc, EnvironmentDoc, FailureCriteriaDoc, LoadDoc, PersonaDoc, PostureDoc, TestingDoc,
};
use crate::newtypes::{Slug, VmSize};
use crate::vocabulary::{
    Archetype, InferenceMode, Isolation, Network, Percentile, PersonaKind, Redundancy, Stage,
    TestCheck, TestStrategy,
};

/// The archetype used when neither the project nor the document names factors: the CAF
/// private, restricted setup.
pub const DEFAULT_ARCHETYPE: Archetype = Archetype::PrivateRestricted;

/// The VM size of instances and the default development cluster.
pub const DEFAULT_VM_SIZE: &str = "Standard_DS3_v2";
/// Minutes of inactivity before a compute instance shuts down.
pub const DEFAULT_IDLE_SHUTDOWN_MINUTES: u32 = 60;
/// Maximum nodes of a cluster when the document does not say.
pub const DEFAULT_MAX_NODES: u32 = 4;
/// Seconds a cluster node stays idle before it is released.
pub const DEFAULT_IDLE_SECONDS_BEFORE_SCALE_DOWN: u32 = 120;

/// The managed network isolation a network factor implies when the project does not say.
pub fn default_isolation(network: Network) -> Isolation {
    match network {
        Network::Public => Isolation::Disabled,
        Network::Private => Isolation::AllowOnlyApprovedOutbound,
    }
}

/// The storage redundancy of a stage: local where data can be rebuilt, geo-redundant in
/// production (geo rather than zone, which only regions with availability zones offer).
pub fn default_redundancy(stage: Stage) -> Redundancy {
    match stage {
        Stage::Development | Stage::Test => Redundancy::Local,
        Stage::Production => Redundancy::Geo,
    }
}

/// Why a stage's default storage is locally redundant, when it is.
pub fn local_redundancy_reason(stage: Stage) -> Option<&'static str> {
    match stage {
        Stage::Development => Some(
            "development stage: experiments and their data can be rebuilt from source and the data platform, so locally redundant storage keeps cost down",
        ),
        Stage::Test => Some(
            "test stage: test runs and their data are recreated from the promoted model, so locally redundant storage keeps cost down",
        ),
        Stage::Production => None,
    }
}

pub(crate) fn default_vm_size() -> VmSize {
    VmSize::known(DEFAULT_VM_SIZE)
}

/// The share of live traffic a champion/challenger test mirrors to the challenger.
pub(crate) const MIRROR_PERCENT: u32 = 10;
/// The A/B split's shares: champion, challenger.
pub(crate) const SPLIT_PERCENT: (u32, u32) = (90, 10);
/// The load test's parallel engines.
pub(crate) const LOAD_ENGINE_INSTANCES: u32 = 1;
/// The load test's virtual users per engine.
pub(crate) const LOAD_VIRTUAL_USERS: u32 = 50;
/// How long the load test runs, in seconds.
pub(crate) const LOAD_DURATION_SECONDS: u32 = 300;
/// How long the load test's virtual users take to start, in seconds.
pub(crate) const LOAD_RAMP_UP_SECONDS: u32 = 60;
/// The default test environment's response-time threshold (p95), in milliseconds.
pub(crate) const RESPONSE_TIME_MS: u32 = 500;
/// The default test environment's error threshold, in percent.
pub(crate) const ERROR_PERCENT: u32 = 1;

/// Development, test and production, promoted in that order, with stakeholder approval
/// before production.
pub fn environments() -> Vec<EnvironmentDoc> {
    let environment =
        |name: &'static str, stage: Stage, promotes_from: Option<&'static str>| EnvironmentDoc {
            name: Slug::known(name),
            stage,
            subscription: None,
            location: None,
            promotes_from: promotes_from.map(Slug::known).into_iter().collect(),
            approval: None,
            without_approval: false,
            testing: None,
            inference: Vec::new(),
            without_testing: false,
            without_inference: false,
            posture: PostureDoc::default(),
            landing_zone: crate::document::EnvironmentLandingZoneDoc::default(),
        };
    let dev = environment("dev", Stage::Development, None);
    let test = EnvironmentDoc {
        testing: Some(TestingDoc {
            strategy: TestStrategy::ChampionChallenger,
            checks: vec![TestCheck::Load, TestCheck::ResponseTime],
            mirror_percent: Some(MIRROR_PERCENT),
            traffic: None,
            load: Some(LoadDoc {
                engine_instances: Some(LOAD_ENGINE_INSTANCES),
                virtual_users: Some(LOAD_VIRTUAL_USERS),
                duration_seconds: Some(LOAD_DURATION_SECONDS),
                ramp_up_seconds: Some(LOAD_RAMP_UP_SECONDS),
            }),
            failure_criteria: Some(FailureCriteriaDoc {
                percentile: Some(Percentile::P95),
                response_time_ms: Some(RESPONSE_TIME_MS),
                error_percent: Some(ERROR_PERCENT),
            }),
        }),
        ..environment("test", Stage::Test, Some("dev"))
    };
    let prod = EnvironmentDoc {
        approval: Some(ApprovalDoc {
            persona: Slug::known("stakeholder"),
        }),
        inference: vec![InferenceMode::Batch, InferenceMode::RealTime],
        ..environment("prod", Stage::Production, Some("test"))
    };
    vec![dev, test, prod]
}

/// What an environment of `stage` gets for the fields it leaves out: the default
/// environment of that stage (test's testing, production's approval and inference).
pub(crate) fn for_stage(stage: Stage) -> Option<EnvironmentDoc> {
    environments()
        .into_iter()
        .find(|environment| environment.stage == stage)
}

/// The five CAF personas, without groups (the deployment asks for them).
pub(crate) fn personas() -> BTreeMap<Slug, PersonaDoc> {
    [
        PersonaKind::DataScientist,
        PersonaKind::DataEngineer,
        PersonaKind::MlopsEngineer,
        PersonaKind::WorkspaceAdmin,
        PersonaKind::Stakeholder,
    ]
    .into_iter()
    .map(|kind| (Slug::known(kind.as_str()), PersonaDoc::default()))
    .collect()
}

/// The kind a persona's name implies when the document does not give one.
pub(crate) fn kind_from_name(name: &str) -> PersonaKind {
    name.parse().unwrap_or(PersonaKind::Custom)
}
