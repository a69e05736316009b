//! Lowering of a validated estate to a deployment plan and rendering of that plan.
//!
//! Nothing in this crate touches the file system: renderers return files in memory.
#![deny(missing_docs)]

pub mod escape;
