//! `serde-saphyr`'s errors translated into located diagnostics.

use serde_saphyr::Error;
use serde_saphyr::budget::BudgetBreach;

use crate::diagnostic::{Code, Diagnostic};
use crate::load::Limits;
use crate::load::errors::{Problem, at_span};
use crate::load::spans::{child, syntax_help};
use crate::source::{Located, Source, Span};

/// The diagnostic of `error`, met while deserialising the value at `pointer`.
pub(super) fn diagnostic(
    error: &Error,
    pointer: &str,
    located: &Located,
    limits: &Limits,
) -> Diagnostic {
    let error = innermost(error);
    let fallback = located
        .source
        .as_ref()
        .and_then(|source| error_span(source, error));
    let scalar = || {
        located
            .map
            .value_span(pointer)
            .and_then(|span| located.source.as_ref()?.slice(span))
            .map(|text| format!("`{text}`"))
            .unwrap_or_else(|| "this value".to_owned())
    };
    let problem = match error {
        Error::SerdeUnknownField {
            field, expected, ..
        } => Problem::UnknownField {
            field: field.clone(),
            expected: expected.iter().map(|name| (*name).to_owned()).collect(),
        },
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => Problem::UnknownVariant {
            variant: variant.clone(),
            expected: expected.iter().map(|name| (*name).to_owned()).collect(),
        },
        Error::SerdeMissingField { field, .. } => Problem::MissingField {
            field: (*field).to_owned(),
        },
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => Problem::InvalidType {
            unexpected: unexpected.clone(),
            expected: expected.clone(),
        },
        Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => Problem::InvalidValue {
            unexpected: unexpected.clone(),
            expected: expected.clone(),
        },
        Error::SerdeInvalidLength { len, expected, .. } => Problem::InvalidLength {
            len: len.to_string(),
            expected: expected.clone(),
        },
        Error::InvalidBooleanStrict { .. } => Problem::InvalidType {
            unexpected: scalar(),
            expected: "a boolean".to_owned(),
        },
        Error::InvalidScalar { ty, .. } => Problem::InvalidType {
            unexpected: scalar(),
            expected: (*ty).to_owned(),
        },
        Error::NullIntoString { .. } => Problem::InvalidType {
            unexpected: "null".to_owned(),
            expected: "a string".to_owned(),
        },
        Error::Message { msg, .. } => Problem::from_message(msg),
        Error::Unexpected { expected, .. } if unexpected_kind(expected).is_some() => {
            Problem::InvalidType {
                unexpected: found(located, pointer),
                expected: unexpected_kind(expected).unwrap_or_default().to_owned(),
            }
        }
        Error::DuplicateMappingKey { key, .. } => {
            return at_span(
                Code::DuplicateKey,
                match key {
                    Some(key) => format!("duplicate key `{key}`"),
                    None => "duplicate key".to_owned(),
                },
                "remove one of the two entries or merge them",
                located,
                fallback,
            );
        }
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => {
            return alias_limit(located, fallback, limits);
        }
        Error::Budget { breach, .. } => return budget(breach, located, fallback, limits),
        Error::MultipleDocuments { .. } => {
            return at_span(
                Code::Syntax,
                "the file holds more than one document",
                "keep one document: remove the `---` separator and what follows it",
                located,
                fallback,
            );
        }
        Error::UnsupportedTag { tag, .. } => {
            return at_span(
                Code::InvalidValue,
                format!("unsupported tag `{tag}`"),
                "remove the tag; mlzone documents use plain YAML values",
                located,
                fallback,
            );
        }
        other => {
            let help = located.source.as_ref().map(syntax_help).unwrap_or_default();
            return at_span(Code::Syntax, first_line(other), help, located, fallback);
        }
    };
    problem.into_diagnostic(pointer, located, fallback)
}

/// What a `serde-saphyr` "expected …" names, in serde's words.
fn unexpected_kind(expected: &str) -> Option<&'static str> {
    match expected {
        "string scalar" | "scalar" => Some("a string"),
        "sequence start" => Some("a sequence"),
        "mapping start" | "empty mapping start" => Some("a map"),
        _ => None,
    }
}

