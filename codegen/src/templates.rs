//! The render layer: one Tera instance per [`Syntax`] (`engine`: the engines and the one
//! table of escaping filters), the built-in templates embedded in the binary and addressed by
//! constants (`builtin`), and user overrides that are checked before use (`overrides`,
//! `lint`).
//!
//! Rules every template follows (checked for built-ins by tests and for overrides at load):
//! every `{{ … }}` ends with a filter of its syntax (see [`filters_of`]), so no value reaches
//! the output unescaped; autoescape is off; an undefined variable is an error.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use tera::{Context, Tera};

use crate::error::Error;
use crate::fileset::{FileSet, RelativePath};
use crate::syntax::Syntax;

mod builtin;
mod engine;
mod lint;
mod overrides;

pub use builtin::{
    ARM_PARAMETERS, ARM_PRIVATE_DNS, ARM_PROJECT, ARM_REGISTRY, ARM_REGISTRY_PARAMETERS,
    ARM_TEMPLATE, BICEP_MAIN, BICEP_PARAMETERS, BICEP_PRIVATE_DNS, BICEP_PROJECT, BICEP_REGISTRY,
    BICEP_REGISTRY_MODULE, BICEP_REGISTRY_PARAMETERS, BICEP_REGISTRY_READER, BUILTINS, Builtin,
    DOCS_ACCESS_MATRIX, DOCS_GUARDRAILS, DOCS_LANDING_ZONE, DOCS_PERMISSION_DIFF, DOCS_PROJECT,
    DOCS_PROMOTION, DOCS_PROMOTION_DIAGRAM, DOCS_README, PIPELINE_AZURE, PIPELINE_GITHUB,
    PIPELINE_LOAD_TEST, PIPELINE_LOAD_TEST_REQUESTS, PIPELINE_PROMOTE_AZURE,
    PIPELINE_PROMOTE_GITHUB, PIPELINE_README, POLICY_ARM, POLICY_ARM_MANAGEMENT_GROUP,
    POLICY_BICEP_MAIN, POLICY_BICEP_MANAGEMENT_GROUP, POLICY_BICEP_RESOURCE_GROUP, ROLE_DEFINITION,
    builtin,
};
pub use engine::{FILTERS, Filter, filters_of};

use engine::report;

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

#[cfg(test)]
mod tests;
