//! Whoever approves a production promotion neither builds, deploys nor changes production.

use super::permission_sets::{non_reads, short};
use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::{Context, operations_phrase};
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

fn check(cx: &mut Context<'_>) {
    for (environment, item) in cx.estate.environments() {
        if item.stage != Stage::Production {
            continue;
        }
        let Some(approval) = &item.approval else {
            continue;
        };
        let approver = approval.persona;
        let persona = &cx.estate[approver];
        let gate = if item.path.is_empty() {
            String::new()
        } else {
            format!("{}/approval/persona", item.path)
        };
        if builds_or_deploys(persona.kind) {
            let message = format!(
                "persona `{}` approves promotion into production environment `{}` but is of kind `{}`, which builds or deploys",
                persona.name, item.name, persona.kind,
            );
            cx.push(RULE.finding(gate, message));
            continue;
        }
        for group in cx.role_groups(approver, environment) {
            let Some(set) = cx.permissions(group.role) else {
                continue;
            };
            let changes = non_reads(set);
            if changes.is_empty() {
                continue;
            }
            let message = format!(
                "persona `{}` approves promotion into production environment `{}` and may change it through `{}` in {}: {}",
                persona.name,
                item.name,
                cx.role_name(group.role),
                cx.projects_phrase(&group.projects),
                operations_phrase(&short(&changes)),
            );
            let path = cx.persona_setting_path(approver, environment);
            let finding = RULE
                .finding(path, message)
                .with_related(gate.clone(), "approves here");
            cx.push(finding);
        }
    }
}
