//! The `mlzone` command line as a library: the binary's `main` and the Python wheel's
//! `mlzone` command both call [`run`], so the two behave alike (output, colours, exit codes).

mod cli;
mod commands;
mod exports;
mod input;
mod output;
mod report;
mod snippet;
mod terminal;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

pub use exports::read_exports;

/// Runs the command line `args` (the program name first, as `std::env::args_os` gives it),
/// printing to the standard streams, and returns the exit status: 0 when clean or only
/// warnings, 1 when errors were found, 2 when the input or the usage cannot be used.
///
/// Usage errors, `--help` and `--version` are printed here and returned as a status rather
/// than ending the process, so a host such as the Python interpreter keeps control.
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let status = match cli::Cli::try_parse_from(args) {
        Ok(cli) => match cli::run(cli) {
            Ok(code) => status_of(code),
            Err(failure) => {
                print_failure(&failure.to_string());
                report::EXIT_UNUSABLE
            }
        },
        Err(usage) => {
            // Help and version go to stdout with status 0, usage errors to stderr with 2.
            let _ = usage.print();
            u8::try_from(usage.exit_code()).unwrap_or(report::EXIT_UNUSABLE)
        }
    };
    // The host may go on after this returns: nothing must stay in the buffers.
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    status
}

/// A failure may quote a command-line argument or a file name: print it line by line with
/// control characters escaped.
fn print_failure(text: &str) {
    let mut lines = text.lines();
    eprintln!(
        "error: {}",
        terminal::escaped(lines.next().unwrap_or_default())
    );
    for line in lines {
        eprintln!("{}", terminal::escaped(line));
    }
}

/// The status an `ExitCode` the commands return stands for (std offers no way to read it).
fn status_of(code: ExitCode) -> u8 {
    [0, report::EXIT_ERRORS, report::EXIT_UNUSABLE]
        .into_iter()
        .find(|status| ExitCode::from(*status) == code)
        .unwrap_or(report::EXIT_UNUSABLE)
}
