//! Public projects do not set `private-link`, which only private projects use.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;
use crate::vocabulary::Network;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::PrivateLinkIgnored,
        default_severity: Severity::Warning,
        summary: "public projects do not set `private-link`",
        description: "Only a private project gets private endpoints; the subnet and virtual network of a public project's `private-link` are ignored, so the workspace stays reachable from the internet although the document seems to place it in a network.",
        help: "set `network: private` if the project should be reached through Private Link, or remove `private-link`",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (_, project) in cx.estate.projects() {
        let link = &project.private_link;
        if project.factors.network != Network::Public
            || (link.subnet.is_none() && link.virtual_network.is_none())
        {
            continue;
        }
        let message = format!(
            "public project `{}` sets `private-link`, which only private projects use",
            project.name
        );
        cx.push(RULE.finding(format!("{}/private-link", project.path), message));
    }
}
