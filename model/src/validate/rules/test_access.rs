//! Data scientists and data engineers have limited access in test.

use super::held_roles::{Asks, Row, every_project, scientist_or_engineer, walk};
use super::permission_sets::{granted_beyond, is_scientist_or_engineer, short};
use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::estate::RoleRef;
use crate::rbac::PermissionSet;
use crate::validate::context::Context;
use crate::vocabulary::{AccessLevel, PersonaKind, Restriction, Stage};

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::TestAccessNotLimited,
        default_severity: Severity::Warning,
        summary: "data scientists and data engineers have limited access in test",
        description: "The CAF guidance gives data scientists and data engineers limited, mostly read-only access to test environments: models reach test through the pipeline, and test mimics production. Keeping `experiment` access or more there, or a role that grants more than `configure`, lets them change what is being tested.",
        help: "lower the persona's access in the test environment to `configure` (the default) or `read`, or give it a role that grants no more",
    },
    check,
};

/// A role override of a test environment, judged on what it grants beyond `configure`.
static OVERRIDE: Row = Row {
    rule: &RULE,
    stage: Some(Stage::Test),
    persona: |cx, persona, environment| {
        scientist_or_engineer(cx, persona, environment)
            && cx.estate[persona].roles.contains_key(&environment)
    },
    project: every_project,
    asks: Asks::Custom(beyond_configure),
    message: |held| {
        format!(
            "persona `{}` holds `{}` in test environment `{}` in {}, which grants more than `configure`: {}",
            held.persona, held.role, held.environment, held.projects, held.operations,
        )
    },
    unknown: None,
    related: None,
};

/// Reports access levels of `experiment` or more in test, then walks role overrides.
fn check(cx: &mut Context<'_>) {
    for (environment, item) in cx.estate.environments() {
        if item.stage != Stage::Test {
            continue;
        }
        for (persona, p) in cx.estate.personas() {
            if !is_scientist_or_engineer(p.kind) || p.roles.contains_key(&environment) {
                continue;
            }
            let level = cx.estate.access(persona, environment);
            if level < AccessLevel::Experiment {
                continue;
            }
            let message = format!(
                "persona `{}` keeps `{level}` access in test environment `{}`",
                p.name, item.name
            );
            cx.push(RULE.finding(cx.persona_setting_path(persona, environment), message));
        }
    }
    walk(cx, &OVERRIDE);
}

/// What a role grants beyond the `configure` role.
fn beyond_configure(cx: &Context<'_>, role: RoleRef, _: &PermissionSet<'static>) -> Vec<String> {
    // `configure` is the same role whatever the kind and the restriction.
    let configure = RoleRef::for_access(
        AccessLevel::Configure,
        PersonaKind::DataScientist,
        Restriction::Restricted,
    );
    granted_beyond(cx, Some(role), configure)
        .map(|beyond| short(&beyond))
        .unwrap_or_default()
}
