//! Writing files all or nothing: every check first, then a staging directory, then the moves.
//!
//! Nothing is written until every target has been checked (a plain relative path, no
//! symbolic link, no directory or file in the way). The new contents are then written into a
//! staging directory inside the output directory and moved into place one by one; a failure
//! at any point removes the staging directory, puts back the files already replaced and
//! removes the directories created, so the output directory is left as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::cli::Failure;

/// What a write did.
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// Files whose content changed (or that are new), relative to the directory.
    pub changed: Vec<String>,
}

/// Writes one staged file; tests put in one that fails.
type WriteFile = fn(&Path, &[u8]) -> std::io::Result<()>;

/// Writes every file that differs, all or nothing.
pub(crate) fn write_all(out: &Path, files: &BTreeMap<String, String>) -> Result<Written, Failure> {
    write_all_with(out, files, write_synced)
}

/// A file whose content changes.
#[derive(Debug)]
struct Change<'a> {
    relative: &'a str,
    path: PathBuf,
    text: &'a str,
    /// Whether a file is there now, which a failed run must put back.
    replaces: bool,
}

fn write_all_with(
    out: &Path,
    files: &BTreeMap<String, String>,
    write: WriteFile,
) -> Result<Written, Failure> {
    let changes = plan(out, files)?;
    if changes.is_empty() {
        return Ok(Written::default());
    }
    let mut created = Vec::new();
    create_dirs(out, &mut created)?;
    let staging = out.join(format!(".mlzone-staging-{}", std::process::id()));
    let result = std::fs::create_dir(&staging)
        .map_err(|e| format!("cannot create `{}`: {e}", staging.display()).into())
        .and_then(|()| stage(&staging, &changes, write))
        .and_then(|()| commit(&staging, &changes, &mut created));
    let _ = std::fs::remove_dir_all(&staging);
    if result.is_err() {
        remove_created(&created);
    }
    result?;
    Ok(Written {
        changed: changes.iter().map(|c| c.relative.to_owned()).collect(),
    })
}

/// Checks every target and keeps the files whose content changes; reads only.
fn plan<'a>(out: &Path, files: &'a BTreeMap<String, String>) -> Result<Vec<Change<'a>>, Failure> {
    let mut changes = Vec::new();
    for (relative, text) in files {
        let path = super::target(out, relative)?;
        let replaces = match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => {
                let bytes = std::fs::read(&path)
                    .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
                if bytes == text.as_bytes() {
                    continue;
                }
                true
            }
            Ok(meta) => {
                let what = if meta.is_dir() {
                    "a directory"
                } else {
                    "not a regular file"
                };
                return Err(format!("refusing to write `{}`: it is {what}", path.display()).into());
            }
            Err(error) => {
                // A file where a folder belongs makes the target "not a directory", not missing.
                check_ancestors(out, &path)?;
                if error.kind() != std::io::ErrorKind::NotFound {
                    return Err(format!("cannot use `{}`: {error}", path.display()).into());
                }
                false
            }
        };
        changes.push(Change {
            relative,
            path,
            text,
            replaces,
        });
    }
    Ok(changes)
}

/// Refuses a target whose folders inside `out` exist as something other than directories.
fn check_ancestors(out: &Path, path: &Path) -> Result<(), Failure> {
    for ancestor in path.ancestors().skip(1) {
        if ancestor == out || !ancestor.starts_with(out) {
            break;
        }
        match std::fs::symlink_metadata(ancestor) {
            Ok(meta) if !meta.is_dir() => {
                return Err(format!(
                    "refusing to write `{}`: `{}` is not a directory",
                    path.display(),
                    ancestor.display()
                )
                .into());
            }
            _ => {}
        }
    }
    Ok(())
}

/// Writes each new content into the staging directory, named by its position.
fn stage(staging: &Path, changes: &[Change<'_>], write: WriteFile) -> Result<(), Failure> {
    for (index, change) in changes.iter().enumerate() {
        write(&staging.join(index.to_string()), change.text.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", change.path.display()))?;
    }
    Ok(())
}

/// Moves every staged file into place, keeping a copy of each file it replaces; on a failure
/// puts back what it moved.
fn commit(
    staging: &Path,
    changes: &[Change<'_>],
    created: &mut Vec<PathBuf>,
) -> Result<(), Failure> {
    let mut done: Vec<(&Path, Option<PathBuf>)> = Vec::new();
    let result = changes.iter().enumerate().try_for_each(|(index, change)| {
        if let Some(parent) = change.path.parent() {
            create_dirs(parent, created)?;
        }
        let backup = if change.replaces {
            let backup = staging.join(format!("{index}.old"));
            keep_copy(&change.path, &backup)
                .map_err(|e| format!("cannot keep a copy of `{}`: {e}", change.path.display()))?;
            Some(backup)
        } else {
            None
        };
        std::fs::rename(staging.join(index.to_string()), &change.path)
            .map_err(|e| format!("cannot move `{}` into place: {e}", change.path.display()))?;
        done.push((&change.path, backup));
        Ok::<(), Failure>(())
    });
    if result.is_err() {
        for (path, backup) in done.into_iter().rev() {
            let _ = match backup {
                Some(backup) => std::fs::rename(backup, path),
                None => std::fs::remove_file(path),
            };
        }
    }
    result
}

/// A copy of `path` at `backup`: a hard link where the file system allows one.
fn keep_copy(path: &Path, backup: &Path) -> std::io::Result<()> {
    std::fs::hard_link(path, backup).or_else(|_| std::fs::copy(path, backup).map(|_| ()))
}

/// Creates `dir` and its missing parents, recording each directory it creates.
fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|ancestor| !ancestor.as_os_str().is_empty() && !ancestor.exists())
        .collect();
    for ancestor in missing.into_iter().rev() {
        std::fs::create_dir(ancestor)
            .map_err(|e| format!("cannot create `{}`: {e}", ancestor.display()))?;
        created.push(ancestor.to_path_buf());
    }
    Ok(())
}

/// Removes the directories a failed run created, deepest first; only empty ones go.
fn remove_created(created: &[PathBuf]) {
    for dir in created.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests;
