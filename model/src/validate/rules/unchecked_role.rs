//! Personas holding a built-in role whose permissions mlzone does not know.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::estate::RoleRef;
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::UncheckedRole,
        default_severity: Severity::Warning,
        summary: "a persona holds a built-in role whose permissions are not embedded",
        description: "mlzone embeds the definitions of the built-in roles it checks. A persona holding another built-in role is deployed as written, but the access rules (shrinking, read-only production, escalation) cannot check it.",
        help: "use a library or custom role whose permissions mlzone can evaluate, or review the built-in role by hand",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (persona, p) in cx.estate.personas() {
        for (&environment, &role) in &p.roles {
            if matches!(role, RoleRef::Builtin(_)) && cx.permissions(role).is_none() {
                let message = format!(
                    "persona `{}` holds `{}` in `{}`, whose permissions mlzone does not know",
                    cx.persona_name(persona),
                    cx.role_name(role),
                    cx.environment_name(environment),
                );
                cx.push(RULE.finding(cx.persona_setting_path(persona, environment), message));
            }
        }
    }
}
