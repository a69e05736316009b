//! `mlzone validate`: every problem of a document.

use std::process::ExitCode;

use crate::cli::{DocumentArgs, Failure, Global};
use crate::report::{self, OutputFormat};

pub(crate) fn run(
    global: &Global,
    document: &DocumentArgs,
    format: OutputFormat,
) -> Result<ExitCode, Failure> {
    match crate::input::read(
        document.file.as_deref(),
        document.syntax.map(Into::into),
        document.limits(),
    ) {
        Ok(input) => Ok(report::validate(&input, format, global.quiet)),
        Err(error) => report::unreadable(error, format),
    }
}
