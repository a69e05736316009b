//! Loading text into any serde type with every error located.
//!
//! Loading runs in three steps, each of which reports [`Diagnostic`]s instead of panicking:
//!
//! 1. [`decode`]: bytes → UTF-8 [`Source`], refusing oversized input (`input-too-large`) and
//!    invalid UTF-8 (`invalid-encoding`).
//! 2. The span walk: the text is read once, without serde, to build the [`SourceMap`] (the
//!    span of every key and value, keyed by JSON pointer) and to refuse what must be refused
//!    before deserialising: syntax errors, empty documents, nesting deeper than
//!    [`Limits::max_depth`], duplicate keys and strings longer than
//!    [`Limits::max_string_length`].
//! 3. Deserialisation into the caller's type through `serde_path_to_error`, so every shape
//!    error (unknown or missing key, wrong type, bad value) gets the JSON pointer of the
//!    offending item, which the [`SourceMap`] turns into a location.
//! 4. After a shape error, the rest of them: the document read again as a value tree and
//!    deserialised until it fits, each error reported and then patched over (`rest.rs`).
//!
//! ```
//! use mlzone_model::load::{parse, Limits};
//! use mlzone_model::{Format, Source};
//!
//! #[derive(Debug, serde::Deserialize)]
//! #[serde(deny_unknown_fields)]
//! struct Doc {
//!     name: String,
//! }
//!
//! let source = Source::new("doc.yaml", "name: demo\n");
//! let parsed = parse::<Doc>(source, Format::Yaml, &Limits::default()).unwrap();
//! assert_eq!(parsed.value.name, "demo");
//! assert_eq!(parsed.located.map.value_span("/name").unwrap().offset, 6);
//!
//! let source = Source::new("doc.yaml", "nmae: demo\n");
//! let errors = parse::<Doc>(source, Format::Yaml, &Limits::default()).unwrap_err();
//! assert_eq!(errors[0].code.as_str(), "unknown-field");
//! assert_eq!(errors[0].help.as_deref(), Some("did you mean `name`? allowed keys: `name`"));
//! ```

mod decode;
mod errors;
mod json;
mod rest;
mod spans;
mod toml;
mod yaml;

#[cfg(test)]
mod tests;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{Format, Located, Source, SourceMap};

pub use decode::{decode, unreadable};

/// Bounds on what a document may cost to load.
///
/// Every limit is checked before or while deserialising, so a hostile document is refused
/// early instead of exhausting memory or the stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted input in bytes (`input-too-large`). Default: 16 MiB, room for the
    /// documented maximum of 5,000 projects ([`MAX_PROJECTS`](crate::document::limits::MAX_PROJECTS)),
    /// about 6 MiB of YAML with ten data scientists each. The YAML reader's budgets of nodes,
    /// events and scalar text follow from it ([`Limits::max_yaml_nodes`]).
    pub max_bytes: usize,
    /// Deepest accepted nesting of mappings and sequences, the root counting as one
    /// (`nesting-too-deep`). Default: 64.
    pub max_depth: usize,
    /// Most parser events YAML aliases may replay in total (`alias-limit`). A billion-laughs
    /// document is refused as soon as the replay passes this bound. Default: 10,000.
    pub max_alias_expansions: usize,
    /// Longest accepted string (key or value) in bytes (`limit-exceeded`). Default: 64 KiB.
    pub max_string_length: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 16 * 1024 * 1024,
            max_depth: 64,
            max_alias_expansions: 10_000,
            max_string_length: 64 * 1024,
        }
    }
}

impl Limits {
    /// The most YAML nodes (mappings, sequences and scalars) a document may hold, a budget
    /// that follows [`Limits::max_bytes`]: a quarter of it. A node takes at least two bytes of
    /// text (`a,` in a flow sequence), and mlzone documents take about eleven, so any
    /// document within the size limit is within the node budget with room to spare, and a
    /// denser one is refused as `input-too-large` too.
    ///
    /// ```
    /// use mlzone_model::load::Limits;
    ///
    /// assert_eq!(Limits::default().max_yaml_nodes(), 4 * 1024 * 1024);
    /// ```
    pub fn max_yaml_nodes(&self) -> usize {
        self.max_bytes / 4
    }
}

