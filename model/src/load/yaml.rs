//! YAML: the parser's events for the source map, `serde-saphyr` for the values.
//!
//! The walk reads the first document's events from `granit-parser` (the parser
//! `serde-saphyr` itself uses) with their byte offsets, iteratively. Spans: a scalar's span is
//! its text as written (with quotes for quoted scalars, the whole block for `|` and `>`); a
//! mapping or sequence spans from its first byte to the end of its last entry (to the closing
//! bracket for flow collections); an alias spans the `*name` token and its contents are not
//! indexed again under the alias's pointer.

use serde::de::DeserializeOwned;
use serde_path_to_error::Track;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::{ErrorKind, Event, Marker, Parser, ScalarStyle};
use serde_saphyr::{Budget, DuplicateKeyPolicy, Error};

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{Located, Source, SourceMap, Span};

use super::Limits;
use super::errors::{Problem, at_span, pointer};
use super::spans::{MapBuilder, SeenKeys, between, child, syntax_help};

/// Builds the source map of a YAML document, or reports why it cannot be loaded.
pub(super) fn walk(source: &Source, limits: &Limits) -> Result<SourceMap, Vec<Diagnostic>> {
    let mut builder = MapBuilder::new(source, limits);
    let mut walker = Walker {
        stack: Vec::new(),
        root_seen: false,
    };
    let mut expansion = Expansion::default();
    let mut parser = Parser::new_from_str(&source.text);
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(event) => event,
            Err(error) => {
                let at = offset(source, error.marker());
                // The parser looks ahead through flow collections (`[[[…]]]`) and may reach
                // its own depth limit, which is above ours, before the walk sees them open.
                if matches!(error.kind(), ErrorKind::RecursionLimitExceeded) {
                    builder.too_deep(&walker.pointer(), Span::new(at, 0));
                    return builder.finish();
                }
                let message = error.info();
                let message = if message.is_empty() {
                    "malformed YAML".to_owned()
                } else {
                    message
                };
                builder.syntax(message, Span::new(at, 0));
                return builder.finish();
            }
        };
        let start = offset(source, &span.start);
        let end = offset(source, &span.end).max(start);
        if expansion.count(&event) > limits.max_alias_expansions as u64 {
            let located = Located {
                source: Some(source.clone()),
                map: SourceMap::new(),
            };
            builder.push(alias_limit(&located, Some(between(start, end)), limits));
            return builder.finish();
        }
        let step = match event {
            Event::DocumentEnd | Event::StreamEnd => break,
            Event::Scalar(value, style, _, _) => {
                walker.scalar(&mut builder, &value, style, between(start, end));
                Ok(())
            }
            Event::Alias(_) => {
                walker.alias(&mut builder, between(start, end));
                Ok(())
            }
            Event::MappingStart(style, _, _) => walker.open(
                &mut builder,
                start,
                style == serde_saphyr::granit_parser::StructureStyle::Flow,
                true,
            ),
            Event::SequenceStart(style, _, _) => walker.open(
                &mut builder,
                start,
                style == serde_saphyr::granit_parser::StructureStyle::Flow,
                false,
            ),
            Event::MappingEnd | Event::SequenceEnd => {
                walker.close(&mut builder, end);
                Ok(())
            }
            _ => Ok(()),
        };
        if step.is_err() {
            return builder.finish();
        }
    }
    if !walker.root_seen {
        builder.empty();
    }
    builder.finish()
}

/// Counts, while walking, how many nodes aliases would replay once expanded.
///
/// Each anchored node's size (its nodes, aliases inside it counted expanded) is recorded
/// when it closes; an alias adds the size of its anchor. This finds an alias bomb from the
/// events alone, in time linear in the text, before anything is deserialised.
#[derive(Default)]
struct Expansion {
    /// Open collections: nodes counted so far and their anchor id (0 for none).
    open: Vec<(u64, usize)>,
    sizes: std::collections::HashMap<usize, u64>,
    replayed: u64,
}

