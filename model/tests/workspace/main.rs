//! Integration tests of `mlzone-model` against the files of the workspace around it: the
//! examples, the shared invalid fixtures and the JSON Schema. Left out of the package
//! (`exclude` in `Cargo.toml`), since those files are not in it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

mod examples;
mod rules;
mod schema;
