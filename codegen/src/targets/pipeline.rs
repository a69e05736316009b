//! The `pipeline` target: `pipeline/.github/workflows/mlzone-deploy.yml`, a GitHub Actions
//! workflow, and `pipeline/azure-pipelines.yml`, the same deployment as an Azure Pipelines
//! YAML pipeline, both rendered from the plan's [`PipelineView`]; `pipeline/README.md` says
//! how to set either up.

use crate::error::Error;
use crate::fileset::{FileSet, RelativePath};
use crate::plan::Plan;
use crate::plan::pipeline::{PipelineView, view};
use crate::templates::{
    PIPELINE_AZURE, PIPELINE_GITHUB, PIPELINE_LOAD_TEST, PIPELINE_LOAD_TEST_REQUESTS,
    PIPELINE_PROMOTE_AZURE, PIPELINE_PROMOTE_GITHUB, PIPELINE_README, Templates,
};

/// The path of the GitHub Actions workflow.
pub const GITHUB_WORKFLOW: &str = "pipeline/.github/workflows/mlzone-deploy.yml";

/// The path of the Azure Pipelines pipeline.
pub const AZURE_PIPELINE: &str = "pipeline/azure-pipelines.yml";

/// The path of the GitHub Actions model promotion workflow.
pub const GITHUB_PROMOTE_WORKFLOW: &str = "pipeline/.github/workflows/mlzone-promote.yml";

/// The path of the Azure Pipelines model promotion pipeline.
pub const AZURE_PROMOTE_PIPELINE: &str = "pipeline/azure-pipelines-promote.yml";

/// Renders the pipeline of `plan`.
pub fn render(plan: &Plan, templates: &Templates, files: &mut FileSet) -> Result<(), Error> {
    let view: PipelineView = view(plan);
    let workflow = RelativePath::new(GITHUB_WORKFLOW)?;
    templates.render_file(files, workflow, PIPELINE_GITHUB, &view)?;
    let pipeline = RelativePath::new(AZURE_PIPELINE)?;
    templates.render_file(files, pipeline, PIPELINE_AZURE, &view)?;
    templates.render_file(
        files,
        RelativePath::new("pipeline/README.md")?,
        PIPELINE_README,
        &view,
    )?;
    render_promotion(plan, templates, files)
}

/// The model promotion pipeline and the configuration of each load test it runs.
fn render_promotion(plan: &Plan, templates: &Templates, files: &mut FileSet) -> Result<(), Error> {
    if let Some(view) = &plan.promotion.view {
        let workflow = RelativePath::new(GITHUB_PROMOTE_WORKFLOW)?;
        templates.render_file(files, workflow, PIPELINE_PROMOTE_GITHUB, view)?;
        let pipeline = RelativePath::new(AZURE_PROMOTE_PIPELINE)?;
        templates.render_file(files, pipeline, PIPELINE_PROMOTE_AZURE, view)?;
    }
    for test in &plan.promotion.load_tests {
        let view = LoadTestView { test };
        templates.render_file(
            files,
            RelativePath::new(&test.path)?,
            PIPELINE_LOAD_TEST,
            &view,
        )?;
        templates.render_file(
            files,
            RelativePath::new(&test.requests_path)?,
            PIPELINE_LOAD_TEST_REQUESTS,
            &view,
        )?;
    }
    Ok(())
}

/// The view of a load test's templates.
#[derive(serde::Serialize)]
struct LoadTestView<'a> {
    test: &'a crate::plan::promotion::LoadTestConfig,
}
