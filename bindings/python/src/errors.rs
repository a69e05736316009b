//! How failures reach Python: the exception classes of `mlzone`, and the panic guard.
//!
//! The exception classes are defined in Python (`python/mlzone/__init__.py`) so that they
//! have ordinary constructors and a `.diagnostics` attribute; this module looks them up in
//! the `mlzone` package when it raises one.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyList;

use mlzone_model::Diagnostic;

use crate::diagnostic::PyDiagnostic;

/// Runs `body`, turning a Rust panic into a Python `RuntimeError`.
pub(crate) fn guard<T>(body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => Err(PyRuntimeError::new_err(format!(
            "internal error in mlzone: {}; this is a bug in mlzone, please report it",
            panic_message(payload.as_ref())
        ))),
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "a panic without a message"
    }
}

/// `mlzone.LoadError` for diagnostics of loading the source `name`.
pub(crate) fn load_error(py: Python<'_>, name: &str, diagnostics: Vec<Diagnostic>) -> PyErr {
    let message = match diagnostics.first() {
        Some(first) => with_more(located_line(name, first), diagnostics.len()),
        None => format!("{name}: the document could not be loaded"),
    };
    raise(py, "LoadError", message, diagnostics)
}

/// `mlzone.ValidationError` for a report with errors.
pub(crate) fn validation_error(py: Python<'_>, name: &str, diagnostics: Vec<Diagnostic>) -> PyErr {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let first = diagnostics
        .iter()
        .find(|d| d.is_error())
        .or(diagnostics.first());
    let message = match first {
        Some(first) => format!(
            "the estate has {errors} error{}; the first: {}",
            if errors == 1 { "" } else { "s" },
            located_line(name, first)
        ),
        None => "the estate is not valid".to_owned(),
    };
    raise(py, "ValidationError", message, diagnostics)
}

/// `mlzone.AuditError` (a `ValueError`) for exports an audit cannot use, each diagnostic
/// located in its export file or in the document.
pub(crate) fn audit_error(py: Python<'_>, folder: &str, diagnostics: Vec<Diagnostic>) -> PyErr {
    let message = match diagnostics.first() {
        Some(first) => with_more(located_line(folder, first), diagnostics.len()),
        None => format!("{folder}: the exports cannot be audited"),
    };
    raise(py, "AuditError", message, diagnostics)
}

/// `mlzone.GenerateError` for a failure of a user's template override.
pub(crate) fn generate_error(py: Python<'_>, error: &mlzone_codegen::Error) -> PyErr {
    let mut message = error.to_string();
    if let Some(help) = error.help() {
        message.push_str(&format!(" ({help})"));
    }
    match exception_class(py, "GenerateError").and_then(|class| class.call1((message,))) {
        Ok(instance) => PyErr::from_value(instance),
        Err(error) => error,
    }
}

/// `file:line:column: message`, or `file: message` for a diagnostic without a location.
fn located_line(name: &str, diagnostic: &Diagnostic) -> String {
    match &diagnostic.location {
        Some(location) => format!("{location}: {}", diagnostic.message),
        None => format!("{name}: {}", diagnostic.message),
    }
}

fn with_more(line: String, count: usize) -> String {
    match count {
        0 | 1 => line,
        2 => format!("{line} (and 1 more diagnostic)"),
        n => format!("{line} (and {} more diagnostics)", n - 1),
    }
}

fn raise(py: Python<'_>, class: &str, message: String, diagnostics: Vec<Diagnostic>) -> PyErr {
    let instance = exception_class(py, class).and_then(|class| {
        let list = PyList::new(py, diagnostics.into_iter().map(PyDiagnostic::from))?;
        class.call1((message, list))
    });
    match instance {
        Ok(instance) => PyErr::from_value(instance),
        Err(error) => error,
    }
}

fn exception_class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("mlzone")?.getattr(name)
}
