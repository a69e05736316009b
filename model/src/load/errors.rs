//! Shape errors: serde's error messages, classified and reworded as located diagnostics.
//!
//! serde reports shape errors through `de::Error` constructors whose messages have fixed forms
//! (`unknown field `x`, expected one of …`). YAML's error type keeps them structured; JSON's
//! and TOML's keep only the text, which [`Problem::from_message`] parses back.

use serde_path_to_error::{Path, Segment};

use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::source::{Anchor, Located, Span};

use super::spans::{child, describe};

/// One shape error, independent of the format it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Problem {
    /// A key the type does not declare.
    UnknownField {
        field: String,
        expected: Vec<String>,
    },
    /// An enum value the type does not declare.
    UnknownVariant {
        variant: String,
        expected: Vec<String>,
    },
    /// A required key is absent.
    MissingField { field: String },
    /// A key given twice (found by serde rather than by the span walk).
    DuplicateField { field: String },
    /// A value of the wrong type.
    InvalidType {
        unexpected: String,
        expected: String,
    },
    /// A value of the right type that is not allowed.
    InvalidValue {
        unexpected: String,
        expected: String,
    },
    /// A list of the wrong length.
    InvalidLength { len: String, expected: String },
    /// Anything else: a message from the type itself (a `TryFrom` newtype, a `FromStr`).
    Custom(String),
}

impl Problem {
    /// Classifies a serde error message.
    pub(super) fn from_message(message: &str) -> Self {
        let message = message.lines().next().unwrap_or_default().trim();
        if let Some((field, expected)) =
            message.strip_prefix("unknown field `").and_then(split_name)
        {
            return Self::UnknownField {
                field: field.to_owned(),
                expected: names(expected),
            };
        }
        if let Some((variant, expected)) = message
            .strip_prefix("unknown variant `")
            .and_then(split_name)
        {
            return Self::UnknownVariant {
                variant: variant.to_owned(),
                expected: names(expected),
            };
        }
        if let Some(field) = backticked(message, "missing field `") {
            return Self::MissingField {
                field: field.to_owned(),
            };
        }
        if let Some(field) = backticked(message, "duplicate field `") {
            return Self::DuplicateField {
                field: field.to_owned(),
            };
        }
        if let Some((unexpected, expected)) = message
            .strip_prefix("invalid type: ")
            .and_then(|rest| rest.rsplit_once(", expected "))
        {
            return Self::InvalidType {
                unexpected: unexpected.to_owned(),
                expected: expected.to_owned(),
            };
        }
        if let Some((unexpected, expected)) = message
            .strip_prefix("invalid value: ")
            .and_then(|rest| rest.rsplit_once(", expected "))
        {
            return Self::InvalidValue {
                unexpected: unexpected.to_owned(),
                expected: expected.to_owned(),
            };
        }
        if let Some((len, expected)) = message
            .strip_prefix("invalid length ")
            .and_then(|rest| rest.split_once(", expected "))
        {
            return Self::InvalidLength {
                len: len.to_owned(),
                expected: expected.to_owned(),
            };
        }
        Self::Custom(message.to_owned())
    }

    /// The located diagnostic for this problem at `pointer`.
    ///
    /// `fallback` is the span the format library reported, used when the source map has no
    /// exact entry for the pointer.
    pub(super) fn into_diagnostic(
        self,
        pointer: &str,
        located: &Located,
        fallback: Option<Span>,
    ) -> Diagnostic {
        let diagnostic = match self {
            Self::UnknownField { field, expected } => {
                let (mapping, key) = key_pointer(pointer, &field);
                let mut help = String::new();
                if let Some(suggestion) = did_you_mean(&field, expected.iter().map(String::as_str))
                {
                    help.push_str(&format!("did you mean `{suggestion}`? "));
                }
                if expected.is_empty() {
                    help.push_str("this mapping takes no keys");
                } else {
                    help.push_str(&format!("allowed keys: {}", list(&expected)));
                }
                Diagnostic::error(
                    Code::UnknownField,
                    key.clone(),
                    format!("unknown key `{field}` in {}", describe(&mapping)),
                )
                .on_key()
                .with_help(help)
            }
            Self::DuplicateField { field } => {
                let (mapping, key) = key_pointer(pointer, &field);
                Diagnostic::error(
                    Code::DuplicateKey,
                    key.clone(),
                    format!("duplicate key `{field}` in {}", describe(&mapping)),
                )
                .on_key()
                .with_help("remove one of the two entries or merge them")
            }
            Self::MissingField { field } => Diagnostic::error(
                Code::MissingField,
                pointer,
                format!("missing key `{field}` in {}", describe(pointer)),
            )
            .with_help(format!("add the key `{field}` to this mapping")),
            Self::UnknownVariant { variant, expected } => {
                let mut help = String::new();
                if let Some(suggestion) =
                    did_you_mean(&variant, expected.iter().map(String::as_str))
                {
                    help.push_str(&format!("did you mean `{suggestion}`? "));
                }
                if expected.is_empty() {
                    help.push_str("no value is allowed here");
                } else {
                    help.push_str(&format!("allowed values: {}", list(&expected)));
                }
                Diagnostic::error(
                    Code::InvalidValue,
                    pointer,
                    format!("unknown value `{variant}`"),
                )
                .with_help(help)
            }
            Self::InvalidType {
                unexpected,
                expected,
            } => {
                let expected = expected_phrase(&expected);
                Diagnostic::error(
                    Code::InvalidType,
                    pointer,
                    format!(
                        "expected {expected}, found {}",
                        unexpected_phrase(&unexpected)
                    ),
                )
                .with_help(format!("write {expected} here"))
            }
            Self::InvalidValue {
                unexpected,
                expected,
            } => {
                let expected = expected_phrase(&expected);
                Diagnostic::error(
                    Code::InvalidValue,
                    pointer,
                    format!(
                        "expected {expected}, found {}",
                        unexpected_phrase(&unexpected)
                    ),
                )
                .with_help(format!("write {expected} here"))
            }
            Self::InvalidLength { len, expected } => {
                let expected = expected_phrase(&expected);
                Diagnostic::error(
                    Code::InvalidValue,
                    pointer,
                    format!("expected {expected}, found {len} items"),
                )
                .with_help(format!("write {expected} here"))
            }
            Self::Custom(message) => Diagnostic::error(Code::InvalidValue, pointer, message)
                .with_help(format!("fix the value at `{pointer}`")),
        };
        located.locate_one(diagnostic, Anchor::Item(fallback))
    }
}

