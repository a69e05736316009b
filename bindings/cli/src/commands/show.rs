//! `mlzone show`: the document with every default written out.

use std::process::ExitCode;

use crate::cli::{DocumentArgs, Failure, Syntax};

pub(crate) fn run(document: &DocumentArgs, to: Syntax) -> Result<ExitCode, Failure> {
    match super::load(document)? {
        Ok(loaded) => super::print(&loaded.estate.to_document().to_text(to.into())?),
        Err(code) => Ok(code),
    }
}
