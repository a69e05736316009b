//! The `mlzone` command line.

mod cli;
mod commands;
mod input;
mod output;
mod report;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::from(report::EXIT_UNUSABLE)
        }
    }
}
