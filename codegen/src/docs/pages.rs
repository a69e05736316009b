//! The page of each project: workspaces per environment, what the network factor deploys,
//! compute and who owns it, role assignments.

use std::collections::BTreeMap;

use mlzone_model::Estate;
use mlzone_model::vocabulary::{Network, Restriction};
use serde::Serialize;

use crate::plan::{EnvironmentPlan, Operand, ProjectPlan};

/// The page of one project.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectPage {
    /// The project's name (names the page: `projects/{name}.md`).
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// `public` or `private`.
    pub network: String,
    /// The managed network isolation mode.
    pub isolation: String,
    /// `restricted` or `unrestricted`.
    pub restriction: String,
    /// What the network factor deploys, one sentence each.
    pub network_effects: Vec<String>,
    /// What the restriction factor means, in one sentence.
    pub restriction_effect: String,
    /// The Git repository of its CI/CD, when the document gives one.
    pub repository: Option<String>,
    /// One section per environment it has a workspace in, in promotion order.
    pub environments: Vec<ProjectEnvironment>,
}

/// One project in one environment.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectEnvironment {
    /// The environment.
    pub environment: String,
    /// Its stage.
    pub stage: String,
    /// The workspace's Azure name.
    pub workspace: String,
    /// Its resource group.
    pub resource_group: String,
    /// Its region.
    pub location: String,
    /// `Enabled` or `Disabled`.
    pub public_network_access: String,
    /// The managed network isolation mode.
    pub isolation_mode: String,
    /// Storage account, key vault, container registry, Application Insights, Log Analytics.
    pub dependencies: Vec<DependencyView>,
    /// Private endpoints (private projects).
    pub private_endpoints: Vec<PrivateEndpointView>,
    /// Compute instances, one per data scientist (development stages).
    pub instances: Vec<InstanceView>,
    /// Clusters: shared development clusters, or one per pipeline.
    pub clusters: Vec<ClusterView>,
    /// Online and batch endpoints.
    pub endpoints: Vec<EndpointView>,
    /// Role assignments of persona groups on the workspace.
    pub grants: Vec<GrantView>,
}

/// A dependency of the workspace.
#[derive(Debug, Clone, Serialize)]
pub struct DependencyView {
    /// What it is.
    pub kind: String,
    /// Its Azure name.
    pub name: String,
}

/// A private endpoint.
#[derive(Debug, Clone, Serialize)]
pub struct PrivateEndpointView {
    /// Its name.
    pub name: String,
    /// The sub-resource it connects to.
    pub group_id: String,
    /// The target's name.
    pub target: String,
}

/// A compute instance.
#[derive(Debug, Clone, Serialize)]
pub struct InstanceView {
    /// Its name.
    pub name: String,
    /// The data scientist it is assigned to (the object id when the name is unknown).
    pub owner: String,
    /// Its VM size.
    pub vm_size: String,
    /// The idle time before it shuts down, when idle shutdown is on.
    pub idle_shutdown: Option<String>,
}

/// A cluster.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterView {
    /// Its name.
    pub name: String,
    /// What it is for.
    pub purpose: String,
    /// Its VM size.
    pub vm_size: String,
    /// Minimum to maximum nodes (`0–4`).
    pub nodes: String,
}

/// An endpoint.
#[derive(Debug, Clone, Serialize)]
pub struct EndpointView {
    /// Its name.
    pub name: String,
    /// `online` or `batch`.
    pub mode: String,
}

/// A role assignment.
#[derive(Debug, Clone, Serialize)]
pub struct GrantView {
    /// The persona.
    pub persona: String,
    /// The role.
    pub role: String,
    /// The group's object id, or where it comes from when the document does not give it.
    pub principal: String,
}

