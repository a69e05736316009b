//! The promotion path ends in production.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;
use crate::vocabulary::Stage;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::NoProductionEnvironment,
        default_severity: Severity::Error,
        summary: "the estate has a production environment",
        description: "The CAF guidance promotes models from development through test into production, and the rules about production (a test stage before it, an approval gate, read-only access for data scientists, separation of duties) only apply to environments of stage `production`. An estate without one is checked by none of them, whatever its environments are called.",
        help: "give the environment that serves models `stage: production`, promoted from a test environment",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let mut environments = cx.estate.environments().peekable();
    let Some((_, first)) = environments.peek() else {
        return;
    };
    // Environments written in the document have paths `/environments/<i>`.
    let path = first
        .path
        .rsplit_once('/')
        .map_or_else(String::new, |(list, _)| list.to_owned());
    if environments.any(|(_, e)| e.stage == Stage::Production) {
        return;
    }
    let message =
        "no environment has stage `production`, so no rule about production applies".to_owned();
    cx.push(RULE.finding(path, message));
}
