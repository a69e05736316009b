//! Writing generated files: only inside the output directory, all or nothing.
//!
//! `write` stages each file as it is rendered and commits them together; `stale` finds generated files the
//! document no longer produces.

mod stale;
mod write;

use std::fmt;
use std::path::{Component, Path, PathBuf};

use crate::cli::Failure;

pub(crate) use stale::stale;
pub(crate) use write::Stager;

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

/// Refuses the root of the file system and the home directory itself as an output directory:
/// generated folders would land among the system's or the user's own.
pub(crate) fn check_not_special(out: &Path) -> Result<(), Failure> {
    // A directory that does not exist yet is neither.
    let Ok(canonical) = std::fs::canonicalize(out) else {
        return Ok(());
    };
    let help = "help: give --out a directory of its own, such as `deploy/`";
    if canonical.parent().is_none() {
        return Err(format!(
            "refusing to write into `{}`, the root of the file system\n  {help}",
            out.display()
        )
        .into());
    }
    // The variables first, then the user database (`HOME` may be unset in a service).
    let home = ["HOME", "USERPROFILE"]
        .into_iter()
        .filter_map(std::env::var_os)
        .filter(|home| !home.is_empty())
        .map(std::path::PathBuf::from)
        .chain(std::env::home_dir())
        .filter_map(|home| std::fs::canonicalize(home).ok());
    for home in home {
        if home == canonical {
            return Err(format!(
                "refusing to write into `{}`, the home directory itself\n  {help}",
                out.display()
            )
            .into());
        }
    }
    Ok(())
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
    /// A file carrying mlzone's generated marker that the document no longer produces.
    Stale(String),
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing(path) => write!(f, "missing: {path}"),
            Self::Changed(path) => write!(f, "changed: {path}"),
            Self::Stale(path) => write!(f, "stale: {path}"),
        }
    }
}

/// Compares the files with what is on disk; reads only.
pub(crate) fn drift(
    out: &Path,
    files: &std::collections::BTreeMap<String, String>,
) -> Result<Vec<Drift>, Failure> {
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
