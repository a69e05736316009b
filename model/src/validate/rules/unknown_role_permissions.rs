//! Custom roles extend only roles whose permissions are known.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::estate::RoleRef;
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::UnknownRolePermissions,
        default_severity: Severity::Error,
        summary: "custom roles extend roles whose permissions are known",
        description: "A custom role is written as one Azure role definition holding its bases' permissions. mlzone embeds the permissions of the built-in roles it checks; a role extending another built-in role cannot be written out.",
        help: "extend a library role or a built-in role mlzone embeds, or list the permissions yourself",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (_, role) in cx.estate.roles() {
        for (i, base) in role.extends.iter().enumerate() {
            if let RoleRef::Builtin(builtin) = base
                && builtin.permissions.is_none()
            {
                let message = format!(
                    "role `{}` extends `{}`, whose permissions mlzone does not know",
                    role.name, builtin.name
                );
                cx.push(RULE.finding(format!("{}/extends/{i}", role.path), message));
            }
        }
    }
}
