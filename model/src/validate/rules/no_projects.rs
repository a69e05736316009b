//! An estate has at least one project.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::NoProjects,
        default_severity: Severity::Warning,
        summary: "an estate has at least one project",
        description: "Workspaces, their compute and the role assignments of personas belong to projects: an estate without a project deploys none of them, only its environments' custom roles and private DNS. An empty `projects` list is a placeholder or a mistake.",
        help: "add a project under `projects`, such as `- name: churn`",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    if cx.estate.projects().next().is_none() {
        cx.push(RULE.finding("/projects", "the estate has no project".to_owned()));
    }
}
