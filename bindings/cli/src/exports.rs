//! Reading an export folder, as `mlzone audit --print-commands` lays it out, into the
//! model's [`Exports`]: one folder per environment holding `role-assignments.json` (or the
//! Resource Graph pages `role-assignments/page-N.json`), `role-definitions.json` and
//! `resources/page-N.json`. The one place that reads exports
//! from disk: the command line and the Python binding both call [`read_exports`].

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use mlzone_model::audit::{
    EnvironmentExports, ExportFile, Exports, RESOURCES_FOLDER, ROLE_ASSIGNMENTS_FILE,
    ROLE_ASSIGNMENTS_FOLDER, ROLE_DEFINITIONS_FILE,
};
use mlzone_model::{Code, Diagnostic};

/// The largest export file read, as the model's limit: 1 GiB.
const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// Reads every export under `folder`. Entries that are not folders, and folders whose name
/// starts with a dot, are skipped; an environment's other files are ignored. Fails with
/// every file that cannot be read (missing folder, invalid UTF-8, too large, a gap in the
/// Resource Graph pages), each naming the file.
pub fn read_exports(folder: &Path) -> Result<Exports, Vec<Diagnostic>> {
    let shown = folder.display().to_string();
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) => {
            return Err(vec![unreadable(
                &shown,
                &error,
                "run the commands of `mlzone audit --print-commands` to write the exports",
            )]);
        }
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| vec![unreadable(&shown, &error, "")])?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !entry.path().is_dir() {
            continue;
        }
        names.push(name);
    }
    names.sort();
    let mut errors = Vec::new();
    let mut environments = BTreeMap::new();
    for name in names {
        let directory = folder.join(&name);
        let mut exports = EnvironmentExports::default();
        let mut read = |file: &str| -> Option<ExportFile> {
            let path = directory.join(file);
            if !path.is_file() {
                return None;
            }
            match read_file(&path) {
                Ok(file) => Some(file),
                Err(error) => {
                    errors.push(*error);
                    None
                }
            }
        };
        exports.role_assignments = read(ROLE_ASSIGNMENTS_FILE);
        exports.role_definitions = read(ROLE_DEFINITIONS_FILE);
        exports.role_assignment_pages =
            read_pages(&directory.join(ROLE_ASSIGNMENTS_FOLDER), &mut errors);
        exports.resources = read_pages(&directory.join(RESOURCES_FOLDER), &mut errors);
        environments.insert(name, exports);
    }
    if errors.is_empty() {
        Ok(Exports { environments })
    } else {
        Err(errors)
    }
}

/// The files of the Resource Graph pages in `folder`, in page order; what cannot be read
/// goes to `errors`.
fn read_pages(folder: &Path, errors: &mut Vec<Diagnostic>) -> Vec<ExportFile> {
    let mut files = Vec::new();
    match pages(folder) {
        Ok(pages) => {
            for page in pages {
                match read_file(&page) {
                    Ok(file) => files.push(file),
                    Err(error) => errors.push(*error),
                }
            }
        }
        Err(error) => errors.push(*error),
    }
    files
}

/// The pages `page-1.json`, `page-2.json`, … of a Resource Graph export, in page order; none
/// when the folder does not exist. A gap in the numbers is an error: the export stopped half
/// way.
fn pages(folder: &Path) -> Result<Vec<std::path::PathBuf>, Box<Diagnostic>> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(Vec::new());
    };
    let mut numbered: BTreeMap<u32, std::path::PathBuf> = BTreeMap::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let number = name
            .strip_prefix("page-")
            .and_then(|rest| rest.strip_suffix(".json"))
            .and_then(|digits| digits.parse::<u32>().ok());
        if let Some(number) = number {
            numbered.insert(number, entry.path());
        }
    }
    for (expected, found) in (1..).zip(numbered.keys()) {
        if expected != *found {
            let missing = folder.join(format!("page-{expected}.json"));
            return Err(Box::new(Diagnostic::error(
                Code::AuditExportMissing,
                "",
                format!(
                    "`{}` is missing: the Resource Graph pages of `{}` stop at page {} and go on at page {found}",
                    missing.display(),
                    folder.display(),
                    expected - 1
                ),
            )
            .with_help(
                "run the export again: its loop writes every page, following each page's `skip_token`",
            )));
        }
    }
    Ok(numbered.into_values().collect())
}

/// Reads one export file as UTF-8 text.
fn read_file(path: &Path) -> Result<ExportFile, Box<Diagnostic>> {
    let shown = path.display().to_string();
    let mut bytes = Vec::new();
    let opened = std::fs::File::open(path).and_then(|file| {
        file.take(MAX_FILE_BYTES.saturating_add(1))
            .read_to_end(&mut bytes)
    });
    if let Err(error) = opened {
        return Err(Box::new(unreadable(&shown, &error, "")));
    }
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_FILE_BYTES {
        return Err(Box::new(
            Diagnostic::error(
                Code::InputTooLarge,
                "",
                format!("`{shown}` is larger than the 1 GiB an export may hold"),
            )
            .with_help("export one subscription per environment folder"),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(ExportFile::new(shown, text)),
        Err(error) => Err(Box::new(
            Diagnostic::error(
                Code::InvalidEncoding,
                "",
                format!(
                    "`{shown}` is not UTF-8 text (invalid byte at offset {})",
                    error.utf8_error().valid_up_to()
                ),
            )
            .with_help("keep the JSON the Azure CLI wrote, without re-encoding it"),
        )),
    }
}

fn unreadable(shown: &str, error: &std::io::Error, help: &str) -> Diagnostic {
    let diagnostic = Diagnostic::error(
        Code::UnreadableInput,
        "",
        format!("cannot read `{shown}`: {error}"),
    );
    if help.is_empty() {
        diagnostic
    } else {
        diagnostic.with_help(help)
    }
}
