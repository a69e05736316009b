//! The deployable targets (`bicep`, `arm`, `roles`) for every example and for random valid
//! estates: valid output, Bicep and ARM agreeing, role files agreeing, determinism, escaping.

use std::path::Path;

use mlzone_codegen::{FileSet, Target, Templates, generate};
use mlzone_model::validate::{Validated, validate};
use mlzone_model::{Document, Format, Limits, load_estate};
use mlzone_tests::{arm, bicep, outputs};
use proptest::prelude::*;
use serde_json::Value;

const TARGETS: [Target; 4] = [Target::Bicep, Target::Arm, Target::Roles, Target::Policy];

fn templates() -> &'static Templates {
    static TEMPLATES: std::sync::OnceLock<Templates> = std::sync::OnceLock::new();
    TEMPLATES.get_or_init(|| Templates::builtin().unwrap())
}

/// Every example document: (file stem, text).
fn examples() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_str().unwrap().to_owned();
            (stem, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    found.sort();
    assert!(found.len() >= 6, "{found:?}");
    found
}

fn validated(name: &str, text: &str, format: Format) -> Validated {
    let loaded = load_estate(name, text.as_bytes(), Some(format), &Limits::default())
        .unwrap_or_else(|d| panic!("{name}: {d:#?}"));
    validate(loaded.estate).unwrap_or_else(|r| panic!("{name}: {r:#?}"))
}

fn from_document(document: &Document) -> Validated {
    let estate = mlzone_model::resolve(document).unwrap_or_else(|d| panic!("{d:#?}"));
    validate(estate).unwrap_or_else(|r| panic!("{r:#?}"))
}

fn render(validated: &Validated, targets: &[Target]) -> FileSet {
    generate(validated, targets, templates()).unwrap_or_else(|e| panic!("{e}"))
}

/// Every file under `=== path ===` headers.
fn joined(files: &FileSet) -> String {
    files
        .iter()
        .map(|(path, text)| format!("=== {path} ===\n{text}"))
        .collect()
}

#[test]
fn every_example_generates_valid_agreeing_output() {
    for (name, text) in examples() {
        let files = render(&validated(&name, &text, Format::Yaml), &TARGETS);
        assert!(
            files
                .iter()
                .any(|(p, _)| p.as_str().ends_with("main.bicep")),
            "{name}"
        );
        outputs::check(&files);
    }
}

#[test]
fn every_example_has_a_snapshot_per_target() {
    for (name, text) in examples() {
        let validated = validated(&name, &text, Format::Yaml);
        for target in TARGETS {
            let files = render(&validated, &[target]);
            for (path, text) in files.iter() {
                assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{path}");
            }
            insta::assert_snapshot!(format!("{name}__{target}"), joined(&files));
        }
    }
}

/// The example as a JSON value with its lists and maps in reverse order.
fn reversed(text: &str) -> String {
    let mut value: Value = serde_saphyr::from_str(text).unwrap();
    reverse(&mut value);
    serde_json::to_string(&value).unwrap()
}

fn reverse(value: &mut Value) {
    match value {
        Value::Array(items) => {
            items.reverse();
            items.iter_mut().for_each(reverse);
        }
        Value::Object(map) => {
            let mut entries: Vec<_> = std::mem::take(map).into_iter().collect();
            entries.reverse();
            for (k, mut v) in entries {
                if k != "promotes-from" && k != "clusters" && k != "pipelines" {
                    reverse(&mut v);
                }
                map.insert(k, v);
            }
        }
        _ => {}
    }
}

#[test]
fn output_is_deterministic_and_independent_of_document_order() {
    for (name, text) in examples() {
        let first = render(&validated(&name, &text, Format::Yaml), &TARGETS);
        let again = render(&validated(&name, &text, Format::Yaml), &TARGETS);
        assert_eq!(first, again, "{name}");
        let permuted = render(&validated(&name, &reversed(&text), Format::Json), &TARGETS);
        for ((path, a), (_, b)) in first.iter().zip(permuted.iter()) {
            let line = a.lines().zip(b.lines()).position(|(x, y)| x != y);
            assert_eq!(
                a, b,
                "{name}: reordering the document changed {path} at line {line:?}"
            );
        }
        assert_eq!(
            first, permuted,
            "{name}: reordering the document changed the output"
        );
    }
}

/// Strings that stress every escaping rule the model lets through.
fn tricky() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("'".to_owned()),
        Just("\\".to_owned()),
        Just("${x}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("\"".to_owned()),
        Just("//".to_owned()),
        Just("/*".to_owned()),
        Just("*/".to_owned()),
        Just("'''".to_owned()),
        Just("[parameters('x')]".to_owned()),
        Just("{0}".to_owned()),
        Just("é ü 漢字 🚀".to_owned()),
        "[a-zA-Z ]{1,6}",
    ];
    prop::collection::vec(pieces, 1..8).prop_map(|v| v.concat())
}

