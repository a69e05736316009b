//! The validator's rule catalog, fixture by fixture: every case of
//! `tests/fixtures/invalid/<case>/estate.yaml` loads, and its findings are snapshotted as JSON
//! (code, severity, path, line, column, the text of the span, message). The folder is named
//! after the code the case is about, which must be among the findings.

use std::path::{Path, PathBuf};

use mlzone_model::validate::{Report, check, rules, validate};
use mlzone_model::{Code, Diagnostic, Limits, load_estate};
use serde_json::{Value, json};

fn render(diagnostic: &Diagnostic, text: &str) -> Value {
    let (line, column, span) = match &diagnostic.location {
        Some(location) => {
            let span: String = text
                .get(location.offset..location.offset + location.length)
                .expect("the span lies inside the input")
                .chars()
                .take(60)
                .collect();
            (Some(location.line), Some(location.column), Some(span))
        }
        None => (None, None, None),
    };
    json!({
        "code": diagnostic.code,
        "severity": diagnostic.severity,
        "path": diagnostic.path,
        "line": line,
        "column": column,
        "span": span,
        "message": diagnostic.message,
    })
}

fn check_case(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let case = path
        .parent()
        .and_then(Path::file_name)
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let name = format!("invalid/{case}/estate.yaml");
    let limits = Limits {
        max_bytes: 4 * 1024 * 1024,
        ..Limits::default()
    };
    let loaded = load_estate(&name, text.as_bytes(), None, &limits)
        .unwrap_or_else(|e| panic!("{case} does not load: {e:#?}"));
    let report = Report {
        diagnostics: loaded.located.locate(check(&loaded.estate).diagnostics),
    };
    let code: Code = case
        .parse()
        .unwrap_or_else(|_| panic!("`{case}` names no code"));
    assert!(
        report.diagnostics.iter().any(|d| d.code == code),
        "{case}: no `{case}` among {:#?}",
        report.diagnostics
    );
    for diagnostic in &report.diagnostics {
        assert!(
            diagnostic.location.is_some(),
            "{case}: not located: {diagnostic}"
        );
        assert!(!diagnostic.message.contains('\n'), "{diagnostic}");
        assert!(!diagnostic.message.ends_with('.'), "{diagnostic}");
        assert!(
            diagnostic
                .message
                .chars()
                .next()
                .is_some_and(|c| !c.is_uppercase()),
            "{diagnostic}"
        );
    }
    // Snapshot the first findings of each code (large fixtures repeat one finding many times).
    let mut shown: Vec<Value> = Vec::new();
    let mut per_code = std::collections::BTreeMap::<Code, usize>::new();
    for diagnostic in &report.diagnostics {
        let count = per_code.entry(diagnostic.code).or_default();
        *count += 1;
        if *count <= 5 {
            shown.push(render(diagnostic, &text));
        }
    }
    Value::Array(shown)
}

#[test]
fn invalid_estates() {
    insta::glob!("../../../tests/fixtures/invalid", "*/estate.yaml", |path| {
        insta::assert_json_snapshot!(check_case(path));
    });
}

#[test]
fn every_rule_has_a_fixture() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/invalid");
    for info in rules() {
        let case = dir.join(info.code.as_str()).join("estate.yaml");
        assert!(case.exists(), "no fixture for `{}`", info.code);
    }
}

#[test]
fn the_rule_catalog() {
    let catalog: Vec<String> = rules()
        .map(|info| {
            format!(
                "{} ({}): {}",
                info.code, info.default_severity, info.summary
            )
        })
        .collect();
    insta::assert_snapshot!(catalog.join("\n"));
}

#[test]
fn every_code() {
    use strum::IntoEnumIterator;
    let codes: Vec<&str> = Code::iter().map(Code::as_str).collect();
    insta::assert_snapshot!(codes.join("\n"));
}

#[test]
fn examples_validate_without_error() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "yaml") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let loaded = load_estate(&name, &bytes, None, &Limits::default()).unwrap();
        match validate(loaded.estate) {
            Ok(validated) => {
                assert!(validated.report().diagnostics.iter().all(|d| !d.is_error()));
            }
            Err(rejected) => panic!("{name}: {:#?}", rejected.report().diagnostics),
        }
        seen += 1;
    }
    assert!(seen >= 5);
    let default = mlzone_model::load_default().unwrap();
    assert!(validate(default.estate).is_ok());
}

#[test]
fn json_report_is_a_list_of_diagnostics() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/invalid/promotion-cycle/estate.yaml"),
    )
    .unwrap();
    let loaded = load_estate("estate.yaml", text.as_bytes(), None, &Limits::default()).unwrap();
    let report = Report {
        diagnostics: loaded.located.locate(check(&loaded.estate).diagnostics),
    };
    let json = serde_json::to_value(&report).unwrap();
    let first = &json["diagnostics"][0];
    assert_eq!(first["code"], "promotion-cycle");
    assert_eq!(first["severity"], "error");
    assert!(first["location"]["line"].is_u64());
}

/// Every pointer of every finding of every fixture and example, related places included,
/// names an item the document has: no finding points at a key the author did not write.
#[test]
fn every_finding_points_at_an_item_of_its_document() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut documents: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/invalid"))
        .unwrap()
        .map(|entry| entry.unwrap().path().join("estate.yaml"))
        .collect();
    documents.extend(
        std::fs::read_dir(root.join("examples"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "yaml")),
    );
    documents.sort();
    let limits = Limits {
        max_bytes: 4 * 1024 * 1024,
        ..Limits::default()
    };
    let mut checked = 0;
    let mut dangling = Vec::new();
    for path in &documents {
        let text = std::fs::read_to_string(path).unwrap();
        let loaded = load_estate("estate.yaml", text.as_bytes(), None, &limits).unwrap();
        let map = &loaded.located.map;
        for diagnostic in check(&loaded.estate).diagnostics {
            let pointers = std::iter::once(&diagnostic.path)
                .chain(diagnostic.related.iter().map(|related| &related.path));
            for pointer in pointers {
                if map.value_span(pointer).is_none() && map.key_span(pointer).is_none() {
                    dangling.push(format!("{}: `{pointer}`: {diagnostic}", path.display()));
                }
                checked += 1;
            }
        }
    }
    assert!(dangling.is_empty(), "{dangling:#?}");
    assert!(checked > 50, "{checked}");
}

/// A default persona without groups is not in the document: its `missing-group` finding points
/// at the document's root (not at a key it does not have) and its help says where to add it.
#[test]
fn missing_group_of_a_default_persona_says_where_to_add_it() {
    let text = "organisation: Contoso\ntenant: 467096de-d9e3-4d6f-89d6-ef231900a05a\n\
                location: westeurope\npreset: public-restricted\nprojects:\n  - name: churn\n";
    let loaded = load_estate("estate.yaml", text.as_bytes(), None, &Limits::default()).unwrap();
    let diagnostics = loaded.located.locate(check(&loaded.estate).diagnostics);
    let findings: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.code == Code::MissingGroup)
        .collect();
    assert_eq!(findings.len(), 5, "{findings:#?}");
    for finding in findings {
        assert_eq!(finding.path, "", "{finding:#?}");
        let help = finding.help.as_deref().unwrap();
        assert!(
            help.contains("is a default persona: add it under `personas:`"),
            "{help}"
        );
        assert_eq!(finding.location.as_ref().unwrap().line, 1);
    }
}
