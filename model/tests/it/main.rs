//! Integration tests of `mlzone-model` through its public API.

mod examples;
mod invalid;
mod schema;
