//! JSON files as they are written: checked strictly, then laid out the way serde_json's
//! pretty printer lays them out (two-space indent, `{}` and `[]` when empty), in one pass over
//! the text instead of through a value tree. For a large ARM template the tree cost more than
//! rendering the template.
//!
//! Strings, numbers and literals are copied as the template wrote them; the escaping filters
//! write them the way serde_json does, so the layout is the only change.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use indexmap::IndexMap;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// What ARM deployment templates carry in `metadata._generator`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Generator {
    pub(crate) name: &'static str,
    pub(crate) version: &'static str,
}

/// `text` pretty-printed with a final newline, or why it is not one JSON value with no
/// duplicate object keys.
///
/// With a `generator`, an ARM deployment template (an object whose `$schema` ends in
/// `deploymentTemplate.json#`) gets `metadata._generator`, and its first members are put in
/// Bicep's order: `$schema`, `contentVersion`, `metadata`.
pub(crate) fn pretty(text: &str, generator: Option<Generator>) -> Result<String, String> {
    check(text)?;
    // Indentation makes pretty JSON larger than the template's text; room that is never
    // written is never touched, so a generous reserve costs no memory.
    let mut out = String::with_capacity(3 * text.len() + 64);
    let template = generator.and_then(|g| arm_template(text).map(|members| (members, g)));
    match template {
        Some((members, generator)) => write_template(&members, generator, &mut out)?,
        None => layout(text, 0, &mut out),
    }
    out.push('\n');
    Ok(out)
}

/// Checks that `text` is one JSON value whose objects have no duplicate keys.
fn check(text: &str) -> Result<(), String> {
    let mut de = serde_json::Deserializer::from_str(text);
    Strict
        .deserialize(&mut de)
        .and_then(|()| de.end())
        .map_err(|e| format!("invalid JSON: {e}"))
}

/// The top-level members of `text`, valid JSON, when it is an ARM deployment template.
///
/// The text was checked already, so its members are found by a scan of its bytes rather than
/// a second parse: only the `$schema` value is parsed.
fn arm_template(text: &str) -> Option<IndexMap<String, &str>> {
    let mut members = IndexMap::new();
    for (key, value) in top_level_members(text)? {
        let key: String = serde_json::from_str(key).ok()?;
        members.insert(key, value);
    }
    let is_template = members
        .get("$schema")
        .and_then(|schema| serde_json::from_str::<String>(schema).ok())
        .is_some_and(|schema| schema.ends_with("eploymentTemplate.json#"));
    is_template.then_some(members)
}

/// The key (with its quotes) and value text of each member of `text`, valid JSON, when it is
/// an object.
fn top_level_members(text: &str) -> Option<Vec<(&str, &str)>> {
    let bytes = text.as_bytes();
    let mut at = skip_whitespace(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    let mut members = Vec::new();
    at = skip_whitespace(bytes, at + 1);
    while bytes.get(at) == Some(&b'"') {
        let key_end = string_end(bytes, at);
        let key = text.get(at..key_end)?;
        at = skip_whitespace(bytes, key_end);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        let start = skip_whitespace(bytes, at + 1);
        let end = value_end(bytes, start);
        members.push((key, text.get(start..end)?.trim_end()));
        at = skip_whitespace(bytes, end);
        if bytes.get(at) == Some(&b',') {
            at = skip_whitespace(bytes, at + 1);
        }
    }
    Some(members)
}

/// The position after the value that starts at `start` in valid JSON: the `,` or closing
/// bracket of its container (or the end of the text), skipping nested values and strings.
fn value_end(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut at = start;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' => {
                at = string_end(bytes, at);
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth == 0 => return at,
            b'}' | b']' => depth -= 1,
            b',' if depth == 0 => return at,
            _ => {}
        }
        at += 1;
    }
    bytes.len()
}

