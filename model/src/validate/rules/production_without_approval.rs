//! Promotion into production waits for an approval.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;
use crate::vocabulary::Stage;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::ProductionWithoutApproval,
        default_severity: Severity::Error,
        summary: "promotion into production waits for an approval",
        description: "Once all tests are completed, the CAF guidance requires stakeholder approval before deployment into production. A production environment without an approval gate deploys whatever passes the tests.",
        help: "add `approval: { persona: <stakeholder persona> }` to the production environment",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let gated: Vec<_> = cx.graph.promotions();
    for (id, environment) in cx.estate.environments() {
        if environment.stage != Stage::Production || environment.approval.is_some() {
            continue;
        }
        let promoted = gated.iter().any(|(_, to, _)| *to == id);
        let message = if promoted {
            format!(
                "promotion into production environment `{}` has no approval gate",
                environment.name
            )
        } else {
            format!(
                "production environment `{}` has no approval gate",
                environment.name
            )
        };
        cx.push(RULE.finding(environment.path.clone(), message));
    }
}
