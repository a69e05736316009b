//! One project in one environment: its workspace, dependencies, network, compute and access.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use mlzone_model::document::OutboundRuleKind;
use mlzone_model::estate::{Environment, EnvironmentId, PrivateDnsZone, Project, ProjectId};
use mlzone_model::vocabulary::{Isolation, Network, Stage};
use serde_json::json;

use super::environment::Context;
use mlzone_model::naming::{Name, PrivateEndpointTarget, ProjectNames};

use super::network;
use super::posture;
use super::registry::Symbols;
use super::symbols::PROJECT_SYMBOLS;
use super::{
    Assignment, Cluster, Compute, Endpoint, Instance, KeyVault, LoadTest, LogAnalytics, Named,
    Operand, PrivateEndpoint, ProjectOutputs, ProjectPlan, REGISTRY_READER_MODULE, Registry,
    RegistryEndpoint, RegistryReader, Storage, Workspace,
};
use crate::error::Error;

/// Plans `project` in `environment`.
pub(super) fn plan(
    cx: &mut Context<'_>,
    environment_id: EnvironmentId,
    environment: &Environment,
    project_id: ProjectId,
    project: &Project,
) -> Result<ProjectPlan, Error> {
    let env = environment.name.as_str();
    let name = project.name.as_str();
    let owner: Arc<str> = format!("project `{name}` in `{env}`").into();
    let private = project.factors.network == Network::Private;

    let names = cx.names.of(project, environment);
    let resource_group = names.resource_group();
    cx.registry.claim(&resource_group, Arc::clone(&owner))?;
    let claim = |cx: &mut Context<'_>, name: Name| -> Result<String, Error> {
        cx.registry.claim(&name, Arc::clone(&owner))?;
        Ok(name.value)
    };
    let workspace_name = claim(cx, names.workspace())?;
    let storage_name = claim(cx, names.storage())?;
    let vault_name = claim(cx, names.key_vault())?;
    let registry_name = claim(cx, names.container_registry())?;
    let insights_name = claim(cx, names.app_insights())?;
    let central_logs = environment.landing_zone.log_analytics.as_ref();
    let logs_name = match central_logs {
        Some(_) => None,
        None => Some(claim(cx, names.log_analytics())?),
    };
    let deployment_name = names.deployment().value;
    let resource_group = resource_group.value;

    let mut symbols = cx.project_symbols();
    let mut parameters = BTreeSet::new();

    let computes = computes(cx, &names, environment, project, &mut symbols)?;
    let endpoints = endpoints(cx, &names, environment, project, &mut symbols)?;
    let load_test = load_test(
        cx,
        &names,
        environment,
        project,
        &mut symbols,
        &mut parameters,
    )?;
    let assignments = assignments(
        cx,
        environment_id,
        environment,
        project_id,
        &mut symbols,
        &mut parameters,
    );
    let custom_roles: BTreeSet<String> = assignments
        .iter()
        .filter(|a| cx.custom_guids.contains(&*a.role_guid))
        .map(|a| a.role_guid.to_string())
        .collect();

    let private_endpoints = if private {
        let subnet = match &environment.private_link_of(project).subnet {
            Some(subnet) => Operand::literal(subnet.as_str()),
            None => cx.subnet_parameter(),
        };
        if let Some(parameter) = subnet.parameter() {
            parameters.insert(cx.parameter(parameter));
        }
        let targets = [
            (
                PrivateEndpointTarget::Workspace,
                PROJECT_SYMBOLS.workspace,
                &workspace_name,
                super::KINDS.workspaces.resource_type,
            ),
            (
                PrivateEndpointTarget::Blob,
                PROJECT_SYMBOLS.storage,
                &storage_name,
                super::KINDS.storage_accounts.resource_type,
            ),
            (
                PrivateEndpointTarget::File,
                PROJECT_SYMBOLS.storage,
                &storage_name,
                super::KINDS.storage_accounts.resource_type,
            ),
            (
                PrivateEndpointTarget::Vault,
                PROJECT_SYMBOLS.key_vault,
                &vault_name,
                super::KINDS.vaults.resource_type,
            ),
            (
                PrivateEndpointTarget::Registry,
                PROJECT_SYMBOLS.registry,
                &registry_name,
                super::KINDS.registries.resource_type,
            ),
        ];
        let mut endpoints = Vec::with_capacity(targets.len());
        for (target, target_symbol, target_name, target_type) in targets {
            let short = target.short();
            let name = names.private_endpoint(target);
            cx.registry.claim(&name, Arc::clone(&owner))?;
            let name = name.value;
            endpoints.push(PrivateEndpoint {
                symbol: symbols.fresh(&format!("pe {short}")),
                group_symbol: symbols.fresh(&format!("pe {short} zones")),
                name,
                group_id: target.group_id(),
                target_symbol,
                target_type,
                target_name: target_name.clone(),
                subnet: subnet.clone(),
                zones: network::zone_configs(environment, target.zones())?,
            });
        }
        endpoints
    } else {
        Vec::new()
    };
    let registry_endpoint = match (private, cx.estate.registry()) {
        (true, Some(registry)) if registry.private_endpoint_for(project) => {
            let subnet = match &environment.private_link_of(project).subnet {
                Some(subnet) => Operand::literal(subnet.as_str()),
                None => cx.subnet_parameter(),
            };
            let registry_id = cx.registry_id().ok_or_else(|| {
                Error::internal(owner.to_string(), "a private registry without names")
            })?;
            for operand in [&subnet, &registry_id] {
                if let Some(parameter) = operand.parameter() {
                    parameters.insert(cx.parameter(parameter));
                }
            }
            let name = names.registry_private_endpoint();
            cx.registry.claim(&name, Arc::clone(&owner))?;
            Some(RegistryEndpoint {
                name: name.value,
                symbol: symbols.fresh("pe model registry"),
                group_symbol: symbols.fresh("pe model registry zones"),
                group_id: "amlregistry",
                registry_id,
                subnet,
                zones: network::zone_configs(environment, &[PrivateDnsZone::Api])?,
            })
        }
        _ => None,
    };

    let isolation = project.factors.isolation;
    let outbound_rules = if isolation == Isolation::Disabled {
        BTreeMap::new()
    } else {
        project
            .outbound_rules
            .iter()
            .map(|r| (r.name.to_string(), outbound_rule(r.kind, &r.destination)))
            .collect()
    };
    let image_build_compute = computes
        .iter()
        .find(|c| c.cluster.is_some())
        .filter(|_| private)
        .map(|c| c.name.clone());
    let skips = posture::skips(environment, project);
    let access = if private { "Disabled" } else { "Enabled" };
    let action = if private { "Deny" } else { "Allow" };
    let zone_groups = private_endpoints
        .iter()
        .map(|pe| &pe.zones)
        .chain(registry_endpoint.iter().map(|pe| &pe.zones))
        .filter(|zones| !zones.is_empty())
        .count();
    let own_logs = usize::from(central_logs.is_none());
    let resource_count = 5
        + own_logs
        + private_endpoints.len()
        + usize::from(registry_endpoint.is_some())
        + zone_groups
        + computes.len()
        + endpoints.len()
        + assignments.len()
        + 2 * usize::from(load_test.is_some());
    let rg_symbol = cx.main_symbols.fresh(&format!("rg {name}"));
    let module_symbol = cx.main_symbols.fresh(&format!("project {name}"));
    let outputs = ProjectOutputs {
        workspace_id: cx.main_symbols.fresh(&format!("{name} workspace id")),
        workspace_name: cx.main_symbols.fresh(&format!("{name} workspace name")),
        scoring_uris: cx.main_symbols.fresh(&format!("{name} scoring uris")),
    };
    let registry_reader = registry_reader(cx, environment, project, &workspace_name, &owner)?;
    Ok(ProjectPlan {
        rg_symbol,
        module_symbol,
        outputs,
        module_path: format!("modules/projects/{name}.bicep"),
        name: name.to_owned(),
        resource_group,
        deployment_name,
        location: environment.location.to_string(),
        tags: project.tags.clone(),
        parameters: parameters.into_iter().collect(),
        custom_roles: custom_roles.into_iter().collect(),
        depends_on: Vec::new(),
        role_ids: Vec::new(),
        private,
        private_dns: environment.landing_zone.private_dns.mode().as_str(),
        dns_resource_group: cx.dns_resource_group.clone(),
        log_analytics: LogAnalytics {
            name: logs_name,
            central_id: central_logs.map(|id| id.to_string()),
        },
        app_insights: Named {
            name: insights_name,
        },
        storage: Storage {
            name: storage_name,
            sku: posture::storage_sku(environment.posture.storage_redundancy),
            public_network_access: access,
            default_action: action,
            skips: skips.storage,
        },
        key_vault: KeyVault {
            name: vault_name,
            public_network_access: if private { "disabled" } else { "enabled" },
            default_action: action,
            purge_protection: environment.posture.purge_protection,
            skips: skips.key_vault,
        },
        registry: Registry {
            name: registry_name,
            sku: if private { "Premium" } else { "Standard" },
            public_network_access: access,
            skips: skips.registry,
        },
        workspace: Workspace {
            friendly_name: format!("{name} ({env})"),
            description: project.description.clone().unwrap_or_else(|| {
                format!("Machine learning workspace of project {name} in {env}.")
            }),
            public_network_access: access,
            isolation_mode: isolation_mode(isolation),
            provision_network_now: isolation != Isolation::Disabled,
            outbound_rules,
            image_build_compute,
            name: workspace_name,
            skips: skips.workspace,
        },
        private_endpoints,
        registry_endpoint,
        computes,
        endpoints,
        assignments,
        load_test,
        registry_reader,
        resource_count,
    })
}

