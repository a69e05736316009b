//! Each central private DNS zone id names a private DNS zone, and the zone it stands for.

use std::collections::BTreeSet;

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::estate::{CentralZones, PRIVATE_DNS_ZONE_TYPE, PrivateDns, PrivateDnsZone};
use crate::resolve::pointer;
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::InvalidPrivateDnsZoneId,
        default_severity: Severity::Error,
        summary: "central private DNS zone ids name the private DNS zone they stand for",
        description: "Under `zones` each key is a zone name and its value the resource id of that zone in the landing zone's connectivity subscription. An id of another resource type, or of a zone with another name, would put the endpoint's records where nothing resolves them: the deployment fails, or succeeds and the workspace's names resolve to public addresses the landing zone denies.",
        help: "give `/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/<zone name>`, the zone name being the key",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let mut checked = BTreeSet::new();
    let estate = cx.estate;
    for (_, environment) in estate.environments() {
        let PrivateDns::Existing(CentralZones::Zones(zones)) =
            &environment.landing_zone.private_dns
        else {
            continue;
        };
        let base = &environment.landing_zone.private_dns_path;
        // Environments that inherit the estate's setting share its path: check it once.
        if !checked.insert(base.clone()) {
            continue;
        }
        for (name, id) in zones {
            let path = format!("{base}{}", pointer(["zones", name]));
            let problem = if PrivateDnsZone::named(name).is_none() {
                let known: Vec<_> = PrivateDnsZone::ALL.iter().map(|z| z.name()).collect();
                format!(
                    "`{name}` is not a private DNS zone of a private endpoint mlzone deploys (it deploys {})",
                    known.join(", ")
                )
            } else {
                match id.top_level() {
                    Some(parts) if !parts.is_of_type(PRIVATE_DNS_ZONE_TYPE) => {
                        let (provider, kind) = parts.resource_type;
                        format!(
                            "the id given for zone `{name}` is a `{provider}/{kind}`, not a private DNS zone"
                        )
                    }
                    Some(parts) if !parts.name.eq_ignore_ascii_case(name) => {
                        format!("the id given for zone `{name}` names zone `{}`", parts.name)
                    }
                    Some(_) => continue,
                    None => format!(
                        "the id given for zone `{name}` is not the id of a resource in a resource group"
                    ),
                }
            };
            cx.push(RULE.finding(path, problem));
        }
    }
}
