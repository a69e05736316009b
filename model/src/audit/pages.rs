//! Resource Graph pages: what `az graph query --output json` writes, one file a page, read
//! and checked to be one whole answer. The resources and, in their Resource Graph form, the
//! role assignments come this way.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::exports::ExportFile;
use super::json::{Export, read_export};
use crate::diagnostic::{Code, Diagnostic};

/// One page of `az graph query --output json`, its rows as `D`: a mapping only (serde would
/// read a list into the struct field by field, and report its first element as a bad
/// `count`).
#[derive(Debug)]
pub(crate) struct Page<D> {
    /// How many rows the page holds.
    pub count: u64,
    /// The rows.
    pub data: D,
    /// The token of the next page; absent or `null` on the last.
    pub skip_token: Option<String>,
    /// How many rows the query matched over every page.
    pub total_records: Option<u64>,
}

impl<'de, D: Deserialize<'de>> Deserialize<'de> for Page<D> {
    fn deserialize<De: serde::Deserializer<'de>>(deserializer: De) -> Result<Self, De::Error> {
        struct MapOnly<D>(std::marker::PhantomData<D>);
        impl<'de, D: Deserialize<'de>> serde::de::Visitor<'de> for MapOnly<D> {
            type Value = Page<D>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Page<D>, A::Error> {
                let fields =
                    Fields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Page {
                    count: fields.count,
                    data: fields.data,
                    skip_token: fields.skip_token,
                    total_records: fields.total_records,
                })
            }
        }
        deserializer.deserialize_map(MapOnly(std::marker::PhantomData))
    }
}

/// The keys of a page.
#[derive(Debug, Deserialize)]
struct Fields<D> {
    count: u64,
    data: D,
    #[serde(default)]
    skip_token: Option<String>,
    #[serde(default)]
    total_records: Option<u64>,
}

/// A page read: its head, its rows, what locates them.
pub(crate) type PageExport<R> = Export<Page<()>, R>;

/// A row of a page: a resource with an id.
pub(crate) trait PageRow: DeserializeOwned {
    /// The row's resource id, as Resource Graph writes it.
    fn id(&self) -> &str;
}

/// Reads one page: fast, its rows kept raw until decoded one by one.
fn read_page<R: PageRow>(file: &ExportFile) -> Result<PageExport<R>, Vec<Diagnostic>> {
    read_export::<Page<Vec<R>>, Page<()>, R>(file, "/data", |text| {
        let page = serde_json::from_str::<Page<Vec<&RawValue>>>(text)?;
        let head = Page {
            count: page.count,
            data: (),
            skip_token: page.skip_token,
            total_records: page.total_records,
        };
        Ok((head, page.data))
    })
}

/// Parses every page and checks that together they are the whole answer: each page holds
/// the rows it counts, every page but the last has a `skip_token` and the last none, the rows
/// add up to `total_records`, and no row comes twice. `what` names the export in hints
/// ("resources", "role assignments").
pub(crate) fn read_pages<R: PageRow>(
    files: &[ExportFile],
    what: &str,
) -> Result<Vec<PageExport<R>>, Vec<Diagnostic>> {
    let mut pages = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for file in files {
        match read_page::<R>(file) {
            Ok(page) => pages.push(page),
            Err(found) => errors.extend(found),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let last = pages.len().saturating_sub(1);
    let mut ids: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut rows: u64 = 0;
    for (number, page) in pages.iter().enumerate() {
        let mut own = Vec::new();
        let value = &page.head;
        let held = page.rows.len() as u64;
        rows += held;
        if value.count != held {
            own.push(
                pages_error(
                    "/count",
                    format!("the page counts {} rows but holds {held}", value.count),
                )
                .with_help(format!(
                    "the file was cut short or edited; export the {what} again"
                )),
            );
        }
        let token = value.skip_token.as_deref().filter(|t| !t.is_empty());
        if number < last
            && token.is_none()
            && let Some(next) = pages.get(number + 1)
        {
            {
                own.push(
                    pages_error(
                        "/skip_token",
                        format!(
                            "the page has no `skip_token` but `{}` follows it",
                            next.path()
                        ),
                    )
                    .with_help(
                        format!("the pages come from more than one export; export the {what} again into an empty folder"),
                    ),
                );
            }
        }
        if number == last && token.is_some() {
            own.push(
                pages_error(
                    "/skip_token",
                    format!(
                        "the page has a `skip_token`, so more rows follow, but there is no page {}",
                        number + 2
                    ),
                )
                .with_help(
                    format!("the export stopped before its last page; run the {what} export again to the end"),
                ),
            );
        }
        for (index, row) in page.rows.iter().enumerate() {
            let folded = row.id().to_ascii_lowercase();
            if let Some((first_page, first_row)) = ids.get(&folded) {
                let first = pages.get(*first_page).map_or("", |p| p.path());
                own.push(
                    pages_error(
                        &format!("/data/{index}/id"),
                        format!(
                            "`{}` was already listed at row {first_row} of `{first}`",
                            row.id()
                        ),
                    )
                    .with_help(format!("pages overlap: export the {what} again; the query orders rows by id so that pages neither repeat nor skip one")),
                );
            } else {
                ids.insert(folded, (number, index));
            }
        }
        if number == last
            && errors.is_empty()
            && own.is_empty()
            && let Some(total) = pages.first().and_then(|p| p.head.total_records)
            && total != rows
        {
            own.push(
                pages_error(
                    "/total_records",
                    format!("the pages hold {rows} rows but Resource Graph matched {total}"),
                )
                .with_help(format!(
                    "a page is missing or was cut short; export the {what} again"
                )),
            );
        }
        errors.extend(page.locator().locate_all(own));
    }
    if errors.is_empty() {
        Ok(pages)
    } else {
        Err(errors)
    }
}

fn pages_error(pointer: &str, message: String) -> Diagnostic {
    Diagnostic::error(Code::AuditResourcePages, pointer, message)
}
