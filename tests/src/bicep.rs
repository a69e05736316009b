//! Bicep smoke checks with tree-sitter-bicep: syntax errors, resource declarations, and the
//! decoder of string literals used by the escaping property tests.
//!
//! The grammar lags the real Bicep language (spread `...` and `$'''` strings are ERROR nodes),
//! so this is a parse check, not a compiler. It also lexes `//` and `/*` inside a string, after
//! an escape or an interpolation, as a comment, where Bicep reads text: [`parse`] hides every
//! `/` of a string's text from the grammar (see [`mask_string_slashes`]).

use std::fmt;

use tree_sitter::{Node, Parser, Tree};

/// An ERROR or MISSING node of a parse, with its 1-based position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in bytes.
    pub column: usize,
    /// `ERROR`, or `MISSING <kind>`.
    pub kind: String,
    /// The source text of the node (empty for MISSING), cut at 60 bytes.
    pub text: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} `{}`",
            self.line, self.column, self.kind, self.text
        )
    }
}

/// A `resource` declaration of a Bicep file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// The symbolic name.
    pub symbol: String,
    /// The resource type, e.g. `Microsoft.Storage/storageAccounts`.
    pub resource_type: String,
    /// The API version after `@`.
    pub api_version: String,
    /// Whether it is declared `existing`.
    pub existing: bool,
    /// The source text of the `name:` value (an expression), if the body has one.
    pub name: Option<String>,
    /// The source text of the `parent:` value (a symbol), if the body has one.
    pub parent: Option<String>,
    /// 1-based line of the declaration.
    pub line: usize,
}

/// Parses Bicep source.
///
/// The grammar reads [`mask_string_slashes`] of `source`, which has the same byte offsets, so
/// every node's range addresses `source` itself.
pub fn parse(source: &str) -> Tree {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_bicep::LANGUAGE.into())
        .expect("the Bicep grammar loads");
    parser
        .parse(mask_string_slashes(source), None)
        .expect("tree-sitter returns a tree without a timeout")
}

/// `source` with every `/` of a string literal's text replaced by `_`, the same length.
///
/// tree-sitter-bicep 1.1.0 lets a comment start between the tokens of a string (after an
/// escape such as `\n` or an interpolation), so `'a\n//b'` is read as an unterminated string
/// and `'\n/*b*/'` loses `/*b*/`. Bicep reads both as text. Slashes in code, in comments and
/// inside interpolations (`${…}`, which are code) are left as they are.
pub fn mask_string_slashes(source: &str) -> String {
    /// Where the scanner is: in a `'…'` string, or in the code of an interpolation with its
    /// count of open `{`. An empty stack is top-level code.
    enum Frame {
        String,
        Interpolation(usize),
    }
    let mut out = String::with_capacity(source.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        let (taken, masked) = match stack.last_mut() {
            Some(Frame::String) => match c {
                '\\' => (rest.chars().take(2).map(char::len_utf8).sum(), None),
                '\'' | '\n' => {
                    stack.pop();
                    (1, None)
                }
                '$' if rest.starts_with("${") => {
                    stack.push(Frame::Interpolation(0));
                    (2, None)
                }
                '/' => (1, Some('_')),
                c => (c.len_utf8(), None),
            },
            frame => {
                let depth = match frame {
                    Some(Frame::Interpolation(depth)) => Some(depth),
                    _ => None,
                };
                if rest.starts_with("//") {
                    (rest.find('\n').unwrap_or(rest.len()), None)
                } else if rest.starts_with("/*") {
                    let end = rest.get(2..).and_then(|body| body.find("*/"));
                    (end.map_or(rest.len(), |end| end + 4), None)
                } else if let Some(body) = rest.strip_prefix("'''") {
                    let end = body.find("'''").map_or(rest.len(), |end| end + 6);
                    let text = rest.get(..end).unwrap_or(rest);
                    out.push_str(&text.replace('/', "_"));
                    rest = rest.get(end..).unwrap_or_default();
                    continue;
                } else if c == '\'' {
                    stack.push(Frame::String);
                    (1, None)
                } else {
                    match (c, depth) {
                        ('{', Some(depth)) => *depth += 1,
                        ('}', Some(0)) => {
                            stack.pop();
                        }
                        ('}', Some(depth)) => *depth -= 1,
                        _ => {}
                    }
                    (c.len_utf8(), None)
                }
            }
        };
        let (head, tail) = rest.split_at(taken);
        match masked {
            Some(m) => out.push(m),
            None => out.push_str(head),
        }
        rest = tail;
    }
    out
}

