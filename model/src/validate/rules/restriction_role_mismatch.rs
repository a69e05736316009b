//! Restricted projects give data scientists the custom data scientist role; unrestricted
//! ones give them Contributor.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::estate::{ProjectId, RoleRef};
use crate::validate::context::Context;
use crate::vocabulary::{AccessLevel, PersonaKind, Restriction};

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::RestrictionRoleMismatch,
        default_severity: Severity::Warning,
        summary: "restricted means a custom data scientist role, unrestricted means Contributor",
        description: "The CAF factors tie the data scientist's role to the project's restriction: restricted workspaces use a custom data scientist role, unrestricted ones the built-in Contributor role. A role override that gives a restricted project's data scientists a built-in role, or an unrestricted project's data scientists something other than Contributor, makes the factor say one thing and the access another.",
        help: "drop the role override so the restriction picks the role, or change the project's `restriction`",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (environment, _) in cx.estate.environments() {
        for (persona, p) in cx.estate.personas() {
            let overridden = p.roles.contains_key(&environment);
            let experimenting = cx.estate.access(persona, environment) == AccessLevel::Experiment;
            if p.kind != PersonaKind::DataScientist || !overridden || !experimenting {
                continue;
            }
            for group in cx.role_groups(persona, environment) {
                let builtin = matches!(group.role, RoleRef::Builtin(_));
                let contributor =
                    matches!(group.role, RoleRef::Builtin(role) if role.name == "Contributor");
                let by_restriction = |restriction: Restriction| -> Vec<ProjectId> {
                    group
                        .projects
                        .iter()
                        .copied()
                        .filter(|&id| cx.estate[id].factors.restriction == restriction)
                        .collect()
                };
                let restricted = by_restriction(Restriction::Restricted);
                if builtin && !restricted.is_empty() {
                    let message = format!(
                        "persona `{}` holds the built-in role `{}` in `{}` in restricted {}, not a custom data scientist role",
                        cx.persona_name(persona),
                        cx.role_name(group.role),
                        cx.environment_name(environment),
                        cx.projects_phrase(&restricted),
                    );
                    cx.push(RULE.finding(cx.persona_setting_path(persona, environment), message));
                }
                let unrestricted = by_restriction(Restriction::Unrestricted);
                if !contributor && !unrestricted.is_empty() {
                    let message = format!(
                        "persona `{}` holds `{}` in `{}` in unrestricted {}, not `Contributor`",
                        cx.persona_name(persona),
                        cx.role_name(group.role),
                        cx.environment_name(environment),
                        cx.projects_phrase(&unrestricted),
                    );
                    cx.push(RULE.finding(cx.persona_setting_path(persona, environment), message));
                }
            }
        }
    }
}
