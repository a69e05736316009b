//! The model registry's deployment: its resource group, the custom roles its assignments
//! use, the registry itself (system-assigned identity, replication regions, network access)
//! and the role assignments of the persona groups that publish into it and read from it.
//!
//! It is a subscription deployment of its own (`registry/main.bicep`,
//! `registry/azuredeploy.json`) into the registry's subscription, run before every
//! environment: private projects connect to the registry through endpoints when they deploy.

use std::collections::BTreeMap;

use serde::Serialize;

use mlzone_model::Estate;
use mlzone_model::estate::{RegistryDuty, RegistryHome, RoleRef};
use mlzone_model::naming::{EstateNames, REGISTRY_DEPLOYMENT, Scope};
use mlzone_model::vocabulary::Network;

use super::registry::{Registry as Names, Symbols};
use super::symbols::LOCATION_PARAMETER;
use super::{Operand, Parameter, RoleDefinition, posture, roles};
use crate::error::Error;

/// The output folder of the registry's deployment, beside the environments' folders.
pub use mlzone_model::resolve::registry::REGISTRY_FOLDER;

/// Everything the registry's deployment creates.
///
/// Load-bearing: the registry templates read every field.
#[derive(Debug, Clone, Serialize)]
pub struct RegistryPlan {
    /// The registry's name.
    pub name: String,
    /// Its resource group.
    pub resource_group: String,
    /// Its primary region.
    pub location: String,
    /// Its subscription, when the document gives one.
    pub subscription: Option<String>,
    /// The environment whose subscription holds it, when it lives in one.
    pub environment: Option<String>,
    /// The name of the nested deployment of the registry's resource group.
    pub deployment_name: &'static str,
    /// The Bicep module of the resource group's part, relative to the registry folder.
    pub module_path: &'static str,
    /// Every region it keeps a copy in, the primary first.
    pub regions: Vec<String>,
    /// The SKU of the storage account Azure creates for it in each region.
    pub storage_sku: &'static str,
    /// `Enabled` or `Disabled`.
    pub public_network_access: &'static str,
    /// Tags on its resource group and on the registry.
    pub tags: BTreeMap<String, String>,
    /// The values the document leaves out (persona groups without an object id).
    pub parameters: Vec<Parameter>,
    /// The custom role definitions its assignments use, at its subscription.
    pub role_definitions: Vec<RoleDefinition>,
    /// The role assignments at the registry.
    pub assignments: Vec<RegistryAssignment>,
    /// The Bicep symbol of the resource group.
    pub rg_symbol: String,
    /// The Bicep symbol of the module.
    pub module_symbol: String,
}

/// A persona group's role at the registry.
///
/// Load-bearing: the registry templates read every field.
#[derive(Debug, Clone, Serialize)]
pub struct RegistryAssignment {
    /// Its Bicep symbol in the module.
    pub symbol: String,
    /// The persona.
    pub persona: String,
    /// The environment whose group it is.
    pub environment: String,
    /// `publisher` or `reader`.
    pub duty: &'static str,
    /// The group's object id.
    pub principal: Operand,
    /// Always `Group`.
    pub principal_type: &'static str,
    /// The role definition's GUID at the registry's subscription.
    pub role_guid: String,
    /// Whether the role is a custom role this deployment defines.
    pub custom: bool,
    /// The assignment's description.
    pub description: String,
}

