//! `mlzone validate`: every problem of a document.

use std::process::ExitCode;

use crate::cli::{DocumentArgs, Failure};
use crate::report::{self, OutputFormat};

pub(crate) fn run(document: &DocumentArgs, format: OutputFormat) -> Result<ExitCode, Failure> {
    let input = crate::input::read(document.file.as_deref(), document.syntax.map(Into::into))?;
    Ok(report::validate(&input, format))
}
