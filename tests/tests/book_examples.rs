//! The Rust examples of the book, compiled and run.
//!
//! Each test body is a `rust` block of `book/src/reference/rust-api.md`, indented by four
//! spaces; the `book` test checks that every such block appears here verbatim. To change an
//! example, change it in both places.

// book/src/reference/rust-api.md: "Load a document"
#[test]
fn load_a_document() {
    use mlzone_model::{Format, Limits, load_estate};

    let text = "
organisation: Contoso
tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a
location: westeurope
projects:
  - name: churn
";
    let loaded = load_estate(
        "estate.yaml",
        text.as_bytes(),
        Some(Format::Yaml),
        &Limits::default(),
    )
    .expect("the document loads");
    let estate = &loaded.estate;
    assert_eq!(estate.organisation(), "Contoso");
    assert_eq!(estate.environments().len(), 3);
    assert_eq!(estate.personas().len(), 5);
}

// book/src/reference/rust-api.md: "Report what is wrong"
#[test]
fn report_what_is_wrong() {
    use mlzone_model::{Code, Limits, load_estate};

    let text = "
organisation: Contoso
tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a
location: westeurope
projects:
  - name: churn
    restrction: unrestricted
";
    let diagnostics = load_estate("estate.yaml", text.as_bytes(), None, &Limits::default())
        .expect_err("the key is misspelled");
    let first = &diagnostics[0];
    assert_eq!(first.code, Code::UnknownField);
    assert_eq!(first.path, "/projects/0/restrction");
    let location = first.location.as_ref().expect("located in the text");
    assert_eq!((location.line, location.column), (7, 5));
    assert!(
        first
            .help
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `restriction`?")
    );
}

// book/src/reference/rust-api.md: "Ask who gets which role"
#[test]
fn ask_who_gets_which_role() {
    use mlzone_model::estate::RoleRef;
    use mlzone_model::vocabulary::AccessLevel;

    let estate = mlzone_model::load_default()
        .expect("the default topology loads")
        .estate;
    let scientist = estate
        .persona_named("data-scientist")
        .expect("a CAF persona");
    assert_eq!(estate[scientist].name.as_str(), "data-scientist");
    let project = estate
        .projects()
        .next()
        .map(|(id, _)| id)
        .expect("one project");
    for (name, level) in [
        ("dev", AccessLevel::Experiment),
        ("prod", AccessLevel::Read),
    ] {
        let environment = estate
            .environment_named(name)
            .expect("a default environment");
        assert_eq!(estate.access(scientist, environment), level);
        let role = estate.assigned_role(scientist, environment, project);
        assert!(matches!(role, Some(RoleRef::Library(_))));
    }
}

// book/src/reference/rust-api.md: "Check a permission"
#[test]
fn check_a_permission() {
    use mlzone_model::rbac::{Catalog, Decision, PermissionSet, library};

    let role = library::find("data-scientist").expect("a library role");
    let set = PermissionSet::new(Catalog::azure(), &role.permissions);
    let run_jobs = "Microsoft.MachineLearningServices/workspaces/jobs/write";
    let create_compute = "Microsoft.MachineLearningServices/workspaces/computes/write";
    assert!(set.allows(run_jobs).is_granted());
    match set.allows(create_compute) {
        Decision::Removed {
            granted_by,
            removed_by,
        } => {
            assert_eq!(
                granted_by.pattern,
                "Microsoft.MachineLearningServices/workspaces/*/write"
            );
            assert_eq!(
                removed_by.pattern,
                "Microsoft.MachineLearningServices/workspaces/computes/*/write"
            );
        }
        other => panic!("expected a NotActions removal, got {other:?}"),
    }
}

// book/src/reference/rust-api.md: "Build an estate in code"
#[test]
fn build_an_estate_in_code() {
    use mlzone_model::builder::{EstateBuilder, ProjectBuilder};
    use mlzone_model::vocabulary::{Archetype, Restriction};

    let estate = EstateBuilder::new(
        "Contoso",
        "467096de-d9e3-4d6f-89d6-ef231900a05a",
        "westeurope",
    )
    .preset(Archetype::PublicRestricted)
    .project(ProjectBuilder::new("churn").restriction(Restriction::Unrestricted))
    .build()
    .expect("a valid estate");
    let (_, churn) = estate.projects().next().expect("one project");
    assert_eq!(churn.factors.restriction, Restriction::Unrestricted);
}

