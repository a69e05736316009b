//! The typed model of an organisation's Azure Machine Learning platform.
//!
//! The pipeline inside this crate is `load` (text → document with source spans) →
//! `resolve` (document → [`Estate`] with typed references) → validation. Nothing in this
//! crate touches the file system or the network: callers hand in text and get values back.
#![deny(missing_docs)]

pub mod diagnostic;
pub mod rbac;
pub mod source;

pub use diagnostic::{Code, Diagnostic, Location, Related, Severity};
pub use source::{Format, Located, Source, SourceMap, Span};
