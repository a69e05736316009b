//! The whole of loading: bytes → text → document → estate, every problem located.

use crate::diagnostic::Diagnostics;
use crate::document::Document;
use crate::estate::Estate;
use crate::load::{self, Limits};
use crate::source::{Format, Located};

/// The embedded default topology: the CAF private, restricted setup with development, test
/// and production. Tools use it when they are given no document.
pub const DEFAULT_TOPOLOGY: &str = include_str!("../data/default-topology.yaml");

/// The name locations in the default topology are reported under.
pub const DEFAULT_TOPOLOGY_NAME: &str = "<default topology>";

/// An estate loaded from text, with what is needed to locate findings in that text.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The resolved estate.
    pub estate: Estate,
    /// The source text and the spans of its items.
    pub located: Located,
}

/// Loads an estate from the bytes of a document named `name`.
///
/// The format is `format` when given, else the extension of `name`. Every diagnostic that
/// comes back carries the location of the item it is about.
pub fn load_estate(
    name: &str,
    bytes: &[u8],
    format: Option<Format>,
    limits: &Limits,
) -> Result<Loaded, Diagnostics> {
    let format = load::format_for(name, format).map_err(|diagnostic| vec![diagnostic])?;
    let source = load::decode(name, bytes, limits).map_err(|diagnostic| vec![diagnostic])?;
    load_source(source, format, limits)
}

/// Loads an estate from text already decoded.
pub fn load_source(
    source: crate::source::Source,
    format: Format,
    limits: &Limits,
) -> Result<Loaded, Diagnostics> {
    let parsed = load::parse::<Document>(source, format, limits)?;
    match crate::resolve::resolve(&parsed.value) {
        Ok(estate) => Ok(Loaded {
            estate,
            located: parsed.located,
        }),
        Err(diagnostics) => Err(parsed.located.locate(diagnostics).into()),
    }
}

/// Loads the embedded default topology.
pub fn load_default() -> Result<Loaded, Diagnostics> {
    load_estate(
        DEFAULT_TOPOLOGY_NAME,
        DEFAULT_TOPOLOGY.as_bytes(),
        Some(Format::Yaml),
        &Limits::default(),
    )
}
