//! Source texts and where each item of a document sits in them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use strum::{Display, EnumIter, EnumString};

use crate::diagnostic::{Diagnostic, Location};

/// The syntax a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Display, EnumString, EnumIter)]
#[strum(serialize_all = "lowercase", ascii_case_insensitive)]
pub enum Format {
    /// YAML 1.2 with strict booleans (`true`/`false` only).
    Yaml,
    /// TOML 1.0.
    Toml,
    /// JSON.
    Json,
}

impl Format {
    /// The format a file name's extension names, if any.
    pub fn from_path(path: &str) -> Option<Self> {
        let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "yaml" | "yml" => Some(Self::Yaml),
            "toml" => Some(Self::Toml),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// A byte range in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Byte offset of the first byte.
    pub offset: usize,
    /// Length in bytes.
    pub length: usize,
}

impl Span {
    /// A span from a start offset and a length.
    pub fn new(offset: usize, length: usize) -> Self {
        Self { offset, length }
    }
}

/// A named source text.
#[derive(Clone, PartialEq, Eq)]
pub struct Source {
    /// The name shown in locations (a path as the user gave it, or `<input>`).
    pub name: String,
    /// The text itself.
    pub text: String,
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Source")
            .field("name", &self.name)
            .field("bytes", &self.text.len())
            .finish()
    }
}

impl Source {
    /// A source with a name and its text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
        }
    }

    /// The one-based line and character column of a byte offset.
    ///
    /// Lines end at `\n`, `\r\n` or a lone `\r`, as YAML defines line breaks; columns count
    /// characters (Unicode scalar values), as JSON and SARIF output report them. Offsets past the end are clamped to the end; offsets inside a multi-byte character are
    /// moved back to its first byte. To locate many offsets, index the lines once with
    /// [`Source::indexed`].
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        self.indexed().line_column(offset)
    }

    /// The location of a span in this source.
    pub fn location(&self, span: Span) -> Location {
        self.indexed().location(span)
    }

    /// This source with its lines indexed: one pass over the text, then each lookup is a
    /// binary search.
    pub fn indexed(&self) -> IndexedSource<'_> {
        IndexedSource::new(self)
    }

    /// The text a span covers, if the span is inside the source.
    pub fn slice(&self, span: Span) -> Option<&str> {
        self.text
            .get(span.offset..span.offset.checked_add(span.length)?)
    }
}

/// A source with the offset at which each of its lines starts, to turn many offsets into
/// lines and columns without rescanning the text each time.
#[derive(Debug, Clone)]
pub struct IndexedSource<'a> {
    source: &'a Source,
    /// The byte offset of the first byte of each line; the first is 0. Lines end at `\n`,
    /// `\r\n` or a lone `\r` (YAML's line breaks, which every output counts alike).
    starts: Vec<usize>,
}

impl<'a> IndexedSource<'a> {
    /// Indexes the lines of `source`.
    pub fn new(source: &'a Source) -> Self {
        let bytes = source.text.as_bytes();
        let breaks = bytes.iter().enumerate().filter_map(|(at, &byte)| {
            let lone_cr = byte == b'\r' && bytes.get(at + 1) != Some(&b'\n');
            (byte == b'\n' || lone_cr).then_some(at + 1)
        });
        Self {
            source,
            starts: std::iter::once(0).chain(breaks).collect(),
        }
    }

    /// The source indexed.
    pub fn source(&self) -> &'a Source {
        self.source
    }

    /// The zero-based number of the line holding byte `offset` (the last line for offsets
    /// past the end).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// The offset of the first byte of the zero-based line `line`, if the text has it.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// The offset just past the last character of the zero-based line `line`, before its line
    /// break, if the text has the line.
    pub fn line_end(&self, line: usize) -> Option<usize> {
        let start = self.line_start(line)?;
        let text = self.source.text.as_bytes();
        let end = self.line_start(line + 1).unwrap_or(text.len());
        let content = text.get(start..end).unwrap_or_default();
        let content = content.strip_suffix(b"\n").unwrap_or(content);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        Some(start + content.len())
    }

    /// The one-based line and character column of a byte offset, as
    /// [`Source::line_column`].
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let text = self.source.text.as_str();
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_start(line).unwrap_or_default();
        let column = text.get(start..offset).unwrap_or_default().chars().count() + 1;
        (line + 1, column)
    }

    /// The location of a span in the source.
    pub fn location(&self, span: Span) -> Location {
        let (line, column) = self.line_column(span.offset);
        Location {
            source: self.source.name.clone(),
            line,
            column,
            offset: span.offset,
            length: span.length,
        }
    }
}

/// Where each item of a parsed document sits in its source, keyed by JSON pointer.
///
/// For a mapping entry the map holds the span of the value; [`SourceMap::key_span`] gives the
/// span of the key (used for unknown or duplicate keys).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    values: HashMap<String, Span>,
    keys: HashMap<String, Span>,
}

impl SourceMap {
    /// An empty map (for estates built in code).
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the span of the value at `pointer`.
    pub fn insert_value(&mut self, pointer: impl Into<String>, span: Span) {
        self.values.insert(pointer.into(), span);
    }