/// The reader role at the model registry for the identity of the project's workspace, in
/// the environments whose workspaces read the registry.
fn registry_reader(
    cx: &mut Context<'_>,
    environment: &Environment,
    project: &Project,
    workspace: &str,
    owner: &Arc<str>,
) -> Result<Option<RegistryReader>, Error> {
    let estate = cx.estate;
    let Some(registry) = estate
        .registry()
        .filter(|registry| registry.workspaces_read_in(environment))
    else {
        return Ok(None);
    };
    let (Some(names), Some(deployment), Some(subscription)) = (
        cx.names.registry(estate),
        cx.names
            .registry_reader_deployment(estate, project, environment),
        cx.registry_subscription(),
    ) else {
        return Err(Error::internal(
            owner.to_string(),
            "a registry without names",
        ));
    };
    cx.registry.claim(&deployment, Arc::clone(owner))?;
    let (role_name, role_guid) =
        super::model_registry::reference(estate, cx.names, registry.reader_role);
    let (name, env) = (project.name.as_str(), environment.name.as_str());
    Ok(Some(RegistryReader {
        symbol: cx.main_symbols.fresh(&format!("{name} registry reader")),
        deployment_name: deployment.value,
        module_path: REGISTRY_READER_MODULE,
        subscription,
        resource_group: names.resource_group.value,
        registry: names.registry.value,
        role_guid,
        description: format!(
            "The identity of workspace {workspace} (project {name} in {env}) gets {role_name} at the model registry: it pulls the models its endpoints deploy."
        ),
        role_name,
    }))
}

