//! Escaping round trips through the real parsers: for any string, the literal a filter writes
//! reads back as exactly that string.

use std::collections::BTreeSet;

use mlzone_codegen::{Target, Templates, escape, generate};
use mlzone_tests::{arm, bicep, yaml};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;

/// Strings biased towards the characters escaping is about.
fn tricky() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("'".to_owned()),
        Just("\\".to_owned()),
        Just("${".to_owned()),
        Just("$(".to_owned()),
        Just("${{".to_owned()),
        Just("$[".to_owned()),
        Just("$".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("\"".to_owned()),
        Just("\n".to_owned()),
        Just("\r".to_owned()),
        Just("\t".to_owned()),
        Just("//".to_owned()),
        Just("/*".to_owned()),
        Just("*/".to_owned()),
        Just("*".to_owned()),
        Just("/".to_owned()),
        Just("#".to_owned()),
        Just(" ".to_owned()),
        Just("'''".to_owned()),
        Just(": ".to_owned()),
        Just("- ".to_owned()),
        Just("\u{85}\u{2028}\u{feff}".to_owned()),
        any::<char>().prop_map(String::from),
        "[a-z]{1,4}",
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn bicep_string_round_trips(s in tricky()) {
        let literal = escape::bicep_string(&s);
        prop_assert_eq!(bicep::parse_string_literal(&literal), Ok(s));
    }

    #[test]
    fn bicep_string_round_trips_any_string(s in any::<String>()) {
        let literal = escape::bicep_string(&s);
        prop_assert_eq!(bicep::parse_string_literal(&literal), Ok(s));
    }

    #[test]
    fn arm_string_round_trips(s in tricky()) {
        let literal = escape::arm_string(&s);
        let text: String = serde_json::from_str(&literal).unwrap();
        prop_assert_eq!(arm::unliteral(&text), Some(s.as_str()));
    }

    #[test]
    fn arm_expression_string_round_trips(s in tricky()) {
        let inside_json = format!("\"[{}]\"", escape::arm_expression_string(&s));
        let expression: String = serde_json::from_str(&inside_json).unwrap();
        let literal = expression.strip_prefix("['").unwrap().strip_suffix("']").unwrap();
        prop_assert!(!literal.replace("''", "").contains('\''));
        prop_assert_eq!(literal.replace("''", "'"), s);
    }

    /// ARM evaluates a property name `[…]` as it does a value: a tag name reads back as itself.
    #[test]
    fn arm_keys_round_trip(name in prop_oneof![tricky(), any::<String>()]) {
        let text = escape::arm_value(&serde_json::json!({ name.clone(): "v" }));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        prop_assert_eq!(keys.len(), 1);
        prop_assert_eq!(arm::unliteral(keys[0]), Some(name.as_str()));
    }

    #[test]
    fn bicep_keys_round_trip(name in prop_oneof![tricky(), any::<String>()]) {
        let tags = escape::bicep_value(&serde_json::json!({ name.clone(): "v" }), 1);
        let source = format!("var x = {{\n  tags: {tags}\n}}\n");
        prop_assert_eq!(bicep::syntax_errors(&source), vec![], "{}", source);
        prop_assert_eq!(bicep::object_keys_under(&source, "tags"), Ok(vec![vec![name]]));
    }

    #[test]
    fn yaml_string_round_trips(s in tricky()) {
        let literal = escape::yaml_string(&s);
        prop_assert_eq!(yaml::parse_string_literal(&literal), Ok(s));
    }

    #[test]
    fn yaml_string_round_trips_any_string(s in any::<String>()) {
        let literal = escape::yaml_string(&s);
        prop_assert_eq!(yaml::parse_string_literal(&literal), Ok(s));
    }

    /// A flow value reads back as the JSON value it was written from, nested in a mapping.
    #[test]
    fn yaml_value_round_trips(v in json_value()) {
        let document = format!("value: {}\n", escape::yaml_value(&v));
        let read: std::collections::BTreeMap<String, Value> =
            serde_saphyr::from_str(&document).map_err(|e| TestCaseError::fail(format!("{e}: {document}")))?;
        prop_assert_eq!(read.get("value"), Some(&v), "{}", document);
    }

    /// A Mermaid id is a bare id (`n_` and ASCII letters, digits and `_`), and no two strings
    /// share one: neither random pairs nor a plain string spelled like another's id.
    #[test]
    fn mermaid_ids_are_ids_of_one_string(
        s in prop_oneof![tricky(), any::<String>(), "[a-z_]{0,6}"],
        t in prop_oneof![tricky(), any::<String>(), "[a-z_]{0,6}"],
    ) {
        let id = escape::mermaid_id(&s);
        let bare = id.strip_prefix("n_").map(|rest| rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        prop_assert_eq!(bare, Some(true), "{:?} -> {:?}", s, id);
        if s != t {
            prop_assert_ne!(&id, &escape::mermaid_id(&t), "{:?} and {:?}", s, t);
        }
        let spelled = &id[2..];
        if spelled != s {
            prop_assert_ne!(&id, &escape::mermaid_id(spelled), "{:?} and {:?}", s, spelled);
        }
    }

    #[test]
    fn bicep_identifiers_are_identifiers(s in tricky()) {
        let id = escape::bicep_identifier(&s);
        prop_assert!(escape::is_bicep_identifier(&id), "{:?} -> {:?}", s, id);
        let source = format!("var {id} = 1\n");
        prop_assert_eq!(bicep::syntax_errors(&source), vec![]);
    }

    #[test]
    fn bicep_values_parse(v in json_value()) {
        let source = format!("var x = {}\n", escape::bicep_value(&v, 0));
        prop_assert_eq!(bicep::syntax_errors(&source), vec![], "{}", source);
    }

    #[test]
    fn markdown_cells_stay_in_one_cell(s in tricky()) {
        let cell = escape::markdown_text(&s);
        prop_assert!(!cell.contains('\n') && !cell.contains('\r'));
        let unescaped_pipe = cell.match_indices('|').any(|(i, _)| {
            let backslashes = cell[..i].chars().rev().take_while(|&c| c == '\\').count();
            backslashes % 2 == 0
        });
        prop_assert!(!unescaped_pipe, "{:?}", cell);
    }

    /// A description is one paragraph of exactly its text, whatever Markdown it looks like.
    #[test]
    fn markdown_text_is_one_paragraph_of_itself(s in prop_oneof![markdown_tricky(), any::<String>()]) {
        let page = format!("# Project x\n\n{}\n\n| a | b |\n|---|---|\n| c | d |\n", escape::markdown_text(&s));
        let expected = rendered_text(&s);
        let blocks = if expected.is_empty() { vec!["heading", "table"] } else { vec!["heading", "paragraph", "table"] };
        let read = read_markdown(&page);
        prop_assert_eq!(&read.blocks, &blocks, "{}", page);
        prop_assert_eq!(read.paragraphs, if expected.is_empty() { vec![] } else { vec![expected] }, "{}", page);
    }

    /// A code span reads back as its string (line breaks as spaces): in prose with
    /// `markdown_code`, in a table cell with `markdown_cell_code`.
    #[test]
    fn markdown_code_spans_read_back(s in prop_oneof![markdown_tricky(), any::<String>()]) {
        prop_assume!(!s.is_empty());
        let expected: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let prose = format!("Text {} text.\n", escape::markdown_code(&s));
        let read = read_markdown(&prose);
        prop_assert_eq!(&read.blocks, &vec!["paragraph"], "{}", prose);
        prop_assert_eq!(&read.code, &vec![expected.clone()], "{}", prose);
        let table = format!("| a | b |\n|---|---|\n| {} | x |\n", escape::markdown_cell_code(&s));
        let read = read_markdown(&table);
        prop_assert_eq!(&read.blocks, &vec!["table"], "{}", table);
        prop_assert_eq!(&read.code, &vec![expected], "{}", table);
        prop_assert_eq!(read.cells, 4, "{}", table);
    }

    #[test]
    fn mermaid_labels_stay_quoted(s in tricky()) {
        let label = escape::mermaid_label(&s);
        let inner = &label[1..label.len() - 1];
        prop_assert!(!inner.contains('"') && !inner.contains('\n'));
    }

    #[test]
    fn dot_strings_read_back(s in prop_oneof![tricky(), any::<String>()]) {
        let quoted = escape::dot_string(&s);
        let shown = s
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
            .collect::<String>();
        prop_assert_eq!(read_dot(&quoted), Some(shown), "{}", quoted);
    }
}

/// A DOT quoted string read back as Graphviz shows it in a label (`\"` a quote, `\\` a
/// backslash, `\n` a line break), or `None` when it is not one well-formed quoted string:
/// an unescaped quote ends it early, a raw line break or another escape would be read
/// differently.
fn read_dot(quoted: &str) -> Option<String> {
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\n' | '\r' => return None,
            '\\' => match chars.next()? {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                'n' => out.push('\n'),
                _ => return None,
            },
            c => out.push(c),
        }
    }
    Some(out)
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        tricky().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map(tricky(), inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    /// Several literals in one file: a `/*` in one string must not pair with a `*/` in a later one.
    #[test]
    fn bicep_strings_round_trip_side_by_side(items in prop::collection::vec(tricky(), 1..5)) {
        let source: String = items
            .iter()
            .enumerate()
            .map(|(i, s)| format!("var x{i} = {} // note\n", escape::bicep_string(s)))
            .collect();
        prop_assert_eq!(bicep::syntax_errors(&source), vec![], "{}", source);
    }
}

