//! The resolved estate: presets and defaults applied, every reference a typed id.
//!
//! An [`Estate`] is only built by [`crate::resolve()`] (from a document or the builder), so its
//! references are valid by construction. Collections are in a canonical order — environments
//! along the promotion path, everything else by name — so two documents that differ only in
//! the order of their items give equal estates and identical output.
//!
//! Items are looked up by typed id with `estate[id]`, which cannot fail, as in `la-arena`: an
//! id is made only by resolution, for an item of the estate it builds (or by the estate's
//! iterators, from a position in its collection), and an estate never changes once resolved,
//! so an id is always in range of the estate it came from and of that estate's clones. Using
//! an id of another estate is a logic error: the lookup gives that estate's item at the same
//! position, or panics when there is none.

mod environment;
mod guardrails;
mod landing_zone;
mod persona;
mod policy;
mod project;
mod registry;
mod role;

use std::collections::BTreeMap;

pub use environment::{
    Approval, Environment, FailureCriteria, LoadTest, Posture, TestTraffic, Testing,
};
pub use guardrails::{Effects, Exemption, Guardrails};
pub use landing_zone::{
    CentralZones, LandingZone, PRIVATE_DNS_ZONE_TYPE, PrivateDns, PrivateDnsZone,
};
pub use persona::{Persona, default_access};
pub use policy::InheritedPolicy;
pub use project::{
    Cluster, Compute, DataScientist, Endpoints, Factors, InstanceSettings, OutboundRule, Pipeline,
    PrivateLink, Project,
};
pub use registry::{Registry, RegistryDuty, RegistryHome};
pub use role::{CustomRole, RoleRef};

use crate::diagnostic::{Code, Diagnostic, unknown_name};
use crate::newtypes::{AzureLocation, Guid, Slug};
use crate::vocabulary::{AccessLevel, Archetype, RuleLevel};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        ///
        /// Only resolution makes one, for an item of the estate it builds; see
        /// [`Estate`]'s `Index` impls.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            /// The id of the item at this position of its estate collection; only
            /// resolution and the estate's iterators call it.
            pub(crate) fn from_index(index: usize) -> Self {
                Self(u32::try_from(index).unwrap_or(u32::MAX))
            }

            /// The position of the item in its estate collection.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(
    /// An environment of an [`Estate`].
    EnvironmentId
);
id_type!(
    /// A persona of an [`Estate`].
    PersonaId
);
id_type!(
    /// A project of an [`Estate`].
    ProjectId
);
id_type!(
    /// A custom role of an [`Estate`].
    RoleId
);

/// `estate[id]`: the lookup by id that cannot fail (see the module documentation).
macro_rules! index_by_id {
    ($id:ident, $item:ty, $field:ident) => {
        /// The item with this id. An id of another estate is a logic error: it gives that
        /// estate's item at the same position, or panics when there is none.
        impl std::ops::Index<$id> for Estate {
            type Output = $item;

            #[expect(
                clippy::indexing_slicing,
                reason = "ids are made only by resolution for the estate that holds the item, which never changes afterwards"
            )]
            fn index(&self, id: $id) -> &$item {
                &self.$field[id.index()]
            }
        }
    };
}

index_by_id!(EnvironmentId, Environment, environments);
index_by_id!(PersonaId, Persona, personas);
index_by_id!(ProjectId, Project, projects);
index_by_id!(RoleId, CustomRole, roles);

/// How resource names are built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Naming {
    /// A short prefix put in front of every resource name.
    pub prefix: Option<Slug>,
}

/// The level a document set for one rule, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetting {
    /// Allow, warn or deny.
    pub level: RuleLevel,
    /// The author's reason.
    pub reason: String,
    /// Where the setting is in the document.
    pub path: String,
}

/// One organisation's Azure Machine Learning estate, resolved and ready to validate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estate {
    pub(crate) organisation: String,
    pub(crate) tenant: Guid,
    pub(crate) location: AzureLocation,
    pub(crate) preset: Option<Archetype>,
    pub(crate) naming: Naming,
    pub(crate) tags: BTreeMap<String, String>,
    pub(crate) environments: Vec<Environment>,
    pub(crate) personas: Vec<Persona>,
    pub(crate) projects: Vec<Project>,
    pub(crate) roles: Vec<CustomRole>,
    pub(crate) rules: BTreeMap<Code, RuleSetting>,
    pub(crate) registry: Option<Registry>,
    pub(crate) inherited_policies: Vec<InheritedPolicy>,
    pub(crate) guardrails: Guardrails,
}

impl Estate {
    /// The organisation's display name.
    pub fn organisation(&self) -> &str {
        &self.organisation
    }

    /// The Entra ID tenant.
    pub fn tenant(&self) -> Guid {
        self.tenant
    }

    /// The default Azure region.
    pub fn location(&self) -> &AzureLocation {
        &self.location
    }

