//! Personas and their default access.

use std::collections::{BTreeMap, BTreeSet};

use super::{EnvironmentId, RoleRef};
use crate::newtypes::{Guid, Slug};
use crate::vocabulary::{AccessLevel, PersonaKind, Stage};

/// One persona: a job function with one Entra group and one access level per environment.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Persona {
    /// Its name.
    pub name: Slug,
    /// Its job function.
    pub kind: PersonaKind,
    /// What it is, for documentation.
    pub description: Option<String>,
    /// Its Entra group per environment; environments without one get a deployment parameter.
    pub groups: BTreeMap<EnvironmentId, Guid>,
    /// Its access level in every environment (complete: defaults filled in).
    pub access: BTreeMap<EnvironmentId, AccessLevel>,
    /// Roles the document set explicitly, overriding the access level's role.
    pub roles: BTreeMap<EnvironmentId, RoleRef>,
    /// The environments whose access level the document wrote (the others have the
    /// default), so that findings point only at entries the document has.
    pub access_written: BTreeSet<EnvironmentId>,
    /// Where it is in the document (JSON pointer).
    pub path: String,
}

/// The access a persona of a kind has in a stage when the document does not say.
///
/// This is the table of the CAF guidance: data scientists and data engineers go from
/// experiment in development to configure in test to read in production; MLOps engineers grow
/// from configure to full; workspace admins administer everywhere; stakeholders read the
/// stages they approve.
pub fn default_access(kind: PersonaKind, stage: Stage) -> AccessLevel {
    use AccessLevel as A;
    match (kind, stage) {
        (PersonaKind::DataScientist | PersonaKind::DataEngineer, Stage::Development) => {
            A::Experiment
        }
        (PersonaKind::DataScientist | PersonaKind::DataEngineer, Stage::Test) => A::Configure,
        (PersonaKind::DataScientist | PersonaKind::DataEngineer, Stage::Production) => A::Read,
        (PersonaKind::MlopsEngineer, Stage::Development) => A::Configure,
        (PersonaKind::MlopsEngineer, Stage::Test | Stage::Production) => A::Full,
        (PersonaKind::WorkspaceAdmin, _) => A::Admin,
        (PersonaKind::Stakeholder, Stage::Development) => A::None,
        (PersonaKind::Stakeholder, Stage::Test | Stage::Production) => A::Read,
        (PersonaKind::Custom, _) => A::None,
    }
}
