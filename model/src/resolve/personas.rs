//! Personas: kinds, groups, access levels and role overrides.

use std::collections::{BTreeMap, BTreeSet};

use super::environments::Environments;
use super::roles::RoleNames;
use super::{Problems, defaults, pointer};
use crate::diagnostic::{Code, Diagnostic};
use crate::document::{Document, PersonaDoc};
use crate::estate::{Environment, EnvironmentId, Persona, PersonaId, Project, default_access};
use crate::newtypes::{Guid, Slug};
use crate::vocabulary::PersonaKind;

/// Personas by name, with a name index.
pub(crate) struct Personas {
    pub items: Vec<Persona>,
    by_name: BTreeMap<String, PersonaId>,
}

impl Personas {
    /// The ids of the personas, in the order of `items`.
    pub fn ids(&self) -> impl Iterator<Item = PersonaId> + use<> {
        (0..self.items.len()).map(PersonaId::from_index)
    }

    /// The first persona (by name) of a kind.
    pub fn first_of_kind(&self, kind: PersonaKind) -> Option<PersonaId> {
        self.items
            .iter()
            .position(|persona| persona.kind == kind)
            .map(PersonaId::from_index)
    }

    /// The id of a persona named in the document, or a located problem.
    pub fn lookup(&self, problems: &mut Problems, path: String, name: &str) -> Option<PersonaId> {
        let found = self.by_name.get(name).copied();
        if found.is_none() {
            problems.unknown(
                path,
                "persona",
                name,
                self.by_name.keys().map(String::as_str),
            );
        }
        found
    }
}

pub(crate) fn resolve(
    document: &Document,
    environments: &Environments,
    roles: &RoleNames,
    problems: &mut Problems,
) -> Personas {
    let docs = merged(document, problems);
    let mut items = Vec::with_capacity(docs.len());
    let mut by_name = BTreeMap::new();
    for (name, (persona, path)) in &docs {
        let path = path.clone();
        let kind = persona
            .kind
            .unwrap_or_else(|| defaults::kind_from_name(name.as_str()));
        if let Some(description) = &persona.description {
            super::text::check_description(problems, &format!("{path}/description"), description);
        }

        let mut groups = BTreeMap::new();
        let mut seen_groups: BTreeMap<_, String> = BTreeMap::new();
        for (environment, group) in &persona.groups {
            let group_path = format!("{path}/groups{}", pointer([environment]));
            if group.is_nil() {
                problems.push(nil_guid(group_path.clone()));
            }
            if let Some(first) = seen_groups.get(group) {
                problems.push(
                    Diagnostic::error(
                        Code::DuplicateObjectId,
                        group_path.clone(),
                        format!("persona `{name}` uses group `{group}` in two environments"),
                    )
                    .with_help(
                        "give each environment its own group, as the CAF guidance recommends",
                    )
                    .with_related(first.clone(), "also used here"),
                );
            } else {
                seen_groups.insert(*group, group_path.clone());
            }
            let id = problems.about_keys(|problems| {
                environments.lookup(problems, group_path, environment.as_str())
            });
            if let Some(id) = id {
                groups.insert(id, *group);
            }
        }

        let mut access: BTreeMap<_, _> = environments
            .items
            .iter()
            .zip(environments.ids())
            .map(|(environment, id)| (id, default_access(kind, environment.stage)))
            .collect();
        let mut access_written = BTreeSet::new();
        for (environment, level) in &persona.access {
            let access_path = format!("{path}/access{}", pointer([environment]));
            let id = problems.about_keys(|problems| {
                environments.lookup(problems, access_path, environment.as_str())
            });
            if let Some(id) = id {
                access.insert(id, *level);
                access_written.insert(id);
            }
        }

        let mut role_overrides = BTreeMap::new();
        for (environment, role) in &persona.roles {
            let role_path = format!("{path}/roles{}", pointer([environment]));
            let environment_id = problems.about_keys(|problems| {
                environments.lookup(problems, role_path.clone(), environment.as_str())
            });
            let role = roles.lookup(problems, role_path, role);
            if let (Some(environment_id), Some(role)) = (environment_id, role) {
                role_overrides.insert(environment_id, role);
            }
        }

        by_name.insert(name.to_string(), PersonaId::from_index(items.len()));
        items.push(Persona {
            name: name.clone(),
            kind,
            description: persona.description.clone(),
            groups,
            access,
            roles: role_overrides,
            access_written,
            path,
        });
    }
    Personas { items, by_name }
}

