//! Whatever validates renders every target without a panic or an internal error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mlzone_codegen::{Target, Templates, generate};
use mlzone_model::{Format, Limits, load_estate};

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = load_estate("fuzz.yaml", data, Some(Format::Yaml), &Limits::default()) else {
        return;
    };
    let Ok(validated) = mlzone_model::validate::validate(loaded.estate) else {
        return;
    };
    let Ok(templates) = Templates::builtin() else {
        panic!("built-in templates always load");
    };
    let targets = [Target::Bicep, Target::Arm, Target::Roles, Target::Docs, Target::Pipeline];
    if let Err(error) = generate(&validated, &targets, &templates) {
        panic!("a validated estate failed to render: {error}");
    }
});
