//! Someone can create compute in every development environment.

use super::{Rule, RuleInfo};
use crate::access::capabilities::CREATE_COMPUTE;
use crate::diagnostic::{Code, Severity};
use crate::estate::{EnvironmentId, ProjectId};
use crate::validate::context::Context;
use crate::vocabulary::{PersonaKind, Stage};

/// The operation that creates compute instances and clusters.
pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::NobodyCreatesCompute,
        default_severity: Severity::Error,
        summary: "someone can create compute in every development environment",
        description: "In the CAF guidance the workspace admin sets up the infrastructure of development, compute instances and clusters included, because restricted data scientists cannot. When no persona may create compute in a development environment, nobody can run an experiment there: the admin persona is missing, has no access there, or holds a role without `workspaces/computes/write` and `workspaces/computes/delete`.",
        help: "give a workspace admin persona access in the development environment (its default `admin` level, the `workspace-admin` library role)",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (environment, item) in cx.estate.environments() {
        if item.stage != Stage::Development {
            continue;
        }
        let stranded: Vec<ProjectId> = cx
            .estate
            .projects()
            .filter(|(_, project)| project.environments.contains(&environment))
            .filter(|&(project, _)| {
                !cx.estate.personas().any(|(persona, _)| {
                    cx.access
                        .persona_permissions(persona, environment, project)
                        .is_some_and(|set| CREATE_COMPUTE.holds(set))
                })
            })
            .map(|(project, _)| project)
            .collect();
        if stranded.is_empty() {
            continue;
        }
        let message = format!(
            "no persona can create compute in development environment `{}` for {}",
            item.name,
            cx.projects_phrase(&stranded),
        );
        cx.push(RULE.finding(cause(cx, environment, &item.path), message));
    }
}

/// Where the document leaves compute creation out: the workspace admin's setting for the
/// environment, or the personas when none is a workspace admin.
fn cause(cx: &Context<'_>, environment: EnvironmentId, fallback: &str) -> String {
    let admin = cx
        .estate
        .personas()
        .find(|(_, persona)| persona.kind == PersonaKind::WorkspaceAdmin);
    match admin {
        Some((admin, _)) => cx.persona_setting_path(admin, environment),
        None if cx.estate.personas().any(|(_, p)| !p.path.is_empty()) => "/personas".to_owned(),
        None => fallback.to_owned(),
    }
}
