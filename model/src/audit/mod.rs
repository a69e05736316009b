//! Auditing a live estate: what Azure really grants and runs, read from exported JSON and
//! compared with the document.
//!
//! mlzone never calls Azure. [`ExportPlan::for_estate`] lists the Azure CLI and Azure
//! Resource Graph commands that export what an audit reads, per environment's subscription,
//! and [`ExportPlan::to_shell`] writes them as a shell script; the files they write are laid
//! out as [`ExportPlan`] says, one folder per environment.

mod commands;
mod definitions;
mod shell;
mod stub;

pub use commands::{
    EnvironmentExport, Export, ExportKind, ExportPlan, RESOURCE_PAGE_SIZE, RESOURCE_QUERY,
    RESOURCE_TYPES, RESOURCES_FOLDER, ROLE_ASSIGNMENTS_FILE, ROLE_DEFINITIONS_FILE, Word,
};
pub use shell::quote;
