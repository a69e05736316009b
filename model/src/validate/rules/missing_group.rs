//! Every persona with access in an environment has an Entra group there.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::{Context, listing};

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::MissingGroup,
        default_severity: Severity::Warning,
        summary: "a persona with access in an environment has a group there",
        description: "Roles are assigned to one Entra ID group per persona and environment, as the CAF guidance recommends. A persona that holds a role or approves promotion in an environment without a group there gets a deployment parameter instead: the deployment will ask for the group's object id.",
        help: "add the group's object id under the persona's `groups`, or pass it when deploying",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (persona, p) in cx.estate.personas() {
        let missing: Vec<&str> = cx
            .estate
            .environments()
            .filter(|(environment, e)| {
                let holds_role = cx.estate.projects().any(|(project, _)| {
                    cx.estate
                        .assigned_role(persona, *environment, project)
                        .is_some()
                });
                let approves = e.approval.as_ref().is_some_and(|a| a.persona == persona);
                (holds_role || approves) && !p.groups.contains_key(environment)
            })
            .map(|(_, e)| e.name.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let message = format!(
            "persona `{}` has no group in {}",
            p.name,
            listing(&missing, missing.len()),
        );
        let path = if p.groups.is_empty() {
            p.path.clone()
        } else {
            format!("{}/groups", p.path)
        };
        cx.push(RULE.finding(path, message));
    }
}