    /// The archetype the document named as its preset, if any.
    pub fn preset(&self) -> Option<Archetype> {
        self.preset
    }

    /// How resource names are built.
    pub fn naming(&self) -> &Naming {
        &self.naming
    }

    /// Tags put on every resource.
    pub fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    /// Environments in promotion order (development first), ties broken by name.
    pub fn environments(&self) -> impl ExactSizeIterator<Item = (EnvironmentId, &Environment)> {
        self.environments
            .iter()
            .enumerate()
            .map(|(i, environment)| (EnvironmentId::from_index(i), environment))
    }

    /// Personas by name.
    pub fn personas(&self) -> impl ExactSizeIterator<Item = (PersonaId, &Persona)> {
        self.personas
            .iter()
            .enumerate()
            .map(|(i, persona)| (PersonaId::from_index(i), persona))
    }

    /// Projects by name.
    pub fn projects(&self) -> impl ExactSizeIterator<Item = (ProjectId, &Project)> {
        self.projects
            .iter()
            .enumerate()
            .map(|(i, project)| (ProjectId::from_index(i), project))
    }

    /// The document's custom roles by name.
    pub fn roles(&self) -> impl ExactSizeIterator<Item = (RoleId, &CustomRole)> {
        self.roles
            .iter()
            .enumerate()
            .map(|(i, role)| (RoleId::from_index(i), role))
    }

    /// The model registry shared by the environments, unless the document removed it.
    pub fn registry(&self) -> Option<&Registry> {
        self.registry.as_ref()
    }

    /// Rule levels the document set, by code.
    pub fn rules(&self) -> &BTreeMap<Code, RuleSetting> {
        &self.rules
    }

    /// The policies the estate inherits from its landing zone, in document order.
    pub fn inherited_policies(&self) -> &[InheritedPolicy] {
        &self.inherited_policies
    }

    /// The estate's Azure Policy guardrails.
    pub fn guardrails(&self) -> &Guardrails {
        &self.guardrails
    }

    /// The environment with this name.
    pub fn environment_named(&self, name: &str) -> Option<EnvironmentId> {
        self.environments()
            .find(|(_, environment)| environment.name.as_str() == name)
            .map(|(id, _)| id)
    }

    /// The persona with this name.
    pub fn persona_named(&self, name: &str) -> Option<PersonaId> {
        self.personas()
            .find(|(_, persona)| persona.name.as_str() == name)
            .map(|(id, _)| id)
    }

    /// The project with this name.
    pub fn project_named(&self, name: &str) -> Option<ProjectId> {
        self.projects()
            .find(|(_, project)| project.name.as_str() == name)
            .map(|(id, _)| id)
    }

    /// The environment with this name, or an unknown-name diagnostic (see
    /// [`unknown_name`]) for a name typed outside the document.
    pub fn environment_by_name(&self, name: &str) -> Result<EnvironmentId, Box<Diagnostic>> {
        self.environment_named(name).ok_or_else(|| {
            let known = self.environments().map(|(_, e)| e.name.as_str());
            Box::new(unknown_name("", "environment", name, known))
        })
    }

    /// The persona with this name, or an unknown-name diagnostic (see [`unknown_name`]).
    pub fn persona_by_name(&self, name: &str) -> Result<PersonaId, Box<Diagnostic>> {
        self.persona_named(name).ok_or_else(|| {
            let known = self.personas().map(|(_, p)| p.name.as_str());
            Box::new(unknown_name("", "persona", name, known))
        })
    }

    /// The project with this name, or an unknown-name diagnostic (see [`unknown_name`]).
    pub fn project_by_name(&self, name: &str) -> Result<ProjectId, Box<Diagnostic>> {
        self.project_named(name).ok_or_else(|| {
            let known = self.projects().map(|(_, p)| p.name.as_str());
            Box::new(unknown_name("", "project", name, known))
        })
    }

    /// The access level of a persona in an environment.
    pub fn access(&self, persona: PersonaId, environment: EnvironmentId) -> AccessLevel {
        self[persona]
            .access
            .get(&environment)
            .copied()
            .unwrap_or(AccessLevel::None)
    }

    /// The role a persona is assigned on a project's workspace in an environment, or `None`
    /// when its access there is `none` or the project has no workspace there.
    ///
    /// A role the document set for the persona and environment wins; otherwise the access
    /// level and the project's restriction pick a role (see [`RoleRef::for_access`]).
    pub fn assigned_role(
        &self,
        persona: PersonaId,
        environment: EnvironmentId,
        project: ProjectId,
    ) -> Option<RoleRef> {
        let persona_item = &self[persona];
        let project_item = &self[project];
        if !project_item.environments.contains(&environment) {
            return None;
        }
        if let Some(role) = persona_item.roles.get(&environment) {
            return Some(*role);
        }
        RoleRef::for_access(
            self.access(persona, environment),
            persona_item.kind,
            project_item.factors.restriction,
        )
    }
}

#[cfg(test)]
mod tests;