// book/src/reference/rust-api.md: "Validate, then generate"
#[test]
fn validate_then_generate() {
    use mlzone_codegen::{Target, Templates, generate};
    use mlzone_model::validate::validate;

    let estate = mlzone_model::load_default()
        .expect("the default topology loads")
        .estate;
    let validated = validate(estate).expect("no errors");
    let templates = Templates::builtin().expect("the embedded templates compile");
    let files = generate(&validated, &[Target::Bicep, Target::Roles], &templates)
        .expect("rendering succeeds");
    for (path, text) in files.iter() {
        assert!(!path.as_str().starts_with('/'));
        assert!(text.ends_with('\n'));
    }
}

// book/src/archetypes/overview.md: "What Contributor gives away"
#[test]
fn what_contributor_gives_away() {
    use mlzone_model::rbac::{Catalog, PermissionSet, builtin, library};

    let catalog = Catalog::azure();
    let contributor = builtin::find("Contributor").and_then(|role| role.permissions.as_ref());
    let contributor = PermissionSet::new(catalog, contributor.expect("embedded"));
    let restricted = PermissionSet::new(
        catalog,
        &library::find("data-scientist")
            .expect("a library role")
            .permissions,
    );
    for operation in [
        "Microsoft.MachineLearningServices/workspaces/delete",
        "Microsoft.MachineLearningServices/workspaces/computes/write",
        "Microsoft.MachineLearningServices/workspaces/listKeys/action",
    ] {
        assert!(contributor.allows(operation).is_granted(), "{operation}");
        assert!(!restricted.allows(operation).is_granted(), "{operation}");
    }
    let add_users = "Microsoft.Authorization/roleAssignments/write";
    assert!(!contributor.allows(add_users).is_granted());
}

// book/src/auditing.md: "Printing the export commands"
#[test]
fn print_the_export_commands() {
    use mlzone_model::audit::{ExportKind, ExportPlan};

    let loaded = mlzone_model::load_default().expect("the default topology loads");
    let plan = ExportPlan::for_estate(&loaded.estate);
    assert_eq!(plan.environments.len(), 3);
    let exports = &plan.environments[0].exports;
    assert_eq!(exports[0].kind, ExportKind::RoleAssignments);
    assert_eq!(exports[0].path, "dev/role-assignments.json");
    let script = plan.to_shell("audit");
    assert!(script.contains("az role definition list --custom-role-only true"));
}

// book/src/auditing.md: "In Rust and Python"
#[test]
fn audit_exports() {
    use mlzone_model::Code;
    use mlzone_model::audit::{EnvironmentExports, ExportFile, Exports, audit};

    let loaded = mlzone_model::load_default().expect("the default topology loads");
    let validated = mlzone_model::validate::validate(loaded.estate).expect("it is valid");
    let mut exports = Exports::default();
    for environment in ["dev", "test", "prod"] {
        let file =
            |name: &str, text: &str| ExportFile::new(format!("audit/{environment}/{name}"), text);
        exports.environments.insert(
            environment.to_owned(),
            EnvironmentExports {
                role_assignments: Some(file("role-assignments.json", "[]")),
                role_assignment_pages: Vec::new(),
                role_definitions: Some(file("role-definitions.json", "[]")),
                resources: vec![file(
                    "resources/page-1.json",
                    r#"{"count": 0, "data": [], "skip_token": null, "total_records": 0}"#,
                )],
            },
        );
    }
    let report = audit(&validated, &exports).expect("the exports are usable");
    // Nothing is assigned yet: every persona's group lacks its role on the workspace.
    let missing = report
        .findings
        .iter()
        .filter(|finding| finding.code == Code::AuditAssignmentMissing)
        .count();
    assert!(missing > 0);
}
