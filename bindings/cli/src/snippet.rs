//! The document as miette reads it for one finding's snippets: an excerpt of the lines around
//! its labels, built once per finding.
//!
//! The excerpt is what the terminal shows, not the document itself: only the lines the
//! labels need (found through the line index, so printing many findings of a large document
//! stays linear), control characters written as `\u{1b}` (tabs stay, miette expands them),
//! every line break written as `\n`, and lines longer than [`MAX_LINE_BYTES`] cut to windows
//! around the labels with `…` where text is left out. The excerpt keeps each line's number in
//! the document, and the header's column is the document's column in characters, so human
//! output locates a finding where JSON and SARIF do.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use mlzone_model::{IndexedSource, Span};

use crate::terminal;

/// Labels spanning more lines than this point at their first line only: a finding about a
/// whole project or the whole document is about where it starts, not every line of it.
const MAX_LABEL_LINES: usize = 6;
/// Lines of the document shown around each label; miette's handler asks for as many.
const CONTEXT_LINES: usize = 1;
/// Snippets at most this many lines apart are shown as one, the lines between included: one
/// line between two snippets reads better than a second header.
const JOINED_GAP: usize = 1;
/// Lines longer than this (in bytes) show only windows around their labels.
const MAX_LINE_BYTES: usize = 160;
/// Bytes of a long line shown before the start of a label.
const BEFORE_LABEL: usize = 40;
/// Bytes of a long line shown from the start of a label.
const FROM_LABEL: usize = 120;
/// Marks text of a long line left out.
const ELLIPSIS: &str = "…";

/// A label to show: its span in the document and the zero-based character column it starts
/// at (as the finding's location reports it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Label {
    pub(crate) span: Span,
    pub(crate) column: usize,
}

/// The lines of a document one finding shows, as the terminal prints them.
#[derive(Debug)]
pub(crate) struct Excerpt {
    /// The document's name, escaped.
    name: String,
    /// The shown lines, each ending in `\n`.
    text: String,
    /// Each shown line: where it starts in `text` and its zero-based number in the document.
    lines: Vec<(usize, usize)>,
    /// Where each label starts in `text`, with its column in the document.
    columns: Vec<(usize, usize)>,
}

impl Excerpt {
    /// The excerpt showing `labels`, and each label's span in it.
    pub(crate) fn new(lines: &IndexedSource<'_>, labels: &[Label]) -> (Self, Vec<Span>) {
        let spans: Vec<Span> = labels
            .iter()
            .map(|label| label_span(lines, label.span))
            .collect();
        let mut builder = Builder::default();
        for (first, last) in line_ranges(lines, &spans) {
            for line in first..=last {
                builder.line(lines, line, &spans);
            }
        }
        let shown: Vec<Span> = spans.iter().map(|&span| builder.map(span)).collect();
        let columns = shown
            .iter()
            .zip(labels)
            .map(|(span, label)| (span.offset, label.column))
            .collect();
        let excerpt = Self {
            name: terminal::escaped(&lines.source().name).into_owned(),
            text: builder.text,
            lines: builder.lines,
            columns,
        };
        (excerpt, shown)
    }

    /// The index in `lines` of the shown line holding `offset` of the excerpt.
    fn line_at(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|&(start, _)| start <= offset)
            .saturating_sub(1)
    }

    /// Whether shown lines `a` and `a + 1` are consecutive lines of the document.
    fn joined(&self, a: usize) -> bool {
        match (self.lines.get(a), self.lines.get(a + 1)) {
            (Some(&(_, this)), Some(&(_, next))) => next == this + 1,
            _ => false,
        }
    }
}

/// The span a label shows: `span` itself, or its first line when it spans many lines.
fn label_span(lines: &IndexedSource<'_>, span: Span) -> Span {
    let first = lines.line_of(span.offset);
    let last = lines.line_of(span.offset + span.length.saturating_sub(1));
    if last - first < MAX_LABEL_LINES {
        return span;
    }
    let end = lines
        .line_end(first)
        .unwrap_or(span.offset)
        .max(span.offset);
    Span::new(span.offset, end - span.offset)
}

/// The ranges of document lines the excerpt shows: each label's lines with context around
/// them, ranges that overlap or are at most [`JOINED_GAP`] lines apart merged, in order.
fn line_ranges(lines: &IndexedSource<'_>, spans: &[Span]) -> Vec<(usize, usize)> {
    let length = lines.source().text.len();
    let last_line = lines.line_of(length);
    // The empty line after a final line break is shown only when a label is on it.
    let last_context = if lines.line_start(last_line) == Some(length) {
        last_line.saturating_sub(1)
    } else {
        last_line
    };
    let mut ranges: Vec<(usize, usize)> = spans
        .iter()
        .map(|span| {
            let first = lines.line_of(span.offset);
            let last = lines.line_of(span.offset + span.length.saturating_sub(1));
            (
                first.saturating_sub(CONTEXT_LINES),
                (last + CONTEXT_LINES).min(last_context).max(last),
            )
        })
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (first, last) in ranges {
        match merged.last_mut() {
            Some(previous) if first <= previous.1 + 1 + JOINED_GAP => {
                previous.1 = previous.1.max(last);
            }
            _ => merged.push((first, last)),
        }
    }
    merged
}

