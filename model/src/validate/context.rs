//! What every rule sees: the estate, its compiled roles, its graph, and the findings so far.

use std::collections::BTreeMap;

use crate::access::{Access, RoleKey};
use crate::diagnostic::{Diagnostic, pointer_token};
use crate::estate::{EnvironmentId, Estate, PersonaId, ProjectId, RoleRef};
use crate::naming::{EstateNames, Resource};
use crate::rbac::PermissionSet;

use super::graph::EstateGraph;
use super::rules::guardrail_compliance::Outcome;

/// The state shared by the rules of one run.
pub(crate) struct Context<'a> {
    pub estate: &'a Estate,
    pub access: &'a Access<'a>,
    pub graph: &'a EstateGraph,
    findings: Vec<Diagnostic>,
    /// The estate's naming scheme.
    pub naming: EstateNames,
    /// Every named resource the plan deploys, with its Azure name.
    pub names: Vec<Resource<'a>>,
    /// The guardrails' findings, evaluated once for the rules that share them.
    guardrails: std::sync::OnceLock<Vec<(Outcome, Diagnostic)>>,
}

/// Projects of an environment grouped by the role a persona holds there.
pub(crate) struct RoleGroup {
    pub role: RoleRef,
    pub projects: Vec<ProjectId>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(estate: &'a Estate, access: &'a Access<'a>, graph: &'a EstateGraph) -> Self {
        let naming = EstateNames::for_estate(estate);
        Self {
            estate,
            access,
            graph,
            findings: Vec::new(),
            names: naming.resources(estate),
            naming,
            guardrails: std::sync::OnceLock::new(),
        }
    }

    /// What the guardrails the estate assigns find on its own resources (see
    /// `rules::guardrail_compliance`), evaluated on first use.
    pub(crate) fn guardrail_findings(&self) -> &[(Outcome, Diagnostic)] {
        self.guardrails
            .get_or_init(|| super::rules::guardrail_compliance::evaluate(self.estate))
    }

    /// The Azure name the plan gives each item, by the item's path (its first deployment).
    pub(crate) fn deployed_names(&self) -> foldhash::HashMap<&str, &str> {
        let mut names = foldhash::HashMap::default();
        for resource in &self.names {
            names
                .entry(resource.path.as_ref())
                .or_insert(resource.name.value.as_str());
        }
        names
    }

    pub(crate) fn into_findings(self) -> Vec<Diagnostic> {
        self.findings
    }

    /// Records a finding (built with [`Rule::finding`]).
    pub(crate) fn push(&mut self, finding: Diagnostic) {
        self.findings.push(finding);
    }

    /// The projects with a workspace in `environment`, grouped by the role `persona` holds
    /// there, in project order of the first member.
    pub(crate) fn role_groups(
        &self,
        persona: PersonaId,
        environment: EnvironmentId,
    ) -> Vec<RoleGroup> {
        let mut groups: Vec<RoleGroup> = Vec::new();
        let mut index: BTreeMap<RoleKey, usize> = BTreeMap::new();
        for (project, _) in self.estate.projects() {
            let Some(role) = self.estate.assigned_role(persona, environment, project) else {
                continue;
            };
            let key = RoleKey::of(role);
            match index.get(&key).and_then(|&i| groups.get_mut(i)) {
                Some(group) => group.projects.push(project),
                None => {
                    index.insert(key, groups.len());
                    groups.push(RoleGroup {
                        role,
                        projects: vec![project],
                    });
                }
            }
        }
        groups
    }

    /// The permissions of a role, `None` when unknown.
    pub(crate) fn permissions(&self, role: RoleRef) -> Option<&'a PermissionSet<'static>> {
        self.access.role_permissions(role)
    }

    pub(crate) fn environment_name(&self, id: EnvironmentId) -> &'a str {
        self.estate[id].name.as_str()
    }

    pub(crate) fn persona_name(&self, id: PersonaId) -> &'a str {
        self.estate[id].name.as_str()
    }

    pub(crate) fn project_name(&self, id: ProjectId) -> &'a str {
        self.estate[id].name.as_str()
    }

    pub(crate) fn role_name(&self, role: RoleRef) -> &'a str {
        role.reference_name(self.estate)
    }

    /// The pointer of the entry of the document that sets a persona's access in an
    /// environment: its role override when it has one, else its access level when the
    /// document wrote it; `None` when the persona has its default there.
    pub(crate) fn written_setting_path(
        &self,
        persona: PersonaId,
        environment: EnvironmentId,
    ) -> Option<String> {
        let item = &self.estate[persona];
        let env = pointer_token(self.environment_name(environment));
        if item.roles.contains_key(&environment) {
            Some(format!("{}/roles/{env}", item.path))
        } else if item.access_written.contains(&environment) {
            Some(format!("{}/access/{env}", item.path))
        } else {
            None
        }
    }

    /// The pointer of a persona's setting for an environment: the entry the document wrote
    /// ([`Self::written_setting_path`]), else the persona itself.
    pub(crate) fn persona_setting_path(
        &self,
        persona: PersonaId,
        environment: EnvironmentId,
    ) -> String {
        self.written_setting_path(persona, environment)
            .unwrap_or_else(|| self.persona_path(persona))
    }

    /// The pointer of a persona (`""` when the document left `personas` out).
    pub(crate) fn persona_path(&self, persona: PersonaId) -> String {
        self.estate[persona].path.clone()
    }

    /// "`a`", "`a` and `b`", "`a`, `b` and 3 more projects" for a list of projects.
    pub(crate) fn projects_phrase(&self, projects: &[ProjectId]) -> String {
        let names: Vec<&str> = projects.iter().map(|&p| self.project_name(p)).collect();
        let listed = listing(&names, 2);
        if names.len() == 1 {
            format!("project {listed}")
        } else {
            format!("projects {listed}")
        }
    }
}

/// Up to `shown` items in backticks, then "and N more".
pub(crate) fn listing(items: &[&str], shown: usize) -> String {
    let quoted: Vec<String> = items.iter().take(shown).map(|i| format!("`{i}`")).collect();
    let rest = items.len().saturating_sub(shown);
    match (quoted.as_slice(), rest) {
        ([], _) => String::new(),
        ([one], 0) => one.clone(),
        (_, 0) => {
            let (last, first) = quoted
                .split_last()
                .map_or((String::new(), &[][..]), |(l, f)| (l.clone(), f));
            format!("{} and {last}", first.join(", "))
        }
        (_, rest) => format!("{} and {rest} more", quoted.join(", ")),
    }
}

/// Operation names in backticks, at most three, then a count.
pub(crate) fn operations_phrase(operations: &[String]) -> String {
    let names: Vec<&str> = operations.iter().map(String::as_str).collect();
    listing(&names, 3)
}
