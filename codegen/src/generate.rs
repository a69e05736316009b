//! The entry point of code generation: a validated estate in, files out.
//!
//! The plan is built once and every target renders from it, so Bicep, ARM and the role files
//! agree by construction.

use strum::{Display, EnumIter, EnumString};

use mlzone_model::validate::Validated;

use crate::fileset::FileSink;
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
    /// Per environment the Azure Policy guardrails: mlzone's definitions, assignments and
    /// exemptions, in Bicep (`main.bicep`, modules) and ARM (`azuredeploy.json`).
    Policy,
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

/// [`generate`], giving each file to `sink` as soon as it is rendered instead of keeping them
/// all: memory then holds the plan and one file at a time. Returns the sink.
///
/// An error stops the render; the sink has then taken some files and not others.
pub fn generate_into<S: FileSink>(
    validated: &Validated,
    targets: &[Target],
    templates: &Templates,
    sink: S,
) -> Result<S, Error> {
    let plan = Plan::build(validated)?;
    let mut files = FileSet::streaming(Box::new(sink));
    render_into(&plan, targets, templates, &mut files)?;
    files.into_sink()
}

/// Renders the given targets of an already built plan.
pub fn render(plan: &Plan, targets: &[Target], templates: &Templates) -> Result<FileSet, Error> {
    let mut files = FileSet::new();
    render_into(plan, targets, templates, &mut files)?;
    Ok(files)
}

/// Renders the given targets of `plan` into `files`, a kept or a streaming set.
fn render_into(
    plan: &Plan,
    targets: &[Target],
    templates: &Templates,
    files: &mut FileSet,
) -> Result<(), Error> {
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
                    targets::bicep::render_values(plan, values, templates, files)?;
                } else {
                    targets::arm::render_values(plan, values, templates, files)?;
                }
            }
            Target::Roles => targets::roles::render(plan, templates, files)?,
            Target::Docs => targets::docs::render(plan, templates, files)?,
            Target::Pipeline => targets::pipeline::render(plan, templates, files)?,
            Target::Policy => targets::policy::render(plan, templates, files)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::{Target, generate, generate_into};
    use crate::fileset::{FileSink, RelativePath};
    use crate::{Error, Templates};

    #[derive(Debug, Default)]
    struct Kept(Vec<(String, String)>);

    impl FileSink for Kept {
        fn put(&mut self, path: RelativePath, content: String) -> Result<(), Error> {
            self.0.push((path.as_str().to_owned(), content));
            Ok(())
        }
    }

    /// Streaming gives the sink every file `generate` returns, each once, with the same bytes.
    #[test]
    fn generate_into_gives_the_files_of_generate() {
        let loaded = mlzone_model::load_default().unwrap();
        let validated = mlzone_model::validate::validate(loaded.estate).unwrap();
        let templates = Templates::builtin().unwrap();
        let targets: Vec<Target> = Target::iter().collect();
        let kept = generate(&validated, &targets, &templates).unwrap();
        let mut sunk = generate_into(&validated, &targets, &templates, Kept::default())
            .unwrap()
            .0;
        sunk.sort();
        let kept: Vec<(String, String)> = kept
            .into_iter()
            .map(|(path, content)| (path.as_str().to_owned(), content))
            .collect();
        assert_eq!(sunk, kept);
    }
}
