//! The template engines: one Tera instance per [`Syntax`], built-in templates embedded in the
//! binary and addressed by constants, escaping filters registered per syntax, and user
//! overrides that are checked before use.
//!
//! Rules every template follows (checked for built-ins by tests and for overrides at load):
//! every `{{ … }}` ends with a filter of its syntax (see [`filters_of`]), so no value reaches
//! the output unescaped; autoescape is off; an undefined variable is an error.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

use crate::error::Error;
use crate::escape;
use crate::fileset::{FileSet, RelativePath};
use crate::samples;
use crate::syntax::{ALL_SYNTAXES, Syntax};

mod lint;

/// Subscription-scope ARM template of one deployment (projects and DNS inline).
pub const ARM_TEMPLATE: &str = "arm/azuredeploy.json.tera";
/// ARM parameter file of one deployment.
pub const ARM_PARAMETERS: &str = "arm/azuredeploy.parameters.json.tera";
/// Inner template of the private DNS deployment, included by [`ARM_TEMPLATE`].
pub const ARM_PRIVATE_DNS: &str = "arm/private-dns.json.tera";
/// Inner template of a project's deployment, included by [`ARM_TEMPLATE`].
pub const ARM_PROJECT: &str = "arm/project.json.tera";
/// Subscription-scope `main.bicep` of one deployment.
pub const BICEP_MAIN: &str = "bicep/main.bicep.tera";
/// Bicep module of an environment's private DNS zones.
pub const BICEP_PRIVATE_DNS: &str = "bicep/private-dns.bicep.tera";
/// Bicep module of one project.
pub const BICEP_PROJECT: &str = "bicep/project.bicep.tera";
/// `docs/README.md`: the index of the documentation, with the promotion diagram.
pub const DOCS_README: &str = "docs/readme.md.tera";
/// `docs/access-matrix.md`: personas × environments × capabilities.
pub const DOCS_ACCESS_MATRIX: &str = "docs/access-matrix.md.tera";
/// `docs/permission-diff.md`: what each persona gains and loses along the promotion path.
pub const DOCS_PERMISSION_DIFF: &str = "docs/permission-diff.md.tera";
/// `docs/promotion.md`: the promotion diagram and the environments.
pub const DOCS_PROMOTION: &str = "docs/promotion.md.tera";
/// The Mermaid diagram of the promotion graph, included by [`DOCS_README`] and
/// [`DOCS_PROMOTION`].
pub const DOCS_PROMOTION_DIAGRAM: &str = "docs/promotion-diagram.md.tera";
/// `docs/projects/{project}.md`: one project's workspaces, compute and access.
pub const DOCS_PROJECT: &str = "docs/project.md.tera";
/// `pipeline/azure-pipelines.yml`: the Azure Pipelines deployment pipeline.
pub const PIPELINE_AZURE: &str = "pipeline/azure-pipelines.yml.tera";
/// `pipeline/.github/workflows/mlzone-deploy.yml`: the GitHub Actions deployment workflow.
pub const PIPELINE_GITHUB: &str = "pipeline/github-workflow.yml.tera";
/// `pipeline/README.md`: how to set either pipeline up.
pub const PIPELINE_README: &str = "pipeline/readme.md.tera";
/// One custom role in the `az role definition create` format.
pub const ROLE_DEFINITION: &str = "roles/role.json.tera";

/// A template compiled into mlzone.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// The template's name: its path under `codegen/templates/`, and the file name of an
    /// override that replaces it.
    pub name: &'static str,
    /// The syntax it renders, which picks the engine and the filters.
    pub syntax: Syntax,
    /// The template text.
    pub source: &'static str,
    /// A view-model the template renders; overrides are checked against it.
    pub sample: fn() -> serde_json::Value,
}

