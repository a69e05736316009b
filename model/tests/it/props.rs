//! No input panics the pipeline: arbitrary text and mutations of the examples always end in
//! an estate or in located diagnostics.

use mlzone_model::{Code, Format, Limits, load_estate};
use proptest::prelude::*;

const EXAMPLES: [&str; 3] = [
    include_str!("../fixtures/examples/minimal.yaml"),
    include_str!("../fixtures/examples/private-restricted.yaml"),
    include_str!("../fixtures/examples/enterprise.yaml"),
];

/// Loads `text` as `format` and checks the outcome is well formed: an estate that survives a
/// round trip, or diagnostics located inside the text.
fn check(text: &str, format: Format) {
    match load_estate("input", text.as_bytes(), Some(format), &Limits::default()) {
        Ok(loaded) => {
            let document = loaded.estate.to_document();
            let written = document.to_text(Format::Json).unwrap();
            let again = load_estate("again.json", written.as_bytes(), None, &Limits::default())
                .unwrap_or_else(|d| panic!("a written document does not load again: {d:#?}"));
            assert_eq!(again.estate.to_document(), document);
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            for diagnostic in diagnostics {
                let location = diagnostic
                    .location
                    .as_ref()
                    .unwrap_or_else(|| panic!("unlocated: {diagnostic}"));
                assert!(
                    location.offset + location.length <= text.len(),
                    "{diagnostic}"
                );
                assert!(location.line >= 1 && location.column >= 1);
                assert!(!diagnostic.message.is_empty());
                assert_ne!(diagnostic.code, Code::UnknownFormat);
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Delete(usize),
    Replace(usize, char),
}

fn edit() -> impl Strategy<Value = Edit> {
    let symbol = prop::sample::select(vec![
        ':', '-', ' ', '\n', '[', ']', '{', '}', '&', '*', '#', '"', '\'', 'a', '0', '\t', '!',
        '|', '>', ',', 'é',
    ]);
    prop_oneof![
        (any::<usize>(), symbol.clone()).prop_map(|(at, c)| Edit::Insert(at, c)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), symbol).prop_map(|(at, c)| Edit::Replace(at, c)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        if chars.is_empty() {
            break;
        }
        match *edit {
            Edit::Insert(at, c) => chars.insert(at % (chars.len() + 1), c),
            Edit::Delete(at) => {
                chars.remove(at % chars.len());
            }
            Edit::Replace(at, c) => {
                let at = at % chars.len();
                chars[at] = c;
            }
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>(), format in prop::sample::select(vec![Format::Yaml, Format::Toml, Format::Json])) {
        check(&text, format);
    }

    #[test]
    fn mutated_examples_never_panic(example in 0..EXAMPLES.len(), edits in prop::collection::vec(edit(), 1..6)) {
        check(&apply(EXAMPLES[example], &edits), Format::Yaml);
    }

    #[test]
    fn mutated_json_never_panics(example in 0..EXAMPLES.len(), edits in prop::collection::vec(edit(), 1..6)) {
        let loaded = load_estate("e.yaml", EXAMPLES[example].as_bytes(), None, &Limits::default()).unwrap();
        let json = loaded.estate.to_document().to_text(Format::Json).unwrap();
        check(&apply(&json, &edits), Format::Json);
    }
}
