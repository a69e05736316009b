//! `mlzone explain`: may a persona perform an operation in an environment, and why.

use std::process::ExitCode;

use crate::cli::{DocumentArgs, Failure, PlainFormat};

pub(crate) fn run(
    document: &DocumentArgs,
    persona: &str,
    env: &str,
    action: &str,
    project: Option<&str>,
    format: PlainFormat,
) -> Result<ExitCode, Failure> {
    let _ = (document, persona, env, action, project, format);
    Err("explain is not available yet".into())
}
