//! The `docs` target for every example and for random valid estates: a snapshot per example,
//! matrix cells that agree with direct evaluator queries, well-formed Markdown tables and
//! Mermaid diagrams.

use std::collections::BTreeSet;
use std::path::Path;

use mlzone_codegen::plan::Plan;
use mlzone_codegen::plan::docs::capabilities::{CAPABILITIES, Check, is_read};
use mlzone_codegen::plan::docs::{Answer, DocsPlan};
use mlzone_codegen::{FileSet, Target, Templates, generate};
use mlzone_model::Estate;
use mlzone_model::access::Access;
use mlzone_model::access::Verdict;
use mlzone_model::access::capabilities::REGISTRY_CAPABILITIES;
use mlzone_model::rbac::PermissionSet;
use mlzone_model::validate::{Validated, validate};
use mlzone_model::{Format, Limits, load_estate};
use proptest::prelude::*;

pub(crate) fn templates() -> &'static Templates {
    static TEMPLATES: std::sync::OnceLock<Templates> = std::sync::OnceLock::new();
    TEMPLATES.get_or_init(|| Templates::builtin().unwrap())
}

/// Every example document: (file stem, text).
pub(crate) fn examples() -> Vec<(String, String)> {
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

pub(crate) fn validated(name: &str, text: &str) -> Validated {
    let loaded = load_estate(
        name,
        text.as_bytes(),
        Some(Format::Yaml),
        &Limits::default(),
    )
    .unwrap_or_else(|d| panic!("{name}: {d:#?}"));
    validate(loaded.estate).unwrap_or_else(|r| panic!("{name}: {r:#?}"))
}

pub(crate) fn render(validated: &Validated, targets: &[Target]) -> FileSet {
    generate(validated, targets, templates()).unwrap_or_else(|e| panic!("{e}"))
}

/// Every file under `=== path ===` headers.
pub(crate) fn joined(files: &FileSet) -> String {
    files
        .iter()
        .map(|(path, text)| format!("=== {path} ===\n{text}"))
        .collect()
}

/// Whether `set` has a capability, asked of the evaluator directly, one operation at a time.
fn direct(set: &PermissionSet<'_>, check: Check) -> bool {
    let granted = |op: &str| set.allows(op).is_granted();
    match check {
        Check::AllOf(ops) => ops.iter().all(|op| granted(op)),
        Check::AnyOf(ops) => ops.iter().any(|op| granted(op)),
        Check::ReadOnly(ops) => {
            ops.iter().all(|op| granted(op))
                && set
                    .catalog()
                    .operations()
                    .iter()
                    .filter(|op| granted(op.name()))
                    .all(|op| is_read(op.name()))
        }
    }
}

/// Checks every cell of the matrix against a direct query per project.
fn check_matrix(estate: &Estate, docs: &DocsPlan) {
    let access = Access::new(estate);
    let environments: Vec<_> = estate.environments().collect();
    assert_eq!(docs.matrix.len(), estate.personas().len());
    for persona in &docs.matrix {
        let persona_id = estate.persona_named(&persona.persona).unwrap();
        assert_eq!(persona.rows.len(), CAPABILITIES.len());
        for (row, capability) in persona.rows.iter().zip(CAPABILITIES) {
            assert_eq!(row.key, capability.key);
            assert_eq!(row.cells.len(), environments.len());
            for (cell, (env_id, env)) in row.cells.iter().zip(&environments) {
                assert_eq!(cell.environment, env.name.as_str());
                let mut seen = BTreeSet::new();
                for group in &cell.groups {
                    for project in &group.projects {
                        assert!(seen.insert(project.clone()), "{project} twice");
                        let project_id = estate.project_named(project).unwrap();
                        let role = estate.assigned_role(persona_id, *env_id, project_id);
                        assert_eq!(
                            group.role.as_deref(),
                            role.map(|r| r.reference_name(estate))
                        );
                        let expected = match (
                            role,
                            access.persona_permissions(persona_id, *env_id, project_id),
                        ) {
                            (None, _) => Answer::NoRole,
                            (Some(_), None) => Answer::Unknown,
                            (Some(_), Some(set)) if direct(set, capability.check) => Answer::Yes,
                            (Some(_), Some(_)) => Answer::No,
                        };
                        assert_eq!(
                            group.answer, expected,
                            "{} {} {} {project}",
                            persona.persona, capability.key, env.name
                        );
                    }
                }
                let expected: BTreeSet<std::sync::Arc<str>> = estate
                    .projects()
                    .filter(|(_, p)| p.environments.contains(env_id))
                    .map(|(_, p)| p.name.as_str().into())
                    .collect();
                assert_eq!(seen, expected);
                assert_eq!(cell.split, cell.groups.len() > 1);
            }
        }
    }
}

/// Every Markdown table (outside code fences) has the same number of cells in every row.
pub(crate) fn check_tables(path: &str, text: &str) {
    let mut fenced = false;
    let mut width: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced || !line.starts_with('|') {
            width = None;
            continue;
        }
        assert!(line.ends_with('|'), "{path}:{}: {line}", n + 1);
        let cells = cells(line);
        match width {
            None => width = Some(cells),
            Some(w) => assert_eq!(w, cells, "{path}:{}: {line}", n + 1),
        }
    }
    assert!(!fenced, "{path}: unclosed code fence");
}

