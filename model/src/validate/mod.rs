//! Validation of a resolved estate against the CAF guidance and Azure's rules.
//!
//! [`check`] builds a graph of the estate, runs every rule of the catalog over it and gathers
//! every finding, with the levels the document set; [`validate`] turns an estate without
//! errors into a [`Validated`] one, the only form code generation accepts. [`rules`] lists
//! the catalog (code, default severity, description, help) for reports and documentation.
//!
//! ```
//! let loaded = mlzone_model::load_default().expect("the default topology loads");
//! let report = mlzone_model::validate::check(&loaded.estate);
//! assert!(!report.has_errors(), "{:#?}", report.diagnostics);
//! ```

mod context;
mod graph;
mod rules;
pub(crate) mod sarif;

#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::access::Access;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::estate::Estate;
use crate::source::Located;
use crate::vocabulary::RuleLevel;

pub use rules::RuleInfo;

/// Every finding of one validation run, levels applied.
///
/// Serialises as `{"diagnostics": [...]}`. `mlzone validate --format json` prints the
/// `diagnostics` array alone, located, and `--format sarif` the log of [`Report::to_sarif`].
/// Each diagnostic has `code`, `severity`, `message` and `path` (a JSON pointer), and
/// `location` and `help` when it has them:
///
/// ```
/// let loaded = mlzone_model::load_default().expect("the default topology loads");
/// let mut report = mlzone_model::validate::check(&loaded.estate);
/// report.diagnostics = loaded.located.locate(report.diagnostics);
/// let json = serde_json::to_value(&report).expect("a report serialises");
/// assert!(json["diagnostics"].is_array());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The findings, in a stable order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The report as a SARIF 2.1.0 log for code scanning: one run of the `mlzone` tool with
    /// the metadata of every rule, one result per finding, located in `located`'s source.
    pub fn to_sarif(&self, located: &Located) -> serde_json::Value {
        sarif::log(self, located)
    }
}

impl std::fmt::Display for Report {
    /// One finding per line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::diagnostic::write_lines(f, &self.diagnostics)
    }
}

impl std::error::Error for Report {}

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

/// An estate the validator found errors in, given back with its report so that the caller
/// can fix it and validate it again.
#[derive(Debug, Clone)]
pub struct Rejected {
    // Boxed: an error value stays small.
    estate: Box<Estate>,
    report: Report,
}

impl Rejected {
    /// The estate.
    pub fn estate(&self) -> &Estate {
        &self.estate
    }

    /// Every finding, the errors among them.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The estate back, for changes.
    pub fn into_estate(self) -> Estate {
        *self.estate
    }

    /// The report, without the estate.
    pub fn into_report(self) -> Report {
        self.report
    }
}

impl std::fmt::Display for Rejected {
    /// The count of errors, then one finding per line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let errors = self
            .report
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .count();
        writeln!(f, "the estate has {errors} validation error(s)")?;
        write!(f, "{}", self.report)
    }
}

impl std::error::Error for Rejected {}

/// Every rule of the catalog, in code order.
pub fn rules() -> impl ExactSizeIterator<Item = &'static RuleInfo> {
    rules::CATALOG.iter().map(|rule| &rule.info)
}

/// The catalog entry of a code, when the code is a validation rule.
pub fn rule(code: Code) -> Option<&'static RuleInfo> {
    rules().find(|info| info.code == code)
}

/// Every finding about an estate, with the levels its document set.
pub fn check(estate: &Estate) -> Report {
    let access = Access::new(estate);
    check_with(estate, &access)
}

/// [`check`] with roles already compiled (callers that also explain or diff reuse them).
pub fn check_with(estate: &Estate, access: &Access<'_>) -> Report {
    let graph = graph::EstateGraph::new(estate);
    let mut cx = context::Context::new(estate, access, &graph);
    for rule in rules::CATALOG {
        let level = estate.rules().get(&rule.info.code);
        if level.is_some_and(|setting| setting.level == RuleLevel::Allow) {
            continue;
        }
        (rule.check)(&mut cx);
    }
    let mut diagnostics = cx.into_findings();
    for diagnostic in &mut diagnostics {
        apply_level(estate, diagnostic);
    }
    diagnostics.sort_by(|a, b| (a.code, &a.path, &a.message).cmp(&(b.code, &b.path, &b.message)));
    diagnostics.dedup();
    Report { diagnostics }
}

/// The estate as [`Validated`] when no finding is an error; otherwise [`Rejected`], which
/// gives the estate back with the report.
pub fn validate(estate: Estate) -> Result<Validated, Rejected> {
    let report = check(&estate);
    if report.has_errors() {
        Err(Rejected {
            estate: Box::new(estate),
            report,
        })
    } else {
        Ok(Validated { estate, report })
    }
}

/// Sets the severity the document asked for and points at the setting.
fn apply_level(estate: &Estate, diagnostic: &mut Diagnostic) {
    let Some(setting) = estate.rules().get(&diagnostic.code) else {
        return;
    };
    diagnostic.severity = match setting.level {
        RuleLevel::Deny => Severity::Error,
        RuleLevel::Warn | RuleLevel::Allow => Severity::Warning,
    };
    let reason = if setting.reason.is_empty() {
        format!("level set to `{}` here", setting.level)
    } else {
        format!("level set to `{}` here: {}", setting.level, setting.reason)
    };
    diagnostic.related.push(crate::diagnostic::Related {
        message: reason,
        path: setting.path.clone(),
        location: None,
    });
}