/// What the document holds at `pointer`, told from its source text.
fn found(located: &Located, pointer: &str) -> String {
    let Some(text) = located
        .map
        .value_span(pointer)
        .and_then(|span| located.source.as_ref()?.slice(span))
    else {
        return "another kind of value".to_owned();
    };
    let text = text.trim_start();
    if located.map.value_span(&child(pointer, "0")).is_some()
        || text.starts_with('[')
        || text.starts_with("- ")
    {
        "sequence".to_owned()
    } else if text.starts_with('{')
        || located
            .map
            .value_span(pointer)
            .is_some_and(|_| text.contains(": "))
    {
        "map".to_owned()
    } else if text.is_empty() {
        "unit value".to_owned()
    } else {
        format!("`{text}`")
    }
}

/// The diagnostic of an alias bomb, at `fallback` when the error has no pointer.
pub(super) fn alias_limit(
    located: &Located,
    fallback: Option<Span>,
    limits: &Limits,
) -> Diagnostic {
    at_span(
        Code::AliasLimit,
        format!(
            "aliases expand to more than {} items",
            limits.max_alias_expansions
        ),
        "use fewer or smaller aliases; a document that multiplies aliases is refused",
        located,
        fallback,
    )
}

fn budget(
    breach: &BudgetBreach,
    located: &Located,
    fallback: Option<Span>,
    limits: &Limits,
) -> Diagnostic {
    match breach {
        BudgetBreach::Depth { .. } => at_span(
            Code::NestingTooDeep,
            format!("the document nests deeper than {} levels", limits.max_depth),
            "flatten the document; mlzone documents need only a few levels",
            located,
            fallback,
        ),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. } => alias_limit(located, fallback, limits),
        BudgetBreach::Documents { .. } => at_span(
            Code::Syntax,
            "the file holds more than one document",
            "keep one document: remove the `---` separator and what follows it",
            located,
            fallback,
        ),
        // Beyond the reader's budgets, which follow the size limit, a document is too large
        // as an oversized one is: the same code, exit status and help.
        other => at_span(
            Code::InputTooLarge,
            format!("the document is too large to read: {}", budget_name(other)),
            "split the document or raise the size limit",
            located,
            fallback,
        ),
    }
}

fn budget_name(breach: &BudgetBreach) -> &'static str {
    match breach {
        BudgetBreach::Events { .. } => "too many parser events",
        BudgetBreach::Nodes { .. } => "too many nodes",
        BudgetBreach::ScalarBytes { .. } => "too much scalar text",
        BudgetBreach::MergeKeys { .. } => "too many merge keys",
        BudgetBreach::Anchors { .. } => "too many anchors",
        _ => "a parser budget was exceeded",
    }
}

/// The error inside snippet and alias wrappers.
fn innermost(error: &Error) -> &Error {
    let mut current = error.without_snippet();
    while let Error::AliasError { error, .. } = current {
        current = error.without_snippet();
    }
    current
}

fn first_line(error: &Error) -> String {
    let text = error.to_string();
    let line = text.lines().next().unwrap_or_default();
    let line = line.split(" at line ").next().unwrap_or(line).trim();
    if line.is_empty() {
        "malformed YAML".to_owned()
    } else {
        line.to_owned()
    }
}

/// The span of a `serde-saphyr` error location.
fn error_span(source: &Source, error: &Error) -> Option<Span> {
    let location = error.location()?;
    let span = location.span();
    if let (Some(offset), Some(length)) = (span.byte_offset(), span.byte_len()) {
        let offset = usize::try_from(offset).ok()?;
        let length = usize::try_from(length).ok()?;
        if source.text.is_char_boundary(offset) && offset <= source.text.len() {
            return Some(Span::new(offset, length.min(source.text.len() - offset)));
        }
    }
    let line = usize::try_from(location.line()).ok()?;
    let column = usize::try_from(location.column()).ok()?;
    if line == 0 {
        return None;
    }
    // The parser's lines end where the line index's do (a lone `\r` included).
    let line_text_start = source.indexed().line_start(line - 1)?;
    let within = source
        .text
        .get(line_text_start..)
        .unwrap_or_default()
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(0, |(index, _)| index);
    Some(Span::new(line_text_start + within, 0))
}
