//! What the document says about one environment's access, in the terms an export uses:
//! workspaces by name, principals by object id, roles by definition GUID. The same facts
//! code generation writes (`Estate::assigned_role`, `naming`), derived in the model.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use super::scope::Workspaces;
use crate::estate::{EnvironmentId, Estate, PersonaId, ProjectId, RoleRef};
use crate::naming::EstateNames;
use crate::rbac::builtin;

/// A principal the document knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Known {
    /// The Entra group of a persona in an environment.
    Group {
        persona: PersonaId,
        environment: EnvironmentId,
    },
    /// A data scientist of a project (an Entra user).
    Person { project: ProjectId, index: usize },
}

/// Owner, Contributor and User Access Administrator: the roles that may change the
/// workspace or hand out access, whose GUIDs Azure fixes.
pub(crate) const PRIVILEGED_ROLES: [&str; 3] =
    ["Owner", "Contributor", "User Access Administrator"];

/// The document's access in one environment.
#[derive(Debug)]
pub(crate) struct Expected<'e> {
    pub estate: &'e Estate,
    pub environment: EnvironmentId,
    pub workspaces: Workspaces,
    /// Every role the document can assign here, by definition GUID.
    pub roles: BTreeMap<Uuid, RoleRef>,
    /// Every principal the document knows, by object id.
    pub principals: BTreeMap<Uuid, Known>,
    /// The assignments code generation writes: (workspace index, group, role) → persona.
    pub assignments: BTreeMap<(usize, Uuid, Uuid), PersonaId>,
    /// The GUIDs of Owner, Contributor and User Access Administrator.
    privileged: BTreeSet<Uuid>,
}

impl<'e> Expected<'e> {
    /// What the document says about `environment`.
    pub(crate) fn of(estate: &'e Estate, names: &EstateNames, environment: EnvironmentId) -> Self {
        let env = &estate[environment];
        let workspaces = Workspaces::of(estate, names, environment);
        let mut roles = BTreeMap::new();
        for role in crate::rbac::library::all() {
            roles.insert(names.role_definition(env, role.key), RoleRef::Library(role));
        }
        for (id, role) in estate.roles() {
            roles.insert(
                names.role_definition(env, role.name.as_str()),
                RoleRef::Custom(id),
            );
        }
        let mut principals = BTreeMap::new();
        for (project_id, project) in estate.projects() {
            for (index, person) in project.data_scientists.iter().enumerate() {
                principals.insert(
                    person.object_id.as_uuid(),
                    Known::Person {
                        project: project_id,
                        index,
                    },
                );
            }
        }
        for (persona_id, persona) in estate.personas() {
            for (group_environment, group) in &persona.groups {
                let known = Known::Group {
                    persona: persona_id,
                    environment: *group_environment,
                };
                // A group shared by several environments is known by this one's entry.
                if *group_environment == environment {
                    principals.insert(group.as_uuid(), known);
                } else {
                    principals.entry(group.as_uuid()).or_insert(known);
                }
            }
        }
        let mut assignments = BTreeMap::new();
        for (index, workspace) in workspaces.all.iter().enumerate() {
            for (persona_id, persona) in estate.personas() {
                let Some(group) = persona.groups.get(&environment) else {
                    continue;
                };
                let Some(role) = estate.assigned_role(persona_id, environment, workspace.project)
                else {
                    continue;
                };
                let guid = role_guid(estate, names, environment, role);
                assignments.insert((index, group.as_uuid(), guid), persona_id);
            }
        }
        let privileged = PRIVILEGED_ROLES
            .iter()
            .filter_map(|name| builtin::find(name))
            .map(|role| role.id)
            .collect();
        Self {
            estate,
            environment,
            workspaces,
            roles,
            principals,
            assignments,
            privileged,
        }
    }

    /// Whether `role` is Owner, Contributor or User Access Administrator.
    pub(crate) fn is_privileged(&self, role: Uuid) -> bool {
        self.privileged.contains(&role)
    }

    /// Whether the environment is a production one.
    pub(crate) fn is_production(&self) -> bool {
        self.estate[self.environment].stage == crate::vocabulary::Stage::Production
    }

    /// The role `guid` names, for messages: the document's or Azure's name, else `fallback`
    /// (the export's name), else the GUID.
    pub(crate) fn role_name(&self, guid: Uuid, fallback: Option<&str>) -> String {
        if let Some(role) = self.roles.get(&guid) {
            return role.reference_name(self.estate).to_owned();
        }
        if let Some(role) = builtin::find_by_id(guid) {
            return role.name.clone();
        }
        match fallback.filter(|name| !name.is_empty()) {
            Some(name) => name.to_owned(),
            None => guid.to_string(),
        }
    }

    /// The document item a known principal stands for (JSON pointer).
    pub(crate) fn path_of(&self, known: Known) -> String {
        match known {
            Known::Group { persona, .. } => self.estate[persona].path.clone(),
            Known::Person { project, index } => self.estate[project]
                .data_scientists
                .get(index)
                .map_or_else(|| self.estate[project].path.clone(), |p| p.path.clone()),
        }
    }

    /// A known principal in words.
    pub(crate) fn describe(&self, known: Known) -> String {
        match known {
            Known::Group {
                persona,
                environment,
            } => format!(
                "the group of persona `{}` in `{}`",
                self.estate[persona].name, self.estate[environment].name
            ),
            Known::Person { project, index } => {
                let project = &self.estate[project];
                match project.data_scientists.get(index) {
                    Some(person) => format!(
                        "data scientist `{}` of project `{}`",
                        person.name, project.name
                    ),
                    None => format!("a data scientist of project `{}`", project.name),
                }
            }
        }
    }
}

/// The definition GUID an assignment of `role` refers to in `environment`: a built-in role's
/// own, or the one code generation gives a library or custom role there.
pub(crate) fn role_guid(
    estate: &Estate,
    names: &EstateNames,
    environment: EnvironmentId,
    role: RoleRef,
) -> Uuid {
    match role {
        RoleRef::Builtin(builtin) => builtin.id,
        RoleRef::Library(_) | RoleRef::Custom(_) => {
            names.role_definition(&estate[environment], role.reference_name(estate))
        }
    }
}
