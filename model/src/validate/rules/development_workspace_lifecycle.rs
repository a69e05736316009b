//! In development, data scientists and engineers create or delete no workspaces.

use super::held_roles::{Asks, Row, not_contributor_by_restriction, scientist_or_engineer, walk};
use super::{Rule, RuleInfo};
use crate::access::capabilities::CREATE_DELETE_WORKSPACE;
use crate::diagnostic::{Code, Severity};
use crate::vocabulary::Stage;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::DevelopmentWorkspaceLifecycle,
        default_severity: Severity::Error,
        summary: "data scientists create or delete no workspaces in development",
        description: "The CAF guidance gives data scientists and data engineers full rights to run experiments in development, but not the right to create or delete workspaces: the platform team owns the workspace and its dependencies.",
        help: "use the `data-scientist` library role (or a custom role with `workspaces/write` and `workspaces/delete` in `not-actions`) for the persona in development",
    },
    check: |cx| walk(cx, &ROW),
};

static ROW: Row = Row {
    rule: &RULE,
    stage: Some(Stage::Development),
    persona: scientist_or_engineer,
    project: not_contributor_by_restriction,
    asks: Asks::Granted(&CREATE_DELETE_WORKSPACE),
    message: |held| {
        format!(
            "persona `{}` may create or delete workspaces in development environment `{}` through `{}` in {}: {}",
            held.persona, held.environment, held.role, held.projects, held.operations,
        )
    },
    unknown: None,
    related: None,
};
