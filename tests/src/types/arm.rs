//! ARM resources read into [`Node`]s and checked: every resource of a template, children in a
//! parent's `resources` and resources of inline nested deployments included.
//!
//! ARM's own keys of a resource (`type`, `apiVersion`, `dependsOn`, `condition`, `copy`,
//! `comments`, `resources`, `scope`, `metadata`, and a deployment's target `subscriptionId` and
//! `resourceGroup`) are not part of the type. A string that is an
//! expression (`[…]`, not `[[…`) is of unknown type.

use serde_json::Value as Json;

use super::check::{Finding, Node, Value, check_resource};
use super::model::Types;
use crate::arm::{resources, unliteral};

/// Keys of a resource that ARM handles itself.
const LANGUAGE_KEYS: [&str; 11] = [
    "type",
    "apiVersion",
    "dependsOn",
    "condition",
    "copy",
    "comments",
    "resources",
    "scope",
    "metadata",
    "subscriptionId",
    "resourceGroup",
];

/// Checks every resource of `template`.
pub fn check(types: &Types, template: &Json) -> Vec<Finding> {
    let mut findings = Vec::new();
    for resource in resources(template) {
        let Some(Json::Object(body)) = template.pointer(&resource.pointer) else {
            continue;
        };
        let entries = body
            .iter()
            .filter(|(k, _)| !LANGUAGE_KEYS.contains(&k.as_str()))
            .map(|(k, v)| {
                (
                    k.clone(),
                    read(v, &format!("{}/{}", resource.pointer, escape(k))),
                )
            })
            .collect();
        let node = Node {
            value: Value::Object(entries),
            at: resource.pointer.clone(),
        };
        findings.extend(check_resource(
            types,
            &resource.resource_type,
            &resource.api_version,
            &node,
        ));
    }
    findings
}

/// Reads a JSON value at `pointer`.
pub fn read(value: &Json, pointer: &str) -> Node {
    let value = match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Boolean(*b),
        Json::Number(n) => n.as_i64().map_or(Value::Number, Value::Integer),
        Json::String(s) => match unliteral(s) {
            Some(text) => Value::Text(Some(text.to_owned())),
            None => Value::Expression,
        },
        Json::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| read(item, &format!("{pointer}/{i}")))
                .collect(),
        ),
        Json::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), read(v, &format!("{pointer}/{}", escape(k)))))
                .collect(),
        ),
    };
    Node {
        value,
        at: pointer.to_owned(),
    }
}

/// A key as a JSON pointer segment.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
