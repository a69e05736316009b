//! The resources an estate deploys, as Azure Policy sees them in the deployment request:
//! each project's workspace, its computes and endpoints, storage account, key vault,
//! container registry, Application Insights, its own Log Analytics unless the landing zone
//! has a central one, and a private project's private endpoints (the model registry's
//! among them) with their DNS zone groups unless policies attach them. Names come from [`naming`](crate::naming);
//! the bodies carry the properties the generated templates write at every path the alias
//! table knows. `tests/tests/it/policy.rs` checks them against the generated ARM: the same
//! resources, and the same verdict of every reference definition on each.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::evaluate::Facts;
use super::resource::PolicyResource;
use crate::estate::{Cluster, Environment, EnvironmentId, Estate, PrivateDns, Project, ProjectId};
use crate::naming::{EstateNames, PrivateEndpointTarget, ProjectNames};
use crate::vocabulary::{Isolation, Network, Stage};

/// The API versions the templates write, by resource type.
const API_VERSIONS: &[(&str, &str)] = &[
    (WORKSPACES, "2026-05-01"),
    (COMPUTES, "2026-05-01"),
    (ONLINE_ENDPOINTS, "2026-05-01"),
    (BATCH_ENDPOINTS, "2026-05-01"),
    (STORAGE, "2026-04-01"),
    (VAULTS, "2026-02-01"),
    (COMPONENTS, "2020-02-02"),
    (LOG_ANALYTICS, "2025-07-01"),
    (REGISTRIES, "2025-11-01"),
    (PRIVATE_ENDPOINTS, "2025-07-01"),
    (ZONE_GROUPS, "2025-07-01"),
];

const WORKSPACES: &str = "Microsoft.MachineLearningServices/workspaces";
const COMPUTES: &str = "Microsoft.MachineLearningServices/workspaces/computes";
const ONLINE_ENDPOINTS: &str = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints";
const BATCH_ENDPOINTS: &str = "Microsoft.MachineLearningServices/workspaces/batchEndpoints";
const STORAGE: &str = "Microsoft.Storage/storageAccounts";
const VAULTS: &str = "Microsoft.KeyVault/vaults";
const COMPONENTS: &str = "Microsoft.Insights/components";
const LOG_ANALYTICS: &str = "Microsoft.OperationalInsights/workspaces";
const REGISTRIES: &str = "Microsoft.ContainerRegistry/registries";
/// The model registry is not among the resources described (it belongs to no project); its
/// type only names it in its private endpoints' ids.
const ML_REGISTRIES: &str = "Microsoft.MachineLearningServices/registries";
const PRIVATE_ENDPOINTS: &str = "Microsoft.Network/privateEndpoints";
const ZONE_GROUPS: &str = "Microsoft.Network/privateEndpoints/privateDnsZoneGroups";

/// The resource types [`resources`] describes.
pub fn resource_types() -> impl Iterator<Item = &'static str> {
    API_VERSIONS.iter().map(|(t, _)| *t)
}

/// One planned resource with where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    /// The environment it is deployed in.
    pub environment: EnvironmentId,
    /// The project it belongs to.
    pub project: ProjectId,
    /// The document item it comes from (JSON pointer): the project, or the data scientist,
    /// cluster or pipeline of a compute.
    pub path: String,
    /// The resource as policy sees it.
    pub resource: PolicyResource,
    /// What the evaluator may know of its subscription and resource group.
    pub facts: Facts,
}

/// Every resource the estate deploys that [`resource_types`] lists, environment by
/// environment in promotion order, projects by name.
pub fn resources(estate: &Estate) -> Vec<Planned> {
    let names = EstateNames::for_estate(estate);
    let mut out = Vec::new();
    for (environment_id, environment) in estate.environments() {
        for (project_id, project) in estate.projects() {
            if !project.environments.contains(&environment_id) {
                continue;
            }
            let here = names.of(project, environment);
            let facts = Facts {
                subscription_id: environment.subscription.as_ref().map(ToString::to_string),
                resource_group: Some(here.resource_group().value),
            };
            let mut push = |path: &str, resource: PolicyResource| {
                out.push(Planned {
                    environment: environment_id,
                    project: project_id,
                    path: path.to_owned(),
                    resource,
                    facts: facts.clone(),
                });
            };
            let registry_id = registry_endpoint_target(estate, &names, project);
            let resources = project_resources(
                estate,
                environment,
                project,
                &here,
                &facts,
                registry_id.as_ref(),
            );
            for (path, resource) in resources {
                push(&path, resource);
            }
        }
    }
    out
}

