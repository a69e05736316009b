//! From a document to an [`Estate`]: presets and defaults applied, names resolved to ids.
//!
//! Resolution reports every problem it finds (duplicates, dangling references, values out of
//! range) as diagnostics carrying the JSON pointer of the offending item; the caller locates
//! them in the source text. Rules about what a valid estate should look like (least privilege,
//! one instance per data scientist, …) are the validator's, not this module's.

pub mod defaults;
mod environments;
mod guardrails;
mod landing_zone;
mod order;
mod personas;
mod policies;
mod posture;
mod projects;
pub(crate) mod regions;
pub mod registry;
mod roles;
mod text;

use std::collections::BTreeMap;

use crate::diagnostic::{Code, Diagnostic, unknown_name};
use crate::document::Document;
use crate::estate::{Estate, Naming, RuleSetting};

pub use crate::document::limits::{MAX_DESCRIPTION, MAX_NAME_TEXT, MAX_PROJECTS};

/// Resolves a document into an estate, or returns every problem found.
pub fn resolve(document: &Document) -> Result<Estate, Vec<Diagnostic>> {
    let mut problems = Problems::default();

    text::check_display_name(&mut problems, "/organisation", &document.organisation);
    text::check_tags(&mut problems, "/tags", &document.tags);
    if document.tenant.is_nil() {
        problems.push(placeholder_tenant());
    }
    regions::check(&mut problems, "/location".to_owned(), &document.location);

    landing_zone::check_estate(document, &mut problems);
    let environments = environments::resolve(document, &mut problems);
    let roles = roles::names(document, &mut problems);
    let personas = personas::resolve(document, &environments, &roles, &mut problems);
    let environments = environments::finish(environments, &personas, &mut problems);
    let projects = projects::resolve(document, &environments, &mut problems);
    personas::check_object_ids(&personas.items, &environments, &projects, &mut problems);
    let registry = registry::resolve(
        document,
        &environments,
        &personas,
        &roles,
        &projects,
        &mut problems,
    );
    let custom_roles = roles::resolve(document, &roles, &mut problems);
    let rules = rules(document, &mut problems);
    let inherited_policies = policies::resolve(document, &mut problems);
    let guardrails = guardrails::resolve(document, &environments, &projects, &mut problems);

    if problems.0.is_empty() {
        Ok(Estate {
            organisation: document.organisation.clone(),
            tenant: document.tenant,
            location: document.location.clone(),
            preset: document.preset,
            naming: Naming {
                prefix: document.naming.prefix.clone(),
            },
            tags: document.tags.clone(),
            environments: environments.items,
            personas: personas.items,
            projects,
            roles: custom_roles,
            rules,
            registry,
            inherited_policies,
            guardrails,
        })
    } else {
        Err(problems.0)
    }
}

/// The all-zero tenant `mlzone init` writes, refused until the real one replaces it.
fn placeholder_tenant() -> Diagnostic {
    Diagnostic::error(
        Code::InvalidValue,
        "/tenant",
        "the tenant is the all-zero placeholder, not a real tenant id",
    )
    .with_help("write your Entra ID tenant id (`az account show --query tenantId`)")
}

/// The diagnostics gathered while resolving.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<Diagnostic>);

impl Problems {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Runs `report` and marks what it reported as being about a mapping key.
    pub(crate) fn about_keys<T>(&mut self, report: impl FnOnce(&mut Self) -> T) -> T {
        let before = self.0.len();
        let result = report(self);
        for diagnostic in self.0.iter_mut().skip(before) {
            diagnostic.on_key = true;
        }
        result
    }

    /// Reports a name that refers to nothing, with the closest known name as a hint.
    pub(crate) fn unknown<'a>(
        &mut self,
        path: String,
        what: &str,
        name: &str,
        known: impl IntoIterator<Item = &'a str>,
    ) {
        self.push(unknown_name(path, what, name, known));
    }

    /// Reports a second item with the name of an earlier one.
    pub(crate) fn duplicate(&mut self, path: String, first: String, what: &str, name: &str) {
        self.push(
            Diagnostic::error(
                Code::DuplicateName,
                path,
                format!("{what} `{name}` is defined twice"),
            )
            .with_help(format!("give each {what} a name of its own"))
            .with_related(first, "first defined here"),
        );
    }
}

/// A JSON pointer from tokens.
pub(crate) fn pointer<I, T>(tokens: I) -> String
where
    I: IntoIterator<Item = T>,
    T: std::fmt::Display,
{
    tokens
        .into_iter()
        .map(|token| format!("/{}", crate::diagnostic::pointer_token(&token.to_string())))
        .collect()
}

fn rules(document: &Document, problems: &mut Problems) -> BTreeMap<Code, RuleSetting> {
    use strum::IntoEnumIterator;
    let mut rules = BTreeMap::new();
    for (name, rule) in &document.rules {
        let path = pointer(["rules", name.as_str()]);
        let code: Code = match name.parse() {
            Ok(code) => code,
            Err(_) => {
                let codes: Vec<&'static str> = Code::iter().map(Code::as_str).collect();
                problems.about_keys(|problems| {
                    problems.unknown(path, "rule", name, codes.iter().copied());
                });
                continue;
            }
        };
        if !code.is_rule() {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    path,
                    format!("`{name}` is not a validator rule, so it has no level to set"),
                )
                .with_help("problems of reading, shape and references are always errors; only the codes of the validator's rules take a level")
                .on_key(),
            );
            continue;
        }
        if !code.takes_level() {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    path,
                    format!("rule `{name}` is always an error, so it has no level to set"),
                )
                .with_help("code generation refuses what this rule reports whatever its level: fix the document instead")
                .on_key(),
            );
            continue;
        }
        if rule.reason.trim().is_empty() {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("{path}/reason"),
                    format!("the level of rule `{name}` has no reason"),
                )
                .with_help("say why the default level does not fit, for reviewers"),
            );
        }
        text::check_description(problems, &format!("{path}/reason"), &rule.reason);
        rules.insert(
            code,
            RuleSetting {
                level: rule.level,
                reason: rule.reason.clone(),
                path,
            },
        );
    }
    rules
}