/// The harness reads ARM literals the way ARM does: `[[` escapes, `[…]` is an expression.
#[test]
fn arm_literals_read_back() {
    assert_eq!(arm::unliteral("[[x]"), Some("[x]"));
    assert_eq!(arm::unliteral("[x]"), None);
    assert_eq!(arm::unliteral("x]"), Some("x]"));
    assert_eq!(arm::unliteral(&escape::arm_literal("[x]")), Some("[x]"));
}

#[test]
fn known_bicep_literals_decode() {
    assert_eq!(
        bicep::parse_string_literal(r"'a\u{1F600}\$'"),
        Ok("a😀$".to_owned())
    );
    assert_eq!(
        bicep::parse_string_literal(r"'it\'s \${x}'"),
        Ok("it's ${x}".to_owned())
    );
    assert!(bicep::parse_string_literal("'${x}'").is_err());
}

/// Tag names that are ARM expressions, or escaped ones, stay literal in every deployable target.
#[test]
fn tag_names_that_look_like_expressions_stay_literal() {
    let estate_tags = ["[subscription().subscriptionId]", "[[x]]"];
    let project_tags = ["[resourceGroup().name]", "[[y]]"];
    let mut document = mlzone_model::synthetic::document(mlzone_model::synthetic::Settings {
        projects: 1,
        data_scientists: 1,
        clusters: 1,
        seed: 7,
    });
    for name in estate_tags {
        document.tags.insert(name.to_owned(), "estate".to_owned());
    }
    for project in &mut document.projects {
        for name in project_tags {
            project.tags.insert(name.to_owned(), "project".to_owned());
        }
    }
    let estate = mlzone_model::resolve(&document).unwrap();
    let validated = mlzone_model::validate::validate(estate).unwrap();
    let templates = Templates::builtin().unwrap();
    let files = generate(&validated, &[Target::Bicep, Target::Arm], &templates).unwrap();
    let expected: BTreeSet<String> = estate_tags
        .iter()
        .chain(&project_tags)
        .map(|name| (*name).to_owned())
        .collect();

    let mut arm_tags = BTreeSet::new();
    let mut bicep_tags = BTreeSet::new();
    for (path, text) in files.iter() {
        if path.as_str().starts_with("arm/") {
            let value: Value = serde_json::from_str(text).unwrap();
            arm_keys(&value, false, &mut arm_tags, path.as_str());
        } else {
            for keys in bicep::object_keys_under(text, "tags").unwrap() {
                bicep_tags.extend(keys);
            }
        }
    }
    assert!(expected.is_subset(&arm_tags), "{arm_tags:?}");
    assert!(expected.is_subset(&bicep_tags), "{bicep_tags:?}");
}

