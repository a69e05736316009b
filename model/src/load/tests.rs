//! Loader tests: one `check` helper renders the outcome of loading a text as compact JSON.

use serde::Deserialize;

use super::*;
use crate::source::Span;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[expect(dead_code, reason = "the tests check loading, not the loaded values")]
struct Estate {
    name: String,
    tenant: Guid,
    #[serde(default)]
    enabled: bool,
    #[serde(default)]
    projects: Vec<Project>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[expect(dead_code, reason = "the tests check loading, not the loaded values")]
struct Project {
    name: String,
    network: Network,
    #[serde(default)]
    restriction: Option<Restriction>,
    #[serde(default)]
    max_nodes: Option<u8>,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Network {
    Public,
    Private,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Restriction {
    Restricted,
    Unrestricted,
}

/// A GUID, checked on the way in.
#[derive(Debug, Deserialize)]
#[serde(try_from = "String")]
struct Guid(#[allow(dead_code)] String);

impl TryFrom<String> for Guid {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        let groups: Vec<usize> = value.split('-').map(str::len).collect();
        let hex = value.chars().all(|c| c == '-' || c.is_ascii_hexdigit());
        if hex && groups == [8, 4, 4, 4, 12] {
            Ok(Self(value))
        } else {
            Err(format!("`{value}` is not a GUID"))
        }
    }
}

/// Loads `text` as an [`Estate`] and renders the outcome: `ok` with the number of located
/// items, or one compact JSON line per diagnostic with the text its location covers.
fn check(format: Format, text: &str) -> String {
    check_with(format, text, &Limits::default())
}

fn check_with(format: Format, text: &str, limits: &Limits) -> String {
    let source = Source::new("in", text);
    match parse::<Estate>(source.clone(), format, limits) {
        Ok(parsed) => format!("ok: {} items", parsed.located.map.len()),
        Err(diagnostics) => diagnostics
            .iter()
            .map(|diagnostic| render(&source, diagnostic))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn render(source: &Source, diagnostic: &Diagnostic) -> String {
    let mut value = serde_json::json!({
        "code": diagnostic.code,
        "path": diagnostic.path,
        "message": diagnostic.message,
    });
    if let Some(location) = &diagnostic.location {
        let span = Span::new(location.offset, location.length);
        value["at"] = format!("{}:{}", location.line, location.column).into();
        value["text"] = source.slice(span).unwrap_or("<outside>").into();
    }
    if let Some(help) = &diagnostic.help {
        value["help"] = help.as_str().into();
    }
    for related in &diagnostic.related {
        if let Some(location) = &related.location {
            value["related"] = format!("{}:{}", location.line, location.column).into();
        }
    }
    value.to_string()
}

const TENANT: &str = "0b0e1a57-0000-4000-8000-000000000001";

/// Renders a table of cases, one block per case, for one file snapshot.
fn table(cases: &[(&str, Format, &str)]) -> String {
    render_table(cases, check)
}

fn table_with(cases: &[(&str, Format, &str)], limits: &Limits) -> String {
    render_table(cases, |format, text| check_with(format, text, limits))
}

fn render_table(cases: &[(&str, Format, &str)], check: impl Fn(Format, &str) -> String) -> String {
    cases
        .iter()
        .map(|(name, format, text)| {
            let text = text.replace("{tenant}", TENANT);
            format!("=== {name} ({format})\n{}\n", check(*format, &text))
        })
        .collect()
}

#[test]
fn yaml_cases() {
    insta::assert_snapshot!(table(&[
        (
            "valid",
            Format::Yaml,
            "name: x\ntenant: {tenant}\nenabled: true\nprojects:\n  - name: a\n    network: private\n    restriction: restricted\n    max-nodes: 4\n    tags: [a, 'b']\n  - {name: b, network: public}\n"
        ),
        (
            "unknown key",
            Format::Yaml,
            "name: x\ntenant: {tenant}\nprojects:\n  - name: a\n    network: private\n    restrction: restricted\n"
        ),
        (
            "unknown key at the top level",
            Format::Yaml,
            "name: x\ntenant: {tenant}\nzzz: 1\n"
        ),
        (
            "missing key",
            Format::Yaml,
            "name: x\ntenant: {tenant}\nprojects:\n  - name: a\n    restriction: restricted\n"
        ),
        (
            "list where a string is expected",
            Format::Yaml,
            "name: [a, b]\ntenant: {tenant}\n"
        ),
        (
            "mapping where a list is expected",
            Format::Yaml,
            "name: x\ntenant: {tenant}\nprojects: {a: 1}\n"
        ),
        ("root is a list", Format::Yaml, "- a\n- b\n"),
        (
            "null where a string is expected",
            Format::Yaml,
            "name:\ntenant: {tenant}\n"
        ),
        (
            "bad enum value",
            Format::Yaml,
            "name: x\ntenant: {tenant}\nprojects:\n  - name: a\n    network: privat\n"
        ),
        (
            "integer out of range",
            Format::Yaml,
            "name: x\ntenant: {tenant}\nprojects:\n  - name: a\n    network: public\n    max-nodes: 300\n"
        ),
        (
            "not a number",
            Format::Yaml,
            "name: x\ntenant: {tenant}\nprojects:\n  - name: a\n    network: public\n    max-nodes: many\n"
        ),
        (
            "custom error from a newtype",
            Format::Yaml,
            "name: x\ntenant: abc\n"
        ),
        (
            "strict booleans: yes is not true",
            Format::Yaml,
            "name: x\ntenant: {tenant}\nenabled: yes\n"
        ),
        (
            "strict booleans: on stays a string",
            Format::Yaml,
            "name: on\ntenant: {tenant}\n"
        ),
        (
            "duplicate keys, all reported",
            Format::Yaml,
            "name: x\ntenant: {tenant}\nname: y\nprojects:\n  - name: a\n    network: public\n    name: b\n"
        ),
        ("syntax error", Format::Yaml, "name: [x\ntenant: {tenant}\n"),
        ("bad indentation", Format::Yaml, "name: x\n  tenant: y\n"),
        ("empty file", Format::Yaml, ""),
        ("comments only", Format::Yaml, "# nothing here\n\n# yet\n"),
        ("document marker only", Format::Yaml, "---\n"),
        (
            "two documents",
            Format::Yaml,
            "name: x\ntenant: {tenant}\n---\nname: y\n"
        ),
        (
            "small aliases are fine",
            Format::Yaml,
            "name: &n x\ntenant: {tenant}\nprojects:\n  - &p {name: a, network: public}\n  - *p\n"
        ),
        (
            "unknown alias",
            Format::Yaml,
            "name: *nope\ntenant: {tenant}\n"
        ),
        (
            "application tag",
            Format::Yaml,
            "name: !secret x\ntenant: {tenant}\n"
        ),
        (
            "unicode before the error",
            Format::Yaml,
            "name: \"ünïcödé\"\ntenant: {tenant}\nprojects:\n  - name: ça\n    network: privé\n"
        ),
    ]));
}

#[test]
fn json_cases() {
    insta::assert_snapshot!(table(&[
        (
            "valid",
            Format::Json,
            r#"{"name": "x", "tenant": "{tenant}", "enabled": true, "projects": [{"name": "a", "network": "private", "tags": ["a", "b\"c"]}, {"name": "b", "network": "public"}]}"#
        ),
        (
            "unknown key",
            Format::Json,
            r#"{"name": "x", "tenant": "{tenant}", "projects": [{"name": "a", "network": "private", "restrction": "restricted"}]}"#
        ),
        (
            "missing key",
            Format::Json,
            "{\n  \"name\": \"x\",\n  \"tenant\": \"{tenant}\",\n  \"projects\": [{\"name\": \"a\"}]\n}"
        ),
        (
            "wrong type",
            Format::Json,
            r#"{"name": 5, "tenant": "{tenant}"}"#
        ),
        (
            "strict booleans",
            Format::Json,
            r#"{"name": "x", "tenant": "{tenant}", "enabled": "yes"}"#
        ),
        (
            "bad enum value",
            Format::Json,
            r#"{"name": "x", "tenant": "{tenant}", "projects": [{"name": "a", "network": "privat"}]}"#
        ),
        (
            "integer out of range",
            Format::Json,
            r#"{"name": "x", "tenant": "{tenant}", "projects": [{"name": "a", "network": "public", "max-nodes": -1}]}"#
        ),
        (
            "custom error from a newtype",
            Format::Json,
            r#"{"name": "x", "tenant": "abc"}"#
        ),
        (
            "duplicate keys, all reported",
            Format::Json,
            "{\"name\": \"x\",\n \"name\": \"y\",\n \"tenant\": \"{tenant}\", \"tenant\": \"{tenant}\"}"
        ),
        (
            "escaped keys are compared decoded",
            Format::Json,
            r#"{"name": "x", "n\u0061me": "y", "tenant": "{tenant}"}"#
        ),
        (
            "trailing comma",
            Format::Json,
            "{\"name\": \"x\",\n \"tenant\": \"{tenant}\",\n}"
        ),
        ("unterminated string", Format::Json, "{\"name\": \"x"),
        (
            "bad literal",
            Format::Json,
            r#"{"name": "x", "tenant": "{tenant}", "enabled": tru}"#
        ),
        (
            "trailing garbage",
            Format::Json,
            r#"{"name": "x", "tenant": "{tenant}"} x"#
        ),
        ("empty file", Format::Json, "  \n"),
        ("root is a list", Format::Json, "[1, 2]"),
        (
            "deep nesting",
            Format::Json,
            &format!("{}{}", "[".repeat(100), "]".repeat(100))
        ),
    ]));
}

#[test]
fn toml_cases() {
    insta::assert_snapshot!(table(&[
        (
            "valid",
            Format::Toml,
            "name = \"x\"\ntenant = \"{tenant}\"\nenabled = true\n\n[[projects]]\nname = \"a\"\nnetwork = \"private\"\ntags = [\"a\", 'b']\n\n[[projects]]\nname = \"b\"\nnetwork = \"public\"\n"
        ),
        (
            "unknown key",
            Format::Toml,
            "name = \"x\"\ntenant = \"{tenant}\"\n[[projects]]\nname = \"a\"\nnetwork = \"private\"\nrestrction = 1\n"
        ),
        (
            "missing key",
            Format::Toml,
            "name = \"x\"\ntenant = \"{tenant}\"\n[[projects]]\nname = \"a\"\n"
        ),
        (
            "missing key at the top level",
            Format::Toml,
            "# estate\nname = \"x\"\n"
        ),
        (
            "wrong type",
            Format::Toml,
            "name = \"x\"\ntenant = \"{tenant}\"\nenabled = \"yes\"\n"
        ),
        (
            "bad enum value",
            Format::Toml,
            "name = \"x\"\ntenant = \"{tenant}\"\nprojects = [{ name = \"a\", network = \"privat\" }]\n"
        ),
        (
            "integer out of range",
            Format::Toml,
            "name = \"x\"\ntenant = \"{tenant}\"\n[[projects]]\nname = \"a\"\nnetwork = \"public\"\nmax-nodes = 256\n"
        ),
        (
            "custom error from a newtype",
            Format::Toml,
            "name = \"x\"\ntenant = \"abc\"\n"
        ),
        (
            "duplicate key",
            Format::Toml,
            "name = \"x\"\nname = \"y\"\ntenant = \"{tenant}\"\n"
        ),
        ("syntax error", Format::Toml, "name = \"x\ntenant = 1\n"),
        (
            "several syntax errors",
            Format::Toml,
            "name = \ntenant = \n"
        ),
        ("empty file", Format::Toml, ""),
        ("comments only", Format::Toml, "# nothing\n"),
        (
            "deep nesting",
            Format::Toml,
            &format!("a = {}1{}", "[".repeat(70), "]".repeat(70))
        ),
    ]));
}

#[test]
fn limits() {
    let limits = Limits {
        max_depth: 3,
        max_string_length: 40,
        max_alias_expansions: 25,
        ..Limits::default()
    };
    insta::assert_snapshot!(table_with(
        &[
            (
                "yaml depth 3 is fine",
                Format::Yaml,
                "name: x\ntenant: {tenant}\nprojects:\n  - name: a\n    network: public\n"
            ),
            (
                "yaml depth 4",
                Format::Yaml,
                "name: x\ntenant: {tenant}\nprojects:\n  - name: a\n    network: public\n    tags: [[a]]\n"
            ),
            (
                "json depth 4",
                Format::Json,
                r#"{"projects": [{"tags": [[]]}]}"#
            ),
            ("toml depth 4", Format::Toml, "[[projects]]\ntags = [[1]]\n"),
            (
                "yaml long strings, all reported",
                Format::Yaml,
                "name: abcdefghijabcdefghijabcdefghijabcdefghijk\ntenant: {tenant}\nprojects:\n  - name: a\n    network: public\n    name: \"abcdefghijabcdefghijabcdefghijabcdefghijk\"\n"
            ),
            (
                "json long key",
                Format::Json,
                r#"{"abcdefghijabcdefghijabcdefghijabcdefghijk": 1}"#
            ),
            (
                "toml long string",
                Format::Toml,
                "name = \"abcdefghijabcdefghijabcdefghijabcdefghijk\"\n"
            ),
        ],
        &limits,
    ));
}

/// Loads `text` into any value, so alias expansion is not cut short by an unknown key.
fn check_any(text: &str, limits: &Limits) -> String {
    let source = Source::new("in", text);
    match parse::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(
        source.clone(),
        Format::Yaml,
        limits,
    ) {
        Ok(parsed) => format!("ok: {} items", parsed.located.map.len()),
        Err(diagnostics) => diagnostics
            .iter()
            .map(|diagnostic| render(&source, diagnostic))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[test]
fn aliases() {
    let laughs: String = std::iter::once("a: &a [x, x, x, x, x, x, x, x, x, x]\n".to_owned())
        .chain(
            ("bcdefghi")
                .chars()
                .zip("abcdefgh".chars())
                .map(|(name, previous)| {
                    let list = vec![format!("*{previous}"); 10].join(", ");
                    format!("{name}: &{name} [{list}]\n")
                }),
        )
        .collect();
    let small = Limits {
        max_alias_expansions: 25,
        ..Limits::default()
    };
    insta::assert_snapshot!(
        [
            check_any(&laughs, &Limits::default()),
            check_any(
                "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [*a, *a]\n",
                &small
            ),
            check_any(
                "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [*a, *a, *a]\n",
                &small
            ),
            check_any(
                "a: &a {b: 1}\nc: *a\nd: {<<: *a, e: 2}\n",
                &Limits::default()
            ),
        ]
        .join("\n")
    );
}

#[test]
fn source_maps_agree_across_formats() {
    let documents = [
        (
            Format::Yaml,
            "name: x\ntenant: \"{tenant}\"\nprojects:\n  - name: a\n    network: private\n    tags: [a, 'b']\n  - {name: b, network: public}\n",
        ),
        (
            Format::Json,
            "{\"name\": \"x\", \"tenant\": \"{tenant}\", \"projects\": [\n  {\"name\": \"a\", \"network\": \"private\", \"tags\": [\"a\", \"b\"]},\n  {\"name\": \"b\", \"network\": \"public\"}\n]}\n",
        ),
        (
            Format::Toml,
            "name = \"x\"\ntenant = \"{tenant}\"\n[[projects]]\nname = \"a\"\nnetwork = \"private\"\ntags = [\"a\", 'b']\n[[projects]]\nname = \"b\"\nnetwork = \"public\"\n",
        ),
    ];
    let pointers = [
        "",
        "/name",
        "/tenant",
        "/projects",
        "/projects/0",
        "/projects/0/name",
        "/projects/0/network",
        "/projects/0/tags",
        "/projects/0/tags/0",
        "/projects/0/tags/1",
        "/projects/1",
        "/projects/1/network",
    ];
    let mut out = String::new();
    for (format, text) in documents {
        let text = text.replace("{tenant}", TENANT);
        let parsed = parse::<Estate>(Source::new("in", text), format, &Limits::default()).unwrap();
        let source = parsed.located.source.as_ref().unwrap();
        out.push_str(&format!("=== {format}\n"));
        for pointer in pointers {
            let show = |span: Option<Span>| match span {
                Some(span) => {
                    let (line, column) = source.line_column(span.offset);
                    format!("{line}:{column} {:?}", source.slice(span).unwrap())
                }
                None => "-".to_owned(),
            };
            out.push_str(&format!(
                "{pointer:22} key {:18} value {}\n",
                show(parsed.located.map.key_span(pointer)),
                show(parsed.located.map.value_span(pointer)),
            ));
        }
    }
    insta::assert_snapshot!(out);
}

#[test]
fn decoding() {
    let limits = Limits {
        max_bytes: 16,
        ..Limits::default()
    };
    let render_decode = |bytes: &[u8]| match decode("in", bytes, &limits) {
        Ok(source) => format!("ok: {:?}", source.text),
        Err(diagnostic) => {
            let location = diagnostic.location.as_ref().unwrap();
            format!(
                "{} at {} (offset {}, length {}): {}",
                diagnostic.code, location, location.offset, location.length, diagnostic.message
            )
        }
    };
    insta::assert_snapshot!(
        [
            render_decode(b"name: x\n"),
            render_decode(b"\xEF\xBB\xBFname: x\n"),
            render_decode(b"a: 1\nname: \xC3x\n"),
            render_decode(b"\xFF\xFEn\x00"),
            render_decode(b"name: a very long value\n"),
        ]
        .join("\n")
    );
}

#[test]
fn input_too_large_in_parse() {
    let limits = Limits {
        max_bytes: 4,
        ..Limits::default()
    };
    insta::assert_snapshot!(check_with(Format::Yaml, "name: x\n", &limits));
}

#[test]
fn formats() {
    let show = |result: Result<Format, Diagnostic>| match result {
        Ok(format) => format.to_string(),
        Err(diagnostic) => render(&Source::new("in", ""), &diagnostic),
    };
    insta::assert_snapshot!(
        [
            show(format_for("estate.yaml", None)),
            show(format_for("dir.v2/estate.YML", None)),
            show(format_for("estate.toml", None)),
            show(format_for("estate.json", None)),
            show(format_for("estate.txt", Some(Format::Json))),
            show(format_for("estate.txt", None)),
            show(format_for("estate", None)),
            show(format_named("TOML")),
            show(format_named("ini")),
        ]
        .join("\n")
    );
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    const VALID_YAML: &str = "name: x\ntenant: 0b0e1a57-0000-4000-8000-000000000001\nenabled: true\nprojects:\n  - name: a\n    network: private\n    tags: [a, 'b', \"c\"]\n  - &p {name: b, network: public}\n  - *p\n";
    const VALID_JSON: &str = r#"{"name": "x", "tenant": "0b0e1a57-0000-4000-8000-000000000001", "projects": [{"name": "a", "network": "private", "tags": ["a", "b\n"]}]}"#;
    const VALID_TOML: &str = "name = \"x\"\ntenant = \"0b0e1a57-0000-4000-8000-000000000001\"\n[[projects]]\nname = \"a\"\nnetwork = \"private\"\ntags = [\"a\", 'b', { c = 1 }]\n";

    /// Every diagnostic location lies inside the text: its line exists, its column is at most
    /// one past the line's last character, and its span ends inside the text.
    fn assert_located_inside(
        text: &str,
        result: &Result<Parsed<serde::de::IgnoredAny>, Vec<Diagnostic>>,
    ) {
        let Err(diagnostics) = result else { return };
        assert!(!diagnostics.is_empty());
        let lines = lines_of(text);
        for diagnostic in diagnostics {
            let location = diagnostic
                .location
                .as_ref()
                .unwrap_or_else(|| panic!("unlocated: {diagnostic:?}"));
            assert!(
                location.line >= 1 && location.line <= lines.len(),
                "{diagnostic:?}"
            );
            let line = &lines[location.line - 1];
            assert!(
                location.column >= 1 && location.column <= line.chars().count() + 1,
                "{diagnostic:?}"
            );
            assert!(
                location.offset + location.length <= text.len(),
                "{diagnostic:?}"
            );
        }
    }

    /// The lines of `text` as locations count them: ended by LF, CRLF or a lone CR (the CR
    /// of a CRLF stays one character of its line, as columns count it).
    fn lines_of(text: &str) -> Vec<String> {
        let text = text.replace("\r\n", "\u{1}\n").replace('\r', "\n");
        text.split('\n').map(str::to_owned).collect()
    }

    fn check_all_formats(text: &str) {
        for format in [Format::Yaml, Format::Json, Format::Toml] {
            let result =
                parse::<serde::de::IgnoredAny>(Source::new("in", text), format, &Limits::default());
            assert_located_inside(text, &result);
            let typed = parse::<Estate>(Source::new("in", text), format, &Limits::default());
            if let Err(diagnostics) = typed {
                assert!(
                    diagnostics.iter().all(|d| d.location.is_some()),
                    "{diagnostics:?}"
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
            check_all_formats(&text);
        }

        #[test]
        fn structural_text_never_panics(text in "[-\\[\\]{}:,&*!|>'\"#\\n a-z0-9=.]{0,120}") {
            check_all_formats(&text);
        }

        #[test]
        fn mutated_documents_never_panic(
            which in 0usize..3,
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
        ) {
            let (base, format) = [(VALID_YAML, Format::Yaml), (VALID_JSON, Format::Json), (VALID_TOML, Format::Toml)][which];
            let mut bytes = base.as_bytes().to_vec();
            for (index, byte, kind) in edits {
                let at = index.index(bytes.len().max(1)).min(bytes.len());
                match kind {
                    0 if at < bytes.len() => bytes[at] = byte,
                    1 => bytes.insert(at, byte),
                    _ if at < bytes.len() => { bytes.remove(at); }
                    _ => {}
                }
            }
            match decode("in", &bytes, &Limits::default()) {
                Ok(source) => {
                    let text = source.text.clone();
                    let result = parse::<Estate>(source, format, &Limits::default());
                    if let Err(diagnostics) = &result {
                        let lines = lines_of(&text);
                        for diagnostic in diagnostics {
                            let location = diagnostic.location.as_ref().unwrap();
                            prop_assert!(location.line >= 1 && location.line <= lines.len());
                            prop_assert!(location.column <= lines[location.line - 1].chars().count() + 1);
                            prop_assert!(location.offset + location.length <= text.len());
                        }
                    }
                }
                Err(diagnostic) => prop_assert!(diagnostic.location.is_some()),
            }
        }
    }
}

#[test]
fn a_flood_of_problems_is_cut_short() {
    let yaml = format!("name: x\ntags:\n{}", "  a: b\n".repeat(500));
    let toml = format!("name = \"x\"\n{}", "= broken\n".repeat(500));
    for (format, text) in [(Format::Yaml, yaml), (Format::Toml, toml)] {
        let source = Source::new("in", text);
        let diagnostics = parse::<Estate>(source, format, &Limits::default()).unwrap_err();
        assert_eq!(
            diagnostics.len(),
            super::spans::MAX_DIAGNOSTICS + 1,
            "{format:?}"
        );
        let last = diagnostics.last().unwrap();
        assert_eq!(last.code, Code::LimitExceeded);
        assert!(
            last.message
                .ends_with("more problems are not shown after the first 100"),
            "{}",
            last.message
        );
        assert!(last.location.is_some());
    }
}

#[test]
fn a_toml_datetime_where_a_string_belongs_is_called_a_datetime() {
    let text = format!("name = 1979-05-27T07:32:00Z\ntenant = \"{TENANT}\"\n");
    let outcome = check(Format::Toml, &text);
    assert!(
        outcome.contains("expected a string, found a datetime"),
        "{outcome}"
    );
    assert!(
        outcome.contains(r#""text":"1979-05-27T07:32:00Z""#),
        "{outcome}"
    );
    // An inline table is still a mapping.
    let outcome = check(Format::Toml, "name = { a = 1 }\n");
    assert!(outcome.contains("found a mapping"), "{outcome}");
}

#[test]
fn deep_flow_nesting_is_too_deep_at_any_depth() {
    for depth in [70, 300, 5000] {
        let (open, close) = ("[".repeat(depth), "]".repeat(depth));
        for (format, text) in [
            (Format::Yaml, format!("name: {open}{close}\n")),
            (
                Format::Yaml,
                format!("name: {}\n", "{a: ".repeat(depth) + &"}".repeat(depth)),
            ),
            (Format::Json, format!("{{\"name\": {open}{close}}}")),
            (Format::Toml, format!("name = {open}{close}\n")),
        ] {
            let outcome = check(format, &text);
            assert!(
                outcome.starts_with(r#"{"code":"nesting-too-deep""#)
                    && outcome.lines().count() == 1,
                "{format} at depth {depth}: {outcome}"
            );
        }
    }
}

/// The YAML reader's node budget follows the size limit: a document within the limit but
/// denser in nodes than a quarter of it is too large, with the code (and exit status) of an
/// oversized one.
#[test]
fn the_node_budget_follows_the_size_limit() {
    let limits = Limits {
        max_bytes: 64 * 1024,
        ..Limits::default()
    };
    // 20,001 nodes in 40 KiB: more than the 16,384 a 64 KiB limit allows.
    let text = format!("a: [{}0]\n", "0,".repeat(20_000));
    type Any = std::collections::BTreeMap<String, serde::de::IgnoredAny>;
    let diagnostics =
        parse::<Any>(Source::new("in", text.as_str()), Format::Yaml, &limits).unwrap_err();
    let first = &diagnostics[0];
    assert_eq!(first.code, Code::InputTooLarge, "{first}");
    assert!(first.code.is_unusable_input());
    assert!(first.message.ends_with("too many nodes"), "{first}");
    assert_eq!(
        first.help.as_deref(),
        Some("split the document or raise the size limit")
    );
    assert!(parse::<Any>(Source::new("in", text), Format::Yaml, &Limits::default()).is_ok());
}