/// Every ERROR and MISSING node of `source`, in document order; empty when it parses.
pub fn syntax_errors(source: &str) -> Vec<SyntaxError> {
    let tree = parse(source);
    let mut errors = Vec::new();
    visit(tree.root_node(), &mut |node| {
        if node.is_error() || node.is_missing() {
            let start = node.start_position();
            let kind = if node.is_missing() {
                format!("MISSING {}", node.kind())
            } else {
                "ERROR".to_owned()
            };
            let text = text(node, source);
            errors.push(SyntaxError {
                line: start.row + 1,
                column: start.column + 1,
                kind,
                text: text.chars().take(60).collect(),
            });
        }
    });
    errors
}

/// Panics with every syntax error of `source` (named `what`) if there is any.
pub fn assert_parses(what: &str, source: &str) {
    let errors = syntax_errors(source);
    assert!(
        errors.is_empty(),
        "{what} does not parse as Bicep:\n{}",
        errors
            .iter()
            .map(|e| format!("  {e}\n"))
            .collect::<String>()
    );
}

/// The `resource` declarations of `source` (top level and nested), in document order.
pub fn resources(source: &str) -> Vec<Resource> {
    let tree = parse(source);
    let mut found = Vec::new();
    visit(tree.root_node(), &mut |node| {
        if node.kind() != "resource_declaration" {
            return;
        }
        let children = named_children(node);
        let symbol = children.iter().find(|c| c.kind() == "identifier");
        let type_string = children.iter().find(|c| c.kind() == "string");
        let (Some(symbol), Some(type_string)) = (symbol, type_string) else {
            return;
        };
        let type_version = decode_string(*type_string, source).unwrap_or_default();
        let (resource_type, api_version) = type_version
            .split_once('@')
            .map(|(t, v)| (t.to_owned(), v.to_owned()))
            .unwrap_or((type_version.clone(), String::new()));
        let mut cursor = node.walk();
        let existing = node.children(&mut cursor).any(|c| c.kind() == "existing");
        let body = children.last().and_then(|body| body_object(*body));
        let name = body
            .and_then(|object| property(object, "name", source))
            .map(|value| text(value, source).to_owned());
        let parent = body
            .and_then(|object| property(object, "parent", source))
            .map(|value| text(value, source).to_owned());
        found.push(Resource {
            symbol: text(*symbol, source).to_owned(),
            resource_type,
            api_version,
            existing,
            name,
            parent,
            line: node.start_position().row + 1,
        });
    });
    found
}

/// Decodes a single-line `string` node to its value, as Bicep would.
///
/// Fails on interpolation, on unknown escapes and on multi-line strings with `$`.
pub fn decode_string(node: Node<'_>, source: &str) -> Result<String, String> {
    if node.kind() != "string" {
        return Err(format!("not a string node: {}", node.kind()));
    }
    if named_children(node)
        .iter()
        .any(|c| c.kind() == "interpolation")
    {
        return Err("the string has an interpolation".to_owned());
    }
    let raw = text(node, source);
    if let Some(body) = raw.strip_prefix("'''").and_then(|r| r.strip_suffix("'''")) {
        let body = body
            .strip_prefix("\r\n")
            .or_else(|| body.strip_prefix('\n'))
            .unwrap_or(body);
        return Ok(body.to_owned());
    }
    let body = raw
        .strip_prefix('\'')
        .and_then(|r| r.strip_suffix('\''))
        .ok_or_else(|| format!("not a quoted string: {raw}"))?;
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('\'') => out.push('\''),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('$') => out.push('$'),
            Some('u') => {
                if chars.next() != Some('{') {
                    return Err("`\\u` without `{`".to_owned());
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let code =
                    u32::from_str_radix(&hex, 16).map_err(|e| format!("bad \\u{{{hex}}}: {e}"))?;
                out.push(char::from_u32(code).ok_or_else(|| format!("bad code point {code:X}"))?);
            }
            other => return Err(format!("unknown escape `\\{}`", other.unwrap_or(' '))),
        }
    }
    Ok(out)
}

