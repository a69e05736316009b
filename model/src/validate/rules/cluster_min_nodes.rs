//! Clusters scale to zero nodes when idle.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::ClusterMinNodes,
        default_severity: Severity::Warning,
        summary: "clusters scale down to zero nodes",
        description: "The CAF guidance sets the minimum node count of compute clusters to 0 so that idle clusters cost nothing. A minimum above 0 keeps that many virtual machines running, and billed, all the time.",
        help: "set `min-nodes: 0` (the default)",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let mut idle = Vec::new();
    for (_, project) in cx.estate.projects() {
        let clusters = project
            .compute
            .clusters
            .iter()
            .map(|c| (c, format!("{}/vm-size", c.path), c.vm_size.as_str()))
            .chain(
                project
                    .compute
                    .pipelines
                    .iter()
                    .map(|p| (&p.cluster, format!("{}/name", p.path), p.name.as_str())),
            );
        idle.extend(
            clusters
                .filter(|(cluster, ..)| cluster.min_nodes > 0)
                .map(|(cluster, item, fallback)| (project, cluster, item, fallback)),
        );
    }
    if idle.is_empty() {
        return;
    }
    let deployed = cx.deployed_names();
    let findings: Vec<_> = idle
        .into_iter()
        .map(|(project, cluster, item, fallback)| {
            let name = deployed.get(item.as_str()).copied().unwrap_or(fallback);
            let message = format!(
                "cluster `{name}` of project `{}` keeps {} {} running when idle",
                project.name,
                cluster.min_nodes,
                if cluster.min_nodes == 1 {
                    "node"
                } else {
                    "nodes"
                },
            );
            RULE.finding(format!("{}/min-nodes", cluster.path), message)
        })
        .collect();
    for finding in findings {
        cx.push(finding);
    }
}
