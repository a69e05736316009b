//! The canonical order of environments: along the promotion path, ties by stage then name.

use std::collections::{BTreeMap, BTreeSet};

use crate::vocabulary::Stage;

/// One environment as the ordering sees it.
pub(crate) struct Node<'a> {
    pub name: &'a str,
    pub stage: Stage,
    pub promotes_from: Vec<&'a str>,
}

/// Positions of `nodes` in promotion order (Kahn's algorithm with a sorted ready set).
///
/// Environments on a cycle, and those after one, cannot be ordered by promotion; they follow
/// the others by stage and name, so the order stays total and deterministic. The validator
/// reports the cycle itself.
pub(crate) fn promotion_order(nodes: &[Node<'_>]) -> Vec<usize> {
    let by_name: BTreeMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node.name, i))
        .collect();
    let key = |i: usize| nodes.get(i).map(|node| (node.stage, node.name));
    let mut indegree = vec![0_usize; nodes.len()];
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        let sources: BTreeSet<usize> = node
            .promotes_from
            .iter()
            .filter_map(|name| by_name.get(name).copied())
            .collect();
        for source in sources {
            if let Some(list) = successors.get_mut(source) {
                list.push(i);
            }
            if let Some(count) = indegree.get_mut(i) {
                *count += 1;
            }
        }
    }
    let mut ready: BTreeSet<(Option<(Stage, &str)>, usize)> = indegree
        .iter()
        .enumerate()
        .filter(|(_, count)| **count == 0)
        .map(|(i, _)| (key(i), i))
        .collect();
    let mut order = Vec::with_capacity(nodes.len());
    while let Some(first) = ready.pop_first() {
        let (_, i) = first;
        order.push(i);
        for &next in successors.get(i).map(Vec::as_slice).unwrap_or_default() {
            if let Some(count) = indegree.get_mut(next) {
                *count -= 1;
                if *count == 0 {
                    ready.insert((key(next), next));
                }
            }
        }
    }
    if order.len() < nodes.len() {
        let placed: BTreeSet<usize> = order.iter().copied().collect();
        let mut rest: Vec<usize> = (0..nodes.len()).filter(|i| !placed.contains(i)).collect();
        rest.sort_by_key(|&i| key(i));
        order.extend(rest);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node<'a>(name: &'a str, stage: Stage, from: &[&'a str]) -> Node<'a> {
        Node {
            name,
            stage,
            promotes_from: from.to_vec(),
        }
    }

    fn names<'a>(nodes: &[Node<'a>]) -> Vec<&'a str> {
        promotion_order(nodes)
            .into_iter()
            .map(|i| nodes[i].name)
            .collect()
    }

    #[test]
    fn follows_promotion_not_document_order() {
        let nodes = [
            node("prod", Stage::Production, &["test"]),
            node("test", Stage::Test, &["dev"]),
            node("dev", Stage::Development, &[]),
        ];
        assert_eq!(names(&nodes), ["dev", "test", "prod"]);
    }

    #[test]
    fn cycles_go_last_by_stage_and_name() {
        let nodes = [
            node("b", Stage::Test, &["a"]),
            node("a", Stage::Test, &["b"]),
            node("dev", Stage::Development, &[]),
        ];
        assert_eq!(names(&nodes), ["dev", "a", "b"]);
    }
}
