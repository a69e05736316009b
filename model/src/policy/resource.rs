//! A resource as Azure Policy sees it in a deployment request: its type, names, location, API
//! version and body (`kind`, `sku`, `identity`, `tags`, `properties`), where aliases point.

use serde_json::{Map, Value};

use super::alias::Step;

/// One resource a deployment writes, as policy evaluates it.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyResource {
    /// The full resource type: `Microsoft.MachineLearningServices/workspaces/computes`.
    pub resource_type: String,
    /// The full name, segments joined by `/` for a child (`ws/cluster`); `field('fullName')`.
    pub full_name: String,
    /// The resource id, when known offline (it holds the subscription id).
    pub id: Option<String>,
    /// The API version the deployment writes it with (`requestContext().apiVersion`).
    pub api_version: String,
    /// Its region, for the resource types that have one.
    pub location: Option<String>,
    /// The body: `kind`, `sku`, `identity`, `tags`, `properties`, as the template writes them.
    pub body: Map<String, Value>,
}

impl PolicyResource {
    /// Its own name: the last segment of the full name (`field('name')`).
    pub fn name(&self) -> &str {
        self.full_name
            .rsplit('/')
            .next()
            .unwrap_or(self.full_name.as_str())
    }

    /// Whether an `Indexed` definition evaluates it: Azure's rule is "types that support
    /// tags and location"; a resource written with a location stands for those.
    pub fn is_indexed(&self) -> bool {
        self.location.is_some()
    }

    /// The value of a field that is no alias (`type`, `name`, `fullName`, `id`, `kind`,
    /// `location`, `tags`, `tags['x']`, `tags.x`, `tags[x]`, `identity.type`): `Some(None)`
    /// when the resource has no such value, `None` when the field is not one of these.
    pub fn builtin_field(&self, field: &str) -> Option<Option<Value>> {
        let lower = field.to_ascii_lowercase();
        let text = |s: &str| Some(Some(Value::String(s.to_owned())));
        match lower.as_str() {
            "type" => text(&self.resource_type),
            "name" => text(self.name()),
            "fullname" => text(&self.full_name),
            "id" => Some(self.id.clone().map(Value::String)),
            "location" => Some(self.location.clone().map(Value::String)),
            "kind" | "tags" => Some(get_ci(&self.body, &lower).cloned()),
            "identity.type" => Some(
                get_ci(&self.body, "identity")
                    .and_then(Value::as_object)
                    .and_then(|i| get_ci(i, "type"))
                    .cloned(),
            ),
            _ => {
                let tag = lower
                    .strip_prefix("tags.")
                    .map(|_| field.get(5..).unwrap_or_default())
                    .or_else(|| {
                        field
                            .get(4..)
                            .and_then(|r| r.strip_prefix('['))
                            .and_then(|r| r.strip_suffix(']'))
                            .map(|r| r.trim_matches('\''))
                    })
                    .filter(|_| lower.starts_with("tags"));
                tag.map(|tag| {
                    get_ci(&self.body, "tags")
                        .and_then(Value::as_object)
                        .and_then(|t| get_ci(t, tag))
                        .cloned()
                })
            }
        }
    }
}

/// A key of an object, compared case-insensitively (property names are, in Azure).
pub(crate) fn get_ci<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).or_else(|| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// What a path finds in a value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Found {
    /// One value, or none (absent).
    One(Option<Value>),
    /// The members a path with `[*]` reaches; `None` when an array on the way is absent.
    Each(Option<Vec<Value>>),
}

/// The value(s) at `path` from `start`. Through `[*]`, one value per member (null for a
/// member without the property); through nested `[*]`, the members of the inner arrays in
/// order. The path is absent when the first array it expands is.
/// The value at `path` in a resource's `body`, as [`walk`] from the body as an object,
/// without copying the body.
pub(crate) fn walk_body(body: &Map<String, Value>, path: &[Step]) -> Found {
    match path.split_first() {
        Some((Step::Key(key), rest)) => match get_ci(body, key) {
            Some(value) => walk(value, rest),
            None if rest.contains(&Step::Each) => Found::Each(None),
            None => Found::One(None),
        },
        _ => walk(&Value::Object(body.clone()), path),
    }
}