/// Every built-in template, in name order.
pub const BUILTINS: &[Builtin] = &[
    Builtin {
        name: ARM_TEMPLATE,
        syntax: Syntax::Arm,
        source: include_str!("../templates/arm/azuredeploy.json.tera"),
        sample: samples::main_view,
    },
    Builtin {
        name: ARM_PARAMETERS,
        syntax: Syntax::Arm,
        source: include_str!("../templates/arm/azuredeploy.parameters.json.tera"),
        sample: samples::main_view,
    },
    Builtin {
        name: ARM_PRIVATE_DNS,
        syntax: Syntax::Arm,
        source: include_str!("../templates/arm/private-dns.json.tera"),
        sample: samples::dns_view,
    },
    Builtin {
        name: ARM_PROJECT,
        syntax: Syntax::Arm,
        source: include_str!("../templates/arm/project.json.tera"),
        sample: samples::project_view,
    },
    Builtin {
        name: BICEP_MAIN,
        syntax: Syntax::Bicep,
        source: include_str!("../templates/bicep/main.bicep.tera"),
        sample: samples::main_view,
    },
    Builtin {
        name: BICEP_PRIVATE_DNS,
        syntax: Syntax::Bicep,
        source: include_str!("../templates/bicep/private-dns.bicep.tera"),
        sample: samples::dns_view,
    },
    Builtin {
        name: BICEP_PROJECT,
        syntax: Syntax::Bicep,
        source: include_str!("../templates/bicep/project.bicep.tera"),
        sample: samples::project_view,
    },
    Builtin {
        name: DOCS_ACCESS_MATRIX,
        syntax: Syntax::Markdown,
        source: include_str!("../templates/docs/access-matrix.md.tera"),
        sample: samples::docs_view,
    },
    Builtin {
        name: DOCS_PERMISSION_DIFF,
        syntax: Syntax::Markdown,
        source: include_str!("../templates/docs/permission-diff.md.tera"),
        sample: samples::docs_view,
    },
    Builtin {
        name: DOCS_PROJECT,
        syntax: Syntax::Markdown,
        source: include_str!("../templates/docs/project.md.tera"),
        sample: samples::project_page_view,
    },
    Builtin {
        name: DOCS_PROMOTION_DIAGRAM,
        syntax: Syntax::Markdown,
        source: include_str!("../templates/docs/promotion-diagram.md.tera"),
        sample: samples::docs_view,
    },
    Builtin {
        name: DOCS_PROMOTION,
        syntax: Syntax::Markdown,
        source: include_str!("../templates/docs/promotion.md.tera"),
        sample: samples::docs_view,
    },
    Builtin {
        name: DOCS_README,
        syntax: Syntax::Markdown,
        source: include_str!("../templates/docs/readme.md.tera"),
        sample: samples::docs_view,
    },
    Builtin {
        name: PIPELINE_AZURE,
        syntax: Syntax::Yaml,
        source: include_str!("../templates/pipeline/azure-pipelines.yml.tera"),
        sample: samples::pipeline_view,
    },
    Builtin {
        name: PIPELINE_GITHUB,
        syntax: Syntax::Yaml,
        source: include_str!("../templates/pipeline/github-workflow.yml.tera"),
        sample: samples::pipeline_view,
    },
    Builtin {
        name: PIPELINE_README,
        syntax: Syntax::Markdown,
        source: include_str!("../templates/pipeline/readme.md.tera"),
        sample: samples::pipeline_view,
    },
    Builtin {
        name: ROLE_DEFINITION,
        syntax: Syntax::Roles,
        source: include_str!("../templates/roles/role.json.tera"),
        sample: samples::role_view,
    },
];

