//! `mlzone audit --from`: exit 0 on a clean estate, 1 on drift, 2 on unusable input; human,
//! JSON and SARIF output.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::{Value, json};

use super::mlzone;

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn enterprise() -> PathBuf {
    repository().join("examples/enterprise.yaml")
}

/// Copies the drifted role assignments into `dir`, with empty exports of custom roles and
/// resources where the fixtures have none.
fn drifted(dir: &Path) -> PathBuf {
    let fixtures = repository().join("tests/fixtures/audit/enterprise-drifted");
    let out = dir.join("drifted");
    for environment in ["dev", "test", "perf", "prod"] {
        let target = out.join(environment);
        std::fs::create_dir_all(target.join("resources")).unwrap();
        let from = fixtures.join(environment);
        std::fs::copy(
            from.join("role-assignments.json"),
            target.join("role-assignments.json"),
        )
        .unwrap();
        let definitions = from.join("role-definitions.json");
        if definitions.is_file() {
            std::fs::copy(&definitions, target.join("role-definitions.json")).unwrap();
        } else {
            std::fs::write(target.join("role-definitions.json"), "[]").unwrap();
        }
        let pages = from.join("resources");
        if pages.is_dir() {
            for page in std::fs::read_dir(pages).unwrap() {
                let page = page.unwrap();
                std::fs::copy(page.path(), target.join("resources").join(page.file_name()))
                    .unwrap();
            }
        } else {
            std::fs::write(
                target.join("resources/page-1.json"),
                r#"{"count": 0, "data": [], "skip_token": null, "total_records": 0}"#,
            )
            .unwrap();
        }
    }
    out
}

/// The exports of the enterprise example deployed as mlzone generates it: role assignments,
/// custom role definitions and Resource Graph pages (written from the generated ARM by the
/// tests of `tests/tests/it/audit.rs`, which keep them true).
fn clean() -> PathBuf {
    repository().join("tests/fixtures/audit/enterprise-clean")
}

#[test]
fn a_clean_estate_exits_0() {
    let folder = clean();
    mlzone()
        .args(["audit", "--from"])
        .arg(&folder)
        .arg(enterprise())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("no drift found"));
}

#[test]
fn drift_exits_1_with_each_finding_located() {
    let dir = tempfile::tempdir().unwrap();
    let folder = drifted(dir.path());
    let output = mlzone()
        .args(["audit", "--from"])
        .arg(&folder)
        .arg(enterprise())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stderr).unwrap();
    assert!(
        text.contains("error[audit-assignment-privileged] prod: data scientist `amara`"),
        "{text}"
    );
    assert!(text.contains("prod/role-assignments.json:"), "{text}");
    assert!(
        text.contains("= document: /projects/0/data-scientists/0"),
        "{text}"
    );
    assert!(
        text.contains("warning[audit-assignment-missing] dev:"),
        "{text}"
    );
    assert!(
        text.contains("the estate has drifted from the document"),
        "{text}"
    );
    // --quiet keeps the errors only.
    let quiet = mlzone()
        .args(["audit", "--quiet", "--from"])
        .arg(&folder)
        .arg(enterprise())
        .output()
        .unwrap();
    assert_eq!(quiet.status.code(), Some(1));
    let quiet = String::from_utf8(quiet.stderr).unwrap();
    assert!(!quiet.contains("warning["), "{quiet}");
    assert!(
        quiet.contains("error[audit-effective-access] prod"),
        "{quiet}"
    );
}

#[test]
fn drift_as_json_and_sarif() {
    let dir = tempfile::tempdir().unwrap();
    let folder = drifted(dir.path());
    let output = mlzone()
        .args(["audit", "--format", "json", "--from"])
        .arg(&folder)
        .arg(enterprise())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.len() >= 13);
    assert_eq!(report["errors"], json!([]));
    let privileged = findings
        .iter()
        .find(|f| {
            f["code"] == "audit-assignment-privileged" && f["document_path"] == "/environments/3"
        })
        .unwrap();
    assert_eq!(privileged["severity"], "error");
    assert_eq!(privileged["environment"], "prod");
    assert_eq!(privileged["export"]["line"], 2);
    assert!(
        privileged["export"]["file"]
            .as_str()
            .unwrap()
            .ends_with("prod/role-assignments.json")
    );

    let output = mlzone()
        .args(["audit", "--format", "sarif", "--from"])
        .arg(&folder)
        .arg(enterprise())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
}

#[test]
fn a_truncated_export_exits_2_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let folder = drifted(dir.path());
    let file = folder.join("test/role-assignments.json");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, &text[..text.len() / 2]).unwrap();
    mlzone()
        .args(["audit", "--from"])
        .arg(&folder)
        .arg(enterprise())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("test/role-assignments.json:"))
        .stderr(predicate::str::contains("the audit cannot run"));
    let output = mlzone()
        .args(["audit", "--format", "json", "--from"])
        .arg(&folder)
        .arg(enterprise())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["errors"][0]["code"], "syntax");
    assert!(
        report["errors"][0]["location"]["source"]
            .as_str()
            .unwrap()
            .ends_with("test/role-assignments.json")
    );
}

#[test]
fn a_missing_export_exits_2_with_the_command_that_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = drifted(dir.path());
    std::fs::remove_file(folder.join("perf/role-assignments.json")).unwrap();
    std::fs::create_dir(folder.join("staging")).unwrap();
    mlzone()
        .args(["audit", "--from"])
        .arg(&folder)
        .arg(enterprise())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("audit-export-missing"))
        .stderr(predicate::str::contains(
            "az role assignment list --all --include-inherited --subscription 1c217f54-473c-464e-97f5-700e45143a29",
        ))
        .stderr(predicate::str::contains("audit-export-unknown-environment"));
}

#[test]
fn a_missing_folder_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    mlzone()
        .arg("audit")
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read `audit`"));
}

#[test]
fn an_invalid_document_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let folder = drifted(dir.path());
    let path = dir.path().join("estate.yaml");
    std::fs::write(&path, "organisation: [").unwrap();
    mlzone()
        .args(["audit", "--format", "json", "--from"])
        .arg(&folder)
        .arg(&path)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("\"errors\""));
}
