//! Data scientists and data engineers only read production.

use super::permission_sets::{is_scientist_or_engineer, non_reads, short};
use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::{Context, operations_phrase};
use crate::vocabulary::Stage;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::ProductionNotReadOnly,
        default_severity: Severity::Error,
        summary: "data scientists and data engineers only read production",
        description: "The CAF guidance keeps production read-only for data scientists and data engineers: only the MLOps engineer changes it, through the pipeline. A role that grants them any operation other than a read in a production environment lets a model or its serving change outside the promotion path.",
        help: "give the persona `access: read` (the `read-only` role) in production, or a custom role that only reads",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (environment, item) in cx.estate.environments() {
        if item.stage != Stage::Production {
            continue;
        }
        for (persona, p) in cx.estate.personas() {
            if !is_scientist_or_engineer(p.kind) {
                continue;
            }
            for group in cx.role_groups(persona, environment) {
                let Some(set) = cx.permissions(group.role) else {
                    continue;
                };
                let changes = non_reads(set);
                if changes.is_empty() {
                    continue;
                }
                let message = format!(
                    "persona `{}` may change production environment `{}` through `{}` in {}: {}",
                    cx.persona_name(persona),
                    cx.environment_name(environment),
                    cx.role_name(group.role),
                    cx.projects_phrase(&group.projects),
                    operations_phrase(&short(&changes)),
                );
                let path = cx.persona_setting_path(persona, environment);
                cx.push(RULE.finding(path, message));
            }
        }
    }
}
