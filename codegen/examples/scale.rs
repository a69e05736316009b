//! Runs the whole pipeline once on a synthetic estate and prints the time of every stage and
//! the process's peak memory: `cargo run --release -p mlzone-codegen --example scale -- 1000`.
//! With a second argument, writes the synthetic document there instead (to time the CLI).
//!
//! Criterion (`cargo bench`) gives the repeatable per-stage figures; this gives one cold run
//! end to end, the way the CLI does it: per stage the CPU time of this thread (Linux
//! `schedstat`, so other work on the machine does not count) and the output throughput, and
//! at the end the peak resident set (Linux `VmHWM`).
//!
//! `scale -- --ratio 100 1000 15` measures how each stage grows instead: it runs every stage
//! on both estates in turn, fifteen rounds, and prints per stage the median time at each
//! size and the median of the rounds' ratios, with the middle half of those ratios to show
//! their spread. The two runs of a round are seconds apart,
//! so a slow spell of the machine slows both and leaves the ratio alone.
#![allow(
    clippy::expect_used,
    reason = "a measurement stops loudly on bad input"
)]

use std::io::Write as _;
use std::time::Instant;

use mlzone_codegen::plan::Plan;
use mlzone_codegen::{Target, Templates, generate::render};
use mlzone_model::synthetic::{Settings, document};
use mlzone_model::validate::validate;
use mlzone_model::{Format, Limits, Source, load_source};
use strum::IntoEnumIterator;

/// `println!` that ends the run quietly when stdout is closed (`scale | head`), where
/// `println!` would panic.
macro_rules! say {
    ($($arg:tt)*) => {
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    };
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: usize| {
        args.get(i)
            .map_or(default, |n| n.parse().expect("a number"))
    };
    if args.first().is_some_and(|a| a == "--ratio") {
        ratio(number(1, 100), number(2, 1000), number(3, 15));
        return;
    }
    let projects = number(0, 1000);
    let yaml = synthetic_yaml(projects);
    if let Some(path) = args.get(1) {
        std::fs::write(path, yaml).expect("the document can be written");
        return;
    }
    let templates = Templates::builtin().expect("built-in templates compile");
    say!("{projects} projects, {} bytes of YAML", yaml.len());

    let start = Instant::now();
    let start_cpu = cpu_seconds();
    let mut stage = start_cpu;
    let mut lap = |name: &str, bytes: Option<usize>| {
        let now = cpu_seconds();
        let elapsed = now - stage;
        match bytes {
            Some(bytes) if elapsed > 0.0 => say!(
                "{name:>16}: {:>9.1} ms  {:>7.1} MiB  {:>6.0} MiB/s",
                elapsed * 1e3,
                bytes as f64 / 1048576.0,
                bytes as f64 / 1048576.0 / elapsed
            ),
            _ => say!("{name:>16}: {:>9.1} ms", elapsed * 1e3),
        }
        stage = now;
    };
    let loaded = load(yaml);
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
    say!(
        "{:>16}: {:>9.1} ms  {:>7.1} MiB  {:>6.0} MiB/s  (wall {:.1} ms)",
        "pipeline",
        elapsed * 1e3,
        total as f64 / 1048576.0,
        total as f64 / 1048576.0 / elapsed,
        start.elapsed().as_secs_f64() * 1e3
    );
    if let Some(peak) = peak_memory() {
        say!("{:>16}: {peak}", "peak memory");
    }
    drop(files);
    say!("each target alone:");
    let mut stage = cpu_seconds();
    for target in targets {
        let files = render(&plan, &[target], &templates).expect("synthetic estates render");
        let bytes = files.iter().map(|(_, text)| text.len()).sum::<usize>();
        let now = cpu_seconds();
        say!(
            "{:>16}: {:>9.1} ms  {:>7.1} MiB",
            format!("render {target}"),
            (now - stage) * 1e3,
            bytes as f64 / 1048576.0
        );
        stage = now;
    }
}
/// The YAML text of a synthetic estate of `projects` projects.
fn synthetic_yaml(projects: usize) -> String {
    document(Settings {
        projects,
        ..Settings::default()
    })
    .to_text(Format::Yaml)
    .expect("synthetic documents serialise")
}

fn load(yaml: String) -> mlzone_model::Loaded {
    let limits = Limits {
        max_bytes: 256 * 1024 * 1024,
        ..Limits::default()
    };
    load_source(Source::new("scale.yaml", yaml), Format::Yaml, &limits)
        .expect("synthetic documents load")
}

/// Runs every stage on estates of `small` and `large` projects in turn, `rounds` times, and
/// prints each stage's median times and the median of its per-round ratios.
fn ratio(small: usize, large: usize, rounds: usize) {
    let templates = Templates::builtin().expect("built-in templates compile");
    let texts = [synthetic_yaml(small), synthetic_yaml(large)];
    let targets: Vec<Target> = Target::iter().collect();
    let mut stages: Vec<String> = ["load + resolve", "validate", "plan"]
        .map(str::to_owned)
        .into();
    stages.extend(targets.iter().map(|target| format!("render {target}")));
    stages.push("all, one by one".to_owned());
    // times[stage][size][round], in seconds of wall time: this kernel's thread CPU time
    // counts in ticks, too coarse for the small stages.
    let mut times = vec![[Vec::new(), Vec::new()]; stages.len()];
    say!(
        "{rounds} rounds of {small} and {large} projects; per stage the median time at each \
         size and the median ratio of a round"
    );
    for _ in 0..rounds {
        for (size, yaml) in texts.iter().enumerate() {
            let mut round = Vec::with_capacity(stages.len());
            let mut lap = Instant::now();
            let mut stage = || {
                round.push(lap.elapsed().as_secs_f64());
                lap = Instant::now();
            };
            let loaded = load(yaml.clone());
            stage();
            let validated = validate(loaded.estate).expect("synthetic estates validate");
            stage();
            let plan = Plan::build(&validated).expect("synthetic estates plan");
            stage();
            for target in &targets {
                drop(render(&plan, &[*target], &templates).expect("synthetic estates render"));
                stage();
            }
            round.push(round.iter().sum());
            for (times, time) in times.iter_mut().zip(round) {
                if let Some(sizes) = times.get_mut(size) {
                    sizes.push(time);
                }
            }
        }
    }
    say!(
        "{:>16}  {:>10}  {:>10}  {:>7}  {:>13}",
        "stage",
        format!("{small}"),
        format!("{large}"),
        "ratio",
        "middle half"
    );
    for (name, [at_small, at_large]) in stages.iter().zip(&times) {
        let ratios: Vec<f64> = at_small.iter().zip(at_large).map(|(s, l)| l / s).collect();
        say!(
            "{name:>16}  {:>7.2} ms  {:>7.1} ms  {:>6.1}×  {:>5.1}–{:.1}×",
            median(at_small) * 1e3,
            median(at_large) * 1e3,
            median(&ratios),
            quantile(&ratios, 0.25),
            quantile(&ratios, 0.75),
        );
    }
}

fn median(values: &[f64]) -> f64 {
    quantile(values, 0.5)
}

/// The value a fraction `q` of the way through `values` in order (nearest rank).
fn quantile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = (q * (sorted.len().saturating_sub(1)) as f64).round() as usize;
    sorted.get(rank).copied().unwrap_or(f64::NAN)
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