/// Builds an excerpt's text, recording where each shown byte of the document went.
#[derive(Default)]
struct Builder {
    text: String,
    lines: Vec<(usize, usize)>,
    /// Offsets in the document and where they are in `text`, in increasing order.
    anchors: Vec<(usize, usize)>,
}

impl Builder {
    /// Appends line `line` of the document, cut to windows around `spans` when it is long.
    fn line(&mut self, lines: &IndexedSource<'_>, line: usize, spans: &[Span]) {
        let text = lines.source().text.as_str();
        let (Some(start), Some(end)) = (lines.line_start(line), lines.line_end(line)) else {
            return;
        };
        let next = lines.line_start(line + 1).unwrap_or(text.len());
        self.lines.push((self.text.len(), line));
        let mut shown_to = start;
        for (from, to) in windows(text, start, end, next, spans) {
            if from > shown_to {
                self.text.push_str(ELLIPSIS);
            }
            let Some(window) = text.get(from..to) else {
                continue;
            };
            for (at, character) in window.char_indices() {
                self.anchors.push((from + at, self.text.len()));
                if character == '\t' {
                    self.text.push('\t');
                } else {
                    terminal::push(&mut self.text, character);
                }
            }
            self.anchors.push((to, self.text.len()));
            shown_to = to;
        }
        if end > shown_to {
            self.text.push_str(ELLIPSIS);
        }
        self.text.push('\n');
        // The line break itself: a label covering it covers the shown `\n`.
        if next > end {
            self.anchors.push((next, self.text.len()));
        }
    }

    /// Where `span` of the document is in the text: its start moved forward and its end moved
    /// back to the nearest shown byte.
    fn map(&self, span: Span) -> Span {
        let start = self
            .anchors
            .get(self.anchors.partition_point(|&(at, _)| at < span.offset))
            .or(self.anchors.last())
            .map_or(0, |&(_, shown)| shown);
        let end_offset = span.offset + span.length;
        let end = self
            .anchors
            .get(
                self.anchors
                    .partition_point(|&(at, _)| at <= end_offset)
                    .saturating_sub(1),
            )
            .map_or(start, |&(_, shown)| shown)
            .max(start);
        Span::new(start, end - start)
    }
}

/// The byte ranges of the line `start..end` (its break ends at `next`) to show: the whole
/// line when it is short, else windows around where `spans` start on it (or its beginning),
/// merged, on character boundaries.
fn windows(
    text: &str,
    start: usize,
    end: usize,
    next: usize,
    spans: &[Span],
) -> Vec<(usize, usize)> {
    if end - start <= MAX_LINE_BYTES {
        return vec![(start, end)];
    }
    let mut focus: Vec<usize> = spans
        .iter()
        .filter(|span| span.offset < next.max(start + 1) && span.offset + span.length >= start)
        .map(|span| span.offset.clamp(start, end))
        .collect();
    if focus.is_empty() {
        focus.push(start);
    }
    focus.sort_unstable();
    let mut windows: Vec<(usize, usize)> = Vec::with_capacity(focus.len());
    for at in focus {
        let from = floor(text, at.saturating_sub(BEFORE_LABEL).max(start));
        let to = floor(text, (at + FROM_LABEL).min(end)).max(from);
        match windows.last_mut() {
            Some(previous) if from <= previous.1 => previous.1 = previous.1.max(to),
            _ => windows.push((from, to)),
        }
    }
    windows
}

/// `offset` moved back to the start of the character it is in.
fn floor(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if span.offset() + span.len() > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.line_at(span.offset());
        let last = self.line_at(span.offset() + span.len().saturating_sub(1));
        // A span across lines the excerpt does not join is not one snippet.
        if (first..last).any(|line| !self.joined(line)) {
            return Err(MietteError::OutOfBounds);
        }
        let mut from = first;
        while from > 0 && first - from < context_lines_before && self.joined(from - 1) {
            from -= 1;
        }
        let mut to = last;
        while to - last < context_lines_after && self.joined(to) {
            to += 1;
        }
        let start = self.lines.get(from).map_or(0, |&(start, _)| start);
        let end = self
            .lines
            .get(to + 1)
            .map_or(self.text.len(), |&(start, _)| start);
        let data = self.text.get(start..end).ok_or(MietteError::OutOfBounds)?;
        let number = self.lines.get(from).map_or(0, |&(_, number)| number);
        // miette joins two snippets when the first's line plus this count reaches the
        // second's first line; counting the gap too joins snippets that close.
        let count = to - from + 1 + JOINED_GAP;
        // Only the header asks without context, for the column a label starts at.
        let column = if context_lines_before == 0 {
            self.columns
                .iter()
                .find(|&&(at, _)| at == span.offset())
                .map_or(0, |&(_, column)| column)
        } else {
            0
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data.as_bytes(),
            SourceSpan::new(start.into(), end - start),
            number,
            column,
            count,
        )))
    }
}

