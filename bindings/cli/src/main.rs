//! The `mlzone` command line.

mod cli;
mod commands;
mod input;
mod output;
mod report;
mod snippet;
mod terminal;

use std::process::ExitCode;

use clap::Parser;

/// Rendering a large estate allocates and frees many large buffers, which mimalloc reuses
/// far better than the system allocator: `generate` on a 1000-project estate takes about
/// 1.3 s instead of 2.1 s (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(code) => code,
        Err(failure) => {
            // A failure may quote a command-line argument or a file name: print it line by
            // line with control characters escaped.
            let text = failure.to_string();
            let mut lines = text.lines();
            eprintln!(
                "error: {}",
                terminal::escaped(lines.next().unwrap_or_default())
            );
            for line in lines {
                eprintln!("{}", terminal::escaped(line));
            }
            ExitCode::from(report::EXIT_UNUSABLE)
        }
    }
}
