//! YAML helpers: parse a scalar back, for the round trip of `yaml_string`.

/// Parses `literal` as the value of a YAML mapping key and returns the string it denotes.
pub fn parse_string_literal(literal: &str) -> Result<String, String> {
    let document = format!("value: {literal}\n");
    let map: std::collections::BTreeMap<String, String> =
        serde_saphyr::from_str(&document).map_err(|e| e.to_string())?;
    map.get("value")
        .cloned()
        .ok_or_else(|| "no `value` key".to_owned())
}
