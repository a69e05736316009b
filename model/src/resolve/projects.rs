//! Projects: factors from the preset, environments, people and compute.

use std::collections::{BTreeMap, BTreeSet};

use super::environments::Environments;
use super::personas::nil_guid;
use super::{Problems, defaults, pointer, text};
use crate::diagnostic::{Code, Diagnostic};
use crate::document::OutboundRuleKind;
use crate::document::{ClusterDoc, Document, PipelineDoc, ProjectDoc};
use crate::estate::{
    Cluster, Compute, DataScientist, Endpoints, Factors, InstanceSettings, OutboundRule, Pipeline,
    PrivateLink, Project,
};
use crate::newtypes::{VmSize, check_fqdn, check_resource_id_text, check_service_tag};

/// Data scientists one project may list.
const MAX_DATA_SCIENTISTS: usize = 1000;

pub(crate) fn resolve(
    document: &Document,
    environments: &Environments,
    problems: &mut Problems,
) -> Vec<Project> {
    if document.projects.len() > super::MAX_PROJECTS {
        problems.push(
            Diagnostic::error(
                Code::LimitExceeded,
                "/projects",
                format!(
                    "{} projects is more than the {} one estate may hold",
                    document.projects.len(),
                    super::MAX_PROJECTS
                ),
            )
            .with_help("split the organisation into several estates"),
        );
        return Vec::new();
    }
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, project) in document.projects.iter().enumerate() {
        match first.get(project.name.as_str()) {
            Some(earlier) => problems.duplicate(
                pointer(["projects", &i.to_string(), "name"]),
                pointer(["projects", &earlier.to_string(), "name"]),
                "project",
                project.name.as_str(),
            ),
            None => {
                first.insert(project.name.as_str(), i);
            }
        }
    }
    first
        .values()
        .filter_map(|&i| {
            let project = document.projects.get(i)?;
            Some(resolve_one(
                document,
                project,
                pointer(["projects", &i.to_string()]),
                environments,
                problems,
            ))
        })
        .collect()
}

