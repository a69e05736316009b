//! `mlzone.Estate`: a loaded estate with its source, and everything Python asks of it.

use std::collections::BTreeMap;
use std::str::FromStr;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use strum::IntoEnumIterator;

use mlzone_codegen::{Target, Templates};
use mlzone_model::diagnostic::unknown_name;
use mlzone_model::load::{Limits, format_named};
use mlzone_model::{Format, Loaded};

use crate::access;
use crate::diagnostic::PyDiagnostic;
use crate::errors::{audit_error, generate_error, guard, load_error, validation_error};

/// The target name that selects every target.
const ALL_TARGETS: &str = "all";

/// Loads `bytes` named `name` into an estate, or raises `LoadError`.
pub(crate) fn load_bytes(
    py: Python<'_>,
    name: &str,
    bytes: &[u8],
    format: Option<Format>,
    limits: &Limits,
) -> PyResult<PyEstate> {
    let loaded = py.detach(|| mlzone_model::load_estate(name, bytes, format, limits));
    loaded
        .map(PyEstate::new)
        .map_err(|diagnostics| load_error(py, name, diagnostics.into_vec()))
}

/// An organisation's Azure Machine Learning estate, loaded and resolved (not yet validated).
#[pyclass(frozen, module = "mlzone", name = "Estate")]
#[derive(Debug)]
pub struct PyEstate {
    loaded: Loaded,
}

impl PyEstate {
    pub(crate) fn new(loaded: Loaded) -> Self {
        Self { loaded }
    }

    /// The name locations are reported under.
    fn source_name(&self) -> &str {
        self.loaded
            .located
            .source
            .as_ref()
            .map_or("<estate>", |source| source.name.as_str())
    }

    fn located(&self, report: mlzone_model::validate::Report) -> Vec<mlzone_model::Diagnostic> {
        self.loaded.located.locate(report.diagnostics)
    }
}

#[pymethods]
impl PyEstate {
    /// The organisation's display name.
    #[getter]
    fn organisation(&self) -> &str {
        self.loaded.estate.organisation()
    }

    /// Environment names in promotion order.
    #[getter]
    fn environments(&self) -> Vec<String> {
        let estate = &self.loaded.estate;
        estate
            .environments()
            .map(|(_, e)| e.name.as_str().to_owned())
            .collect()
    }

    /// Persona names, sorted.
    #[getter]
    fn personas(&self) -> Vec<String> {
        let estate = &self.loaded.estate;
        estate
            .personas()
            .map(|(_, p)| p.name.as_str().to_owned())
            .collect()
    }

    /// Project names, sorted.
    #[getter]
    fn projects(&self) -> Vec<String> {
        let estate = &self.loaded.estate;
        estate
            .projects()
            .map(|(_, p)| p.name.as_str().to_owned())
            .collect()
    }

    /// Every finding of the validator (errors and warnings), located; never raises for
    /// findings.
    fn validate(&self, py: Python<'_>) -> PyResult<Vec<PyDiagnostic>> {
        guard(|| {
            let report = py.detach(|| mlzone_model::validate::check(&self.loaded.estate));
            Ok(self.located(report).into_iter().map(Into::into).collect())
        })
    }

    /// Validates the estate, then renders `target` (`bicep`, `arm`, `roles`, `docs`,
    /// `pipeline`, `policy` or `all`) into a dict of relative path → text. `templates` maps built-in
    /// template names to replacement template text.
    #[pyo3(signature = (target, templates = None))]
    fn generate(
        &self,
        py: Python<'_>,
        target: String,
        templates: Option<BTreeMap<String, String>>,
    ) -> PyResult<BTreeMap<String, String>> {
        guard(|| {
            let targets = targets_named(&target)?;
            let templates = match templates {
                Some(overrides) => Templates::with_overrides(overrides),
                None => Templates::builtin(),
            }
            .map_err(|error| codegen_error(py, &error))?;
            let validated = mlzone_model::validate::validate(self.loaded.estate.clone()).map_err(
                |rejected| {
                    validation_error(py, self.source_name(), self.located(rejected.into_report()))
                },
            )?;
            let files = py
                .detach(|| mlzone_codegen::generate(&validated, &targets, &templates))
                .map_err(|error| codegen_error(py, &error))?;
            Ok(files
                .into_iter()
                .map(|(path, text)| (path.as_str().to_owned(), text))
                .collect())
        })
    }