/// The built-in template called `name`.
pub fn builtin(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// The filters templates of `syntax` may end an interpolation with.
///
/// | syntax | filters |
/// |---|---|
/// | Bicep | `bicep_string`, `bicep_key`, `bicep_identifier`, `bicep_value(indent=n)`, `bicep_operand`, `bicep_comment` (in a `//` comment) |
/// | Arm | `arm_string`, `arm_expression_string`, `arm_value`, `arm_operand`, `arm_operand_expression`, `json` |
/// | Roles | `json` |
/// | Markdown | `markdown_text`, `markdown_code`, `markdown_cell_code` (in a table cell), `mermaid_label`, `mermaid_id` |
/// | Yaml | `yaml_string`, `yaml_value` |
pub fn filters_of(syntax: Syntax) -> &'static [&'static str] {
    match syntax {
        Syntax::Bicep => &[
            "bicep_string",
            "bicep_key",
            "bicep_identifier",
            "bicep_value",
            "bicep_operand",
            "bicep_comment",
        ],
        Syntax::Arm => &[
            "arm_string",
            "arm_expression_string",
            "arm_value",
            "arm_operand",
            "arm_operand_expression",
            "json",
        ],
        Syntax::Roles => &["json"],
        Syntax::Markdown => &[
            "markdown_text",
            "markdown_code",
            "markdown_cell_code",
            "mermaid_label",
            "mermaid_id",
        ],
        Syntax::Yaml => &["yaml_string", "yaml_value"],
    }
}

/// The template engines, with built-in templates and possibly user overrides.
#[derive(Clone)]
pub struct Templates {
    engines: BTreeMap<Syntax, Tera>,
    overridden: BTreeSet<String>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("syntaxes", &self.engines.keys().collect::<Vec<_>>())
            .field("overridden", &self.overridden)
            .finish_non_exhaustive()
    }
}

impl Templates {
    /// The engines with the built-in templates only.
    ///
    /// Fails only if a built-in template does not compile, which is a bug in mlzone.
    pub fn builtin() -> Result<Self, Error> {
        Self::with_overrides(BTreeMap::new())
    }

    /// The engines with user overrides: `files` maps a built-in template name (the override's
    /// path relative to the override directory, with `/`) to the replacement text.
    ///
    /// Each override must name a built-in template (else [`Error::UnknownOverride`] with the
    /// closest name), pass the interpolation rule of its syntax, compile, and render the
    /// built-in's sample view-model to valid output (else [`Error::Override`]).
    pub fn with_overrides(files: BTreeMap<String, String>) -> Result<Self, Error> {
        for (file, source) in &files {
            let Some(original) = builtin(file) else {
                return Err(Error::UnknownOverride {
                    file: file.clone(),
                    suggestion: closest_builtin(file),
                });
            };
            lint::check(original.syntax, source).map_err(|message| Error::Override {
                file: file.clone(),
                message,
            })?;
        }
        let mut engines = BTreeMap::new();
        for syntax in ALL_SYNTAXES {
            let mut tera = new_engine(syntax);
            let sources = BUILTINS
                .iter()
                .filter(|b| b.syntax == syntax)
                .map(|b| (b.name, b.source));
            tera.add_raw_templates(sources)
                .map_err(|e| Error::internal(format!("{} templates", syntax.name()), report(&e)))?;
            for (file, source) in &files {
                if builtin(file).is_some_and(|b| b.syntax == syntax) {
                    tera.add_raw_template(file, source)
                        .map_err(|e| Error::Override {
                            file: file.clone(),
                            message: report(&e),
                        })?;
                }
            }
            engines.insert(syntax, tera);
        }
        let templates = Templates {
            engines,
            overridden: files.into_keys().collect(),
        };
        for file in &templates.overridden {
            templates.check_sample(file)?;
        }
        Ok(templates)
    }

    /// Whether the template called `name` was replaced by a user override.
    pub fn is_overridden(&self, name: &str) -> bool {
        self.overridden.contains(name)
    }

    /// Renders the template called `name` with `view` (a struct or map) as its context.
    ///
    /// The text is not normalised: use [`Templates::render_file`] to produce a file.
    pub fn render(&self, name: &str, view: &impl Serialize) -> Result<String, Error> {
        let context = Context::from_serialize(view).map_err(|e| self.fail(name, report(&e)))?;
        self.render_context(name, &context, 0)
    }

