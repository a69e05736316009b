//! The docs view of the capabilities the access matrix shows.
//!
//! The capabilities themselves (names, catalog operations, how they combine) are one table
//! in the model, [`mlzone_model::access::capabilities`], which the validator's rules use too;
//! this module only shapes them for the capabilities page.

pub use mlzone_model::access::capabilities::{CAPABILITIES, Capability, Check, is_read};
use serde::Serialize;

/// The docs view of a capability: what the capabilities page lists.
#[derive(Debug, Clone, Serialize)]
pub struct CapabilityView {
    /// Its key.
    pub key: &'static str,
    /// Its name.
    pub name: &'static str,
    /// What it means.
    pub description: &'static str,
    /// How the operations combine.
    pub rule: &'static str,
    /// The operations checked.
    pub operations: &'static [&'static str],
}

impl CapabilityView {
    /// The view of `capability`.
    pub fn of(capability: &Capability) -> Self {
        Self {
            key: capability.key,
            name: capability.name,
            description: capability.description,
            rule: capability.check.rule(),
            operations: capability.check.operations(),
        }
    }
}
