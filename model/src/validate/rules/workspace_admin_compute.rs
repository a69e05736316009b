//! The workspace admin creates compute instances and clusters.

use super::held_roles::{Asks, Row, every_project, walk};
use super::{Rule, RuleInfo};
use crate::access::capabilities::CREATE_COMPUTE;
use crate::diagnostic::{Code, Severity};
use crate::vocabulary::PersonaKind;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::WorkspaceAdminCannotCreateCompute,
        default_severity: Severity::Error,
        summary: "workspace admins can create compute instances and clusters",
        description: "The CAF guidance has a workspace admin custom role with access to create compute instances and clusters, because restricted data scientists cannot. Without it nobody sets up the compute data scientists need.",
        help: "give the workspace admin persona the `workspace-admin` library role, or a role granting `workspaces/computes/write` and `workspaces/computes/delete`",
    },
    check: |cx| walk(cx, &ROW),
};

static ROW: Row = Row {
    rule: &RULE,
    stage: None,
    persona: |cx, persona, _| cx.estate[persona].kind == PersonaKind::WorkspaceAdmin,
    project: every_project,
    asks: Asks::Lacking(&CREATE_COMPUTE),
    message: |held| {
        format!(
            "persona `{}` cannot create compute in `{}` through `{}` in {}: {} not granted",
            held.persona, held.environment, held.role, held.projects, held.operations,
        )
    },
    unknown: None,
    related: None,
};
