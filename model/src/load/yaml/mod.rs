//! YAML: the parser's events for the source map, `serde-saphyr` for the values.
//!
//! [`walk`] builds the source map and refuses what must be refused before deserialising
//! (syntax errors, duplicate keys, deep nesting, alias bombs); [`deserialize`] reads the values
//! with `serde-saphyr`, whose errors `errors.rs` translates into diagnostics.

mod errors;
mod walk;

use serde::de::DeserializeOwned;
use serde_path_to_error::Track;
use serde_saphyr::{Budget, DuplicateKeyPolicy};

use crate::diagnostic::Diagnostic;
use crate::source::Located;

use super::Limits;
use super::errors::pointer;

pub(super) use walk::walk;

/// The `serde-saphyr` options mlzone reads YAML with.
///
/// - `strict_booleans`: only `true`/`false` (any case) are booleans; `yes`, `on`, `y` stay
///   strings and are refused where a boolean is expected (the Norway problem).
/// - `duplicate_keys: Error`: a repeated key is an error, never silently first- or last-wins.
/// - `alias_limits.max_total_replayed_events`: [`Limits::max_alias_expansions`], so alias bombs
///   stop after a small, fixed amount of work.
/// - `budget.max_depth`: [`Limits::max_depth`], also enforced through replayed aliases.
/// - `budget.max_nodes`: [`Limits::max_yaml_nodes`], with events (at most two per node) and
///   scalar text (at most the input) to match, so that every document within the size limit
///   is read (serde-saphyr's own defaults stop at about 2,250 synthetic projects).
/// - `reject_unsupported_tags`: an application tag (`!secret x`) is an error instead of being
///   dropped without a word.
/// - `with_snippet: false`: mlzone renders its own snippets from the location.
pub(super) fn options(limits: &Limits) -> serde_saphyr::Options {
    let mut budget = Budget::default();
    budget.max_depth = limits.max_depth;
    budget.max_documents = 1;
    budget.max_nodes = limits.max_yaml_nodes();
    budget.max_events = limits.max_yaml_nodes().saturating_mul(2).saturating_add(16);
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(limits.max_bytes);
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.strict_booleans = true;
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    options.alias_limits.max_total_replayed_events = limits.max_alias_expansions;
    options.reject_unsupported_tags = true;
    options.with_snippet = false;
    options
}

/// Deserialises a YAML document whose source map is built.
pub(super) fn deserialize<T: DeserializeOwned>(
    located: &Located,
    limits: &Limits,
) -> Result<T, Box<Diagnostic>> {
    let text = located
        .source
        .as_ref()
        .map(|source| source.text.as_str())
        .unwrap_or_default();
    let mut track = Track::new();
    let result = serde_saphyr::with_deserializer_from_str_with_options(
        text,
        options(limits),
        |deserializer| {
            T::deserialize(serde_path_to_error::Deserializer::new(
                deserializer,
                &mut track,
            ))
        },
    );
    result.map_err(|error| {
        let path = pointer(&track.path());
        Box::new(errors::diagnostic(&error, &path, located, limits))
    })
}
