//! Reading one exported JSON file: decoded fast, located on demand.
//!
//! An export of 100,000 role assignments is over 100 MiB; recording the span of each of its
//! two million values, as the document loader does, would cost seconds. An export is decoded
//! with `serde_json` instead, its rows kept as raw slices of the text so that the place of
//! each row is known; the inside of a row is mapped only when a finding points into it. When
//! decoding fails, the file is read again with the document loader, whose errors carry the
//! pointer, line and column and a hint.

use std::cell::{OnceCell, RefCell};
use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::exports::ExportFile;
use super::finding::ExportLocation;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::{Limits, json_source_map, parse};
use crate::source::{Anchor, Format, IndexedSource, Locator, Source, SourceMap, Span};

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

/// An export decoded: what it says besides its rows (`H`), its rows (`R`), and what locates
/// them.
pub(crate) struct Export<H, R> {
    /// What the file holds besides its rows (a Resource Graph page's counts and token).
    pub head: H,
    /// The rows, in file order.
    pub rows: Vec<R>,
    source: Source,
    /// The pointer of the array holding the rows (`""` for a file that is the array).
    rows_at: &'static str,
    /// The span of each row in the text.
    spans: Vec<Span>,
}

/// Reads `file`: `split` takes its text apart into the head and the raw rows, and each row
/// is decoded as `R`. When that fails, the located loader reads the file as `Whole` (the
/// same shape, decoded in one piece) for errors with a pointer, a line and a column.
pub(crate) fn read_export<'t, Whole, H, R>(
    file: &'t ExportFile,
    rows_at: &'static str,
    split: impl FnOnce(&'t str) -> serde_json::Result<(H, Vec<&'t RawValue>)>,
) -> Result<Export<H, R>, Vec<Diagnostic>>
where
    Whole: DeserializeOwned,
    R: DeserializeOwned,
{
    let text = file.text.as_str();
    let decoded = if text.len() > MAX_EXPORT_BYTES {
        None
    } else {
        split(text)
            .and_then(|(head, raws)| {
                let spans = raws.iter().map(|raw| span_in(text, raw)).collect();
                let rows = raws
                    .iter()
                    .map(|raw| serde_json::from_str::<R>(raw.get()))
                    .collect::<serde_json::Result<Vec<R>>>()?;
                Ok((head, rows, spans))
            })
            .ok()
    };
    match decoded {
        Some((head, rows, spans)) => Ok(Export {
            head,
            rows,
            source: Source::new(file.path.clone(), file.text.clone()),
            rows_at,
            spans,
        }),
        None => Err(located_errors::<Whole>(file)),
    }
}

/// The span of `raw`, a slice of `text`.
fn span_in(text: &str, raw: &RawValue) -> Span {
    let raw = raw.get();
    let offset = (raw.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    Span::new(offset, raw.len())
}

/// Why `file` cannot be read as `Whole`, located by the document loader, each error with a
/// hint saying which command writes the file.
fn located_errors<Whole: DeserializeOwned>(file: &ExportFile) -> Vec<Diagnostic> {
    let source = Source::new(file.path.clone(), file.text.clone());
    let errors = match parse::<Whole>(source, Format::Json, &export_limits()) {
        Err(errors) => errors,
        // The loader reads what `serde_json` could not: the rows' own decoding disagrees
        // with the file's, which a test of each export shape rules out.
        Ok(_) => vec![Diagnostic::error(
            Code::Syntax,
            "",
            format!("`{}` could not be decoded", file.path),
        )],
    };
    let export = format!(
        "`{}` must be the JSON its export command wrote, unchanged (`mlzone audit --print-commands` prints the command)",
        file.path
    );
    errors
        .into_iter()
        .map(|error| {
            let hint = match &error.help {
                Some(help) => format!("{help}; {export}"),
                None => export.clone(),
            };
            error.with_help(hint)
        })
        .collect()
}

/// A file that is a JSON array of rows (`az role assignment list`, `az role definition
/// list`).
pub(crate) fn read_rows<R: DeserializeOwned>(
    file: &ExportFile,
) -> Result<Export<(), R>, Vec<Diagnostic>> {
    read_export::<Vec<R>, (), R>(file, "", |text| {
        serde_json::from_str::<Vec<&RawValue>>(text).map(|rows| ((), rows))
    })
}

impl<H, R> Export<H, R> {
    /// The path of the file, as findings show it.
    pub(crate) fn path(&self) -> &str {
        &self.source.name
    }

    /// A locator of the items of this export.
    pub(crate) fn locator(&self) -> ExportLocator<'_> {
        let whole = Span::new(0, self.source.text.len());
        let mut map = SourceMap::new();
        map.insert_value("", whole);
        ExportLocator {
            source: &self.source,
            rows_at: self.rows_at,
            spans: &self.spans,
            lines: OnceCell::new(),
            mapped: RefCell::new(Mapped {
                map,
                rows: BTreeSet::new(),
                whole: false,
            }),
        }
    }
}

/// Locates the items of one export: a row by its span, an item inside a row by mapping that
/// row when first asked, anything else by mapping the whole file once.
pub(crate) struct ExportLocator<'a> {
    source: &'a Source,
    rows_at: &'static str,
    spans: &'a [Span],
    lines: OnceCell<IndexedSource<'a>>,
    mapped: RefCell<Mapped>,
}

/// What is mapped of the file so far.
struct Mapped {
    map: SourceMap,
    /// The rows whose items are in `map`.
    rows: BTreeSet<usize>,
    /// Whether every item of the file is in `map`.
    whole: bool,
}

