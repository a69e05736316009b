//! Integration tests of mlzone: one binary, one module per area.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

mod architecture;
mod arm;
mod audit;
mod audit_exports;
mod bicep;
mod docs;
mod escaping;
mod landing_zone;
mod pipeline;
mod policy;
mod promotion;
mod roles;
mod rust_api;
mod samples;
mod sarif;
mod targets;
mod types;
