//! Names the user typed, resolved against the estate with "did you mean" on a miss.

use mlzone_model::Estate;
use mlzone_model::estate::{EnvironmentId, PersonaId, ProjectId};

use crate::cli::Failure;

/// Name lookups in one estate.
pub(crate) struct Names<'e> {
    estate: &'e Estate,
}

impl<'e> Names<'e> {
    pub fn new(estate: &'e Estate) -> Self {
        Self { estate }
    }

    pub fn persona(&self, name: &str) -> Result<PersonaId, Failure> {
        let known = self.estate.personas().map(|(_, p)| p.name.to_string());
        super::lookup("persona", name, self.estate.persona_named(name), known)
    }

    pub fn environment(&self, name: &str) -> Result<EnvironmentId, Failure> {
        let known = self.estate.environments().map(|(_, e)| e.name.to_string());
        super::lookup(
            "environment",
            name,
            self.estate.environment_named(name),
            known,
        )
    }

    pub fn project(&self, name: &str) -> Result<ProjectId, Failure> {
        let known = self.estate.projects().map(|(_, p)| p.name.to_string());
        super::lookup("project", name, self.estate.project_named(name), known)
    }
}
