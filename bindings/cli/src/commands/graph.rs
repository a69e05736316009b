//! `mlzone graph`: environments, promotion edges and approval gates.
//!
//! The graph is the model's [`PromotionGraph`], the one the documentation draws; this module
//! only writes it in Mermaid or DOT, every name through an escaper of `mlzone_codegen::escape`.

use std::fmt::Write as _;
use std::process::ExitCode;

use mlzone_codegen::escape::{dot_string, mermaid_id, mermaid_label};
use mlzone_model::promotion::PromotionGraph;

use crate::cli::{DocumentArgs, Failure, GraphFormat};

pub(crate) fn run(document: &DocumentArgs, format: GraphFormat) -> Result<ExitCode, Failure> {
    match super::load(document)? {
        Ok(loaded) => {
            let graph = PromotionGraph::of(&loaded.estate);
            super::print(&match format {
                GraphFormat::Mermaid => mermaid(&graph),
                GraphFormat::Dot => dot(&graph),
            })
        }
        Err(code) => Ok(code),
    }
}

fn mermaid(graph: &PromotionGraph) -> String {
    let mut out = String::from("flowchart LR\n");
    for node in &graph.nodes {
        let _ = writeln!(
            out,
            "  {}[{}]",
            mermaid_id(&node.name),
            mermaid_label(&node.label)
        );
    }
    for edge in &graph.edges {
        let from = mermaid_id(&edge.from);
        let to = mermaid_id(&edge.to);
        let _ = match &edge.gate {
            Some(gate) => writeln!(out, "  {from} -->|{}| {to}", mermaid_label(gate)),
            None => writeln!(out, "  {from} --> {to}"),
        };
    }
    out
}

fn dot(graph: &PromotionGraph) -> String {
    let mut out = String::from("digraph promotion {\n  rankdir=LR;\n  node [shape=box];\n");
    for node in &graph.nodes {
        let _ = writeln!(
            out,
            "  {} [label={}];",
            dot_string(&node.name),
            dot_string(&node.label)
        );
    }
    for edge in &graph.edges {
        let edge_text = format!("  {} -> {}", dot_string(&edge.from), dot_string(&edge.to));
        let _ = match &edge.gate {
            Some(gate) => writeln!(out, "{edge_text} [label={}];", dot_string(gate)),
            None => writeln!(out, "{edge_text};"),
        };
    }
    out.push_str("}\n");
    out
}
