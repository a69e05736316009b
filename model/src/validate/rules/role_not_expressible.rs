//! Composed roles can be written as one role definition.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::rbac::ComposeError;
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::RoleNotExpressible,
        default_severity: Severity::Error,
        summary: "a composed role can be written as one role definition",
        description: "An Azure role definition is one block of actions and not-actions. A custom role extending several roles is their union; when a not-action of one base would also remove what another base or the role's own actions grant, and the grants reach beyond mlzone's operation catalog, no single block has the same meaning.",
        help: "extend one role fewer, or list the permissions the role needs instead of extending",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    // The other composition errors (cycles, unknown bases) are other rules' findings.
    let (access, estate) = (cx.access, cx.estate);
    for error in access.role_errors() {
        let ComposeError::NotExpressible { pattern, .. } = &error.error else {
            continue;
        };
        let role = &estate[error.role];
        let message = format!(
            "role `{}` cannot be written as one role definition: `{pattern}` of one base would also remove what its other bases or its own actions grant",
            role.name
        );
        cx.push(RULE.finding(format!("{}/extends", role.path), message));
    }
}
