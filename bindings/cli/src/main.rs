//! The `mlzone` command line.

fn main() {}