    /// Records the span of the key whose value is at `pointer`.
    pub fn insert_key(&mut self, pointer: impl Into<String>, span: Span) {
        self.keys.insert(pointer.into(), span);
    }

    /// The span of the value at `pointer`, exactly.
    pub fn value_span(&self, pointer: &str) -> Option<Span> {
        self.values.get(pointer).copied()
    }

    /// The span of the key whose value is at `pointer`, exactly.
    pub fn key_span(&self, pointer: &str) -> Option<Span> {
        self.keys.get(pointer).copied()
    }

    /// The span of the value at `pointer`, or of its nearest ancestor that has one.
    pub fn nearest_span(&self, pointer: &str) -> Option<Span> {
        let mut current = pointer;
        loop {
            if let Some(span) = self.values.get(current) {
                return Some(*span);
            }
            match current.rfind('/') {
                Some(slash) => current = current.get(..slash).unwrap_or_default(),
                None => return None,
            }
        }
    }

    /// Records every item of `other`, the map of a text found at `offset` of this map's
    /// text, as the item at `pointer` and its descendants.
    pub fn graft(&mut self, pointer: &str, offset: usize, other: SourceMap) {
        let shift = |(inner, span): (String, Span)| {
            let span = Span::new(offset + span.offset, span.length);
            (format!("{pointer}{inner}"), span)
        };
        self.values.extend(other.values.into_iter().map(shift));
        self.keys.extend(other.keys.into_iter().map(shift));
    }

    /// Number of items recorded.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// A source text with the map of its items: everything needed to locate a diagnostic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Located {
    /// The source text, absent for estates built in code.
    pub source: Option<Source>,
    /// Spans of the items of the document.
    pub map: SourceMap,
}

impl Located {
    /// `diagnostics` with their missing locations, and those of their related items, filled in
    /// from their paths (see [`Locator::locate`]); unchanged for an estate built in code.
    pub fn locate(&self, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if let Some(locator) = self.locator() {
            for diagnostic in &mut diagnostics {
                locator.locate(diagnostic, Anchor::Item(None));
            }
        }
        diagnostics
    }

    /// `diagnostic` located by `anchor` (see [`Locator::locate`]).
    pub fn locate_one(&self, mut diagnostic: Diagnostic, anchor: Anchor) -> Diagnostic {
        if let Some(locator) = self.locator() {
            locator.locate(&mut diagnostic, anchor);
        }
        diagnostic
    }

    /// A locator for many diagnostics, which indexes the lines of the source once; `None` for
    /// an estate built in code.
    pub fn locator(&self) -> Option<Locator<'_>> {
        Some(Locator {
            map: &self.map,
            source: Cow::Owned(self.source.as_ref()?.indexed()),
        })
    }
}

/// What places a diagnostic in its text, for [`Locator::locate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The item at the diagnostic's path: its key when the diagnostic is about the key
    /// (`Diagnostic::on_key`), else its value. When the map has no exact entry, the span the
    /// format library reported, if any, else the nearest located ancestor's value.
    Item(Option<Span>),
    /// A span of the text, whatever the path: the problem is about the text rather than one
    /// item (a syntax error, a limit). No span, no location.
    Text(Option<Span>),
}

/// Locates diagnostics of one document by their JSON pointers; see [`Located::locator`].
#[derive(Debug, Clone)]
pub struct Locator<'a> {
    map: &'a SourceMap,
    source: Cow<'a, IndexedSource<'a>>,
}

impl<'a> Locator<'a> {
    /// A locator of the items of `map` in a source whose lines are indexed already (a large
    /// text located many times, with a map that grows as items are asked for).
    pub fn over(map: &'a SourceMap, source: &'a IndexedSource<'a>) -> Self {
        Self {
            map,
            source: Cow::Borrowed(source),
        }
    }

