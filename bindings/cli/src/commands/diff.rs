//! `mlzone diff`: operations a persona gains and loses between environments.

use std::process::ExitCode;

use crate::cli::{DocumentArgs, Failure, PlainFormat};

pub(crate) fn run(
    document: &DocumentArgs,
    persona: &str,
    from: &str,
    to: &str,
    project: Option<&str>,
    format: PlainFormat,
) -> Result<ExitCode, Failure> {
    let _ = (document, persona, from, to, project, format);
    Err("diff is not available yet".into())
}
