//! The JSON Schema of the file format, derived from the document types.

use schemars::Schema;
use schemars::transform::RecursiveTransform;

use crate::document::Document;
use crate::load::Limits;

/// The JSON Schema (draft 2020-12) of an mlzone document, as editors and CI use it.
pub fn json_schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(bound_strings))
        .into_generator();
    generator.into_root_schema_for::<Document>().to_value()
}

/// Gives every string the schema leaves unbounded the loader's limit on any string.
///
/// The loader counts that limit in bytes of UTF-8 and JSON Schema counts characters, so the
/// schema's bound is the loosest the loader's implies: it never refuses a string the loader
/// accepts. Strings with their own bound, an enumeration or a pattern keep theirs.
fn bound_strings(schema: &mut Schema) {
    let is_string = schema.get("type").is_some_and(|kind| {
        kind == "string"
            || kind
                .as_array()
                .is_some_and(|kinds| kinds.iter().any(|kind| kind == "string"))
    });
    let bounded = ["maxLength", "enum", "const", "pattern"]
        .iter()
        .any(|key| schema.get(*key).is_some());
    if is_string && !bounded {
        schema.insert(
            "maxLength".to_owned(),
            Limits::default().max_string_length.into(),
        );
    }
}

/// The JSON Schema as pretty-printed text with a trailing newline.
pub fn json_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    text.push('\n');
    text
}