/// The built-in Load Test Contributor role: create, update and run load tests, no change to
/// the resource or its access (Azure's built-in roles, category DevOps).
pub const LOAD_TEST_CONTRIBUTOR: &str = "749a398d-560b-491b-bb21-08924219302e";

/// The Azure Load Testing resource of a project in a test environment that runs a load test,
/// with the pipeline's Load Test Contributor assignment on it.
fn load_test(
    cx: &mut Context<'_>,
    names: &ProjectNames<'_>,
    environment: &Environment,
    project: &Project,
    symbols: &mut Symbols,
    parameters: &mut BTreeSet<super::Parameter>,
) -> Result<Option<LoadTest>, Error> {
    if !project.endpoints.load_test_in(environment) {
        return Ok(None);
    }
    let name = project.name.as_str();
    let env = environment.name.as_str();
    let resource = names.load_test();
    cx.registry.claim(
        &resource,
        format!("the load testing resource of project `{name}` in `{env}`"),
    )?;
    let principal = cx.pipeline_parameter();
    if let Some(parameter) = principal.parameter() {
        parameters.insert(cx.parameter(parameter));
    }
    Ok(Some(LoadTest {
        name: resource.value,
        symbol: symbols.fresh("load test"),
        description: format!("Load tests of the challenger of project {name} in {env}."),
        assignment_symbol: symbols.fresh("load test contributor"),
        principal,
        principal_type: "ServicePrincipal",
        role_guid: LOAD_TEST_CONTRIBUTOR,
        assignment_description: format!(
            "The pipelines run the load tests of project {name} in {env} (Load Test Contributor)."
        ),
    }))
}

