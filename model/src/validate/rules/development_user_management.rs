//! In development, data scientists and engineers add or remove no workspace users.

use super::permission_sets::check_development;
use super::{Rule, RuleInfo};
use crate::access::capabilities::MANAGE_USERS;
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::DevelopmentUserManagement,
        default_severity: Severity::Error,
        summary: "data scientists add or remove no workspace users in development",
        description: "The CAF guidance gives data scientists and data engineers full rights to run experiments in development, but not the right to add or remove workspace users. A role that grants role assignment writes or deletes lets them hand access to anyone.",
        help: "use the `data-scientist` library role (or a custom role without `Microsoft.Authorization/roleAssignments/*`) for the persona in development",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    check_development(
        cx,
        &RULE,
        MANAGE_USERS.operations(),
        "add or remove workspace users",
    );
}
