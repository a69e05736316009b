//! `mlzone audit --print-commands`: the Azure CLI and Resource Graph commands that export
//! what an audit of the estate reads, per environment's subscription.

use std::process::ExitCode;

use mlzone_model::audit::ExportPlan;

use crate::cli::{DocumentArgs, Failure, PlainFormat};

pub(crate) fn print_commands(
    document: &DocumentArgs,
    folder: &str,
    format: PlainFormat,
) -> Result<ExitCode, Failure> {
    let loaded = match super::load(document)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let plan = ExportPlan::for_estate(&loaded.estate);
    match format {
        PlainFormat::Human => super::print(&plan.to_shell(folder)),
        PlainFormat::Json => super::print(&format!("{}\n", serde_json::to_string_pretty(&plan)?)),
    }
}
