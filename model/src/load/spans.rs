//! The format-independent half of the span walk: recording spans and refusing what the walk
//! finds (duplicate keys, too-deep nesting, over-long strings, empty documents).
//!
//! Each format walks its own syntax and reports what it sees to a [`MapBuilder`]; the builder
//! records spans in a [`SourceMap`] and collects diagnostics.

use std::cell::OnceCell;
use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic, pointer_token};
use crate::source::{IndexedSource, Source, SourceMap, Span};

use super::Limits;

/// The most diagnostics one walk reports; a document with thousands of broken lines gets the
/// first ones and a count of the rest, which is all a reader can use and keeps loading linear.
pub const MAX_DIAGNOSTICS: usize = 100;

/// Collects the spans of one document and the diagnostics the walk finds.
pub(super) struct MapBuilder<'a> {
    source: &'a Source,
    /// The lines of the source, indexed when the first diagnostic needs a location.
    lines: OnceCell<IndexedSource<'a>>,
    limits: &'a Limits,
    map: SourceMap,
    diagnostics: Vec<Diagnostic>,
    /// Diagnostics past [`MAX_DIAGNOSTICS`], counted and dropped.
    suppressed: usize,
}

/// The walk must stop: the document nests too deeply.
#[derive(Debug)]
pub(super) struct TooDeep;

impl<'a> MapBuilder<'a> {
    pub(super) fn new(source: &'a Source, limits: &'a Limits) -> Self {
        Self {
            source,
            lines: OnceCell::new(),
            limits,
            map: SourceMap::new(),
            diagnostics: Vec::new(),
            suppressed: 0,
        }
    }

    /// Records the span of the value at `pointer`.
    pub(super) fn value(&mut self, pointer: &str, span: Span) {
        self.map.insert_value(pointer, span);
    }

    /// Records the span of the key of the value at `pointer`.
    pub(super) fn key(&mut self, pointer: &str, span: Span) {
        self.map.insert_key(pointer, span);
    }

    /// Checks the nesting depth of a collection opened at `pointer` (the root is depth one).
    pub(super) fn enter(&mut self, pointer: &str, depth: usize, span: Span) -> Result<(), TooDeep> {
        if depth <= self.limits.max_depth {
            return Ok(());
        }
        self.too_deep(pointer, span);
        Err(TooDeep)
    }

    /// Reports that the document nests deeper than the limit at `pointer`, where `span` is.
    pub(super) fn too_deep(&mut self, pointer: &str, span: Span) {
        let diagnostic = Diagnostic::error(
            Code::NestingTooDeep,
            pointer,
            format!(
                "the document nests deeper than {} levels",
                self.limits.max_depth
            ),
        )
        .with_location(Some(self.location(span)))
        .with_help("flatten the document; mlzone documents need only a few levels");
        self.push(diagnostic);
    }

    /// Checks the length of a string (a key or a scalar value) whose decoded text is `text`.
    pub(super) fn string(&mut self, pointer: &str, text: &str, span: Span) {
        if text.len() <= self.limits.max_string_length {
            return;
        }
        let diagnostic = Diagnostic::error(
            Code::LimitExceeded,
            pointer,
            format!(
                "a string of {} bytes is longer than the limit of {} bytes",
                text.len(),
                self.limits.max_string_length
            ),
        )
        .with_location(Some(self.location(span)))
        .with_help("shorten the string or raise the string length limit");
        self.push(diagnostic);
    }

    /// Reports a syntax error found by the walk.
    pub(super) fn syntax(&mut self, message: String, span: Span) {
        let diagnostic = Diagnostic::error(Code::Syntax, "", message)
            .with_location(Some(self.location(span)))
            .with_help(syntax_help(self.source));
        self.push(diagnostic);
    }

    /// Reports that the document holds nothing.
    pub(super) fn empty(&mut self) {
        let diagnostic = Diagnostic::error(
            Code::EmptyDocument,
            "",
            format!("`{}` holds no document", self.source.name),
        )
        .with_location(Some(self.location(Span::new(0, 0))))
        .with_help("write the document, starting with its top-level keys");
        self.push(diagnostic);
    }

