//! Escaping filters: every value a template interpolates goes through one of these.
//!
//! Each function returns a complete literal of its target syntax (quotes included) unless its
//! documentation says otherwise, so a template never adds quotes around an interpolation.
//! The round trips (literal → parser → original string) are checked by property tests in
//! `mlzone-tests` with the real parsers: tree-sitter-bicep, serde_json and serde-saphyr.

use std::fmt::Write as _;

use serde_json::Value;

/// Words that can never be Bicep identifiers, or that we avoid because they are keywords in
/// some position (`bicep-language.md` §1).
const BICEP_RESERVED: &[&str] = &[
    "true",
    "false",
    "null",
    "targetScope",
    "metadata",
    "type",
    "param",
    "var",
    "resource",
    "module",
    "output",
    "func",
    "existing",
    "import",
    "extension",
    "assert",
    "test",
    "using",
    "extends",
    "with",
    "as",
    "from",
    "if",
    "for",
    "in",
];

/// The longest identifier Bicep accepts.
const BICEP_MAX_IDENTIFIER: usize = 255;

/// A complete single-quoted Bicep string literal whose value is exactly `s`.
///
/// Follows Bicep's own escaper (`StringUtils.EscapeBicepString`): `\` → `\\`, `'` → `\'`,
/// `${` → `\${`, newline → `\n`, CR → `\r`, tab → `\t`; other control characters become
/// `\u{…}`, and everything else is written as is: `//`, `/*` and `*/` are text inside a Bicep
/// string, so `'Microsoft.MachineLearningServices/workspaces/*/read'` reads as written. The
/// literal belongs where Bicep reads an expression, never inside a `/* … */` comment.
///
/// ```
/// use mlzone_codegen::escape::bicep_string;
/// assert_eq!(bicep_string("it's ${x}"), r"'it\'s \${x}'");
/// ```
pub fn bicep_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:X}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The text of one Bicep `//` comment line: every line break and other control character
/// becomes a space, so the text cannot end the comment and start code.
///
/// ```
/// use mlzone_codegen::escape::bicep_comment;
/// assert_eq!(bicep_comment("a\nb\u{2028}c"), "a b c");
/// ```
pub fn bicep_comment(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A Bicep object property key: bare when `s` is an identifier, else a quoted string.
///
/// Bare keys keep the linter rule `prefer-unquoted-property-names` quiet. A key may be a
/// keyword (`type: 'FQDN'`), except the literals `true`, `false` and `null`.
///
/// ```
/// use mlzone_codegen::escape::bicep_key;
/// assert_eq!(bicep_key("costCenter"), "costCenter");
/// assert_eq!(bicep_key("type"), "type");
/// assert_eq!(bicep_key("cost-center"), "'cost-center'");
/// assert_eq!(bicep_key("null"), "'null'");
/// ```
pub fn bicep_key(s: &str) -> String {
    if is_bicep_key(s) {
        s.to_owned()
    } else {
        bicep_string(s)
    }
}

/// A Bicep literal (string, number, boolean, null, array or object) for a JSON value.
///
/// Arrays and objects are written one item per line, indented by two spaces per level starting
/// from `indent` levels, so the result can be placed after `key: ` in an indented block.
///
/// ```
/// use mlzone_codegen::escape::bicep_value;
/// let tags = serde_json::json!({"env": "dev", "cost-center": 42});
/// assert_eq!(bicep_value(&tags, 0), "{\n  env: 'dev'\n  'cost-center': 42\n}");
/// ```
pub fn bicep_value(value: &Value, indent: usize) -> String {
    let mut out = String::new();
    write_bicep_value(&mut out, value, indent);
    out
}

fn write_bicep_value(out: &mut String, value: &Value, indent: usize) {
    let pad = "  ".repeat(indent + 1);
    let close = "  ".repeat(indent);
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) if n.is_i64() || n.is_u64() => out.push_str(&n.to_string()),
        // Bicep has no float literal: `json('1.5')` is the documented way to write one.
        Value::Number(n) => {
            let _ = write!(out, "json({})", bicep_string(&n.to_string()));
        }
        Value::String(s) => out.push_str(&bicep_string(s)),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push_str("[\n");
            for item in items {
                out.push_str(&pad);
                write_bicep_value(out, item, indent + 1);
                out.push('\n');
            }
            out.push_str(&close);
            out.push(']');
        }
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => {
            out.push_str("{\n");
            for (key, item) in map {
                out.push_str(&pad);
                out.push_str(&bicep_key(key));
                out.push_str(": ");
                write_bicep_value(out, item, indent + 1);
                out.push('\n');
            }
            out.push_str(&close);
            out.push('}');
        }
    }
}

