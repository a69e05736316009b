//! The rules that judge the roles personas hold, as rows of one table walked once.
//!
//! Each row says which environments (by stage) and personas it checks, which projects of
//! a role it speaks for, what it asks of the role's permissions and how its message reads.
//! The walk visits every environment × persona × role held there (with the projects it is
//! held in) and reports, at the persona's setting for the environment, each role whose
//! answer lists operations.

use super::Rule;
use super::permission_sets::{
    contributor_by_restriction, granted_among, is_scientist_or_engineer, non_reads, short,
};
use crate::access::capabilities::Capability;
use crate::estate::{EnvironmentId, PersonaId, ProjectId, RoleRef};
use crate::rbac::PermissionSet;
use crate::validate::context::{Context, operations_phrase};
use crate::vocabulary::Stage;

/// One rule over held roles.
pub(super) struct Row {
    pub rule: &'static Rule,
    /// The stage of the environments it checks (`None`: every environment).
    pub stage: Option<Stage>,
    /// Whether it checks a persona in an environment.
    pub persona: fn(&Context<'_>, PersonaId, EnvironmentId) -> bool,
    /// Whether it speaks for a project in which the persona holds the role.
    pub project: fn(&Context<'_>, PersonaId, EnvironmentId, ProjectId) -> bool,
    /// What it asks of the role's permissions.
    pub asks: Asks,
    /// The message of a finding.
    pub message: fn(&Held<'_>) -> String,
    /// The message when the role's permissions are unknown; `None` leaves such roles to
    /// `unchecked-role`.
    pub unknown: Option<fn(&Held<'_>) -> String>,
    /// A related entry of each finding.
    pub related: Option<Related>,
}

/// A related entry a row adds to each finding.
pub(super) struct Related {
    /// Its pointer, given the environment.
    pub path: fn(&Context<'_>, EnvironmentId) -> String,
    pub message: &'static str,
}

/// What a row asks of a role's permissions; the operations it answers are the finding.
pub(super) enum Asks {
    /// The capability's operations the role grants.
    Granted(&'static Capability),
    /// The capability's operations the role lacks.
    Lacking(&'static Capability),
    /// The operations the role grants beyond reads.
    NonReads,
    /// The operations as the message lists them, worked out by the row itself.
    Custom(fn(&Context<'_>, RoleRef, &PermissionSet<'static>) -> Vec<String>),
}

/// What a finding's message says: names in plain text, the phrases already built.
pub(super) struct Held<'a> {
    pub persona: &'a str,
    pub environment: &'a str,
    pub role: &'a str,
    /// "project `a`", "projects `a` and `b`", …
    pub projects: String,
    /// The operations found, in backticks (empty for an unknown role).
    pub operations: String,
}

/// Every project a persona holds the role in.
pub(super) fn every_project(_: &Context<'_>, _: PersonaId, _: EnvironmentId, _: ProjectId) -> bool {
    true
}

/// Data scientists and data engineers.
pub(super) fn scientist_or_engineer(
    cx: &Context<'_>,
    persona: PersonaId,
    _: EnvironmentId,
) -> bool {
    is_scientist_or_engineer(cx.estate[persona].kind)
}

/// The projects where the persona's role is not the Contributor role an unrestricted
/// project gives (the trade-off rule reports those).
pub(super) fn not_contributor_by_restriction(
    cx: &Context<'_>,
    persona: PersonaId,
    environment: EnvironmentId,
    project: ProjectId,
) -> bool {
    !contributor_by_restriction(cx, persona, environment, project)
}

impl Asks {
    fn answer(&self, cx: &Context<'_>, role: RoleRef, set: &PermissionSet<'static>) -> Vec<String> {
        match self {
            Asks::Granted(capability) => short(&granted_among(set, capability.operations())),
            Asks::Lacking(capability) => {
                let granted = granted_among(set, capability.operations());
                let missing: Vec<String> = capability
                    .operations()
                    .iter()
                    .filter(|op| !granted.iter().any(|g| g.eq_ignore_ascii_case(op)))
                    .map(|op| (*op).to_owned())
                    .collect();
                short(&missing)
            }
            Asks::NonReads => short(&non_reads(set)),
            Asks::Custom(answer) => answer(cx, role, set),
        }
    }
}

/// Runs one row over the estate.
pub(super) fn walk(cx: &mut Context<'_>, row: &Row) {
    for (environment, item) in cx.estate.environments() {
        if row.stage.is_some_and(|stage| stage != item.stage) {
            continue;
        }
        for (persona, _) in cx.estate.personas() {
            if !(row.persona)(cx, persona, environment) {
                continue;
            }
            for group in cx.role_groups(persona, environment) {
                let projects: Vec<ProjectId> = group
                    .projects
                    .iter()
                    .copied()
                    .filter(|&project| (row.project)(cx, persona, environment, project))
                    .collect();
                if projects.is_empty() {
                    continue;
                }
                let (message, operations) = match cx.permissions(group.role) {
                    Some(set) => {
                        let operations = row.asks.answer(cx, group.role, set);
                        if operations.is_empty() {
                            continue;
                        }
                        (row.message, operations)
                    }
                    None => match row.unknown {
                        Some(message) => (message, Vec::new()),
                        None => continue,
                    },
                };
                let held = Held {
                    persona: cx.persona_name(persona),
                    environment: cx.environment_name(environment),
                    role: cx.role_name(group.role),
                    projects: cx.projects_phrase(&projects),
                    operations: operations_phrase(&operations),
                };
                let path = cx.persona_setting_path(persona, environment);
                let mut finding = row.rule.finding(path, message(&held));
                if let Some(related) = &row.related {
                    finding =
                        finding.with_related((related.path)(cx, environment), related.message);
                }
                cx.push(finding);
            }
        }
    }
}
