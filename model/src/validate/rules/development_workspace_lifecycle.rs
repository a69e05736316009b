//! In development, data scientists and engineers create or delete no workspaces.

use super::permission_sets::check_development;
use super::{Rule, RuleInfo};
use crate::access::capabilities::CREATE_DELETE_WORKSPACE;
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::DevelopmentWorkspaceLifecycle,
        default_severity: Severity::Error,
        summary: "data scientists create or delete no workspaces in development",
        description: "The CAF guidance gives data scientists and data engineers full rights to run experiments in development, but not the right to create or delete workspaces: the platform team owns the workspace and its dependencies.",
        help: "use the `data-scientist` library role (or a custom role with `workspaces/write` and `workspaces/delete` in `not-actions`) for the persona in development",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    check_development(
        cx,
        &RULE,
        CREATE_DELETE_WORKSPACE.operations(),
        "create or delete workspaces",
    );
}
