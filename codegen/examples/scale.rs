//! Runs the whole pipeline once on a synthetic estate and prints the time of every stage and
//! the process's peak memory: `cargo run --release -p mlzone-codegen --example scale -- 1000`.
//! With a second argument, writes the synthetic document there instead (to time the CLI).
//!
//! Criterion (`cargo bench`) gives the repeatable per-stage figures; this gives one cold run
//! end to end, the way the CLI does it: per stage the CPU time of this thread (Linux
//! `schedstat`, so other work on the machine does not count) and the output throughput, and
//! at the end the peak resident set (Linux `VmHWM`).
#![allow(
    clippy::expect_used,
    reason = "a measurement stops loudly on bad input"
)]

use std::time::Instant;

use mlzone_codegen::plan::Plan;
use mlzone_codegen::{Target, Templates, generate::render};
use mlzone_model::synthetic::{Settings, document};
use mlzone_model::validate::validate;
use mlzone_model::{Format, Limits, Source, load_source};
use strum::IntoEnumIterator;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let projects = std::env::args()
        .nth(1)
        .map_or(1000, |n| n.parse().expect("a number of projects"));
    let yaml = document(Settings {
        projects,
        ..Settings::default()
    })
    .to_text(Format::Yaml)
    .expect("synthetic documents serialise");
    let limits = Limits {
        max_bytes: 256 * 1024 * 1024,
        ..Limits::default()
    };
    if let Some(path) = std::env::args().nth(2) {
        std::fs::write(&path, yaml).expect("the document can be written");
        return;
    }
    let templates = Templates::builtin().expect("built-in templates compile");
    println!("{projects} projects, {} bytes of YAML", yaml.len());

    let start = Instant::now();
    let start_cpu = cpu_seconds();
    let mut stage = start_cpu;
    let mut lap = |name: &str, bytes: Option<usize>| {
        let now = cpu_seconds();
        let elapsed = now - stage;
        match bytes {
            Some(bytes) if elapsed > 0.0 => println!(
                "{name:>16}: {:>9.1} ms  {:>7.1} MiB  {:>6.0} MiB/s",
                elapsed * 1e3,
                bytes as f64 / 1048576.0,
                bytes as f64 / 1048576.0 / elapsed
            ),
            _ => println!("{name:>16}: {:>9.1} ms", elapsed * 1e3),
        }
        stage = now;
    };
    let loaded = load_source(Source::new("scale.yaml", yaml), Format::Yaml, &limits)
        .expect("synthetic documents load");
    lap("load + resolve", None);
    let validated = validate(loaded.estate).expect("synthetic estates validate");
    lap("validate", None);
    let plan = Plan::build(&validated).expect("synthetic estates plan");
    lap("plan", None);
    let targets: Vec<Target> = Target::iter().collect();
    let files = render(&plan, &targets, &templates).expect("synthetic estates render");
    let total = files.iter().map(|(_, text)| text.len()).sum::<usize>();
    lap("render all", Some(total));
    let elapsed = cpu_seconds() - start_cpu;
    println!(
        "{:>16}: {:>9.1} ms  {:>7.1} MiB  {:>6.0} MiB/s  (wall {:.1} ms)",
        "pipeline",
        elapsed * 1e3,
        total as f64 / 1048576.0,
        total as f64 / 1048576.0 / elapsed,
        start.elapsed().as_secs_f64() * 1e3
    );
    if let Some(peak) = peak_memory() {
        println!("{:>16}: {peak}", "peak memory");
    }
    drop(files);
    println!("each target alone:");
    let mut stage = cpu_seconds();
    for target in targets {
        let files = render(&plan, &[target], &templates).expect("synthetic estates render");
        let bytes = files.iter().map(|(_, text)| text.len()).sum::<usize>();
        let now = cpu_seconds();
        println!(
            "{:>16}: {:>9.1} ms  {:>7.1} MiB",
            format!("render {target}"),
            (now - stage) * 1e3,
            bytes as f64 / 1048576.0
        );
        stage = now;
    }
}
/// The CPU time of this thread so far, in seconds (Linux `schedstat`), or wall time elsewhere.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or_else(|| EPOCH.elapsed().as_secs_f64(), |ns| ns / 1e9)
}

static EPOCH: std::sync::LazyLock<Instant> = std::sync::LazyLock::new(Instant::now);

/// The peak resident set of this process, as Linux reports it.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.trim_start_matches("VmHWM:").trim().to_owned())
}
