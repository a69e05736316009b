//! Python binding of mlzone: the extension module `mlzone._mlzone`.
//!
//! The Python package `mlzone` (in `python/mlzone/`) re-exports everything here and defines
//! the exception classes and the `TypedDict`s of the answers; its `__init__.pyi` is the typed
//! surface, checked against this module by the pytest suite.
//!
//! Every entry point runs inside a panic guard (`errors::guard`), so a Rust panic reaches
//! Python as a `RuntimeError`, never as PyO3's `PanicException` (a `BaseException`).

mod access;
mod diagnostic;
mod errors;
mod estate;

use std::ffi::OsString;
use std::path::PathBuf;

use pyo3::exceptions::{PyOSError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use mlzone_model::load::format_named;

pub use diagnostic::PyDiagnostic;
pub use estate::PyEstate;

use errors::{guard, load_error};

/// The name locations point at when text is loaded without a name.
const DEFAULT_NAME: &str = "<input>";

/// Loads and resolves the document at `path`; the format comes from `format` when given,
/// else from the file's extension. `max_input_size` replaces the size limit (bytes).
#[pyfunction]
#[pyo3(signature = (path, format = None, *, max_input_size = None))]
fn load(
    py: Python<'_>,
    path: PathBuf,
    format: Option<String>,
    max_input_size: Option<usize>,
) -> PyResult<PyEstate> {
    guard(|| {
        let limits = limits(max_input_size);
        let name = path.display().to_string();
        let format = match format {
            Some(format) => {
                Some(format_named(&format).map_err(|d| load_error(py, &name, vec![d]))?)
            }
            None => None,
        };
        let bytes =
            read_limited(&path, limits.max_bytes).map_err(|error| os_error(py, &error, &path))?;
        estate::load_bytes(py, &name, &bytes, format, &limits)
    })
}

/// The `OSError` Python's `open` raises: `OSError(errno, strerror, filename)`, which Python
/// turns into the subclass of the errno (`FileNotFoundError`, `IsADirectoryError`, …) with
/// `errno`, `strerror` and `filename` set.
fn os_error(py: Python<'_>, error: &std::io::Error, path: &std::path::Path) -> PyErr {
    let Some(errno) = error.raw_os_error() else {
        return PyErr::from(std::io::Error::new(error.kind(), error.to_string()));
    };
    let strerror = py
        .import("os")
        .and_then(|os| os.call_method1("strerror", (errno,)))
        .and_then(|text| text.extract::<String>())
        .unwrap_or_else(|_| error.to_string());
    PyOSError::new_err((errno, strerror, path.as_os_str().to_os_string()))
}

/// The loader's limits, with the size limit a caller gave.
fn limits(max_input_size: Option<usize>) -> mlzone_model::Limits {
    let mut limits = mlzone_model::Limits::default();
    if let Some(max) = max_input_size {
        limits.max_bytes = max;
    }
    limits
}

/// Reads at most `limit` bytes and one more: enough to know that a larger input is too
/// large, without holding a pipe or a device such as `/dev/zero` that never ends.
fn read_limited(path: &std::path::Path, limit: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(cap)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Loads and resolves a document given as text (`str`, or `bytes` that must be UTF-8).
#[pyfunction]
#[pyo3(
    signature = (
        text, format = String::from("yaml"), name = String::from(DEFAULT_NAME), *,
        max_input_size = None
    ),
    text_signature = "(text, format='yaml', name='<input>', *, max_input_size=None)"
)]
fn loads(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    format: String,
    name: String,
    max_input_size: Option<usize>,
) -> PyResult<PyEstate> {
    guard(|| {
        let limits = limits(max_input_size);
        let name = name.as_str();
        let format = format_named(&format).map_err(|d| load_error(py, name, vec![d]))?;
        if let Ok(bytes) = text.cast::<PyBytes>() {
            return estate::load_bytes(py, name, bytes.as_bytes(), Some(format), &limits);
        }
        let Ok(string) = text.cast::<PyString>() else {
            let kind = text.get_type().name()?;
            return Err(PyTypeError::new_err(format!(
                "loads() expects `str` or `bytes`, not `{kind}`"
            )));
        };
        match string.to_cow() {
            Ok(text) => estate::load_bytes(py, name, text.as_bytes(), Some(format), &limits),
            // A `str` with lone surrogates is not UTF-8: report it like invalid bytes.
            Err(_) => {
                let encoded = string.call_method1("encode", ("utf-8", "surrogatepass"))?;
                let bytes = encoded.cast::<PyBytes>()?;
                estate::load_bytes(py, name, bytes.as_bytes(), Some(format), &limits)
            }
        }
    })
}

/// The embedded default topology: the CAF private, restricted setup.
#[pyfunction]
fn default_topology(py: Python<'_>) -> PyResult<PyEstate> {
    guard(|| {
        let loaded = mlzone_model::load_default()
            .map_err(|d| load_error(py, mlzone_model::DEFAULT_TOPOLOGY_NAME, d.into_vec()))?;
        Ok(PyEstate::new(loaded))
    })
}

/// The JSON Schema (draft 2020-12) of the document format, as text.
#[pyfunction]
fn schema() -> PyResult<String> {
    guard(|| Ok(mlzone_model::schema::json_schema_text()))
}

/// Runs the `mlzone` command line with `argv` (the program name first) on the process's
/// standard streams and returns its exit status: the console script `mlzone` and
/// `python -m mlzone` (`mlzone/__main__.py`) call it.
#[pyfunction]
fn _cli_main(py: Python<'_>, argv: Vec<OsString>) -> PyResult<u8> {
    guard(|| Ok(py.detach(|| mlzone_cli::run(argv))))
}

/// Panics inside the guard; exists only so the tests can check that a panic reaches Python
/// as a `RuntimeError`.
#[pyfunction]
fn _panic_for_tests() -> PyResult<()> {
    guard(|| {
        let nothing: Option<()> = None;
        #[expect(clippy::panic, reason = "the test of the panic guard needs a panic")]
        nothing.map_or_else(|| panic!("deliberate panic"), Ok)
    })
}

/// The extension module.
#[pymodule]
#[pyo3(name = "_mlzone")]
fn mlzone_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<PyEstate>()?;
    m.add_class::<PyDiagnostic>()?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(loads, m)?)?;
    m.add_function(wrap_pyfunction!(default_topology, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(_cli_main, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    Ok(())
}
