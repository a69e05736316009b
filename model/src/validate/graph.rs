//! The estate as two graphs: environments with the promotion edges between them (and their
//! approval gates), and roles with their `extends` edges.
//!
//! petgraph stays inside this module: the rules see [`EstateGraph`] and the domain
//! questions it answers.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use petgraph::algo::{dominators, kosaraju_scc};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Dfs, EdgeRef};

use crate::access::RoleKey;
use crate::estate::{EnvironmentId, Estate, PersonaId, RoleId};
use crate::vocabulary::Stage;

/// An edge of the promotion graph: models are promoted from the source environment into
/// the target, behind the gate of the persona that approves (if any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Promotes {
    approval: Option<PersonaId>,
}

/// An edge of the composition graph: the source role extends the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Extends;

/// The estate's graphs, built once per validation.
#[derive(Debug)]
pub(crate) struct EstateGraph {
    /// The environments (node `i` is environment `i`) and promotion edges.
    promotion: DiGraph<EnvironmentId, Promotes>,
    /// The custom roles and the roles they extend, with their `extends` edges.
    composition: DiGraph<RoleKey, Extends>,
    promotion_cycles: Vec<Vec<EnvironmentId>>,
}

impl EstateGraph {
    /// Builds the graphs of `estate`.
    pub(crate) fn new(estate: &Estate) -> Self {
        let mut promotion = DiGraph::new();
        let environments: Vec<NodeIndex> = estate
            .environments()
            .map(|(id, _)| promotion.add_node(id))
            .collect();
        let env = |id: EnvironmentId| environments.get(id.index()).copied();
        for (id, environment) in estate.environments() {
            for from in &environment.promotes_from {
                if let (Some(a), Some(b)) = (env(*from), env(id)) {
                    let approval = environment.approval.as_ref().map(|a| a.persona);
                    promotion.add_edge(a, b, Promotes { approval });
                }
            }
        }
        let mut composition = DiGraph::new();
        let mut roles: BTreeMap<RoleKey, NodeIndex> = BTreeMap::new();
        let mut role_node = |graph: &mut DiGraph<RoleKey, Extends>, key: RoleKey| {
            *roles.entry(key).or_insert_with(|| graph.add_node(key))
        };
        for (id, role) in estate.roles() {
            let node = role_node(&mut composition, RoleKey::Custom(id));
            for base in &role.extends {
                let base = role_node(&mut composition, RoleKey::of(*base));
                composition.add_edge(node, base, Extends);
            }
        }
        let promotion_cycles = cycles(&promotion, |id| Some(*id));
        Self {
            promotion,
            composition,
            promotion_cycles,
        }
    }

    /// How many nodes and edges the graphs hold.
    #[cfg(test)]
    pub(crate) fn size(&self) -> (usize, usize) {
        (
            self.promotion.node_count() + self.composition.node_count(),
            self.promotion.edge_count() + self.composition.edge_count(),
        )
    }

    /// Promotion edges `(from, to, approval)` in environment order.
    pub(crate) fn promotions(&self) -> Vec<(EnvironmentId, EnvironmentId, Option<PersonaId>)> {
        let environment = |node: NodeIndex| self.promotion.node_weight(node).copied();
        let mut edges: Vec<_> = self
            .promotion
            .edge_references()
            .filter_map(|edge| {
                Some((
                    environment(edge.source())?,
                    environment(edge.target())?,
                    edge.weight().approval,
                ))
            })
            .collect();
        edges.sort();
        edges
    }

    /// Promotion edges that lie on no cycle: the edges along which access is compared (on
    /// a cycle there is no earlier or later environment; `promotion-cycle` reports it).
    pub(crate) fn promotions_outside_cycles(
        &self,
    ) -> Vec<(EnvironmentId, EnvironmentId, Option<PersonaId>)> {
        let on_cycle: BTreeSet<EnvironmentId> =
            self.promotion_cycles.iter().flatten().copied().collect();
        self.promotions()
            .into_iter()
            .filter(|(from, to, _)| !(on_cycle.contains(from) && on_cycle.contains(to)))
            .collect()
    }

    /// Cycles of the promotion path, each once: its environments in path order, starting
    /// with the first in estate order and ending with it again.
    pub(crate) fn promotion_cycles(&self) -> Vec<Vec<EnvironmentId>> {
        self.promotion_cycles.clone()
    }

    /// Cycles of role composition, each once, as paths of custom roles.
    pub(crate) fn role_cycles(&self) -> Vec<Vec<RoleId>> {
        cycles(&self.composition, |key| match key {
            RoleKey::Custom(id) => Some(*id),
            _ => None,
        })
    }

    /// Environments reachable from the development stages along promotion edges.
    pub(crate) fn reachable_from_development(&self, estate: &Estate) -> BTreeSet<EnvironmentId> {
        let filtered = &self.promotion;
        let mut reached = BTreeSet::new();
        for (id, environment) in estate.environments() {
            if environment.stage != Stage::Development {
                continue;
            }
            let mut dfs = Dfs::new(filtered, NodeIndex::new(id.index()));
            while let Some(node) = dfs.next(filtered) {
                if let Some(id) = filtered.node_weight(node) {
                    reached.insert(*id);
                }
            }
        }
        reached
    }

