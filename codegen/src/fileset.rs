//! Generated files in memory: clean relative paths, normalised text, JSON parsed back.
//!
//! Decisions about the generated-file marker (see [`Syntax::header`]):
//! - Bicep, YAML and Markdown files start with a comment line.
//! - ARM templates (any object with a `$schema` ending in `deploymentTemplate.json#`) get
//!   `metadata._generator = {"name": "mlzone", "version": <crate version>}`, the place Bicep
//!   itself uses; parameter files have no `metadata` in their schema and get nothing.
//! - Role definition JSON gets nothing: the file is the role as `az` reads it.
//! - No marker ever holds a timestamp: output is a pure function of the input.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};

use crate::error::Error;
use crate::syntax::Syntax;

/// The name written into ARM `metadata._generator.name`.
pub const GENERATOR_NAME: &str = "mlzone";

/// The version written into ARM `metadata._generator.version`.
pub const GENERATOR_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A relative path with `/` separators and no `.`, `..` or empty segments.
///
/// It cannot escape the output directory it is joined to, and is the same on every platform.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelativePath(String);

impl RelativePath {
    /// Checks `path` and wraps it.
    ///
    /// ```
    /// use mlzone_codegen::fileset::RelativePath;
    /// assert!(RelativePath::new("dev/modules/ml.bicep").is_ok());
    /// assert!(RelativePath::new("../x").is_err());
    /// ```
    pub fn new(path: impl Into<String>) -> Result<Self, Error> {
        let path = path.into();
        match Self::problem(&path) {
            Some(reason) => Err(Error::InvalidPath { path, reason }),
            None => Ok(RelativePath(path)),
        }
    }

    fn problem(path: &str) -> Option<&'static str> {
        if path.is_empty() {
            return Some("the path is empty");
        }
        if path.contains('\\') {
            return Some("backslashes are not allowed, use `/`");
        }
        if path.starts_with('/') || path.get(1..2) == Some(":") {
            return Some("the path must be relative");
        }
        if path.chars().any(char::is_control) {
            return Some("control characters are not allowed");
        }
        for segment in path.split('/') {
            match segment {
                "" => return Some("empty path segments are not allowed"),
                "." | ".." => return Some("`.` and `..` segments are not allowed"),
                _ => {}
            }
        }
        None
    }

    /// The path as text, with `/` separators.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RelativePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for RelativePath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for RelativePath {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for RelativePath {
    type Error = Error;

    fn try_from(path: &str) -> Result<Self, Error> {
        RelativePath::new(path)
    }
}

/// Normalises generated text: LF line ends, no trailing whitespace on any line, no leading
/// blank lines, runs of blank lines collapsed to one, and exactly one trailing newline.
///
/// Generated files never carry meaning in trailing whitespace or blank-line runs: the
/// filters write single-line literals (no Bicep `'''` strings, no YAML block scalars).
///
/// ```
/// use mlzone_codegen::fileset::normalise;
/// assert_eq!(normalise("\r\na  \r\n\n\n\nb\t\n\n"), "a\n\nb\n");
/// ```
pub fn normalise(text: &str) -> String {
    let unix = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut out = String::with_capacity(unix.len() + 1);
    let mut blank_run = true;
    for line in unix.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if !blank_run {
                out.push('\n');
            }
            blank_run = true;
        } else {
            out.push_str(line);
            out.push('\n');
            blank_run = false;
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    if out.is_empty() {
        out.push('\n');
    }
    out
}

/// The generated files of one render, by path; iteration is in path order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSet {
    files: BTreeMap<RelativePath, String>,
}

impl FileSet {
    /// An empty file set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text file of `syntax`: normalised, with the syntax's header line first.
    ///
    /// JSON syntaxes are routed through [`FileSet::insert_json`]. Two files with one path are
    /// an internal error.
    pub fn insert(&mut self, path: RelativePath, syntax: Syntax, text: &str) -> Result<(), Error> {
        if syntax.is_json() {
            return self.insert_json(path, syntax, text);
        }
        let body = normalise(text);
        let content = match syntax.header() {
            Some(header) if body == "\n" => format!("{header}\n"),
            Some(header) => format!("{header}\n\n{body}"),
            None => body,
        };
        self.put(path, content)
    }

