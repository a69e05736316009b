//! The checks of user overrides: an override must replace a built-in template, follow the
//! interpolation rule of its syntax, compile, and render the built-in's sample view-model to
//! valid output before it is used.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::fileset::{FileSet, RelativePath};
use crate::syntax::ALL_SYNTAXES;

use super::builtin::{BUILTINS, builtin};
use super::engine::{new_engine, report};
use super::{Templates, lint};

impl Templates {
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

    /// Renders the built-in sample view-model of `name` into a scratch file set.
    fn check_sample(&self, name: &str) -> Result<(), Error> {
        let Some(template) = builtin(name) else {
            return Ok(());
        };
        let path = RelativePath::new("sample")?;
        self.render_file(&mut FileSet::new(), path, name, &(template.sample)())
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
