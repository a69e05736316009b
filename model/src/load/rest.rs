//! Every shape error, not only the first.
//!
//! Format libraries stop at their first shape error. After it, the document is read again as
//! a value tree and deserialised from the tree: each further error is reported, worded and
//! located as the first one is, then patched over (an unknown key dropped, a bad or missing
//! value replaced by a stand-in) until the tree deserialises. Stand-ins never leave the
//! loader: a document with a shape error is refused.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Track;

use crate::diagnostic::Diagnostic;
use crate::source::{Format, Located};

use super::Limits;
use super::errors::{Problem, pointer};
use super::spans::child;

/// Most deserialisations of the tree: each reports an error or tries a stand-in.
const MAX_ROUNDS: usize = 256;

/// Values tried in turn in place of a bad or missing one, until one deserialises: one of
/// each newtype's shape, then one of each JSON type.
fn stand_in(attempt: usize) -> Option<Value> {
    let value = match attempt {
        0 => Value::from("00000000-0000-0000-0000-000000000001"),
        1 => Value::from("placeholder"),
        2 => Value::from("Standard_DS3_v2"),
        3 => Value::from("https://example.com/placeholder.git"),
        4 => Value::from(
            "/subscriptions/placeholder/resourceGroups/placeholder/providers/Microsoft.Network/virtualNetworks/placeholder/subnets/placeholder",
        ),
        5 => Value::from(1),
        6 => Value::from(true),
        7 => Value::Array(Vec::new()),
        8 => Value::Object(serde_json::Map::new()),
        9 => Value::Null,
        _ => return None,
    };
    Some(value)
}

/// The shape errors of the document after `first`, the one its format library reported.
pub(super) fn rest<T: DeserializeOwned>(
    located: &Located,
    format: Format,
    limits: &Limits,
    first: &Diagnostic,
) -> Vec<Diagnostic> {
    // A document whose root is wrong has nothing more to report.
    if first.path.is_empty() {
        return Vec::new();
    }
    let Some(mut tree) = tree(located, format, limits) else {
        return Vec::new();
    };
    // Errors inside the item of the first one follow from it (the tree's deserialiser may
    // read further into it than the format library does): they are patched, not reported.
    let inside_first = format!("{}/", first.path);
    let mut reported = BTreeSet::from([first.path.clone()]);
    // The stand-in each patched pointer holds, by its index in `stand_in`.
    let mut patched: BTreeMap<String, usize> = BTreeMap::new();
    let mut found = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let mut track = Track::new();
        let error = match T::deserialize(serde_path_to_error::Deserializer::new(&tree, &mut track))
        {
            Ok(_) => break,
            Err(error) => error,
        };
        let at = pointer(&track.path());
        let problem = Problem::from_message(&error.to_string());

        // An error inside a stand-in: the next one is tried.
        if let Some((path, attempt)) = patched
            .iter_mut()
            .find(|(path, _)| at == **path || at.starts_with(&format!("{path}/")))
        {
            *attempt += 1;
            let tried = stand_in(*attempt).is_some_and(|value| set(&mut tree, path, value));
            if tried {
                continue;
            }
            break;
        }
        // YAML reads an unquoted scalar as a string where a string is expected.
        if format == Format::Yaml && stringify(&mut tree, &at, &problem) {
            continue;
        }

        let diagnostic = problem.clone().into_diagnostic(&at, located, None);
        if !diagnostic.path.starts_with(&inside_first) && reported.insert(diagnostic.path.clone()) {
            found.push(diagnostic);
        }
        let patch = match problem {
            Problem::UnknownField { field, .. } | Problem::DuplicateField { field } => {
                drop_key(&mut tree, &at, &field)
            }
            Problem::MissingField { field } => {
                let path = child(&at, &field);
                let inserted = tree
                    .pointer_mut(&at)
                    .and_then(Value::as_object_mut)
                    .zip(stand_in(0))
                    .map(|(mapping, value)| mapping.insert(field, value))
                    .is_some();
                patched.insert(path, 0);
                inserted
            }
            _ => {
                patched.insert(at.clone(), 0);
                stand_in(0).is_some_and(|value| set(&mut tree, &at, value))
            }
        };
        if !patch {
            break;
        }
    }
    found
}

/// The document as a value tree, read by its format's library.
fn tree(located: &Located, format: Format, limits: &Limits) -> Option<Value> {
    let text = located.source.as_ref().map(|source| source.text.as_str())?;
    match format {
        Format::Yaml => serde_saphyr::with_deserializer_from_str_with_options(
            text,
            super::yaml::options(limits),
            |deserializer| Value::deserialize(deserializer),
        )
        .ok(),
        Format::Toml => ::toml::from_str(text).ok(),
        Format::Json => serde_json::from_str(text).ok(),
    }
}

/// Replaces the value at `path`; false when there is none.
fn set(tree: &mut Value, path: &str, value: Value) -> bool {
    match tree.pointer_mut(path) {
        Some(slot) => {
            *slot = value;
            true
        }
        None => false,
    }
}

/// Drops `field` from the mapping at `path` or, when the path names the key, its parent.
fn drop_key(tree: &mut Value, path: &str, field: &str) -> bool {
    let parent = path.strip_suffix(&child("", field)).unwrap_or(path);
    for mapping in [path, parent] {
        if let Some(mapping) = tree.pointer_mut(mapping).and_then(Value::as_object_mut)
            && mapping.remove(field).is_some()
        {
            return true;
        }
    }
    false
}

/// Writes a number or boolean where a string is expected as that string; false when the
/// problem is another one.
fn stringify(tree: &mut Value, path: &str, problem: &Problem) -> bool {
    let Problem::InvalidType { expected, .. } = problem else {
        return false;
    };
    if !expected.contains("string") {
        return false;
    }
    let Some(slot) = tree.pointer_mut(path) else {
        return false;
    };
    let text = match slot {
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        _ => return false,
    };
    *slot = Value::String(text);
    true
}
