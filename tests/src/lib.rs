//! Shared helpers of mlzone's cross-crate tests: validity checks of generated output.
//!
//! - [`bicep`]: tree-sitter-bicep parse errors, resource declarations, string literal decoding.
//! - [`arm`]: ARM template validation against the vendored official schemas, resource lists.
//! - [`lint`]: the Bicep linter's rules that the parse tree decides.
//! - [`outputs`]: whole-output checks of generated deployment files.
//! - [`types`]: Bicep and ARM resource bodies checked against Azure's published resource types.
//! - [`yaml`]: YAML parsing for the round trip of `yaml_string`.

pub mod arm;
pub mod bicep;
pub mod lint;
pub mod outputs;
pub mod types;
pub mod yaml;

/// The repository README's Rust example, compiled and run as a doctest (the published
/// `mlzone-model` runs its own README's).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
