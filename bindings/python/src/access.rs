//! Estate-level permission questions: what a persona may do in an environment, and how its
//! rights change between two environments.
//!
//! The answers come from `mlzone_model::access`, the queries the CLI uses too; this module only
//! resolves the names the caller typed and reshapes the answers into the binding's dicts.
//!
//! Both answers are per project, because a persona's role on a workspace depends on the
//! project's restriction factor; projects that get the same answer are grouped into one
//! entry, in project name order.

use mlzone_model::access::{Access, Verdict};
use mlzone_model::estate::{EnvironmentId, PersonaId, ProjectId};
use mlzone_model::{Diagnostic, Estate};

/// Where a question is asked: the projects' workspaces (one project, or all), or the model
/// registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// The workspaces of one project, or of every project when `None`.
    Projects(Option<&'a str>),
    /// The model registry.
    Registry,
}

/// A name the estate does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupError {
    /// One line: ``unknown persona `x` ``.
    pub message: String,
}

/// What a persona may do with one operation in one environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The persona asked about.
    pub persona: String,
    /// The environment asked about.
    pub environment: String,
    /// The operation as asked.
    pub operation: String,
    /// Whether the operation is in mlzone's catalog; answers about other names are
    /// pattern matches only.
    pub in_catalog: bool,
    /// The closest catalog operation, when the operation is not in the catalog.
    pub did_you_mean: Option<String>,
    /// The model registry's name, when the question was about the registry.
    pub registry: Option<String>,
    /// One answer per group of projects with the same role and decision.
    pub answers: Vec<ExplainAnswer>,
}

/// The answer for a group of projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainAnswer {
    /// The projects this answer holds for, by name.
    pub projects: Vec<String>,
    /// The role the persona has on their workspaces; `None` when it has no access.
    pub role: Option<String>,
    /// Whether that role allows the operation.
    pub allowed: bool,
    /// The pattern that grants the operation, when one does.
    pub granted_by: Option<String>,
    /// The pattern that subtracts it again, when one does.
    pub removed_by: Option<String>,
}

/// How a persona's rights change from one environment to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionDiff {
    /// The persona asked about.
    pub persona: String,
    /// The environment compared from.
    pub from: String,
    /// The environment compared to.
    pub to: String,
    /// The model registry's name, when the comparison was at the registry.
    pub registry: Option<String>,
    /// One answer per group of projects with the same change.
    pub answers: Vec<DiffAnswer>,
}

/// The change for a group of projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffAnswer {
    /// The projects this answer holds for, by name.
    pub projects: Vec<String>,
    /// Catalog operations allowed in `to` and not in `from`, in catalog order.
    pub gained: Vec<String>,
    /// Catalog operations allowed in `from` and not in `to`, in catalog order.
    pub lost: Vec<String>,
}

/// Explains whether `persona` may perform `operation` in `environment`, per project (only
/// `project` when given).
pub fn explain(
    estate: &Estate,
    persona: &str,
    environment: &str,
    operation: &str,
    scope: Scope<'_>,
) -> Result<Explanation, LookupError> {
    let persona_id = persona_id(estate, persona)?;
    let environment_id = environment_id(estate, environment)?;
    let access = Access::new(estate);
    let explanation = match scope {
        Scope::Registry => access.explain_registry(persona_id, environment_id, operation),
        Scope::Projects(project) => {
            let project_id = project.map(|name| project_id(estate, name)).transpose()?;
            access.explain(persona_id, environment_id, project_id, operation)
        }
    };
    let answers = explanation
        .groups
        .into_iter()
        .map(|group| {
            let (allowed, granted_by, removed_by) = match group.decision {
                Verdict::Granted { by } => (true, Some(by), None),
                Verdict::Removed {
                    granted_by,
                    removed_by,
                } => (false, Some(granted_by), Some(removed_by)),
                Verdict::NotGranted | Verdict::NoRole | Verdict::Unknown => (false, None, None),
            };
            ExplainAnswer {
                projects: group.projects,
                role: group.role,
                allowed,
                granted_by,
                removed_by,
            }
        })
        .collect();
    Ok(Explanation {
        persona: explanation.persona,
        environment: explanation.environment,
        operation: explanation.operation,
        in_catalog: explanation.in_catalog,
        did_you_mean: explanation.did_you_mean,
        registry: explanation.registry,
        answers,
    })
}

/// The operations `persona` gains and loses from `from` to `to`, per project (only `project`
/// when given).
pub fn diff(
    estate: &Estate,
    persona: &str,
    from: &str,
    to: &str,
    scope: Scope<'_>,
) -> Result<PermissionDiff, LookupError> {
    let persona_id = persona_id(estate, persona)?;
    let from_id = environment_id(estate, from)?;
    let to_id = environment_id(estate, to)?;
    let access = Access::new(estate);
    let report = match scope {
        Scope::Registry => access.diff_registry(persona_id, from_id, to_id),
        Scope::Projects(project) => {
            let project_id = project.map(|name| project_id(estate, name)).transpose()?;
            access.diff(persona_id, from_id, to_id, project_id)
        }
    };
    Ok(PermissionDiff {
        persona: report.persona,
        from: report.from,
        to: report.to,
        registry: report.registry,
        answers: report
            .groups
            .into_iter()
            .map(|group| DiffAnswer {
                projects: group.projects,
                gained: group.gained,
                lost: group.lost,
            })
            .collect(),
    })
}

fn persona_id(estate: &Estate, name: &str) -> Result<PersonaId, LookupError> {
    estate.persona_by_name(name).map_err(|d| unknown(&d))
}

fn environment_id(estate: &Estate, name: &str) -> Result<EnvironmentId, LookupError> {
    estate.environment_by_name(name).map_err(|d| unknown(&d))
}

fn project_id(estate: &Estate, name: &str) -> Result<ProjectId, LookupError> {
    estate.project_by_name(name).map_err(|d| unknown(&d))
}

/// The model's unknown-name diagnostic as one line.
fn unknown(diagnostic: &Diagnostic) -> LookupError {
    LookupError {
        message: diagnostic.one_line(),
    }
}
