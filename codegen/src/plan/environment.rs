//! One environment: its parameters, role definitions, projects and private DNS, split into
//! deployments that fit ARM's limits.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use mlzone_model::Estate;
use mlzone_model::estate::{Environment, EnvironmentId, PersonaId, PrivateDns, RoleRef};
use mlzone_model::vocabulary::Network;

use mlzone_model::naming::{EstateNames, Scope};

use super::registry::{Registry, Symbols};
use super::symbols::{
    DNS_ZONE_IDS_PARAMETER, LOCATION_PARAMETER, PROJECT_SYMBOLS, ROLE_IDS_PARAMETER,
};
use super::{
    EnvironmentPlan, Operand, Parameter, RegistrySubscription, network, project, roles, split,
};
use crate::error::Error;

/// What planning one environment shares between its parts.
pub(super) struct Context<'e> {
    /// The estate.
    pub estate: &'e Estate,
    /// Names every resource.
    pub names: &'e EstateNames,
    /// Names taken so far in the whole estate.
    pub registry: &'e mut Registry,
    /// Symbols and parameter names of the subscription-scope files.
    pub main_symbols: Symbols,
    /// GUIDs of the custom role definitions of the environment.
    pub custom_guids: BTreeSet<String>,
    /// The resource group of the private DNS zones.
    pub dns_resource_group: String,
    environment: &'e Environment,
    parameters: BTreeMap<String, Parameter>,
    groups: BTreeMap<PersonaId, String>,
    subnet: Option<String>,
    network: Option<String>,
    pipeline: Option<String>,
    registry_id: Option<String>,
    /// What every project file's symbols start with, and how many parameters it covers.
    project_symbols: Option<(usize, Arc<Symbols>)>,
    /// The tenant's ID, shared by every compute instance.
    pub tenant: Arc<str>,
    /// The display name and GUID of each role assigned so far, shared by its assignments.
    role_references: Vec<(RoleRef, RoleReference)>,
}

/// The display name and GUID an assignment refers to (see [`roles::reference`]).
pub(super) type RoleReference = (Arc<str>, Arc<str>);