    /// Whether `persona` may perform the Azure operation `action` in environment `env`, per
    /// project (only `project` when given), or at the model registry with `registry=True`,
    /// and which pattern decides it.
    #[pyo3(signature = (persona, env, action, project = None, registry = false))]
    fn explain<'py>(
        &self,
        py: Python<'py>,
        persona: String,
        env: String,
        action: String,
        project: Option<String>,
        registry: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        guard(|| {
            let estate = &self.loaded.estate;
            let scope = scope(project.as_deref(), registry)?;
            let explanation = access::explain(estate, &persona, &env, &action, scope)
                .map_err(|error| PyValueError::new_err(error.message))?;
            let answers = explanation
                .answers
                .into_iter()
                .map(|answer| {
                    let dict = PyDict::new(py);
                    dict.set_item("projects", answer.projects)?;
                    dict.set_item("role", answer.role)?;
                    dict.set_item("allowed", answer.allowed)?;
                    dict.set_item("granted_by", answer.granted_by)?;
                    dict.set_item("removed_by", answer.removed_by)?;
                    Ok(dict)
                })
                .collect::<PyResult<Vec<_>>>()?;
            let dict = PyDict::new(py);
            dict.set_item("persona", explanation.persona)?;
            dict.set_item("environment", explanation.environment)?;
            dict.set_item("operation", explanation.operation)?;
            dict.set_item("in_catalog", explanation.in_catalog)?;
            dict.set_item("did_you_mean", explanation.did_you_mean)?;
            dict.set_item("registry", explanation.registry)?;
            dict.set_item("answers", answers)?;
            Ok(dict)
        })
    }

    /// Whether a policy of mlzone's reference library (an Azure Landing Zones assignment's
    /// name, or a built-in or ALZ definition's or initiative's id or name) would deny the
    /// estate's resources: per resource and definition, the verdict, the effect and the
    /// conditions that decided it (only `env`, `project`, the resources named `resource` when
    /// given; `parameters` and `effect` as an assignment would give them).
    #[pyo3(signature = (policy, env = None, project = None, resource = None, parameters = None, effect = None))]
    #[allow(
        clippy::too_many_arguments,
        reason = "keyword arguments of one Python method"
    )]
    fn explain_policy<'py>(
        &self,
        py: Python<'py>,
        policy: String,
        env: Option<String>,
        project: Option<String>,
        resource: Option<String>,
        parameters: Option<Bound<'py, PyDict>>,
        effect: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let estate = &self.loaded.estate;
            let json = py.import("json")?;
            let parameters: mlzone_model::policy::ParameterValues = match parameters {
                None => Default::default(),
                Some(dict) => {
                    let text: String = json.call_method1("dumps", (dict,))?.extract()?;
                    serde_json::from_str(&text).map_err(|e| {
                        PyValueError::new_err(format!("parameters must map names to values: {e}"))
                    })?
                }
            };
            let environment = env
                .map(|name| estate.environment_by_name(&name))
                .transpose()
                .map_err(|d| PyValueError::new_err(d.one_line()))?;
            let project = project
                .map(|name| estate.project_by_name(&name))
                .transpose()
                .map_err(|d| PyValueError::new_err(d.one_line()))?;
            let explanation = mlzone_model::policy::explain(
                estate,
                &mlzone_model::policy::PolicyQuestion {
                    policy: &policy,
                    parameters,
                    effect: effect.as_deref(),
                    environment,
                    project,
                    resource: resource.as_deref(),
                },
            )
            .map_err(|d| PyValueError::new_err(d.one_line()))?;
            let text = serde_json::to_string(&explanation)
                .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
            json.call_method1("loads", (text,))
        })
    }

    /// The catalog operations `persona` gains and loses going from `from_env` to `to_env`,
    /// per project (only `project` when given), or at the model registry with
    /// `registry=True`.
    #[pyo3(signature = (persona, from_env, to_env, project = None, registry = false))]
    fn diff<'py>(
        &self,
        py: Python<'py>,
        persona: String,
        from_env: String,
        to_env: String,
        project: Option<String>,
        registry: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        guard(|| {
            let estate = &self.loaded.estate;
            let scope = scope(project.as_deref(), registry)?;
            let diff = access::diff(estate, &persona, &from_env, &to_env, scope)
                .map_err(|error| PyValueError::new_err(error.message))?;
            let answers = diff
                .answers
                .into_iter()
                .map(|answer| {
                    let dict = PyDict::new(py);
                    dict.set_item("projects", answer.projects)?;
                    dict.set_item("gained", answer.gained)?;
                    dict.set_item("lost", answer.lost)?;
                    Ok(dict)
                })
                .collect::<PyResult<Vec<_>>>()?;
            let dict = PyDict::new(py);
            dict.set_item("persona", diff.persona)?;
            dict.set_item("from", diff.from)?;
            dict.set_item("to", diff.to)?;
            dict.set_item("registry", diff.registry)?;
            dict.set_item("answers", answers)?;
            Ok(dict)
        })
    }

    /// The model registry: its `name`, `resource_group`, `subscription` (`None` when it is
    /// its home environment's and the document leaves that out), `environment` (its home
    /// environment, `None` in a subscription of its own), `location`, `replication`,
    /// `network`, `publishers` and `readers` (persona → environments), the two roles and
    /// `workspace_readers` (environment → the workspaces whose identity holds the reader role)
    /// and `pipeline_roles` (environment → `publisher` or `reader`, the duty of the service
    /// principal its pipelines sign in as); `None` when the document removed it.
    fn registry<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        guard(|| {
            let estate = &self.loaded.estate;
            let names = mlzone_model::naming::EstateNames::for_estate(estate);
            let (Some(registry), Some(named)) = (estate.registry(), names.registry(estate)) else {
                return Ok(None);
            };
            let groups = |set: &std::collections::BTreeSet<(
                mlzone_model::estate::PersonaId,
                mlzone_model::estate::EnvironmentId,
            )>| {
                let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
                for (persona, environment) in set {
                    map.entry(estate[*persona].name.to_string())
                        .or_default()
                        .push(estate[*environment].name.to_string());
                }
                map
            };
            let dict = PyDict::new(py);
            dict.set_item("name", named.registry.value)?;
            dict.set_item("resource_group", named.resource_group.value)?;
            dict.set_item("subscription", named.subscription.map(|s| s.to_string()))?;
            dict.set_item("environment", named.environment.map(|e| e.to_string()))?;
            dict.set_item("location", named.location.to_string())?;
            let replication: Vec<String> = registry
                .replication
                .iter()
                .map(ToString::to_string)
                .collect();
            dict.set_item("replication", replication)?;
            dict.set_item("network", registry.network.as_str())?;
            dict.set_item("publishers", groups(&registry.publishers))?;
            dict.set_item("readers", groups(&registry.readers))?;
            dict.set_item(
                "publisher_role",
                registry.publisher_role.reference_name(estate),
            )?;
            dict.set_item("reader_role", registry.reader_role.reference_name(estate))?;
            let mut workspace_readers: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for (environment, project) in registry.workspace_readers(estate) {
                let environment = &estate[environment];
                workspace_readers
                    .entry(environment.name.to_string())
                    .or_default()
                    .push(names.of(&estate[project], environment).workspace().value);
            }
            dict.set_item("workspace_readers", workspace_readers)?;
            let mut pipeline_roles: BTreeMap<String, &str> = BTreeMap::new();
            for (environment, duty) in registry.pipeline_duties(estate) {
                pipeline_roles.insert(
                    estate[environment].name.to_string(),
                    match duty {
                        mlzone_model::estate::RegistryDuty::Publisher => "publisher",
                        mlzone_model::estate::RegistryDuty::Reader => "reader",
                    },
                );
            }
            dict.set_item("pipeline_roles", pipeline_roles)?;
            Ok(Some(dict))
        })
    }

    /// The Azure CLI and Resource Graph commands that export what an audit of the estate
    /// reads, per environment's subscription: `environments` (each with its `subscription`
    /// and its `exports`: `kind`, `path` under `folder`, `paged`, `argv`) and `script`, a
    /// POSIX shell script that runs them and writes under `folder`. `assignments` is
    /// `"azure-cli"` (`az role assignment list`, inherited assignments and principals' names
    /// included) or `"resource-graph"` (an `authorizationresources` query in pages).
    #[pyo3(
        signature = (folder = String::from("audit"), assignments = String::from("azure-cli")),
        text_signature = "($self, folder='audit', assignments='azure-cli')"
    )]
    fn audit_commands<'py>(
        &self,
        py: Python<'py>,
        folder: String,
        assignments: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        use mlzone_model::audit::AssignmentSource;
        guard(|| {
            let source = match assignments.as_str() {
                "azure-cli" => AssignmentSource::AzureCli,
                "resource-graph" => AssignmentSource::ResourceGraph,
                other => {
                    return Err(PyValueError::new_err(format!(
                        "unknown assignments export `{other}`: use \"azure-cli\" or \"resource-graph\""
                    )));
                }
            };
            let plan =
                mlzone_model::audit::ExportPlan::with_assignments(&self.loaded.estate, source);
            let json = serde_json::to_string(&plan).map_err(|error| {
                PyRuntimeError::new_err(format!(
                    "internal error in mlzone: {error}; this is a bug in mlzone, please report it"
                ))
            })?;
            let value = py.import("json")?.call_method1("loads", (json,))?;
            value.set_item("script", plan.to_shell(&folder))?;
            Ok(value)
        })
    }

    /// Audits the exports under `folder` (as the commands of [`audit_commands`] write them)
    /// against the estate: `{"findings": [...]}`, each finding with its `code`, `severity`,
    /// `environment`, `document_path`, `export` location (`file`, `line`, `column`, or
    /// None), `message` and `help`. Raises `ValidationError` for an invalid estate and
    /// `AuditError` (a `ValueError`) for exports that cannot be used.
    #[pyo3(text_signature = "($self, folder)")]
    fn audit<'py>(
        &self,
        py: Python<'py>,
        folder: std::path::PathBuf,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let validated = mlzone_model::validate::validate(self.loaded.estate.clone()).map_err(
                |rejected| {
                    validation_error(py, self.source_name(), self.located(rejected.into_report()))
                },
            )?;
            let shown = folder.display().to_string();
            let exports = py
                .detach(|| mlzone_cli::read_exports(&folder))
                .map_err(|errors| audit_error(py, &shown, errors))?;
            let report = py
                .detach(|| mlzone_model::audit::audit(&validated, &exports))
                .map_err(|errors| {
                    audit_error(py, &shown, self.loaded.located.locate(errors.into_vec()))
                })?;
            let json = serde_json::to_string(&report).map_err(|error| {
                PyRuntimeError::new_err(format!(
                    "internal error in mlzone: {error}; this is a bug in mlzone, please report it"
                ))
            })?;
            py.import("json")?.call_method1("loads", (json,))
        })
    }

    /// The estate as a document in `format` (`yaml`, `toml` or `json`), every default
    /// written out; loading it gives an equal estate.
    #[pyo3(signature = (format = String::from("yaml")), text_signature = "($self, format='yaml')")]
    fn to_document(&self, format: String) -> PyResult<String> {
        guard(|| {
            let format = format_named(&format).map_err(|d| {
                let help = d.help.unwrap_or_default();
                PyValueError::new_err(format!("{}; {help}", d.message))
            })?;
            self.loaded
                .estate
                .to_document()
                .to_text(format)
                .map_err(|error| {
                    PyRuntimeError::new_err(format!(
                        "internal error in mlzone: {error}; this is a bug in mlzone, please report it"
                    ))
                })
        })
    }

    fn __repr__(&self) -> String {
        let estate = &self.loaded.estate;
        format!(
            "<mlzone.Estate organisation={:?} environments={} personas={} projects={}>",
            estate.organisation(),
            estate.environments().len(),
            estate.personas().len(),
            estate.projects().len(),
        )
    }
}

