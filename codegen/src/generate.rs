//! The entry point of code generation: a validated estate in, files out.
//!
//! The plan is built once and every target renders from it, so Bicep, ARM and the role files
//! agree by construction.

use strum::{Display, EnumIter, EnumString};

use mlzone_model::validate::Validated;

use crate::plan::Plan;
use crate::targets;
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
    /// The CI/CD pipelines (GitHub Actions and Azure Pipelines) that deploy dev → test → prod.
    Pipeline,
}

/// Renders the given targets of a validated estate into one set of files.
///
/// Paths are relative (`bicep/dev/main.bicep`, `arm/prod/azuredeploy.json`,
/// `roles/dev/data-scientist.json`, …), the same estate always gives the same bytes, and a
/// template error is an [`Error`], never a broken file. Two resources that would get one
/// Azure name are an [`Error::NameCollision`].
pub fn generate(
    validated: &Validated,
    targets: &[Target],
    templates: &Templates,
) -> Result<FileSet, Error> {
    let plan = Plan::build(validated)?;
    render(&plan, targets, templates)
}

/// Renders the given targets of an already built plan.
pub fn render(plan: &Plan, targets: &[Target], templates: &Templates) -> Result<FileSet, Error> {
    let mut files = FileSet::new();
    // Bicep and ARM render the same deployments: their template values are built once, by
    // whichever of them comes first.
    let mut built = None;
    for target in targets {
        match target {
            Target::Bicep | Target::Arm => {
                let values = match &built {
                    Some(values) => values,
                    None => built.insert(targets::DeploymentValues::of(plan)?),
                };
                if *target == Target::Bicep {
                    targets::bicep::render_values(plan, values, templates, &mut files)?;
                } else {
                    targets::arm::render_values(plan, values, templates, &mut files)?;
                }
            }
            Target::Roles => targets::roles::render(plan, templates, &mut files)?,
            Target::Docs => targets::docs::render(plan, templates, &mut files)?,
            Target::Pipeline => targets::pipeline::render(plan, templates, &mut files)?,
        }
    }
    Ok(files)
}
