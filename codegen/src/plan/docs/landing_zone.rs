//! What the documentation and the pipeline README say about an environment's place in the
//! landing zone: how its private endpoints reach private DNS, the built-in policies that must
//! be assigned in `policy` mode and the zones each needs, its Log Analytics and spoke.

use mlzone_model::Estate;
use mlzone_model::estate::{Environment, EnvironmentId, LandingZone, PrivateDns, PrivateDnsZone};
use mlzone_model::naming::PrivateEndpointTarget;
use mlzone_model::vocabulary::Network;
use serde::Serialize;

/// One environment's landing zone settings, as the pages show them.
#[derive(Debug, Clone, Serialize)]
pub struct LandingZoneView {
    /// Whether anything differs from a deployment of its own (zones created, a Log
    /// Analytics workspace per project, networks per project or as parameters).
    pub configured: bool,
    /// `create`, `existing` or `policy`.
    pub private_dns: &'static str,
    /// Whether the environment has private projects (whose endpoints need the zones).
    pub private: bool,
    /// The zones its private endpoints register in, with the central zone's id in
    /// `existing` mode.
    pub zones: Vec<ZoneView>,
    /// In `policy` mode, the built-in DeployIfNotExists policies that must be assigned.
    pub policies: Vec<PolicyView>,
    /// The central Log Analytics workspace, when the projects share one.
    pub log_analytics: Option<String>,
    /// The spoke's private endpoint subnet.
    pub subnet: Option<String>,
    /// The spoke's virtual network.
    pub virtual_network: Option<String>,
}

impl LandingZoneView {
    /// The view of a deployment that has no place in a landing zone of its own (the model
    /// registry's: its private endpoints belong to the projects' deployments).
    pub(crate) fn none() -> Self {
        Self {
            configured: false,
            private_dns: PrivateDns::Create.mode().as_str(),
            private: false,
            zones: Vec::new(),
            policies: Vec::new(),
            log_analytics: None,
            subnet: None,
            virtual_network: None,
        }
    }
}

/// A private DNS zone an environment's endpoints register in.
#[derive(Debug, Clone, Serialize)]
pub struct ZoneView {
    /// The zone's name.
    pub name: &'static str,
    /// The central zone's resource id (`existing` mode).
    pub id: Option<String>,
}

/// A built-in DeployIfNotExists policy that attaches private endpoints to central zones.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyView {
    /// The policy definition's id.
    pub id: String,
    /// Its display name.
    pub display_name: &'static str,
    /// The private link sub-resource of the endpoints it attaches.
    pub group_id: &'static str,
    /// Its zone parameters.
    pub parameters: Vec<PolicyParameter>,
}

/// One zone parameter of a DeployIfNotExists policy.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyParameter {
    /// The parameter of the built-in definition.
    pub name: &'static str,
    /// The parameter of the Azure Landing Zones initiative `Deploy-Private-DNS-Zones` that
    /// feeds it.
    pub alz_parameter: &'static str,
    /// The zone whose resource id it takes.
    pub zone: &'static str,
}

impl LandingZoneView {
    /// The view of `environment` of `estate`.
    pub fn of(estate: &Estate, id: EnvironmentId, environment: &Environment) -> Self {
        let landing = &environment.landing_zone;
        let private = estate
            .projects()
            .any(|(_, p)| p.factors.network == Network::Private && p.environments.contains(&id));
        let mut zones: Vec<PrivateDnsZone> = PrivateEndpointTarget::ALL
            .iter()
            .flat_map(|target| target.zones().iter().copied())
            .collect();
        // A zone several endpoints share (the registry's API zone) is listed once.
        zones.sort();
        zones.dedup();
        let central = match &landing.private_dns {
            PrivateDns::Existing(central) => Some(central),
            _ => None,
        };
        let policies = if landing.private_dns == PrivateDns::Policy {
            PrivateEndpointTarget::ALL
                .iter()
                .map(|target| {
                    let policy = target.dns_policy();
                    PolicyView {
                        id: policy.id(),
                        display_name: policy.display_name,
                        group_id: target.group_id(),
                        parameters: policy
                            .parameters
                            .iter()
                            .zip(policy.alz_parameters)
                            .map(|((name, zone), alz_parameter)| PolicyParameter {
                                name,
                                alz_parameter,
                                zone: zone.name(),
                            })
                            .collect(),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        Self {
            configured: landing != &LandingZone::default(),
            private_dns: landing.private_dns.mode().as_str(),
            private,
            zones: zones
                .into_iter()
                .map(|zone| ZoneView {
                    name: zone.name(),
                    id: central.and_then(|c| c.id_of(zone)),
                })
                .collect(),
            policies,
            log_analytics: landing.log_analytics.as_ref().map(|id| id.to_string()),
            subnet: landing
                .private_link
                .subnet
                .as_ref()
                .map(|id| id.to_string()),
            virtual_network: landing
                .private_link
                .virtual_network
                .as_ref()
                .map(|id| id.to_string()),
        }
    }
}
