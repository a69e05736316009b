//! Private projects say where their private endpoints go, themselves or through their
//! environments' spokes.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::estate::PrivateDns;
use crate::validate::context::Context;
use crate::vocabulary::Network;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::PrivateWithoutPrivateLink,
        default_severity: Severity::Warning,
        summary: "private projects name the subnet and virtual network of their private endpoints",
        description: "A private project gets Private Link: private endpoints for the workspace and its dependencies, private DNS zones linked to a virtual network (when the deployment creates the zones), and public network access disabled. Without a subnet (and, when zones are created, a virtual network) in the document, for the project or for the environment's spoke, the plan cannot place them, so the deployment takes them as parameters.",
        help: "set `private-link.subnet` and `private-link.virtual-network` on the project, or once per environment under `landing-zone.private-link`, or pass them when deploying",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let estate = cx.estate;
    for (_, project) in estate.projects() {
        if project.factors.network != Network::Private {
            continue;
        }
        let mut missing_subnet = false;
        let mut missing_network = false;
        for id in &project.environments {
            let environment = &estate[*id];
            let link = environment.private_link_of(project);
            missing_subnet |= link.subnet.is_none();
            // Only created zones are linked to a network.
            missing_network |= link.virtual_network.is_none()
                && environment.landing_zone.private_dns == PrivateDns::Create;
        }
        let missing = match (missing_subnet, missing_network) {
            (false, false) => continue,
            (true, true) => "subnet or virtual network",
            (true, false) => "subnet",
            (false, true) => "virtual network",
        };
        let message = format!(
            "private project `{}` names no {missing} for its private endpoints",
            project.name
        );
        let link = &project.private_link;
        let path = if link.subnet.is_none() && link.virtual_network.is_none() {
            project.path.clone()
        } else {
            format!("{}/private-link", project.path)
        };
        cx.push(RULE.finding(path, message));
    }
}
