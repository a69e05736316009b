//! The estate as a graph: environments and promotion edges with their approval gates,
//! projects and their workspaces, personas and their groups, role assignments, roles and
//! their composition, compute instances, clusters and pipelines.
//!
//! petgraph stays inside this module: the rules see [`EstateGraph`], [`NodeIx`] and the
//! domain questions it answers.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use petgraph::algo::{dominators, kosaraju_scc};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Dfs, EdgeRef};

use crate::access::RoleKey;
use crate::estate::{EnvironmentId, Estate, PersonaId, ProjectId, RoleId};
use crate::vocabulary::Stage;

/// A node of the estate graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Node {
    Environment(EnvironmentId),
    Project(ProjectId),
    Workspace(ProjectId, EnvironmentId),
    Persona(PersonaId),
    Group(PersonaId, EnvironmentId),
    Role(RoleKey),
    ComputeInstance(ProjectId, EnvironmentId, usize),
    Cluster(ProjectId, EnvironmentId, usize),
    Pipeline(ProjectId, EnvironmentId, usize),
}

/// An edge of the estate graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edge {
    /// Models are promoted from the source environment into the target, behind the gate.
    Promotes { approval: Option<PersonaId> },
    /// A project has this workspace; a workspace lives in this environment.
    Has,
    /// A persona's group in an environment.
    Group,
    /// A group (or, without one, the persona) holds a role on a workspace.
    Assigned(RoleKey),
    /// A role extends another.
    Extends,
    /// A workspace hosts compute or a pipeline.
    Hosts,
}

/// A typed index of a node of the estate graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct NodeIx(NodeIndex<u32>);

/// The estate graph, built once per validation.
#[derive(Debug)]
pub(crate) struct EstateGraph {
    graph: DiGraph<Node, Edge>,
    /// The environments (node `i` is environment `i`) and promotion edges alone: the view
    /// the promotion algorithms walk, independent of the number of projects.
    promotion: DiGraph<Node, Edge>,
    /// The roles and their `extends` edges alone.
    composition: DiGraph<Node, Edge>,
    promotion_cycles: Vec<Vec<EnvironmentId>>,
}

impl EstateGraph {
    /// Builds the graph of `estate`.
    pub(crate) fn new(estate: &Estate) -> Self {
        let mut graph = DiGraph::new();
        let environments: Vec<NodeIx> = estate
            .environments()
            .map(|(id, _)| NodeIx(graph.add_node(Node::Environment(id))))
            .collect();
        let env = |id: EnvironmentId| environments.get(id.index()).copied();
        for (id, environment) in estate.environments() {
            for from in &environment.promotes_from {
                if let (Some(a), Some(b)) = (env(*from), env(id)) {
                    graph.add_edge(
                        a.0,
                        b.0,
                        Edge::Promotes {
                            approval: environment.approval.as_ref().map(|a| a.persona),
                        },
                    );
                }
            }
        }
        let mut roles: BTreeMap<RoleKey, NodeIx> = BTreeMap::new();
        let mut role_node = |graph: &mut DiGraph<Node, Edge>, key: RoleKey| {
            *roles
                .entry(key)
                .or_insert_with(|| NodeIx(graph.add_node(Node::Role(key))))
        };
        for (id, role) in estate.roles() {
            let node = role_node(&mut graph, RoleKey::Custom(id));
            for base in &role.extends {
                let base = role_node(&mut graph, RoleKey::of(*base));
                graph.add_edge(node.0, base.0, Edge::Extends);
            }
        }
        let personas: Vec<(PersonaId, NodeIx, BTreeMap<EnvironmentId, NodeIx>)> = estate
            .personas()
            .map(|(id, persona)| {
                let node = NodeIx(graph.add_node(Node::Persona(id)));
                let groups = persona
                    .groups
                    .keys()
                    .map(|environment| {
                        let group = graph.add_node(Node::Group(id, *environment));
                        graph.add_edge(node.0, group, Edge::Group);
                        (*environment, NodeIx(group))
                    })
                    .collect();
                (id, node, groups)
            })
            .collect();
        for (project_id, project) in estate.projects() {
            let project_node = graph.add_node(Node::Project(project_id));
            for environment in &project.environments {
                let Some(environment_node) = env(*environment) else {
                    continue;
                };
                let workspace = graph.add_node(Node::Workspace(project_id, *environment));
                graph.add_edge(project_node, workspace, Edge::Has);
                graph.add_edge(workspace, environment_node.0, Edge::Has);
                for (persona, persona_node, groups) in &personas {
                    if let Some(role) = estate.assigned_role(*persona, *environment, project_id) {
                        let key = RoleKey::of(role);
                        let holder = groups.get(environment).unwrap_or(persona_node);
                        graph.add_edge(holder.0, workspace, Edge::Assigned(key));
                        let role_ix = role_node(&mut graph, key);
                        graph.add_edge(workspace, role_ix.0, Edge::Hosts);
                    }
                }
                let stage = estate[*environment].stage;
                if stage == Stage::Development {
                    for i in 0..project.data_scientists.len() {
                        let node =
                            graph.add_node(Node::ComputeInstance(project_id, *environment, i));
                        graph.add_edge(workspace, node, Edge::Hosts);
                    }
                    for i in 0..project.compute.clusters.len() {
                        let node = graph.add_node(Node::Cluster(project_id, *environment, i));
                        graph.add_edge(workspace, node, Edge::Hosts);
                    }
                }
                if stage == Stage::Production {
                    for i in 0..project.compute.pipelines.len() {
                        let node = graph.add_node(Node::Pipeline(project_id, *environment, i));
                        graph.add_edge(workspace, node, Edge::Hosts);
                    }
                }
            }
        }
        let promotion = view(
            &graph,
            |node| matches!(node, Node::Environment(_)),
            |edge| matches!(edge, Edge::Promotes { .. }),
        );
        let composition = view(
            &graph,
            |node| matches!(node, Node::Role(_)),
            |edge| matches!(edge, Edge::Extends),
        );
        let promotion_cycles = cycles(&promotion, |node| match node {
            Node::Environment(id) => Some(*id),
            _ => None,
        });
        Self {
            graph,
            promotion,
            composition,
            promotion_cycles,
        }
    }

