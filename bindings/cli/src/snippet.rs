//! The document as miette reads it for snippets. miette's own reading of a string scans it
//! from the start for every label, which made printing many findings of a large document
//! quadratic; here each label reads only the lines around it, found in the line index.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use mlzone_model::{IndexedSource, Span};

/// Labels spanning more lines than this point at their first line only: a finding about a
/// whole project or the whole document is about where it starts, not every line of it.
const MAX_LABEL_LINES: usize = 6;

/// A document's text for miette, read through its line index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Snippets<'a>(pub(crate) &'a IndexedSource<'a>);

impl Snippets<'_> {
    /// The span a label shows: `span` itself, or its first line when it spans many lines.
    pub(crate) fn label_span(&self, span: Span) -> Span {
        let lines = self.0;
        let first = lines.line_of(span.offset);
        let last = lines.line_of(span.offset + span.length.saturating_sub(1));
        if last - first < MAX_LABEL_LINES {
            return span;
        }
        let text = lines.source().text.as_bytes();
        let line_end = lines
            .line_start(first + 1)
            .map_or(text.len(), |next| next - 1);
        let line = text.get(span.offset..line_end).unwrap_or_default();
        Span::new(span.offset, line.strip_suffix(b"\r").unwrap_or(line).len())
    }
}

impl SourceCode for Snippets<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let lines = self.0;
        let text = lines.source().text.as_str();
        let last = span.offset() + span.len().saturating_sub(1);
        // miette reads the lines of the window as it would read the whole text; the window
        // has one line more on each side than it needs, so its scan ends the same way.
        let first_line = lines
            .line_of(span.offset())
            .saturating_sub(context_lines_before + 1);
        let start = lines.line_start(first_line).unwrap_or_default();
        let end = lines
            .line_start(lines.line_of(last) + context_lines_after + 2)
            .unwrap_or(text.len());
        let window = text.get(start..end).ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new(span.offset().saturating_sub(start).into(), span.len());
        let contents = window.read_span(&local, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            lines.source().name.clone(),
            contents.data(),
            SourceSpan::new(
                (start + contents.span().offset()).into(),
                contents.span().len(),
            ),
            first_line + contents.line(),
            contents.column(),
            contents.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use mlzone_model::Source;

    use super::*;

    /// What miette reads from the whole text, as (data, offset, length, line, column).
    fn read(
        code: &dyn SourceCode,
        span: Span,
        around: usize,
    ) -> (String, usize, usize, usize, usize) {
        let contents = code
            .read_span(&(span.offset, span.length).into(), around, around)
            .expect("the span is inside the text");
        (
            String::from_utf8_lossy(contents.data()).into_owned(),
            contents.span().offset(),
            contents.span().len(),
            contents.line(),
            contents.column(),
        )
    }

    #[test]
    fn reading_the_window_reads_what_miette_reads_from_the_whole_text() {
        let text: String = (0..40)
            .map(|n| format!("line-{n}: {}\n", "x".repeat(n % 7)))
            .collect();
        let source = Source::new("a.yaml", text.clone());
        let indexed = source.indexed();
        let snippets = Snippets(&indexed);
        for offset in (0..text.len()).step_by(13) {
            for length in [0, 1, 9, 60] {
                let length = length.min(text.len() - offset);
                for around in [0, 1, 2] {
                    let span = Span::new(offset, length);
                    assert_eq!(
                        read(&snippets, span, around),
                        read(&text, span, around),
                        "offset {offset}, length {length}, {around} lines around"
                    );
                }
            }
        }
        assert!(
            snippets
                .read_span(&(text.len() + 5, 1).into(), 1, 1)
                .is_err()
        );
    }

    #[test]
    fn long_labels_show_their_first_line() {
        let source = Source::new("a.yaml", "a:\r\n  b: 1\n".repeat(9));
        let indexed = source.indexed();
        let snippets = Snippets(&indexed);
        assert_eq!(snippets.label_span(Span::new(0, 60)), Span::new(0, 2));
        assert_eq!(snippets.label_span(Span::new(4, 7)), Span::new(4, 7));
    }
}
