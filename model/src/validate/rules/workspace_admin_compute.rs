//! The workspace admin creates compute instances and clusters.

use super::permission_sets::{granted_among, short};
use super::{Rule, RuleInfo};
use crate::access::capabilities::CREATE_COMPUTE;
use crate::diagnostic::{Code, Severity};
use crate::validate::context::{Context, operations_phrase};
use crate::vocabulary::PersonaKind;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::WorkspaceAdminCannotCreateCompute,
        default_severity: Severity::Error,
        summary: "workspace admins can create compute instances and clusters",
        description: "The CAF guidance has a workspace admin custom role with access to create compute instances and clusters, because restricted data scientists cannot. Without it nobody sets up the compute data scientists need.",
        help: "give the workspace admin persona the `workspace-admin` library role, or a role granting `workspaces/computes/write` and `workspaces/computes/delete`",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (environment, _) in cx.estate.environments() {
        for (persona, p) in cx.estate.personas() {
            if p.kind != PersonaKind::WorkspaceAdmin {
                continue;
            }
            for group in cx.role_groups(persona, environment) {
                let Some(set) = cx.permissions(group.role) else {
                    continue;
                };
                let granted = granted_among(set, CREATE_COMPUTE.operations());
                let missing: Vec<String> = CREATE_COMPUTE
                    .operations()
                    .iter()
                    .filter(|op| !granted.iter().any(|g| g.eq_ignore_ascii_case(op)))
                    .map(|op| (*op).to_owned())
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                let message = format!(
                    "persona `{}` cannot create compute in `{}` through `{}` in {}: {} not granted",
                    cx.persona_name(persona),
                    cx.environment_name(environment),
                    cx.role_name(group.role),
                    cx.projects_phrase(&group.projects),
                    operations_phrase(&short(&missing)),
                );
                let path = cx.persona_setting_path(persona, environment);
                cx.push(RULE.finding(path, message));
            }
        }
    }
}
