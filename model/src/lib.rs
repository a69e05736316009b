//! The typed model of an organisation's Azure Machine Learning platform.
//!
//! The pipeline inside this crate is [`load`] (text → [`Document`] with source spans) →
//! [`resolve()`] (document → [`Estate`] with typed references) → validation. Nothing in this
//! crate touches the file system or the network: callers hand in text and get values back.
//!
//! ```
//! let loaded = mlzone_model::load_default().expect("the default topology loads");
//! assert_eq!(loaded.estate.environments().len(), 3);
//! ```
#![deny(missing_docs)]

pub mod access;
pub mod audit;
pub mod builder;
pub mod diagnostic;
pub mod document;
pub mod estate;
pub mod guardrails;
pub mod load;
pub mod naming;
pub mod newtypes;
mod pipeline;
pub mod policy;
pub mod promotion;
pub mod resolve;
pub mod schema;
pub mod source;
pub mod synthetic;
mod unparse;
pub mod validate;
pub mod vocabulary;

// The permission engine is a crate of its own, which imports nothing of this one.
pub use mlzone_rbac as rbac;

pub use diagnostic::{Code, Diagnostic, Diagnostics, Location, Related, Severity};
pub use document::Document;
pub use estate::Estate;
pub use load::{Limits, Parsed};
pub use pipeline::{
    DEFAULT_TOPOLOGY, DEFAULT_TOPOLOGY_NAME, Loaded, load_default, load_estate, load_source,
};
pub use resolve::resolve;
pub use source::{Anchor, Format, IndexedSource, Located, Locator, Source, SourceMap, Span};

/// The README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
