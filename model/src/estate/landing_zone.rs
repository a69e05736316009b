//! An environment's place in an Azure landing zone: how private endpoints reach private DNS,
//! where monitoring goes, and the spoke network of its private endpoints.

use std::collections::BTreeMap;

use super::PrivateLink;
use crate::newtypes::{ResourceGroupId, ResourceId};
use crate::vocabulary::PrivateDnsMode;

/// An environment's landing zone settings: the estate's `landing-zone` with the
/// environment's own on top.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LandingZone {
    /// How private endpoints are registered in private DNS.
    pub private_dns: PrivateDns,
    /// Where `private_dns` was set (JSON pointer; empty for the default `create`).
    pub private_dns_path: String,
    /// The central Log Analytics workspace, when the projects share one.
    pub log_analytics: Option<ResourceId>,
    /// The environment's spoke, for private projects that give none of their own.
    pub private_link: PrivateLink,
}

/// How an environment's private endpoints are registered in private DNS.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PrivateDns {
    /// The deployment creates the zones and links them to the virtual networks.
    #[default]
    Create,
    /// The central zones exist; the deployment writes zone groups that name them.
    Existing(CentralZones),
    /// DeployIfNotExists policies attach the endpoints; the deployment writes no zone group.
    Policy,
}

impl PrivateDns {
    /// The mode as written in documents.
    pub fn mode(&self) -> PrivateDnsMode {
        match self {
            PrivateDns::Create => PrivateDnsMode::Create,
            PrivateDns::Existing(_) => PrivateDnsMode::Existing,
            PrivateDns::Policy => PrivateDnsMode::Policy,
        }
    }
}

/// Where the central private DNS zones are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CentralZones {
    /// One resource group holds every zone under its standard name.
    ResourceGroup(ResourceGroupId),
    /// One resource id per zone, by zone name as written.
    Zones(BTreeMap<String, ResourceId>),
}

impl CentralZones {
    /// The resource id of `zone`, derived from the resource group or as given; `None` when
    /// the document gives no id for it (the validator's `private-dns-zone-missing`).
    pub fn id_of(&self, zone: PrivateDnsZone) -> Option<String> {
        match self {
            CentralZones::ResourceGroup(group) => Some(format!(
                "{}/providers/{}/{}",
                group.as_str(),
                PRIVATE_DNS_ZONE_TYPE,
                zone.name()
            )),
            CentralZones::Zones(zones) => zones.get(zone.name()).map(|id| id.to_string()),
        }
    }
}

/// The resource type of a private DNS zone.
pub const PRIVATE_DNS_ZONE_TYPE: &str = "Microsoft.Network/privateDnsZones";

/// A private DNS zone of the Azure public cloud that private endpoints register in
/// (`resources.md` §4.1; which endpoint needs which is [`crate::naming::PrivateEndpointTarget::zones`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PrivateDnsZone {
    /// The workspace API (and registries).
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

impl PrivateDnsZone {
    /// Every zone, in the order the plan writes them.
    pub const ALL: [PrivateDnsZone; 6] = [
        PrivateDnsZone::Api,
        PrivateDnsZone::Notebooks,
        PrivateDnsZone::Blob,
        PrivateDnsZone::File,
        PrivateDnsZone::Vault,
        PrivateDnsZone::Registry,
    ];

    /// The zone's name in the Azure public cloud.
    pub fn name(self) -> &'static str {
        match self {
            PrivateDnsZone::Api => "privatelink.api.azureml.ms",
            PrivateDnsZone::Notebooks => "privatelink.notebooks.azure.net",
            PrivateDnsZone::Blob => "privatelink.blob.core.windows.net",
            PrivateDnsZone::File => "privatelink.file.core.windows.net",
            PrivateDnsZone::Vault => "privatelink.vaultcore.azure.net",
            PrivateDnsZone::Registry => "privatelink.azurecr.io",
        }
    }

    /// The zone with this name, if mlzone knows it (names compare case-insensitively, as
    /// DNS does).
    pub fn named(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|zone| zone.name().eq_ignore_ascii_case(name))
    }
}