impl Context<'_> {
    /// The display name and GUID an assignment of `role` refers to, worked out once per
    /// environment: an environment assigns a handful of roles thousands of times.
    pub fn role_reference(&mut self, role: RoleRef) -> RoleReference {
        if let Some((_, found)) = self.role_references.iter().find(|(r, _)| *r == role) {
            return found.clone();
        }
        let (name, guid) = roles::reference(self.estate, self.names, self.environment, role);
        let reference: RoleReference = (name.into(), guid.into());
        self.role_references.push((role, reference.clone()));
        reference
    }

    /// The parameter called `name` (declared by the pre-pass).
    pub fn parameter(&self, name: &str) -> Parameter {
        self.parameters
            .get(name)
            .cloned()
            .unwrap_or_else(|| Parameter {
                name: name.to_owned(),
                description: String::new(),
                placeholder: String::new(),
                min_length: 0,
                max_length: 0,
            })
    }

    /// The symbols of a new project file: every parameter of the environment and the
    /// resources each project file declares are taken. Built once, and again only when a
    /// parameter was declared since.
    pub fn project_symbols(&mut self) -> Symbols {
        let parameters = self.parameters.len();
        let base = match &self.project_symbols {
            Some((covered, base)) if *covered == parameters => base,
            _ => {
                let mut base = Symbols::default();
                for fixed in [
                    LOCATION_PARAMETER,
                    ROLE_IDS_PARAMETER,
                    DNS_ZONE_IDS_PARAMETER,
                ] {
                    base.fresh(fixed);
                }
                for parameter in self.parameters.keys() {
                    base.fresh(parameter);
                }
                for fixed in PROJECT_SYMBOLS.all() {
                    base.fresh(fixed);
                }
                &self.project_symbols.insert((parameters, Arc::new(base))).1
            }
        };
        Symbols::on(base)
    }

    /// The parameter holding a persona's group object id.
    pub fn group_parameter(&mut self, persona: PersonaId) -> Operand {
        if let Some(name) = self.groups.get(&persona) {
            return Operand::Parameter { name: name.clone() };
        }
        let persona_name = self.estate[persona].name.to_string();
        let env = self.environment.name.to_string();
        let name = self.declare(
            &format!("{persona_name} group id"),
            format!("Object id of the Entra group of persona {persona_name} in environment {env}."),
            format!("<REPLACE: object id of the Entra group of persona {persona_name} in {env}>"),
            GUID_LENGTH,
        );
        self.groups.insert(persona, name.clone());
        Operand::Parameter { name }
    }

    /// The parameter holding the private endpoint subnet of projects that give none.
    pub fn subnet_parameter(&mut self) -> Operand {
        if let Some(name) = &self.subnet {
            return Operand::Parameter { name: name.clone() };
        }
        let env = self.environment.name.to_string();
        let name = self.declare(
            "private endpoint subnet id",
            format!("Resource id of the subnet for private endpoints in environment {env}."),
            format!("<REPLACE: resource id of the private endpoint subnet in {env}>"),
            SUBNET_ID_LENGTH,
        );
        self.subnet = Some(name.clone());
        Operand::Parameter { name }
    }

    /// The model registry's resource id, for private endpoints to it: a literal when the
    /// document gives the registry's subscription, a parameter otherwise.
    pub fn registry_id(&mut self) -> Option<Operand> {
        let registry = self.names.registry(self.estate)?;
        if let Some(subscription) = registry.subscription {
            return Some(Operand::literal(format!(
                "/subscriptions/{subscription}/resourceGroups/{}/providers/{}/{}",
                registry.resource_group.value,
                super::KINDS.ml_registries.resource_type,
                registry.registry.value
            )));
        }
        if let Some(name) = &self.registry_id {
            return Some(Operand::Parameter { name: name.clone() });
        }
        let name = self.declare(
            "model registry id",
            "Resource id of the model registry (the registryId output of its deployment)."
                .to_owned(),
            "<REPLACE: resource id of the model registry>".to_owned(),
            REGISTRY_ID_LENGTH,
        );
        self.registry_id = Some(name.clone());
        Some(Operand::Parameter { name })
    }

    /// How this environment's deployment names the model registry's subscription: the
    /// document's, the deployment's own when the registry lives in this environment, or the
    /// one in the registry's resource id parameter ([`Context::registry_id`]).
    pub fn registry_subscription(&mut self) -> Option<RegistrySubscription> {
        let registry = self.names.registry(self.estate)?;
        if let Some(subscription) = registry.subscription {
            return Some(RegistrySubscription::Literal {
                id: subscription.to_string(),
            });
        }
        if registry.environment.as_ref() == Some(&self.environment.name) {
            return Some(RegistrySubscription::Deployed);
        }
        let parameter = self.registry_id()?.parameter()?.to_owned();
        Some(RegistrySubscription::FromRegistryId { parameter })
    }

    /// The parameter holding the virtual network of projects that give none.
    pub fn network_parameter(&mut self) -> Operand {
        if let Some(name) = &self.network {
            return Operand::Parameter { name: name.clone() };
        }
        let env = self.environment.name.to_string();
        let name = self.declare(
            "private dns virtual network id",
            format!(
                "Resource id of the virtual network the private DNS zones of environment {env} are linked to."
            ),
            format!("<REPLACE: resource id of the virtual network in {env}>"),
            NETWORK_ID_LENGTH,
        );
        self.network = Some(name.clone());
        Operand::Parameter { name }
    }

    /// The parameter holding the object id of the service principal the pipelines sign in
    /// as (the promotion pipeline runs load tests with it).
    pub fn pipeline_parameter(&mut self) -> Operand {
        if let Some(name) = &self.pipeline {
            return Operand::Parameter { name: name.clone() };
        }
        let env = self.environment.name.to_string();
        let name = self.declare(
            "pipeline principal id",
            format!(
                "Object id of the service principal the pipelines sign in as in environment {env}."
            ),
            format!("<REPLACE: object id of the pipelines' service principal in {env}>"),
            GUID_LENGTH,
        );
        self.pipeline = Some(name.clone());
        Operand::Parameter { name }
    }

    fn declare(
        &mut self,
        words: &str,
        description: String,
        placeholder: String,
        (min_length, max_length): (usize, usize),
    ) -> String {
        let name = self.main_symbols.fresh(words);
        self.parameters.insert(
            name.clone(),
            Parameter {
                name: name.clone(),
                description,
                placeholder,
                min_length,
                max_length,
            },
        );
        name
    }
}

/// The length of an Entra object id (a GUID with hyphens).
const GUID_LENGTH: (usize, usize) = (36, 36);

/// The shortest and longest resource id of a virtual network: the fixed text, a GUID, a
/// resource group name (1 to 90 characters) and a network name (2 to 64).
const NETWORK_ID_LENGTH: (usize, usize) = {
    let fixed =
        "/subscriptions//resourceGroups//providers/Microsoft.Network/virtualNetworks/".len();
    (fixed + 36 + 1 + 2, fixed + 36 + 90 + 64)
};

/// The shortest and longest resource id of a subnet: a network's and a subnet name (1 to 80).
const SUBNET_ID_LENGTH: (usize, usize) = {
    let fixed = "/subnets/".len();
    (
        NETWORK_ID_LENGTH.0 + fixed + 1,
        NETWORK_ID_LENGTH.1 + fixed + 80,
    )
};

/// The shortest and longest resource id of a model registry: the fixed text, a GUID, a
/// resource group name (1 to 90 characters) and a registry name (3 to 33).
const REGISTRY_ID_LENGTH: (usize, usize) = {
    let fixed =
        "/subscriptions//resourceGroups//providers/Microsoft.MachineLearningServices/registries/"
            .len();
    (fixed + 36 + 1 + 3, fixed + 36 + 90 + 33)
};

