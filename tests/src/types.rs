//! A type check of generated Bicep and ARM against Azure's published resource types, the data
//! the Bicep compiler checks with (bicep-types-az, vendored in `fixtures/bicep-types/`).
//!
//! Every resource body is checked against the type of its resource type and API version, with
//! the compiler's codes: unknown property (BCP037), wrong type or value (BCP036, BCP088 when a
//! string is close to one of a closed union's literals), read-only property written (BCP073),
//! required property missing (BCP035), no published type (BCP081).
//!
//! - [`model`]: the types files read into a small type model.
//! - [`check`]: one value against one type.
//! - [`bicep`], [`arm`]: resource bodies of each language read into [`check::Node`]s.

pub mod arm;
pub mod bicep;
pub mod check;
pub mod model;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use mlzone_codegen::FileSet;
use serde_json::Value;

pub use check::{Code, Finding};
pub use model::Types;

/// The vendored types, loaded once.
pub fn types() -> &'static Types {
    static TYPES: OnceLock<Types> = OnceLock::new();
    TYPES.get_or_init(|| Types::load(&model::types_dir()).unwrap_or_else(|e| panic!("{e}")))
}

/// Every finding of every Bicep and ARM template of `files`, each prefixed with its path.
pub fn check_files(files: &FileSet) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, text) in files.iter() {
        let path = path.as_str();
        match check_file(path, text) {
            Ok(findings) => problems.extend(findings.iter().map(|f| format!("{path}:{f}"))),
            Err(e) => problems.push(format!("{path}: {e}")),
        }
    }
    problems
}

/// The findings of one generated file: a Bicep file (`*.bicep`) or an ARM template (under
/// `arm/`, not a parameters file); none for any other file.
pub fn check_file(path: &str, text: &str) -> Result<Vec<Finding>, String> {
    if path.ends_with(".bicep") {
        Ok(bicep::check(types(), text))
    } else if path.starts_with("arm/") && !path.ends_with(".parameters.json") {
        let template = serde_json::from_str::<Value>(text).map_err(|e| e.to_string())?;
        Ok(arm::check(types(), &template))
    } else {
        Ok(Vec::new())
    }
}

/// The (resource type, API version) of every resource the Bicep and ARM templates of `files`
/// declare, `existing` ones included.
pub fn pairs(files: &FileSet) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for (path, text) in files.iter() {
        let path = path.as_str();
        if path.ends_with(".bicep") {
            found.extend(
                bicep::declarations(text)
                    .into_iter()
                    .map(|d| (d.resource_type, d.api_version)),
            );
        } else if path.starts_with("arm/")
            && !path.ends_with(".parameters.json")
            && let Ok(template) = serde_json::from_str::<Value>(text)
        {
            found.extend(
                crate::arm::resources(&template)
                    .into_iter()
                    .map(|r| (r.resource_type, r.api_version)),
            );
        }
    }
    found
}
