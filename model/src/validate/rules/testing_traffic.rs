//! The numbers of a test environment's traffic: percentages within 0–100, A/B shares that
//! sum to 100, mirrored traffic within Azure's limit.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::estate::{TestTraffic, Testing};
use crate::validate::context::Context;

/// The most traffic Azure lets an online endpoint mirror, in percent.
pub(crate) const MIRROR_LIMIT: u32 = 50;

pub(crate) static PERCENT_OUT_OF_RANGE: Rule = Rule {
    info: RuleInfo {
        code: Code::TestingPercentOutOfRange,
        default_severity: Severity::Error,
        summary: "testing percentages lie within 0–100",
        description: "A test environment's mirrored share, its A/B shares and its error threshold are percentages. A value above 100 cannot be set on an online endpoint, and an error threshold above 100 can never fail, so the load test would gate nothing.",
        help: "write a percentage between 0 and 100",
    },
    check: check_ranges,
};

pub(crate) static AB_NOT_HUNDRED: Rule = Rule {
    info: RuleInfo {
        code: Code::AbTrafficNotHundred,
        default_severity: Severity::Error,
        summary: "an A/B test's traffic shares sum to 100",
        description: "In an A/B test the champion and the challenger answer live traffic together: Azure refuses an online endpoint's traffic whose shares do not sum to 100 when any is set, so the promotion would stop at the step that splits traffic.",
        help: "make `traffic.champion` and `traffic.challenger` sum to 100",
    },
    check: check_split,
};

pub(crate) static MIRROR_OVER_LIMIT: Rule = Rule {
    info: RuleInfo {
        code: Code::MirrorTrafficOverLimit,
        default_severity: Severity::Error,
        summary: "champion/challenger mirrors at most 50 % of traffic",
        description: "A champion/challenger test copies a share of the live traffic to the challenger while the champion answers (`mirrorTraffic`). Azure allows an online endpoint to mirror at most 50 % of its traffic in total, so a larger share fails when the pipeline sets it.",
        help: "set `mirror-percent` to 50 or less (10 is the default)",
    },
    check: check_mirror,
};

/// Each test environment's testing section.
fn testings<'a>(cx: &Context<'a>) -> Vec<(&'a str, &'a Testing)> {
    cx.estate
        .environments()
        .filter_map(|(_, environment)| {
            environment
                .testing
                .as_ref()
                .map(|testing| (environment.name.as_str(), testing))
        })
        .collect()
}

fn check_ranges(cx: &mut Context<'_>) {
    for (environment, testing) in testings(cx) {
        let mut numbers = Vec::new();
        match testing.traffic {
            TestTraffic::Mirror { percent } => numbers.push(("mirror-percent", percent)),
            TestTraffic::Split {
                champion,
                challenger,
            } => {
                numbers.push(("traffic/champion", champion));
                numbers.push(("traffic/challenger", challenger));
            }
        }
        if let Some(error) = testing.criteria.error_percent {
            numbers.push(("failure-criteria/error-percent", error));
        }
        for (key, value) in numbers {
            if value > 100 {
                let message = format!(
                    "`{}` of the testing of `{environment}` is {value} %, above 100 %",
                    key.replace('/', ".")
                );
                cx.push(PERCENT_OUT_OF_RANGE.finding(format!("{}/{key}", testing.path), message));
            }
        }
    }
}

fn check_split(cx: &mut Context<'_>) {
    for (environment, testing) in testings(cx) {
        if let TestTraffic::Split {
            champion,
            challenger,
        } = testing.traffic
        {
            let sum = champion.saturating_add(challenger);
            if sum != 100 {
                let message = format!(
                    "the a-b traffic of `{environment}` sums to {sum} % ({champion} % champion, {challenger} % challenger), not 100 %"
                );
                cx.push(AB_NOT_HUNDRED.finding(format!("{}/traffic", testing.path), message));
            }
        }
    }
}

fn check_mirror(cx: &mut Context<'_>) {
    for (environment, testing) in testings(cx) {
        if let TestTraffic::Mirror { percent } = testing.traffic
            && percent > MIRROR_LIMIT
            && percent <= 100
        {
            let message = format!(
                "`{environment}` mirrors {percent} % of traffic to the challenger; Azure allows at most {MIRROR_LIMIT} %"
            );
            cx.push(MIRROR_OVER_LIMIT.finding(format!("{}/mirror-percent", testing.path), message));
        }
    }
}
