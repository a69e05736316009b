//! The Bicep harness on the reference examples and on hand-made broken input.

use std::path::Path;

use mlzone_tests::bicep;

fn reference(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/reference")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn reference_examples_parse() {
    for name in ["ml-workspace-private.bicep", "ml-workspace-public.bicep"] {
        bicep::assert_parses(name, &reference(name));
    }
}

#[test]
fn spread_is_a_known_grammar_gap_and_is_located() {
    // tree-sitter-bicep 1.1.0 has no object spread (`...`); the harness reports where.
    let source = reference("ml-computes.bicep");
    let errors = bicep::syntax_errors(&source);
    assert!(!errors.is_empty());
    for e in &errors {
        let line = source.lines().nth(e.line - 1).unwrap();
        assert!(line.contains("..."), "{e}: {line}");
    }
}

#[test]
fn reference_resources_are_listed() {
    let resources = bicep::resources(&reference("ml-workspace-private.bicep"));
    let storage = resources.first().unwrap();
    assert_eq!(storage.resource_type, "Microsoft.Storage/storageAccounts");
    assert!(storage.existing);
    let first = resources.get(1).unwrap();
    assert_eq!(
        first.resource_type,
        "Microsoft.MachineLearningServices/workspaces"
    );
    assert_eq!(first.api_version, "2026-05-01");
    assert_eq!(first.name.as_deref(), Some("workspaceName"));
    assert!(!first.existing);
    let types: Vec<_> = resources.iter().map(|r| r.resource_type.as_str()).collect();
    for expected in [
        "Microsoft.Network/privateEndpoints",
        "Microsoft.Network/privateDnsZones",
        "Microsoft.Authorization/roleAssignments",
    ] {
        assert!(types.contains(&expected), "{expected} not in {types:?}");
    }
}

#[test]
fn errors_are_located() {
    let source =
        "param a string\n\nresource x 'A/b@2020-01-01' = {\n  name: 'x'\n  properties: {\n}\n";
    let errors = bicep::syntax_errors(source);
    assert!(!errors.is_empty());
    assert!(errors.iter().all(|e| e.line >= 3), "{errors:?}");
    let errors = bicep::syntax_errors("var x = 'unterminated\n");
    assert!(!errors.is_empty());
    assert!(bicep::syntax_errors("var x = 'ok'\n").is_empty());
}

#[test]
fn resources_in_loops_conditions_and_existing() {
    let source = "\
resource a 'T/a@1' existing = {
  name: 'a'
}
resource b 'T/b@2' = if (true) {
  name: 'b${a.name}'
}
resource c 'T/c@3' = [for i in range(0, 2): {
  name: 'c${i}'
}]
";
    bicep::assert_parses("loops", source);
    let found: Vec<_> = bicep::resources(source)
        .into_iter()
        .map(|r| {
            (
                r.symbol,
                r.resource_type,
                r.api_version,
                r.existing,
                r.name.unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("a".into(), "T/a".into(), "1".into(), true, "'a'".into()),
            (
                "b".into(),
                "T/b".into(),
                "2".into(),
                false,
                "'b${a.name}'".into()
            ),
            (
                "c".into(),
                "T/c".into(),
                "3".into(),
                false,
                "'c${i}'".into()
            ),
        ]
    );
}

#[test]
fn comment_starts_inside_strings_are_text() {
    // tree-sitter-bicep 1.1.0 lexes `//` and `/* … */` after an escape or an interpolation
    // inside a string as a comment; Bicep reads them as text, and so does the harness.
    for (literal, value) in [
        (r"'\n//b'", "\n//b"),
        (r"'\'//b'", "'//b"),
        (r"'\n/*b*/c'", "\n/*b*/c"),
        (r"'a\t*/b'", "a\t*/b"),
        (r"'\u{41}/workspaces/*/read'", "A/workspaces/*/read"),
    ] {
        assert_eq!(
            bicep::parse_string_literal(literal),
            Ok(value.to_owned()),
            "{literal}"
        );
    }
    let source = "var a = '${x}//b' // one\nvar b = 'c\\n/*d' /* two */\nvar c = '''e//f'''\n";
    assert_eq!(bicep::syntax_errors(source), vec![]);
    let mut comments = Vec::new();
    let tree = bicep::parse(source);
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        if node.kind() == "comment" {
            comments.push(&source[node.byte_range()]);
        }
        if cursor.goto_first_child() || cursor.goto_next_sibling() {
            continue;
        }
        while cursor.goto_parent() && !cursor.goto_next_sibling() {}
        if cursor.node() == tree.root_node() {
            break;
        }
    }
    assert_eq!(comments, ["// one", "/* two */"]);
}