/// Whether `s` can be written as a bare Bicep object key: identifier-shaped, not a literal.
fn is_bicep_key(s: &str) -> bool {
    let mut chars = s.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    starts_well
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !["true", "false", "null"].contains(&s)
}

/// Whether `s` can be written as a bare Bicep identifier (not a keyword).
pub fn is_bicep_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    starts_well
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s.len() <= BICEP_MAX_IDENTIFIER
        && !BICEP_RESERVED.contains(&s)
}

/// A safe Bicep identifier derived from any string, in lowerCamelCase.
///
/// Runs of characters other than ASCII letters and digits separate words; a leading digit gets
/// a `_` prefix, keywords get a `_` suffix, the empty result becomes `_`, and the identifier is
/// cut at 255 characters. Different inputs can give the same identifier: callers that need
/// uniqueness must check for it.
///
/// ```
/// use mlzone_codegen::escape::bicep_identifier;
/// assert_eq!(bicep_identifier("ml-workspace dev"), "mlWorkspaceDev");
/// assert_eq!(bicep_identifier("01 cluster"), "_01Cluster");
/// assert_eq!(bicep_identifier("resource"), "resource_");
/// ```
pub fn bicep_identifier(s: &str) -> String {
    let mut out = String::new();
    for word in s.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        let Some(first) = chars.next() else { continue };
        if out.is_empty() {
            out.push(first.to_ascii_lowercase());
        } else {
            out.push(first.to_ascii_uppercase());
        }
        out.extend(chars);
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if BICEP_RESERVED.contains(&out.as_str()) {
        out.push('_');
    }
    out.truncate(BICEP_MAX_IDENTIFIER);
    out
}

/// A JSON string literal (quotes included) for a literal ARM value.
///
/// ARM reads a string that starts with `[` and ends with `]` as an expression; such a literal is
/// written `[[…]` so ARM evaluates it back to `s` (arm-format.md §4).
///
/// ```
/// use mlzone_codegen::escape::arm_string;
/// assert_eq!(arm_string("[test]"), r#""[[test]""#);
/// assert_eq!(arm_string("[test] value"), r#""[test] value""#);
/// ```
pub fn arm_string(s: &str) -> String {
    json_string(&arm_literal(s))
}

/// The ARM text of literal `s` before JSON quoting: `[[…]` when ARM would read an expression.
pub fn arm_literal(s: &str) -> String {
    if s.starts_with('[') && s.ends_with(']') {
        format!("[{s}")
    } else {
        s.to_owned()
    }
}

/// A string literal for use inside an ARM expression, ready to be placed in a JSON string.
///
/// The result is `'…'` with `'` doubled (the expression rule) and then JSON-escaped without the
/// surrounding double quotes (the template is JSON), e.g. `"[format('{0}', {{ x | arm_expression_string }})]"`.
///
/// ```
/// use mlzone_codegen::escape::arm_expression_string;
/// assert_eq!(arm_expression_string("it's \"x\""), r#"'it''s \"x\"'"#);
/// ```
pub fn arm_expression_string(s: &str) -> String {
    let quoted = format!("'{}'", s.replace('\'', "''"));
    let json = json_string(&quoted);
    json.get(1..json.len().saturating_sub(1))
        .unwrap_or_default()
        .to_owned()
}

/// Compact JSON text of `value`; numbers, booleans, arrays and objects as serde_json writes them.
///
/// Strings inside are written as given: use [`arm_value`] for literal data in ARM templates.
pub fn json(value: &Value) -> String {
    value.to_string()
}

