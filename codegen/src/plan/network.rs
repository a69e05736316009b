//! Private DNS: the zones Private Link needs (Azure public cloud), their network links, and
//! how each private endpoint is registered under the environment's private DNS mode.

use std::collections::BTreeSet;

use mlzone_model::estate::{Environment, PrivateDns, PrivateDnsZone, Project};

use super::environment::Context;
use mlzone_model::naming::PRIVATE_DNS_DEPLOYMENT;

use super::registry::Symbols;
use super::{DnsLink, DnsZone, Operand, PrivateDns as PrivateDnsPlan, ZoneConfig};
use crate::error::Error;

/// The zone's name with dashes for dots, for the names of zone groups' configurations.
pub(super) fn dashed(zone: PrivateDnsZone) -> &'static str {
    match zone {
        PrivateDnsZone::Api => "privatelink-api-azureml-ms",
        PrivateDnsZone::Notebooks => "privatelink-notebooks-azure-net",
        PrivateDnsZone::Blob => "privatelink-blob-core-windows-net",
        PrivateDnsZone::File => "privatelink-file-core-windows-net",
        PrivateDnsZone::Vault => "privatelink-vaultcore-azure-net",
        PrivateDnsZone::Registry => "privatelink-azurecr-io",
    }
}

/// Whether the Bicep linter's `no-hardcoded-env-urls` flags the name (`core.windows.net`).
pub(super) fn flagged(zone: PrivateDnsZone) -> bool {
    matches!(zone, PrivateDnsZone::Blob | PrivateDnsZone::File)
}

/// The DNS decision of one private endpoint, the one place every endpoint's zone group is
/// decided (the project's endpoints and its endpoint to the model registry): under `create`
/// and `existing` one configuration per zone the endpoint registers in (`existing` naming the
/// central zone's id), under `policy` none, since the organisation's DeployIfNotExists
/// policies write the zone group.
pub(super) fn zone_configs(
    environment: &Environment,
    zones: &[PrivateDnsZone],
) -> Result<Vec<ZoneConfig>, Error> {
    let central = match &environment.landing_zone.private_dns {
        PrivateDns::Policy => return Ok(Vec::new()),
        PrivateDns::Create => None,
        PrivateDns::Existing(zones) => Some(zones),
    };
    zones
        .iter()
        .map(|&zone| {
            let id = match central {
                None => None,
                Some(zones) => Some(zones.id_of(zone).ok_or_else(|| Error::Internal {
                    what: format!("the private DNS of `{}`", environment.name),
                    message: format!(
                        "no central id for zone `{}`, which the validator requires",
                        zone.name()
                    ),
                })?),
            };
            Ok(ZoneConfig {
                name: dashed(zone),
                zone: zone.name(),
                lint_env_url: flagged(zone),
                id,
            })
        })
        .collect()
}

/// The private DNS zones of an environment, linked to every network its private projects
/// use; `None` when no project is private.
pub(super) fn plan(
    cx: &mut Context<'_>,
    environment: &Environment,
    private: &[&Project],
) -> Result<Option<PrivateDnsPlan>, Error> {
    // Only `create` deploys zones; `existing` and `policy` use the landing zone's.
    if private.is_empty() || environment.landing_zone.private_dns != PrivateDns::Create {
        return Ok(None);
    }
    let env = environment.name.as_str();
    cx.registry.claim(
        &cx.names.private_dns_resource_group(environment),
        format!("the private DNS zones of `{env}`"),
    )?;
    let mut networks = BTreeSet::new();
    for project in private {
        networks.insert(
            match &environment.private_link_of(project).virtual_network {
                Some(network) => Operand::literal(network.as_str()),
                None => cx.network_parameter(),
            },
        );
    }
    let mut symbols = Symbols::default();
    let parameters: Vec<_> = networks
        .iter()
        .filter_map(Operand::parameter)
        .map(|name| {
            symbols.fresh(name);
            cx.parameter(name)
        })
        .collect();
    let zones: Vec<DnsZone> = PrivateDnsZone::ALL
        .iter()
        .map(|&zone| DnsZone {
            name: zone.name().to_owned(),
            symbol: symbols.fresh(&format!("zone {}", zone.name())),
            lint_env_url: flagged(zone),
        })
        .collect();
    let mut links = Vec::with_capacity(zones.len() * networks.len());
    for zone in &zones {
        for network in &networks {
            let key = match network {
                Operand::Literal { value } => value.to_ascii_lowercase(),
                Operand::Parameter { name } => format!("parameter:{name}"),
                Operand::SubscriptionId => String::new(),
            };
            let name = cx.names.dns_link(&key);
            links.push(DnsLink {
                zone: zone.name.clone(),
                zone_symbol: zone.symbol.clone(),
                symbol: symbols.fresh(&format!("{} {name}", zone.symbol)),
                name,
                network: network.clone(),
            });
        }
    }
    Ok(Some(PrivateDnsPlan {
        resource_group: cx.dns_resource_group.clone(),
        rg_symbol: cx.main_symbols.fresh("rg private dns"),
        module_symbol: cx.main_symbols.fresh("private dns"),
        deployment_name: PRIVATE_DNS_DEPLOYMENT.to_owned(),
        module_path: "modules/private-dns.bicep".to_owned(),
        location: environment.location.to_string(),
        tags: cx.estate.tags().clone(),
        parameters,
        zones,
        links,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dashed_zone_name_is_its_name_with_dashes() {
        for zone in PrivateDnsZone::ALL {
            assert_eq!(dashed(zone), zone.name().replace('.', "-"));
        }
    }
}