fn body(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// Whether `project` reaches the model registry through a private endpoint, and then the
/// registry's resource id when its subscription is known.
fn registry_endpoint_target(
    estate: &Estate,
    names: &EstateNames,
    project: &Project,
) -> Option<Option<String>> {
    let registry = estate.registry()?;
    if !registry.private_endpoint_for(project) {
        return None;
    }
    let registry_names = names.registry(estate)?;
    Some(registry_names.subscription.map(|subscription| {
        format!(
            "/subscriptions/{subscription}/resourceGroups/{}/providers/{ML_REGISTRIES}/{}",
            registry_names.resource_group.value, registry_names.registry.value
        )
    }))
}

/// The resources of one project in one environment, each with its document path;
/// `registry_endpoint` is `Some` when the project has a private endpoint to the model
/// registry (with the registry's id when known).
fn project_resources(
    estate: &Estate,
    environment: &Environment,
    project: &Project,
    names: &ProjectNames<'_>,
    facts: &Facts,
    registry_endpoint: Option<&Option<String>>,
) -> Vec<(String, PolicyResource)> {
    let private = project.factors.network == Network::Private;
    let location = environment.location.to_string();
    let tags = || -> Option<(String, Value)> {
        (!project.tags.is_empty()).then(|| ("tags".to_owned(), json!(project.tags)))
    };
    let resource = |resource_type: &str, full_name: String, located: bool, value: Value| {
        let mut body = body(value);
        if located && let Some((k, v)) = tags() {
            body.insert(k, v);
        }
        PolicyResource {
            id: resource_id(facts, resource_type, &full_name),
            api_version: API_VERSIONS
                .iter()
                .find(|(t, _)| *t == resource_type)
                .map(|(_, v)| (*v).to_owned())
                .unwrap_or_default(),
            resource_type: resource_type.to_owned(),
            full_name,
            location: located.then(|| location.clone()),
            body,
        }
    };
    let access = if private { "Disabled" } else { "Enabled" };
    let action = if private { "Deny" } else { "Allow" };
    let workspace = names.workspace().value;
    let storage = names.storage().value;
    let vault = names.key_vault().value;
    let registry = names.container_registry().value;
    let at = |path: &str| path.to_owned();
    let mut out = Vec::new();
    if environment.landing_zone.log_analytics.is_none() {
        out.push((
            at(&project.path),
            resource(
                LOG_ANALYTICS,
                names.log_analytics().value,
                true,
                json!({
                    "properties": {"sku": {"name": "PerGB2018"}, "retentionInDays": 30}
                }),
            ),
        ));
    }
    out.extend([
        (
            at(&project.path),
            resource(
                COMPONENTS,
                names.app_insights().value,
                true,
                json!({
                    "kind": "web",
                    "properties": {"Application_Type": "web"}
                }),
            ),
        ),
        (
            at(&project.path),
            resource(
                STORAGE,
                storage.clone(),
                true,
                json!({
                    "kind": "StorageV2",
                    "properties": {
                        "minimumTlsVersion": "TLS1_2",
                        "allowBlobPublicAccess": false,
                        "supportsHttpsTrafficOnly": true,
                        "publicNetworkAccess": access,
                        "networkAcls": {"defaultAction": action, "bypass": "AzureServices"}
                    }
                }),
            ),
        ),
        (
            at(&project.path),
            resource(
                VAULTS,
                vault.clone(),
                true,
                json!({
                    "properties": {
                        "enableRbacAuthorization": true,
                        "enableSoftDelete": true,
                        "publicNetworkAccess": if private { "disabled" } else { "enabled" },
                        "networkAcls": {"defaultAction": action, "bypass": "AzureServices"}
                    }
                }),
            ),
        ),
        (
            at(&project.path),
            resource(
                REGISTRIES,
                registry.clone(),
                true,
                json!({
                    "sku": {"name": if private { "Premium" } else { "Standard" }},
                    "properties": {
                        "adminUserEnabled": false,
                        "publicNetworkAccess": access,
                        "networkRuleBypassOptions": "AzureServices"
                    }
                }),
            ),
        ),
        (
            at(&project.path),
            resource(
                WORKSPACES,
                workspace.clone(),
                true,
                json!({
                    "kind": "Default",
                    "sku": {"name": "Basic", "tier": "Basic"},
                    "identity": {"type": "SystemAssigned"},
                    "properties": {
                        "publicNetworkAccess": access,
                        "managedNetwork": {"isolationMode": isolation_mode(project.factors.isolation)}
                    }
                }),
            ),
        ),
    ]);
    let compute = |name: String, path: &str, inner: Value, compute_type: &str| {
        (
            at(path),
            resource(
                COMPUTES,
                format!("{workspace}/{name}"),
                true,
                json!({
                    "properties": {
                        "computeType": compute_type,
                        "disableLocalAuth": true,
                        "properties": inner
                    }
                }),
            ),
        )
    };
    let cluster = |cluster: &Cluster| {
        json!({
            "vmPriority": "Dedicated",
            "osType": "Linux",
            "remoteLoginPortPublicAccess": "Disabled",
            "scaleSettings": {
                "minNodeCount": cluster.min_nodes,
                "maxNodeCount": cluster.max_nodes,
                "nodeIdleTimeBeforeScaleDown": format!("PT{}S", cluster.idle_seconds_before_scale_down)
            },
            "vmSize": cluster.vm_size.to_string(),
            "enableNodePublicIp": !private
        })
    };
    if environment.stage == Stage::Development {
        for scientist in &project.data_scientists {
            let mut inner = json!({
                "applicationSharingPolicy": "Personal",
                "computeInstanceAuthorizationType": "personal",
                "sshSettings": {"sshPublicAccess": "Disabled"},
                "vmSize": scientist.vm_size.to_string(),
                "enableNodePublicIp": !private,
                "personalComputeInstanceSettings": {
                    "assignedUser": {
                        "objectId": scientist.object_id.to_string(),
                        "tenantId": estate.tenant().to_string()
                    }
                }
            });
            if let (Some(minutes), Some(map)) = (
                project.compute.instance.idle_shutdown_minutes,
                inner.as_object_mut(),
            ) {
                map.insert(
                    "idleTimeBeforeShutdown".to_owned(),
                    Value::String(format!("PT{minutes}M")),
                );
            }
            out.push(compute(
                names.compute_instance(&scientist.name).value,
                &scientist.path,
                inner,
                "ComputeInstance",
            ));
        }
        for c in &project.compute.clusters {
            out.push(compute(
                names.cluster(&c.vm_size).value,
                &c.path,
                cluster(c),
                "AmlCompute",
            ));
        }
    } else {
        for pipeline in &project.compute.pipelines {
            out.push(compute(
                names.pipeline_cluster(&pipeline.name).value,
                &pipeline.cluster.path,
                cluster(&pipeline.cluster),
                "AmlCompute",
            ));
        }
    }
    if project.endpoints.online_in(environment) {
        out.push((
            at(&project.path),
            resource(
                ONLINE_ENDPOINTS,
                format!("{workspace}/{}", names.online_endpoint().value),
                true,
                json!({
                    "kind": "Managed",
                    "identity": {"type": "SystemAssigned"},
                    "properties": {"authMode": "AADToken", "publicNetworkAccess": access}
                }),
            ),
        ));
    }
    if project.endpoints.batch_in(environment) {
        out.push((
            at(&project.path),
            resource(
                BATCH_ENDPOINTS,
                format!("{workspace}/{}", names.batch_endpoint().value),
                true,
                json!({"properties": {"authMode": "AADToken"}}),
            ),
        ));
    }
    // Under `policy` DNS the organisation's policies write the zone groups, not the templates.
    let zone_groups = environment.landing_zone.private_dns != PrivateDns::Policy;
    if private {
        for target in PrivateEndpointTarget::ALL {
            let (group, target_type, target_name) = match target {
                PrivateEndpointTarget::Workspace => ("amlworkspace", WORKSPACES, &workspace),
                PrivateEndpointTarget::Blob => ("blob", STORAGE, &storage),
                PrivateEndpointTarget::File => ("file", STORAGE, &storage),
                PrivateEndpointTarget::Vault => ("vault", VAULTS, &vault),
                PrivateEndpointTarget::Registry => ("registry", REGISTRIES, &registry),
            };
            let name = names.private_endpoint(target).value;
            out.push((
                at(&project.path),
                resource(PRIVATE_ENDPOINTS, name.clone(), true, json!({
                    "properties": {
                        "privateLinkServiceConnections": [{
                            "name": name,
                            "properties": {
                                "privateLinkServiceId": resource_id(facts, target_type, target_name),
                                "groupIds": [group]
                            }
                        }]
                    }
                })),
            ));
            if zone_groups {
                out.push((
                    at(&project.path),
                    resource(ZONE_GROUPS, format!("{name}/default"), false, json!({})),
                ));
            }
        }
    }
    if let Some(registry_id) = registry_endpoint {
        let name = names.registry_private_endpoint().value;
        out.push((
            at(&project.path),
            resource(
                PRIVATE_ENDPOINTS,
                name.clone(),
                true,
                json!({
                    "properties": {
                        "privateLinkServiceConnections": [{
                            "name": name,
                            "properties": {
                                "privateLinkServiceId": registry_id,
                                "groupIds": ["amlregistry"]
                            }
                        }]
                    }
                }),
            ),
        ));
        if zone_groups {
            out.push((
                at(&project.path),
                resource(ZONE_GROUPS, format!("{name}/default"), false, json!({})),
            ));
        }
    }
    out
}

fn isolation_mode(isolation: Isolation) -> &'static str {
    match isolation {
        Isolation::Disabled => "Disabled",
        Isolation::AllowInternetOutbound => "AllowInternetOutbound",
        Isolation::AllowOnlyApprovedOutbound => "AllowOnlyApprovedOutbound",
    }
}

