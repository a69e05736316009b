//! Lowering of a validated estate to a deployment plan and rendering of that plan.
//!
//! Nothing in this crate touches the file system: renderers return files in memory.
//! Rendering goes through [`templates::Templates`] (one Tera instance per [`Syntax`], escaping
//! filters from [`escape`]) into a [`FileSet`] that normalises text and parses JSON back.
#![deny(missing_docs)]

pub mod error;
pub mod escape;
pub mod fileset;
pub mod generate;
pub mod plan;
pub mod samples;
pub mod syntax;
pub mod targets;
pub mod templates;

pub use error::Error;
pub use fileset::{FileSet, FileSink, RelativePath};
pub use generate::{Target, generate, generate_into};
pub use syntax::Syntax;
pub use templates::Templates;

/// The README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
