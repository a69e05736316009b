//! Nobody but an admin may change access: no `Microsoft.Authorization/*/write`, no
//! `elevateAccess`.

use super::held_roles::{Asks, Row, every_project, walk};
use super::permission_sets::granted_among;
use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::estate::{RoleId, RoleRef};
use crate::rbac::{Pattern, PermissionSet};
use crate::validate::context::{Context, operations_phrase};
use crate::vocabulary::PersonaKind;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::PrivilegeEscalation,
        default_severity: Severity::Error,
        summary: "only admins may change access",
        description: "A role that grants writes under `Microsoft.Authorization` (role assignments, role definitions, policies, locks) or `elevateAccess` lets whoever holds it give themselves or others any right, which undoes every other access rule. Only workspace admin personas may hold such a role.",
        help: "remove the `Microsoft.Authorization` writes from the role, subtract them in `not-actions`, or give the role only to a workspace admin persona",
    },
    check,
};

const ESCALATION: [&str; 2] = [
    "Microsoft.Authorization/*/write",
    "Microsoft.Authorization/elevateAccess/action",
];

fn escalating(set: &PermissionSet<'_>) -> Vec<String> {
    let patterns: Vec<Pattern> = ESCALATION.iter().map(|p| Pattern::new(p)).collect();
    let candidates: Vec<&str> = set
        .catalog()
        .operations()
        .iter()
        .filter(|op| !op.is_data_action() && patterns.iter().any(|p| p.matches(op.name())))
        .map(|op| op.name())
        .collect();
    granted_among(set, &candidates)
}

/// Workspace admins, the personas that may change access.
fn is_admin(kind: PersonaKind) -> bool {
    kind == PersonaKind::WorkspaceAdmin
}

/// Reports custom roles where they are defined, then walks the other roles personas hold.
fn check(cx: &mut Context<'_>) {
    // Custom roles: judged once, where they are defined.
    for (id, role) in cx.estate.roles() {
        let holders: Vec<PersonaKind> = cx
            .estate
            .personas()
            .filter(|(_, p)| p.roles.values().any(|r| *r == RoleRef::Custom(id)))
            .map(|(_, p)| p.kind)
            .collect();
        if !holders.is_empty() && holders.iter().all(|&kind| is_admin(kind)) {
            continue;
        }
        let Some(set) = cx.permissions(RoleRef::Custom(id)) else {
            continue;
        };
        let granted = escalating(set);
        if granted.is_empty() {
            continue;
        }
        let path =
            own_pattern(cx, id, &granted).unwrap_or_else(|| format!("{}/extends", role.path));
        let message = format!(
            "role `{}` grants {}, which lets its holders change access",
            role.name,
            operations_phrase(&granted),
        );
        cx.push(RULE.finding(path, message));
    }
    walk(cx, &HELD);
}

/// Built-in and library roles held by personas that are not admins.
static HELD: Row = Row {
    rule: &RULE,
    stage: None,
    persona: |cx, persona, _| !is_admin(cx.estate[persona].kind),
    project: every_project,
    asks: Asks::Custom(|_, role, set| match role {
        RoleRef::Custom(_) => Vec::new(), // judged where it is defined
        _ => escalating(set),
    }),
    message: |held| {
        format!(
            "persona `{}` holds `{}` in `{}`, which grants {} to a persona that is not an admin",
            held.persona, held.role, held.environment, held.operations,
        )
    },
    unknown: None,
    related: None,
};

/// The pointer of the role's own `actions` pattern granting one of `granted`, if any.
fn own_pattern(cx: &Context<'_>, id: RoleId, granted: &[String]) -> Option<String> {
    let role = &cx.estate[id];
    role.permissions
        .actions
        .iter()
        .position(|text| {
            let pattern = Pattern::new(text);
            granted.iter().any(|op| pattern.matches(op))
        })
        .map(|i| format!("{}/actions/{i}", role.path))
}
