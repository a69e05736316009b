//! Data scientists and data engineers have limited access in test.

use super::permission_sets::is_scientist_or_engineer;
use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;
use crate::vocabulary::{AccessLevel, Stage};

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::TestAccessNotLimited,
        default_severity: Severity::Warning,
        summary: "data scientists and data engineers have limited access in test",
        description: "The CAF guidance gives data scientists and data engineers limited, mostly read-only access to test environments: models reach test through the pipeline, and test mimics production. Keeping `experiment` access or more there lets them change what is being tested.",
        help: "lower the persona's access in the test environment to `configure` (the default) or `read`",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (environment, item) in cx.estate.environments() {
        if item.stage != Stage::Test {
            continue;
        }
        for (persona, p) in cx.estate.personas() {
            // A role override is judged by the access rules on what it grants.
            if !is_scientist_or_engineer(p.kind) || p.roles.contains_key(&environment) {
                continue;
            }
            let level = cx.estate.access(persona, environment);
            if level < AccessLevel::Experiment {
                continue;
            }
            let message = format!(
                "persona `{}` keeps `{level}` access in test environment `{}`",
                p.name, item.name
            );
            cx.push(RULE.finding(cx.persona_setting_path(persona, environment), message));
        }
    }
}