/// `/subscriptions/…/resourceGroups/…/providers/{namespace}/{type}/{name}/{child}/{name}`,
/// when the subscription is known.
fn resource_id(facts: &Facts, resource_type: &str, full_name: &str) -> Option<String> {
    let subscription = facts.subscription_id.as_ref()?;
    let group = facts.resource_group.as_ref()?;
    let mut segments = resource_type.split('/');
    let namespace = segments.next()?;
    let mut path =
        format!("/subscriptions/{subscription}/resourceGroups/{group}/providers/{namespace}");
    for (kind, name) in segments.zip(full_name.split('/')) {
        path.push('/');
        path.push_str(kind);
        path.push('/');
        path.push_str(name);
    }
    Some(path)
}

/// The private link group of a workspace's private endpoint.
const WORKSPACE_GROUP: &str = "amlworkspace";

/// The planned resources as they stand once the deployment is done, which is what Audit-like
/// effects judge (Deny judges the request): a workspace then holds an approved private
/// endpoint connection for each private endpoint the deployment creates to it (automatic
/// connections, in the same project and environment).
#[derive(Debug, Clone, Default)]
pub struct Deployed {
    /// The private endpoints to a workspace, by environment and project.
    endpoints: BTreeMap<(EnvironmentId, ProjectId), Vec<String>>,
}