    /// Fills in the location of `diagnostic` by `anchor`, and of its related items by their
    /// paths, where they have none: the one way a diagnostic is located.
    pub fn locate(&self, diagnostic: &mut Diagnostic, anchor: Anchor) {
        if diagnostic.location.is_none() {
            let span = match anchor {
                Anchor::Text(span) => span,
                Anchor::Item(reported) => {
                    let exact = if diagnostic.on_key {
                        self.map.key_span(&diagnostic.path)
                    } else {
                        self.map.value_span(&diagnostic.path)
                    };
                    exact
                        .or(reported)
                        .or_else(|| self.map.nearest_span(&diagnostic.path))
                }
            };
            diagnostic.location = span.map(|span| self.source.location(span));
        }
        for related in &mut diagnostic.related {
            if related.location.is_none() {
                related.location = self
                    .map
                    .nearest_span(&related.path)
                    .map(|span| self.source.location(span));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let source = Source::new("a.yaml", "ab\nçd: x\n");
        assert_eq!(source.line_column(0), (1, 1));
        assert_eq!(source.line_column(3), (2, 1));
        // `ç` is two bytes; the `d` after it is the second character.
        assert_eq!(source.line_column(5), (2, 2));
        assert_eq!(source.line_column(4), (2, 1));
        assert_eq!(source.line_column(999), (3, 1));
    }

    /// Line and column by scanning the text before `offset`, as the index must agree.
    fn scanned(text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        // A lone `\r` ends a line; the `\r` of a CRLF is a character of the line it ends.
        let normalised = text.replace("\r\n", " \n").replace('\r', "\n");
        let before = normalised.get(..offset).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        let column = before.get(line_start..).unwrap_or_default().chars().count();
        (before.matches('\n').count() + 1, column + 1)
    }

    proptest::proptest! {
        #[test]
        fn the_index_agrees_with_a_scan(text in "[aç\n\r]{0,24}", offset in 0usize..40) {
            let source = Source::new("a.yaml", text.clone());
            let indexed = source.indexed();
            proptest::prop_assert_eq!(indexed.line_column(offset), scanned(&text, offset));
            let line = indexed.line_of(offset);
            let start = indexed.line_start(line).unwrap_or(usize::MAX);
            let end = offset.min(text.len());
            // The line starts at or before the offset, with no line break in between.
            proptest::prop_assert!(start <= end);
            proptest::prop_assert!(!text.as_bytes()[start..end].contains(&b'\n'));
            let line_end = indexed.line_end(line).unwrap_or(usize::MAX);
            let rest = &text.as_bytes()[start..line_end];
            proptest::prop_assert!(!rest.contains(&b'\n') && !rest.contains(&b'\r'));
        }
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let source = Source::new("a.yaml", "a: 1\rb: 2\r\nc: 3\n");
        let indexed = source.indexed();
        assert_eq!(indexed.line_column(5), (2, 1));
        assert_eq!(indexed.line_column(12), (3, 2));
        assert_eq!(indexed.line_end(0), Some(4));
        assert_eq!(indexed.line_end(1), Some(9));
        assert_eq!(indexed.line_end(2), Some(15));
        assert_eq!(indexed.line_end(3), Some(16));
        assert_eq!(indexed.line_end(4), None);
    }

    #[test]
    fn lines_start_after_each_newline() {
        let source = Source::new("a.yaml", "a\n\nb\n");
        let indexed = source.indexed();
        let starts: Vec<_> = (0..5).map(|line| indexed.line_start(line)).collect();
        assert_eq!(starts, [Some(0), Some(2), Some(3), Some(5), None]);
        assert_eq!(
            [0, 1, 2, 3, 4, 5, 99].map(|offset| indexed.line_of(offset)),
            [0, 0, 1, 2, 2, 3, 3]
        );
    }

    #[test]
    fn a_locator_locates_keys_values_and_spans() {
        let mut map = SourceMap::new();
        map.insert_value("", Span::new(0, 15));
        map.insert_value("/name", Span::new(11, 3));
        map.insert_key("/name", Span::new(5, 4));
        let located = Located {
            source: Some(Source::new("a.yaml", "x: 1\nname: abc\n")),
            map,
        };
        let at = |path: &str, on_key: bool, anchor: Anchor| {
            let mut diagnostic = Diagnostic::error(crate::Code::Syntax, path, "m");
            diagnostic.on_key = on_key;
            let diagnostic = located.locate_one(diagnostic, anchor);
            diagnostic.location.map(|l| (l.line, l.column))
        };
        let reported = Some(Span::new(2, 1));
        assert_eq!(at("/name/deeper", false, Anchor::Item(None)), Some((2, 7)));
        assert_eq!(
            at("/name/deeper", false, Anchor::Item(reported)),
            Some((1, 3))
        );
        assert_eq!(at("/name", false, Anchor::Item(reported)), Some((2, 7)));
        assert_eq!(at("/name", true, Anchor::Item(reported)), Some((2, 1)));
        assert_eq!(at("/x", true, Anchor::Item(reported)), Some((1, 3)));
        assert_eq!(at("/x", true, Anchor::Item(None)), Some((1, 1)));
        assert_eq!(at("", false, Anchor::Text(reported)), Some((1, 3)));
        assert_eq!(at("", false, Anchor::Text(None)), None);
        let mut related = Diagnostic::error(crate::Code::Syntax, "/name", "m");
        related.related.push(crate::Related {
            path: "/name/deeper".to_owned(),
            message: "r".to_owned(),
            location: None,
        });
        let related = located.locate(vec![related]);
        let related = related[0].related[0].location.as_ref().map(|l| l.line);
        assert_eq!(related, Some(2));
        assert!(Located::default().locator().is_none());
    }

    #[test]
    fn nearest_span_walks_up() {
        let mut map = SourceMap::new();
        map.insert_value("/projects", Span::new(10, 5));
        assert_eq!(map.nearest_span("/projects/0/name"), Some(Span::new(10, 5)));
        assert_eq!(map.nearest_span("/other"), None);
    }

    #[test]
    fn formats_from_paths() {
        assert_eq!(Format::from_path("x/estate.YML"), Some(Format::Yaml));
        assert_eq!(Format::from_path("estate.toml"), Some(Format::Toml));
        assert_eq!(Format::from_path("estate"), None);
    }
}
