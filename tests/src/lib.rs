//! Shared helpers of mlzone's cross-crate tests.