impl Expansion {
    /// Takes one event into account and returns the nodes replayed so far.
    fn count(&mut self, event: &Event<'_>) -> u64 {
        match event {
            Event::Scalar(_, _, anchor, _) => {
                if *anchor != 0 {
                    self.sizes.insert(*anchor, 1);
                }
                self.add(1);
            }
            Event::Alias(anchor) => {
                let size = self.sizes.get(anchor).copied().unwrap_or(1);
                self.replayed = self.replayed.saturating_add(size);
                self.add(size);
            }
            Event::MappingStart(_, anchor, _) | Event::SequenceStart(_, anchor, _) => {
                self.open.push((1, *anchor));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((size, anchor)) = self.open.pop() {
                    if anchor != 0 {
                        self.sizes.insert(anchor, size);
                    }
                    self.add(size);
                }
            }
            _ => {}
        }
        self.replayed
    }

    fn add(&mut self, nodes: u64) {
        if let Some((size, _)) = self.open.last_mut() {
            *size = size.saturating_add(nodes);
        }
    }
}

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
fn options(limits: &Limits) -> serde_saphyr::Options {
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
        Box::new(diagnostic(&error, &path, located, limits))
    })
}

fn diagnostic(error: &Error, pointer: &str, located: &Located, limits: &Limits) -> Diagnostic {
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

fn alias_limit(located: &Located, fallback: Option<Span>, limits: &Limits) -> Diagnostic {
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

/// The byte offset of a parser marker.
fn offset(source: &Source, marker: &Marker) -> usize {
    let offset = marker.byte_offset().unwrap_or_else(|| {
        source
            .text
            .char_indices()
            .nth(marker.index())
            .map_or(source.text.len(), |(index, _)| index)
    });
    offset.min(source.text.len())
}

enum Frame {
    Mapping {
        pointer: String,
        start: usize,
        end: usize,
        flow: bool,
        seen: SeenKeys,
        /// The pointer of the value that follows the key just read, if any.
        key: Option<String>,
    },
    Sequence {
        pointer: String,
        start: usize,
        end: usize,
        flow: bool,
        next: usize,
    },
    /// A mapping or sequence used as a key: skipped, then named by its source text.
    ComplexKey { depth: usize, start: usize },
}

/// Where the next node goes.
enum Slot {
    /// The value at this pointer.
    Value(String),
    /// A key of the mapping at this pointer.
    Key(String),
    /// Inside a complex key: not indexed.
    Skip,
}

struct Walker {
    stack: Vec<Frame>,
    root_seen: bool,
}

impl Walker {
    /// The pointer of the value being read: the innermost open mapping's pending value, or
    /// the innermost open mapping or sequence ("" at the top).
    fn pointer(&self) -> String {
        self.stack
            .iter()
            .rev()
            .find_map(|frame| match frame {
                Frame::Mapping {
                    key: Some(value), ..
                } => Some(value.clone()),
                Frame::Mapping { pointer, .. } | Frame::Sequence { pointer, .. } => {
                    Some(pointer.clone())
                }
                Frame::ComplexKey { .. } => None,
            })
            .unwrap_or_default()
    }

    /// Where the next node goes, advancing sequence indexes.
    fn slot(&mut self) -> Slot {
        match self.stack.last_mut() {
            None => {
                self.root_seen = true;
                Slot::Value(String::new())
            }
            Some(Frame::Mapping { pointer, key, .. }) => match key.take() {
                Some(value) => Slot::Value(value),
                None => Slot::Key(pointer.clone()),
            },
            Some(Frame::Sequence { pointer, next, .. }) => {
                let value = child(pointer, &next.to_string());
                *next += 1;
                Slot::Value(value)
            }
            Some(Frame::ComplexKey { .. }) => Slot::Skip,
        }
    }

    /// Extends the end of the innermost collection to `end`.
    fn extend(&mut self, end: usize) {
        if let Some(Frame::Mapping { end: last, .. } | Frame::Sequence { end: last, .. }) =
            self.stack.last_mut()
        {
            *last = (*last).max(end);
        }
    }

    fn scalar(
        &mut self,
        builder: &mut MapBuilder<'_>,
        value: &str,
        style: ScalarStyle,
        span: Span,
    ) {
        match self.slot() {
            Slot::Value(pointer) => {
                if pointer.is_empty() && span.length == 0 && style == ScalarStyle::Plain {
                    // `---` alone, or only comments: no document.
                    self.root_seen = false;
                    return;
                }
                builder.value(&pointer, span);
                builder.string(&pointer, value, span);
            }
            Slot::Key(mapping) => {
                let pointer = child(&mapping, value);
                builder.key(&pointer, span);
                builder.string(&pointer, value, span);
                self.set_key(builder, &mapping, value, pointer, span);
            }
            Slot::Skip => {}
        }
        self.extend(span.offset + span.length);
    }

    fn alias(&mut self, builder: &mut MapBuilder<'_>, span: Span) {
        match self.slot() {
            Slot::Value(pointer) => builder.value(&pointer, span),
            Slot::Key(mapping) => {
                let text = builder.source().slice(span).unwrap_or_default().to_owned();
                let pointer = child(&mapping, &text);
                builder.key(&pointer, span);
                self.set_key(builder, &mapping, &text, pointer, span);
            }
            Slot::Skip => {}
        }
        self.extend(span.offset + span.length);
    }

    fn set_key(
        &mut self,
        builder: &mut MapBuilder<'_>,
        mapping: &str,
        text: &str,
        pointer: String,
        span: Span,
    ) {
        if let Some(Frame::Mapping { seen, key, .. }) = self.stack.last_mut() {
            if text != "<<" {
                seen.check(builder, mapping, text, span);
            }
            *key = Some(pointer);
        }
    }

    fn open(
        &mut self,
        builder: &mut MapBuilder<'_>,
        start: usize,
        flow: bool,
        mapping: bool,
    ) -> Result<(), super::spans::TooDeep> {
        match self.slot() {
            Slot::Value(pointer) => {
                let depth = 1 + self
                    .stack
                    .iter()
                    .filter(|frame| !matches!(frame, Frame::ComplexKey { .. }))
                    .count();
                builder.enter(&pointer, depth, Span::new(start, 0))?;
                self.stack.push(if mapping {
                    Frame::Mapping {
                        pointer,
                        start,
                        end: start,
                        flow,
                        seen: SeenKeys::default(),
                        key: None,
                    }
                } else {
                    Frame::Sequence {
                        pointer,
                        start,
                        end: start,
                        flow,
                        next: 0,
                    }
                });
            }
            Slot::Key(_) => self.stack.push(Frame::ComplexKey { depth: 1, start }),
            Slot::Skip => {
                if let Some(Frame::ComplexKey { depth, .. }) = self.stack.last_mut() {
                    *depth += 1;
                    if *depth > builder.depth_limit() {
                        return builder.enter("", *depth, Span::new(start, 0));
                    }
                }
            }
        }
        Ok(())
    }

    fn close(&mut self, builder: &mut MapBuilder<'_>, event_end: usize) {
        match self.stack.pop() {
            Some(Frame::Mapping {
                pointer,
                start,
                end,
                flow,
                ..
            })
            | Some(Frame::Sequence {
                pointer,
                start,
                end,
                flow,
                ..
            }) => {
                let end = if flow { end.max(event_end) } else { end };
                builder.value(&pointer, between(start, end));
                self.extend(end);
            }
            Some(Frame::ComplexKey { depth, start }) => {
                if depth > 1 {
                    self.stack.push(Frame::ComplexKey {
                        depth: depth - 1,
                        start,
                    });
                    return;
                }
                let end = event_end.max(start);
                let text = builder
                    .source()
                    .slice(between(start, end))
                    .unwrap_or_default()
                    .to_owned();
                let span = between(start, end);
                if let Some(Frame::Mapping { pointer, .. }) = self.stack.last() {
                    let mapping = pointer.clone();
                    let pointer = child(&mapping, &text);
                    builder.key(&pointer, span);
                    self.set_key(builder, &mapping, &text, pointer, span);
                }
                self.extend(end);
            }
            None => {}
        }
    }
}
