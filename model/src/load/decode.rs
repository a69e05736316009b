//! Bytes to text: the size limit and the UTF-8 check.

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::source::{Source, Span};

use super::Limits;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes `bytes` as UTF-8 into a [`Source`] named `name`.
///
/// Input longer than [`Limits::max_bytes`] is refused with `input-too-large`; bytes that are
/// not UTF-8 with `invalid-encoding`, located at the first bad byte. A leading UTF-8 byte-order
/// mark is dropped, so offsets in the returned source count from the first byte after it.
///
/// ```
/// use mlzone_model::load::{decode, Limits};
///
/// let source = decode("a.yaml", b"name: x\n", &Limits::default()).unwrap();
/// assert_eq!(source.text, "name: x\n");
///
/// let error = decode("a.yaml", b"name: \xFF\n", &Limits::default()).unwrap_err();
/// assert_eq!(error.code.as_str(), "invalid-encoding");
/// assert_eq!(error.location.unwrap().column, 7);
/// ```
#[expect(
    clippy::result_large_err,
    reason = "the loader API returns one `Diagnostic` by value, once per load"
)]
pub fn decode(name: &str, bytes: &[u8], limits: &Limits) -> Result<Source, Diagnostic> {
    if bytes.len() > limits.max_bytes {
        return Err(too_large(name, limits));
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text)),
        Err(error) => Err(invalid_encoding(name, bytes, &error)),
    }
}

/// The `unreadable-input` diagnostic of a caller that could not read the input at all;
/// `message` says why (one line, lowercase, the path in backticks).
///
/// ```
/// use mlzone_model::load::unreadable;
///
/// let error = unreadable("`estate.yaml` does not exist");
/// assert_eq!(error.code.as_str(), "unreadable-input");
/// ```
pub fn unreadable(message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(Code::UnreadableInput, "", message)
        .with_help("check the path: the document must be a file you can read")
}

/// The `input-too-large` diagnostic. It does not say how large the input is: a reader stops
/// one byte past the limit, so the true size is unknown.
pub(super) fn too_large(name: &str, limits: &Limits) -> Diagnostic {
    Diagnostic::error(
        Code::InputTooLarge,
        "",
        format!(
            "`{name}` is larger than the limit of {} bytes",
            limits.max_bytes
        ),
    )
    .with_location(Some(Location {
        source: name.to_owned(),
        line: 1,
        column: 1,
        offset: 0,
        length: 0,
    }))
    .with_help("split the document or raise the size limit")
}

fn invalid_encoding(name: &str, bytes: &[u8], error: &std::str::Utf8Error) -> Diagnostic {
    let offset = error.valid_up_to();
    let length = error
        .error_len()
        .unwrap_or(bytes.len().saturating_sub(offset))
        .max(1);
    // The valid prefix is text, so line and column can be counted in it.
    let prefix = bytes
        .get(..offset)
        .and_then(|prefix| std::str::from_utf8(prefix).ok())
        .unwrap_or_default();
    let location = Source::new(name, prefix).location(Span::new(offset, length));
    let help = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        "the file looks like UTF-16: save it as UTF-8"
    } else {
        "save the file as UTF-8"
    };
    Diagnostic::error(
        Code::InvalidEncoding,
        "",
        format!("`{name}` is not valid UTF-8: bad byte at offset {offset}"),
    )
    .with_location(Some(location))
    .with_help(help)
}
