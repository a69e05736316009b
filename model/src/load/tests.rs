//! Loader tests: one `check` helper renders the outcome of loading a text as compact JSON.

use serde::Deserialize;

use super::*;
use crate::source::Span;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
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

#[test]
fn explore() {
    let cases = [
        (Format::Yaml, "name: x\ntenant: 0b0e1a57-0000-4000-8000-000000000001\nprojects:\n  - name: a\n    network: private\n    restrction: restricted\n"),
        (Format::Yaml, "name: x\ntenant: 0b0e1a57-0000-4000-8000-000000000001\nprojects:\n  - name: a\n    restriction: restricted\n"),
        (Format::Yaml, "name: x\ntenant: abc\n"),
        (Format::Yaml, "name: x\ntenant: 0b0e1a57-0000-4000-8000-000000000001\nenabled: yes\n"),
        (Format::Yaml, "name: x\ntenant: 0b0e1a57-0000-4000-8000-000000000001\nprojects:\n  - name: a\n    network: privat\n    max-nodes: 300\n"),
        (Format::Json, "{\"name\": \"x\", \"tenant\": \"0b0e1a57-0000-4000-8000-000000000001\", \"projects\": [{\"name\": \"a\", \"network\": \"private\", \"restrction\": 1}]}"),
        (Format::Json, "{\"name\": \"x\", \"tenant\": \"0b0e1a57-0000-4000-8000-000000000001\", \"projects\": [{\"name\": \"a\"}]}"),
        (Format::Toml, "name = \"x\"\ntenant = \"0b0e1a57-0000-4000-8000-000000000001\"\n[[projects]]\nname = \"a\"\nnetwork = \"private\"\nrestrction = 1\n"),
        (Format::Toml, "name = \"x\"\ntenant = \"0b0e1a57-0000-4000-8000-000000000001\"\n[[projects]]\nname = \"a\"\n"),
    ];
    for (format, text) in cases {
        println!("{}", check(format, text));
    }
    let source = Source::new("in", cases[0].1);
    let source2 = Source::new("in", "name: x\ntenant: \"0b0e1a57-0000-4000-8000-000000000001\"\nprojects:\n  - name: a\n    network: private\n    tags: [a, 'b']\n  - {name: b, network: public}\n");
    for source in [source2] {
        let mut map = super::yaml::walk(&source, &Limits::default()).unwrap();
        println!("{map:?}");
        let _ = &mut map;
    }
    let _ = source;
    panic!();
}