impl ExportLocator<'_> {
    fn lines(&self) -> &IndexedSource<'_> {
        self.lines.get_or_init(|| self.source.indexed())
    }

    /// Where row `index` starts.
    pub(crate) fn row(&self, index: usize) -> Option<ExportLocation> {
        let span = *self.spans.get(index)?;
        let location = self.lines().location(span);
        Some(ExportLocation {
            file: self.source.name.clone(),
            line: location.line,
            column: location.column,
        })
    }

    /// Where the item at `pointer` is (its nearest located ancestor when it is absent).
    pub(crate) fn locate(&self, pointer: &str) -> Option<ExportLocation> {
        let mut probe = Diagnostic::warning(Code::Syntax, pointer, "");
        self.locate_one(&mut probe);
        let location = probe.location?;
        Some(ExportLocation {
            file: location.source,
            line: location.line,
            column: location.column,
        })
    }

    /// `diagnostics` with their locations filled in from their pointers.
    pub(crate) fn locate_all(&self, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        for diagnostic in &mut diagnostics {
            self.locate_one(diagnostic);
        }
        diagnostics
    }

    fn locate_one(&self, diagnostic: &mut Diagnostic) {
        self.map_for(&diagnostic.path);
        for related in &diagnostic.related {
            self.map_for(&related.path);
        }
        let mapped = self.mapped.borrow();
        Locator::over(&mapped.map, self.lines()).locate(diagnostic, Anchor::Item(None));
    }

    /// Maps what locating `pointer` needs: its row's span for the row itself, the row's
    /// items for an item inside it, or the whole file for an item outside the rows.
    fn map_for(&self, pointer: &str) {
        let mut mapped = self.mapped.borrow_mut();
        // The root is mapped from the start (the whole text).
        if mapped.whole || pointer.is_empty() {
            return;
        }
        let Some((index, inside)) = self.row_of(pointer) else {
            mapped.whole = true;
            if let Some(map) = json_source_map(self.source, &export_limits()) {
                mapped.map = map;
            }
            return;
        };
        let Some(&span) = self.spans.get(index) else {
            return;
        };
        let at = format!("{}/{index}", self.rows_at);
        if !inside {
            mapped.map.insert_value(at, span);
        } else if mapped.rows.insert(index)
            && let Some(text) = self.source.slice(span)
        {
            let row = Source::new(self.source.name.clone(), text.to_owned());
            if let Some(map) = json_source_map(&row, &export_limits()) {
                mapped.map.graft(&at, span.offset, map);
            }
        }
    }

    /// The row `pointer` is in, if it is in one, and whether it points inside the row
    /// rather than at it.
    fn row_of(&self, pointer: &str) -> Option<(usize, bool)> {
        let inside = pointer.strip_prefix(self.rows_at)?.strip_prefix('/')?;
        let (index, rest) = inside.split_once('/').unwrap_or((inside, ""));
        let index: usize = index.parse().ok()?;
        (index < self.spans.len()).then_some((index, !rest.is_empty()))
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
    fn rows_and_their_items_are_located_in_the_file() {
        let file = ExportFile::new(
            "dev/x.json",
            "[\n  {\"name\": \"a\"},\n  {\"other\": 1, \"name\": \"b\"}\n]\n",
        );
        let export = read_rows::<Row>(&file).unwrap();
        let locator = export.locator();
        let row = locator.row(1).unwrap();
        assert_eq!((row.line, row.column), (3, 3));
        assert_eq!(row.file, "dev/x.json");
        let inside = locator.locate("/1/name").unwrap();
        assert_eq!((inside.line, inside.column), (3, 24));
        // An absent item is located at its nearest ancestor.
        let absent = locator.locate("/0/missing").unwrap();
        assert_eq!((absent.line, absent.column), (2, 3));
        assert_eq!(locator.locate("/1"), Some(row));
    }

    #[test]
    fn items_outside_the_rows_are_located_by_mapping_the_whole_file() {
        let file = ExportFile::new(
            "dev/page.json",
            "{\n  \"count\": 1,\n  \"data\": [\n    {\"name\": \"a\"}\n  ]\n}\n",
        );
        let export = read_export::<serde_json::Value, u64, Row>(&file, "/data", |text| {
            #[derive(serde::Deserialize)]
            struct Page<'a> {
                count: u64,
                #[serde(borrow)]
                data: Vec<&'a RawValue>,
            }
            serde_json::from_str::<Page<'_>>(text).map(|page| (page.count, page.data))
        })
        .unwrap();
        let locator = export.locator();
        let count = locator.locate("/count").unwrap();
        assert_eq!((count.line, count.column), (2, 12));
        let name = locator.locate("/data/0/name").unwrap();
        assert_eq!((name.line, name.column), (4, 14));
        let errors = locator.locate_all(vec![Diagnostic::error(Code::InvalidValue, "/data/0", "")]);
        let location = errors[0].location.as_ref().unwrap();
        assert_eq!((location.line, location.column), (4, 5));
    }

    #[test]
    fn truncated_files_get_a_located_error_with_a_hint() {
        let file = ExportFile::new("dev/x.json", "[\n  {\"name\": \"a\"},\n  {\"na");
        let errors = read_rows::<Row>(&file).err().unwrap();
        let location = errors[0].location.as_ref().unwrap();
        assert_eq!(location.source, "dev/x.json");
        assert_eq!(location.line, 3);
        assert!(errors[0].help.as_deref().unwrap().contains("dev/x.json"));
    }

    #[test]
    fn a_bad_row_is_located_at_its_item() {
        let file = ExportFile::new(
            "dev/x.json",
            "[\n  {\"name\": \"a\"},\n  {\"name\": 7}\n]\n",
        );
        let errors = read_rows::<Row>(&file).err().unwrap();
        assert_eq!(errors[0].path, "/1/name");
        let location = errors[0].location.as_ref().unwrap();
        assert_eq!((location.line, location.column), (3, 12));
    }
}
