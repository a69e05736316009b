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

/// Reads the named file, or takes the embedded default topology when there is none.
pub(crate) fn read(path: Option<&Path>, format: Option<Format>) -> Result<Input, ReadError> {
    let Some(path) = path else {
        return Ok(Input {
            name: mlzone_model::DEFAULT_TOPOLOGY_NAME.to_owned(),
            bytes: mlzone_model::DEFAULT_TOPOLOGY.as_bytes().to_vec(),
            format: Some(Format::Yaml),
        });
    };
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(ReadError::Directory(shown));
    }
    match read_limited(path, Limits::default().max_bytes) {
        Ok(bytes) => Ok(Input {
            name: shown,
            bytes,
            format,
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
        mlzone_model::load_estate(&self.name, &self.bytes, self.format, &Limits::default())
            .map_err(Vec::from)
    }
}
