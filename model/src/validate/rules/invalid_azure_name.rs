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
        description: "mlzone builds resource names from a type prefix, the naming prefix, the project, the environment and the person, VM size or pipeline: workspaces take 3 to 33 characters, storage accounts 3 to 24 lowercase letters and digits, key vaults 3 to 24, registries 5 to 50, compute 3 to 24 not ending in `-` and digits. Long names are cut with a stable hash and compute names ending in `-` and digits get an `x`, but some inputs still give a name Azure refuses. The names checked are the ones code generation writes.",
        help: "rename the item the name is built from",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    for resource in &cx.names {
        let name = &resource.name;
        let Err(problem) = name.rule.check(&name.value) else {
            continue;
        };
        if !seen.insert((name.rule.what, name.value.clone())) {
            continue;
        }
        let message = format!(
            "the {} name `{}` of {} {problem}",
            name.rule.what, name.value, resource.owner,
        );
        found.push(RULE.finding(resource.path.clone(), message));
    }
    for finding in found {
        cx.push(finding);
    }
}
