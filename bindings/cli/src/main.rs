//! The `mlzone` command line.

use std::process::ExitCode;

/// Rendering a large estate allocates and frees many large buffers, which mimalloc reuses
/// far better than the system allocator: `generate` on a 1000-project estate takes about
/// 1.3 s instead of 2.1 s (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ExitCode::from(mlzone_cli::run(std::env::args_os()))
}
