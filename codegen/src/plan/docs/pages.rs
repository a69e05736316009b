//! The page of each project: workspaces per environment, what the network factor deploys,
//! compute and who owns it, role assignments.
//!
//! Pages borrow from the plan and are built as they render, so the plan does not carry a
//! second copy of every project. What only the estate knows (description, repository, the
//! names of data scientists) the docs plan keeps per project in [`ProjectFacts`].

use std::collections::BTreeMap;

use mlzone_model::Estate;
use mlzone_model::estate::Project;
use mlzone_model::vocabulary::{Isolation, Network, Restriction};
use serde::Serialize;

use crate::plan::{EnvironmentPlan, Operand, Plan, ProjectPlan};

/// What a project's page shows that the deployment plan does not hold.
#[derive(Debug, Clone)]
pub struct ProjectFacts {
    /// The project's name (names the page: `projects/{name}.md`).
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Its network factor.
    pub network: Network,
    /// Its managed network isolation.
    pub isolation: Isolation,
    /// Its restriction factor.
    pub restriction: Restriction,
    /// The Git repository of its CI/CD, when the document gives one.
    pub repository: Option<String>,
    /// The data scientists' names by object id (the first of each id).
    pub owners: BTreeMap<String, String>,
}

impl ProjectFacts {
    /// The facts of `project`.
    pub fn of(project: &Project) -> Self {
        let mut owners = BTreeMap::new();
        for scientist in &project.data_scientists {
            owners
                .entry(scientist.object_id.to_string())
                .or_insert_with(|| scientist.name.to_string());
        }
        Self {
            name: project.name.to_string(),
            description: project.description.clone(),
            network: project.factors.network,
            isolation: project.factors.isolation,
            restriction: project.factors.restriction,
            repository: project.repository.as_ref().map(|r| r.to_string()),
            owners,
        }
    }
}

/// The facts of every project of `estate`, in the estate's order.
pub(super) fn facts(estate: &Estate) -> Vec<ProjectFacts> {
    estate
        .projects()
        .map(|(_, project)| ProjectFacts::of(project))
        .collect()
}

/// The page of one project.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectPage<'p> {
    /// The project's name (names the page: `projects/{name}.md`).
    pub name: &'p str,
    /// Its description.
    pub description: Option<&'p str>,
    /// `public` or `private`.
    pub network: &'static str,
    /// The managed network isolation mode.
    pub isolation: &'static str,
    /// `restricted` or `unrestricted`.
    pub restriction: &'static str,
    /// Whether the project is private (the template says what that deploys).
    pub private: bool,
    /// Whether the project is restricted (the template says what that means).
    pub restricted: bool,
    /// The Git repository of its CI/CD, when the document gives one.
    pub repository: Option<&'p str>,
    /// One section per environment it has a workspace in, in promotion order.
    pub environments: Vec<ProjectEnvironment<'p>>,
}

/// One project in one environment.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectEnvironment<'p> {
    /// The environment.
    pub environment: &'p str,
    /// Its stage.
    pub stage: &'p str,
    /// The workspace's Azure name.
    pub workspace: &'p str,
    /// Its resource group.
    pub resource_group: &'p str,
    /// Its region.
    pub location: &'p str,
    /// `Enabled` or `Disabled`.
    pub public_network_access: &'p str,
    /// The managed network isolation mode.
    pub isolation_mode: &'p str,
    /// The names of the workspace's dependencies.
    pub dependencies: DependencyNames<'p>,
    /// Private endpoints (private projects).
    pub private_endpoints: Vec<PrivateEndpointView<'p>>,
    /// How they are registered in private DNS: `create`, `existing` or `policy`.
    pub private_dns: &'p str,
    /// Compute instances, one per data scientist (development stages).
    pub instances: Vec<InstanceView<'p>>,
    /// Clusters: shared development clusters, or one per pipeline.
    pub clusters: Vec<ClusterView<'p>>,
    /// Online and batch endpoints.
    pub endpoints: Vec<EndpointView<'p>>,
    /// Role assignments of persona groups on the workspace.
    pub grants: Vec<GrantView<'p>>,
    /// The reader role at the model registry that the workspace's identity holds (test and
    /// production environments of an estate with a registry).
    pub registry_reader: Option<&'p super::super::RegistryReader>,
}

/// The Azure names of the workspace's dependencies.
#[derive(Debug, Clone, Serialize)]
pub struct DependencyNames<'p> {
    /// The storage account.
    pub storage: &'p str,
    /// The key vault.
    pub key_vault: &'p str,
    /// The container registry.
    pub registry: &'p str,
    /// The Application Insights component.
    pub app_insights: &'p str,
    /// The Log Analytics workspace: the project's own name, or the central one's id.
    pub log_analytics: &'p str,
    /// Whether it is the environment's central workspace (its resource id), not the
    /// project's own.
    pub central_log_analytics: bool,
}

