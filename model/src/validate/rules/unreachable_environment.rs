//! Every environment can be reached from development.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;
use crate::vocabulary::Stage;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::UnreachableEnvironment,
        default_severity: Severity::Error,
        summary: "every environment is reached from development",
        description: "Work starts in development and reaches the other stages only by promotion. An environment that no promotion path from a development environment reaches can only be filled by hand, outside the pipeline and its approval gates.",
        help: "add `promotes-from` naming an environment on the path from development, or remove the environment",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let reached = cx.graph.reachable_from_development(cx.estate);
    let has_development = cx
        .estate
        .environments()
        .any(|(_, e)| e.stage == Stage::Development);
    for (id, environment) in cx.estate.environments() {
        if reached.contains(&id) {
            continue;
        }
        let message = if has_development {
            format!(
                "environment `{}` cannot be reached from a development environment",
                environment.name
            )
        } else {
            format!(
                "environment `{}` cannot be reached: no environment has the stage `development`",
                environment.name
            )
        };
        let path = if environment.promotes_from.is_empty() {
            environment.path.clone()
        } else {
            format!("{}/promotes-from", environment.path)
        };
        cx.push(RULE.finding(path, message));
    }
}