    /// Renders the template called `name` with a context already built, into a buffer that
    /// starts with room for `size_hint` bytes (large outputs then grow without copying).
    fn render_context(
        &self,
        name: &str,
        context: &Context,
        size_hint: usize,
    ) -> Result<String, Error> {
        let Some(template) = builtin(name) else {
            return Err(Error::internal(
                format!("template `{name}`"),
                "no built-in template has this name",
            ));
        };
        let engine = self.engines.get(&template.syntax).ok_or_else(|| {
            Error::internal(format!("template `{name}`"), "no engine for its syntax")
        })?;
        let mut output = Vec::with_capacity(size_hint);
        engine
            .render_to(name, context, &mut output)
            .map_err(|e| self.fail(name, report(&e)))?;
        String::from_utf8(output).map_err(|e| self.fail(name, e.to_string()))
    }

    /// Renders the template called `name` with `view` and adds the result to `files` at
    /// `path`: normalised, with the header of its syntax, JSON parsed back.
    pub fn render_file(
        &self,
        files: &mut FileSet,
        path: RelativePath,
        name: &str,
        view: &impl Serialize,
    ) -> Result<(), Error> {
        let text = self.render(name, view)?;
        self.add_file(files, path, name, &text)
    }

    /// Like [`Templates::render_file`], with a context already built (from values shared
    /// between templates) and the expected size of the output.
    pub(crate) fn render_file_context(
        &self,
        files: &mut FileSet,
        path: RelativePath,
        name: &str,
        context: &Context,
        size_hint: usize,
    ) -> Result<(), Error> {
        let text = self.render_context(name, context, size_hint)?;
        self.add_file(files, path, name, &text)
    }

    fn add_file(
        &self,
        files: &mut FileSet,
        path: RelativePath,
        name: &str,
        text: &str,
    ) -> Result<(), Error> {
        let syntax = builtin(name).map_or(Syntax::Markdown, |b| b.syntax);
        files.insert(path, syntax, text).map_err(|e| match e {
            Error::Internal { message, .. } if self.is_overridden(name) => Error::Override {
                file: name.to_owned(),
                message,
            },
            other => other,
        })
    }

    /// Renders `source`, a template of `syntax` that is not built in, with `view` into
    /// `files` at `path`, through the engine and filters of `syntax`, as a built-in template
    /// would render (the tests render their sample templates so).
    pub fn render_file_from_source(
        &self,
        files: &mut FileSet,
        path: RelativePath,
        syntax: Syntax,
        source: &str,
        view: &impl Serialize,
    ) -> Result<(), Error> {
        const NAME: &str = "source";
        let fail = |message: String| Error::internal(format!("template of `{path}`"), message);
        lint::check(syntax, source).map_err(fail)?;
        let mut tera = self
            .engines
            .get(&syntax)
            .cloned()
            .ok_or_else(|| fail(format!("no engine for {}", syntax.name())))?;
        tera.add_raw_template(NAME, source)
            .map_err(|e| fail(report(&e)))?;
        let context = Context::from_serialize(view).map_err(|e| fail(report(&e)))?;
        let text = tera.render(NAME, &context).map_err(|e| fail(report(&e)))?;
        files.insert(path, syntax, &text)
    }

    /// Renders the built-in sample view-model of `name` into a scratch file set.
    fn check_sample(&self, name: &str) -> Result<(), Error> {
        let Some(template) = builtin(name) else {
            return Ok(());
        };
        let path = RelativePath::new("sample")?;
        self.render_file(&mut FileSet::new(), path, name, &(template.sample)())
    }

    fn fail(&self, name: &str, message: String) -> Error {
        if self.is_overridden(name) {
            Error::Override {
                file: name.to_owned(),
                message,
            }
        } else {
            Error::internal(format!("template `{name}`"), message)
        }
    }
}

/// The closest built-in template name to `name`, if it is close enough to be a typo.
fn closest_builtin(name: &str) -> Option<String> {
    BUILTINS
        .iter()
        .map(|b| (strsim::levenshtein(name, b.name), b.name))
        .filter(|(distance, candidate)| *distance <= 3.max(candidate.len() / 4))
        .min()
        .map(|(_, candidate)| candidate.to_owned())
}

/// A Tera error with its chain of causes, as one message.
fn report(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message.trim_end().to_owned()
}

