//! JSON: a small span scanner for the source map, `serde_json` for the values.
//!
//! [`walk`] builds the source map; [`deserialize`] reads the values with `serde_json`, whose
//! errors `errors.rs` translates into diagnostics.

mod errors;
mod scan;

use serde::de::DeserializeOwned;
use serde_path_to_error::Track;

use crate::diagnostic::Diagnostic;
use crate::source::Located;

use super::errors::pointer;

pub(super) use scan::walk;

/// Deserialises a JSON document whose source map is built.
pub(super) fn deserialize<T: DeserializeOwned>(located: &Located) -> Result<T, Box<Diagnostic>> {
    let text = located
        .source
        .as_ref()
        .map(|source| source.text.as_str())
        .unwrap_or_default();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut track = Track::new();
    let result = T::deserialize(serde_path_to_error::Deserializer::new(
        &mut deserializer,
        &mut track,
    ));
    let result = result.and_then(|value| deserializer.end().map(|()| value));
    result.map_err(|error| {
        let path = pointer(&track.path());
        Box::new(errors::diagnostic(&error, &path, located))
    })
}
