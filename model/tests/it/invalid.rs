//! Every invalid document gives located diagnostics, snapshotted as JSON.

use mlzone_model::{Diagnostic, Limits, load_estate};
use serde_json::{Value, json};

/// The size limit the fixtures are read with: a quarter of the default, so that
/// `oversized.yaml` need not hold 16 MiB.
const MAX_BYTES: usize = 4 * 1024 * 1024;

/// The diagnostics of one document as reviewable JSON: code, message, path, line, column,
/// the exact text of the span, help.
fn check(name: &str, bytes: &[u8]) -> Value {
    let limits = Limits {
        max_bytes: MAX_BYTES,
        ..Limits::default()
    };
    let diagnostics = match load_estate(name, bytes, None, &limits) {
        Ok(_) => panic!("{name} loaded, but it is invalid"),
        Err(diagnostics) => diagnostics,
    };
    assert!(!diagnostics.is_empty(), "{name}: no diagnostics");
    Value::Array(diagnostics.iter().map(|d| render(d, bytes)).collect())
}

fn render(diagnostic: &Diagnostic, bytes: &[u8]) -> Value {
    // Only a file name that names no format has no place in the text.
    let Some(location) = diagnostic.location.as_ref() else {
        assert_eq!(
            diagnostic.code,
            mlzone_model::Code::UnknownFormat,
            "no location: {diagnostic}"
        );
        return json!({ "code": diagnostic.code, "message": diagnostic.message, "help": diagnostic.help });
    };
    assert!(location.line >= 1 && location.column >= 1);
    let span: String = bytes
        .get(location.offset..location.offset + location.length)
        .map(String::from_utf8_lossy)
        .expect("the span lies inside the input")
        .chars()
        .take(80)
        .collect();
    json!({
        "code": diagnostic.code,
        "message": diagnostic.message,
        "path": diagnostic.path,
        "line": location.line,
        "column": location.column,
        "span": span,
        "help": diagnostic.help,
    })
}

#[test]
fn invalid_documents() {
    insta::glob!("../fixtures/invalid", "*.*", |path| {
        let bytes = std::fs::read(path).unwrap();
        let name = format!("invalid/{}", path.file_name().unwrap().to_string_lossy());
        insta::assert_json_snapshot!(check(&name, &bytes));
    });
}
