//! Integration tests of `mlzone-model` through its public API, with the crate's own files
//! only: they ship in the package and pass when it is unpacked.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

mod defaults;
mod defects;
mod invalid;
mod limits;
mod mistakes;
mod posture;
mod props;
