//! Integration tests of `mlzone-model` through its public API.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

mod defaults;
mod defects;
mod examples;
mod invalid;
mod limits;
mod mistakes;
mod posture;
mod props;
mod rules;
mod schema;