/// Writes an ARM template's members with the generator marker in its metadata.
fn write_template(
    members: &IndexMap<String, &str>,
    generator: Generator,
    out: &mut String,
) -> Result<(), String> {
    let marker =
        serde_json::json!({ "name": generator.name, "version": generator.version }).to_string();
    let mut metadata: IndexMap<String, &str> = members
        .get("metadata")
        .and_then(|m| serde_json::from_str::<IndexMap<String, &RawValue>>(m).ok())
        .map(|m| m.into_iter().map(|(k, v)| (k, v.get())).collect())
        .unwrap_or_default();
    metadata.insert("_generator".to_owned(), &marker);
    let metadata = object_text(&metadata)?;
    let mut ordered: Vec<(&str, &str)> = Vec::with_capacity(members.len() + 1);
    for key in ["$schema", "contentVersion"] {
        if let Some(value) = members.get(key) {
            ordered.push((key, value));
        }
    }
    ordered.push(("metadata", &metadata));
    ordered.extend(
        members
            .iter()
            .filter(|(key, _)| !matches!(key.as_str(), "$schema" | "contentVersion" | "metadata"))
            .map(|(key, value)| (key.as_str(), *value)),
    );
    write_members(&ordered, 0, out)
}

/// The compact JSON text of an object with the given members (raw JSON values).
fn object_text(members: &IndexMap<String, &str>) -> Result<String, String> {
    let mut text = String::from("{");
    for (index, (key, value)) in members.iter().enumerate() {
        if index > 0 {
            text.push(',');
        }
        text.push_str(&quoted(key)?);
        text.push(':');
        text.push_str(value);
    }
    text.push('}');
    Ok(text)
}

fn write_members(members: &[(&str, &str)], depth: usize, out: &mut String) -> Result<(), String> {
    if members.is_empty() {
        out.push_str("{}");
        return Ok(());
    }
    out.push('{');
    for (index, (key, value)) in members.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        newline(out, depth + 1);
        out.push_str(&quoted(key)?);
        out.push_str(": ");
        layout(value, depth + 1, out);
    }
    newline(out, depth);
    out.push('}');
    Ok(())
}

fn quoted(key: &str) -> Result<String, String> {
    serde_json::to_string(key).map_err(|e| e.to_string())
}

/// Lays out `text`, valid JSON, whose first line continues the current one and whose nested
/// lines are indented from `depth`.
fn layout(text: &str, depth: usize, out: &mut String) {
    let bytes = text.as_bytes();
    let mut depth = depth;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' => at += 1,
            b'{' | b'[' => {
                let close = if byte == b'{' { '}' } else { ']' };
                let next = skip_whitespace(bytes, at + 1);
                out.push(char::from(byte));
                if bytes.get(next) == Some(&(close as u8)) {
                    out.push(close);
                    at = next + 1;
                } else {
                    depth += 1;
                    newline(out, depth);
                    at += 1;
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(out, depth);
                out.push(char::from(byte));
                at += 1;
            }
            b',' => {
                out.push(',');
                newline(out, depth);
                at += 1;
            }
            b':' => {
                out.push_str(": ");
                at += 1;
            }
            b'"' => {
                let end = string_end(bytes, at);
                out.push_str(text.get(at..end).unwrap_or_default());
                at = end;
            }
            _ => {
                let end = scalar_end(bytes, at);
                out.push_str(text.get(at..end).unwrap_or_default());
                at = end.max(at + 1);
            }
        }
    }
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while bytes
        .get(at)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        at += 1;
    }
    at
}

/// The position after the string that starts at `start` (its opening quote).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// The position after the number or literal that starts at `start`.
fn scalar_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start;
    while bytes
        .get(at)
        .is_some_and(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}'))
    {
        at += 1;
    }
    at
}

/// Walks a JSON value, refusing duplicate object keys (serde_json would keep the last).
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Strict)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if seen.contains(&key) {
                return Err(serde::de::Error::custom(format!("duplicate key `{key}`")));
            }
            map.next_value_seed(Strict)?;
            seen.insert(key);
        }
        Ok(())
    }
}

/// An object key, borrowed from the text when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(key))
    }
    fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key.to_owned()))
    }
    fn visit_string<E>(self, key: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key))
    }
}

#[cfg(test)]
mod tests {
    use super::top_level_members;

    /// The scan finds the members a parser finds, whatever their values hold.
    #[test]
    fn top_level_members_are_found_without_parsing() {
        let text = r#" { "a\"}" : {"b": [1, {"c": "],}"}]} , "d":"x\\" ,"e" : 2.5e3 ,
            "f": [] } "#;
        assert_eq!(
            top_level_members(text).unwrap(),
            [
                (r#""a\"}""#, r#"{"b": [1, {"c": "],}"}]}"#),
                (r#""d""#, r#""x\\""#),
                (r#""e""#, "2.5e3"),
                (r#""f""#, "[]"),
            ]
        );
        assert_eq!(top_level_members("{}").unwrap(), []);
        assert!(top_level_members("[1]").is_none());
    }
}
