//! The `docs` target: `docs/README.md`, `docs/access-matrix.md`, `docs/permission-diff.md`,
//! `docs/promotion.md`, `docs/guardrails.md` and `docs/projects/{project}.md`, rendered from the plan's
//! [`DocsPlan`](crate::plan::docs::DocsPlan): every access answer was computed by the permission evaluator.

use crate::error::Error;
use crate::fileset::{FileSet, RelativePath};
use crate::plan::Plan;
use crate::plan::docs::pages;
use crate::plan::views::{DocsView, GuardrailsDocsView, ProjectPageView};
use crate::templates::{
    DOCS_ACCESS_MATRIX, DOCS_GUARDRAILS, DOCS_PERMISSION_DIFF, DOCS_PROJECT, DOCS_PROMOTION,
    DOCS_README, Templates,
};

/// Renders every page of `plan`'s documentation.
pub fn render(plan: &Plan, templates: &Templates, files: &mut FileSet) -> Result<(), Error> {
    let view = DocsView { docs: &plan.docs };
    for (path, template) in [
        ("docs/README.md", DOCS_README),
        ("docs/access-matrix.md", DOCS_ACCESS_MATRIX),
        ("docs/permission-diff.md", DOCS_PERMISSION_DIFF),
        ("docs/promotion.md", DOCS_PROMOTION),
    ] {
        templates.render_file(files, RelativePath::new(path)?, template, &view)?;
    }
    let guardrails = GuardrailsDocsView {
        organisation: &plan.organisation,
        environments: &plan.policy.environments,
    };
    let path = RelativePath::new("docs/guardrails.md")?;
    templates.render_file(files, path, DOCS_GUARDRAILS, &guardrails)?;
    for project in pages(plan) {
        let path = RelativePath::new(format!("docs/projects/{}.md", project.name))?;
        templates.render_file(files, path, DOCS_PROJECT, &ProjectPageView { project })?;
    }
    Ok(())
}
