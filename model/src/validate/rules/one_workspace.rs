//! One workspace per project per environment, on the project's promotion path.

use foldhash::HashMap;

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::OneWorkspacePerProjectEnvironment,
        default_severity: Severity::Error,
        summary: "each project has its own workspace in each environment on its promotion path",
        description: "The CAF guidance sets up one Azure Machine Learning workspace per project in each environment. A project with a workspace in an environment but none in any environment promoting into it cannot be promoted there, and two projects whose workspace names meet would share one workspace.",
        help: "add the missing environment to the project's `environments`, or rename one of the projects",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (_, project) in cx.estate.projects() {
        for environment in &project.environments {
            let item = &cx.estate[*environment];
            if item.promotes_from.is_empty()
                || item
                    .promotes_from
                    .iter()
                    .any(|from| project.environments.contains(from))
            {
                continue;
            }
            let sources: Vec<String> = item
                .promotes_from
                .iter()
                .map(|&from| format!("`{}`", cx.environment_name(from)))
                .collect();
            let message = format!(
                "project `{}` has a workspace in `{}` but none in {}, which promotes into it",
                project.name,
                item.name,
                sources.join(" or "),
            );
            cx.push(RULE.finding(format!("{}/environments", project.path), message));
        }
    }
    for (environment, item) in cx.estate.environments() {
        let mut seen = HashMap::default();
        for (_, project) in cx.estate.projects() {
            if !project.environments.contains(&environment) {
                continue;
            }
            let workspace = cx.naming.of(project, item).workspace();
            let name = workspace.value;
            let key = (workspace.scope, name.to_ascii_lowercase());
            if let Some(first) = seen.get(&key) {
                let message = format!(
                    "projects `{first}` and `{}` would share the workspace `{name}` in `{}`",
                    project.name, item.name,
                );
                cx.push(RULE.finding(format!("{}/name", project.path), message));
            } else {
                seen.insert(key, project.name.as_str());
            }
        }
    }
}
