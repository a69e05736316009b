//! Bad input: a clear message, the right exit code, nothing written.

use std::path::PathBuf;

use predicates::prelude::*;

use super::mlzone;

fn invalid_document(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("bad.yaml");
    std::fs::write(
        &path,
        "organisation: Contoso\ntenant: 467096de-d9e3-4d6f-89d6-ef231900a05a\nlocation: westeurope\nprojects:\n  - name: churn\n    restrction: restricted\n",
    )
    .unwrap();
    path
}

#[test]
fn missing_file() {
    mlzone()
        .args(["validate", "does-not-exist.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`does-not-exist.yaml` does not exist",
        ));
}

#[test]
fn directory_instead_of_file() {
    let dir = tempfile::tempdir().unwrap();
    mlzone()
        .arg("validate")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory, not a document"));
}

#[test]
fn unreadable_file() {
    // A path through a regular file cannot be read, whoever runs the test.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    mlzone()
        .arg("validate")
        .arg(file.join("estate.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read"));
}

#[test]
fn invalid_document_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = invalid_document(dir.path());
    mlzone()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown key `restrction`"))
        .stderr(predicate::str::contains("bad.yaml:6:5"))
        .stderr(predicate::str::contains("did you mean `restriction`?"));
}

#[test]
fn syntax_error_is_unusable_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.yaml");
    std::fs::write(&path, "organisation: [\n").unwrap();
    mlzone().arg("validate").arg(&path).assert().code(2);
}

#[test]
fn invalid_document_generates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = invalid_document(dir.path());
    let out = dir.path().join("deploy");
    mlzone()
        .arg("generate")
        .arg(&path)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    assert!(
        !out.exists(),
        "nothing may be written for an invalid document"
    );
}

#[test]
fn output_directory_that_is_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deploy");
    std::fs::write(&out, "not a directory").unwrap();
    mlzone()
        .arg("generate")
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exists and is not a directory"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "not a directory");
}

#[cfg(target_os = "linux")]
#[test]
fn unwritable_output_directory() {
    // Nobody, root included, can create a directory in /proc.
    let out = std::path::Path::new("/proc/mlzone-deploy");
    mlzone()
        .arg("generate")
        .arg("--out")
        .arg(out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot create"));
    assert!(!out.exists());
}

#[test]
fn unknown_template_override() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(templates.join("bicep")).unwrap();
    std::fs::write(templates.join("bicep/mian.bicep.tera"), "x").unwrap();
    let out = dir.path().join("deploy");
    mlzone()
        .arg("generate")
        .arg("--out")
        .arg(&out)
        .arg("--templates")
        .arg(&templates)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "does not replace any built-in template",
        ));
    assert!(!out.exists());
}

#[test]
fn unknown_syntax_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("estate.txt");
    std::fs::write(&path, "organisation: x\n").unwrap();
    mlzone()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot tell the format"));
}

#[test]
fn a_finding_about_a_whole_project_shows_the_line_it_starts_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("estate.yaml");
    let project = "  - name: churn\n    description: Predicts churn.\n    network: private\n    \
                   compute:\n      clusters:\n        - vm-size: Standard_DS3_v2\n          \
                   min-nodes: 0\n          max-nodes: 4\n";
    std::fs::write(
        &path,
        format!(
            "organisation: Contoso\ntenant: 467096de-d9e3-4d6f-89d6-ef231900a05a\n\
             location: westeurope\nprojects:\n{project}"
        ),
    )
    .unwrap();
    let output = mlzone().arg("validate").arg(&path).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let finding = stderr
        .split("private-without-private-link")
        .nth(1)
        .expect("the private project has no private link");
    let finding = finding.split("help:").next().unwrap();
    assert!(finding.contains("estate.yaml:5:5"), "{finding}");
    assert!(finding.contains(" 5 │   - name: churn"), "{finding}");
    assert!(finding.contains("at `/projects/0`"), "{finding}");
    // Only the first line of the project is labelled, not its eight lines.
    assert!(!finding.contains("─▶"), "{finding}");
    assert!(!finding.contains("max-nodes"), "{finding}");
}

#[cfg(unix)]
#[test]
fn endless_input_is_refused_after_the_limit() {
    // `/dev/zero` never ends: reading it whole would never finish.
    mlzone()
        .args([
            "validate",
            "/dev/zero",
            "--syntax",
            "yaml",
            "--format",
            "json",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("\"code\": \"input-too-large\""))
        .stdout(predicate::str::contains(
            "is larger than the limit of 16777216 bytes",
        ));
}

#[cfg(unix)]
#[test]
fn oversized_pipe_is_refused() {
    let input = vec![b'#'; 17 * 1024 * 1024];
    mlzone()
        .args(["validate", "/dev/stdin", "--syntax", "yaml"])
        .write_stdin(input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("input-too-large"));
}

/// A size limit given on the command line replaces the default, lower or higher.
#[test]
fn the_size_limit_can_be_lowered_and_raised() {
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/minimal.yaml");
    let text = std::fs::read_to_string(&example).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("estate.yaml");
    std::fs::write(&small, &text).unwrap();
    mlzone()
        .args(["validate", "--format", "json", "--max-input-size", "100"])
        .arg(&small)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "is larger than the limit of 100 bytes",
        ));
    // The same document padded past the default limit with comments.
    let large = dir.path().join("large.yaml");
    let padding = "# padding\n".repeat(17 * 1024 * 1024 / 10);
    std::fs::write(&large, format!("{text}{padding}")).unwrap();
    mlzone()
        .args(["validate", "--format", "json"])
        .arg(&large)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("\"code\": \"input-too-large\""));
    mlzone()
        .args(["validate", "--format", "json", "--max-input-size", "18MiB"])
        .arg(&large)
        .assert()
        .success();
    mlzone()
        .args(["validate", "--max-input-size", "18MB"])
        .arg(&large)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown unit `MB`"));
}

#[test]
fn unreadable_input_is_reported_to_programs() {
    let dir = tempfile::tempdir().unwrap();
    for path in [dir.path().join("missing.yaml"), dir.path().to_path_buf()] {
        let output = mlzone()
            .arg("validate")
            .arg(&path)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(findings.as_array().unwrap().len(), 1, "{findings}");
        assert_eq!(findings[0]["code"], "unreadable-input");
        assert_eq!(findings[0]["severity"], "error");
        assert_eq!(findings[0]["path"], "");
        assert!(findings[0]["message"].as_str().unwrap().contains('`'));

        let output = mlzone()
            .arg("validate")
            .arg(&path)
            .args(["--format", "sarif"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(
            log["runs"][0]["results"][0]["ruleId"], "unreadable-input",
            "{log}"
        );
    }
}
