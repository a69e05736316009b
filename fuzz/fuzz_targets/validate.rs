//! Whatever loads can be validated and its access queried without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mlzone_model::{Format, Limits, load_estate};

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = load_estate("fuzz.yaml", data, Some(Format::Yaml), &Limits::default()) else {
        return;
    };
    let report = mlzone_model::validate::check(&loaded.estate);
    let _ = loaded.located.locate(report.diagnostics);
    let access = mlzone_model::access::Access::new(&loaded.estate);
    for (persona, _) in loaded.estate.personas() {
        for (environment, _) in loaded.estate.environments() {
            let _ = access.explain(
                persona,
                environment,
                None,
                "Microsoft.MachineLearningServices/workspaces/computes/write",
            );
        }
    }
});