fn resolve_one(
    document: &Document,
    project: &ProjectDoc,
    path: String,
    environments: &Environments,
    problems: &mut Problems,
) -> Project {
    let archetype = document.preset.unwrap_or(defaults::DEFAULT_ARCHETYPE);
    let network = project.network.unwrap_or_else(|| archetype.network());
    let factors = Factors {
        network,
        isolation: project
            .isolation
            .unwrap_or_else(|| defaults::default_isolation(network)),
        restriction: project
            .restriction
            .unwrap_or_else(|| archetype.restriction()),
    };
    if let Some(description) = &project.description {
        text::check_description(problems, &format!("{path}/description"), description);
    }
    text::check_tags(problems, &format!("{path}/tags"), &project.tags);

    let project_environments: BTreeSet<_> = match &project.environments {
        None => environments.ids().collect(),
        Some(names) => {
            if names.is_empty() {
                problems.push(
                    Diagnostic::error(Code::InvalidValue, format!("{path}/environments"), format!("project `{}` has no environment", project.name))
                        .with_help("list the environments it has a workspace in, or leave the key out for all of them"),
                );
            }
            names
                .iter()
                .enumerate()
                .filter_map(|(i, name)| {
                    environments.lookup(problems, format!("{path}/environments/{i}"), name.as_str())
                })
                .collect()
        }
    };

    let mut outbound_rules = Vec::new();
    let mut rule_names: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, rule) in project.outbound_rules.iter().enumerate() {
        let rule_path = format!("{path}/outbound-rules/{i}");
        if let Some(earlier) = rule_names.get(rule.name.as_str()) {
            problems.duplicate(
                format!("{rule_path}/name"),
                format!("{path}/outbound-rules/{earlier}/name"),
                "outbound rule",
                rule.name.as_str(),
            );
            continue;
        }
        rule_names.insert(rule.name.as_str(), i);
        let destination = match rule.kind {
            OutboundRuleKind::Fqdn => check_fqdn(&rule.destination),
            OutboundRuleKind::ServiceTag => check_service_tag(&rule.destination),
            OutboundRuleKind::PrivateEndpoint => check_resource_id_text(&rule.destination),
        };
        if let Err(error) = destination {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("{rule_path}/destination"),
                    error.to_string(),
                )
                .with_help(format!(
                    "a `{}` rule's destination is {}",
                    rule.kind,
                    match rule.kind {
                        OutboundRuleKind::Fqdn =>
                            "a domain name such as `pypi.org` or `*.blob.core.windows.net`",
                        OutboundRuleKind::ServiceTag =>
                            "a service tag such as `AzureMonitor` or `Storage.WestEurope`",
                        OutboundRuleKind::PrivateEndpoint =>
                            "the resource id of the resource the endpoint reaches",
                    }
                )),
            );
        }
        outbound_rules.push(OutboundRule {
            name: rule.name.clone(),
            kind: rule.kind,
            destination: rule.destination.clone(),
        });
    }
    outbound_rules.sort_by(|a, b| a.name.cmp(&b.name));

    let compute_doc = project.compute.clone().unwrap_or_default();
    let instance_doc = compute_doc.instance.clone();
    let default_size = defaults::default_vm_size();
    let instance_size = instance_doc
        .as_ref()
        .and_then(|instance| instance.vm_size.clone())
        .unwrap_or_else(|| default_size.clone());
    let idle_shutdown_minutes = match instance_doc
        .as_ref()
        .and_then(|instance| instance.idle_shutdown_minutes)
    {
        Some(0) => None,
        Some(minutes) => Some(minutes),
        None => Some(defaults::DEFAULT_IDLE_SHUTDOWN_MINUTES),
    };

    let data_scientists = data_scientists(project, &path, &instance_size, problems);

    let clusters: Vec<Cluster> = match &compute_doc.clusters {
        Some(clusters) => clusters
            .iter()
            .enumerate()
            .map(|(i, cluster)| {
                cluster_from(cluster, format!("{path}/compute/clusters/{i}"), problems)
            })
            .collect(),
        None => vec![Cluster {
            vm_size: default_size,
            min_nodes: 0,
            max_nodes: defaults::DEFAULT_MAX_NODES,
            idle_seconds_before_scale_down: defaults::DEFAULT_IDLE_SECONDS_BEFORE_SCALE_DOWN,
            path: format!("{path}/compute"),
        }],
    };
    let mut clusters = clusters;
    clusters.sort_by(|a, b| a.vm_size.cmp(&b.vm_size).then(a.path.cmp(&b.path)));

    let pipelines = pipelines(&compute_doc.pipelines, &path, problems);

    let mut tags = document.tags.clone();
    tags.extend(project.tags.clone());

    Project {
        name: project.name.clone(),
        description: project.description.clone(),
        factors,
        repository: project.repository.clone(),
        environments: project_environments,
        private_link: project
            .private_link
            .as_ref()
            .map(|link| PrivateLink {
                subnet: link.subnet.clone(),
                virtual_network: link.virtual_network.clone(),
            })
            .unwrap_or_default(),
        outbound_rules,
        data_scientists,
        compute: Compute {
            instance: InstanceSettings {
                vm_size: instance_size,
                idle_shutdown_minutes,
            },
            clusters,
            pipelines,
        },
        endpoints: project
            .endpoints
            .as_ref()
            .map(|endpoints| Endpoints {
                online: endpoints.online,
                batch: endpoints.batch,
            })
            .unwrap_or_default(),
        tags,
        path,
    }
}

