//! In `existing` private DNS mode, the document gives the id of every zone its private
//! projects' endpoints register in.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::estate::{CentralZones, PrivateDns};
use crate::naming::PrivateEndpointTarget;
use crate::validate::context::Context;
use crate::vocabulary::Network;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::PrivateDnsZoneMissing,
        default_severity: Severity::Error,
        summary: "`existing` private DNS gives the id of every zone a private project needs",
        description: "In `existing` mode the deployment writes a private DNS zone group on each private endpoint that names the central zones: the workspace registers in `privatelink.api.azureml.ms` and `privatelink.notebooks.azure.net`, the storage account in the blob and file zones, the key vault in `privatelink.vaultcore.azure.net` and the container registry in `privatelink.azurecr.io`. A zone listed under `zones` is the only one the deployment can name, so an endpoint whose zone is missing would resolve to the public address, which the landing zone denies.",
        help: "add the zone's resource id under `zones`, or give `resource-group` when every zone has its standard name in one resource group",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let estate = cx.estate;
    for (environment_id, environment) in estate.environments() {
        let PrivateDns::Existing(zones @ CentralZones::Zones(_)) =
            &environment.landing_zone.private_dns
        else {
            continue;
        };
        let Some((_, project)) = estate.projects().find(|(_, p)| {
            p.factors.network == Network::Private && p.environments.contains(&environment_id)
        }) else {
            continue;
        };
        let mut reported = Vec::new();
        for target in PrivateEndpointTarget::ALL {
            for zone in target.zones() {
                if zones.id_of(*zone).is_some() || reported.contains(zone) {
                    continue;
                }
                reported.push(*zone);
                let message = format!(
                    "`existing` private DNS of `{}` gives no id for zone `{}`, which private project `{}` needs",
                    environment.name,
                    zone.name(),
                    project.name
                );
                let path = format!("{}/zones", environment.landing_zone.private_dns_path);
                cx.push(RULE.finding(path, message));
            }
        }
    }
}
