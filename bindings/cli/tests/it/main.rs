//! The `mlzone` binary, run as users run it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

mod audit;
mod bad_input;
mod commands;
mod help;
mod human;
mod output_dir;

use std::path::PathBuf;

use assert_cmd::Command;

/// The binary, with colours and terminal detection out of the way.
pub(crate) fn mlzone() -> Command {
    let mut command = Command::cargo_bin("mlzone").unwrap();
    command.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    command
}

/// Every example document.
pub(crate) fn examples() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    files
}
