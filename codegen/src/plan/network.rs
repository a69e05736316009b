//! Private DNS: the zones Private Link needs (Azure public cloud) and their network links.

use std::collections::BTreeSet;

use mlzone_model::estate::{Environment, Project};

use super::environment::Context;
use mlzone_model::naming::PRIVATE_DNS_DEPLOYMENT;

use super::registry::Symbols;
use super::{DnsLink, DnsZone, Operand, PrivateDns};
use crate::error::Error;

/// A private DNS zone of the Azure public cloud (`resources.md` §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Zone {
    /// The workspace API.
    Api,
    /// Workspace notebooks.
    Notebooks,
    /// Storage blobs.
    Blob,
    /// Storage files.
    File,
    /// Key Vault (the documented `vaultcore` zone, not `vault`).
    Vault,
    /// Container Registry (data endpoints share the zone).
    Registry,
}

/// The zones of a workspace private endpoint.
pub(super) const WORKSPACE_ZONES: &[Zone] = &[Zone::Api, Zone::Notebooks];

impl Zone {
    const ALL: [Zone; 6] = [
        Zone::Api,
        Zone::Notebooks,
        Zone::Blob,
        Zone::File,
        Zone::Vault,
        Zone::Registry,
    ];

    /// The zone's name.
    pub(super) fn name(self) -> &'static str {
        match self {
            Zone::Api => "privatelink.api.azureml.ms",
            Zone::Notebooks => "privatelink.notebooks.azure.net",
            Zone::Blob => "privatelink.blob.core.windows.net",
            Zone::File => "privatelink.file.core.windows.net",
            Zone::Vault => "privatelink.vaultcore.azure.net",
            Zone::Registry => "privatelink.azurecr.io",
        }
    }

    /// The zone's name with dashes for dots, for the names of zone groups.
    pub(super) fn dashed(self) -> &'static str {
        match self {
            Zone::Api => "privatelink-api-azureml-ms",
            Zone::Notebooks => "privatelink-notebooks-azure-net",
            Zone::Blob => "privatelink-blob-core-windows-net",
            Zone::File => "privatelink-file-core-windows-net",
            Zone::Vault => "privatelink-vaultcore-azure-net",
            Zone::Registry => "privatelink-azurecr-io",
        }
    }

    /// Whether the Bicep linter's `no-hardcoded-env-urls` flags the name (`core.windows.net`).
    pub(super) fn flagged(self) -> bool {
        matches!(self, Zone::Blob | Zone::File)
    }
}

/// The private DNS zones of an environment, linked to every network its private projects
/// use; `None` when no project is private.
pub(super) fn plan(
    cx: &mut Context<'_>,
    environment: &Environment,
    private: &[&Project],
) -> Result<Option<PrivateDns>, Error> {
    if private.is_empty() {
        return Ok(None);
    }
    let env = environment.name.as_str();
    cx.registry.claim(
        &cx.names.private_dns_resource_group(environment),
        format!("the private DNS zones of `{env}`"),
    )?;
    let mut networks = BTreeSet::new();
    for project in private {
        networks.insert(match &project.private_link.virtual_network {
            Some(network) => Operand::literal(network.as_str()),
            None => cx.network_parameter(),
        });
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
    let zones: Vec<DnsZone> = Zone::ALL
        .iter()
        .map(|zone| DnsZone {
            name: zone.name().to_owned(),
            symbol: symbols.fresh(&format!("zone {}", zone.name())),
            lint_env_url: zone.flagged(),
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
    Ok(Some(PrivateDns {
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
    use super::Zone;

    #[test]
    fn a_dashed_zone_name_is_its_name_with_dashes() {
        for zone in Zone::ALL {
            assert_eq!(zone.dashed(), zone.name().replace('.', "-"));
        }
    }
}
