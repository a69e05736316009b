//! Whoever approves a production promotion neither builds, deploys nor changes production.

use super::held_roles::{Asks, Related, Row, every_project, walk};
use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::estate::{EnvironmentId, PersonaId};
use crate::validate::context::Context;
use crate::vocabulary::{PersonaKind, Stage};

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::SeparationOfDuties,
        default_severity: Severity::Error,
        summary: "the approver of a production promotion neither builds, deploys nor changes production",
        description: "The CAF guidance has stakeholders approve what reaches production, so that the people who build and deploy a model are not the ones who accept it. An approving persona that builds or deploys (a data scientist, data engineer, MLOps engineer or workspace admin), or that may change the production environment, approves its own work.",
        help: "let a stakeholder persona that only reads production approve the promotion",
    },
    check,
};

/// The kinds of persona that build or deploy what production runs.
fn builds_or_deploys(kind: PersonaKind) -> bool {
    matches!(
        kind,
        PersonaKind::DataScientist
            | PersonaKind::DataEngineer
            | PersonaKind::MlopsEngineer
            | PersonaKind::WorkspaceAdmin
    )
}

/// The approver of a production environment, unless its kind alone is the finding: what
/// its roles let it change there.
static ROW: Row = Row {
    rule: &RULE,
    stage: Some(Stage::Production),
    persona: |cx, persona, environment| {
        approver(cx, environment) == Some(persona) && !builds_or_deploys(cx.estate[persona].kind)
    },
    project: every_project,
    asks: Asks::NonReads,
    message: |held| {
        format!(
            "persona `{}` approves promotion into production environment `{}` and may change it through `{}` in {}: {}",
            held.persona, held.environment, held.role, held.projects, held.operations,
        )
    },
    // A role whose permissions are unknown may change production for all the rule can tell.
    unknown: Some(|held| {
        format!(
            "persona `{}` approves promotion into production environment `{}` and holds `{}` in {}, whose permissions mlzone does not know",
            held.persona, held.environment, held.role, held.projects,
        )
    }),
    related: Some(Related {
        path: gate,
        message: "approves here",
    }),
};

/// The persona that approves promotion into an environment.
fn approver(cx: &Context<'_>, environment: EnvironmentId) -> Option<PersonaId> {
    cx.estate[environment].approval.as_ref().map(|a| a.persona)
}

/// The pointer of an environment's approval gate (`""` when the document left the
/// environment out).
fn gate(cx: &Context<'_>, environment: EnvironmentId) -> String {
    let item = &cx.estate[environment];
    if item.path.is_empty() {
        String::new()
    } else {
        format!("{}/approval/persona", item.path)
    }
}

/// Reports approvers of a kind that builds or deploys, then walks the others' roles.
fn check(cx: &mut Context<'_>) {
    for (environment, item) in cx.estate.environments() {
        if item.stage != Stage::Production {
            continue;
        }
        let Some(approver) = approver(cx, environment) else {
            continue;
        };
        let persona = &cx.estate[approver];
        if builds_or_deploys(persona.kind) {
            let message = format!(
                "persona `{}` approves promotion into production environment `{}` but is of kind `{}`, which builds or deploys",
                persona.name, item.name, persona.kind,
            );
            cx.push(RULE.finding(gate(cx, environment), message));
        }
    }
    walk(cx, &ROW);
}