/// A private endpoint.
#[derive(Debug, Clone, Serialize)]
pub struct PrivateEndpointView<'p> {
    /// Its name.
    pub name: &'p str,
    /// The sub-resource it connects to.
    pub group_id: &'p str,
    /// The target's name.
    pub target: &'p str,
}

/// A compute instance.
#[derive(Debug, Clone, Serialize)]
pub struct InstanceView<'p> {
    /// Its name.
    pub name: &'p str,
    /// The data scientist it is assigned to (the object id when the name is unknown).
    pub owner: &'p str,
    /// Its VM size.
    pub vm_size: &'p str,
    /// The idle time before it shuts down, when idle shutdown is on.
    pub idle_shutdown: Option<&'p str>,
}

/// A cluster.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterView<'p> {
    /// Its name.
    pub name: &'p str,
    /// What it is for.
    pub purpose: &'p str,
    /// Its VM size.
    pub vm_size: &'p str,
    /// Minimum to maximum nodes (`0–4`).
    pub nodes: String,
}

/// An endpoint.
#[derive(Debug, Clone, Serialize)]
pub struct EndpointView<'p> {
    /// Its name.
    pub name: &'p str,
    /// `online` or `batch`.
    pub mode: &'p str,
}

/// A role assignment.
#[derive(Debug, Clone, Serialize)]
pub struct GrantView<'p> {
    /// The persona.
    pub persona: &'p str,
    /// The role.
    pub role: &'p str,
    /// The group's object id, or the parameter (or subscription) it comes from when the
    /// document does not give it.
    pub principal: &'p Operand,
}

/// The page of every project of `plan`, in the estate's order.
pub fn pages(plan: &Plan) -> impl Iterator<Item = ProjectPage<'_>> {
    // Per environment, its planned projects by name.
    let planned: Vec<BTreeMap<&str, &ProjectPlan>> = plan
        .environments
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
    plan.docs.pages.iter().map(move |facts| ProjectPage {
        name: &facts.name,
        description: facts.description.as_deref(),
        network: facts.network.as_str(),
        isolation: facts.isolation.as_str(),
        restriction: facts.restriction.as_str(),
        private: facts.network == Network::Private,
        restricted: facts.restriction == Restriction::Restricted,
        repository: facts.repository.as_deref(),
        environments: plan
            .environments
            .iter()
            .zip(&planned)
            .filter_map(|(environment, planned)| {
                let planned = planned.get(facts.name.as_str())?;
                Some(project_environment(environment, planned, facts))
            })
            .collect(),
    })
}

fn project_environment<'p>(
    environment: &'p EnvironmentPlan,
    planned: &'p ProjectPlan,
    facts: &'p ProjectFacts,
) -> ProjectEnvironment<'p> {
    ProjectEnvironment {
        environment: &environment.name,
        stage: &environment.stage,
        workspace: &planned.workspace.name,
        resource_group: &planned.resource_group,
        location: &planned.location,
        public_network_access: planned.workspace.public_network_access,
        isolation_mode: planned.workspace.isolation_mode,
        dependencies: DependencyNames {
            storage: &planned.storage.name,
            key_vault: &planned.key_vault.name,
            registry: &planned.registry.name,
            app_insights: &planned.app_insights.name,
            log_analytics: planned
                .log_analytics
                .name
                .as_deref()
                .or(planned.log_analytics.central_id.as_deref())
                .unwrap_or_default(),
            central_log_analytics: planned.log_analytics.name.is_none(),
        },
        private_dns: planned.private_dns,
        registry_reader: planned.registry_reader.as_ref(),
        private_endpoints: planned
            .private_endpoints
            .iter()
            .map(|pe| PrivateEndpointView {
                name: &pe.name,
                group_id: pe.group_id,
                target: &pe.target_name,
            })
            .collect(),
        instances: planned
            .computes
            .iter()
            .filter_map(|c| {
                let instance = c.instance.as_ref()?;
                let id = instance.user_object_id.as_str();
                Some(InstanceView {
                    name: &c.name,
                    owner: facts.owners.get(id).map_or(id, String::as_str),
                    vm_size: &c.vm_size,
                    idle_shutdown: instance.idle_shutdown.as_deref(),
                })
            })
            .collect(),
        clusters: planned
            .computes
            .iter()
            .filter_map(|c| {
                let cluster = c.cluster.as_ref()?;
                Some(ClusterView {
                    name: &c.name,
                    purpose: &c.description,
                    vm_size: &c.vm_size,
                    nodes: format!("{}–{}", cluster.min_nodes, cluster.max_nodes),
                })
            })
            .collect(),
        endpoints: planned
            .endpoints
            .iter()
            .map(|e| EndpointView {
                name: &e.name,
                mode: e.mode,
            })
            .collect(),
        grants: planned
            .assignments
            .iter()
            .map(|a| GrantView {
                persona: &a.persona,
                role: &a.role_name,
                principal: &a.principal,
            })
            .collect(),
    }
}