fn small_settings() -> impl Strategy<Value = mlzone_model::synthetic::Settings> {
    (1usize..6, 0usize..3, 0usize..3, any::<u64>()).prop_map(|(projects, ds, clusters, seed)| {
        mlzone_model::synthetic::Settings {
            projects,
            data_scientists: ds,
            clusters,
            seed,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn random_estates_generate_valid_output_in_any_order(
        settings in small_settings(),
        rotation in 0usize..6,
    ) {
        let document = mlzone_model::synthetic::document(settings);
        let files = render(&from_document(&document), &TARGETS);
        outputs::check(&files);
        let mut permuted = document.clone();
        let n = permuted.projects.len();
        permuted.projects.rotate_left(rotation % n.max(1));
        permuted.projects.reverse();
        prop_assert_eq!(&files, &render(&from_document(&permuted), &TARGETS));
    }

    #[test]
    fn arbitrary_text_round_trips_through_every_target(
        organisation in tricky(),
        description in tricky(),
        line in tricky(),
        tag in tricky(),
        role_description in tricky(),
    ) {
        let mut document = mlzone_model::synthetic::document(mlzone_model::synthetic::Settings {
            projects: 2,
            data_scientists: 1,
            clusters: 1,
            seed: 7,
        });
        let description = format!("{description}\n{line}");
        // A blank organisation is refused when loading, so it always starts with a word.
        let organisation = format!("Contoso{organisation}");
        document.organisation = organisation.clone();
        document.tags.insert("note".to_owned(), tag.clone());
        for project in &mut document.projects {
            project.description = Some(description.clone());
        }
        document.roles.push(mlzone_model::document::RoleDoc {
            name: "auditor".try_into().unwrap(),
            display_name: Some(format!("Auditor {organisation}")),
            description: role_description.clone(),
            extends: vec!["read-only".to_owned()],
            actions: Vec::new(),
            not_actions: Vec::new(),
            data_actions: Vec::new(),
            not_data_actions: Vec::new(),
        });
        let files = render(&from_document(&document), &TARGETS);
        outputs::check(&files);

        let arm_template: Value =
            serde_json::from_str(files.get("arm/dev/azuredeploy.json").unwrap()).unwrap();
        let literal = |v: &Value| mlzone_tests::arm::unliteral(v.as_str().unwrap()).unwrap().to_owned();
        let project = &arm_template["resources"].as_array().unwrap().iter()
            .find(|r| r["type"] == "Microsoft.Resources/deployments" && r["name"].as_str().unwrap().contains("project"))
            .unwrap()["properties"]["template"];
        let workspace = project["resources"].as_array().unwrap().iter()
            .find(|r| r["type"] == "Microsoft.MachineLearningServices/workspaces").unwrap();
        prop_assert_eq!(literal(&workspace["properties"]["description"]), description.clone());
        prop_assert_eq!(literal(&workspace["tags"]["note"]), tag.clone());

        let role: Value = serde_json::from_str(files.get("roles/dev/auditor.json").unwrap()).unwrap();
        prop_assert_eq!(role["Description"].as_str().unwrap(), role_description.as_str());
        prop_assert!(role["Name"].as_str().unwrap().contains(&organisation));

        let module = files.iter()
            .find(|(p, _)| p.as_str().starts_with("bicep/dev/modules/projects/"))
            .unwrap().1;
        let decoded: Vec<String> = module.lines()
            .filter_map(|l| l.trim_start().strip_prefix("description: "))
            .filter_map(|l| bicep::parse_string_literal(l).ok())
            .collect();
        prop_assert!(decoded.contains(&description), "{:?}", decoded);
        let main = files.get("bicep/dev/main.bicep").unwrap();
        let decoded: Vec<String> = main.lines()
            .filter_map(|l| l.trim_start().strip_prefix("description: "))
            .filter_map(|l| bicep::parse_string_literal(l).ok())
            .collect();
        prop_assert!(decoded.contains(&role_description), "{:?}", decoded);
    }
}

#[test]
fn large_estates_are_split_within_arm_limits() {
    let document = mlzone_model::synthetic::document(mlzone_model::synthetic::Settings {
        projects: 450,
        data_scientists: 2,
        clusters: 1,
        seed: 3,
    });
    let files = render(&from_document(&document), &[Target::Arm]);
    assert!(
        files.get("arm/dev/azuredeploy-2.json").is_some(),
        "no split"
    );
    for (path, text) in files.iter() {
        assert!(text.len() <= outputs::MAX_BYTES, "{path}: {}", text.len());
        if !path.as_str().ends_with("parameters.json") {
            let template: Value = serde_json::from_str(text).unwrap();
            let count = template["resources"].as_array().unwrap().len();
            assert!(count <= outputs::MAX_RESOURCES, "{path}: {count}");
        }
    }
    let _ = arm::schemas();
}

/// Every example's deployment complies with every guardrail it assigns: validation, which
/// evaluates each assignment of the `policy` target on the planned resources, finds nothing.
#[test]
fn every_example_complies_with_its_own_guardrails() {
    use mlzone_model::Code;
    for (name, text) in examples() {
        let loaded = load_estate(
            &name,
            text.as_bytes(),
            Some(Format::Yaml),
            &Limits::default(),
        )
        .unwrap_or_else(|d| panic!("{name}: {d:#?}"));
        let report = mlzone_model::validate::check(&loaded.estate);
        let findings: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| matches!(d.code, Code::GuardrailDenied | Code::GuardrailNonCompliant))
            .map(|d| d.message.clone())
            .collect();
        assert!(findings.is_empty(), "{name}: {findings:#?}");
        let planned: usize = loaded
            .estate
            .environments()
            .map(|(id, _)| {
                mlzone_model::guardrails::environment_guardrails(&loaded.estate, id)
                    .assignments
                    .len()
            })
            .sum();
        assert!(planned > 0, "{name} assigns no guardrail");
    }
}