/// A deserialised value with the source it came from and the spans of its items.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    /// The value.
    pub value: T,
    /// The source text and the span of every key and value in it, by JSON pointer.
    pub located: Located,
}

/// Deserialises `source`, written in `format`, into `T`.
///
/// On success the [`Located`] holds the source and a complete [`SourceMap`]: the span of every
/// value and every mapping key, keyed by RFC 6901 JSON pointer. On failure every diagnostic
/// has a code, a one-line message, the JSON pointer of the offending item, a location and,
/// where one helps, a hint. Every shape error is reported: format libraries stop at their
/// first one, after which the document is read again as a value tree whose errors are
/// reported and patched over one by one (`rest.rs`); errors found by the span walk
/// (duplicate keys, over-long strings) are all reported together.
pub fn parse<T: DeserializeOwned>(
    source: Source,
    format: Format,
    limits: &Limits,
) -> Result<Parsed<T>, Vec<Diagnostic>> {
    if source.text.len() > limits.max_bytes {
        return Err(vec![decode::too_large(&source.name, limits)]);
    }
    let walked = match format {
        Format::Yaml => yaml::walk(&source, limits),
        Format::Toml => toml::walk(&source, limits),
        Format::Json => json::walk(&source, limits),
    };
    let map: SourceMap = walked?;
    let located = Located {
        source: Some(source),
        map,
    };
    let value = match format {
        Format::Yaml => yaml::deserialize(&located, limits),
        Format::Toml => toml::deserialize(&located),
        Format::Json => json::deserialize(&located),
    };
    match value {
        Ok(value) => Ok(Parsed { value, located }),
        Err(first) => {
            let rest = rest::rest::<T>(&located, format, limits, &first);
            Err(std::iter::once(*first).chain(rest).collect())
        }
    }
}

/// The source map of a JSON text, as [`parse`] builds it, without reading the values; `None`
/// when the text is not JSON within `limits`. For locating items of a text already decoded.
pub(crate) fn json_source_map(source: &Source, limits: &Limits) -> Option<SourceMap> {
    if source.text.len() > limits.max_bytes {
        return None;
    }
    json::walk(source, limits).ok()
}

/// The format of a document: `explicit` when given, else the one its name's extension names.
///
/// Fails with `unknown-format` when there is no explicit format and the extension is not
/// `.yaml`, `.yml`, `.toml` or `.json` (in any case).
#[expect(
    clippy::result_large_err,
    reason = "the loader API returns one `Diagnostic` by value, once per load"
)]
pub fn format_for(name: &str, explicit: Option<Format>) -> Result<Format, Diagnostic> {
    if let Some(format) = explicit {
        return Ok(format);
    }
    Format::from_path(name).ok_or_else(|| {
        Diagnostic::error(
            Code::UnknownFormat,
            "",
            format!("cannot tell the format of `{name}` from its name"),
        )
        .with_help(
            "name the file `*.yaml`, `*.yml`, `*.toml` or `*.json`, or give the format explicitly",
        )
    })
}

/// The format named by `name` (`yaml`, `yml`, `toml` or `json`, in any case).
///
/// Fails with `unknown-format` for any other name.
#[expect(
    clippy::result_large_err,
    reason = "the loader API returns one `Diagnostic` by value, once per load"
)]
pub fn format_named(name: &str) -> Result<Format, Diagnostic> {
    let folded = name.to_ascii_lowercase();
    match folded.as_str() {
        "yaml" | "yml" => Ok(Format::Yaml),
        "toml" => Ok(Format::Toml),
        "json" => Ok(Format::Json),
        _ => Err(
            Diagnostic::error(Code::UnknownFormat, "", format!("unknown format `{name}`"))
                .with_help("use `yaml`, `toml` or `json`"),
        ),
    }
}
