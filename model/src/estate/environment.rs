//! Environments and the promotion path between them.

use std::collections::BTreeSet;

use super::{EnvironmentId, LandingZone, PersonaId, PrivateLink, Project};
use crate::newtypes::{AzureLocation, Guid, Slug};
use crate::vocabulary::{InferenceMode, Percentile, Redundancy, Stage, TestCheck, TestStrategy};

/// One environment: a stage of the promotion path with its own subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Environment {
    /// Its name (`dev`, `test`, `prod`).
    pub name: Slug,
    /// What it is for.
    pub stage: Stage,
    /// Its subscription; a deployment parameter when `None`.
    pub subscription: Option<Guid>,
    /// Its region.
    pub location: AzureLocation,
    /// The environments models are promoted from into this one.
    pub promotes_from: BTreeSet<EnvironmentId>,
    /// Who approves promotion into it.
    pub approval: Option<Approval>,
    /// How it tests models (test stages).
    pub testing: Option<Testing>,
    /// How it serves models (production stages).
    pub inference: BTreeSet<InferenceMode>,
    /// Security and resilience settings of its resources.
    pub posture: Posture,
    /// Its place in the organisation's landing zone: private DNS, monitoring, spoke.
    pub landing_zone: LandingZone,
    /// Where it is in the document (JSON pointer).
    pub path: String,
}

impl Environment {
    /// How diagrams and pages label it: `name (stage)`.
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.stage)
    }

    /// Where a private project's endpoints go in this environment: the project's own
    /// subnet and virtual network, else the environment's spoke.
    pub fn private_link_of(&self, project: &Project) -> PrivateLink {
        let spoke = &self.landing_zone.private_link;
        PrivateLink {
            subnet: project
                .private_link
                .subnet
                .clone()
                .or_else(|| spoke.subnet.clone()),
            virtual_network: project
                .private_link
                .virtual_network
                .clone()
                .or_else(|| spoke.virtual_network.clone()),
        }
    }
}

/// Security and resilience settings of an environment's resources, with the reason for each
/// one weaker than production-grade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posture {
    /// Redundancy of the workspaces' storage accounts.
    pub storage_redundancy: Redundancy,
    /// Why storage is only locally redundant, when it is: the stage's or the document's.
    pub storage_redundancy_reason: Option<String>,
    /// Whether key vaults have purge protection.
    pub purge_protection: bool,
    /// Why purge protection is off, when it is (the document's).
    pub purge_protection_reason: Option<String>,
}

/// An approval gate on promotion into an environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    /// The persona whose group approves.
    pub persona: PersonaId,
}

/// How a test environment tests models.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Testing {
    /// How a new model is compared with the current one.
    pub strategy: TestStrategy,
    /// The automated checks run before promotion.
    pub checks: BTreeSet<TestCheck>,
    /// How live traffic reaches the challenger, by the strategy.
    pub traffic: TestTraffic,
    /// The load test run against the challenger.
    pub load: LoadTest,
    /// The criteria that fail the load test, and with it the promotion.
    pub criteria: FailureCriteria,
    /// Where it is in the document (JSON pointer), or the environment's when defaulted.
    pub path: String,
}

impl Testing {
    /// Whether the promotion runs a load test: the `load` or `response-time` check is listed.
    pub fn runs_load_test(&self) -> bool {
        self.checks.contains(&TestCheck::Load) || self.checks.contains(&TestCheck::ResponseTime)
    }
}

/// How live traffic reaches the challenger in a test environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestTraffic {
    /// Champion/challenger: the champion answers every request and this percentage is
    /// copied to the challenger (`mirrorTraffic`).
    Mirror {
        /// The percentage mirrored.
        percent: u32,
    },
    /// A/B: the two deployments answer live traffic in these shares (`traffic`).
    Split {
        /// The champion's share, in percent.
        champion: u32,
        /// The challenger's share, in percent.
        challenger: u32,
    },
}

/// The shape of a load test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadTest {
    /// Parallel test engines.
    pub engine_instances: u32,
    /// Virtual users per engine.
    pub virtual_users: u32,
    /// How long it runs, in seconds.
    pub duration_seconds: u32,
    /// How long the virtual users take to start, in seconds.
    pub ramp_up_seconds: u32,
}

/// The criteria that fail a load test; `None` where the document sets no threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureCriteria {
    /// The percentile of response time read.
    pub percentile: Percentile,
    /// The most milliseconds that percentile may take.
    pub response_time_ms: Option<u32>,
    /// The most percent of requests that may fail.
    pub error_percent: Option<u32>,
}
