//! `generate --out`: all or nothing, never into `/` or the home directory, stale files found.

use std::path::Path;

use predicates::prelude::*;

use super::mlzone;

/// Every path under `dir`, relative to it with `/`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(dir).unwrap();
            found.push(
                relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
            if path.is_dir() {
                pending.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn a_conflict_in_a_later_target_writes_nothing() {
    // `docs/README.md` is a directory: the docs target cannot be written, so neither may
    // `arm/` and `bicep/`, which come before it.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deploy");
    std::fs::create_dir_all(out.join("docs/README.md")).unwrap();
    std::fs::write(out.join("docs/README.md/notes.txt"), "mine").unwrap();
    let before = listing(&out);
    mlzone()
        .arg("generate")
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("README.md"));
    assert_eq!(listing(&out), before);
}

#[test]
fn a_file_in_the_way_of_a_folder_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deploy");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("pipeline"), "mine").unwrap();
    mlzone()
        .arg("generate")
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a directory"));
    assert_eq!(listing(&out), ["pipeline"]);
}

#[test]
fn the_file_system_root_is_refused() {
    // --check reads only, so the test is safe even where the refusal is missing.
    mlzone()
        .args(["generate", "--out", "/", "--check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the root of the file system"));
}

#[test]
fn the_home_directory_is_refused() {
    let home = tempfile::tempdir().unwrap();
    mlzone()
        .env("HOME", home.path())
        .env("USERPROFILE", home.path())
        .arg("generate")
        .arg("--out")
        .arg(home.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the home directory itself"));
    assert!(listing(home.path()).is_empty());
}

/// The current user's home directory as the user database has it (`None` where there is none).
fn home_from_passwd() -> Option<std::path::PathBuf> {
    let uid = std::process::Command::new("id").arg("-u").output().ok()?;
    let uid = String::from_utf8(uid.stdout).ok()?;
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    let home = passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        (fields.get(2) == Some(&uid.trim())).then(|| fields.get(5).map(|h| (*h).to_owned()))?
    })?;
    std::fs::canonicalize(home).ok()
}

#[test]
fn the_home_directory_is_refused_when_home_is_unset() {
    // A service runs without `HOME`; the user database still knows the home directory.
    // `--check` writes nothing, so the test is safe without the fix too.
    let Some(home) = home_from_passwd() else {
        return;
    };
    mlzone()
        .env_remove("HOME")
        .env_remove("USERPROFILE")
        .arg("generate")
        .arg("--check")
        .arg("--out")
        .arg(&home)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the home directory itself"));
}

#[test]
fn stale_generated_files_are_drift_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deploy");
    mlzone()
        .arg("generate")
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    // Files of a project and an environment the document no longer has, and files of one's own.
    std::fs::copy(
        out.join("docs/projects/churn.md"),
        out.join("docs/projects/retired.md"),
    )
    .unwrap();
    std::fs::create_dir_all(out.join("arm/staging")).unwrap();
    std::fs::copy(
        out.join("arm/dev/azuredeploy.json"),
        out.join("arm/staging/azuredeploy.json"),
    )
    .unwrap();
    std::fs::write(out.join("docs/notes.md"), "# Our notes\n").unwrap();
    std::fs::write(out.join("arm/extra.json"), "{}\n").unwrap();

    mlzone()
        .arg("generate")
        .arg("--out")
        .arg(&out)
        .arg("--check")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("stale: docs/projects/retired.md"))
        .stderr(predicate::str::contains(
            "stale: arm/staging/azuredeploy.json",
        ))
        .stderr(predicate::str::contains("notes.md").not())
        .stderr(predicate::str::contains("extra.json").not());
    // Only the folders of the chosen targets are looked at.
    mlzone()
        .args(["generate", "--target", "bicep", "--check", "--out"])
        .arg(&out)
        .assert()
        .success();

    mlzone()
        .arg("generate")
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("stale: docs/projects/retired.md"))
        .stderr(predicate::str::contains(
            "stale: arm/staging/azuredeploy.json",
        ))
        .stderr(predicate::str::contains("no longer produces them"));
    // Listed, never deleted.
    assert!(out.join("docs/projects/retired.md").exists());
}

/// A `.bicepparam` carries the generated marker, so one the document no longer produces (an
/// environment split into fewer deployments) is found like any other stale file.
#[test]
fn a_stale_bicepparam_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deploy");
    mlzone()
        .args(["generate", "--target", "bicep", "--out"])
        .arg(&out)
        .assert()
        .success();
    std::fs::copy(
        out.join("bicep/dev/main.bicepparam"),
        out.join("bicep/dev/main-2.bicepparam"),
    )
    .unwrap();
    mlzone()
        .args(["generate", "--target", "bicep", "--check", "--out"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "stale: bicep/dev/main-2.bicepparam",
        ));
}