/// Plans the registry's deployment, or `None` when the estate has no registry.
pub(super) fn plan(estate: &Estate, names: &EstateNames) -> Result<Option<RegistryPlan>, Error> {
    let (Some(registry), Some(registry_names)) = (estate.registry(), names.registry(estate)) else {
        return Ok(None);
    };
    let blocks = roles::custom_blocks(estate)?;
    let mut symbols = Symbols::default();
    symbols.fresh(LOCATION_PARAMETER);

    // Parameters first, in persona and environment order, so their names do not depend on
    // which duty asks first.
    let mut parameters: BTreeMap<String, Parameter> = BTreeMap::new();
    let mut groups: BTreeMap<(usize, usize), Operand> = BTreeMap::new();
    for &(persona_id, environment_id) in registry.publishers.union(&registry.readers) {
        let persona = &estate[persona_id];
        let environment = &estate[environment_id];
        let operand = match persona.groups.get(&environment_id) {
            Some(group) => Operand::literal(group.to_string()),
            None => {
                let name =
                    symbols.fresh(&format!("{} {} group id", persona.name, environment.name));
                parameters.insert(
                    name.clone(),
                    Parameter {
                        name: name.clone(),
                        description: format!(
                            "Object id of the Entra group of persona {} in environment {}.",
                            persona.name, environment.name
                        ),
                        placeholder: format!(
                            "<REPLACE: object id of the Entra group of persona {} in {}>",
                            persona.name, environment.name
                        ),
                        min_length: 36,
                        max_length: 36,
                    },
                );
                Operand::Parameter { name }
            }
        };
        groups.insert((persona_id.index(), environment_id.index()), operand);
    }

    let mut role_definitions: Vec<RoleDefinition> = Vec::new();
    let mut claimed = Names::default();
    for role in [registry.publisher_role, registry.reader_role] {
        let Some(key) = roles::key(estate, role) else {
            continue;
        };
        if role_definitions.iter().any(|d| d.key == key) {
            continue;
        }
        if let Some(definition) = definition(estate, names, role, &key, &blocks, &mut symbols) {
            claimed.claim_in(
                &Scope::Tenant,
                "role name",
                "role",
                &definition.role_name,
                format!("role `{key}` of the model registry"),
            )?;
            role_definitions.push(definition);
        }
    }

    let mut module_symbols = Symbols::default();
    for fixed in [LOCATION_PARAMETER, REGISTRY_SYMBOL, ROLE_IDS_PARAMETER] {
        module_symbols.fresh(fixed);
    }
    for parameter in parameters.keys() {
        module_symbols.fresh(parameter);
    }
    let mut assignments = Vec::new();
    let duties = registry
        .publishers
        .iter()
        .map(|pair| (RegistryDuty::Publisher, pair))
        .chain(
            registry
                .readers
                .iter()
                .map(|pair| (RegistryDuty::Reader, pair)),
        );
    for (duty, &(persona_id, environment_id)) in duties {
        let role = registry.role(duty);
        let (role_name, role_guid) = reference(estate, names, role);
        let persona = &estate[persona_id];
        let environment = &estate[environment_id];
        let duty_word = match duty {
            RegistryDuty::Publisher => "publisher",
            RegistryDuty::Reader => "reader",
        };
        let principal = groups
            .get(&(persona_id.index(), environment_id.index()))
            .cloned()
            .ok_or_else(|| {
                Error::internal(
                    format!("persona `{}` at the model registry", persona.name),
                    "no group planned",
                )
            })?;
        assignments.push(RegistryAssignment {
            symbol: module_symbols.fresh(&format!(
                "assign {} {} {duty_word}",
                persona.name, environment.name
            )),
            persona: persona.name.to_string(),
            environment: environment.name.to_string(),
            duty: duty_word,
            principal,
            principal_type: "Group",
            custom: role_definitions.iter().any(|d| d.guid == role_guid),
            description: format!(
                "Persona {} of {} gets {role_name} at the model registry ({duty_word}).",
                persona.name, environment.name
            ),
            role_guid,
        });
    }

    let home_environment = match registry.home {
        RegistryHome::Environment(id) => Some(&estate[id]),
        RegistryHome::Subscription(_) => None,
    };
    let storage_sku = home_environment.map_or("Standard_LRS", |environment| {
        posture::storage_sku(environment.posture.storage_redundancy)
    });
    let mut regions = vec![registry.location.to_string()];
    regions.extend(registry.replication.iter().map(ToString::to_string));
    Ok(Some(RegistryPlan {
        name: registry_names.registry.value,
        resource_group: registry_names.resource_group.value,
        location: registry.location.to_string(),
        subscription: registry_names.subscription.map(|s| s.to_string()),
        environment: registry_names.environment.map(|e| e.to_string()),
        deployment_name: REGISTRY_DEPLOYMENT,
        module_path: "modules/registry.bicep",
        regions,
        storage_sku,
        public_network_access: match registry.network {
            Network::Public => "Enabled",
            Network::Private => "Disabled",
        },
        tags: estate.tags().clone(),
        parameters: parameters.into_values().collect(),
        role_definitions,
        assignments,
        rg_symbol: symbols.fresh("rg registry"),
        module_symbol: symbols.fresh("registry module"),
    }))
}

/// The Bicep symbol of the registry in its module.
pub const REGISTRY_SYMBOL: &str = "registry";
/// The module parameter holding the ids of the custom roles the deployment defines.
pub const ROLE_IDS_PARAMETER: &str = "roleDefinitionIds";

/// The definition of a library or document role at the registry's subscription.
fn definition(
    estate: &Estate,
    names: &EstateNames,
    role: RoleRef,
    key: &str,
    blocks: &mlzone_model::access::RoleDefinitions,
    symbols: &mut Symbols,
) -> Option<RoleDefinition> {
    let (display, description, permissions) = match role {
        RoleRef::Builtin(_) => return None,
        RoleRef::Library(library) => (
            library.display_name.to_owned(),
            library.description.to_owned(),
            library.permissions.clone(),
        ),
        RoleRef::Custom(id) => {
            let custom = &estate[id];
            (
                custom.display_name.clone(),
                custom.description.clone(),
                blocks.get(id).cloned()?,
            )
        }
    };
    let scope_text = match names.registry(estate).and_then(|r| r.subscription) {
        Some(subscription) => format!("/subscriptions/{subscription}"),
        None => "/subscriptions/<REPLACE: subscription id of the model registry>".to_owned(),
    };
    Some(RoleDefinition {
        key: key.to_owned(),
        guid: names.registry_role_definition(estate, key).to_string(),
        symbol: symbols.fresh(&format!("role {key}")),
        role_name: names.registry_role_name(&display),
        description,
        actions: roles::sorted(permissions.actions),
        not_actions: roles::sorted(permissions.not_actions),
        data_actions: roles::sorted(permissions.data_actions),
        not_data_actions: roles::sorted(permissions.not_data_actions),
        scope: Operand::SubscriptionId,
        scope_text,
    })
}

/// The display name and GUID an assignment of `role` at the registry refers to: the
/// persona groups' here, the workspaces' in the environments' deployments.
pub(super) fn reference(estate: &Estate, names: &EstateNames, role: RoleRef) -> (String, String) {
    match role {
        RoleRef::Builtin(builtin) => (builtin.name.clone(), builtin.id.to_string()),
        RoleRef::Library(library) => (
            library.display_name.to_owned(),
            names
                .registry_role_definition(estate, library.key)
                .to_string(),
        ),
        RoleRef::Custom(id) => (
            estate[id].display_name.clone(),
            names
                .registry_role_definition(estate, role.reference_name(estate))
                .to_string(),
        ),
    }
}
