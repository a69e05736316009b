//! Local copies of the types helper A's skeleton defines (deleted when merging it).
#![allow(dead_code)]

use serde::de::DeserializeOwned;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::load::{Limits, Parsed, parse};
use crate::source::{Format, Located, Source};

#[derive(Debug, Clone)]
pub struct ExportFile {
    pub path: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExportLocation {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub environment: String,
    pub document_path: String,
    pub export: Option<ExportLocation>,
    pub message: String,
    pub help: Option<String>,
}

pub(crate) fn parse_export<T: DeserializeOwned>(
    file: &ExportFile,
) -> Result<Parsed<T>, Vec<Diagnostic>> {
    let limits = Limits {
        max_bytes: 1 << 30,
        ..Limits::default()
    };
    parse(
        Source::new(file.path.clone(), file.text.clone()),
        Format::Json,
        &limits,
    )
}

pub(crate) fn locate(parsed: &Located, file: &ExportFile, pointer: &str) -> Option<ExportLocation> {
    let span = parsed.map.nearest_span(pointer)?;
    let source = parsed.source.as_ref()?;
    let (line, column) = source.line_column(span.offset);
    Some(ExportLocation {
        file: file.path.clone(),
        line,
        column,
    })
}
