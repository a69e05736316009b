//! Every name the plan builds follows Azure's rules.

use std::collections::BTreeSet;

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::InvalidAzureName,
        default_severity: Severity::Error,
        summary: "every resource name the plan builds follows azure's rules",
        description: "mlzone builds resource names from the naming prefix, the project, the environment and the person: workspaces take 3 to 33 characters, storage accounts 3 to 24 lowercase letters and digits, key vaults 3 to 24, compute 3 to 24 not ending in `-` and digits. Long names are shortened with a stable suffix, but some inputs still give a name Azure refuses.",
        help: "rename the item the name is built from (a compute name cannot end with `-` and digits)",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    for built in &cx.names {
        let Err(problem) = built.kind.check(&built.name) else {
            continue;
        };
        if !seen.insert((built.kind, built.name.clone())) {
            continue;
        }
        let message = format!(
            "the {} name `{}` of {} {problem}",
            built.kind.label(),
            built.name,
            built.owner(),
        );
        found.push(RULE.finding(built.path(), message));
    }
    for finding in found {
        cx.push(finding);
    }
}
