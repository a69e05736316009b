//! The JSON Schema of the file format, derived from the document types.

use crate::document::Document;

/// The JSON Schema (draft 2020-12) of an mlzone document, as editors and CI use it.
pub fn json_schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    generator.into_root_schema_for::<Document>().to_value()
}

/// The JSON Schema as pretty-printed text with a trailing newline.
pub fn json_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    text.push('\n');
    text
}
