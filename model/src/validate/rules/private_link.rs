//! Private projects say where their private endpoints go.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;
use crate::vocabulary::Network;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::PrivateWithoutPrivateLink,
        default_severity: Severity::Warning,
        summary: "private projects name the subnet and virtual network of their private endpoints",
        description: "A private project gets Private Link: private endpoints for the workspace and its dependencies, private DNS zones linked to a virtual network, and public network access disabled. Without a subnet and a virtual network in the document the plan cannot place them, so the deployment takes them as parameters.",
        help: "set `private-link.subnet` and `private-link.virtual-network`, or pass them when deploying",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (_, project) in cx.estate.projects() {
        if project.factors.network != Network::Private {
            continue;
        }
        let link = &project.private_link;
        let missing = match (&link.subnet, &link.virtual_network) {
            (Some(_), Some(_)) => continue,
            (None, None) => "subnet or virtual network",
            (None, Some(_)) => "subnet",
            (Some(_), None) => "virtual network",
        };
        let message = format!(
            "private project `{}` names no {missing} for its private endpoints",
            project.name
        );
        let path = if link.subnet.is_none() && link.virtual_network.is_none() {
            project.path.clone()
        } else {
            format!("{}/private-link", project.path)
        };
        cx.push(RULE.finding(path, message));
    }
}