/// The RFC 6901 pointer of a `serde_path_to_error` path.
pub(super) fn pointer(path: &Path) -> String {
    let mut pointer = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => pointer = child(&pointer, &index.to_string()),
            Segment::Map { key } => pointer = child(&pointer, key),
            Segment::Enum { variant } => pointer = child(&pointer, variant),
            Segment::Unknown => {}
        }
    }
    pointer
}

/// A diagnostic for a problem that is not about one item (a syntax error, a limit).
pub(super) fn at_span(
    code: Code,
    message: impl Into<String>,
    help: impl Into<String>,
    located: &Located,
    span: Option<Span>,
) -> Diagnostic {
    located
        .locate_one(Diagnostic::error(code, "", message), Anchor::Text(span))
        .with_help(help)
}

/// The pointer of the mapping and of the key an unknown or duplicate `field` error is about.
///
/// `serde_path_to_error` stops at the mapping for errors raised while reading a key, but may
/// include the key itself; both are accepted.
fn key_pointer(pointer: &str, field: &str) -> (String, String) {
    let own = child("", field);
    match pointer.strip_suffix(own.as_str()) {
        Some(mapping) => (mapping.to_owned(), pointer.to_owned()),
        None => (pointer.to_owned(), child(pointer, field)),
    }
}

/// Splits "name`, expected …" into the name and what follows.
fn split_name(rest: &str) -> Option<(&str, &str)> {
    if let Some(index) = rest.rfind("`, expected ") {
        let name = rest.get(..index)?;
        let expected = rest.get(index + "`, expected ".len()..)?;
        return Some((name, expected));
    }
    let index = rest.rfind("`, there are no ")?;
    Some((rest.get(..index)?, ""))
}

/// The names in "one of `a`, `b`", "`a` or `b`" or "`a`": every backticked word.
fn names(expected: &str) -> Vec<String> {
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn backticked<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message.strip_prefix(prefix)?.strip_suffix('`')
}

fn list(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What serde's `expected` says, in the document's terms rather than Rust's.
pub(super) fn expected_phrase(expected: &str) -> String {
    let phrase = match expected {
        "a boolean" | "bool" => "`true` or `false`",
        "a string" | "a borrowed string" | "string" => "a string",
        "a character" | "char" => "a single character",
        "a sequence" | "sequence" => "a list",
        "a map" | "map" => "a mapping",
        "option" => "a value or null",
        "unit" => "null",
        "u8" => "an integer from 0 to 255",
        "u16" => "an integer from 0 to 65535",
        "u32" => "an integer from 0 to 4294967295",
        "u64" | "u128" | "usize" => "a non-negative integer",
        "i8" => "an integer from -128 to 127",
        "i16" => "an integer from -32768 to 32767",
        "i32" => "an integer from -2147483648 to 2147483647",
        "i64" | "i128" | "isize" => "an integer",
        "f32" | "f64" => "a number",
        "variant identifier" | "field identifier" => "a key name",
        "a byte array" | "bytes" => "bytes",
        other if other.starts_with("struct ") => "a mapping",
        other if other.starts_with("tuple struct ") || other.starts_with("a tuple") => "a list",
        other if other.starts_with("enum ") => "one of the allowed values",
        other if other.starts_with("newtype struct ") => "a value",
        other => other,
    };
    phrase.to_owned()
}

/// What serde's `unexpected` says, in the document's terms rather than Rust's.
pub(super) fn unexpected_phrase(unexpected: &str) -> String {
    if let Some(text) = unexpected
        .strip_prefix("string \"")
        .and_then(|rest| rest.strip_suffix('"'))
    {
        return format!("string `{text}`");
    }
    if let Some(number) = unexpected.strip_prefix("floating point ") {
        return format!("number {number}");
    }
    let phrase = match unexpected {
        "unit value" | "null" => "null",
        "Option value" | "newtype struct" => "a value",
        "sequence" => "a list",
        "map" => "a mapping",
        "enum" | "newtype variant" | "tuple variant" | "struct variant" => "a tagged value",
        "unit variant" => "a plain value",
        other => other,
    };
    phrase.to_owned()
}
