//! A test strategy has an online endpoint to run on.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::TestingWithoutOnlineEndpoint,
        default_severity: Severity::Warning,
        summary: "a test strategy has an online endpoint to run on",
        description: "Champion/challenger and A/B tests, and the load test, run on a project's online endpoint in the test environment: the challenger is deployed beside the champion and receives mirrored or split traffic. A project that serves models only in batch has no such endpoint, so its models reach production without the test environment's strategy or gates.",
        help: "give the project `endpoints.online: true`, or test its batch model another way and say so in the project's description",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let mut findings = Vec::new();
    for (environment_id, environment) in cx.estate.environments() {
        let Some(testing) = &environment.testing else {
            continue;
        };
        for (_, project) in cx.estate.projects() {
            if project.environments.contains(&environment_id)
                && project.endpoints.batch
                && !project.endpoints.online
            {
                let message = format!(
                    "project `{}` serves batch only, so the {} test of `{}` has no online endpoint to run on",
                    project.name, testing.strategy, environment.name
                );
                findings.push(RULE.finding(format!("{}/endpoints", project.path), message));
            }
        }
    }
    for finding in findings {
        cx.push(finding);
    }
}