impl Deployed {
    /// The view of `all`, the estate's planned resources.
    pub fn of(all: &[Planned]) -> Self {
        let mut endpoints: BTreeMap<(EnvironmentId, ProjectId), Vec<String>> = BTreeMap::new();
        for endpoint in all
            .iter()
            .filter(|other| other.resource.resource_type == PRIVATE_ENDPOINTS)
        {
            let to_workspace = endpoint
                .resource
                .body
                .get("properties")
                .and_then(|p| p.get("privateLinkServiceConnections"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .any(|connection| {
                    connection
                        .pointer("/properties/groupIds")
                        .and_then(Value::as_array)
                        .is_some_and(|groups| groups.iter().any(|g| g == WORKSPACE_GROUP))
                });
            if to_workspace {
                endpoints
                    .entry((endpoint.environment, endpoint.project))
                    .or_default()
                    .push(endpoint.resource.full_name.clone());
            }
        }
        Self { endpoints }
    }

    /// `planned` as it stands after the deployment.
    pub fn resource(&self, planned: &Planned) -> PolicyResource {
        let mut resource = planned.resource.clone();
        if resource.resource_type != WORKSPACES {
            return resource;
        }
        let Some(names) = self.endpoints.get(&(planned.environment, planned.project)) else {
            return resource;
        };
        let connections: Vec<Value> = names
            .iter()
            .map(|name| {
                json!({
                    "name": name,
                    "properties": {"privateLinkServiceConnectionState": {"status": "Approved"}}
                })
            })
            .collect();
        if let Some(Value::Object(properties)) = resource.body.get_mut("properties") {
            properties.insert(
                "privateEndpointConnections".to_owned(),
                Value::Array(connections),
            );
        }
        resource
    }
}