fn isolation_mode(isolation: Isolation) -> &'static str {
    match isolation {
        Isolation::Disabled => "Disabled",
        Isolation::AllowInternetOutbound => "AllowInternetOutbound",
        Isolation::AllowOnlyApprovedOutbound => "AllowOnlyApprovedOutbound",
    }
}

/// An outbound rule as the workspace API writes it.
fn outbound_rule(kind: OutboundRuleKind, destination: &str) -> serde_json::Value {
    match kind {
        OutboundRuleKind::Fqdn => json!({
            "type": "FQDN",
            "category": "UserDefined",
            "destination": destination,
        }),
        OutboundRuleKind::ServiceTag => json!({
            "type": "ServiceTag",
            "category": "UserDefined",
            "destination": {
                "serviceTag": destination,
                "protocol": "TCP",
                "portRanges": "443",
                "action": "Allow",
            },
        }),
        OutboundRuleKind::PrivateEndpoint => json!({
            "type": "PrivateEndpoint",
            "category": "UserDefined",
            "destination": {
                "serviceResourceId": destination,
                "subresourceTarget": subresource_target(destination),
                "sparkEnabled": false,
            },
        }),
    }
}

/// The usual private endpoint sub-resource of a target resource id.
fn subresource_target(resource_id: &str) -> &'static str {
    let lower = resource_id.to_ascii_lowercase();
    if lower.contains("/microsoft.keyvault/") {
        "vault"
    } else if lower.contains("/microsoft.containerregistry/") {
        "registry"
    } else if lower.contains("/microsoft.machinelearningservices/") {
        "amlworkspace"
    } else if lower.contains("/microsoft.sql/") {
        "sqlServer"
    } else {
        "blob"
    }
}

/// Compute instances and development clusters in development stages, pipeline clusters in
/// test and production stages.
fn computes(
    cx: &mut Context<'_>,
    names: &ProjectNames<'_>,
    environment: &Environment,
    project: &Project,
    symbols: &mut Symbols,
) -> Result<Vec<Compute>, Error> {
    let env = environment.name.as_str();
    let name = project.name.as_str();
    let private = project.factors.network == Network::Private;
    let workspace_scope = names.workspace_scope();
    let development = environment.stage == Stage::Development;
    let mut out = Vec::with_capacity(if development {
        project.data_scientists.len() + project.compute.clusters.len()
    } else {
        project.compute.pipelines.len()
    });
    if development {
        for scientist in &project.data_scientists {
            let who = scientist.name.as_str();
            let instance = names.compute_instance(&scientist.name);
            let owner: Arc<str> =
                format!("the compute instance of `{who}` in project `{name}` in `{env}`").into();
            cx.registry.claim(&instance, Arc::clone(&owner))?;
            let rule = instance.rule;
            let compute = instance.value;
            cx.registry
                .claim_in(&workspace_scope, "compute", rule.what, &compute, owner)?;
            out.push(Compute {
                symbol: symbols.fresh(&format!("compute {compute}")),
                description: format!("Compute instance of {who}."),
                compute_type: "ComputeInstance",
                vm_size: scientist.vm_size.to_string(),
                public_ip: !private,
                instance: Some(Instance {
                    user_object_id: scientist.object_id.to_string(),
                    user_tenant_id: Arc::clone(&cx.tenant),
                    idle_shutdown: project
                        .compute
                        .instance
                        .idle_shutdown_minutes
                        .map(|m| format!("PT{m}M")),
                }),
                cluster: None,
                name: compute,
            });
        }
        for cluster in &project.compute.clusters {
            let compute = names.cluster(&cluster.vm_size);
            let owner = format!(
                "the `{}` cluster of project `{name}` in `{env}`",
                cluster.vm_size
            );
            cx.registry.claim(&compute, owner)?;
            let compute = compute.value;
            out.push(cluster_compute(
                symbols,
                compute,
                format!("Development cluster of {} machines.", cluster.vm_size),
                cluster,
                private,
            ));
        }
    } else {
        for pipeline in &project.compute.pipelines {
            let compute = names.pipeline_cluster(&pipeline.name);
            let owner = format!(
                "the cluster of pipeline `{}` of project `{name}` in `{env}`",
                pipeline.name
            );
            cx.registry.claim(&compute, owner)?;
            let compute = compute.value;
            out.push(cluster_compute(
                symbols,
                compute,
                format!("Cluster of the {} pipeline.", pipeline.name),
                &pipeline.cluster,
                private,
            ));
        }
    }
    Ok(out)
}

