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
        "schema/mlzone.schema.json is stale: run `MLZONE_UPDATE_SCHEMA=1 cargo test -p mlzone-model --test workspace schema` and review the diff"
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
            "rules",
            "registry",
            "landing-zone",
            "guardrails"
        ]
    );
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
}

/// A document that loads, holding every string with a length limit of its own.
fn bounded_document() -> serde_json::Value {
    serde_json::json!({
        "organisation": "Contoso",
        "tenant": "467096de-d9e3-4d6f-89d6-ef231900a05a",
        "location": "westeurope",
        "tags": { "owner": "x" },
        "projects": [{ "name": "churn", "description": "x", "tags": { "owner": "x" } }],
        "roles": [{
            "name": "reviewer",
            "display-name": "x",
            "description": "x",
            "actions": ["Microsoft.MachineLearningServices/workspaces/read"]
        }],
        "rules": { "missing-group": { "level": "allow", "reason": "x" } }
    })
}

/// The pointers of the diagnostics of loading `document`, with their codes.
fn refused(document: &serde_json::Value) -> Vec<(String, String)> {
    let text = serde_json::to_string(document).unwrap();
    let limits = mlzone_model::Limits::default();
    match mlzone_model::load_estate("estate.json", text.as_bytes(), None, &limits) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics
            .into_iter()
            .map(|d| (d.path, d.code.to_string()))
            .collect(),
    }
}

#[test]
fn the_schema_bounds_every_string_the_loader_bounds() {
    let schema = mlzone_model::schema::json_schema();
    let defs = &schema["$defs"];
    let cases = [
        (&schema["properties"]["organisation"], "/organisation", 128),
        (
            &schema["properties"]["tags"]["additionalProperties"],
            "/tags/owner",
            256,
        ),
        (
            &defs["ProjectDoc"]["properties"]["description"],
            "/projects/0/description",
            1024,
        ),
        (
            &defs["ProjectDoc"]["properties"]["tags"]["additionalProperties"],
            "/projects/0/tags/owner",
            256,
        ),
        (
            &defs["RoleDoc"]["properties"]["display-name"],
            "/roles/0/display-name",
            128,
        ),
        (
            &defs["RoleDoc"]["properties"]["description"],
            "/roles/0/description",
            1024,
        ),
        (
            &defs["PersonaDoc"]["properties"]["description"],
            "/personas/stakeholder/description",
            1024,
        ),
        (
            &defs["RuleDoc"]["properties"]["reason"],
            "/rules/missing-group/reason",
            1024,
        ),
    ];
    assert_eq!(refused(&bounded_document()), []);
    for (bound, pointer, limit) in cases {
        assert_eq!(bound["maxLength"], limit, "the schema at {pointer}");
        // The loader accepts the limit and refuses one character more, at the pointer.
        for (length, expected) in [(limit, false), (limit + 1, true)] {
            let mut document = bounded_document();
            if pointer.starts_with("/personas/") {
                document["personas"] = serde_json::json!({ "stakeholder": { "description": "x" } });
            }
            *document.pointer_mut(pointer).unwrap() = "é".repeat(length).into();
            let found = refused(&document)
                .into_iter()
                .any(|(path, code)| path == pointer && code == "limit-exceeded");
            assert_eq!(found, expected, "{length} characters at {pointer}");
        }
    }
    // Tag names: at most 512 characters.
    let names = &schema["properties"]["tags"]["propertyNames"];
    assert_eq!(names["maxLength"], 512);
    let mut document = bounded_document();
    let name = "n".repeat(513);
    document["tags"] = serde_json::json!({ name.clone(): "x" });
    assert!(refused(&document).contains(&(format!("/tags/{name}"), "invalid-value".to_owned())));
    // Every other string is bounded by the loader's limit on any string.
    let limit = mlzone_model::Limits::default().max_string_length;
    assert_eq!(schema["properties"]["$schema"]["maxLength"], limit);
    assert_eq!(
        defs["RoleDoc"]["properties"]["actions"]["items"]["maxLength"],
        limit
    );
}
