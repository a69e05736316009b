//! Text from a document, the command line or a directory listing made safe to print on a
//! terminal.
//!
//! A document, an argument or a file name may hold control characters (ESC, BEL, NUL, …)
//! that a terminal would obey; everything the CLI prints from them shows them as Rust writes
//! them in strings, `\u{1b}`, instead.

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with every control character (C0, DEL and C1, line breaks and tabs included)
/// written as `\u{…}`.
pub(crate) fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        push(&mut out, character);
    }
    Cow::Owned(out)
}

/// Appends `character` to `out`, written as `\u{…}` when it is a control character.
pub(crate) fn push(out: &mut String, character: char) {
    if character.is_control() {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(character));
    } else {
        out.push(character);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_written_as_escapes() {
        assert_eq!(escaped("a\u{1b}[31mb\u{7}"), "a\\u{1b}[31mb\\u{7}");
        assert_eq!(
            escaped("\0\t\n\r\u{7f}\u{9b}"),
            "\\u{0}\\u{9}\\u{a}\\u{d}\\u{7f}\\u{9b}"
        );
        assert!(matches!(escaped("plain é 中"), Cow::Borrowed("plain é 中")));
    }
}
