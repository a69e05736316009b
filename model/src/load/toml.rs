//! TOML: `toml`'s spanned document tables for the source map, `toml`'s deserialiser for the
//! values.
//!
//! The document is parsed once into a spanned table ([`::toml::de::DeTable`]); the walk over it
//! records spans and the same table is then deserialised. Key spans cover the key as written
//! (with quotes when quoted; for a dotted key or a table header, the last segment). Value spans
//! are those `toml` reports: strings with their quotes, inline tables and arrays from bracket
//! to bracket, tables declared by a `[header]` from the header on.

use std::ops::Range;

use ::toml::de::{DeTable, DeValue};
use serde::de::DeserializeOwned;
use serde_path_to_error::Track;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{Located, Source, SourceMap, Span};

use super::Limits;
use super::errors::{Problem, at_span, pointer};
use super::spans::{MapBuilder, child};

/// Builds the source map of a TOML document, or reports why it cannot be loaded.
pub(super) fn walk(source: &Source, limits: &Limits) -> Result<SourceMap, Vec<Diagnostic>> {
    let mut builder = MapBuilder::new(source, limits);
    let (root, errors) = DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        for error in errors {
            if builder.is_full() {
                builder.suppress();
            } else {
                builder.push(parse_error(source, &error));
            }
        }
        return builder.finish();
    }
    if root.get_ref().is_empty() {
        builder.empty();
        return builder.finish();
    }
    // The root table spans the whole document.
    let whole = Span::new(0, source.text.len());
    builder.value("", whole);
    if builder.enter("", 1, whole).is_ok() {
        let _too_deep = table(&mut builder, "", root.get_ref(), 1);
    }
    builder.finish()
}

/// Deserialises a TOML document whose source map is built.
pub(super) fn deserialize<T: DeserializeOwned>(located: &Located) -> Result<T, Box<Diagnostic>> {
    let text = located
        .source
        .as_ref()
        .map(|source| source.text.as_str())
        .unwrap_or_default();
    let deserializer = match ::toml::de::Deserializer::parse(text) {
        Ok(deserializer) => deserializer,
        Err(error) => {
            let source = located
                .source
                .clone()
                .unwrap_or_else(|| Source::new("", ""));
            return Err(Box::new(parse_error(&source, &error)));
        }
    };
    let mut track = Track::new();
    let result = T::deserialize(serde_path_to_error::Deserializer::new(
        deserializer,
        &mut track,
    ));
    result.map_err(|error| {
        let path = pointer(&track.path());
        let fallback = error.span().map(span);
        let mut problem = Problem::from_message(error.message());
        // `toml` hands a datetime to serde as a one-key map; say what the author wrote.
        if let Problem::InvalidType { unexpected, .. } = &mut problem
            && unexpected == "map"
            && is_datetime(located, &path)
        {
            "a datetime".clone_into(unexpected);
        }
        Box::new(problem.into_diagnostic(&path, located, fallback))
    })
}

/// Whether the value at `pointer` is written as a TOML datetime.
fn is_datetime(located: &Located, pointer: &str) -> bool {
    let text = located.map.value_span(pointer).and_then(|span| {
        located
            .source
            .as_ref()
            .and_then(|source| source.slice(span))
    });
    text.is_some_and(|text| text.trim().parse::<::toml::value::Datetime>().is_ok())
}

fn parse_error(source: &Source, error: &::toml::de::Error) -> Diagnostic {
    let located = Located {
        source: Some(source.clone()),
        map: SourceMap::new(),
    };
    let message = error.message().lines().next().unwrap_or_default().trim();
    let (code, help) = if message.starts_with("duplicate key") {
        (
            Code::DuplicateKey,
            "remove one of the two entries or merge them".to_owned(),
        )
    } else if message.contains("recursion") {
        (
            Code::NestingTooDeep,
            "flatten the document; mlzone documents need only a few levels".to_owned(),
        )
    } else {
        (Code::Syntax, super::spans::syntax_help(source))
    };
    let at = error.span().map_or(Span::new(0, 0), span);
    let message = match (code, source.slice(at)) {
        (Code::DuplicateKey, Some(key)) if !key.is_empty() => format!("duplicate key `{key}`"),
        _ if message.is_empty() => "malformed TOML".to_owned(),
        _ => message.to_owned(),
    };
    at_span(code, message, help, &located, Some(at))
}

fn span(range: Range<usize>) -> Span {
    Span::new(range.start, range.end.saturating_sub(range.start))
}

struct TooDeep;

fn table(
    builder: &mut MapBuilder<'_>,
    pointer: &str,
    table: &DeTable<'_>,
    depth: usize,
) -> Result<(), TooDeep> {
    for (key, value) in table {
        let pointer = child(pointer, key.get_ref());
        builder.key(&pointer, span(key.span()));
        builder.string(&pointer, key.get_ref(), span(key.span()));
        item(
            builder,
            &pointer,
            value.get_ref(),
            span(value.span()),
            depth,
        )?;
    }
    Ok(())
}

fn item(
    builder: &mut MapBuilder<'_>,
    pointer: &str,
    value: &DeValue<'_>,
    value_span: Span,
    depth: usize,
) -> Result<(), TooDeep> {
    builder.value(pointer, value_span);
    match value {
        DeValue::String(text) => builder.string(pointer, text, value_span),
        DeValue::Table(inner) => {
            builder
                .enter(pointer, depth + 1, value_span)
                .map_err(|_| TooDeep)?;
            table(builder, pointer, inner, depth + 1)?;
        }
        DeValue::Array(items) => {
            builder
                .enter(pointer, depth + 1, value_span)
                .map_err(|_| TooDeep)?;
            for (index, element) in items.iter().enumerate() {
                let pointer = child(pointer, &index.to_string());
                item(
                    builder,
                    &pointer,
                    element.get_ref(),
                    span(element.span()),
                    depth + 1,
                )?;
            }
        }
        DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => {}
    }
    Ok(())
}
