//! Human output: safe on a terminal, bounded in size, located where JSON and SARIF locate.

use std::path::Path;

use super::mlzone;

const HEAD: &str =
    "organisation: Contoso\ntenant: 467096de-d9e3-4d6f-89d6-ef231900a05a\nlocation: westeurope\n";

/// Standard error of `mlzone validate` on `text` written to `name`.
fn human(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let output = mlzone().arg("validate").arg(&path).output().unwrap();
    String::from_utf8(output.stderr).unwrap()
}

/// The JSON findings of `mlzone validate` on the file `name` in `dir`.
fn json(dir: &Path, name: &str, format: &str) -> serde_json::Value {
    let output = mlzone()
        .arg("validate")
        .arg(dir.join(name))
        .args(["--format", format])
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The control characters of `text` other than line breaks.
fn controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect()
}

#[test]
fn control_characters_of_the_document_are_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    // A key with control characters, as YAML escapes write them: echoed by the message and the
    // label's pointer.
    let escapes = human(
        dir.path(),
        "keys.yaml",
        &format!("{HEAD}\"bo\\e]0;owned\\a\\x9b2J\\0gus\": 1\nprojects:\n  - name: churn\n"),
    );
    assert!(escapes.contains("unknown-field"), "{escapes}");
    assert_eq!(controls(&escapes), [], "{escapes}");
    assert!(
        escapes.contains("unknown key `bo\\u{1b}]0;owned\\u{7}\\u{9b}2J\\u{0}gus`"),
        "{escapes}"
    );
    assert!(escapes.contains("at `/bo\\u{1b}]0;owned"), "{escapes}");
    // A role action with control characters, echoed by the rule that reports it.
    let action = human(
        dir.path(),
        "action.yaml",
        &format!(
            "{HEAD}projects:\n  - name: churn\nroles:\n  - name: reviewer\n    description: A role.\n    \
             actions: [\"Contoso.Widgets/\\e[2Jgadgets/read\\a\"]\n"
        ),
    );
    assert!(action.contains("at `/roles/0/actions/0`"), "{action}");
    assert_eq!(controls(&action), [], "{action}");
    // Raw control characters in the text: echoed by the snippet.
    let raw = human(
        dir.path(),
        "raw.yaml",
        &format!("{HEAD}bo\u{1b}[2J\u{7}\u{7f}gus: 1\n"),
    );
    assert!(raw.contains("syntax"), "{raw}");
    assert_eq!(controls(&raw), [], "{raw}");
    assert!(raw.contains("bo\\u{1b}[2J\\u{7}\\u{7f}gus: 1"), "{raw}");
}

/// Command-line arguments and file names echoed in messages are escaped too: an unknown
/// persona or environment, an operation outside the catalog, a path that does not exist,
/// and a stale file found in the output directory.
#[test]
fn control_characters_of_arguments_and_file_names_are_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "x\u{1b}]0;owned\u{7}\u{9b}2J";
    let run = |args: &[&str]| {
        let output = mlzone().args(args).output().unwrap();
        let mut text = String::from_utf8(output.stdout).unwrap();
        text.push_str(&String::from_utf8(output.stderr).unwrap());
        text
    };
    let escaped = "x\\u{1b}]0;owned\\u{7}\\u{9b}2J";
    for args in [
        vec![
            "explain",
            "--persona",
            hostile,
            "--env",
            "dev",
            "--action",
            "a",
        ],
        vec![
            "diff",
            "--persona",
            "data-scientist",
            "--from",
            hostile,
            "--to",
            "dev",
        ],
        vec![
            "explain",
            "--persona",
            "data-scientist",
            "--env",
            "dev",
            "--action",
            hostile,
        ],
        vec!["validate", hostile],
    ] {
        let text = run(&args);
        assert_eq!(controls(&text), [], "{args:?}: {text}");
        assert!(text.contains(escaped), "{args:?}: {text}");
    }
    // A stale file whose name holds control characters.
    let out = dir.path().join("out");
    let out_arg = out.to_str().unwrap();
    run(&["generate", "--target", "docs", "--out", out_arg]);
    let page = std::fs::read_to_string(out.join("docs/README.md")).unwrap();
    std::fs::write(out.join(format!("docs/{hostile}.md")), page).unwrap();
    let text = run(&["generate", "--target", "docs", "--out", out_arg, "--check"]);
    assert!(text.contains("stale:"), "{text}");
    assert_eq!(controls(&text), [], "{text}");
}

