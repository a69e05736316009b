//! Any bytes, in any of the three syntaxes, load into an estate or into located diagnostics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mlzone_model::{Format, Limits, load_estate};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, text)) = data.split_first() else {
        return;
    };
    let format = match selector % 3 {
        0 => Format::Yaml,
        1 => Format::Toml,
        _ => Format::Json,
    };
    if let Err(diagnostics) = load_estate("fuzz", text, Some(format), &Limits::default()) {
        assert!(!diagnostics.is_empty());
        for diagnostic in diagnostics {
            if let Some(location) = diagnostic.location {
                assert!(location.offset + location.length <= text.len());
            }
        }
    }
});
