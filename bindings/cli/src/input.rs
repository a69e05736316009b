//! Reading the document: a file the user names, or the embedded default topology.

use std::io::Read;
use std::path::Path;

use mlzone_model::load::Limits;
use mlzone_model::{Diagnostic, Format, Loaded};

/// The bytes of a document and what they are called.
#[derive(Debug)]
pub(crate) struct Input {
    /// The name shown in locations: the path as the user gave it.
    pub name: String,
    pub bytes: Vec<u8>,
    pub format: Option<Format>,
    /// The limits it was read with and is loaded with.
    pub limits: Limits,
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReadError {
    #[error("`{0}` does not exist")]
    Missing(String),
    #[error("`{0}` is a directory, not a document")]
    Directory(String),
    #[error("cannot read `{path}`: {reason}")]
    Unreadable { path: String, reason: String },
}

/// Reads the named file, or takes the embedded default topology when there is none; reads
/// at most one byte more than `limits` allow.
pub(crate) fn read(
    path: Option<&Path>,
    format: Option<Format>,
    limits: Limits,
) -> Result<Input, ReadError> {
    let Some(path) = path else {
        return Ok(Input {
            name: mlzone_model::DEFAULT_TOPOLOGY_NAME.to_owned(),
            bytes: mlzone_model::DEFAULT_TOPOLOGY.as_bytes().to_vec(),
            format: Some(Format::Yaml),
            limits,
        });
    };
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(ReadError::Directory(shown));
    }
    match read_limited(path, limits.max_bytes) {
        Ok(bytes) => Ok(Input {
            name: shown,
            bytes,
            format,
            limits,
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Err(ReadError::Missing(shown))
        }
        Err(error) => Err(ReadError::Unreadable {
            path: shown,
            reason: error.to_string(),
        }),
    }
}

/// Reads at most `limit` bytes and one more, so that a larger input is known to be too large
/// without holding it: a pipe or a device such as `/dev/zero` never ends.
fn read_limited(path: &Path, limit: usize) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    file.take(cap).read_to_end(&mut bytes)?;
    Ok(bytes)
}

impl Input {
    /// Loads and resolves the document.
    pub fn load(&self) -> Result<Loaded, Vec<Diagnostic>> {
        mlzone_model::load_estate(&self.name, &self.bytes, self.format, &self.limits)
            .map_err(Vec::from)
    }
}

/// A size given on the command line: a number of bytes, or a number and `KiB`, `MiB` or
/// `GiB` (`64MiB`).
pub(crate) fn parse_size(text: &str) -> Result<usize, String> {
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit: usize = match text.get(digits.len()..).unwrap_or_default() {
        "" | "B" => 1,
        "KiB" => 1024,
        "MiB" => 1024 * 1024,
        "GiB" => 1024 * 1024 * 1024,
        other => return Err(format!("unknown unit `{other}`: use B, KiB, MiB or GiB")),
    };
    let number: usize = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size such as `16777216` or `64MiB`"))?;
    number
        .checked_mul(unit)
        .filter(|size| *size > 0)
        .ok_or_else(|| format!("`{text}` is not a size between 1 byte and the addressable memory"))
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_are_bytes_or_binary_units() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("64MiB"), Ok(64 * 1024 * 1024));
        assert_eq!(parse_size("2KiB"), Ok(2048));
        assert_eq!(parse_size("1GiB"), Ok(1024 * 1024 * 1024));
        assert!(
            parse_size("64MB")
                .unwrap_err()
                .contains("unknown unit `MB`")
        );
        assert!(parse_size("MiB").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("99999999999999999999GiB").is_err());
    }
}
