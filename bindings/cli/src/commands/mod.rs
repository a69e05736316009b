//! One module per command.

pub(crate) mod audit;
pub(crate) mod diff;
pub(crate) mod explain;
pub(crate) mod explain_policy;
pub(crate) mod generate;
pub(crate) mod graph;
pub(crate) mod init;
mod lookup;
pub(crate) mod show;
pub(crate) mod validate;

use std::io::Write;
use std::process::ExitCode;

use mlzone_model::Loaded;

use crate::cli::{DocumentArgs, Failure};
use crate::input;
use crate::report;

/// Writes requested output to standard output.
pub(crate) fn print(text: &str) -> Result<ExitCode, Failure> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Reads and loads the document, or prints why it cannot be used and gives the exit code.
pub(crate) fn load(document: &DocumentArgs) -> Result<Result<Loaded, ExitCode>, Failure> {
    let input = input::read(
        document.file.as_deref(),
        document.syntax.map(Into::into),
        document.limits(),
    )?;
    Ok(match input.load() {
        Ok(loaded) => Ok(loaded),
        Err(diagnostics) => Err(report::failed_load(&input, &diagnostics)),
    })
}