/// Plans every environment of `estate`, in promotion order.
pub(super) fn plan(estate: &Estate) -> Result<Vec<EnvironmentPlan>, Error> {
    let names = EstateNames::for_estate(estate);
    let blocks = roles::custom_blocks(estate)?;
    let mut registry = Registry::default();
    let mut environments = Vec::with_capacity(estate.environments().len());
    for (id, environment) in estate.environments() {
        environments.push(plan_environment(
            estate,
            &names,
            &mut registry,
            &blocks,
            id,
            environment,
        )?);
    }
    Ok(environments)
}

fn plan_environment(
    estate: &Estate,
    names: &EstateNames,
    registry: &mut Registry,
    blocks: &mlzone_model::access::RoleDefinitions,
    environment_id: EnvironmentId,
    environment: &Environment,
) -> Result<EnvironmentPlan, Error> {
    let env = environment.name.as_str();
    let projects: Vec<_> = estate
        .projects()
        .filter(|(_, p)| p.environments.contains(&environment_id))
        .collect();
    let mut cx = Context {
        estate,
        names,
        registry,
        main_symbols: Symbols::default(),
        custom_guids: BTreeSet::new(),
        dns_resource_group: names.private_dns_resource_group(environment).value,
        environment,
        parameters: BTreeMap::new(),
        groups: BTreeMap::new(),
        subnet: None,
        network: None,
        pipeline: None,
        registry_id: None,
        project_symbols: None,
        role_references: Vec::new(),
        tenant: estate.tenant().to_string().into(),
    };
    cx.main_symbols.fresh(LOCATION_PARAMETER);

    // Pre-pass, in name order, so that parameter names and role symbols do not depend on
    // which project asks first: the roles assigned, and the values the document leaves out.
    let mut used: BTreeMap<String, RoleRef> = estate
        .roles()
        .map(|(id, role)| (role.name.to_string(), RoleRef::Custom(id)))
        .collect();
    for (persona_id, persona) in estate.personas() {
        let mut assigned = false;
        for (project_id, _) in &projects {
            if let Some(role) = estate.assigned_role(persona_id, environment_id, *project_id) {
                assigned = true;
                if let Some(key) = roles::key(estate, role) {
                    used.insert(key, role);
                }
            }
        }
        if assigned && !persona.groups.contains_key(&environment_id) {
            cx.group_parameter(persona_id);
        }
    }
    if projects
        .iter()
        .any(|(_, p)| p.endpoints.load_test_in(environment))
    {
        cx.pipeline_parameter();
    }
    let private: Vec<_> = projects
        .iter()
        .map(|(_, p)| *p)
        .filter(|p| p.factors.network == Network::Private)
        .collect();
    if private
        .iter()
        .any(|p| environment.private_link_of(p).subnet.is_none())
    {
        cx.subnet_parameter();
    }
    // Only created zones are linked to a virtual network.
    if environment.landing_zone.private_dns == PrivateDns::Create
        && private
            .iter()
            .any(|p| environment.private_link_of(p).virtual_network.is_none())
    {
        cx.network_parameter();
    }
    if let Some(registry) = estate.registry()
        && private.iter().any(|p| registry.private_endpoint_for(p))
    {
        cx.registry_id();
    }
    if estate
        .registry()
        .is_some_and(|registry| registry.workspaces_read_in(environment))
        && !projects.is_empty()
    {
        cx.registry_subscription();
    }
    if estate
        .registry()
        .is_some_and(|registry| registry.pipeline_duty(estate, environment_id).is_some())
    {
        cx.pipeline_parameter();
        cx.registry_subscription();
    }

    let mut role_definitions = Vec::with_capacity(used.len());
    for role in used.values() {
        if let Some(definition) = roles::definition(
            estate,
            names,
            environment,
            *role,
            blocks,
            &mut cx.main_symbols,
        ) {
            cx.registry.claim_in(
                &Scope::Tenant,
                "role name",
                "role",
                &definition.role_name,
                format!("role `{}` in `{env}`", definition.key),
            )?;
            cx.custom_guids.insert(definition.guid.clone());
            role_definitions.push(definition);
        }
    }

    let dns = network::plan(&mut cx, environment, &private)?;
    let mut planned = Vec::with_capacity(projects.len());
    for (project_id, project) in &projects {
        planned.push(split::Estimated::new(project::plan(
            &mut cx,
            environment_id,
            environment,
            *project_id,
            project,
        )?));
    }
    let registry_pipeline = super::registry_pipeline::plan(&mut cx, environment_id)?;
    let parameters: Vec<Parameter> = cx.parameters.into_values().collect();
    let deployments = split::split(
        &parameters,
        &role_definitions,
        dns,
        registry_pipeline,
        planned,
    );
    Ok(EnvironmentPlan {
        name: env.to_owned(),
        stage: environment.stage.as_str().to_owned(),
        location: environment.location.to_string(),
        subscription: environment.subscription.map(|s| s.to_string()),
        role_definitions,
        deployments,
    })
}
