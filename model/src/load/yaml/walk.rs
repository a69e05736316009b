//! The YAML span walk: the source map from the parser's events, without serde.
//!
//! The walk reads the first document's events from `granit-parser` (the parser
//! `serde-saphyr` itself uses) with their byte offsets, iteratively. Spans: a scalar's span is
//! its text as written (with quotes for quoted scalars, the whole block for `|` and `>`); a
//! mapping or sequence spans from its first byte to the end of its last entry (to the closing
//! bracket for flow collections); an alias spans the `*name` token and its contents are not
//! indexed again under the alias's pointer. It refuses syntax errors, duplicate keys, deep
//! nesting and alias bombs before anything is deserialised.

use serde_saphyr::granit_parser::{ErrorKind, Event, Marker, Parser, ScalarStyle};

use crate::diagnostic::Diagnostic;
use crate::load::Limits;
use crate::load::spans::{MapBuilder, SeenKeys, TooDeep, between, child};
use crate::source::{Located, Source, SourceMap, Span};

use super::errors::alias_limit;

/// Builds the source map of a YAML document, or reports why it cannot be loaded.
pub(in crate::load) fn walk(
    source: &Source,
    limits: &Limits,
) -> Result<SourceMap, Vec<Diagnostic>> {
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
    ) -> Result<(), TooDeep> {
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
