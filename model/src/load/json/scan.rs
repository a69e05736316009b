//! The JSON span scanner: the source map from the text, without serde.
//!
//! The scanner reads the text once, iteratively (no recursion, so no stack overflow), and
//! records the span of every key (with its quotes) and of every value (strings with their
//! quotes, objects and arrays from the opening to the closing bracket). It stops at the first
//! thing it does not understand and lets `serde_json` word the syntax error.

use crate::diagnostic::Diagnostic;
use crate::load::Limits;
use crate::load::spans::{MapBuilder, SeenKeys, between, child};
use crate::source::{Source, SourceMap, Span};

use super::errors::syntax_error;

/// Builds the source map of a JSON document, or reports why it cannot be loaded.
pub(in crate::load) fn walk(
    source: &Source,
    limits: &Limits,
) -> Result<SourceMap, Vec<Diagnostic>> {
    let mut builder = MapBuilder::new(source, limits);
    if source.text.trim().is_empty() {
        builder.empty();
        return builder.finish();
    }
    let mut scanner = Scanner {
        bytes: source.text.as_bytes(),
        position: 0,
        builder: &mut builder,
    };
    match scanner.document() {
        Ok(()) => {}
        Err(Stop::TooDeep) => {}
        Err(Stop::Syntax) => {
            let diagnostic = syntax_error(source);
            builder.push(diagnostic);
        }
    }
    builder.finish()
}

enum Stop {
    TooDeep,
    Syntax,
}

enum Frame {
    Object {
        pointer: String,
        start: usize,
        seen: SeenKeys,
    },
    Array {
        pointer: String,
        start: usize,
        next: usize,
    },
}

struct Scanner<'t, 'b> {
    bytes: &'t [u8],
    position: usize,
    builder: &'b mut MapBuilder<'t>,
}

impl Scanner<'_, '_> {
    fn document(&mut self) -> Result<(), Stop> {
        let mut stack: Vec<Frame> = Vec::new();
        let mut pointer = String::new();
        loop {
            // A value starts here, at `pointer`.
            self.skip_whitespace();
            let start = self.position;
            match self.peek() {
                Some(b'{') => {
                    self.builder
                        .enter(&pointer, stack.len() + 1, Span::new(start, 1))
                        .map_err(|_| Stop::TooDeep)?;
                    self.position += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b'}') {
                        self.position += 1;
                        self.builder.value(&pointer, between(start, self.position));
                    } else {
                        let mut seen = SeenKeys::default();
                        pointer = self.key(&pointer, &mut seen)?;
                        stack.push(Frame::Object {
                            pointer: parent_of(&pointer),
                            start,
                            seen,
                        });
                        continue;
                    }
                }
                Some(b'[') => {
                    self.builder
                        .enter(&pointer, stack.len() + 1, Span::new(start, 1))
                        .map_err(|_| Stop::TooDeep)?;
                    self.position += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        self.position += 1;
                        self.builder.value(&pointer, between(start, self.position));
                    } else {
                        let parent = pointer.clone();
                        pointer = child(&parent, "0");
                        stack.push(Frame::Array {
                            pointer: parent,
                            start,
                            next: 1,
                        });
                        continue;
                    }
                }
                Some(b'"') => {
                    let span = self.string()?;
                    self.check_string(&pointer, span);
                    self.builder.value(&pointer, span);
                }
                Some(_) => {
                    let span = self.literal()?;
                    self.builder.value(&pointer, span);
                }
                None => return Err(Stop::Syntax),
            }
            // The value ended: close every container that ends here, then find the next value.
            loop {
                self.skip_whitespace();
                let Some(frame) = stack.last_mut() else {
                    return if self.peek().is_none() {
                        Ok(())
                    } else {
                        Err(Stop::Syntax)
                    };
                };
                let byte = self.peek();
                self.position += 1;
                match (frame, byte) {
                    (
                        Frame::Object {
                            pointer: parent,
                            seen,
                            ..
                        },
                        Some(b','),
                    ) => {
                        let parent = parent.clone();
                        let mut taken = std::mem::take(seen);
                        let next = self.key(&parent, &mut taken);
                        if let Some(Frame::Object { seen, .. }) = stack.last_mut() {
                            *seen = taken;
                        }
                        pointer = next?;
                        break;
                    }
                    (
                        Frame::Array {
                            pointer: parent,
                            next,
                            ..
                        },
                        Some(b','),
                    ) => {
                        pointer = child(parent, &next.to_string());
                        *next += 1;
                        break;
                    }
                    (Frame::Object { pointer, start, .. }, Some(b'}'))
                    | (Frame::Array { pointer, start, .. }, Some(b']')) => {
                        let span = between(*start, self.position);
                        let pointer = std::mem::take(pointer);
                        self.builder.value(&pointer, span);
                        stack.pop();
                    }
                    _ => return Err(Stop::Syntax),
                }
            }
        }
    }

    /// Reads `"key" :` and returns the pointer of the value that follows.
    fn key(&mut self, parent: &str, seen: &mut SeenKeys) -> Result<String, Stop> {
        self.skip_whitespace();
        if self.peek() != Some(b'"') {
            return Err(Stop::Syntax);
        }
        let span = self.string()?;
        let raw = self.builder.source().slice(span).unwrap_or_default();
        let key: String = serde_json::from_str(raw).map_err(|_| Stop::Syntax)?;
        let pointer = child(parent, &key);
        self.builder.string(&pointer, &key, span);
        seen.check(self.builder, parent, &key, span);
        self.builder.key(&pointer, span);
        self.skip_whitespace();
        if self.peek() != Some(b':') {
            return Err(Stop::Syntax);
        }
        self.position += 1;
        Ok(pointer)
    }

    fn check_string(&mut self, pointer: &str, span: Span) {
        if span.length <= self.builder_limit() {
            return;
        }
        let raw = self.builder.source().slice(span).unwrap_or_default();
        if let Ok(text) = serde_json::from_str::<String>(raw) {
            self.builder.string(pointer, &text, span);
        }
    }

    fn builder_limit(&self) -> usize {
        // Decoded strings are never longer than their quoted source text.
        self.builder.string_limit().saturating_add(2)
    }

    /// Reads a string with its quotes and returns its span.
    fn string(&mut self) -> Result<Span, Stop> {
        let start = self.position;
        self.position += 1;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.position += 1;
                    return Ok(between(start, self.position));
                }
                Some(b'\\') => self.position += 2,
                Some(byte) if byte < 0x20 => return Err(Stop::Syntax),
                Some(_) => self.position += 1,
                None => return Err(Stop::Syntax),
            }
        }
    }

    /// Reads a number, `true`, `false` or `null` (checked later by `serde_json`).
    fn literal(&mut self) -> Result<Span, Stop> {
        let start = self.position;
        while let Some(byte) = self.peek() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'+' | b'.') {
                self.position += 1;
            } else {
                break;
            }
        }
        if self.position == start {
            return Err(Stop::Syntax);
        }
        Ok(between(start, self.position))
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.position += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }
}

/// The pointer of the parent of `pointer`.
fn parent_of(pointer: &str) -> String {
    pointer
        .rfind('/')
        .and_then(|slash| pointer.get(..slash))
        .unwrap_or_default()
        .to_owned()
}
