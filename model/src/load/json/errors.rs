//! `serde_json`'s errors translated into located diagnostics.

use crate::diagnostic::{Code, Diagnostic};
use crate::load::errors::{Problem, at_span};
use crate::load::spans::syntax_help;
use crate::source::{Located, Source, SourceMap, Span};

/// The diagnostic of `error`, met while deserialising the value at `pointer`.
pub(super) fn diagnostic(
    error: &serde_json::Error,
    pointer: &str,
    located: &Located,
) -> Diagnostic {
    let span = located
        .source
        .as_ref()
        .map(|source| error_span(source, error));
    let message = bare_message(error);
    match error.classify() {
        serde_json::error::Category::Data => {
            Problem::from_message(&message).into_diagnostic(pointer, located, span)
        }
        _ => {
            let (code, help) = syntax_code(&message, located);
            at_span(code, message, help, located, span)
        }
    }
}

/// The diagnostic of the syntax error the scanner stopped at, worded by `serde_json`.
pub(super) fn syntax_error(source: &Source) -> Diagnostic {
    let located = Located {
        source: Some(source.clone()),
        map: SourceMap::new(),
    };
    match serde_json::from_str::<serde::de::IgnoredAny>(&source.text) {
        Err(error) => {
            let message = bare_message(&error);
            let (code, help) = syntax_code(&message, &located);
            at_span(
                code,
                message,
                help,
                &located,
                Some(error_span(source, &error)),
            )
        }
        Ok(_) => at_span(
            Code::Syntax,
            "malformed JSON",
            syntax_help(source),
            &located,
            Some(Span::new(0, 0)),
        ),
    }
}

fn syntax_code(message: &str, located: &Located) -> (Code, String) {
    if message.starts_with("recursion limit exceeded") {
        return (
            Code::NestingTooDeep,
            "flatten the document; mlzone documents need only a few levels".to_owned(),
        );
    }
    let help = located.source.as_ref().map(syntax_help).unwrap_or_default();
    (Code::Syntax, help)
}

/// `serde_json`'s message without its " at line L column C" suffix.
fn bare_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
}

/// The span of the byte `serde_json` reports an error at.
fn error_span(source: &Source, error: &serde_json::Error) -> Span {
    let text = &source.text;
    let line_start = text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let mut offset = line_start
        .saturating_add(error.column().saturating_sub(1))
        .min(text.len());
    while !text.is_char_boundary(offset) {
        offset = offset.saturating_sub(1);
    }
    let length = text
        .get(offset..)
        .and_then(|rest| rest.chars().next())
        .map_or(0, char::len_utf8);
    Span::new(offset, length)
}
