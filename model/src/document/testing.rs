//! How a test environment tests models, as written: the strategy's traffic, the load test
//! and the criteria that fail a promotion.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::vocabulary::{Percentile, TestCheck, TestStrategy};

/// The testing strategy, checks and numbers of a test environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TestingDoc {
    /// How the new model is compared with the current one.
    pub strategy: TestStrategy,
    /// The automated checks run before promotion.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<TestCheck>,
    /// Champion/challenger: the percentage of live traffic mirrored to the challenger while
    /// the champion answers (Azure allows at most 50); 10 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mirror_percent: Option<u32>,
    /// A/B: how the live traffic is split between the two deployments (summing to 100);
    /// 90 to the champion and 10 to the challenger when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic: Option<TrafficDoc>,
    /// The load test run against the challenger; one engine, 50 virtual users for 300
    /// seconds when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load: Option<LoadDoc>,
    /// The criteria that fail the load test, and with it the promotion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_criteria: Option<FailureCriteriaDoc>,
}

/// The A/B split of live traffic, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TrafficDoc {
    /// The share of the deployment serving now.
    pub champion: u32,
    /// The share of the candidate.
    pub challenger: u32,
}

/// The shape of a load test.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LoadDoc {
    /// Parallel test engines (Azure Load Testing allows 1 to 400).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 400))]
    pub engine_instances: Option<u32>,
    /// Virtual users per engine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub virtual_users: Option<u32>,
    /// How long the test runs, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub duration_seconds: Option<u32>,
    /// How long the virtual users take to start, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ramp_up_seconds: Option<u32>,
}

/// The criteria that fail a load test.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FailureCriteriaDoc {
    /// The percentile of response time the threshold applies to; `p95` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentile: Option<Percentile>,
    /// The test fails when that percentile of response time exceeds this many milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub response_time_ms: Option<u32>,
    /// The test fails when more than this percentage of requests fail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_percent: Option<u32>,
}
