//! Writing files all or nothing: each file is checked and staged as it is rendered, and only
//! when every file is staged are they made durable and moved into place.
//!
//! A [`Stager`] takes the files one at a time (it is the [`FileSink`] that generation renders
//! into, so the output is never held whole in memory). Each target is checked as it comes (a
//! plain relative path, no symbolic link, no directory or file in the way) and compared with
//! the file on disk; a file whose content changes is written into a staging directory inside
//! the output directory at once. [`Stager::commit`] then makes the staged files durable with
//! one sync, moves them into place one by one and syncs the directories that changed. A
//! failure at any point (or a stager dropped without a commit, as when rendering fails)
//! removes the staging directory, puts back the files already replaced and removes the
//! directories created, so the output directory is left as it was.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use mlzone_codegen::{FileSink, RelativePath};

use crate::cli::Failure;

/// What a write did.
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// Files whose content changed (or that are new), relative to the directory, in order.
    pub changed: Vec<String>,
}

/// Writes one staged file; tests put in one that fails.
type WriteFile = fn(&Path, &[u8]) -> std::io::Result<()>;

/// A file whose content changes, staged under its position in the staging directory.
#[derive(Debug)]
struct Change {
    relative: String,
    path: PathBuf,
    /// Whether a file is there now, which a failed run must put back.
    replaces: bool,
}

/// Files checked and staged one at a time, moved into place together by [`Stager::commit`].
#[derive(Debug)]
pub(crate) struct Stager {
    out: PathBuf,
    write: WriteFile,
    /// The staging directory, made when the first file changes.
    staging: Option<PathBuf>,
    /// The directories this run created, in order, for a failed run to remove.
    created: Vec<PathBuf>,
    changes: Vec<Change>,
    /// Every file given, changed or not.
    files: BTreeSet<String>,
    /// Set once the files are in place: nothing is undone after that.
    committed: bool,
}

impl Stager {
    /// A stager for the output directory `out`; nothing is written until a file changes.
    pub(crate) fn new(out: &Path) -> Self {
        Self::with_writer(out, write_staged)
    }

    fn with_writer(out: &Path, write: WriteFile) -> Self {
        Self {
            out: out.to_path_buf(),
            write,
            staging: None,
            created: Vec::new(),
            changes: Vec::new(),
            files: BTreeSet::new(),
            committed: false,
        }
    }

    /// Every file given so far, by its path relative to the output directory.
    pub(crate) fn files(&self) -> &BTreeSet<String> {
        &self.files
    }

    /// Checks the target of `relative` and stages `text` when it differs from the file there.
    pub(crate) fn add(&mut self, relative: &str, text: &str) -> Result<(), Failure> {
        self.files.insert(relative.to_owned());
        let Some(change) = check(&self.out, relative, text)? else {
            return Ok(());
        };
        let staging = self.staging()?;
        (self.write)(
            &staging.join(self.changes.len().to_string()),
            text.as_bytes(),
        )
        .map_err(|e| format!("cannot write `{}`: {e}", change.path.display()))?;
        self.changes.push(change);
        Ok(())
    }

    /// The staging directory, made (with the output directory) on first use.
    fn staging(&mut self) -> Result<PathBuf, Failure> {
        if let Some(staging) = &self.staging {
            return Ok(staging.clone());
        }
        create_dirs(&self.out, &mut self.created)?;
        let staging = self
            .out
            .join(format!(".mlzone-staging-{}", std::process::id()));
        std::fs::create_dir(&staging)
            .map_err(|e| format!("cannot create `{}`: {e}", staging.display()))?;
        self.staging = Some(staging.clone());
        Ok(staging)
    }

    /// Makes the staged files durable, moves them into place and syncs the directories that
    /// changed; on a failure before the last move, leaves the directory as it was.
    pub(crate) fn commit(mut self) -> Result<Written, Failure> {
        let Some(staging) = self.staging.clone() else {
            self.committed = true;
            return Ok(Written::default());
        };
        sync_staged(&staging).map_err(|e| format!("cannot sync `{}`: {e}", staging.display()))?;
        move_into_place(&staging, &self.changes, &mut self.created)?;
        self.committed = true;
        let _ = std::fs::remove_dir_all(&staging);
        sync_directories(&self.out, &self.changes, &self.created)?;
        let mut changed: Vec<String> = self.changes.drain(..).map(|c| c.relative).collect();
        changed.sort_unstable();
        Ok(Written { changed })
    }
}

impl Drop for Stager {
    /// A stager that was not committed takes back everything it wrote.
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        if let Some(staging) = &self.staging {
            let _ = std::fs::remove_dir_all(staging);
        }
        remove_created(&self.created);
    }
}

impl FileSink for Stager {
    fn put(&mut self, path: RelativePath, content: String) -> Result<(), mlzone_codegen::Error> {
        self.add(path.as_str(), &content)
            .map_err(|failure| mlzone_codegen::Error::Sink {
                message: failure.to_string(),
            })
    }
}

/// Checks the target of `relative` and gives the change when its content differs; reads only.
fn check(out: &Path, relative: &str, text: &str) -> Result<Option<Change>, Failure> {
    let path = super::target(out, relative)?;
    let replaces = match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => {
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
            if bytes == text.as_bytes() {
                return Ok(None);
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
    Ok(Some(Change {
        relative: relative.to_owned(),
        path,
        replaces,
    }))
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

/// Moves every staged file into place, keeping a copy of each file it replaces; on a failure
/// puts back what it moved.
fn move_into_place(
    staging: &Path,
    changes: &[Change],
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

/// Writes a staged file. On Linux it is made durable later, with all the others, by
/// [`sync_staged`]; elsewhere it is synced here.
fn write_staged(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    if cfg!(target_os = "linux") {
        Ok(())
    } else {
        file.sync_all()
    }
}

/// Makes every staged file durable in one call: `syncfs` of the file system that holds the
/// staging directory. One file after another took a journal commit each (BENCHMARKS.md).
#[cfg(target_os = "linux")]
fn sync_staged(staging: &Path) -> std::io::Result<()> {
    let dir = std::fs::File::open(staging)?;
    rustix::fs::syncfs(&dir).map_err(std::io::Error::from)
}

/// Elsewhere [`write_staged`] has synced each file already.
#[cfg(not(target_os = "linux"))]
fn sync_staged(_staging: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Syncs every directory that gained or changed an entry (the parents of the files moved
/// into place and of the directories created), so that the moves survive a power cut.
fn sync_directories(out: &Path, changes: &[Change], created: &[PathBuf]) -> Result<(), Failure> {
    let parents: BTreeSet<&Path> = changes
        .iter()
        .map(|change| change.path.as_path())
        .chain(created.iter().map(PathBuf::as_path))
        .filter_map(Path::parent)
        .filter(|parent| !parent.as_os_str().is_empty())
        .collect();
    for dir in parents {
        sync_directory(dir).map_err(|e| {
            format!(
                "the files are in place in `{}` but `{}` could not be synced: {e}",
                out.display(),
                dir.display()
            )
        })?;
    }
    Ok(())
}

#[cfg(unix)]
fn sync_directory(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

/// Directories cannot be opened for syncing here; the file system orders the moves.
#[cfg(not(unix))]
fn sync_directory(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests;