fn data_scientists(
    project: &ProjectDoc,
    path: &str,
    default_size: &VmSize,
    problems: &mut Problems,
) -> Vec<DataScientist> {
    if project.data_scientists.len() > MAX_DATA_SCIENTISTS {
        problems.push(
            Diagnostic::error(
                Code::LimitExceeded,
                format!("{path}/data-scientists"),
                format!("{} data scientists is more than the {MAX_DATA_SCIENTISTS} one project may list", project.data_scientists.len()),
            )
            .with_help("split the project, or give data scientists access through the persona's group"),
        );
        return Vec::new();
    }
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    let mut people = Vec::new();
    for (i, person) in project.data_scientists.iter().enumerate() {
        let person_path = format!("{path}/data-scientists/{i}");
        if let Some(earlier) = names.get(person.name.as_str()) {
            problems.duplicate(
                format!("{person_path}/name"),
                format!("{path}/data-scientists/{earlier}/name"),
                "data scientist",
                person.name.as_str(),
            );
            continue;
        }
        names.insert(person.name.as_str(), i);
        if person.object_id.is_nil() {
            problems.push(nil_guid(format!("{person_path}/object-id")));
        }
        let vm_size = person
            .vm_size
            .clone()
            .unwrap_or_else(|| default_size.clone());
        people.push(DataScientist {
            name: person.name.clone(),
            object_id: person.object_id,
            vm_size,
            path: person_path,
        });
    }
    people.sort_by(|a, b| a.name.cmp(&b.name));
    people
}

fn cluster_from(cluster: &ClusterDoc, path: String, problems: &mut Problems) -> Cluster {
    nodes(
        cluster.min_nodes,
        cluster.max_nodes,
        cluster.idle_seconds_before_scale_down,
        cluster.vm_size.clone(),
        path,
        problems,
    )
}

fn pipelines(docs: &[PipelineDoc], path: &str, problems: &mut Problems) -> Vec<Pipeline> {
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    let mut pipelines = Vec::new();
    for (i, pipeline) in docs.iter().enumerate() {
        let pipeline_path = format!("{path}/compute/pipelines/{i}");
        if let Some(earlier) = names.get(pipeline.name.as_str()) {
            problems.duplicate(
                format!("{pipeline_path}/name"),
                format!("{path}/compute/pipelines/{earlier}/name"),
                "pipeline",
                pipeline.name.as_str(),
            );
            continue;
        }
        names.insert(pipeline.name.as_str(), i);
        let cluster = nodes(
            pipeline.min_nodes,
            pipeline.max_nodes,
            pipeline.idle_seconds_before_scale_down,
            pipeline.vm_size.clone(),
            pipeline_path.clone(),
            problems,
        );
        pipelines.push(Pipeline {
            name: pipeline.name.clone(),
            cluster,
            path: pipeline_path,
        });
    }
    pipelines.sort_by(|a, b| a.name.cmp(&b.name));
    pipelines
}

fn nodes(
    min: Option<u32>,
    max: Option<u32>,
    idle: Option<u32>,
    vm_size: VmSize,
    path: String,
    problems: &mut Problems,
) -> Cluster {
    let min_nodes = min.unwrap_or(0);
    let max_nodes = max.unwrap_or_else(|| defaults::DEFAULT_MAX_NODES.max(min_nodes));
    if max_nodes == 0 {
        problems.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("{path}/max-nodes"),
                "a cluster needs at least one node at most",
            )
            .with_help("set `max-nodes` to 1 or more"),
        );
    } else if min_nodes > max_nodes {
        problems.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("{path}/min-nodes"),
                format!("`min-nodes` {min_nodes} is more than `max-nodes` {max_nodes}"),
            )
            .with_help("the minimum cannot exceed the maximum; 0 keeps an idle cluster free"),
        );
    }
    Cluster {
        vm_size,
        min_nodes,
        max_nodes,
        idle_seconds_before_scale_down: idle
            .unwrap_or(defaults::DEFAULT_IDLE_SECONDS_BEFORE_SCALE_DOWN),
        path,
    }
}
