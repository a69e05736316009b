//! `mlzone graph`: environments, promotion edges and approval gates.

use std::fmt::Write as _;
use std::process::ExitCode;

use mlzone_model::Estate;

use crate::cli::{DocumentArgs, Failure, GraphFormat};

pub(crate) fn run(document: &DocumentArgs, format: GraphFormat) -> Result<ExitCode, Failure> {
    match super::load(document)? {
        Ok(loaded) => super::print(&match format {
            GraphFormat::Mermaid => mermaid(&loaded.estate),
            GraphFormat::Dot => dot(&loaded.estate),
        }),
        Err(code) => Ok(code),
    }
}

/// The approving persona's name on an edge into `environment`, if it has a gate.
fn gate(estate: &Estate, environment: &mlzone_model::estate::Environment) -> Option<String> {
    let approval = environment.approval.as_ref()?;
    Some(estate[approval.persona].name.to_string())
}

fn mermaid(estate: &Estate) -> String {
    use mlzone_codegen::escape::{mermaid_id, mermaid_label};
    let mut out = String::from("flowchart LR\n");
    for (_, environment) in estate.environments() {
        let label = format!("{} ({})", environment.name, environment.stage);
        let _ = writeln!(
            out,
            "  {}[{}]",
            mermaid_id(environment.name.as_str()),
            mermaid_label(&label)
        );
    }
    for (_, environment) in estate.environments() {
        for source in &environment.promotes_from {
            let source = &estate[*source];
            let from = mermaid_id(source.name.as_str());
            let to = mermaid_id(environment.name.as_str());
            match gate(estate, environment) {
                Some(persona) => {
                    let label = mermaid_label(&format!("approval: {persona}"));
                    let _ = writeln!(out, "  {from} -->|{label}| {to}");
                }
                None => {
                    let _ = writeln!(out, "  {from} --> {to}");
                }
            }
        }
    }
    out
}

fn dot(estate: &Estate) -> String {
    let quote = |text: &str| format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = String::from("digraph promotion {\n  rankdir=LR;\n  node [shape=box];\n");
    for (_, environment) in estate.environments() {
        let label = format!("{} ({})", environment.name, environment.stage);
        let _ = writeln!(
            out,
            "  {} [label={}];",
            quote(environment.name.as_str()),
            quote(&label)
        );
    }
    for (_, environment) in estate.environments() {
        for source in &environment.promotes_from {
            let source = &estate[*source];
            let edge = format!(
                "  {} -> {}",
                quote(source.name.as_str()),
                quote(environment.name.as_str())
            );
            match gate(estate, environment) {
                Some(persona) => {
                    let _ = writeln!(
                        out,
                        "{edge} [label={}];",
                        quote(&format!("approval: {persona}"))
                    );
                }
                None => {
                    let _ = writeln!(out, "{edge};");
                }
            }
        }
    }
    out.push_str("}\n");
    out
}
