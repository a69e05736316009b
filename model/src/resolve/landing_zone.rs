//! Each environment's place in the landing zone: the estate's `landing-zone` with the
//! environment's own on top, each setting checked for its shape.

use super::Problems;
use crate::diagnostic::{Code, Diagnostic};
use crate::document::{Document, EnvironmentDoc, PrivateDnsDoc};
use crate::estate::{CentralZones, LandingZone, PrivateDns, PrivateLink};
use crate::newtypes::ResourceId;
use crate::vocabulary::PrivateDnsMode;

/// The resource type a central Log Analytics workspace id must name.
const LOG_ANALYTICS_TYPE: &str = "Microsoft.OperationalInsights/workspaces";

/// Checks the estate's `landing-zone` once, whether or not an environment uses it.
pub(crate) fn check_estate(document: &Document, problems: &mut Problems) {
    let landing = &document.landing_zone;
    if let Some(dns) = &landing.private_dns {
        check_private_dns(dns, "/landing-zone/private-dns", problems);
    }
    if let Some(id) = &landing.log_analytics {
        check_log_analytics(id, "/landing-zone/log-analytics", problems);
    }
}

/// The landing zone settings of one environment (at `path`).
pub(crate) fn resolve(
    document: &Document,
    environment: &EnvironmentDoc,
    path: &str,
    problems: &mut Problems,
) -> LandingZone {
    let own = &environment.landing_zone;
    // An environment of the defaults has no path; only the estate's settings apply to it.
    let own_path = format!("{path}/landing-zone");
    if let Some(dns) = &own.private_dns {
        check_private_dns(dns, &format!("{own_path}/private-dns"), problems);
    }
    if let Some(id) = &own.log_analytics {
        check_log_analytics(id, &format!("{own_path}/log-analytics"), problems);
    }
    let (dns, dns_path) = match (&own.private_dns, &document.landing_zone.private_dns) {
        (Some(dns), _) => (Some(dns), format!("{own_path}/private-dns")),
        (None, Some(dns)) => (Some(dns), "/landing-zone/private-dns".to_owned()),
        (None, None) => (None, String::new()),
    };
    let link = own.private_link.as_ref();
    LandingZone {
        private_dns: dns.map(private_dns).unwrap_or_default(),
        private_dns_path: dns_path,
        log_analytics: own
            .log_analytics
            .clone()
            .or_else(|| document.landing_zone.log_analytics.clone()),
        private_link: PrivateLink {
            subnet: link.and_then(|l| l.subnet.clone()),
            virtual_network: link.and_then(|l| l.virtual_network.clone()),
        },
    }
}

fn private_dns(dns: &PrivateDnsDoc) -> PrivateDns {
    match dns.mode {
        PrivateDnsMode::Create => PrivateDns::Create,
        PrivateDnsMode::Policy => PrivateDns::Policy,
        PrivateDnsMode::Existing => PrivateDns::Existing(match &dns.resource_group {
            Some(group) => CentralZones::ResourceGroup(group.clone()),
            None => CentralZones::Zones(dns.zones.clone()),
        }),
    }
}

/// `existing` takes the central zones as one resource group or as zone ids, not both; the
/// other modes take neither.
fn check_private_dns(dns: &PrivateDnsDoc, path: &str, problems: &mut Problems) {
    let has_group = dns.resource_group.is_some();
    let has_zones = !dns.zones.is_empty();
    match dns.mode {
        PrivateDnsMode::Existing if has_group && has_zones => problems.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("{path}/zones"),
                "`existing` private DNS names both a resource group and zone ids",
            )
            .with_help("keep `resource-group` when every zone has its standard name there, or list each zone's id under `zones`"),
        ),
        PrivateDnsMode::Existing if !has_group && !has_zones => problems.push(
            Diagnostic::error(
                Code::InvalidValue,
                path.to_owned(),
                "`existing` private DNS names no central zones",
            )
            .with_help("set `resource-group` to the id of the resource group of the central `privatelink.*` zones, or list each zone's id under `zones`"),
        ),
        PrivateDnsMode::Create | PrivateDnsMode::Policy if has_group || has_zones => {
            let key = if has_group { "resource-group" } else { "zones" };
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("{path}/{key}"),
                    format!("`{key}` is set in `{}` mode, which uses no central zones", dns.mode),
                )
                .with_help("central zones are only read in `mode: existing`; remove the key or change the mode"),
            );
        }
        _ => {}
    }
}

fn check_log_analytics(id: &ResourceId, path: &str, problems: &mut Problems) {
    if id
        .top_level()
        .is_some_and(|parts| parts.is_of_type(LOG_ANALYTICS_TYPE))
    {
        return;
    }
    problems.push(
        Diagnostic::error(
            Code::InvalidValue,
            path.to_owned(),
            format!("`{id}` is not the id of a Log Analytics workspace"),
        )
        .with_help(format!(
            "give the resource id of a `{LOG_ANALYTICS_TYPE}` resource: `/subscriptions/<id>/resourceGroups/<group>/providers/{LOG_ANALYTICS_TYPE}/<name>`"
        )),
    );
}