/// The page of every project, by name.
pub(super) fn plan(estate: &Estate, environments: &[EnvironmentPlan]) -> Vec<ProjectPage> {
    // Per environment, its planned projects by name.
    let planned: Vec<BTreeMap<&str, &ProjectPlan>> = environments
        .iter()
        .map(|environment| {
            environment
                .deployments
                .iter()
                .flat_map(|d| &d.projects)
                .map(|p| (p.name.as_str(), p))
                .collect()
        })
        .collect();
    estate
        .projects()
        .map(|(_, project)| {
            let name = project.name.as_str();
            let private = project.factors.network == Network::Private;
            let network_effects = if private {
                vec![
                    "Private Link: private endpoints for the workspace, its storage (blob and file), key vault and container registry, listed per environment below.".to_owned(),
                    "Private DNS zones in each environment, linked to its virtual network.".to_owned(),
                    "Public network access disabled on the workspace, storage, key vault, registry and online endpoints; no public IP on compute.".to_owned(),
                    "A Premium container registry, which private endpoints need.".to_owned(),
                ]
            } else {
                vec![
                    "Public network access enabled on the workspace and its dependencies; no private endpoint.".to_owned(),
                ]
            };
            let restriction_effect = match project.factors.restriction {
                Restriction::Restricted => "Data scientists get a custom role: infrastructure is set up by others before they begin work.",
                Restriction::Unrestricted => "Data scientists get the built-in Contributor role where they experiment: they can create and delete any resource in the workspace's resource group.",
            }
            .to_owned();
            ProjectPage {
                name: name.to_owned(),
                description: project.description.clone(),
                network: project.factors.network.as_str().to_owned(),
                isolation: project.factors.isolation.as_str().to_owned(),
                restriction: project.factors.restriction.as_str().to_owned(),
                network_effects,
                restriction_effect,
                repository: project.repository.as_ref().map(|r| r.to_string()),
                environments: environments
                    .iter()
                    .zip(&planned)
                    .filter_map(|(environment, planned)| {
                        let planned = planned.get(name)?;
                        Some(project_environment(environment, planned, project))
                    })
                    .collect(),
            }
        })
        .collect()
}

fn project_environment(
    environment: &EnvironmentPlan,
    planned: &ProjectPlan,
    project: &mlzone_model::estate::Project,
) -> ProjectEnvironment {
    let mut names: foldhash::HashMap<String, &str> = foldhash::HashMap::default();
    for scientist in &project.data_scientists {
        names
            .entry(scientist.object_id.to_string())
            .or_insert(scientist.name.as_str());
    }
    let owner = |object_id: &str| {
        names
            .get(object_id)
            .map_or_else(|| object_id.to_owned(), |&name| name.to_owned())
    };
    ProjectEnvironment {
        environment: environment.name.clone(),
        stage: environment.stage.clone(),
        workspace: planned.workspace.name.clone(),
        resource_group: planned.resource_group.clone(),
        location: planned.location.clone(),
        public_network_access: planned.workspace.public_network_access.clone(),
        isolation_mode: planned.workspace.isolation_mode.clone(),
        dependencies: vec![
            dependency("storage account", &planned.storage.name),
            dependency("key vault", &planned.key_vault.name),
            dependency("container registry", &planned.registry.name),
            dependency("application insights", &planned.app_insights.name),
            dependency("log analytics workspace", &planned.log_analytics.name),
        ],
        private_endpoints: planned
            .private_endpoints
            .iter()
            .map(|pe| PrivateEndpointView {
                name: pe.name.clone(),
                group_id: pe.group_id.clone(),
                target: pe.target_name.clone(),
            })
            .collect(),
        instances: planned
            .computes
            .iter()
            .filter_map(|c| {
                let instance = c.instance.as_ref()?;
                Some(InstanceView {
                    name: c.name.clone(),
                    owner: owner(&instance.user_object_id),
                    vm_size: c.vm_size.clone(),
                    idle_shutdown: instance.idle_shutdown.clone(),
                })
            })
            .collect(),
        clusters: planned
            .computes
            .iter()
            .filter_map(|c| {
                let cluster = c.cluster.as_ref()?;
                Some(ClusterView {
                    name: c.name.clone(),
                    purpose: c.description.clone(),
                    vm_size: c.vm_size.clone(),
                    nodes: format!("{}–{}", cluster.min_nodes, cluster.max_nodes),
                })
            })
            .collect(),
        endpoints: planned
            .endpoints
            .iter()
            .map(|e| EndpointView {
                name: e.name.clone(),
                mode: e.mode.clone(),
            })
            .collect(),
        grants: planned
            .assignments
            .iter()
            .map(|a| GrantView {
                persona: a.persona.clone(),
                role: a.role_name.clone(),
                principal: match &a.principal {
                    Operand::Literal { value } => value.clone(),
                    Operand::Parameter { name } => format!("parameter {name}"),
                    Operand::SubscriptionId => "the subscription".to_owned(),
                },
            })
            .collect(),
    }
}

fn dependency(kind: &str, name: &str) -> DependencyView {
    DependencyView {
        kind: kind.to_owned(),
        name: name.to_owned(),
    }
}