/// Parses `literal` as the value of a variable and decodes it: the round-trip check of
/// `bicep_string`. Fails when the declaration does not parse cleanly.
pub fn parse_string_literal(literal: &str) -> Result<String, String> {
    let source = format!("var x = {literal}\n");
    let errors = syntax_errors(&source);
    if !errors.is_empty() {
        return Err(format!("syntax errors: {errors:?}"));
    }
    let tree = parse(&source);
    let mut strings = Vec::new();
    visit(tree.root_node(), &mut |node| {
        if node.kind() == "string" {
            strings.push(node);
        }
    });
    match strings.as_slice() {
        [node] if text(*node, &source) == literal => decode_string(*node, &source),
        _ => Err(format!(
            "expected one string node spanning the literal in {source:?}"
        )),
    }
}

/// The keys, decoded, of every object that is the value of a property named `key` (e.g. every
/// `tags: {…}`), in document order.
pub fn object_keys_under(source: &str, key: &str) -> Result<Vec<Vec<String>>, String> {
    let tree = parse(source);
    let mut properties = Vec::new();
    visit(tree.root_node(), &mut |node| {
        if node.kind() == "object_property" {
            properties.push(node);
        }
    });
    let mut found = Vec::new();
    for node in properties {
        let (name, value) = key_and_value(node, source)?;
        if name != key || value.kind() != "object" {
            continue;
        }
        let keys = named_children(value)
            .into_iter()
            .filter(|p| p.kind() == "object_property")
            .map(|p| key_and_value(p, source).map(|(name, _)| name))
            .collect::<Result<_, _>>()?;
        found.push(keys);
    }
    Ok(found)
}

/// The decoded key and the value node of an `object_property` node.
fn key_and_value<'t>(property: Node<'t>, source: &str) -> Result<(String, Node<'t>), String> {
    let parts: Vec<_> = named_children(property)
        .into_iter()
        .filter(|c| !c.kind().contains("comment"))
        .collect();
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return Err(format!("an empty property: {}", text(property, source)));
    };
    let key = match first.kind() {
        "string" => decode_string(*first, source)?,
        _ => text(*first, source).to_owned(),
    };
    Ok((key, *last))
}

pub(crate) fn body_object(node: Node<'_>) -> Option<Node<'_>> {
    match node.kind() {
        "object" => Some(node),
        "if_statement" | "for_statement" => {
            named_children(node).into_iter().rev().find_map(body_object)
        }
        _ => None,
    }
}

/// The value node of property `key` of an object node.
fn property<'t>(object: Node<'t>, key: &str, source: &str) -> Option<Node<'t>> {
    named_children(object)
        .into_iter()
        .filter(|p| p.kind() == "object_property")
        .find_map(|p| {
            let parts: Vec<_> = named_children(p)
                .into_iter()
                .filter(|c| !c.kind().contains("comment"))
                .collect();
            let first = parts.first()?;
            let matches = match first.kind() {
                "string" => decode_string(*first, source).ok().as_deref() == Some(key),
                _ => text(*first, source) == key,
            };
            if matches { parts.last().copied() } else { None }
        })
}

pub(crate) fn named_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

pub(crate) fn text<'s>(node: Node<'_>, source: &'s str) -> &'s str {
    source.get(node.byte_range()).unwrap_or_default()
}

pub(crate) fn visit<'t>(node: Node<'t>, f: &mut impl FnMut(Node<'t>)) {
    f(node);
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        visit(child, f);
    }
}
