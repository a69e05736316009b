//! In development, data scientists and engineers add or remove no workspace users.

use super::held_roles::{Asks, Row, not_contributor_by_restriction, scientist_or_engineer, walk};
use super::{Rule, RuleInfo};
use crate::access::capabilities::MANAGE_USERS;
use crate::diagnostic::{Code, Severity};
use crate::vocabulary::Stage;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::DevelopmentUserManagement,
        default_severity: Severity::Error,
        summary: "data scientists add or remove no workspace users in development",
        description: "The CAF guidance gives data scientists and data engineers full rights to run experiments in development, but not the right to add or remove workspace users. A role that grants role assignment writes or deletes lets them hand access to anyone.",
        help: "use the `data-scientist` library role (or a custom role without `Microsoft.Authorization/roleAssignments/*`) for the persona in development",
    },
    check: |cx| walk(cx, &ROW),
};

static ROW: Row = Row {
    rule: &RULE,
    stage: Some(Stage::Development),
    persona: scientist_or_engineer,
    project: not_contributor_by_restriction,
    asks: Asks::Granted(&MANAGE_USERS),
    message: |held| {
        format!(
            "persona `{}` may add or remove workspace users in development environment `{}` through `{}` in {}: {}",
            held.persona, held.environment, held.role, held.projects, held.operations,
        )
    },
    unknown: None,
    related: None,
};
