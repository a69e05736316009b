use std::collections::BTreeMap;

use super::engine::new_engine;
use super::*;
use crate::samples;

/// Every template constant, so that adding one without a built-in fails here.
const ALL: &[&str] = &[
    ARM_TEMPLATE,
    ARM_PARAMETERS,
    ARM_PRIVATE_DNS,
    ARM_PROJECT,
    ARM_REGISTRY,
    ARM_REGISTRY_PARAMETERS,
    BICEP_MAIN,
    BICEP_PARAMETERS,
    BICEP_PRIVATE_DNS,
    BICEP_PROJECT,
    BICEP_REGISTRY,
    BICEP_REGISTRY_MODULE,
    BICEP_REGISTRY_PARAMETERS,
    BICEP_REGISTRY_READER,
    DOCS_ACCESS_MATRIX,
    DOCS_GUARDRAILS,
    DOCS_LANDING_ZONE,
    DOCS_PERMISSION_DIFF,
    DOCS_PROJECT,
    DOCS_PROMOTION,
    DOCS_PROMOTION_DIAGRAM,
    DOCS_README,
    PIPELINE_AZURE,
    PIPELINE_GITHUB,
    PIPELINE_LOAD_TEST,
    PIPELINE_LOAD_TEST_REQUESTS,
    PIPELINE_PROMOTE_AZURE,
    PIPELINE_PROMOTE_GITHUB,
    PIPELINE_README,
    POLICY_ARM,
    POLICY_ARM_MANAGEMENT_GROUP,
    POLICY_BICEP_MAIN,
    POLICY_BICEP_MANAGEMENT_GROUP,
    POLICY_BICEP_RESOURCE_GROUP,
    ROLE_DEFINITION,
];

#[test]
fn every_constant_resolves_and_renders_its_sample() {
    let templates = Templates::builtin().unwrap();
    for name in ALL {
        let builtin = builtin(name).unwrap_or_else(|| panic!("no built-in `{name}`"));
        let mut files = FileSet::new();
        let path = RelativePath::new("out").unwrap();
        templates
            .render_file(&mut files, path, name, &(builtin.sample)())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    assert_eq!(ALL.len(), BUILTINS.len());
}

#[test]
fn builtins_are_sorted_unique_and_follow_the_interpolation_rule() {
    let names: Vec<_> = BUILTINS.iter().map(|b| b.name).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(names, sorted);
    for b in BUILTINS {
        lint::check(b.syntax, b.source).unwrap_or_else(|e| panic!("{}: {e}", b.name));
    }
}

#[test]
fn every_template_file_is_registered() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut stack = vec![root.clone()];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .replace('\\', "/");
                files.push(rel);
            }
        }
    }
    files.sort();
    let names: Vec<_> = BUILTINS.iter().map(|b| b.name.to_owned()).collect();
    assert_eq!(files, names);
}

#[test]
fn undefined_variables_are_errors() {
    let templates = Templates::builtin().unwrap();
    let err = templates
        .render(ROLE_DEFINITION, &serde_json::json!({"role": {"name": "x"}}))
        .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("internal error in template `roles/role.json.tera`"),
        "{msg}"
    );
    assert!(
        msg.ends_with("this is a bug in mlzone, please report it"),
        "{msg}"
    );
}

#[test]
fn filters_reject_wrong_types() {
    let templates = Templates::builtin().unwrap();
    let mut view = samples::project_view();
    view["project"]["name"] = serde_json::json!(42);
    assert!(templates.render(BICEP_PROJECT, &view).is_err());
}

fn overrides(name: &str, source: &str) -> BTreeMap<String, String> {
    BTreeMap::from([(name.to_owned(), source.to_owned())])
}

#[test]
fn an_override_replaces_a_builtin() {
    let source = "{\"Name\": {{ role.role_name | json }}, \"Actions\": {{ role.actions | json }}}";
    let templates = Templates::with_overrides(overrides(ROLE_DEFINITION, source)).unwrap();
    assert!(templates.is_overridden(ROLE_DEFINITION));
    assert!(!templates.is_overridden(ARM_TEMPLATE));
    let view = samples::role_view();
    let text = templates.render(ROLE_DEFINITION, &view).unwrap();
    let name = view["role"]["role_name"].as_str().unwrap();
    assert!(
        text.starts_with(&format!("{{\"Name\": \"{name}\"")),
        "{text}"
    );
}