/// Compact JSON text of a literal `value` for an ARM template: every string in it, at any depth,
/// object keys included, gets the `[[` rule of [`arm_string`], so data is never read as an
/// expression (ARM evaluates a property name `"[…]"` as it does a value).
///
/// ```
/// use mlzone_codegen::escape::arm_value;
/// let tags = serde_json::json!({"[subscription().id]": "[x]"});
/// assert_eq!(arm_value(&tags), r#"{"[[subscription().id]":"[[x]"}"#);
/// ```
pub fn arm_value(value: &Value) -> String {
    json(&arm_literal_value(value))
}

fn arm_literal_value(value: &Value) -> Value {
    match value {
        Value::String(s) => Value::String(arm_literal(s)),
        Value::Array(items) => Value::Array(items.iter().map(arm_literal_value).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (arm_literal(k), arm_literal_value(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn json_string(s: &str) -> String {
    Value::String(s.to_owned()).to_string()
}

/// A double-quoted YAML scalar (quotes included) whose value is exactly `s`.
///
/// Escapes `\` and `"`, and writes every character YAML does not allow as printable, plus the
/// characters YAML 1.1 treats as line breaks (NEL, LS, PS) and the BOM, as an escape.
/// The filter is about YAML only: GitHub Actions (`${{ … }}`) and Azure Pipelines (`$( … )`,
/// `${{ … }}`, `$[ … ]`) evaluate their expressions in the string YAML reads back, and neither
/// has an escape for them, so a pipeline template must never give such a position free text
/// (the pipeline view-model holds only slugs, GUIDs, locations and fixed text there).
///
/// ```
/// use mlzone_codegen::escape::yaml_string;
/// assert_eq!(yaml_string("a: \"b\"\n"), r#""a: \"b\"\n""#);
/// ```
pub fn yaml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\0' => out.push_str("\\0"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if yaml_printable(c) => out.push(c),
            c if u32::from(c) <= 0xFF => {
                let _ = write!(out, "\\x{:02X}", u32::from(c));
            }
            c if u32::from(c) <= 0xFFFF => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\U{:08X}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

/// A YAML flow value for a JSON value: strings through [`yaml_string`], arrays and objects in
/// flow style (`[a, b]`, `{"k": v}`), numbers, booleans and `null` as JSON writes them.
///
/// ```
/// use mlzone_codegen::escape::yaml_value;
/// assert_eq!(yaml_value(&serde_json::json!({"on": ["main", 1]})), r#"{"on": ["main", 1]}"#);
/// ```
pub fn yaml_value(value: &Value) -> String {
    match value {
        Value::String(s) => yaml_string(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(yaml_value).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", yaml_string(k), yaml_value(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        other => json(other),
    }
}

/// YAML 1.2 `c-printable`, minus NEL, LS, PS and BOM, which some readers treat specially.
fn yaml_printable(c: char) -> bool {
    matches!(u32::from(c),
        0x20..=0x7E | 0xA0..=0x2027 | 0x202A..=0xD7FF | 0xE000..=0xFEFE | 0xFF00..=0xFFFD | 0x10000..=0x10FFFF)
}

/// A Mermaid node id for any string: `n_` followed by the string when it is made of ASCII
/// letters, digits and `_` and does not end like a hashed id; otherwise its cleaned form plus
/// `_` and a short stable hash, so different strings do not share an id (a plain string
/// spelled like another's hashed id is hashed too).
///
/// ```
/// use mlzone_codegen::escape::mermaid_id;
/// assert_eq!(mermaid_id("end"), "n_end");
/// assert_ne!(mermaid_id("a-b"), mermaid_id("a b"));
/// assert_ne!(mermaid_id("'"), mermaid_id(&mermaid_id("'")["n_".len()..]));
/// ```
pub fn mermaid_id(s: &str) -> String {
    let plain = s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain && !ends_like_a_hash(s) {
        return format!("n_{s}");
    }
    let cleaned: String = s
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    // FNV-1a: tiny, stable across platforms and releases (unlike std's hasher).
    let hash = s.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("n_{cleaned}_{hash:08x}")
}

/// Whether `s` ends with `_` and eight lowercase hexadecimal digits, as a hashed
/// [`mermaid_id`] does.
fn ends_like_a_hash(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() >= 9
        && bytes.get(bytes.len() - 9) == Some(&b'_')
        && bytes
            .iter()
            .rev()
            .take(8)
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
}

/// A quoted Mermaid node or edge label (quotes included): `"` and the characters Mermaid reads
/// as markup become entity codes (`#quot;`, `#35;`, …), line breaks become `<br>`.
///
/// ```
/// use mlzone_codegen::escape::mermaid_label;
/// assert_eq!(mermaid_label("say \"hi\" #1"), r#""say #quot;hi#quot; #35;1""#);
/// ```
pub fn mermaid_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => out.push_str("<br>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A quoted Graphviz DOT string (quotes included), fit for a node id or a label: `\` and `"`
/// are escaped with a backslash, line breaks become DOT's `\n`, other control characters
/// spaces.
///
/// ```
/// use mlzone_codegen::escape::dot_string;
/// assert_eq!(dot_string(r#"say "hi" \ bye"#), r#""say \"hi\" \\ bye""#);
/// assert_eq!(dot_string("a\r\nb"), r#""a\nb""#);
/// ```
pub fn dot_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

mod markdown;
pub use markdown::{markdown_cell_code, markdown_code, markdown_text};

#[cfg(test)]
mod tests;

/// The parts of a plan operand (`{"kind": "literal", "value": …}`, `{"kind": "parameter",
/// "name": …}` or `{"kind": "subscription_id"}`).
enum OperandParts<'a> {
    Literal(&'a str),
    Parameter(&'a str),
    SubscriptionId,
}

fn operand_parts(value: &Value) -> Result<OperandParts<'_>, String> {
    let field = |key: &str| value.get(key).and_then(Value::as_str);
    match field("kind") {
        Some("literal") => field("value")
            .map(OperandParts::Literal)
            .ok_or_else(|| "a literal operand has no `value`".to_owned()),
        Some("parameter") => field("name")
            .map(OperandParts::Parameter)
            .ok_or_else(|| "a parameter operand has no `name`".to_owned()),
        Some("subscription_id") => Ok(OperandParts::SubscriptionId),
        _ => Err(format!("not an operand: {value}")),
    }
}

/// A Bicep expression for a plan operand: a string literal, a parameter, or
/// `subscription().id`.
///
/// ```
/// use mlzone_codegen::escape::bicep_operand;
/// let p = serde_json::json!({"kind": "parameter", "name": "groupId"});
/// assert_eq!(bicep_operand(&p).unwrap(), "groupId");
/// ```
pub fn bicep_operand(value: &Value) -> Result<String, String> {
    Ok(match operand_parts(value)? {
        OperandParts::Literal(s) => bicep_string(s),
        OperandParts::Parameter(name) => bicep_identifier(name),
        OperandParts::SubscriptionId => "subscription().id".to_owned(),
    })
}

/// A complete JSON string for a plan operand in an ARM template: a literal (with the `[[`
/// rule), `"[parameters('…')]"`, or `"[subscription().id]"`.
///
/// ```
/// use mlzone_codegen::escape::arm_operand;
/// let p = serde_json::json!({"kind": "parameter", "name": "groupId"});
/// assert_eq!(arm_operand(&p).unwrap(), r#""[parameters('groupId')]""#);
/// ```
pub fn arm_operand(value: &Value) -> Result<String, String> {
    Ok(match operand_parts(value)? {
        OperandParts::Literal(s) => arm_string(s),
        other => format!("\"[{}]\"", arm_operand_text(&other)),
    })
}

/// A plan operand inside an ARM expression, JSON-escaped without quotes, e.g. `'text'` or
/// `parameters('groupId')`.
///
/// ```
/// use mlzone_codegen::escape::arm_operand_expression;
/// let l = serde_json::json!({"kind": "literal", "value": "it's"});
/// assert_eq!(arm_operand_expression(&l).unwrap(), "'it''s'");
/// ```
pub fn arm_operand_expression(value: &Value) -> Result<String, String> {
    Ok(arm_operand_text(&operand_parts(value)?))
}

fn arm_operand_text(parts: &OperandParts<'_>) -> String {
    match parts {
        OperandParts::Literal(s) => arm_expression_string(s),
        OperandParts::Parameter(name) => format!("parameters({})", arm_expression_string(name)),
        OperandParts::SubscriptionId => "subscription().id".to_owned(),
    }
}
