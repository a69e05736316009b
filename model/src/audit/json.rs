//! Typed, located reading of one exported JSON file: the loader's parser, with limits sized
//! for exports, so that every error carries the file, line and column and a hint.

use serde::de::DeserializeOwned;

use super::exports::ExportFile;
use super::finding::ExportLocation;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::{Limits, Parsed, parse};
use crate::source::{Anchor, Format, Located, Locator, Source};

/// The largest export read: 1 GiB, room for a million role assignments (about 700 bytes
/// each as the Azure CLI writes them).
pub(crate) const MAX_EXPORT_BYTES: usize = 1024 * 1024 * 1024;

/// The limits of an export: a document's, except its size.
fn export_limits() -> Limits {
    Limits {
        max_bytes: MAX_EXPORT_BYTES,
        ..Limits::default()
    }
}

/// `file` read as JSON into `T`, with the span of every item; on failure, every error
/// located in the file, with a hint saying which command writes it.
pub(crate) fn parse_export<T: DeserializeOwned>(
    file: &ExportFile,
) -> Result<Parsed<T>, Vec<Diagnostic>> {
    let source = Source::new(file.path.clone(), file.text.clone());
    parse::<T>(source, Format::Json, &export_limits()).map_err(|errors| {
        errors
            .into_iter()
            .map(|error| {
                let export = format!(
                    "`{}` must be the JSON its export command wrote, unchanged (`mlzone audit --print-commands` prints the command)",
                    file.path
                );
                let hint = match &error.help {
                    Some(help) => format!("{help}; {export}"),
                    None => export,
                };
                error.with_help(hint)
            })
            .collect()
    })
}

/// Where the item at `pointer` is in `file` (its nearest located ancestor when the map has
/// no exact entry); `None` when the parse kept no source.
#[allow(
    dead_code,
    reason = "for the custom role definitions and resources checks, which locate one item at a time"
)]
pub(crate) fn locate(parsed: &Located, file: &ExportFile, pointer: &str) -> Option<ExportLocation> {
    ExportLocator::new(parsed, file)?.locate(pointer)
}

/// Locates many items of one export, indexing its lines once.
pub(crate) struct ExportLocator<'a> {
    locator: Locator<'a>,
    file: &'a str,
}

impl<'a> ExportLocator<'a> {
    /// A locator of the items of `parsed`, the parse of `file`.
    pub(crate) fn new(parsed: &'a Located, file: &'a ExportFile) -> Option<Self> {
        Some(Self {
            locator: parsed.locator()?,
            file: &file.path,
        })
    }

    /// Where the item at `pointer` is (its nearest located ancestor when the map has no
    /// exact entry), located as every diagnostic is.
    pub(crate) fn locate(&self, pointer: &str) -> Option<ExportLocation> {
        let mut probe = Diagnostic::warning(Code::Syntax, pointer, "");
        self.locator.locate(&mut probe, Anchor::Item(None));
        let location = probe.location?;
        Some(ExportLocation {
            file: self.file.to_owned(),
            line: location.line,
            column: location.column,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Row {
        #[allow(dead_code, reason = "read to check the shape")]
        name: String,
    }

    #[test]
    fn items_are_located_in_the_file() {
        let file = ExportFile::new(
            "dev/x.json",
            "[\n  {\"name\": \"a\"},\n  {\"name\": \"b\"}\n]\n",
        );
        let parsed = parse_export::<Vec<Row>>(&file).unwrap();
        let location = locate(&parsed.located, &file, "/1").unwrap();
        assert_eq!((location.line, location.column), (3, 3));
        assert_eq!(location.file, "dev/x.json");
    }

    #[test]
    fn truncated_files_get_a_located_error_with_a_hint() {
        let file = ExportFile::new("dev/x.json", "[\n  {\"name\": \"a\"},\n  {\"na");
        let errors = parse_export::<Vec<Row>>(&file).unwrap_err();
        let location = errors[0].location.as_ref().unwrap();
        assert_eq!(location.source, "dev/x.json");
        assert_eq!(location.line, 3);
        assert!(errors[0].help.as_deref().unwrap().contains("dev/x.json"));
    }
}