#[test]
fn unknown_overrides_suggest_the_closest_name() {
    let err = Templates::with_overrides(overrides("roles/role.jsn.tera", "")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "template override `roles/role.jsn.tera` does not replace any built-in template"
    );
    assert_eq!(
        err.help().as_deref(),
        Some("did you mean `roles/role.json.tera`?")
    );
    let err = Templates::with_overrides(overrides("nothing/like/it.txt", "")).unwrap_err();
    assert!(matches!(
        err,
        Error::UnknownOverride {
            suggestion: None,
            ..
        }
    ));
}

#[test]
fn broken_overrides_name_the_file() {
    let cases = [
        // Does not compile.
        (BICEP_PROJECT, "{% if %}"),
        // Unescaped interpolation.
        (BICEP_PROJECT, "name: {{ project.name }}"),
        // Undefined variable in the sample view-model.
        (PIPELINE_GITHUB, "name: {{ nope | yaml_string }}"),
        // Renders, but not to JSON.
        (ROLE_DEFINITION, "{\"Name\": {{ role.role_name | json }}"),
    ];
    for (name, source) in cases {
        let err = Templates::with_overrides(overrides(name, source)).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("template override `{name}` failed: ")),
            "{msg}"
        );
        assert!(!msg.contains("bug in mlzone"), "{msg}");
        assert!(err.help().is_some());
    }
}

#[test]
fn undefined_values_are_errors_in_every_filter() {
    let cases = [
        (Syntax::Bicep, "bicep_string"),
        (Syntax::Bicep, "bicep_value"),
        (Syntax::Arm, "arm_value"),
        (Syntax::Arm, "arm_expression_string"),
        (Syntax::Roles, "json"),
        (Syntax::Markdown, "markdown_text"),
        (Syntax::Yaml, "yaml_value"),
    ];
    for (syntax, filter) in cases {
        let mut tera = new_engine(syntax);
        tera.add_raw_template("t", &format!("{{{{ a.missing | {filter} }}}}"))
            .unwrap();
        let context = Context::from_serialize(&serde_json::json!({"a": {}})).unwrap();
        assert!(tera.render("t", &context).is_err(), "{filter}");
    }
}

#[test]
fn the_project_template_declares_the_symbols_of_the_view() {
    let templates = Templates::builtin().unwrap();
    let mut view = samples::project_view();
    let symbols = view["symbols"].as_object_mut().unwrap();
    for value in symbols.values_mut() {
        *value = serde_json::json!(format!("renamed{}", value.as_str().unwrap()));
    }
    let text = templates.render(BICEP_PROJECT, &view).unwrap();
    for symbol in crate::plan::symbols::PROJECT_SYMBOLS.all() {
        assert!(
            text.contains(&format!("\nresource renamed{symbol} ")),
            "{symbol}: {text}"
        );
        assert!(!text.contains(&format!("\nresource {symbol} ")), "{symbol}");
    }
    assert!(text.contains("storageAccount: renamedstorage.id"), "{text}");
    assert!(text.contains("parent: renamedworkspace\n"), "{text}");
}

#[test]
fn each_engine_has_exactly_the_filters_of_its_syntax() {
    for syntax in crate::syntax::ALL_SYNTAXES {
        let allowed = filters_of(syntax);
        assert!(!allowed.is_empty(), "{syntax:?}");
        let mut tera = new_engine(syntax);
        for filter in FILTERS {
            let compiled = tera.add_raw_template("t", &format!("{{{{ a | {} }}}}", filter.name));
            assert_eq!(
                compiled.is_ok(),
                allowed.contains(&filter.name),
                "{} in {syntax:?}",
                filter.name
            );
        }
    }
}

#[test]
fn the_project_page_words_each_kind_of_principal() {
    let templates = Templates::builtin().unwrap();
    let cases = [
        (
            serde_json::json!({"kind": "literal", "value": "a|b"}),
            "`a\\|b`",
        ),
        (
            serde_json::json!({"kind": "parameter", "name": "groupId"}),
            "`parameter groupId`",
        ),
        (
            serde_json::json!({"kind": "subscription_id"}),
            "`the subscription`",
        ),
    ];
    for (principal, shown) in cases {
        let mut view = samples::project_page_view();
        view["project"]["environments"][0]["grants"][0]["principal"] = principal;
        let text = templates.render(DOCS_PROJECT, &view).unwrap();
        assert!(text.contains(&format!(" | {shown} |\n")), "{shown}: {text}");
    }
}
