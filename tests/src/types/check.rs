//! The check of one value against one type, with the Bicep compiler's codes.
//!
//! Bicep and ARM bodies are first read into a [`Node`]: literal values keep their value, any
//! expression (a reference, a function call, an ARM `[…]` string) is [`Value::Expression`],
//! of unknown type, accepted wherever a value is expected. Keys of literal objects are always
//! checked, whatever their values are.

use std::fmt;

use super::model::{Properties, READ_ONLY, REQUIRED, Type, TypeRef, Types};

/// A value of a resource body as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An expression: its type is not known to the checker.
    Expression,
    /// A string: its value, or `None` for an interpolated string (a string of unknown value).
    Text(Option<String>),
    /// An integer.
    Integer(i64),
    /// A number that is not an integer.
    Number,
    /// A boolean.
    Boolean(bool),
    /// `null`.
    Null,
    /// An array (a Bicep `for` expression is an array of its body).
    Array(Vec<Node>),
    /// An object, keys in written order.
    Object(Vec<(String, Node)>),
}

/// A value and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Its location: `line:column` in Bicep, a JSON pointer in ARM.
    pub at: String,
}

/// The Bicep compiler's diagnostic codes the checker reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A required property is missing.
    BCP035,
    /// A value of the wrong type.
    BCP036,
    /// A property the type does not have.
    BCP037,
    /// A read-only property is written.
    BCP073,
    /// The resource type or API version has no published types.
    BCP081,
    /// A string not among the literals of a closed union, close to one of them.
    BCP088,
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The code the Bicep compiler gives it.
    pub code: Code,
    /// Where: `line:column` in Bicep, a JSON pointer in ARM.
    pub at: String,
    /// The resource, `Type@apiVersion`.
    pub resource: String,
    /// The property path in the body, e.g. `properties.scaleSettings.minNodeCount`.
    pub path: String,
    /// What is wrong, in the compiler's words.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} ({} {}): {}",
            self.at, self.code, self.resource, self.path, self.message
        )
    }
}

/// Checks `body` (an object without the language's own keys) against the published type of
/// `resource_type` at `api_version`.
pub fn check_resource(
    types: &Types,
    resource_type: &str,
    api_version: &str,
    body: &Node,
) -> Vec<Finding> {
    let resource = format!("{resource_type}@{api_version}");
    let Some(ty) = types.resource(resource_type, api_version) else {
        return vec![Finding {
            code: Code::BCP081,
            at: body.at.clone(),
            resource: resource.clone(),
            path: String::new(),
            message: format!("Resource type \"{resource}\" does not have types available."),
        }];
    };
    let checker = Checker { types, resource };
    let mut findings = Vec::new();
    checker.check(ty, body, "", &mut findings);
    findings
}

struct Checker<'a> {
    types: &'a Types,
    resource: String,
}