pub(crate) fn walk(start: &Value, path: &[Step]) -> Found {
    let Some(first) = path.iter().position(|s| *s == Step::Each) else {
        let mut at = Some(start);
        for step in path {
            at = match (at, step) {
                (Some(Value::Object(map)), Step::Key(k)) => get_ci(map, k),
                _ => None,
            };
        }
        return Found::One(at.filter(|v| !v.is_null()).cloned());
    };
    let (before, after) = (
        path.get(..first).unwrap_or_default(),
        path.get(first + 1..).unwrap_or_default(),
    );
    let Found::One(Some(Value::Array(items))) = walk(start, before) else {
        return Found::Each(None);
    };
    let mut members = Vec::with_capacity(items.len());
    for item in &items {
        match walk(item, after) {
            Found::One(v) => members.push(v.unwrap_or(Value::Null)),
            Found::Each(inner) => members.extend(inner.unwrap_or_default()),
        }
    }
    Found::Each(Some(members))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::alias::parse_path;
    use serde_json::json;

    proptest::proptest! {
        /// Walking the body in place finds what walking a copy of it as an object finds.
        #[test]
        fn walking_the_body_in_place_agrees_with_walking_a_copy(
            path in proptest::sample::select(vec![
                "properties.flag",
                "properties.missing",
                "properties.links[*].properties.groupIds[*]",
                "missing[*].x",
                "properties",
                "PROPERTIES.Flag",
            ]),
        ) {
            let body = json!({"properties": {"links": [
                {"properties": {"groupIds": ["blob", "file"]}},
                {"properties": {"groupIds": ["vault"]}}
            ], "Flag": true}});
            let path = parse_path(path);
            let Value::Object(map) = &body else { unreachable!() };
            proptest::prop_assert_eq!(walk_body(map, &path), walk(&body, &path));
        }
    }

    #[test]
    fn walks_keys_case_insensitively_and_expands_members() {
        let body = json!({"properties": {"links": [
            {"properties": {"groupIds": ["blob", "file"]}},
            {"properties": {"groupIds": ["vault"]}}
        ], "Flag": true}});
        assert_eq!(
            walk(&body, &parse_path("properties.flag")),
            Found::One(Some(json!(true)))
        );
        assert_eq!(
            walk(&body, &parse_path("properties.missing")),
            Found::One(None)
        );
        assert_eq!(
            walk(
                &body,
                &parse_path("properties.links[*].properties.groupIds[*]")
            ),
            Found::Each(Some(vec![json!("blob"), json!("file"), json!("vault")]))
        );
        assert_eq!(
            walk(&body, &parse_path("properties.none[*].x")),
            Found::Each(None)
        );
        assert_eq!(
            walk(
                &json!({"properties": {"none": []}}),
                &parse_path("properties.none[*].x")
            ),
            Found::Each(Some(vec![]))
        );
    }

    #[test]
    fn builtin_fields_read_names_and_tags() {
        let r = PolicyResource {
            resource_type: "Microsoft.X/a/b".into(),
            full_name: "parent/child".into(),
            id: None,
            api_version: "2024-01-01".into(),
            location: Some("westeurope".into()),
            body: json!({"tags": {"Owner": "me"}, "kind": "Default"})
                .as_object()
                .unwrap()
                .clone(),
        };
        assert_eq!(r.builtin_field("name"), Some(Some(json!("child"))));
        assert_eq!(
            r.builtin_field("fullName"),
            Some(Some(json!("parent/child")))
        );
        assert_eq!(r.builtin_field("tags['owner']"), Some(Some(json!("me"))));
        assert_eq!(r.builtin_field("tags.Owner"), Some(Some(json!("me"))));
        assert_eq!(r.builtin_field("id"), Some(None));
        assert_eq!(r.builtin_field("Microsoft.X/a/b/prop"), None);
    }
}
