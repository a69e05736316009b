//! Azure's limits: role assignments per subscription, resources per template.

use std::collections::BTreeMap;

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::estate::{EnvironmentId, Project};
use crate::validate::context::{Context, listing};
use crate::vocabulary::{Network, Stage};

/// Role assignments Azure allows in one subscription.
pub(crate) const MAX_ROLE_ASSIGNMENTS: usize = 4000;
/// Resources Azure allows in one template (nested deployments count as one).
pub(crate) const MAX_TEMPLATE_RESOURCES: usize = 800;

pub(crate) static ROLE_ASSIGNMENTS: Rule = Rule {
    info: RuleInfo {
        code: Code::RoleAssignmentLimit,
        default_severity: Severity::Error,
        summary: "a subscription holds at most 4000 role assignments",
        description: "Azure allows 4000 role assignments per subscription. mlzone assigns one role per persona group and workspace, and one per data scientist and compute instance in development; environments sharing a subscription add up.",
        help: "spread the environments' projects over more subscriptions, or give fewer personas access",
    },
    check: check_assignments,
};

pub(crate) static TEMPLATE_RESOURCES: Rule = Rule {
    info: RuleInfo {
        code: Code::TemplateResourceLimit,
        default_severity: Severity::Warning,
        summary: "a deployment template holds at most 800 resources",
        description: "Azure refuses a template with more than 800 resources; nested deployments count as one. The plan deploys each project of an environment as one nested deployment, so neither one project nor the list of projects of one environment may pass the limit.",
        help: "split the environment's projects over several estates or subscriptions",
    },
    check: check_resources,
};

/// Role assignments one project's workspace brings into an environment.
fn assignments(
    cx: &Context<'_>,
    environment: EnvironmentId,
    project: crate::estate::ProjectId,
    item: &Project,
) -> usize {
    let personas = cx
        .estate
        .personas()
        .filter(|(persona, _)| {
            cx.estate
                .assigned_role(*persona, environment, project)
                .is_some()
        })
        .count();
    let instances = match cx.estate[environment].stage {
        Stage::Development => item.data_scientists.len(),
        _ => 0,
    };
    personas + instances
}

/// Role assignments per environment, over every project with a workspace there.
fn assignments_by_environment(cx: &Context<'_>) -> BTreeMap<EnvironmentId, usize> {
    let mut counts: BTreeMap<EnvironmentId, usize> = BTreeMap::new();
    for (project, item) in cx.estate.projects() {
        for &environment in &item.environments {
            *counts.entry(environment).or_default() += assignments(cx, environment, project, item);
        }
    }
    counts
}

fn check_assignments(cx: &mut Context<'_>) {
    let by_environment = assignments_by_environment(cx);
    let mut per_subscription: BTreeMap<String, (usize, Vec<EnvironmentId>)> = BTreeMap::new();
    for (environment, item) in cx.estate.environments() {
        let key = item
            .subscription
            .map_or_else(|| format!("parameter of {}", item.name), |s| s.to_string());
        let count = by_environment
            .get(&environment)
            .copied()
            .unwrap_or_default();
        let entry = per_subscription.entry(key).or_default();
        entry.0 += count;
        entry.1.push(environment);
    }
    for (count, environments) in per_subscription.into_values() {
        if count <= MAX_ROLE_ASSIGNMENTS {
            continue;
        }
        let names: Vec<&str> = environments
            .iter()
            .map(|&e| cx.environment_name(e))
            .collect();
        let Some(&first) = environments.first() else {
            continue;
        };
        let first = &cx.estate[first];
        let message = format!(
            "the subscription of {} would hold {count} role assignments, more than the {MAX_ROLE_ASSIGNMENTS} Azure allows",
            listing(&names, names.len()),
        );
        cx.push(ROLE_ASSIGNMENTS.finding(first.path.clone(), message));
    }
}

/// Resources of one project's nested deployment in an environment (an upper estimate).
fn resources(
    cx: &Context<'_>,
    environment: EnvironmentId,
    project: crate::estate::ProjectId,
    item: &Project,
) -> usize {
    // Workspace, storage, key vault, application insights, log analytics, container registry.
    let mut count = 6;
    if item.factors.network == Network::Private {
        // A private endpoint per dependency and workspace, and their DNS zones.
        count += 8;
    }
    count += item.outbound_rules.len();
    count += assignments(cx, environment, project, item);
    match cx.estate[environment].stage {
        Stage::Development => count += item.data_scientists.len() + item.compute.clusters.len(),
        Stage::Production => {
            count += item.compute.pipelines.len();
            count += usize::from(item.endpoints.online) + usize::from(item.endpoints.batch);
        }
        // The online endpoint, and the load testing resource with its role assignment.
        Stage::Test => count += 3 * usize::from(item.endpoints.online),
    }
    count
}

fn check_resources(cx: &mut Context<'_>) {
    let roles = cx.estate.roles().len();
    for (environment, item) in cx.estate.environments() {
        let mut projects = 0;
        for (id, project) in cx.estate.projects() {
            if !project.environments.contains(&environment) {
                continue;
            }
            projects += 1;
            let count = resources(cx, environment, id, project);
            if count > MAX_TEMPLATE_RESOURCES {
                let message = format!(
                    "project `{}` would deploy about {count} resources in `{}`, more than the {MAX_TEMPLATE_RESOURCES} one template holds",
                    project.name, item.name,
                );
                cx.push(TEMPLATE_RESOURCES.finding(project.path.clone(), message));
            }
        }
        let top = projects + roles + 1;
        if top > MAX_TEMPLATE_RESOURCES {
            let message = format!(
                "environment `{}` would deploy {top} resources and nested deployments in one template, more than the {MAX_TEMPLATE_RESOURCES} Azure allows",
                item.name,
            );
            cx.push(TEMPLATE_RESOURCES.finding(item.path.clone(), message));
        }
    }
}
