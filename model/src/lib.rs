//! The typed model of an organisation's Azure Machine Learning platform.
//!
//! The pipeline inside this crate is `load` (text → document with source spans) →
//! `resolve` (document → [`Estate`] with typed references) → validation. Nothing in this
//! crate touches the file system or the network: callers hand in text and get values back.
#![deny(missing_docs)]

pub mod diagnostic;
pub mod load;
pub mod source;

pub use diagnostic::{Code, Diagnostic, Location, Related, Severity};
pub use load::{Limits, Parsed};
pub use source::{Format, Located, Source, SourceMap, Span};
pub mod builder;
pub mod document;
pub mod estate;
pub mod names;
pub mod rbac;
pub mod resolve;
pub mod schema;
pub mod vocabulary;

pub use document::Document;
pub use estate::Estate;
pub use resolve::resolve;
mod unparse;

/// The README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