/// An engine for `syntax` with autoescape off and that syntax's filters.
fn new_engine(syntax: Syntax) -> Tera {
    let mut tera = Tera::new();
    tera.autoescape_on(Vec::<&str>::new());
    match syntax {
        Syntax::Bicep => {
            tera.register_filter("bicep_string", |s: &str, _: Kwargs, _: &State| {
                escape::bicep_string(s)
            });
            tera.register_filter("bicep_comment", |s: &str, _: Kwargs, _: &State| {
                escape::bicep_comment(s)
            });
            tera.register_filter("bicep_key", |s: &str, _: Kwargs, _: &State| {
                escape::bicep_key(s)
            });
            tera.register_filter("bicep_identifier", |s: &str, _: Kwargs, _: &State| {
                escape::bicep_identifier(s)
            });
            tera.register_filter(
                "bicep_value",
                |v: &tera::Value, kwargs: Kwargs, _: &State| {
                    let indent = kwargs.get::<usize>("indent")?.unwrap_or(0);
                    to_json(v).map(|j| escape::bicep_value(&j, indent))
                },
            );
            tera.register_filter("bicep_operand", |v: &tera::Value, _: Kwargs, _: &State| {
                operand(v, escape::bicep_operand)
            });
        }
        Syntax::Arm => {
            tera.register_filter("arm_string", |s: &str, _: Kwargs, _: &State| {
                escape::arm_string(s)
            });
            tera.register_filter("arm_expression_string", |s: &str, _: Kwargs, _: &State| {
                escape::arm_expression_string(s)
            });
            tera.register_filter("arm_value", |v: &tera::Value, _: Kwargs, _: &State| {
                to_json(v).map(|j| escape::arm_value(&j))
            });
            tera.register_filter("arm_operand", |v: &tera::Value, _: Kwargs, _: &State| {
                operand(v, escape::arm_operand)
            });
            tera.register_filter(
                "arm_operand_expression",
                |v: &tera::Value, _: Kwargs, _: &State| operand(v, escape::arm_operand_expression),
            );
            register_json(&mut tera);
        }
        Syntax::Roles => register_json(&mut tera),
        Syntax::Markdown => {
            tera.register_filter("markdown_text", |s: &str, _: Kwargs, _: &State| {
                escape::markdown_text(s)
            });
            tera.register_filter("markdown_code", |s: &str, _: Kwargs, _: &State| {
                escape::markdown_code(s)
            });
            tera.register_filter("markdown_cell_code", |s: &str, _: Kwargs, _: &State| {
                escape::markdown_cell_code(s)
            });
            tera.register_filter("mermaid_label", |s: &str, _: Kwargs, _: &State| {
                escape::mermaid_label(s)
            });
            tera.register_filter("mermaid_id", |s: &str, _: Kwargs, _: &State| {
                escape::mermaid_id(s)
            });
        }
        Syntax::Yaml => {
            tera.register_filter("yaml_string", |s: &str, _: Kwargs, _: &State| {
                escape::yaml_string(s)
            });
            tera.register_filter("yaml_value", |v: &tera::Value, _: Kwargs, _: &State| {
                to_json(v).map(|j| escape::yaml_value(&j))
            });
        }
    }
    tera
}

fn register_json(tera: &mut Tera) {
    tera.register_filter("json", |v: &tera::Value, _: Kwargs, _: &State| {
        to_json(v).map(|j| escape::json(&j))
    });
}

/// Applies an operand filter to a template value.
fn operand(
    value: &tera::Value,
    filter: fn(&serde_json::Value) -> Result<String, String>,
) -> tera::TeraResult<String> {
    to_json(value).and_then(|j| filter(&j).map_err(tera::Error::message))
}

/// The JSON form of a template value; an undefined value is an error (Tera hands undefined
/// attributes to filters instead of failing).
fn to_json(value: &tera::Value) -> tera::TeraResult<serde_json::Value> {
    if value.is_undefined() {
        return Err(tera::Error::message("the value is undefined"));
    }
    serde_json::to_value(value).map_err(|e| tera::Error::message(format!("not a JSON value: {e}")))
}

#[cfg(test)]
mod tests;
