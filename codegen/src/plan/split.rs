//! Splitting an environment into deployments that fit ARM's limits.
//!
//! ARM refuses a template with more than 800 resources at one level or a deployment request
//! over 4 MB (inline nested templates count). Bicep compiles modules inline, so both targets
//! split at the same places: projects are packed, in name order, into deployments whose top
//! level stays under [`MAX_RESOURCES`] and whose estimated size stays under [`BYTE_BUDGET`].
//! The first deployment also creates the role definitions and the private DNS zones that the
//! later ones use, so the deployments of an environment run in order; what each project's
//! module waits for in its deployment is worked out here, once the deployment is known.

use std::collections::BTreeSet;

use super::{
    Dependency, Deployment, Parameter, PrivateDns, ProjectPlan, RegistryPipeline, RoleDefinition,
    RoleUse,
};

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
    let reader = project.registry_reader.as_ref().map_or(0, |reader| {
        BYTES_PER_TEMPLATE + 2 * BYTES_PER_RESOURCE + 2 * reader.description.len()
    });
    BYTES_PER_TEMPLATE + resources * (BYTES_PER_RESOURCE + tags) + text + reader
}

/// The resources a project adds to its deployment's top level: its resource group, its
/// nested deployment, and the nested deployment of its workspace's reader role at the model
/// registry.
fn top_level(project: &ProjectPlan) -> usize {
    2 + usize::from(project.registry_reader.is_some())
}

/// The nested deployment of the pipelines' role at the registry: a template with one
/// assignment, whose description it writes twice.
fn estimate_pipeline(grant: &RegistryPipeline) -> usize {
    BYTES_PER_TEMPLATE + 2 * BYTES_PER_RESOURCE + 2 * grant.description.len()
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

/// A planned project and its [`estimate`], taken as soon as it is planned: by the time an
/// environment is split, its first projects have long left the cache.
#[derive(Debug)]
pub struct Estimated {
    /// The project.
    pub project: ProjectPlan,
    /// Its estimated size in ARM JSON, in bytes.
    pub bytes: usize,
}

impl Estimated {
    /// `project` with its estimate.
    pub fn new(project: ProjectPlan) -> Self {
        let bytes = estimate(&project);
        Self { project, bytes }
    }
}

/// Packs the environment's projects into deployments (at least one).
pub fn split(
    parameters: &[Parameter],
    roles: &[RoleDefinition],
    dns: Option<PrivateDns>,
    registry_pipeline: Option<RegistryPipeline>,
    projects: Vec<Estimated>,
) -> Vec<Deployment> {
    // Each deployment's number of projects and their bytes; then every project is moved
    // once, into its deployment.
    let mut groups: Vec<(usize, usize)> = vec![(0, 0)];
    let first_count =
        roles.len() + if dns.is_some() { 2 } else { 0 } + usize::from(registry_pipeline.is_some());
    let first_bytes = BYTES_PER_TEMPLATE
        + estimate_roles(roles)
        + dns.as_ref().map_or(0, estimate_dns)
        + registry_pipeline.as_ref().map_or(0, estimate_pipeline);
    let (mut count, mut bytes) = (first_count, first_bytes);
    for project in &projects {
        let current_empty = groups.last().is_none_or(|&(members, _)| members == 0);
        let top = top_level(&project.project);
        if !current_empty && (count + top > MAX_RESOURCES || bytes + project.bytes > BYTE_BUDGET) {
            groups.push((0, 0));
            count = 0;
            bytes = BYTES_PER_TEMPLATE;
        }
        count += top;
        bytes += project.bytes;
        if let Some((members, member_bytes)) = groups.last_mut() {
            *members += 1;
            *member_bytes += project.bytes;
        }
    }
    let mut planned = projects.into_iter().map(|estimated| estimated.project);
    let total = groups.len();
    let mut dns = dns;
    let mut registry_pipeline = registry_pipeline;
    groups
        .into_iter()
        .enumerate()
        .map(|(i, (members, member_bytes))| {
            let mut projects: Vec<ProjectPlan> = planned.by_ref().take(members).collect();
            let index = i + 1;
            let (role_definitions, dns, registry_pipeline) = if index == 1 {
                (roles.to_vec(), dns.take(), registry_pipeline.take())
            } else {
                (Vec::new(), None, None)
            };
            for project in &mut projects {
                project.depends_on = dependencies(project, &role_definitions, dns.as_ref());
                project.role_ids = role_ids(project, &role_definitions);
            }
            let mut used: BTreeSet<&str> = projects
                .iter()
                .flat_map(|p| p.parameters.iter().map(|q| q.name.as_str()))
                .chain(
                    projects
                        .iter()
                        .filter_map(|p| p.registry_reader.as_ref())
                        .filter_map(|r| r.subscription.parameter()),
                )
                .collect();
            if let Some(dns) = &dns {
                used.extend(dns.parameters.iter().map(|q| q.name.as_str()));
            }
            if let Some(grant) = &registry_pipeline {
                used.extend(grant.principal.parameter());
                used.extend(grant.subscription.parameter());
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
            let top_level_resources = role_definitions.len()
                + projects.iter().map(top_level).sum::<usize>()
                + if dns.is_some() { 2 } else { 0 }
                + usize::from(registry_pipeline.is_some());
            let estimated_bytes = BYTES_PER_TEMPLATE
                + estimate_roles(&role_definitions)
                + dns.as_ref().map_or(0, estimate_dns)
                + registry_pipeline.as_ref().map_or(0, estimate_pipeline)
                + member_bytes;
            Deployment {
                index,
                count: total,
                bicep_file: format!("main{suffix}.bicep"),
                bicep_parameters_file: format!("main{suffix}.bicepparam"),
                arm_file: format!("azuredeploy{suffix}.json"),
                arm_parameters_file: format!("azuredeploy{suffix}.parameters.json"),
                parameters,
                role_definitions,
                dns,
                projects,
                top_level_resources,
                estimated_bytes,
                registry_pipeline,
            }
        })
        .collect()
}

/// What the module of `project` waits for in a deployment with `roles` and `dns`: the
/// custom roles it uses, in the deployment's order, then the private DNS zones if it is
/// private.
fn dependencies(
    project: &ProjectPlan,
    roles: &[RoleDefinition],
    dns: Option<&PrivateDns>,
) -> Vec<Dependency> {
    let roles = roles
        .iter()
        .filter(|role| project.custom_roles.contains(&role.guid))
        .map(|role| Dependency::Role {
            symbol: role.symbol.clone(),
            guid: role.guid.clone(),
        });
    let dns = dns.filter(|_| project.private).map(|dns| Dependency::Dns {
        symbol: dns.module_symbol.clone(),
        resource_group: dns.resource_group.clone(),
        deployment_name: dns.deployment_name.clone(),
    });
    roles.chain(dns).collect()
}

/// The custom roles the module of `project` takes, with the symbol of those that `roles`, its
/// deployment's, define.
fn role_ids(project: &ProjectPlan, roles: &[RoleDefinition]) -> Vec<RoleUse> {
    project
        .custom_roles
        .iter()
        .map(|guid| RoleUse {
            guid: guid.clone(),
            symbol: roles
                .iter()
                .find(|role| &role.guid == guid)
                .map(|role| role.symbol.clone()),
        })
        .collect()
}