#[test]
fn a_finding_on_a_long_line_shows_a_window_of_it() {
    let dir = tempfile::tempdir().unwrap();
    // One line of minified JSON with a thousand duplicate keys.
    let keys: String = (0..1000).map(|n| format!(",\"k\":{n}")).collect();
    let text = format!("{{\"organisation\":\"Contoso\"{keys}}}");
    let stderr = human(dir.path(), "min.json", &text);
    let findings = stderr.matches("duplicate-key").count();
    assert_eq!(findings, 100, "{stderr}");
    // Each finding shows a few hundred characters of the 10 kB line, not all of it.
    let longest = stderr.lines().map(|line| line.chars().count()).max();
    assert!(longest < Some(400), "{longest:?}");
    assert!(stderr.len() < findings * 2_000, "{} bytes", stderr.len());
    // The 100th duplicate is the key before `100`: the window holds it, with an ellipsis for
    // what is cut, and the label points at it.
    let last = stderr.rsplit("duplicate-key").next().unwrap();
    let last = last.split("limit-exceeded").next().unwrap();
    let json = json(dir.path(), "min.json", "json");
    let column = json[99]["location"]["column"].as_u64().unwrap();
    assert!(last.contains(&format!("min.json:1:{column}")), "{last}");
    let lines: Vec<Vec<char>> = last.lines().map(|l| l.chars().collect()).collect();
    let source = lines
        .iter()
        .position(|l| l.starts_with(&[' ', '1', ' ', '│']))
        .unwrap();
    let shown = &lines[source];
    assert!(shown.contains(&'…'), "{last}");
    // The label's `─┬─` is under the `"k"` it points at: the key whose value is 100.
    let at = lines[source + 1].iter().rposition(|&c| c == '┬').unwrap();
    let under: String = shown[at - 1..at + 7].iter().collect();
    assert_eq!(under, "\"k\":100,", "{last}");
}

#[test]
fn human_json_and_sarif_agree_on_lines_and_columns() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        // Multi-byte characters before the finding on its line: columns count characters.
        (
            "wide.yaml",
            format!("{HEAD}tags: {{a: \"😀é中\", \"bad/key<\": y}}\nprojects:\n  - name: churn\n"),
        ),
        // Lines ending in a lone carriage return, which YAML reads as line breaks.
        (
            "cr.yaml",
            format!("{HEAD}bogus: 1\nprojects:\n  - name: churn\n").replace('\n', "\r"),
        ),
        (
            "crlf.yaml",
            format!("{HEAD}bogus: 1\nprojects:\n  - name: churn\n").replace('\n', "\r\n"),
        ),
    ];
    let mut seen = Vec::new();
    for (name, text) in cases {
        let stderr = human(dir.path(), name, &text);
        let json = json(dir.path(), name, "json");
        let location = &json[0]["location"];
        let (line, column) = (location["line"].as_u64(), location["column"].as_u64());
        let sarif = json_sarif(dir.path(), name);
        assert_eq!((sarif.0, sarif.1), (line, column), "{name}");
        let header = format!("{name}:{}:{}", line.unwrap(), column.unwrap());
        assert!(stderr.contains(&header), "{header} in {stderr}");
        seen.push((line.unwrap(), column.unwrap()));
    }
    assert_eq!(seen, [(4, 18), (4, 1), (4, 1)]);
}

/// The line and column of the first SARIF result.
fn json_sarif(dir: &Path, name: &str) -> (Option<u64>, Option<u64>) {
    let sarif = json(dir, name, "sarif");
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    (region["startLine"].as_u64(), region["startColumn"].as_u64())
}
