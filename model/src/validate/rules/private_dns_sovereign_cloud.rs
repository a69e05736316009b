//! Private DNS zone names are those of the Azure public cloud: an environment in a sovereign
//! cloud cannot create or name them.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::estate::PrivateDns;
use crate::resolve::regions;
use crate::validate::context::Context;
use crate::vocabulary::Network;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::PrivateDnsSovereignCloud,
        default_severity: Severity::Error,
        summary: "private DNS zones are named for the cloud of the environment's region",
        description: "The `privatelink.*` zones of Azure US Government and Azure China have names of their own (the workspace's are `privatelink.api.ml.azure.us` and `privatelink.api.ml.azure.cn`, for example). mlzone knows the names of the Azure public cloud only, so in a sovereign region it would create or name zones that no endpoint there registers in. The `policy` mode names no zone: the organisation's DeployIfNotExists policies attach the endpoints to the cloud's own zones.",
        help: "set `private-dns: {mode: policy}` for the environment (its landing zone's policies attach the endpoints), or deploy it to a region of the Azure public cloud",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let estate = cx.estate;
    for (environment_id, environment) in estate.environments() {
        let landing = &environment.landing_zone;
        let Some(cloud) = regions::cloud(&environment.location).filter(|c| *c != "public") else {
            continue;
        };
        if landing.private_dns == PrivateDns::Policy
            || !estate.projects().any(|(_, p)| {
                p.factors.network == Network::Private && p.environments.contains(&environment_id)
            })
        {
            continue;
        }
        let cloud = match cloud {
            "usgov" => "Azure US Government",
            "china" => "Azure China",
            other => other,
        };
        let message = format!(
            "environment `{}` is in `{}`, a region of {cloud}, whose private DNS zone names mlzone does not know (it knows the Azure public cloud's)",
            environment.name, environment.location
        );
        let path = if !landing.private_dns_path.is_empty() {
            landing.private_dns_path.clone()
        } else if !environment.path.is_empty() {
            environment.path.clone()
        } else {
            "/location".to_owned()
        };
        cx.push(RULE.finding(path, message));
    }
}
