//! Names the user typed, resolved against the estate with "did you mean" on a miss.

use mlzone_model::estate::{EnvironmentId, PersonaId, ProjectId};
use mlzone_model::{Diagnostic, Estate};

use crate::cli::Failure;

/// Name lookups in one estate.
pub(crate) struct Lookup<'e> {
    estate: &'e Estate,
}

impl<'e> Lookup<'e> {
    pub fn new(estate: &'e Estate) -> Self {
        Self { estate }
    }

    pub fn persona(&self, name: &str) -> Result<PersonaId, Failure> {
        self.estate.persona_by_name(name).map_err(|d| unknown(&d))
    }

    pub fn environment(&self, name: &str) -> Result<EnvironmentId, Failure> {
        self.estate
            .environment_by_name(name)
            .map_err(|d| unknown(&d))
    }

    pub fn project(&self, name: &str) -> Result<ProjectId, Failure> {
        self.estate.project_by_name(name).map_err(|d| unknown(&d))
    }
}

/// The model's unknown-name diagnostic as the one-line failure of a command.
fn unknown(diagnostic: &Diagnostic) -> Failure {
    diagnostic.one_line().into()
}
