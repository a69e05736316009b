//! The promotion graph as people read it: one node per environment, in promotion order, and
//! one edge per promotion with its approval gate.
//!
//! The documentation's diagram (the `docs` plan) and `mlzone graph` (Mermaid and DOT) draw
//! this one graph; they only choose the syntax. It derives `serde::Serialize` because
//! templates read it: its field names are part of the template context.
//!
//! ```
//! use mlzone_model::promotion::PromotionGraph;
//! let loaded = mlzone_model::load_default().expect("the default topology loads");
//! let graph = PromotionGraph::of(&loaded.estate);
//! assert_eq!(graph.nodes.len(), loaded.estate.environments().len());
//! ```

use serde::Serialize;

use crate::Estate;

/// The promotion graph: nodes in promotion order and edges with their gates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PromotionGraph {
    /// One node per environment.
    pub nodes: Vec<PromotionNode>,
    /// One edge per promotion, grouped by target in promotion order, then by source in
    /// promotion order.
    pub edges: Vec<PromotionEdge>,
}

/// A node of the promotion graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromotionNode {
    /// The environment's name (a diagram's node id is derived from it).
    pub name: String,
    /// Its label, `name (stage)`.
    pub label: String,
}

/// A promotion edge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromotionEdge {
    /// The source environment.
    pub from: String,
    /// The target environment.
    pub to: String,
    /// `approval: {persona}` when the target is gated.
    pub gate: Option<String>,
}

impl PromotionGraph {
    /// The promotion graph of an estate.
    pub fn of(estate: &Estate) -> Self {
        let mut graph = Self::default();
        for (_, environment) in estate.environments() {
            graph.nodes.push(PromotionNode {
                name: environment.name.to_string(),
                label: environment.label(),
            });
            let gate = environment
                .approval
                .as_ref()
                .map(|approval| format!("approval: {}", estate[approval.persona].name));
            // `promotes_from` is ordered by id, and ids follow promotion order.
            for &source in &environment.promotes_from {
                graph.edges.push(PromotionEdge {
                    from: estate[source].name.to_string(),
                    to: environment.name.to_string(),
                    gate: gate.clone(),
                });
            }
        }
        graph
    }
}
