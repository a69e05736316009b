//! Data scientists and data engineers have limited access in test.

use super::permission_sets::{granted_beyond, is_scientist_or_engineer, short};
use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::estate::{EnvironmentId, PersonaId, RoleRef};
use crate::validate::context::{Context, operations_phrase};
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

fn check(cx: &mut Context<'_>) {
    for (environment, item) in cx.estate.environments() {
        if item.stage != Stage::Test {
            continue;
        }
        for (persona, p) in cx.estate.personas() {
            if !is_scientist_or_engineer(p.kind) {
                continue;
            }
            // A role override is judged on what it grants beyond the `configure` role.
            if p.roles.contains_key(&environment) {
                check_override(cx, persona, environment);
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
}

/// Reports a role override of a test environment that grants more than `configure` does.
fn check_override(cx: &mut Context<'_>, persona: PersonaId, environment: EnvironmentId) {
    // `configure` is the same role whatever the kind and the restriction.
    let configure = RoleRef::for_access(
        AccessLevel::Configure,
        PersonaKind::DataScientist,
        Restriction::Restricted,
    );
    for group in cx.role_groups(persona, environment) {
        let Some(beyond) = granted_beyond(cx, Some(group.role), configure) else {
            continue;
        };
        if beyond.is_empty() {
            continue;
        }
        let message = format!(
            "persona `{}` holds `{}` in test environment `{}` in {}, which grants more than `configure`: {}",
            cx.persona_name(persona),
            cx.role_name(group.role),
            cx.environment_name(environment),
            cx.projects_phrase(&group.projects),
            operations_phrase(&short(&beyond)),
        );
        cx.push(RULE.finding(cx.persona_setting_path(persona, environment), message));
    }
}
