//! A private estate keeps its model registry private too.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;
use crate::vocabulary::Network;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::PublicRegistry,
        default_severity: Severity::Error,
        summary: "the model registry is private when any project is private",
        description: "Private projects keep their workspaces and data off the internet, but every model they publish goes to the shared registry. A registry with public network access lets anyone with credentials read or publish those models from any network, and private projects reach it only through private endpoints, which mlzone deploys only for a private registry.",
        help: "set `registry.network: private` (or leave it out: private is the default when a project is private)",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let Some(registry) = cx.estate.registry() else {
        return;
    };
    if registry.network != Network::Public {
        return;
    }
    let private: Vec<&str> = cx
        .estate
        .projects()
        .filter(|(_, project)| project.factors.network == Network::Private)
        .map(|(_, project)| project.name.as_str())
        .collect();
    let Some(first) = private.first() else {
        return;
    };
    let others = private.len() - 1;
    let projects = if others == 0 {
        format!("project `{first}` is")
    } else {
        format!("projects `{first}` and {others} more are")
    };
    let message = format!("the model registry is public while {projects} private");
    let path = if registry.path.is_empty() {
        String::new()
    } else {
        format!("{}/network", registry.path)
    };
    cx.push(RULE.finding(path, message));
}