fn cluster_compute(
    symbols: &mut Symbols,
    name: String,
    description: String,
    cluster: &mlzone_model::estate::Cluster,
    private: bool,
) -> Compute {
    Compute {
        symbol: symbols.fresh(&format!("compute {name}")),
        description,
        compute_type: "AmlCompute",
        vm_size: cluster.vm_size.to_string(),
        public_ip: !private,
        instance: None,
        cluster: Some(Cluster {
            min_nodes: cluster.min_nodes,
            max_nodes: cluster.max_nodes,
            idle_before_scale_down: format!("PT{}S", cluster.idle_seconds_before_scale_down),
        }),
        name,
    }
}

/// Online and batch endpoints where the project asks for them and the environment serves
/// that way, and the online endpoint of a test environment that tests models.
fn endpoints(
    cx: &mut Context<'_>,
    names: &ProjectNames<'_>,
    environment: &Environment,
    project: &Project,
    symbols: &mut Symbols,
) -> Result<Vec<Endpoint>, Error> {
    let private = project.factors.network == Network::Private;
    let name = project.name.as_str();
    let env = environment.name.as_str();
    let wanted = [
        (
            "online",
            names.online_endpoint(),
            project.endpoints.online_in(environment),
        ),
        (
            "batch",
            names.batch_endpoint(),
            project.endpoints.batch_in(environment),
        ),
    ];
    let mut out = Vec::new();
    for (mode, endpoint, wanted) in wanted {
        if !wanted {
            continue;
        }
        let owner = format!("the {mode} endpoint of project `{name}` in `{env}`");
        cx.registry.claim(&endpoint, owner)?;
        let endpoint = endpoint.value;
        out.push(Endpoint {
            symbol: symbols.fresh(&format!("{mode} endpoint")),
            mode,
            description: format!("The {mode} endpoint of project {name} in {env}."),
            public_network_access: if private { "Disabled" } else { "Enabled" },
            name: endpoint,
        });
    }
    Ok(out)
}

/// The role assignment of every persona with access to the project in the environment.
fn assignments(
    cx: &mut Context<'_>,
    environment_id: EnvironmentId,
    environment: &Environment,
    project_id: ProjectId,
    symbols: &mut Symbols,
    parameters: &mut BTreeSet<super::Parameter>,
) -> Vec<Assignment> {
    let estate = cx.estate;
    let mut out = Vec::with_capacity(estate.personas().size_hint().0);
    for (persona_id, persona) in estate.personas() {
        let Some(role) = estate.assigned_role(persona_id, environment_id, project_id) else {
            continue;
        };
        let principal = match persona.groups.get(&environment_id) {
            Some(group) => Operand::literal(group.to_string()),
            None => cx.group_parameter(persona_id),
        };
        if let Some(parameter) = principal.parameter() {
            parameters.insert(cx.parameter(parameter));
        }
        let (role_name, role_guid) = cx.role_reference(role);
        let custom = cx.custom_guids.contains(&*role_guid);
        out.push(Assignment {
            custom,
            symbol: symbols.fresh(&format!("assign {}", persona.name)),
            description: format!(
                "Persona {} gets {} in {}.",
                persona.name, role_name, environment.name
            ),
            persona: persona.name.to_string(),
            principal,
            principal_type: "Group",
            role_guid,
            role_name,
        });
    }
    out
}
