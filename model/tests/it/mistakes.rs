//! Every shape error at once: N independent mistakes give N located diagnostics.

use mlzone_model::{Code, Format, Limits, load_estate};
use proptest::prelude::*;

/// One kind of mistake, planted at an item of its own: the pointer it is reported at, the
/// code, the lines of YAML that plant it and the valid lines of the same item.
struct Mistake {
    path: &'static str,
    code: Code,
    wrong: &'static str,
    right: &'static str,
}

const MISTAKES: &[Mistake] = &[
    Mistake {
        path: "/tenant",
        code: Code::InvalidValue,
        wrong: "tenant: nope",
        right: "tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a",
    },
    Mistake {
        path: "/location",
        code: Code::InvalidValue,
        wrong: "location: West Europe",
        right: "location: westeurope",
    },
    Mistake {
        path: "/projectz",
        code: Code::UnknownField,
        wrong: "projectz: []",
        right: "",
    },
    Mistake {
        path: "/preset",
        code: Code::InvalidValue,
        wrong: "preset: private-restrictd",
        right: "preset: private-restricted",
    },
    Mistake {
        path: "/projects/0/name",
        code: Code::InvalidValue,
        wrong: "  - name: Churn",
        right: "  - name: churn",
    },
    Mistake {
        path: "/projects/1/network",
        code: Code::InvalidValue,
        wrong: "  - name: fraud\n    network: privat",
        right: "  - name: fraud\n    network: private",
    },
    Mistake {
        path: "/projects/2/colour",
        code: Code::UnknownField,
        wrong: "  - name: sales\n    colour: blue",
        right: "  - name: sales",
    },
    Mistake {
        path: "/projects/3/data-scientists/0/object-id",
        code: Code::InvalidValue,
        wrong: "  - name: risk\n    data-scientists:\n      - name: alice\n        object-id: not-a-guid",
        right: "  - name: risk\n    data-scientists:\n      - name: alice\n        object-id: a85d0893-7194-46f0-8a7a-f61b341980b7",
    },
    Mistake {
        path: "/projects/4",
        code: Code::MissingField,
        wrong: "  - description: no name",
        right: "  - name: ops",
    },
    Mistake {
        path: "/projects/5/compute/instance/idle-shutdown-minutes",
        code: Code::InvalidType,
        wrong: "  - name: vision\n    compute:\n      instance:\n        idle-shutdown-minutes: [60]",
        right: "  - name: vision",
    },
];

/// The document with the mistakes at `planted` (indices into [`MISTAKES`]).
fn document(planted: &[usize]) -> String {
    let line = |i: usize| {
        let mistake = &MISTAKES[i];
        if planted.contains(&i) {
            mistake.wrong
        } else {
            mistake.right
        }
    };
    let mut text = String::from("organisation: Contoso\n");
    for i in 0..4 {
        text.push_str(line(i));
        text.push('\n');
    }
    text.push_str("projects:\n");
    for i in 4..MISTAKES.len() {
        text.push_str(line(i));
        text.push('\n');
    }
    text
}

#[test]
fn the_five_mistakes_of_the_issue_are_all_reported() {
    let text = document(&[0, 1, 2, 4, 5]);
    let diagnostics = load_estate(
        "estate.yaml",
        text.as_bytes(),
        Some(Format::Yaml),
        &Limits::default(),
    )
    .unwrap_err();
    let paths: Vec<&str> = diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/tenant",
            "/location",
            "/projectz",
            "/projects/0/name",
            "/projects/1/network"
        ]
    );
    assert!(diagnostics.iter().all(|d| d.location.is_some()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn n_mistakes_give_n_diagnostics(
        planted in prop::sample::subsequence((0..MISTAKES.len()).collect::<Vec<_>>(), 1..=5),
    ) {
        let text = document(&planted);
        let diagnostics = load_estate("estate.yaml", text.as_bytes(), Some(Format::Yaml), &Limits::default())
            .expect_err("the document has mistakes");
        let mut found: Vec<(String, Code)> = diagnostics
            .iter()
            .map(|d| (d.path.clone(), d.code))
            .collect();
        found.sort();
        let mut expected: Vec<(String, Code)> = planted
            .iter()
            .map(|&i| (MISTAKES[i].path.to_owned(), MISTAKES[i].code))
            .collect();
        expected.sort();
        prop_assert_eq!(found, expected, "{}", text);
        prop_assert!(diagnostics.iter().all(|d| d.location.is_some()));
    }
}
