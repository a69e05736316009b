//! Generated files in memory: clean relative paths, normalised text, JSON parsed back.
//!
//! Decisions about the generated-file marker (see [`Syntax::header`]):
//! - Bicep, YAML and Markdown files start with a comment line.
//! - ARM templates (any object with a `$schema` ending in `deploymentTemplate.json#`) get
//!   `metadata._generator = {"name": "mlzone", "version": <crate version>}`, the place Bicep
//!   itself uses; parameter files have no `metadata` in their schema and get nothing.
//! - Role definition JSON gets nothing: the file is the role as `az` reads it.
//! - No marker ever holds a timestamp: output is a pure function of the input.

use std::any::Any;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::error::Error;
use crate::syntax::Syntax;

mod json;

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

/// Where finished files go, one at a time, as soon as each is rendered: the command line
/// stages each on disk at once, so a large estate's output is never held whole in memory.
///
/// A file reaches the sink normalised, with its generated-file marker, JSON checked and laid
/// out; a path never comes twice. A sink is `Send` and `Sync` so that a file set stays so.
pub trait FileSink: Any + fmt::Debug + Send + Sync {
    /// Takes the file at `path`; an error stops the render (see [`Error::Sink`]).
    fn put(&mut self, path: RelativePath, content: String) -> Result<(), Error>;
}

/// The generated files of one render, by path; iteration is in path order.
///
/// A set made with [`FileSet::streaming`] passes each file on to its [`FileSink`] instead and
/// keeps only the paths it has seen.
#[derive(Debug, Default)]
pub struct FileSet {
    files: BTreeMap<RelativePath, String>,
    sink: Option<Streaming>,
}

/// A sink and the paths already given to it.
#[derive(Debug)]
struct Streaming {
    sink: Box<dyn FileSink>,
    seen: BTreeSet<RelativePath>,
}

impl PartialEq for FileSet {
    fn eq(&self, other: &Self) -> bool {
        self.files == other.files
    }
}

impl Eq for FileSet {}

impl FileSet {
    /// An empty file set.
    pub fn new() -> Self {
        Self::default()
    }

    /// A set that gives every file to `sink` as it is added and keeps none.
    pub fn streaming(sink: Box<dyn FileSink>) -> Self {
        Self {
            files: BTreeMap::new(),
            sink: Some(Streaming {
                sink,
                seen: BTreeSet::new(),
            }),
        }
    }

    /// The sink of a set made with [`FileSet::streaming`], as the type it was made with.
    pub fn into_sink<S: FileSink>(self) -> Result<S, Error> {
        let wrong = || Error::internal("the file sink", "not the sink the render was given");
        let sink: Box<dyn Any> = self.sink.ok_or_else(wrong)?.sink;
        sink.downcast::<S>().map(|sink| *sink).map_err(|_| wrong())
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
        let generator = (syntax == Syntax::Arm).then_some(json::Generator {
            name: GENERATOR_NAME,
            version: GENERATOR_VERSION,
        });
        let pretty = json::pretty(text, generator)
            .map_err(|e| Error::internal(format!("generated file `{path}`"), e))?;
        self.put(path, pretty)
    }

    fn put(&mut self, path: RelativePath, content: String) -> Result<(), Error> {
        let twice = match &mut self.sink {
            Some(streaming) => !streaming.seen.insert(path.clone()),
            None => self.files.contains_key(&path),
        };
        if twice {
            return Err(Error::internal(
                format!("generated file `{path}`"),
                "two outputs have this path",
            ));
        }
        match &mut self.sink {
            Some(streaming) => streaming.sink.put(path, content),
            None => {
                self.files.insert(path, content);
                Ok(())
            }
        }
    }

    /// Moves every file of `other` into this set (or its sink); a path present in both is an
    /// internal error.
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

#[cfg(test)]
mod tests;