    /// Pushes a diagnostic built by a format walker; past [`MAX_DIAGNOSTICS`] it is only
    /// counted.
    pub(super) fn push(&mut self, diagnostic: Diagnostic) {
        if self.is_full() {
            self.suppressed += 1;
        } else {
            self.diagnostics.push(diagnostic);
        }
    }

    /// Whether further diagnostics are only counted (callers may skip building them).
    pub(super) fn is_full(&self) -> bool {
        self.diagnostics.len() >= MAX_DIAGNOSTICS
    }

    /// Counts a diagnostic the caller did not build because the builder is full.
    pub(super) fn suppress(&mut self) {
        self.suppressed += 1;
    }

    /// The longest string accepted, in bytes.
    pub(super) fn string_limit(&self) -> usize {
        self.limits.max_string_length
    }

    /// The deepest nesting accepted.
    pub(super) fn depth_limit(&self) -> usize {
        self.limits.max_depth
    }

    /// The source being walked.
    pub(super) fn source(&self) -> &Source {
        self.source
    }

    /// The location of a span in the source.
    fn location(&self, span: Span) -> crate::Location {
        self.lines
            .get_or_init(|| self.source.indexed())
            .location(span)
    }

    /// The map, or every diagnostic the walk found.
    pub(super) fn finish(self) -> Result<SourceMap, Vec<Diagnostic>> {
        if self.diagnostics.is_empty() {
            Ok(self.map)
        } else {
            let mut diagnostics = self.diagnostics;
            diagnostics.sort_by_key(|diagnostic| {
                diagnostic
                    .location
                    .as_ref()
                    .map_or(usize::MAX, |location| location.offset)
            });
            if self.suppressed > 0 {
                let last = diagnostics.last().and_then(|d| d.location.clone());
                diagnostics.push(
                    Diagnostic::error(
                        Code::LimitExceeded,
                        "",
                        format!(
                            "{} more problems are not shown after the first {MAX_DIAGNOSTICS}",
                            self.suppressed
                        ),
                    )
                    .with_location(last)
                    .with_help("fix these and load the document again"),
                );
            }
            Err(diagnostics)
        }
    }
}

/// The help text of a syntax error.
pub(super) fn syntax_help(source: &Source) -> String {
    format!(
        "fix the syntax of `{}` at this place; earlier lines may hold the cause",
        source.name
    )
}

/// The keys seen so far in one mapping, for duplicate detection.
#[derive(Debug, Default)]
pub(super) struct SeenKeys {
    first: HashMap<String, Span>,
}

impl SeenKeys {
    /// Records `key` at `span`; reports a `duplicate-key` diagnostic if it was seen before.
    pub(super) fn check(
        &mut self,
        builder: &mut MapBuilder<'_>,
        mapping: &str,
        key: &str,
        span: Span,
    ) {
        match self.first.get(key) {
            None => {
                self.first.insert(key.to_owned(), span);
            }
            Some(_) if builder.is_full() => builder.suppress(),
            Some(first) => {
                let pointer = child(mapping, key);
                let mut diagnostic = Diagnostic::error(
                    Code::DuplicateKey,
                    pointer.clone(),
                    format!("duplicate key `{key}` in {}", describe(mapping)),
                )
                .with_location(Some(builder.location(span)))
                .with_help("remove one of the two entries or merge them")
                .with_related(pointer, "first defined here");
                if let Some(related) = diagnostic.related.last_mut() {
                    related.location = Some(builder.location(*first));
                }
                builder.push(diagnostic);
            }
        }
    }
}

/// The pointer of the child `key` (a mapping key or an array index) of `parent`.
pub(super) fn child(parent: &str, key: &str) -> String {
    format!("{parent}/{}", pointer_token(key))
}

/// How messages name the mapping at `pointer`.
pub(super) fn describe(pointer: &str) -> String {
    if pointer.is_empty() {
        "the top level".to_owned()
    } else {
        format!("`{pointer}`")
    }
}

/// A span from a start and an end offset (an end before the start gives an empty span).
pub(super) fn between(start: usize, end: usize) -> Span {
    Span::new(start, end.saturating_sub(start))
}
