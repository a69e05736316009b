//! Source texts and where each item of a document sits in them.

use std::collections::BTreeMap;
use std::fmt;

use strum::{Display, EnumIter, EnumString};

use crate::diagnostic::Location;

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
    /// Offsets past the end are clamped to the end; offsets inside a multi-byte character are
    /// moved back to its first byte.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = self.text.get(..offset).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        let column = before.get(line_start..).unwrap_or_default().chars().count() + 1;
        (line, column)
    }

    /// The location of a span in this source.
    pub fn location(&self, span: Span) -> Location {
        let (line, column) = self.line_column(span.offset);
        Location {
            source: self.name.clone(),
            line,
            column,
            offset: span.offset,
            length: span.length,
        }
    }

    /// The text a span covers, if the span is inside the source.
    pub fn slice(&self, span: Span) -> Option<&str> {
        self.text
            .get(span.offset..span.offset.checked_add(span.length)?)
    }
}

/// Where each item of a parsed document sits in its source, keyed by JSON pointer.
///
/// For a mapping entry the map holds the span of the value; [`SourceMap::key_span`] gives the
/// span of the key (used for unknown or duplicate keys).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    values: BTreeMap<String, Span>,
    keys: BTreeMap<String, Span>,
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
    /// The location of the item at `pointer` (or its nearest located ancestor).
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        let source = self.source.as_ref()?;
        self.map
            .nearest_span(pointer)
            .map(|span| source.location(span))
    }

    /// The location of the key of the item at `pointer`, falling back to its value.
    pub fn locate_key(&self, pointer: &str) -> Option<Location> {
        let source = self.source.as_ref()?;
        match self.map.key_span(pointer) {
            Some(span) => Some(source.location(span)),
            None => self.locate(pointer),
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
