//! Custom roles extend each other without a cycle.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::RoleCycle,
        default_severity: Severity::Error,
        summary: "custom roles extend each other without a cycle",
        description: "A custom role starts from the permissions of the roles it extends. Roles that extend each other in a cycle have no permissions to start from, so none of them can be written.",
        help: "remove one `extends` entry of the cycle",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for cycle in cx.graph.role_cycles() {
        let names: Vec<String> = cycle
            .iter()
            .map(|&id| format!("`{}`", cx.estate[id].name))
            .collect();
        let Some(&first) = cycle.first() else {
            continue;
        };
        let first = &cx.estate[first];
        let message = format!("roles extend each other in a cycle: {}", names.join(" → "));
        cx.push(RULE.finding(format!("{}/extends", first.path), message));
    }
}
