use std::collections::BTreeMap;
use std::path::Path;

use super::*;

/// Every path under `dir`, relative to it, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            found.push(
                path.strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
            );
            if path.is_dir() {
                pending.push(path);
            }
        }
    }
    found.sort();
    found
}

fn files(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
    entries
        .iter()
        .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
        .collect()
}

/// Stages every file of `files` and commits them, as `mlzone generate` does.
fn write_all_with(
    out: &Path,
    files: &BTreeMap<String, String>,
    write: WriteFile,
) -> Result<Written, Failure> {
    let mut stager = Stager::with_writer(out, write);
    for (relative, text) in files {
        stager.add(relative, text)?;
    }
    stager.commit()
}

fn write_all(out: &Path, files: &BTreeMap<String, String>) -> Result<Written, Failure> {
    write_all_with(out, files, write_staged)
}

/// A disk that fills up after the temporary file is created and half written.
fn full_disk(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all(&bytes[..bytes.len() / 2])?;
    Err(std::io::Error::other("no space left on device"))
}

#[test]
fn a_failed_write_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deploy");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    let before = listing(&out);
    let files = files(&[("arm/a.json", "{}\n"), ("bicep/main.bicep", "x\n")]);
    let error = write_all_with(&out, &files, full_disk).unwrap_err();
    assert!(error.to_string().contains("no space left"), "{error}");
    assert_eq!(listing(&out), before);
}

#[test]
fn a_failed_write_into_a_new_directory_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new/deploy");
    let files = files(&[("arm/a.json", "{}\n")]);
    assert!(write_all_with(&out, &files, full_disk).is_err());
    assert_eq!(listing(dir.path()), Vec::<String>::new());
}

#[test]
fn a_failed_move_puts_back_what_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    std::fs::create_dir(out.join("arm")).unwrap();
    std::fs::write(out.join("arm/a.json"), "old\n").unwrap();
    let mut stager = Stager::new(out);
    stager.add("arm/a.json", "new\n").unwrap();
    stager.add("docs/b.md", "b\n").unwrap();
    // Something gets in the way after the checks: the second move fails.
    std::fs::write(out.join("docs"), "in the way").unwrap();
    assert!(stager.commit().is_err());
    assert_eq!(
        std::fs::read_to_string(out.join("arm/a.json")).unwrap(),
        "old\n"
    );
    assert_eq!(listing(out), ["arm", "arm/a.json", "docs"]);
}

/// A render that fails after some files were staged (the stager is dropped uncommitted)
/// leaves the directory as it was.
#[test]
fn an_abandoned_stager_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new/deploy");
    let mut stager = Stager::new(&out);
    stager.add("arm/a.json", "{}\n").unwrap();
    assert!(out.exists());
    drop(stager);
    assert_eq!(listing(dir.path()), Vec::<String>::new());
}

/// A target that cannot be written is refused when its file comes, however many files were
/// staged before it, and nothing is moved into place.
#[test]
fn a_refused_target_after_staged_files_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    std::fs::create_dir_all(out.join("docs/b.md")).unwrap();
    let mut stager = Stager::new(out);
    stager.add("arm/a.json", "{}\n").unwrap();
    let error = stager.add("docs/b.md", "b\n").unwrap_err();
    assert!(error.to_string().contains("it is a directory"), "{error}");
    drop(stager);
    assert_eq!(listing(out), ["docs", "docs/b.md"]);
}

#[test]
fn writes_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deploy");
    let files = files(&[("arm/a.json", "{}\n"), ("docs/b.md", "b\n")]);
    let written = write_all(&out, &files).unwrap();
    assert_eq!(written.changed, ["arm/a.json", "docs/b.md"]);
    assert_eq!(listing(&out), ["arm", "arm/a.json", "docs", "docs/b.md"]);
    let written = write_all(&out, &files).unwrap();
    assert!(written.changed.is_empty());
}

/// Files come in the order they are rendered; what was written is listed in path order.
#[test]
fn lists_what_changed_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut stager = Stager::new(dir.path());
    stager.add("docs/b.md", "b\n").unwrap();
    stager.add("arm/a.json", "{}\n").unwrap();
    assert_eq!(stager.files().len(), 2);
    let written = stager.commit().unwrap();
    assert_eq!(written.changed, ["arm/a.json", "docs/b.md"]);
}