/// Checks that no key of `value` is an ARM expression and gathers the keys, as ARM reads them,
/// of every object under a `tags` key.
fn arm_keys(value: &Value, in_tags: bool, tags: &mut BTreeSet<String>, path: &str) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                let literal = arm::unliteral(key);
                assert!(
                    literal.is_some(),
                    "{path}: the key {key} is an ARM expression"
                );
                if in_tags {
                    tags.extend(literal.map(str::to_owned));
                }
                arm_keys(item, key == "tags", tags, path);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| arm_keys(item, false, tags, path)),
        _ => {}
    }
}

/// Strings biased towards Markdown's block and inline syntax.
fn markdown_tricky() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("- ".to_owned()),
        Just("+ ".to_owned()),
        Just("* ".to_owned()),
        Just("1. ".to_owned()),
        Just("2) ".to_owned()),
        Just("---".to_owned()),
        Just("===".to_owned()),
        Just("***".to_owned()),
        Just("# ".to_owned()),
        Just("> ".to_owned()),
        Just("    ".to_owned()),
        Just("\t".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("  \n".to_owned()),
        Just("`".to_owned()),
        Just("```".to_owned()),
        Just("~~~".to_owned()),
        Just("<div>".to_owned()),
        Just("<br>".to_owned()),
        Just("[x]: /u".to_owned()),
        Just("[^1]:".to_owned()),
        Just("| a |".to_owned()),
        Just("&amp;".to_owned()),
        Just("$x$".to_owned()),
        Just("\\".to_owned()),
        Just("_".to_owned()),
        Just("**".to_owned()),
        Just(" ".to_owned()),
        Just("|".to_owned()),
        any::<char>().prop_map(String::from),
        "[a-z0-9]{1,4}",
    ];
    prop::collection::vec(pieces, 0..10).prop_map(|v| v.concat())
}

