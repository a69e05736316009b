//! What personas may do in an estate: every role compiled once, and the questions the CLI,
//! the Python binding, the documentation and the validator ask.
//!
//! [`Access::new`] resolves every role an estate can assign — Azure built-in roles with
//! embedded permissions, mlzone's library roles and the document's custom roles composed with
//! their bases — and compiles each once. Queries then only look compiled sets up:
//! [`Access::persona_permissions`], [`Access::explain`] and [`Access::diff`].
//!
//! The result types of `explain` and `diff` derive `serde::Serialize`: they are part of the
//! JSON output of `mlzone explain` and `mlzone diff`, so their field names are a promise.
//!
//! ```
//! use mlzone_model::access::Access;
//! let loaded = mlzone_model::load_default().expect("the default topology loads");
//! let estate = &loaded.estate;
//! let access = Access::new(estate);
//! let scientist = estate.persona_named("data-scientist").expect("a data scientist");
//! let dev = estate.environment_named("dev").expect("a dev environment");
//! let explanation = access.explain(
//!     scientist,
//!     dev,
//!     None,
//!     "Microsoft.MachineLearningServices/workspaces/jobs/write",
//! );
//! assert!(explanation.groups.iter().all(|group| group.decision.is_granted()));
//! ```

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::Serialize;
use uuid::Uuid;

use crate::diagnostic::did_you_mean;
use crate::estate::{EnvironmentId, Estate, PersonaId, ProjectId, RegistryDuty, RoleId, RoleRef};
use crate::rbac::{Catalog, ComposeError, Decision, Difference, PermissionSet, difference};

pub mod capabilities;
mod definitions;

pub use definitions::RoleDefinitions;

/// A role of an estate as a map key (built-in by GUID, library by key, custom by id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum RoleKey {
    Builtin(Uuid),
    Library(&'static str),
    Custom(RoleId),
}

impl RoleKey {
    pub(crate) fn of(role: RoleRef) -> Self {
        match role {
            RoleRef::Builtin(role) => Self::Builtin(role.id),
            RoleRef::Library(role) => Self::Library(role.key),
            RoleRef::Custom(id) => Self::Custom(id),
        }
    }
}

/// Why a custom role of the document could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleError {
    /// The role.
    pub role: RoleId,
    /// What went wrong while composing it with its bases.
    pub error: ComposeError,
}

/// Every role of one estate, compiled once, and the questions asked about personas.
#[derive(Debug)]
pub struct Access<'e> {
    estate: &'e Estate,
    catalog: &'static Catalog,
    compiled: BTreeMap<RoleKey, PermissionSet<'static>>,
    definitions: RoleDefinitions,
    empty: PermissionSet<'static>,
}

impl<'e> Access<'e> {
    /// Compiles every role the estate can assign: each library role, every built-in role a
    /// persona or custom role refers to (when Azure's definition is embedded), and every
    /// custom role as the one block that deploys it ([`RoleDefinitions`]). Roles that have
    /// no such block (a cycle, a base whose permissions are unknown, a union no block
    /// expresses) are listed by [`Access::role_errors`].
    pub fn new(estate: &'e Estate) -> Self {
        let catalog = Catalog::azure();
        let mut compiled = BTreeMap::new();
        for role in crate::rbac::library::all() {
            compiled.insert(
                RoleKey::Library(role.key),
                PermissionSet::new(catalog, &role.permissions),
            );
        }
        let mut builtins: Vec<&'static crate::rbac::builtin::BuiltinRole> = Vec::new();
        builtins.extend(crate::rbac::builtin::find("Contributor"));
        let referenced = estate
            .personas()
            .flat_map(|(_, persona)| persona.roles.values().copied())
            .chain(
                estate
                    .roles()
                    .flat_map(|(_, role)| role.extends.iter().copied()),
            );
        let registry_roles = estate
            .registry()
            .into_iter()
            .flat_map(|registry| [registry.publisher_role, registry.reader_role]);
        for role in referenced.chain(registry_roles) {
            if let RoleRef::Builtin(role) = role {
                builtins.push(role);
            }
        }
        for role in builtins {
            if let Some(permissions) = &role.permissions {
                compiled
                    .entry(RoleKey::Builtin(role.id))
                    .or_insert_with(|| PermissionSet::new(catalog, permissions));
            }
        }
        let definitions = RoleDefinitions::of(estate);
        for (id, block) in definitions.iter() {
            compiled.insert(RoleKey::Custom(id), PermissionSet::new(catalog, block));
        }
        Self {
            estate,
            catalog,
            compiled,
            definitions,
            empty: PermissionSet::empty(catalog),
        }
    }

