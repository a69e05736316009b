//! Every path into production passes a test stage.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::ProductionWithoutTest,
        default_severity: Severity::Error,
        summary: "every path into production passes a test stage",
        description: "The CAF guidance tests every model (champion/challenger or A/B, load and response time) in a test environment that mimics production before stakeholders approve it. A promotion path from development into production that skips every test stage deploys untested models.",
        help: "make the production environment promote from a test environment only",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (production, path) in cx.graph.production_without_test(cx.estate) {
        let environment = &cx.estate[production];
        let names: Vec<String> = path
            .iter()
            .map(|&id| format!("`{}`", cx.environment_name(id)))
            .collect();
        let message = format!(
            "production environment `{}` can be reached without a test stage: {}",
            environment.name,
            names.join(" → "),
        );
        cx.push(RULE.finding(format!("{}/promotes-from", environment.path), message));
    }
}