/// What a reader sees of `markdown_text(s)`: line breaks unified, other control characters
/// as spaces, blanks at both ends dropped.
fn rendered_text(s: &str) -> String {
    let unified = s.replace("\r\n", "\n").replace('\r', "\n");
    let mapped: String = unified
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect();
    mapped.trim_matches(char::is_whitespace).to_owned()
}

/// A Markdown document as GitHub reads it: its top-level blocks, the text of each paragraph
/// (`<br>` read as a line break), its code spans and its table cells.
#[derive(Debug, Default)]
struct Read {
    blocks: Vec<&'static str>,
    paragraphs: Vec<String>,
    code: Vec<String>,
    cells: usize,
}

fn read_markdown(markdown: &str) -> Read {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM;
    let mut read = Read::default();
    let mut depth = 0usize;
    let mut paragraph: Option<String> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    read.blocks.push(match tag {
                        Tag::Paragraph => "paragraph",
                        Tag::Heading { .. } => "heading",
                        Tag::Table(_) => "table",
                        Tag::List(_) => "list",
                        Tag::CodeBlock(_) => "code block",
                        Tag::BlockQuote(_) => "block quote",
                        Tag::HtmlBlock => "html block",
                        Tag::FootnoteDefinition(_) => "footnote",
                        _ => "other block",
                    });
                    if matches!(tag, Tag::Paragraph) {
                        paragraph = Some(String::new());
                    }
                } else if matches!(tag, Tag::TableCell) {
                    read.cells += 1;
                } else if paragraph.is_some() {
                    // Emphasis, links, images, strikethrough: markup the text did not mean.
                    paragraph = Some(format!("markup {tag:?} in a paragraph"));
                }
                depth += 1;
            }
            Event::End(tag) => {
                depth -= 1;
                if depth == 0 && tag == TagEnd::Paragraph {
                    read.paragraphs.extend(paragraph.take());
                }
            }
            Event::Text(text) => {
                if let Some(p) = paragraph.as_mut() {
                    p.push_str(&text);
                }
            }
            Event::InlineHtml(html) if html.as_ref() == "<br>" => {
                if let Some(p) = paragraph.as_mut() {
                    p.push('\n');
                }
            }
            Event::Code(code) => read.code.push(code.to_string()),
            Event::Rule => read.blocks.push("rule"),
            other => {
                if let Some(p) = paragraph.as_mut() {
                    p.push_str(&format!("<{other:?}>"));
                }
            }
        }
    }
    read
}

/// The descriptions of the issue render as paragraphs of their text on the project pages.
#[test]
fn descriptions_that_look_like_markdown_blocks_stay_paragraphs() {
    let descriptions = [
        "- x",
        "1. x",
        "---",
        "# x",
        "> x",
        "+ x",
        "===",
        "    x",
        "* x",
        "```",
        "a\n- b\n---",
    ];
    let mut document = mlzone_model::synthetic::document(mlzone_model::synthetic::Settings {
        projects: descriptions.len(),
        data_scientists: 1,
        clusters: 1,
        seed: 7,
    });
    let mut expected = std::collections::BTreeMap::new();
    for (project, description) in document.projects.iter_mut().zip(descriptions) {
        project.description = Some(description.to_owned());
        expected.insert(
            format!("docs/projects/{}.md", project.name),
            rendered_text(description),
        );
    }
    let estate = mlzone_model::resolve(&document).unwrap();
    let validated = mlzone_model::validate::validate(estate).unwrap();
    let templates = Templates::builtin().unwrap();
    let files = generate(&validated, &[Target::Docs], &templates).unwrap();
    for (path, text) in &expected {
        let page = files.get(path).unwrap_or_else(|| panic!("no {path}"));
        let read = read_markdown(page);
        assert_eq!(
            read.blocks.get(..3),
            Some(&["html block", "heading", "paragraph"][..]),
            "{path}:\n{page}"
        );
        assert_eq!(read.paragraphs.first(), Some(text), "{path}:\n{page}");
    }
}