#[cfg(test)]
mod tests {
    use mlzone_model::Source;

    use super::*;

    /// The excerpt's text and the text each label covers in it.
    fn shown(text: &str, labels: &[(usize, usize)]) -> (String, Vec<String>) {
        let source = Source::new("a.yaml", text);
        let indexed = source.indexed();
        let labels: Vec<Label> = labels
            .iter()
            .map(|&(offset, length)| Label {
                span: Span::new(offset, length),
                column: 0,
            })
            .collect();
        let (excerpt, spans) = Excerpt::new(&indexed, &labels);
        let covered = spans
            .iter()
            .map(|span| excerpt.text[span.offset..span.offset + span.length].to_owned())
            .collect();
        (excerpt.text, covered)
    }

    #[test]
    fn the_excerpt_holds_the_labels_lines_with_one_line_around() {
        let text: String = (0..20).map(|n| format!("line {n}\n")).collect();
        let at = text.find("line 5").unwrap();
        let far = text.find("line 15").unwrap();
        let (excerpt, covered) = shown(&text, &[(at, 6), (far, 4)]);
        assert_eq!(
            excerpt,
            "line 4\nline 5\nline 6\nline 14\nline 15\nline 16\n"
        );
        assert_eq!(covered, ["line 5", "line"]);
        // Labels whose lines are one line apart show that line too.
        let near = text.find("line 9").unwrap();
        let (excerpt, _) = shown(&text, &[(at, 6), (near, 6)]);
        assert_eq!(
            excerpt,
            "line 4\nline 5\nline 6\nline 7\nline 8\nline 9\nline 10\n"
        );
    }

    #[test]
    fn control_characters_are_escaped_and_labels_follow_them() {
        let (excerpt, covered) = shown("a: \u{1b}[2J\u{7}x\tb\n", &[(3, 6)]);
        assert_eq!(excerpt, "a: \\u{1b}[2J\\u{7}x\tb\n");
        assert_eq!(covered, ["\\u{1b}[2J\\u{7}x"]);
    }

    #[test]
    fn every_line_break_is_shown_as_a_newline() {
        let (excerpt, covered) = shown("a: 1\rb: 2\r\nc: 3\n", &[(5, 4)]);
        assert_eq!(excerpt, "a: 1\nb: 2\nc: 3\n");
        assert_eq!(covered, ["b: 2"]);
    }

    #[test]
    fn long_lines_show_windows_around_their_labels() {
        let line = format!(
            "{}\"key\"{}\"key\"{}",
            "x".repeat(5000),
            "y".repeat(5000),
            "z".repeat(5000)
        );
        let first = line.find("\"key\"").unwrap();
        let second = line.rfind("\"key\"").unwrap();
        let (excerpt, covered) = shown(&line, &[(second, 5), (first, 5)]);
        assert!(
            excerpt.len() < 2 * (BEFORE_LABEL + FROM_LABEL) + 20,
            "{excerpt}"
        );
        assert!(excerpt.starts_with(ELLIPSIS) && excerpt.ends_with("…\n"));
        assert_eq!(excerpt.matches(ELLIPSIS).count(), 3);
        assert_eq!(covered, ["\"key\"", "\"key\""]);
        // A label longer than its window ends where the window does.
        let (_, covered) = shown(&line, &[(first, 6000)]);
        assert_eq!(covered[0].len(), FROM_LABEL);
    }

    #[test]
    fn long_labels_show_their_first_line() {
        let source = Source::new("a.yaml", "a:\r\n  b: 1\n".repeat(9));
        let indexed = source.indexed();
        assert_eq!(label_span(&indexed, Span::new(0, 60)), Span::new(0, 2));
        assert_eq!(label_span(&indexed, Span::new(4, 7)), Span::new(4, 7));
    }

    #[test]
    fn reading_a_label_gives_its_lines_with_their_numbers_in_the_document() {
        let text: String = (0..20).map(|n| format!("line {n}\n")).collect();
        let source = Source::new("a.yaml", text.clone());
        let indexed = source.indexed();
        let at = text.find("line 15").unwrap();
        let label = Label {
            span: Span::new(at + 5, 2),
            column: 5,
        };
        let (excerpt, spans) = Excerpt::new(&indexed, &[label]);
        let span = (spans[0].offset, spans[0].length).into();
        let contents = excerpt.read_span(&span, 1, 1).unwrap();
        assert_eq!(contents.data(), b"line 14\nline 15\nline 16\n");
        assert_eq!(contents.line(), 14);
        let header = excerpt.read_span(&span, 0, 0).unwrap();
        assert_eq!((header.line(), header.column()), (15, 5));
        assert!(
            excerpt
                .read_span(&(excerpt.text.len(), 1).into(), 1, 1)
                .is_err()
        );
    }
}
