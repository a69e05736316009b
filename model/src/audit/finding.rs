//! What an audit reports: findings, each tied to the document item and the export item.

use std::fmt;

use serde::Serialize;

use crate::diagnostic::{Code, Severity};

/// Where, in an exported file, the evidence of a finding is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ExportLocation {
    /// The file, as the caller named it.
    pub file: String,
    /// One-based line.
    pub line: usize,
    /// One-based column, counted in characters.
    pub column: usize,
}

impl fmt::Display for ExportLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One difference between the live estate and the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable code (`audit-…`).
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// The environment it was found in.
    pub environment: String,
    /// JSON pointer of the document item it is about (`""` for the whole document).
    pub document_path: String,
    /// Where in the export the evidence is; absent when the evidence is an absence (a
    /// missing assignment).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub export: Option<ExportLocation>,
    /// One line, lowercase, values in backticks.
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Finding {
    /// Whether the finding is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, Code, &str, Option<&ExportLocation>, &str) {
        (
            &self.environment,
            self.code,
            &self.document_path,
            self.export.as_ref(),
            &self.message,
        )
    }
}

impl fmt::Display for Finding {
    /// `severity[code] environment: message (file:line:column, document pointer)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] {}: {}",
            self.severity, self.code, self.environment, self.message
        )?;
        if let Some(export) = &self.export {
            write!(f, " at {export}")?;
        }
        if !self.document_path.is_empty() {
            write!(f, " (document `{}`)", self.document_path)?;
        }
        Ok(())
    }
}

/// Every finding of an audit, sorted by environment, code, document item and export item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    /// The findings, sorted.
    pub findings: Vec<Finding>,
}

impl AuditReport {
    /// A report of `findings`, sorted and without duplicates.
    pub fn new(mut findings: Vec<Finding>) -> Self {
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings.dedup();
        Self { findings }
    }

    /// Whether the live estate matches the document.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// Whether a finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Finding::is_error)
    }

    /// The report as a SARIF 2.1.0 log; `document` (the audited document's text and map)
    /// locates the findings that have no export location.
    pub fn to_sarif(&self, document: &crate::source::Located) -> serde_json::Value {
        super::sarif::log(self, document)
    }
}

impl fmt::Display for AuditReport {
    /// One finding per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.findings {
            writeln!(f, "{finding}")?;
        }
        Ok(())
    }
}
