//! Integration tests of mlzone: one binary, one module per area.

mod arm;
mod bicep;
mod escaping;
mod samples;
mod sarif;
