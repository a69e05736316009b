//! The restricted data scientist creates no infrastructure.

use super::permission_sets::{granted_among, short};
use super::{Rule, RuleInfo};
use crate::access::capabilities::SET_UP_INFRASTRUCTURE;
use crate::diagnostic::{Code, Severity};
use crate::estate::ProjectId;
use crate::validate::context::{Context, operations_phrase};
use crate::vocabulary::{PersonaKind, Restriction};

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::RestrictedScientistCreatesInfrastructure,
        default_severity: Severity::Error,
        summary: "restricted data scientists create no compute or other infrastructure",
        description: "In a restricted workspace the CAF data scientist role requires all infrastructure to be set up by another user before the data scientist begins: compute instances, clusters, networking and attached services come from the workspace admin or the pipeline.",
        help: "use the `data-scientist` library role for restricted projects, or remove compute and network writes from the custom role",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (environment, _) in cx.estate.environments() {
        for (persona, p) in cx.estate.personas() {
            if p.kind != PersonaKind::DataScientist {
                continue;
            }
            for group in cx.role_groups(persona, environment) {
                let projects: Vec<ProjectId> = group
                    .projects
                    .iter()
                    .copied()
                    .filter(|&id| cx.estate[id].factors.restriction == Restriction::Restricted)
                    .collect();
                if projects.is_empty() {
                    continue;
                }
                let Some(set) = cx.permissions(group.role) else {
                    continue;
                };
                let granted = granted_among(set, SET_UP_INFRASTRUCTURE.operations());
                if granted.is_empty() {
                    continue;
                }
                let message = format!(
                    "persona `{}` may create infrastructure in `{}` through `{}` in restricted {}: {}",
                    cx.persona_name(persona),
                    cx.environment_name(environment),
                    cx.role_name(group.role),
                    cx.projects_phrase(&projects),
                    operations_phrase(&short(&granted)),
                );
                let path = cx.persona_setting_path(persona, environment);
                cx.push(RULE.finding(path, message));
            }
        }
    }
}