impl Checker<'_> {
    fn finding(&self, code: Code, node: &Node, path: &str, message: String) -> Finding {
        Finding {
            code,
            at: node.at.clone(),
            resource: self.resource.clone(),
            path: path.to_owned(),
            message,
        }
    }

    fn check(&self, ty: TypeRef, node: &Node, path: &str, out: &mut Vec<Finding>) {
        if node.value == Value::Expression {
            return;
        }
        let accepted = match (self.types.get(ty), &node.value) {
            (Type::Any | Type::Other, _)
            | (Type::Null, Value::Null)
            | (Type::Boolean, Value::Boolean(_))
            | (Type::Integer, Value::Integer(_))
            | (Type::String | Type::Literal(_), Value::Text(None))
            | (Type::String, Value::Text(Some(_))) => true,
            (Type::Literal(expected), Value::Text(Some(actual))) => expected == actual,
            (Type::Resource { body, .. }, _) => {
                self.check(*body, node, path, out);
                true
            }
            (Type::Union(elements), _) => {
                self.check_union(ty, elements, node, path, out);
                true
            }
            (Type::Array(item), Value::Array(items)) => {
                for (i, element) in items.iter().enumerate() {
                    self.check(*item, element, &format!("{path}[{i}]"), out);
                }
                true
            }
            (
                Type::Object {
                    name,
                    properties,
                    additional,
                },
                Value::Object(entries),
            ) => {
                self.check_object(name, properties, *additional, entries, node, path, out);
                true
            }
            (
                Type::Discriminated {
                    name,
                    discriminator,
                    base,
                    elements,
                },
                Value::Object(entries),
            ) => {
                self.check_discriminated(
                    name,
                    discriminator,
                    base,
                    elements,
                    entries,
                    node,
                    path,
                    out,
                );
                true
            }
            _ => false,
        };
        if !accepted {
            out.push(self.finding(
                Code::BCP036,
                node,
                path,
                format!(
                    "The property \"{}\" expected a value of type \"{}\" but the provided value is of type \"{}\".",
                    last_segment(path),
                    self.describe(ty),
                    actual(&node.value)
                ),
            ));
        }
    }

    fn check_union(
        &self,
        ty: TypeRef,
        elements: &[TypeRef],
        node: &Node,
        path: &str,
        out: &mut Vec<Finding>,
    ) {
        let mut closest: Option<Vec<Finding>> = None;
        for element in elements {
            let mut trial = Vec::new();
            self.check(*element, node, path, &mut trial);
            if trial.is_empty() {
                return;
            }
            // The findings of the element of the same kind (object, array) say most.
            let same_kind = matches!(
                (self.types.get(*element), &node.value),
                (
                    Type::Object { .. } | Type::Discriminated { .. },
                    Value::Object(_)
                ) | (Type::Array(_), Value::Array(_))
            );
            if same_kind && closest.is_none() {
                closest = Some(trial);
            }
        }
        if let Some(findings) = closest {
            out.extend(findings);
            return;
        }
        let literals: Vec<&str> = elements
            .iter()
            .filter_map(|e| match self.types.get(*e) {
                Type::Literal(value) => Some(value.as_str()),
                _ => None,
            })
            .collect();
        let suggestion = match &node.value {
            Value::Text(Some(text)) => suggest(text, &literals),
            _ => None,
        };
        let message = format!(
            "The property \"{}\" expected a value of type \"{}\" but the provided value is of type \"{}\".",
            last_segment(path),
            self.describe(ty),
            actual(&node.value)
        );
        out.push(match suggestion {
            Some(s) => self.finding(
                Code::BCP088,
                node,
                path,
                format!("{message} Did you mean \"'{s}'\"?"),
            ),
            None => self.finding(Code::BCP036, node, path, message),
        });
    }

    #[allow(clippy::too_many_arguments, reason = "one object type, spelt out")]
    fn check_object(
        &self,
        name: &str,
        properties: &Properties,
        additional: Option<TypeRef>,
        entries: &[(String, Node)],
        node: &Node,
        path: &str,
        out: &mut Vec<Finding>,
    ) {
        for (key, value) in entries {
            let key_path = join(path, key);
            match properties.get(key) {
                Some(property) if property.flags & READ_ONLY != 0 => out.push(self.finding(
                    Code::BCP073,
                    value,
                    &key_path,
                    format!(
                        "The property \"{key}\" is read-only. Expressions cannot be assigned to read-only properties."
                    ),
                )),
                Some(property) => self.check(property.ty, value, &key_path, out),
                None => match additional {
                    Some(ty) => self.check(ty, value, &key_path, out),
                    None => {
                        let permissible: Vec<&str> = properties
                            .iter()
                            .filter(|(k, p)| {
                                p.flags & READ_ONLY == 0
                                    && !entries.iter().any(|(written, _)| written == *k)
                            })
                            .map(|(k, _)| k.as_str())
                            .collect();
                        out.push(self.finding(
                            Code::BCP037,
                            value,
                            &key_path,
                            format!(
                                "The property \"{key}\" is not allowed on objects of type \"{name}\". Permissible properties include \"{}\".",
                                permissible.join("\", \"")
                            ),
                        ));
                    }
                },
            }
        }
        let missing: Vec<&str> = properties
            .iter()
            .filter(|(k, p)| {
                p.flags & REQUIRED != 0
                    && p.flags & READ_ONLY == 0
                    && !entries.iter().any(|(written, _)| written == *k)
            })
            .map(|(k, _)| k.as_str())
            .collect();
        if !missing.is_empty() {
            out.push(self.finding(
                Code::BCP035,
                node,
                path,
                format!(
                    "The specified \"object\" declaration is missing the following required properties: \"{}\".",
                    missing.join("\", \"")
                ),
            ));
        }
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "one discriminated type, spelt out"
    )]
    fn check_discriminated(
        &self,
        name: &str,
        discriminator: &str,
        base: &Properties,
        elements: &std::collections::BTreeMap<String, TypeRef>,
        entries: &[(String, Node)],
        node: &Node,
        path: &str,
        out: &mut Vec<Finding>,
    ) {
        let selector = entries.iter().find(|(k, _)| k == discriminator);
        let Some((_, selector)) = selector else {
            out.push(self.finding(
                Code::BCP035,
                node,
                path,
                format!(
                    "The specified \"object\" declaration is missing the following required properties: \"{discriminator}\"."
                ),
            ));
            return;
        };
        let Value::Text(Some(value)) = &selector.value else {
            // A selector of unknown value: only the keys every element has can be checked.
            for (key, value) in entries {
                if let Some(property) = base.get(key) {
                    self.check(property.ty, value, &join(path, key), out);
                }
            }
            return;
        };
        let Some(element) = elements.get(value) else {
            let keys: Vec<&str> = elements.keys().map(String::as_str).collect();
            let expected = keys
                .iter()
                .map(|k| format!("'{k}'"))
                .collect::<Vec<_>>()
                .join(" | ");
            let message = format!(
                "The property \"{discriminator}\" expected a value of type \"{expected}\" but the provided value is of type \"'{value}'\"."
            );
            let key_path = join(path, discriminator);
            out.push(match suggest(value, &keys) {
                Some(s) => self.finding(
                    Code::BCP088,
                    selector,
                    &key_path,
                    format!("{message} Did you mean \"'{s}'\"?"),
                ),
                None => self.finding(Code::BCP036, selector, &key_path, message),
            });
            return;
        };
        let (element_name, mut properties, additional) = match self.types.get(*element) {
            Type::Object {
                name: element_name,
                properties,
                additional,
            } => (element_name.as_str(), properties.clone(), *additional),
            _ => (name, Properties::new(), None),
        };
        for (k, p) in base {
            properties.entry(k.clone()).or_insert(*p);
        }
        self.check_object(
            element_name,
            &properties,
            additional,
            entries,
            node,
            path,
            out,
        );
    }

    /// The type as Bicep writes it in a message.
    fn describe(&self, ty: TypeRef) -> String {
        match self.types.get(ty) {
            Type::Any | Type::Other => "any".to_owned(),
            Type::Null => "null".to_owned(),
            Type::Boolean => "bool".to_owned(),
            Type::Integer => "int".to_owned(),
            Type::String => "string".to_owned(),
            Type::Literal(value) => format!("'{value}'"),
            Type::Union(elements) => elements
                .iter()
                .map(|e| self.describe(*e))
                .collect::<Vec<_>>()
                .join(" | "),
            Type::Array(_) => "array".to_owned(),
            Type::Object { name, .. } | Type::Discriminated { name, .. } => name.clone(),
            Type::Resource { name, .. } => name.clone(),
        }
    }
}

/// The type of a written value, as Bicep names it.
fn actual(value: &Value) -> String {
    match value {
        Value::Expression => "any".to_owned(),
        Value::Text(Some(text)) => format!("'{text}'"),
        Value::Text(None) => "string".to_owned(),
        Value::Integer(n) => n.to_string(),
        Value::Number => "number".to_owned(),
        Value::Boolean(b) => b.to_string(),
        Value::Null => "null".to_owned(),
        Value::Array(_) => "array".to_owned(),
        Value::Object(_) => "object".to_owned(),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn last_segment(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

/// The literal Bicep would suggest for a misspelt `text`: one equal but for case, else the
/// nearest within an edit distance of a third of its length.
fn suggest<'a>(text: &str, literals: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = literals.iter().find(|l| l.eq_ignore_ascii_case(text)) {
        return Some(same);
    }
    let lower = text.to_lowercase();
    literals
        .iter()
        .map(|l| (distance(&lower, &l.to_lowercase()), *l))
        .filter(|(d, l)| *d <= l.chars().count() / 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, l)| l)
}

/// The Levenshtein distance of two strings, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let cost = usize::from(ca != *cb);
            let value = (above + 1).min(left + 1).min(previous + cost);
            previous = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}