/// The cells of a table row: unescaped `|` outside code spans separate them.
fn cells(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    count - 1
}

/// A small well-formedness check of a Mermaid flowchart: the header, every node declared once
/// with a quoted label, every edge between declared nodes with a quoted label if any, and
/// balanced brackets.
pub(crate) fn check_mermaid(diagram: &str) -> (Vec<String>, Vec<(String, String)>) {
    let mut lines = diagram.lines();
    assert_eq!(lines.next(), Some("flowchart LR"));
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let is_id =
        |s: &str| s.starts_with("n_") && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let quoted = |s: &str| {
        s.len() >= 2 && s.starts_with('"') && s.ends_with('"') && !s[1..s.len() - 1].contains('"')
    };
    for line in lines {
        let line = line.trim();
        let mut depth = 0i32;
        let mut in_quotes = false;
        for c in line.chars() {
            match c {
                '"' => in_quotes = !in_quotes,
                '[' | '(' | '{' if !in_quotes => depth += 1,
                ']' | ')' | '}' if !in_quotes => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0, "{line}");
        }
        assert!(depth == 0 && !in_quotes, "unbalanced: {line}");
        if let Some((from, rest)) = line.split_once(" -->") {
            let (label, to) = match rest.strip_prefix('|') {
                Some(labelled) => {
                    let (label, to) = labelled.split_once("| ").unwrap();
                    (Some(label), to)
                }
                None => (None, rest.trim_start()),
            };
            if let Some(label) = label {
                assert!(quoted(label), "{line}");
            }
            assert!(is_id(from) && is_id(to), "{line}");
            edges.push((from.to_owned(), to.to_owned()));
        } else {
            let (id, label) = line.split_once('[').unwrap();
            let label = label.strip_suffix(']').unwrap();
            assert!(is_id(id) && quoted(label), "{line}");
            assert!(!nodes.contains(&id.to_owned()), "{id} declared twice");
            nodes.push(id.to_owned());
        }
    }
    for (from, to) in &edges {
        assert!(
            nodes.contains(from) && nodes.contains(to),
            "{from} --> {to}"
        );
    }
    (nodes, edges)
}

/// The body of the only ```mermaid block of `text`.
/// Every Mermaid block of a page, in order.
pub(crate) fn mermaid_blocks(text: &str) -> Vec<String> {
    text.split("```mermaid\n")
        .skip(1)
        .map(|rest| rest[..rest.find("```").unwrap()].to_owned())
        .collect()
}

pub(crate) fn mermaid_block(text: &str) -> String {
    let start = text.find("```mermaid\n").unwrap() + "```mermaid\n".len();
    let end = start + text[start..].find("```").unwrap();
    assert!(!text[end + 3..].contains("```mermaid"));
    text[start..end].to_owned()
}

#[test]
fn every_example_has_a_docs_snapshot() {
    for (name, text) in examples() {
        let files = render(&validated(&name, &text), &[Target::Docs]);
        for (path, text) in files.iter() {
            assert!(path.as_str().starts_with("docs/"), "{path}");
            assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{path}");
        }
        insta::assert_snapshot!(format!("{name}__docs"), joined(&files));
    }
}

