//! The committed JSON Schema is the one the document types derive.

use std::path::PathBuf;

#[test]
fn committed_schema_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/mlzone.schema.json");
    let generated = mlzone_model::schema::json_schema_text();
    if std::env::var_os("MLZONE_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/mlzone.schema.json is stale: run `MLZONE_UPDATE_SCHEMA=1 cargo test -p mlzone-model --test it schema` and review the diff"
    );
}

#[test]
fn schema_knows_every_top_level_key() {
    let schema = mlzone_model::schema::json_schema();
    let properties = schema["properties"].as_object().unwrap();
    let keys: Vec<&str> = properties.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "$schema",
            "organisation",
            "tenant",
            "location",
            "preset",
            "naming",
            "tags",
            "environments",
            "personas",
            "projects",
            "roles",
            "rules"
        ]
    );
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
}