    /// The estate the roles were compiled for.
    pub fn estate(&self) -> &'e Estate {
        self.estate
    }

    /// The operation catalog every set is compiled over.
    pub fn catalog(&self) -> &'static Catalog {
        self.catalog
    }

    /// The custom roles that could not be composed, in role order.
    pub fn role_errors(&self) -> &[RoleError] {
        self.definitions.errors()
    }

    /// The permission block that deploys each custom role: what every answer about a
    /// custom role is computed from.
    pub fn definitions(&self) -> &RoleDefinitions {
        &self.definitions
    }

    /// The permissions of a role, or `None` when they are unknown (a built-in role whose
    /// definition is not embedded, or a custom role that could not be composed).
    pub fn role_permissions(&self, role: RoleRef) -> Option<&PermissionSet<'static>> {
        self.compiled.get(&RoleKey::of(role))
    }

    /// A set that grants nothing (what a persona without a role holds).
    pub fn nothing(&self) -> &PermissionSet<'static> {
        &self.empty
    }

    /// What a persona may do on a project's workspace in an environment: the permissions of
    /// the one role assigned to its group there. `None` when it has no role there or the
    /// role's permissions are unknown.
    pub fn persona_permissions(
        &self,
        persona: PersonaId,
        environment: EnvironmentId,
        project: ProjectId,
    ) -> Option<&PermissionSet<'static>> {
        self.estate
            .assigned_role(persona, environment, project)
            .and_then(|role| self.role_permissions(role))
    }

    /// Why a persona may or may not perform `operation` in an environment: for one project,
    /// or for every project with a workspace there, grouped by identical answers.
    pub fn explain(
        &self,
        persona: PersonaId,
        environment: EnvironmentId,
        project: Option<ProjectId>,
        operation: &str,
    ) -> Explanation {
        let known = self.catalog.get(operation);
        let did_you_mean = match known {
            Some(_) => None,
            None => did_you_mean(
                operation,
                self.catalog.operations().iter().map(|op| op.name()),
            )
            .map(str::to_owned),
        };
        let mut groups: Vec<(Option<RoleKey>, ProjectAnswer)> = Vec::new();
        for project_id in self.projects_in(environment, project, None) {
            let role = self.estate.assigned_role(persona, environment, project_id);
            let decision = match role {
                None => Verdict::NoRole,
                Some(role) => match self.role_permissions(role) {
                    None => Verdict::Unknown,
                    Some(set) => Verdict::from_decision(set.allows(operation)),
                },
            };
            let key = role.map(RoleKey::of);
            let name = self.project_name(project_id);
            match groups
                .iter_mut()
                .find(|(k, answer)| *k == key && answer.decision == decision)
            {
                Some((_, answer)) => answer.projects.push(name),
                None => groups.push((
                    key,
                    ProjectAnswer {
                        projects: vec![name],
                        role: role.map(|r| r.reference_name(self.estate).to_owned()),
                        decision,
                    },
                )),
            }
        }
        Explanation {
            persona: self.persona_name(persona),
            environment: self.environment_name(environment),
            operation: operation.to_owned(),
            in_catalog: known.is_some(),
            did_you_mean,
            registry: None,
            groups: groups.into_iter().map(|(_, answer)| answer).collect(),
        }
    }

    /// The roles a persona's group of an environment holds at the model registry, one per
    /// duty (publisher first); empty when it holds none or the estate has no registry.
    pub fn registry_roles(
        &self,
        persona: PersonaId,
        environment: EnvironmentId,
    ) -> Vec<(RegistryDuty, RoleRef)> {
        self.estate
            .registry()
            .map(|registry| {
                registry
                    .duties(persona, environment)
                    .map(|duty| (duty, registry.role(duty)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// What a persona's group of an environment may do at the model registry: the union of
    /// its roles there (a set that grants nothing when it holds none). `None` when a role's
    /// permissions are unknown.
    pub fn registry_permissions(
        &self,
        persona: PersonaId,
        environment: EnvironmentId,
    ) -> Option<PermissionSet<'static>> {
        let mut set = self.empty.clone();
        for (_, role) in self.registry_roles(persona, environment) {
            set = set.union_with(self.role_permissions(role)?);
        }
        Some(set)
    }

    /// Why a persona's group of an environment may or may not perform `operation` at the
    /// model registry (`Microsoft.MachineLearningServices/registries/…`): one answer per
    /// distinct role it holds there, or one that says it holds none. The answer names the
    /// registry and no project; with no registry in the estate it has no answer at all.
    pub fn explain_registry(
        &self,
        persona: PersonaId,
        environment: EnvironmentId,
        operation: &str,
    ) -> Explanation {
        let mut explanation = self.explain(persona, environment, None, operation);
        explanation.groups.clear();
        explanation.registry = crate::naming::EstateNames::for_estate(self.estate)
            .registry(self.estate)
            .map(|names| names.registry.value);
        if explanation.registry.is_none() {
            return explanation;
        }
        let mut roles: Vec<RoleRef> = Vec::new();
        for (_, role) in self.registry_roles(persona, environment) {
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        if roles.is_empty() {
            explanation.groups.push(ProjectAnswer {
                projects: Vec::new(),
                role: None,
                decision: Verdict::NoRole,
            });
        }
        for role in roles {
            let decision = match self.role_permissions(role) {
                None => Verdict::Unknown,
                Some(set) => Verdict::from_decision(set.allows(operation)),
            };
            explanation.groups.push(ProjectAnswer {
                projects: Vec::new(),
                role: Some(role.reference_name(self.estate).to_owned()),
                decision,
            });
        }
        explanation
    }

    /// What a persona's group gains and loses at the model registry from one environment's
    /// group to another's: the union of the roles each holds there. With no registry in the
    /// estate the report has no answer.
    pub fn diff_registry(
        &self,
        persona: PersonaId,
        from: EnvironmentId,
        to: EnvironmentId,
    ) -> DiffReport {
        let registry = crate::naming::EstateNames::for_estate(self.estate)
            .registry(self.estate)
            .map(|names| names.registry.value);
        let mut groups = Vec::new();
        if registry.is_some() {
            let names = |environment| -> Option<String> {
                let roles: Vec<&str> = self
                    .registry_roles(persona, environment)
                    .into_iter()
                    .map(|(_, role)| role.reference_name(self.estate))
                    .collect();
                (!roles.is_empty()).then(|| roles.join(" + "))
            };
            let diff = match (
                self.registry_permissions(persona, from),
                self.registry_permissions(persona, to),
            ) {
                (Some(from_set), Some(to_set)) => {
                    let gained = difference(&to_set, &from_set);
                    let lost = difference(&from_set, &to_set);
                    PermissionDiff {
                        projects: Vec::new(),
                        from_role: names(from),
                        to_role: names(to),
                        known: true,
                        gained: operations(&gained),
                        lost: operations(&lost),
                        unproven_gained: unproven(&gained),
                        unproven_lost: unproven(&lost),
                    }
                }
                _ => PermissionDiff {
                    projects: Vec::new(),
                    from_role: names(from),
                    to_role: names(to),
                    known: false,
                    gained: Vec::new(),
                    lost: Vec::new(),
                    unproven_gained: Vec::new(),
                    unproven_lost: Vec::new(),
                },
            };
            groups.push(diff);
        }
        DiffReport {
            persona: self.persona_name(persona),
            from: self.environment_name(from),
            to: self.environment_name(to),
            registry,
            groups,
        }
    }

    /// What a persona gains and loses from one environment to another: for one project, or
    /// for every project with a workspace in either environment, grouped by identical
    /// answers (projects of the same factors give the same answer).
    pub fn diff(
        &self,
        persona: PersonaId,
        from: EnvironmentId,
        to: EnvironmentId,
        project: Option<ProjectId>,
    ) -> DiffReport {
        type Pair = (Option<RoleKey>, Option<RoleKey>);
        let mut groups: Vec<(Pair, PermissionDiff)> = Vec::new();
        for project_id in self.projects_in(from, project, Some(to)) {
            let from_role = self.estate.assigned_role(persona, from, project_id);
            let to_role = self.estate.assigned_role(persona, to, project_id);
            let pair = (from_role.map(RoleKey::of), to_role.map(RoleKey::of));
            let name = self.project_name(project_id);
            if let Some((_, found)) = groups.iter_mut().find(|(p, _)| *p == pair) {
                found.projects.push(name);
                continue;
            }
            let diff = self.role_diff(from_role, to_role);
            groups.push((
                pair,
                PermissionDiff {
                    projects: vec![name],
                    ..diff
                },
            ));
        }
        DiffReport {
            persona: self.persona_name(persona),
            from: self.environment_name(from),
            to: self.environment_name(to),
            registry: None,
            groups: groups.into_iter().map(|(_, diff)| diff).collect(),
        }
    }

    /// What changes from holding role `from` to holding role `to` (`None`: no role). The
    /// `projects` of the answer are empty.
    pub fn role_diff(&self, from: Option<RoleRef>, to: Option<RoleRef>) -> PermissionDiff {
        let name = |role: Option<RoleRef>| role.map(|r| r.reference_name(self.estate).to_owned());
        let set = |role: Option<RoleRef>| match role {
            None => Some(&self.empty),
            Some(role) => self.role_permissions(role),
        };
        let (Some(from_set), Some(to_set)) = (set(from), set(to)) else {
            return PermissionDiff {
                projects: Vec::new(),
                from_role: name(from),
                to_role: name(to),
                known: false,
                gained: Vec::new(),
                lost: Vec::new(),
                unproven_gained: Vec::new(),
                unproven_lost: Vec::new(),
            };
        };
        let gained = difference(to_set, from_set);
        let lost = difference(from_set, to_set);
        PermissionDiff {
            projects: Vec::new(),
            from_role: name(from),
            to_role: name(to),
            known: true,
            gained: operations(&gained),
            lost: operations(&lost),
            unproven_gained: unproven(&gained),
            unproven_lost: unproven(&lost),
        }
    }

    /// Projects with a workspace in `environment` (or in `also`), or just `project`.
    fn projects_in(
        &self,
        environment: EnvironmentId,
        project: Option<ProjectId>,
        also: Option<EnvironmentId>,
    ) -> Vec<ProjectId> {
        match project {
            Some(project) => vec![project],
            None => self
                .estate
                .projects()
                .filter(|(_, p)| {
                    p.environments.contains(&environment)
                        || also.is_some_and(|also| p.environments.contains(&also))
                })
                .map(|(id, _)| id)
                .collect(),
        }
    }

    fn project_name(&self, id: ProjectId) -> String {
        self.estate[id].name.to_string()
    }

    fn persona_name(&self, id: PersonaId) -> String {
        self.estate[id].name.to_string()
    }

    fn environment_name(&self, id: EnvironmentId) -> String {
        self.estate[id].name.to_string()
    }
}

fn operations(difference: &Difference<'_>) -> Vec<String> {
    difference
        .operations
        .iter()
        .map(|op| op.name().to_owned())
        .collect()
}

fn unproven(difference: &Difference<'_>) -> Vec<String> {
    let mut patterns: Vec<String> = difference
        .unproven
        .iter()
        .map(|u| u.pattern.clone())
        .collect();
    patterns.sort();
    patterns.dedup();
    patterns
}

/// The answer of [`Access::explain`]. Part of the JSON output of `mlzone explain`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Explanation {
    /// The persona asked about.
    pub persona: String,
    /// The environment asked about.
    pub environment: String,
    /// The operation as asked.
    pub operation: String,
    /// Whether the operation is in mlzone's operation catalog; answers about other names
    /// are only as good as the patterns that match them.
    pub in_catalog: bool,
    /// The closest catalog operation, when the operation is not in the catalog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub did_you_mean: Option<String>,
    /// The model registry's name, when the question is about the registry
    /// ([`Access::explain_registry`]) rather than the projects' workspaces; its answers
    /// then name no project, one per role held there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registry: Option<String>,
    /// One answer per group of projects that share it, in project order.
    pub groups: Vec<ProjectAnswer>,
}

/// One answer of an [`Explanation`], shared by a group of projects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ProjectAnswer {
    /// The projects, by name.
    pub projects: Vec<String>,
    /// The role assigned to the persona there, as the document names it; `None` when it
    /// has none.
    pub role: Option<String>,
    /// Whether the operation is allowed, and which pattern decided.
    pub decision: Verdict,
}

/// Whether an operation is allowed, with the deciding patterns. Part of the JSON output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "decision", rename_all = "kebab-case")]
pub enum Verdict {
    /// A pattern grants it and none of the same role removes it.
    Granted {
        /// The granting pattern.
        by: String,
    },
    /// A pattern grants it and another pattern of the same role removes it.
    #[serde(rename_all = "kebab-case")]
    Removed {
        /// The granting pattern.
        granted_by: String,
        /// The removing pattern (`notActions` or `notDataActions`).
        removed_by: String,
    },
    /// No pattern of the role grants it.
    NotGranted,
    /// The persona has no role there.
    NoRole,
    /// The role's permissions are not known to mlzone.
    Unknown,
}

impl Verdict {
    fn from_decision(decision: Decision<'_>) -> Self {
        match decision {
            Decision::Granted { by } => Self::Granted {
                by: by.pattern.to_owned(),
            },
            Decision::Removed {
                granted_by,
                removed_by,
            } => Self::Removed {
                granted_by: granted_by.pattern.to_owned(),
                removed_by: removed_by.pattern.to_owned(),
            },
            Decision::NotGranted => Self::NotGranted,
        }
    }

    /// Whether the operation is allowed.
    pub fn is_granted(&self) -> bool {
        matches!(self, Self::Granted { .. })
    }
}

/// The answer of [`Access::diff`]. Part of the JSON output of `mlzone diff`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct DiffReport {
    /// The persona asked about.
    pub persona: String,
    /// The environment compared from.
    pub from: String,
    /// The environment compared to.
    pub to: String,
    /// The model registry's name, when the comparison is at the registry
    /// ([`Access::diff_registry`]); its one answer then names no project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registry: Option<String>,
    /// One answer per group of projects that share it, in project order.
    pub groups: Vec<PermissionDiff>,
}

/// What a persona gains and loses between two environments, for a group of projects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct PermissionDiff {
    /// The projects, by name.
    pub projects: Vec<String>,
    /// The role held in the first environment, as the document names it.
    pub from_role: Option<String>,
    /// The role held in the second environment.
    pub to_role: Option<String>,
    /// Whether both roles' permissions are known; when not, the lists are empty.
    pub known: bool,
    /// Catalog operations granted in the second environment and not in the first.
    pub gained: Vec<String>,
    /// Catalog operations granted in the first environment and not in the second.
    pub lost: Vec<String>,
    /// Patterns of the second role that may grant operations outside the catalog which the
    /// first was not shown to grant.
    pub unproven_gained: Vec<String>,
    /// The same from the first role to the second.
    pub unproven_lost: Vec<String>,
}

impl PermissionDiff {
    /// True when nothing is gained or lost, as far as can be proven.
    pub fn is_empty(&self) -> bool {
        self.gained.is_empty()
            && self.lost.is_empty()
            && self.unproven_gained.is_empty()
            && self.unproven_lost.is_empty()
    }
}
