//! Writing generated files: only inside the output directory, all or nothing.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use crate::cli::Failure;

/// Refuses an output directory that exists as something other than a directory.
pub(crate) fn check_directory(out: &Path) -> Result<(), Failure> {
    match std::fs::symlink_metadata(out) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(meta) if meta.file_type().is_symlink() && out.is_dir() => Ok(()),
        Ok(_) => Err(format!("output `{}` exists and is not a directory", out.display()).into()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(format!("cannot use output `{}`: {error}", out.display()).into()),
    }
}

/// The target path of a generated file, refusing anything that would leave `out`.
fn target(out: &Path, relative: &str) -> Result<PathBuf, Failure> {
    let relative_path = Path::new(relative);
    let clean = relative_path
        .components()
        .all(|component| matches!(component, Component::Normal(_)));
    if !clean {
        return Err(format!("refusing to write `{relative}`: not a plain relative path").into());
    }
    // A symbolic link inside `out` could lead a write elsewhere: refuse to follow one.
    let mut current = out.to_path_buf();
    for component in relative_path.components() {
        current.push(component);
        let is_link =
            std::fs::symlink_metadata(&current).is_ok_and(|meta| meta.file_type().is_symlink());
        if is_link {
            return Err(format!(
                "refusing to write through the symbolic link `{}`",
                current.display()
            )
            .into());
        }
    }
    Ok(out.join(relative_path))
}

/// One file that differs between the directory and what would be generated.
#[derive(Debug)]
pub(crate) enum Drift {
    Missing(String),
    Changed(String),
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing(path) => write!(f, "missing: {path}"),
            Self::Changed(path) => write!(f, "changed: {path}"),
        }
    }
}

/// Compares the files with what is on disk; reads only.
pub(crate) fn drift(out: &Path, files: &BTreeMap<String, String>) -> Result<Vec<Drift>, Failure> {
    let mut drift = Vec::new();
    for (relative, text) in files {
        let path = target(out, relative)?;
        match std::fs::read(&path) {
            Ok(bytes) if bytes == text.as_bytes() => {}
            Ok(_) => drift.push(Drift::Changed(relative.clone())),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                drift.push(Drift::Missing(relative.clone()));
            }
            Err(error) => return Err(format!("cannot read `{}`: {error}", path.display()).into()),
        }
    }
    Ok(drift)
}

/// What a write did.
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// Files whose content changed (or that are new), relative to the directory.
    pub changed: Vec<String>,
}

/// Writes every file that differs, all or nothing.
///
/// Each new content goes to a temporary file beside its target first; only when all of them
/// are written and synced are they renamed over their targets. A failure before that point
/// removes the temporary files and leaves the directory as it was.
pub(crate) fn write_all(out: &Path, files: &BTreeMap<String, String>) -> Result<Written, Failure> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create `{}`: {e}", out.display()))?;
    let mut staged: Vec<(PathBuf, PathBuf, String)> = Vec::new();
    let result = stage(out, files, &mut staged);
    if let Err(error) = result {
        for (temporary, _, _) in &staged {
            let _ = std::fs::remove_file(temporary);
        }
        return Err(error);
    }
    let mut written = Written::default();
    for (temporary, path, relative) in staged {
        std::fs::rename(&temporary, &path)
            .map_err(|e| format!("cannot move `{}` into place: {e}", path.display()))?;
        written.changed.push(relative);
    }
    Ok(written)
}

fn stage(
    out: &Path,
    files: &BTreeMap<String, String>,
    staged: &mut Vec<(PathBuf, PathBuf, String)>,
) -> Result<(), Failure> {
    let process = std::process::id();
    for (relative, text) in files {
        let path = target(out, relative)?;
        if std::fs::read(&path).is_ok_and(|bytes| bytes == text.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary = path.with_file_name(format!(".{name}.mlzone-{process}.tmp"));
        write_synced(&temporary, text.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        staged.push((temporary, path, relative.clone()));
    }
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