    /// How many nodes and edges the graph holds.
    #[cfg(test)]
    pub(crate) fn size(&self) -> (usize, usize) {
        (self.graph.node_count(), self.graph.edge_count())
    }

    /// Promotion edges `(from, to, approval)` in environment order.
    pub(crate) fn promotions(&self) -> Vec<(EnvironmentId, EnvironmentId, Option<PersonaId>)> {
        let environment = |node: NodeIndex| match self.promotion.node_weight(node) {
            Some(Node::Environment(id)) => Some(*id),
            _ => None,
        };
        let mut edges: Vec<_> = self
            .promotion
            .edge_references()
            .filter_map(|edge| match edge.weight() {
                Edge::Promotes { approval } => Some((
                    environment(edge.source())?,
                    environment(edge.target())?,
                    *approval,
                )),
                _ => None,
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
        cycles(&self.composition, |node| match node {
            Node::Role(RoleKey::Custom(id)) => Some(*id),
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
                if let Some(Node::Environment(id)) = filtered.node_weight(node) {
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

    /// Role assignments per environment: one per group (or persona) holding a role on a
    /// workspace, and one per compute instance for its data scientist.
    pub(crate) fn assignments_by_environment(&self) -> BTreeMap<EnvironmentId, usize> {
        let mut counts: BTreeMap<EnvironmentId, usize> = BTreeMap::new();
        for edge in self.graph.edge_references() {
            if let (Edge::Assigned(_), Some(Node::Workspace(_, environment))) =
                (edge.weight(), self.graph.node_weight(edge.target()))
            {
                *counts.entry(*environment).or_default() += 1;
            }
        }
        for node in self.graph.node_weights() {
            if let Node::ComputeInstance(_, environment, _) = node {
                *counts.entry(*environment).or_default() += 1;
            }
        }
        counts
    }
}

/// The nodes `keep_node` keeps (in graph order) and the edges between them `keep_edge` keeps.
fn view(
    graph: &DiGraph<Node, Edge>,
    keep_node: impl Fn(&Node) -> bool,
    keep_edge: impl Fn(&Edge) -> bool,
) -> DiGraph<Node, Edge> {
    let mut view = DiGraph::new();
    let mut map: BTreeMap<NodeIndex, NodeIndex> = BTreeMap::new();
    for index in graph.node_indices() {
        if let Some(node) = graph.node_weight(index).filter(|node| keep_node(node)) {
            map.insert(index, view.add_node(*node));
        }
    }
    for edge in graph.edge_references() {
        if let (true, Some(a), Some(b)) = (
            keep_edge(edge.weight()),
            map.get(&edge.source()),
            map.get(&edge.target()),
        ) {
            view.add_edge(*a, *b, *edge.weight());
        }
    }
    view
}

/// The cycles of `graph`, each once (Kosaraju, iterative): members mapped by `item`, the
/// smallest first, in path order, ending with the first again.
fn cycles<T: Copy + Ord>(
    graph: &DiGraph<Node, Edge>,
    item: impl Fn(&Node) -> Option<T>,
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
fn cycle_through(
    graph: &DiGraph<Node, Edge>,
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
