//! A load or response-time check has a threshold to fail on.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;
use crate::vocabulary::TestCheck;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::TestingThresholdMissing,
        default_severity: Severity::Error,
        summary: "load and response-time checks have their thresholds",
        description: "A check gates a promotion only through its failure criterion: the load test fails when more requests fail than `error-percent` allows (the `load` check) or when the percentile of response time exceeds `response-time-ms` (the `response-time` check). A listed check without its threshold runs a load test that can never fail.",
        help: "set `failure-criteria.error-percent` for `load` and `failure-criteria.response-time-ms` for `response-time`",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let mut findings = Vec::new();
    for (_, environment) in cx.estate.environments() {
        let Some(testing) = &environment.testing else {
            continue;
        };
        let missing = [
            (
                TestCheck::Load,
                "error-percent",
                testing.criteria.error_percent.is_none(),
            ),
            (
                TestCheck::ResponseTime,
                "response-time-ms",
                testing.criteria.response_time_ms.is_none(),
            ),
        ];
        for (check, key, absent) in missing {
            if absent && testing.checks.contains(&check) {
                let message = format!(
                    "`{}` lists the `{check}` check but sets no `failure-criteria.{key}`",
                    environment.name
                );
                findings.push(RULE.finding(format!("{}/checks", testing.path), message));
            }
        }
    }
    for finding in findings {
        cx.push(finding);
    }
}