    /// For each production environment reachable from development: `None` when every path
    /// into it passes a test stage, else a path from development that avoids every test stage.
    ///
    /// Test stages are contracted into one node `T` and a root is put before the development
    /// stages; every path passes a test stage exactly when `T` dominates the production node.
    pub(crate) fn production_without_test(
        &self,
        estate: &Estate,
    ) -> Vec<(EnvironmentId, Vec<EnvironmentId>)> {
        let mut contracted: DiGraph<Option<EnvironmentId>, ()> = DiGraph::new();
        let root = contracted.add_node(None);
        let tests = contracted.add_node(None);
        let nodes: BTreeMap<EnvironmentId, NodeIndex> = estate
            .environments()
            .map(|(id, environment)| {
                let node = if environment.stage == Stage::Test {
                    tests
                } else {
                    contracted.add_node(Some(id))
                };
                (id, node)
            })
            .collect();
        for (id, environment) in estate.environments() {
            if let (Stage::Development, Some(node)) = (environment.stage, nodes.get(&id)) {
                contracted.add_edge(root, *node, ());
            }
        }
        for (from, to, _) in self.promotions() {
            if let (Some(a), Some(b)) = (nodes.get(&from), nodes.get(&to)) {
                contracted.add_edge(*a, *b, ());
            }
        }
        let dominance = dominators::simple_fast(&contracted, root);
        let mut found = Vec::new();
        for (id, environment) in estate.environments() {
            if environment.stage != Stage::Production {
                continue;
            }
            let Some(&node) = nodes.get(&id) else {
                continue;
            };
            let Some(mut dominators) = dominance.dominators(node) else {
                continue; // unreachable: another rule's finding
            };
            if !dominators.any(|d| d == tests) {
                found.push((id, self.path_avoiding_tests(estate, id)));
            }
        }
        found
    }

    /// A path of environments from a development stage to `target` avoiding test stages.
    fn path_avoiding_tests(&self, estate: &Estate, target: EnvironmentId) -> Vec<EnvironmentId> {
        let stage = |id: EnvironmentId| estate[id].stage;
        let edges = self.promotions();
        let mut previous: BTreeMap<EnvironmentId, EnvironmentId> = BTreeMap::new();
        let mut queue: VecDeque<EnvironmentId> = estate
            .environments()
            .filter(|(_, e)| e.stage == Stage::Development)
            .map(|(id, _)| id)
            .collect();
        let mut seen: BTreeSet<EnvironmentId> = queue.iter().copied().collect();
        while let Some(node) = queue.pop_front() {
            if node == target {
                break;
            }
            for (from, to, _) in &edges {
                if *from == node && stage(*to) != Stage::Test && seen.insert(*to) {
                    previous.insert(*to, node);
                    queue.push_back(*to);
                }
            }
        }
        let mut path = vec![target];
        let mut node = target;
        while let Some(before) = previous.get(&node) {
            path.push(*before);
            node = *before;
        }
        path.reverse();
        path
    }
}

/// The cycles of `graph`, each once (Kosaraju, iterative): members mapped by `item`, the
/// smallest first, in path order, ending with the first again.
fn cycles<N, E, T: Copy + Ord>(
    graph: &DiGraph<N, E>,
    item: impl Fn(&N) -> Option<T>,
) -> Vec<Vec<T>> {
    let key = |n: NodeIndex| graph.node_weight(n).and_then(&item);
    let mut found = Vec::new();
    for component in kosaraju_scc(graph) {
        let self_loop = component.len() == 1
            && component
                .first()
                .is_some_and(|&n| graph.edges_connecting(n, n).next().is_some());
        if component.len() < 2 && !self_loop {
            continue;
        }
        let members: BTreeSet<NodeIndex> = component.iter().copied().collect();
        let Some(start) = component.iter().copied().min_by_key(|&n| key(n)) else {
            continue;
        };
        let path = cycle_through(graph, start, &members);
        let items: Option<Vec<T>> = path.into_iter().map(key).collect();
        if let Some(items) = items {
            found.push(items);
        }
    }
    found.sort();
    found
}

/// A shortest cycle from `start` back to it inside `members` (breadth first, iterative).
fn cycle_through<N, E>(
    graph: &DiGraph<N, E>,
    start: NodeIndex,
    members: &BTreeSet<NodeIndex>,
) -> Vec<NodeIndex> {
    let mut previous: BTreeMap<NodeIndex, NodeIndex> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    let mut closing = None;
    'search: while let Some(node) = queue.pop_front() {
        let mut next: Vec<NodeIndex> = graph
            .edges(node)
            .map(|edge| edge.target())
            .filter(|target| members.contains(target))
            .collect();
        next.sort();
        for target in next {
            if target == start {
                closing = Some(node);
                break 'search;
            }
            if let std::collections::btree_map::Entry::Vacant(entry) = previous.entry(target) {
                entry.insert(node);
                queue.push_back(target);
            }
        }
    }
    let mut back = Vec::new();
    let mut node = closing;
    while let Some(current) = node {
        if current == start {
            break;
        }
        back.push(current);
        node = previous.get(&current).copied();
    }
    back.reverse();
    let mut path = vec![start];
    path.extend(back);
    path.push(start);
    path
}
