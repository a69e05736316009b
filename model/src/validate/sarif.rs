//! A report as a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::Report;
use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::source::Located;

/// Where the schema of the log is published.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The log of one run of mlzone over one document.
pub(super) fn log(report: &Report, located: &Located) -> Value {
    let diagnostics = located.locate(report.diagnostics.clone());
    let mut rules: Vec<Value> = Vec::new();
    let mut index: BTreeMap<Code, usize> = BTreeMap::new();
    for info in super::rules() {
        index.insert(info.code, rules.len());
        rules.push(json!({
            "id": info.code.as_str(),
            "name": info.code.as_str(),
            "shortDescription": { "text": info.summary },
            "fullDescription": { "text": info.description },
            "help": { "text": info.help },
            "defaultConfiguration": { "level": level(info.default_severity) },
        }));
    }
    // Findings of loading and resolution may be reported with the rules'.
    for diagnostic in &diagnostics {
        if let std::collections::btree_map::Entry::Vacant(entry) = index.entry(diagnostic.code) {
            entry.insert(rules.len());
            rules.push(json!({
                "id": diagnostic.code.as_str(),
                "name": diagnostic.code.as_str(),
                "shortDescription": { "text": diagnostic.code.as_str() },
                "defaultConfiguration": { "level": "error" },
            }));
        }
    }
    let artifact = located.source.as_ref().map(|s| s.name.clone());
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| result(d, index.get(&d.code).copied().unwrap_or_default()))
        .collect();
    let mut run = run(rules, results);
    if let (Some(name), Some(object)) = (artifact, run.as_object_mut()) {
        object.insert(
            "artifacts".to_owned(),
            json!([{ "location": { "uri": uri(&name) } }]),
        );
    }
    log_of(run)
}

/// One run of mlzone: its rules and its results.
pub(crate) fn run(rules: Vec<Value>, results: Vec<Value>) -> Value {
    json!({
        "tool": {
            "driver": {
                "name": "mlzone",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/mlzone",
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    })
}

/// A SARIF 2.1.0 log of one run.
pub(crate) fn log_of(run: Value) -> Value {
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    })
}

pub(crate) fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn result(diagnostic: &Diagnostic, rule_index: usize) -> Value {
    let mut text = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        text = format!("{text}\nhelp: {help}");
    }
    let mut location = json!({
        "logicalLocations": [{
            "fullyQualifiedName": diagnostic.path,
            "kind": "element",
        }]
    });
    if let (Some(physical), Some(object)) = (
        diagnostic.location.as_ref().map(physical),
        location.as_object_mut(),
    ) {
        object.insert("physicalLocation".to_owned(), physical);
    }
    let related: Vec<Value> = diagnostic
        .related
        .iter()
        .enumerate()
        .map(|(i, related)| {
            let mut value = json!({
                "id": i,
                "message": { "text": related.message },
                "logicalLocations": [{ "fullyQualifiedName": related.path, "kind": "element" }],
            });
            if let (Some(physical), Some(object)) = (
                related.location.as_ref().map(physical),
                value.as_object_mut(),
            ) {
                object.insert("physicalLocation".to_owned(), physical);
            }
            value
        })
        .collect();
    let mut value = json!({
        "ruleId": diagnostic.code.as_str(),
        "ruleIndex": rule_index,
        "level": level(diagnostic.severity),
        "message": { "text": text },
        "locations": [location],
    });
    if let (false, Some(object)) = (related.is_empty(), value.as_object_mut()) {
        object.insert("relatedLocations".to_owned(), Value::Array(related));
    }
    value
}

fn physical(location: &Location) -> Value {
    json!({
        "artifactLocation": { "uri": uri(&location.source) },
        "region": {
            "startLine": location.line,
            "startColumn": location.column,
            "byteOffset": location.offset,
            "byteLength": location.length,
        }
    })
}

/// A relative URI reference for a source name: path separators as `/`, spaces and other
/// reserved characters percent-encoded.
pub(crate) fn uri(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for byte in name.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(byte));
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}
