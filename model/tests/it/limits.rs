//! The loader's default limits hold the largest estate the format documents.

use mlzone_model::document::limits::MAX_PROJECTS;
use mlzone_model::synthetic::{Settings, document};
use mlzone_model::{Format, Limits, load_estate};

/// 5,000 projects with ten data scientists each (about 6 MiB of YAML, more than the YAML
/// library's own node budget allows) load with the default limits.
#[test]
fn the_largest_documented_estate_loads() {
    let yaml = document(Settings {
        projects: MAX_PROJECTS,
        ..Settings::default()
    })
    .to_text(Format::Yaml)
    .unwrap();
    assert!(yaml.len() > 4 * 1024 * 1024, "{} bytes", yaml.len());
    let loaded = load_estate("estate.yaml", yaml.as_bytes(), None, &Limits::default())
        .unwrap_or_else(|diagnostics| panic!("{}", diagnostics[0]));
    assert_eq!(loaded.estate.projects().len(), MAX_PROJECTS);
}
