//! Data scientists and data engineers only read production.

use super::held_roles::{Asks, Row, every_project, scientist_or_engineer, walk};
use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::vocabulary::Stage;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::ProductionNotReadOnly,
        default_severity: Severity::Error,
        summary: "data scientists and data engineers only read production",
        description: "The CAF guidance keeps production read-only for data scientists and data engineers: only the MLOps engineer changes it, through the pipeline. A role that grants them any operation other than a read in a production environment lets a model or its serving change outside the promotion path.",
        help: "give the persona `access: read` (the `read-only` role) in production, or a custom role that only reads",
    },
    check: |cx| walk(cx, &ROW),
};

static ROW: Row = Row {
    rule: &RULE,
    stage: Some(Stage::Production),
    persona: scientist_or_engineer,
    project: every_project,
    asks: Asks::NonReads,
    message: |held| {
        format!(
            "persona `{}` may change production environment `{}` through `{}` in {}: {}",
            held.persona, held.environment, held.role, held.projects, held.operations,
        )
    },
    unknown: None,
    related: None,
};
