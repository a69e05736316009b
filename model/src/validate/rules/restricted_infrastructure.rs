//! The restricted data scientist creates no infrastructure.

use super::held_roles::{Asks, Row, walk};
use super::{Rule, RuleInfo};
use crate::access::capabilities::SET_UP_INFRASTRUCTURE;
use crate::diagnostic::{Code, Severity};
use crate::vocabulary::{PersonaKind, Restriction};

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::RestrictedScientistCreatesInfrastructure,
        default_severity: Severity::Error,
        summary: "restricted data scientists create no compute or other infrastructure",
        description: "In a restricted workspace the CAF data scientist role requires all infrastructure to be set up by another user before the data scientist begins: compute instances, clusters, networking and attached services come from the workspace admin or the pipeline.",
        help: "use the `data-scientist` library role for restricted projects, or remove compute and network writes from the custom role",
    },
    check: |cx| walk(cx, &ROW),
};

static ROW: Row = Row {
    rule: &RULE,
    stage: None,
    persona: |cx, persona, _| cx.estate[persona].kind == PersonaKind::DataScientist,
    project: |cx, _, _, project| cx.estate[project].factors.restriction == Restriction::Restricted,
    asks: Asks::Granted(&SET_UP_INFRASTRUCTURE),
    message: |held| {
        format!(
            "persona `{}` may create infrastructure in `{}` through `{}` in restricted {}: {}",
            held.persona, held.environment, held.role, held.projects, held.operations,
        )
    },
    unknown: None,
    related: None,
};
