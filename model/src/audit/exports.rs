//! What an audit reads: the text of the exported files, by environment. The caller (the
//! CLI, the Python binding) reads them from the folder the export commands wrote; the model
//! does no IO.

use std::collections::BTreeMap;

/// One exported file: its text and the path shown in findings and errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// The path as shown in findings and errors (as the caller found it).
    pub path: String,
    /// Its text.
    pub text: String,
}

impl ExportFile {
    /// A file at `path` holding `text`.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
        }
    }
}

/// The exports of one environment, as laid out in its folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvironmentExports {
    /// `role-assignments.json`, from `az role assignment list`.
    pub role_assignments: Option<ExportFile>,
    /// `role-assignments/page-N.json`, the Resource Graph pages of the role assignments (the
    /// other form of the same export), in page order.
    pub role_assignment_pages: Vec<ExportFile>,
    /// `role-definitions.json`, from `az role definition list --custom-role-only true`.
    pub role_definitions: Option<ExportFile>,
    /// `resources/page-N.json`, the Resource Graph pages, in page order.
    pub resources: Vec<ExportFile>,
}

/// Everything exported from an estate: each environment's files, by environment name (the
/// name of its folder).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exports {
    /// The exports of each environment, by its name.
    pub environments: BTreeMap<String, EnvironmentExports>,
}