/// The five CAF personas merged with the document's, each with its path (empty for a
/// default the document does not write): a written persona replaces the default of its
/// name, `remove: true` drops it.
fn merged(document: &Document, problems: &mut Problems) -> BTreeMap<Slug, (PersonaDoc, String)> {
    let mut docs: BTreeMap<Slug, (PersonaDoc, String)> = defaults::personas()
        .into_iter()
        .map(|(name, persona)| (name, (persona, String::new())))
        .collect();
    for (name, persona) in document.personas.iter().flatten() {
        let path = pointer(["personas", name.as_str()]);
        if !persona.remove {
            docs.insert(name.clone(), (persona.clone(), path));
            continue;
        }
        let alone = PersonaDoc {
            remove: true,
            ..PersonaDoc::default()
        };
        if persona != &alone {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("{path}/remove"),
                    format!("persona `{name}` is removed, but other keys are set beside `remove`"),
                )
                .with_help("`remove: true` drops a default persona; delete the other keys, or `remove` to keep the persona"),
            );
        } else if docs.remove(name).is_none() {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("{path}/remove"),
                    format!("`remove` is set on `{name}`, which is not a default persona"),
                )
                .with_help(
                    "`remove: true` drops one of the five CAF personas; delete the entry instead",
                ),
            );
        }
    }
    docs
}

/// Refuses an Entra object id that stands for two things: one group for two personas in one
/// environment (the members get both personas' access), or a data scientist's user id that
/// is also a persona's group id.
pub(crate) fn check_object_ids(
    personas: &[Persona],
    environments: &Environments,
    projects: &[Project],
    problems: &mut Problems,
) {
    let group_path = |persona: &Persona, environment: &Environment| {
        format!(
            "{}/groups{}",
            persona.path,
            pointer([environment.name.as_str()])
        )
    };
    let mut first: BTreeMap<(EnvironmentId, Guid), &Persona> = BTreeMap::new();
    let mut any_environment: BTreeMap<Guid, String> = BTreeMap::new();
    for persona in personas {
        // Walking the environments in id order visits the groups in their map's order.
        for (id, environment) in environments.ids().zip(&environments.items) {
            let Some(&group) = persona.groups.get(&id) else {
                continue;
            };
            any_environment
                .entry(group)
                .or_insert_with(|| group_path(persona, environment));
            match first.get(&(id, group)) {
                Some(earlier) => problems.push(
                    Diagnostic::error(
                        Code::DuplicateObjectId,
                        group_path(persona, environment),
                        format!(
                            "personas `{}` and `{}` share group `{group}` in `{}`",
                            earlier.name, persona.name, environment.name,
                        ),
                    )
                    .with_help("give each persona its own group: members of a shared group get the access of both personas")
                    .with_related(group_path(earlier, environment), "also used here"),
                ),
                None => {
                    first.insert((id, group), persona);
                }
            }
        }
    }
    for project in projects {
        for person in &project.data_scientists {
            let Some(group) = any_environment.get(&person.object_id) else {
                continue;
            };
            problems.push(
                Diagnostic::error(
                    Code::DuplicateObjectId,
                    format!("{}/object-id", person.path),
                    format!(
                        "data scientist `{}` has object id `{}`, which is also a persona's group",
                        person.name, person.object_id
                    ),
                )
                .with_help("a data scientist's `object-id` is the user's own id in Entra ID, not a group's")
                .with_related(group.clone(), "used as a group here"),
            );
        }
    }
}

pub(crate) fn nil_guid(path: String) -> Diagnostic {
    Diagnostic::error(
        Code::InvalidValue,
        path,
        "the all-zero GUID is not a real id",
    )
    .with_help("copy the object id from Entra ID")
}