#[test]
fn every_example_has_the_documented_pages() {
    for (name, text) in examples() {
        let validated = validated(&name, &text);
        let estate = validated.estate();
        let files = render(&validated, &[Target::Docs]);
        let mut expected: BTreeSet<String> = [
            "docs/README.md",
            "docs/access-matrix.md",
            "docs/guardrails.md",
            "docs/permission-diff.md",
            "docs/promotion.md",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect();
        expected.extend(
            estate
                .projects()
                .map(|(_, p)| format!("docs/projects/{}.md", p.name)),
        );
        let paths: BTreeSet<String> = files.iter().map(|(p, _)| p.as_str().to_owned()).collect();
        assert_eq!(paths, expected, "{name}");
    }
}

#[test]
fn every_example_matrix_agrees_with_the_evaluator() {
    for (name, text) in examples() {
        let validated = validated(&name, &text);
        let plan = Plan::build(&validated).unwrap();
        check_matrix(validated.estate(), &plan.docs);
    }
}

/// Checks every cell of the matrix's registry section against `explain --registry`'s
/// answers, one operation at a time: a persona group holds a capability when, for all (or
/// any) of its operations, one of the roles it holds at the registry grants it.
fn check_registry_matrix(name: &str, estate: &Estate, plan: &Plan) {
    let access = Access::new(estate);
    let (Some(registry), Some(matrix)) = (estate.registry(), &plan.docs.registry) else {
        assert!(
            estate.registry().is_none() && plan.docs.registry.is_none(),
            "{name}"
        );
        return;
    };
    let environments: Vec<_> = estate.environments().collect();
    let mut shown: Vec<&str> = matrix.personas.iter().map(|p| p.persona.as_str()).collect();
    shown.extend(matrix.without_role.iter().map(String::as_str));
    shown.sort_unstable();
    let all: Vec<&str> = estate.personas().map(|(_, p)| p.name.as_str()).collect();
    assert_eq!(shown, all, "{name}: every persona once");
    for (persona_id, persona) in estate.personas() {
        let rows = matrix
            .personas
            .iter()
            .find(|p| p.persona == persona.name.as_str())
            .map(|p| &p.rows);
        for (index, capability) in REGISTRY_CAPABILITIES.iter().enumerate() {
            for (column, (env_id, env)) in environments.iter().enumerate() {
                let answers: Vec<_> = capability
                    .operations()
                    .iter()
                    .map(|op| access.explain_registry(persona_id, *env_id, op))
                    .collect();
                let roles: Vec<String> = answers[0]
                    .groups
                    .iter()
                    .filter_map(|g| g.role.clone())
                    .collect();
                let granted = |e: &mlzone_model::access::Explanation| {
                    e.groups.iter().any(|g| g.decision.is_granted())
                };
                let unknown = answers
                    .iter()
                    .flat_map(|e| &e.groups)
                    .any(|g| matches!(g.decision, Verdict::Unknown));
                let expected = if roles.is_empty() {
                    Answer::NoRole
                } else if unknown {
                    Answer::Unknown
                } else {
                    let holds = match capability.check {
                        Check::AllOf(_) => answers.iter().all(granted),
                        Check::AnyOf(_) => answers.iter().any(granted),
                        Check::ReadOnly(_) => unreachable!("no read-only capability there"),
                    };
                    if holds { Answer::Yes } else { Answer::No }
                };
                let at = format!("{name}: {} {} {}", persona.name, capability.key, env.name);
                let Some(rows) = rows else {
                    assert_eq!(expected, Answer::NoRole, "{at}: left out yet holds a role");
                    continue;
                };
                let row = &rows[index];
                assert_eq!(row.key, capability.key, "{at}");
                let cell = &row.cells[column];
                assert_eq!(cell.environment, env.name.as_str(), "{at}");
                assert_eq!(cell.answer, Some(expected), "{at}");
                assert_eq!(cell.roles, roles, "{at}");
            }
        }
    }
    // The workspaces' rows say what the environments' deployments assign: the reader role
    // where a workspace's identity gets it, and nothing elsewhere.
    let reader = registry.reader_role;
    for (index, capability) in REGISTRY_CAPABILITIES.iter().enumerate() {
        let row = &matrix.workspaces[index];
        for (column, environment) in plan.environments.iter().enumerate() {
            let cell = &row.cells[column];
            let projects: Vec<_> = environment
                .deployments
                .iter()
                .flat_map(|d| &d.projects)
                .collect();
            let assigned = projects
                .iter()
                .filter(|p| p.registry_reader.is_some())
                .count();
            let at = format!("{name}: workspaces {} {}", capability.key, environment.name);
            if projects.is_empty() {
                assert_eq!(cell.answer, None, "{at}");
            } else if assigned == 0 {
                assert_eq!(cell.answer, Some(Answer::NoRole), "{at}");
            } else {
                assert_eq!(assigned, projects.len(), "{at}: every workspace or none");
                let set = access.role_permissions(reader).unwrap();
                let expected = if direct(set, capability.check) {
                    Answer::Yes
                } else {
                    Answer::No
                };
                assert_eq!(cell.answer, Some(expected), "{at}");
                assert_eq!(cell.roles, [reader.reference_name(estate)], "{at}");
            }
        }
    }
    // The pipelines' rows say what the environments' deployments assign to the pipelines'
    // principal: the role of the environment's planned grant, and nothing elsewhere.
    for (index, capability) in REGISTRY_CAPABILITIES.iter().enumerate() {
        let row = &matrix.pipelines[index];
        assert_eq!(row.key, capability.key, "{name}");
        for (column, environment) in plan.environments.iter().enumerate() {
            let cell = &row.cells[column];
            let at = format!("{name}: pipelines {} {}", capability.key, environment.name);
            assert_eq!(cell.environment, environment.name, "{at}");
            let grants: Vec<_> = environment
                .deployments
                .iter()
                .filter_map(|d| d.registry_pipeline.as_ref())
                .collect();
            assert!(grants.len() <= 1, "{at}: one grant per environment");
            let Some(grant) = grants.first() else {
                assert_eq!(cell.answer, Some(Answer::NoRole), "{at}");
                assert!(cell.roles.is_empty(), "{at}");
                continue;
            };
            let role = match grant.duty {
                "publisher" => registry.publisher_role,
                "reader" => registry.reader_role,
                other => panic!("{at}: duty {other}"),
            };
            let set = access.role_permissions(role).unwrap();
            let expected = if direct(set, capability.check) {
                Answer::Yes
            } else {
                Answer::No
            };
            assert_eq!(cell.answer, Some(expected), "{at}");
            assert_eq!(cell.roles, [role.reference_name(estate)], "{at}");
        }
    }
}

#[test]
fn every_example_registry_matrix_agrees_with_explain_registry() {
    for (name, text) in examples() {
        let validated = validated(&name, &text);
        let plan = Plan::build(&validated).unwrap();
        check_registry_matrix(&name, validated.estate(), &plan);
    }
}

#[test]
fn every_example_has_well_formed_tables_and_diagrams() {
    for (name, text) in examples() {
        let validated = validated(&name, &text);
        let estate = validated.estate();
        let files = render(&validated, &[Target::Docs]);
        for (path, text) in files.iter() {
            check_tables(path.as_str(), text);
        }
        // The promotion graph, then one model path per project, each a well-formed diagram
        // from development to production.
        let blocks = mermaid_blocks(files.get("docs/promotion.md").unwrap());
        assert_eq!(blocks.len(), 1 + estate.projects().len(), "{name}");
        for path in &blocks[1..] {
            let (nodes, edges) = check_mermaid(path);
            assert!(nodes.len() >= 2 && !edges.is_empty(), "{name}: {path}");
        }
        let promotion = blocks[0].clone();
        assert_eq!(
            promotion,
            mermaid_block(files.get("docs/README.md").unwrap()),
            "{name}"
        );
        let (nodes, edges) = check_mermaid(&promotion);
        assert_eq!(nodes.len(), estate.environments().len(), "{name}");
        let expected: usize = estate
            .environments()
            .map(|(_, e)| e.promotes_from.len())
            .sum();
        assert_eq!(edges.len(), expected, "{name}");
    }
}

#[test]
fn the_mermaid_check_refuses_broken_diagrams() {
    let good =
        "flowchart LR\n  n_dev[\"dev\"]\n  n_prod[\"prod\"]\n  n_dev -->|\"approval: x\"| n_prod\n";
    check_mermaid(good);
    for bad in [
        "graph TD\n  n_dev[\"dev\"]\n",
        "flowchart LR\n  n_dev[dev]\n",
        "flowchart LR\n  n_dev[\"dev\"\n",
        "flowchart LR\n  n_dev[\"dev\"]\n  n_dev --> n_prod\n",
        "flowchart LR\n  n_dev[\"dev\"]\n  n_prod[\"prod\"]\n  n_dev -->|approval| n_prod\n",
    ] {
        assert!(
            std::panic::catch_unwind(|| check_mermaid(bad)).is_err(),
            "{bad}"
        );
    }
}

fn small_settings() -> impl Strategy<Value = mlzone_model::synthetic::Settings> {
    (1usize..5, 0usize..3, 0usize..3, any::<u64>()).prop_map(|(projects, ds, clusters, seed)| {
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
    fn every_matrix_cell_agrees_with_a_direct_query(settings in small_settings()) {
        let document = mlzone_model::synthetic::document(settings);
        let estate = mlzone_model::resolve(&document).unwrap();
        let validated = validate(estate).unwrap();
        let plan = Plan::build(&validated).unwrap();
        check_matrix(validated.estate(), &plan.docs);
        check_registry_matrix("random", validated.estate(), &plan);
    }
}
