//! Validation of a resolved estate against the CAF guidance and Azure's rules.
//!
//! [`check`] gathers every finding; [`validate`] turns an estate without errors into a
//! [`Validated`] one, the only form code generation accepts.
//!
//! Placeholder of the validator: it reports nothing yet.

use crate::diagnostic::Diagnostic;
use crate::estate::Estate;

/// Every finding of one validation run, levels applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The findings, in a stable order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// An estate the validator found no error in. Only [`validate`] builds one.
#[derive(Debug, Clone)]
pub struct Validated {
    estate: Estate,
    report: Report,
}

impl Validated {
    /// The estate.
    pub fn estate(&self) -> &Estate {
        &self.estate
    }

    /// The warnings found while validating.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The estate back, for changes (which must be validated again).
    pub fn into_estate(self) -> Estate {
        self.estate
    }
}

/// Every finding about an estate, with the levels its document set.
pub fn check(estate: &Estate) -> Report {
    let _ = estate;
    Report::default()
}

/// The estate as [`Validated`] when no finding is an error; the report otherwise.
pub fn validate(estate: Estate) -> Result<Validated, Report> {
    let report = check(&estate);
    if report.has_errors() {
        Err(report)
    } else {
        Ok(Validated { estate, report })
    }
}
