//! Checks the public API of mlzone's published crates against the listings kept in
//! `tests/public-api/snapshots/`, one item per line, as the `public-api` crate lists them.
//!
//! Usage: `mlzone-public-api JSON_DIR SNAPSHOT_DIR CRATE...`, where `JSON_DIR` holds each
//! crate's rustdoc JSON (`cargo rustdoc -p CRATE --lib -- -Z unstable-options
//! --output-format json`, see `scripts/public-api.sh`). With `MLZONE_UPDATE_API=1` the
//! snapshots are written instead of compared. Exit status: 0 unchanged (or updated), 1 an
//! API differs from its snapshot, 2 the check could not run.

mod diff;

use std::fmt::Write as _;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::{env, fs};

use diff::{Change, changes};

/// The rustdoc JSON format versions this check reads. public-api 0.51 is built on
/// rustdoc-types 0.56 (format 56). Format 57, which Rust 1.95 writes, only adds
/// `ExternalCrate::path`, a field the listing never reads and serde skips; a later format
/// may change what the listing reads, so it is refused rather than misread.
const FORMATS: RangeInclusive<u32> = 56..=57;

/// The one command that accepts a changed API.
const ACCEPT: &str = "MLZONE_UPDATE_API=1 bash scripts/public-api.sh";

/// Only the field that says how to read the rest.
#[derive(serde::Deserialize)]
struct Header {
    format_version: u32,
}

/// What the check found for one crate.
enum Outcome {
    Unchanged,
    Written,
    Changed(String),
}

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let [json_dir, snapshots, crates @ ..] = args.as_slice() else {
        eprintln!("usage: mlzone-public-api JSON_DIR SNAPSHOT_DIR CRATE...");
        return ExitCode::from(2);
    };
    if crates.is_empty() {
        eprintln!("usage: mlzone-public-api JSON_DIR SNAPSHOT_DIR CRATE...");
        return ExitCode::from(2);
    }
    let update = env::var_os("MLZONE_UPDATE_API").is_some_and(|value| value == "1");
    match run(Path::new(json_dir), Path::new(snapshots), crates, update) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// Checks (or writes) every crate's snapshot; `Ok(false)` when an API differs.
fn run(json_dir: &Path, snapshots: &Path, crates: &[String], update: bool) -> Result<bool, String> {
    let mut clean = true;
    for name in crates {
        let json = json_dir.join(format!("{}.json", name.replace('-', "_")));
        let listing = listing(&json)?;
        let snapshot = snapshots.join(format!("{name}.txt"));
        match compare(name, &snapshot, &listing, update)? {
            Outcome::Unchanged => {
                println!(
                    "{name}: public API unchanged ({} items)",
                    listing.lines().count()
                );
            }
            Outcome::Written => println!("{name}: snapshot written to {}", snapshot.display()),
            Outcome::Changed(report) => {
                print!("{report}");
                clean = false;
            }
        }
    }
    let stale = stale_snapshots(snapshots, crates)?;
    for path in &stale {
        if update {
            fs::remove_file(path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            println!(
                "removed {}, the snapshot of a crate no longer checked",
                path.display()
            );
        } else {
            println!(
                "{} is the snapshot of a crate no longer checked",
                path.display()
            );
            clean = false;
        }
    }
    if !clean {
        println!();
        println!(
            "The public API differs from tests/public-api/snapshots. If that is intended, accept it:"
        );
        println!("    {ACCEPT}");
        println!(
            "then review `git diff tests/public-api/snapshots` and commit it with the change."
        );
    }
    Ok(clean)
}

/// The public API of the crate documented in `json`, one item per line, sorted.
fn listing(json: &Path) -> Result<String, String> {
    let text = fs::read_to_string(json)
        .map_err(|e| format!("cannot read the rustdoc JSON {}: {e}", json.display()))?;
    let header: Header = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not rustdoc JSON: {e}", json.display()))?;
    if !FORMATS.contains(&header.format_version) {
        return Err(format!(
            "{} is rustdoc JSON format {}; this check reads formats {} to {} \
             (update `public-api` in tests/public-api/Cargo.toml to the version for it)",
            json.display(),
            header.format_version,
            FORMATS.start(),
            FORMATS.end()
        ));
    }
    let api = public_api::Builder::from_rustdoc_json(json)
        // `impl<T> From<T> for T`, `Any`, `Borrow` and their kin: the same for every type.
        .omit_blanket_impls(true)
        .build()
        .map_err(|e| format!("cannot list the public API in {}: {e}", json.display()))?;
    Ok(api.to_string())
}

/// Compares a crate's listing with its snapshot, or writes the snapshot.
fn compare(name: &str, snapshot: &Path, listing: &str, update: bool) -> Result<Outcome, String> {
    let old = match fs::read_to_string(snapshot) {
        Ok(old) => Some(old),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("cannot read {}: {e}", snapshot.display())),
    };
    if old.as_deref() == Some(listing) {
        return Ok(Outcome::Unchanged);
    }
    if update {
        fs::write(snapshot, listing)
            .map_err(|e| format!("cannot write {}: {e}", snapshot.display()))?;
        return Ok(Outcome::Written);
    }
    let Some(old) = old else {
        return Ok(Outcome::Changed(format!(
            "{name}: no snapshot of its public API ({} is missing)\n",
            snapshot.display()
        )));
    };
    Ok(Outcome::Changed(report(name, &changes(&old, listing))))
}

/// The readable account of a crate's changed API.
fn report(name: &str, changes: &[Change<'_>]) -> String {
    let removed = changes
        .iter()
        .filter(|c| matches!(c, Change::Removed(_)))
        .count();
    let added = changes.len() - removed;
    let mut out = String::new();
    if changes.is_empty() {
        let _ = writeln!(
            out,
            "{name}: the same items as the snapshot, listed differently"
        );
        return out;
    }
    let kind = if removed > 0 {
        "breaking: items removed or changed"
    } else {
        "additive"
    };
    let _ = writeln!(
        out,
        "{name}: public API changed ({kind}; {removed} line(s) removed, {added} added)"
    );
    for change in changes {
        let _ = writeln!(out, "    {}", change.line());
    }
    out
}

/// Snapshots in `snapshots` whose crate is not in `crates`.
fn stale_snapshots(snapshots: &Path, crates: &[String]) -> Result<Vec<PathBuf>, String> {
    let entries =
        fs::read_dir(snapshots).map_err(|e| format!("cannot list {}: {e}", snapshots.display()))?;
    let mut stale = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", snapshots.display()))?
            .path();
        let crate_name = path.file_stem().and_then(|stem| stem.to_str());
        let is_snapshot = path.extension().is_some_and(|ext| ext == "txt");
        if is_snapshot && !crate_name.is_some_and(|name| crates.iter().any(|c| c == name)) {
            stale.push(path);
        }
    }
    stale.sort();
    Ok(stale)
}
