//! The promotion path has no cycle.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::PromotionCycle,
        default_severity: Severity::Error,
        summary: "environments promote in one direction",
        description: "Models move from development through test into production. When environments promote into each other in a cycle there is no first or last stage, so neither the order of deployment nor the approval gates mean anything.",
        help: "remove one `promotes-from` entry of the cycle so promotion runs one way",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for cycle in cx.graph.promotion_cycles() {
        let names: Vec<String> = cycle
            .iter()
            .map(|&id| format!("`{}`", cx.environment_name(id)))
            .collect();
        let Some(&first) = cycle.first() else {
            continue;
        };
        // Point at the edge that closes the cycle: the first environment's `promotes-from`.
        let path = format!("{}/promotes-from", cx.estate[first].path);
        let mut finding = RULE.finding(
            path,
            format!(
                "environments promote into each other in a cycle: {}",
                names.join(" → ")
            ),
        );
        for &other in cycle.iter().skip(1).take(cycle.len().saturating_sub(2)) {
            let e = &cx.estate[other];
            finding = finding.with_related(
                format!("{}/promotes-from", e.path),
                format!("`{}` is on the cycle", e.name),
            );
        }
        cx.push(finding);
    }
}
