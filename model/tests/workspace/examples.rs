use std::path::PathBuf;

use mlzone_model::{Document, resolve};

fn examples() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

#[test]
fn every_example_resolves() {
    for (name, text) in examples() {
        let document: Document =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let estate = resolve(&document).unwrap_or_else(|e| panic!("{name}: {e:#?}"));
        assert!(estate.projects().len() >= 1, "{name}");
    }
}

fn parse(format: mlzone_model::Format, text: &str) -> Document {
    match format {
        mlzone_model::Format::Yaml => serde_saphyr::from_str(text).unwrap(),
        mlzone_model::Format::Toml => toml::from_str(text).unwrap(),
        mlzone_model::Format::Json => serde_json::from_str(text).unwrap(),
    }
}

#[test]
fn round_trip_is_stable_in_every_format() {
    use strum::IntoEnumIterator;
    for (name, text) in examples() {
        let first = resolve(&serde_saphyr::from_str(&text).unwrap())
            .unwrap()
            .to_document();
        for format in mlzone_model::Format::iter() {
            let written = first
                .to_text(format)
                .unwrap_or_else(|e| panic!("{name} {format}: {e}"));
            let second = resolve(&parse(format, &written)).unwrap().to_document();
            let mut expected = first.clone();
            expected.schema = second.schema.clone();
            assert_eq!(expected, second, "{name} through {format}");
        }
    }
}

/// The unit tests and the packaged tests read copies of the examples inside the crate
/// (`tests/fixtures/examples`), since a package holds nothing outside its folder; they must
/// stay the examples.
#[test]
fn the_crate_copies_of_the_examples_are_the_examples() {
    let copies = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/examples");
    let mut names: Vec<String> = std::fs::read_dir(&copies)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let examples: Vec<(String, String)> = examples();
    let example_names: Vec<&str> = examples.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, example_names);
    for (name, text) in &examples {
        let copy = std::fs::read_to_string(copies.join(name)).unwrap();
        assert!(
            copy == *text,
            "tests/fixtures/examples/{name} differs from examples/{name}: copy it again"
        );
    }
}
