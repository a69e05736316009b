//! Splitting an environment into deployments that fit ARM's limits.
//!
//! ARM refuses a template with more than 800 resources at one level or a deployment request
//! over 4 MB (inline nested templates count). Bicep compiles modules inline, so both targets
//! split at the same places: projects are packed, in name order, into deployments whose top
//! level stays under [`MAX_RESOURCES`] and whose estimated size stays under [`BYTE_BUDGET`].
//! The first deployment also creates the role definitions and the private DNS zones that the
//! later ones use, so the deployments of an environment run in order.

use std::collections::BTreeSet;

use super::{Deployment, Parameter, PrivateDns, ProjectPlan, RoleDefinition};

/// ARM's limit of resources in one template.
pub const MAX_RESOURCES: usize = 800;
/// ARM's limit of the size of one deployment, in bytes.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;
/// The estimated size a deployment is packed to: a quarter below the limit, for margin.
pub const BYTE_BUDGET: usize = 3 * 1024 * 1024;

/// Bytes of pretty-printed ARM JSON per resource, before tags and free text.
const BYTES_PER_RESOURCE: usize = 1_400;
/// Bytes of the frame of a template (schema, parameters, outputs).
const BYTES_PER_TEMPLATE: usize = 2_000;

/// The estimated size of a project's resource group and nested deployment in ARM JSON.
pub fn estimate(project: &ProjectPlan) -> usize {
    let tags: usize = project
        .tags
        .iter()
        .map(|(k, v)| 2 * (k.len() + v.len()) + 16)
        .sum();
    let text = project.workspace.description.len() * 2
        + project
            .assignments
            .iter()
            .map(|a| a.description.len() * 2)
            .sum::<usize>();
    let resources = project.resource_count + 2;
    BYTES_PER_TEMPLATE + resources * (BYTES_PER_RESOURCE + tags) + text
}

fn estimate_roles(roles: &[RoleDefinition]) -> usize {
    roles
        .iter()
        .map(|r| {
            let lists = [
                &r.actions,
                &r.not_actions,
                &r.data_actions,
                &r.not_data_actions,
            ];
            let patterns: usize = lists
                .iter()
                .flat_map(|l| l.iter())
                .map(|p| p.len() + 16)
                .sum();
            BYTES_PER_RESOURCE + 2 * (r.role_name.len() + r.description.len()) + patterns
        })
        .sum()
}

fn estimate_dns(dns: &PrivateDns) -> usize {
    BYTES_PER_TEMPLATE + (2 + dns.zones.len() + dns.links.len()) * BYTES_PER_RESOURCE
}

/// Packs the environment's projects into deployments (at least one).
pub fn split(
    parameters: &[Parameter],
    roles: &[RoleDefinition],
    dns: Option<PrivateDns>,
    projects: Vec<ProjectPlan>,
) -> Vec<Deployment> {
    let mut groups: Vec<Vec<ProjectPlan>> = vec![Vec::new()];
    let first_count = roles.len() + if dns.is_some() { 2 } else { 0 };
    let first_bytes =
        BYTES_PER_TEMPLATE + estimate_roles(roles) + dns.as_ref().map_or(0, estimate_dns);
    let (mut count, mut bytes) = (first_count, first_bytes);
    for project in projects {
        let size = estimate(&project);
        let current_empty = groups.last().is_none_or(Vec::is_empty);
        if !current_empty && (count + 2 > MAX_RESOURCES || bytes + size > BYTE_BUDGET) {
            groups.push(Vec::new());
            count = 0;
            bytes = BYTES_PER_TEMPLATE;
        }
        count += 2;
        bytes += size;
        if let Some(group) = groups.last_mut() {
            group.push(project);
        }
    }
    let total = groups.len();
    let mut dns = dns;
    groups
        .into_iter()
        .enumerate()
        .map(|(i, projects)| {
            let index = i + 1;
            let (role_definitions, dns) = if index == 1 {
                (roles.to_vec(), dns.take())
            } else {
                (Vec::new(), None)
            };
            let mut used: BTreeSet<&str> = projects
                .iter()
                .flat_map(|p| p.parameters.iter().map(|q| q.name.as_str()))
                .collect();
            if let Some(dns) = &dns {
                used.extend(dns.parameters.iter().map(|q| q.name.as_str()));
            }
            let parameters = parameters
                .iter()
                .filter(|p| used.contains(p.name.as_str()))
                .cloned()
                .collect();
            let suffix = if index == 1 {
                String::new()
            } else {
                format!("-{index}")
            };
            let top_level_resources =
                role_definitions.len() + 2 * projects.len() + if dns.is_some() { 2 } else { 0 };
            let estimated_bytes = BYTES_PER_TEMPLATE
                + estimate_roles(&role_definitions)
                + dns.as_ref().map_or(0, estimate_dns)
                + projects.iter().map(estimate).sum::<usize>();
            Deployment {
                index,
                count: total,
                bicep_file: format!("main{suffix}.bicep"),
                arm_file: format!("azuredeploy{suffix}.json"),
                arm_parameters_file: format!("azuredeploy{suffix}.parameters.json"),
                parameters,
                has_more_than_roles: dns.is_some() || !projects.is_empty(),
                role_definitions,
                dns,
                projects,
                top_level_resources,
                estimated_bytes,
            }
        })
        .collect()
}