    /// Adds a JSON file after parsing it back with serde_json; invalid JSON or duplicate keys
    /// are an internal error, never a broken file.
    ///
    /// The file is written pretty-printed (two-space indent, keys in the template's order), so
    /// template whitespace never reaches the output. ARM deployment templates get the
    /// `metadata._generator` marker.
    pub fn insert_json(
        &mut self,
        path: RelativePath,
        syntax: Syntax,
        text: &str,
    ) -> Result<(), Error> {
        let mut value =
            parse_json(text).map_err(|e| Error::internal(format!("generated file `{path}`"), e))?;
        if syntax == Syntax::Arm {
            mark_arm_template(&mut value);
        }
        // Pretty JSON is already normal: LF only, no trailing whitespace, no blank lines
        // (strings are escaped onto one line), so it only needs its final newline.
        let mut pretty = Vec::with_capacity(text.len() + text.len() / 4);
        serde_json::to_writer_pretty(&mut pretty, &value)
            .map_err(|e| Error::internal(format!("generated file `{path}`"), e))?;
        pretty.push(b'\n');
        let pretty = String::from_utf8(pretty)
            .map_err(|e| Error::internal(format!("generated file `{path}`"), e))?;
        self.put(path, pretty)
    }

    fn put(&mut self, path: RelativePath, content: String) -> Result<(), Error> {
        if self.files.contains_key(&path) {
            return Err(Error::internal(
                format!("generated file `{path}`"),
                "two outputs have this path",
            ));
        }
        self.files.insert(path, content);
        Ok(())
    }

    /// Moves every file of `other` into this set; a path present in both is an internal error.
    pub fn merge(&mut self, other: FileSet) -> Result<(), Error> {
        for (path, content) in other.files {
            self.put(path, content)?;
        }
        Ok(())
    }

    /// The content of the file at `path`, if there is one.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// The files in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&RelativePath, &str)> {
        self.files.iter().map(|(p, c)| (p, c.as_str()))
    }

    /// The number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The files as a map, for callers that write them or hand them to Python.
    pub fn into_map(self) -> BTreeMap<RelativePath, String> {
        self.files
    }
}

impl IntoIterator for FileSet {
    type Item = (RelativePath, String);
    type IntoIter = std::collections::btree_map::IntoIter<RelativePath, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.files.into_iter()
    }
}

/// Parses JSON like serde_json, but rejects duplicate object keys, which serde_json would
/// silently collapse (a template bug that would otherwise lose data). One pass builds the
/// value and checks the keys.
fn parse_json(text: &str) -> Result<Value, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let StrictJson(value) = serde::Deserialize::deserialize(&mut de)
        .map_err(|e: serde_json::Error| format!("invalid JSON: {e}"))?;
    de.end().map_err(|e| format!("invalid JSON: {e}"))?;
    Ok(value)
}

/// A JSON value whose objects have no duplicate keys.
struct StrictJson(Value);

impl<'de> serde::Deserialize<'de> for StrictJson {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = StrictJson;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::from(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::String(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::String(v)))
    }
    fn visit_unit<E>(self) -> Result<StrictJson, E> {
        Ok(StrictJson(Value::Null))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<StrictJson, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(StrictJson(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(StrictJson(Value::Array(items)))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<StrictJson, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let StrictJson(value) = map.next_value()?;
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom(format!("duplicate key `{key}`")));
            }
            object.insert(key, value);
        }
        Ok(StrictJson(Value::Object(object)))
    }
}

/// Adds `metadata._generator` to an ARM deployment template, keeping Bicep's key order
/// (`$schema`, `contentVersion`, `metadata`, then the rest).
fn mark_arm_template(value: &mut Value) {
    let Value::Object(template) = value else {
        return;
    };
    let is_template = template
        .get("$schema")
        .and_then(Value::as_str)
        .is_some_and(|s| s.ends_with("eploymentTemplate.json#"));
    if !is_template {
        return;
    }
    let mut generator = Map::new();
    generator.insert("name".into(), GENERATOR_NAME.into());
    generator.insert("version".into(), GENERATOR_VERSION.into());
    let mut metadata = match template.shift_remove("metadata") {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    metadata.insert("_generator".into(), Value::Object(generator));
    let mut ordered = Map::new();
    for key in ["$schema", "contentVersion"] {
        if let Some(v) = template.shift_remove(key) {
            ordered.insert(key.into(), v);
        }
    }
    ordered.insert("metadata".into(), Value::Object(metadata));
    ordered.append(template);
    *template = ordered;
}

#[cfg(test)]
mod tests;
