//! The entry point of code generation: a validated estate in, files out.
//!
//! Placeholder: the plan and the targets fill this in.

use strum::{Display, EnumIter, EnumString};

use mlzone_model::validate::Validated;

use crate::{Error, FileSet, Templates};

/// What to generate.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Display, EnumString, EnumIter,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Target {
    /// Per environment a `main.bicep` at subscription scope plus modules.
    Bicep,
    /// Per environment `azuredeploy.json` and `azuredeploy.parameters.json`.
    Arm,
    /// One `az role definition create` file per custom role and environment.
    Roles,
    /// The access matrix, per-project pages, permission diffs and the promotion diagram.
    Docs,
    /// The CI/CD workflow that deploys dev → test → prod.
    Pipeline,
}

/// Renders the given targets of a validated estate into one set of files.
///
/// Paths are relative (`bicep/dev/main.bicep`, `arm/prod/azuredeploy.json`, …), the same
/// estate always gives the same bytes, and a template error is an [`Error`], never a broken
/// file.
pub fn generate(
    validated: &Validated,
    targets: &[Target],
    templates: &Templates,
) -> Result<FileSet, Error> {
    let _ = (validated, targets, templates);
    Ok(FileSet::new())
}
