//! `mlzone.Diagnostic`: one finding, frozen, with the fields of the Rust `Diagnostic`.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use mlzone_model::Diagnostic;

/// One finding: a stable code, a severity, a one-line message, the JSON pointer of the item
/// it is about and, when the estate came from text, where that item is.
#[pyclass(frozen, eq, module = "mlzone", name = "Diagnostic")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyDiagnostic {
    inner: Diagnostic,
}

impl From<Diagnostic> for PyDiagnostic {
    fn from(inner: Diagnostic) -> Self {
        Self { inner }
    }
}

#[pymethods]
impl PyDiagnostic {
    /// The stable kebab-case code, e.g. `unknown-field`.
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code.as_str()
    }

    /// `"error"` or `"warning"`.
    #[getter]
    fn severity(&self) -> String {
        self.inner.severity.to_string()
    }

    /// One line, lowercase, user values in backticks.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }

    /// The JSON pointer of the offending item (`""` for the whole document).
    #[getter]
    fn path(&self) -> &str {
        &self.inner.path
    }

    /// The name of the source text, when the finding is located.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.inner.location.as_ref().map(|l| l.source.as_str())
    }

    /// One-based line, when the finding is located.
    #[getter]
    fn line(&self) -> Option<usize> {
        self.inner.location.as_ref().map(|l| l.line)
    }

    /// One-based column in characters, when the finding is located.
    #[getter]
    fn column(&self) -> Option<usize> {
        self.inner.location.as_ref().map(|l| l.column)
    }

    /// What to do about it, when mlzone knows.
    #[getter]
    fn help(&self) -> Option<&str> {
        self.inner.help.as_deref()
    }

    /// The finding as a plain dict with the same keys as the attributes.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("code", self.code())?;
        dict.set_item("severity", self.severity())?;
        dict.set_item("message", self.message())?;
        dict.set_item("path", self.path())?;
        dict.set_item("source", self.source())?;
        dict.set_item("line", self.line())?;
        dict.set_item("column", self.column())?;
        dict.set_item("help", self.help())?;
        Ok(dict)
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let quoted =
            |text: &str| -> PyResult<String> { Ok(text.into_pyobject(py)?.repr()?.to_string()) };
        let location = match &self.inner.location {
            Some(location) => format!(", line={}, column={}", location.line, location.column),
            None => String::new(),
        };
        Ok(format!(
            "Diagnostic(code={}, severity={}, message={}, path={}{location})",
            quoted(self.code())?,
            quoted(&self.severity())?,
            quoted(self.message())?,
            quoted(self.path())?,
        ))
    }
}
