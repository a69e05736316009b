//! Bicep resource declarations read into [`Node`]s and checked.
//!
//! Every `resource` declaration is checked, top level or nested in a parent's body (a nested
//! one's relative type is prefixed with its parent's), `existing` ones for their type only.
//! Bicep's own keys of a body (`parent`, `dependsOn`, `scope`) are not part of the type.

use tree_sitter::Node as SyntaxNode;

use super::check::{Finding, Node, Value, check_resource};
use super::model::Types;
use crate::bicep::{decode_string, parse};

/// Keys of a resource body that Bicep handles itself.
const LANGUAGE_KEYS: [&str; 3] = ["parent", "dependsOn", "scope"];

/// A resource declaration found in a Bicep file.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration {
    /// The full resource type.
    pub resource_type: String,
    /// The API version.
    pub api_version: String,
    /// Whether it is declared `existing`.
    pub existing: bool,
    /// Its body, `None` when it has no literal object body.
    pub body: Option<Node>,
    /// `line:column` of the declaration.
    pub at: String,
}

/// Every resource declaration of `source`, nested ones included, in document order.
pub fn declarations(source: &str) -> Vec<Declaration> {
    let tree = parse(source);
    let mut found = Vec::new();
    for child in named_children(tree.root_node()) {
        if child.kind() == "resource_declaration" {
            declaration(child, source, None, &mut found);
        }
    }
    found
}

/// Checks every resource declared in `source`.
pub fn check(types: &Types, source: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    for declaration in declarations(source) {
        let body = match (&declaration.body, declaration.existing) {
            (Some(body), false) => without_language_keys(body),
            _ => Node {
                value: Value::Expression,
                at: declaration.at.clone(),
            },
        };
        findings.extend(check_resource(
            types,
            &declaration.resource_type,
            &declaration.api_version,
            &body,
        ));
    }
    findings
}

fn without_language_keys(body: &Node) -> Node {
    match &body.value {
        Value::Object(entries) => Node {
            value: Value::Object(
                entries
                    .iter()
                    .filter(|(k, _)| !LANGUAGE_KEYS.contains(&k.as_str()))
                    .cloned()
                    .collect(),
            ),
            at: body.at.clone(),
        },
        _ => body.clone(),
    }
}

fn declaration(
    node: SyntaxNode<'_>,
    source: &str,
    parent_type: Option<&str>,
    found: &mut Vec<Declaration>,
) {
    let children = named_children(node);
    let Some(type_string) = children.iter().find(|c| c.kind() == "string") else {
        return;
    };
    let written = decode_string(*type_string, source).unwrap_or_default();
    let (written_type, api_version) = written.split_once('@').unwrap_or((&written, ""));
    let resource_type = match parent_type {
        Some(parent) if !written_type.contains('/') => format!("{parent}/{written_type}"),
        _ => written_type.to_owned(),
    };
    let mut cursor = node.walk();
    let existing = node.children(&mut cursor).any(|c| c.kind() == "existing");
    let index = found.len();
    found.push(Declaration {
        resource_type: resource_type.clone(),
        api_version: api_version.to_owned(),
        existing,
        body: None,
        at: at(node),
    });
    let mut nested = Vec::new();
    let body = children
        .last()
        .and_then(|b| body_object(*b))
        .map(|object| read(object, source, &mut nested));
    if let Some(declaration) = found.get_mut(index) {
        declaration.body = body;
    }
    for child in nested {
        declaration(child, source, Some(&resource_type), found);
    }
}

fn body_object(node: SyntaxNode<'_>) -> Option<SyntaxNode<'_>> {
    match node.kind() {
        "object" => Some(node),
        "if_statement" | "for_statement" => {
            named_children(node).into_iter().rev().find_map(body_object)
        }
        _ => None,
    }
}

/// Reads a value; nested resource declarations met in objects go to `nested`.
fn read<'t>(node: SyntaxNode<'t>, source: &str, nested: &mut Vec<SyntaxNode<'t>>) -> Node {
    let value = match node.kind() {
        "object" => {
            let mut entries = Vec::new();
            for property in named_children(node) {
                if property.kind() != "object_property" {
                    continue;
                }
                let parts: Vec<_> = named_children(property)
                    .into_iter()
                    .filter(|c| !c.kind().contains("comment"))
                    .collect();
                if let Some(declaration) = parts.iter().find(|p| p.kind() == "resource_declaration")
                {
                    nested.push(*declaration);
                    continue;
                }
                let (Some(key), Some(value)) = (parts.first(), parts.last()) else {
                    continue;
                };
                let key = match key.kind() {
                    "string" => decode_string(*key, source).unwrap_or_default(),
                    _ => text(*key, source).to_owned(),
                };
                entries.push((key, read(*value, source, nested)));
            }
            Value::Object(entries)
        }
        "array" => Value::Array(
            named_children(node)
                .into_iter()
                .filter(|c| c.kind() != "decorators" && !c.kind().contains("comment"))
                .map(|c| read(c, source, nested))
                .collect(),
        ),
        "for_statement" => match node.child_by_field_name("body") {
            Some(body) => {
                let body = body_object(body).unwrap_or(body);
                Value::Array(vec![read(body, source, nested)])
            }
            None => Value::Expression,
        },
        "string" => Value::Text(decode_string(node, source).ok()),
        "number" => text(node, source)
            .parse()
            .map_or(Value::Number, Value::Integer),
        "boolean" => Value::Boolean(text(node, source) == "true"),
        "null" => Value::Null,
        "unary_expression" => match text(node, source).strip_prefix('-') {
            Some(digits) => digits
                .trim()
                .parse::<i64>()
                .map_or(Value::Expression, |n| Value::Integer(-n)),
            None => Value::Expression,
        },
        _ => Value::Expression,
    };
    Node {
        value,
        at: at(node),
    }
}

fn at(node: SyntaxNode<'_>) -> String {
    let start = node.start_position();
    format!("{}:{}", start.row + 1, start.column + 1)
}

fn named_children(node: SyntaxNode<'_>) -> Vec<SyntaxNode<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

fn text<'s>(node: SyntaxNode<'_>, source: &'s str) -> &'s str {
    source.get(node.byte_range()).unwrap_or_default()
}