/// The targets a name selects.
fn targets_named(name: &str) -> PyResult<Vec<Target>> {
    if name == ALL_TARGETS {
        return Ok(Target::iter().collect());
    }
    if let Ok(target) = Target::from_str(name) {
        return Ok(vec![target]);
    }
    let names: Vec<String> = Target::iter()
        .map(|t| t.to_string())
        .chain([ALL_TARGETS.to_owned()])
        .collect();
    let unknown = unknown_name("", "target", name, names.iter().map(String::as_str));
    Err(PyValueError::new_err(unknown.one_line()))
}

/// A codegen failure: a bug in mlzone is a `RuntimeError`, a bad override a `GenerateError`.
fn codegen_error(py: Python<'_>, error: &mlzone_codegen::Error) -> PyErr {
    match error {
        mlzone_codegen::Error::Internal { .. } => PyRuntimeError::new_err(error.to_string()),
        _ => generate_error(py, error),
    }
}

/// Where `explain` and `diff` ask: `project` and `registry=True` exclude each other.
fn scope(project: Option<&str>, registry: bool) -> PyResult<access::Scope<'_>> {
    match (project, registry) {
        (Some(_), true) => Err(PyValueError::new_err(
            "`project` and `registry=True` exclude each other: the registry belongs to no project",
        )),
        (project, false) => Ok(access::Scope::Projects(project)),
        (None, true) => Ok(access::Scope::Registry),
    }
}
