//! Composed roles can be written as one role definition.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::rbac::{Catalog, ComposeError, RoleGraph};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::RoleNotExpressible,
        default_severity: Severity::Error,
        summary: "a composed role can be written as one role definition",
        description: "An Azure role definition is one block of actions and not-actions. A custom role extending several roles is their union; when a not-action of one base would also remove what another base grants, and the bases reach beyond mlzone's operation catalog, no single block has the same meaning.",
        help: "extend one role fewer, or list the permissions the role needs instead of extending",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let catalog = Catalog::azure();
    // The composition errors (cycles, unknown bases) are other rules' findings.
    let graph = role_graph(cx);
    for (_, role) in cx.estate.roles() {
        let Ok(resolved) = graph.resolve(role.name.as_str()) else {
            continue;
        };
        if let Err(ComposeError::NotExpressible { pattern, .. }) = resolved.to_permissions(catalog)
        {
            let message = format!(
                "role `{}` cannot be written as one role definition: `{pattern}` would also remove what another base grants",
                role.name
            );
            cx.push(RULE.finding(format!("{}/extends", role.path), message));
        }
    }
}

fn role_graph(cx: &Context<'_>) -> RoleGraph {
    let mut graph = RoleGraph::new();
    for (_, role) in cx.estate.roles() {
        graph.insert(crate::rbac::RoleSpec {
            name: role.name.to_string(),
            extends: role
                .extends
                .iter()
                .map(|b| b.reference_name(cx.estate).to_owned())
                .collect(),
            add: crate::rbac::Permissions {
                actions: role.permissions.actions.clone(),
                data_actions: role.permissions.data_actions.clone(),
                ..crate::rbac::Permissions::default()
            },
            remove: crate::rbac::Permissions {
                not_actions: role.permissions.not_actions.clone(),
                not_data_actions: role.permissions.not_data_actions.clone(),
                ..crate::rbac::Permissions::default()
            },
        });
    }
    graph
}
