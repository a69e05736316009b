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
        for (cluster, item, fallback) in clusters {
            if cluster.min_nodes == 0 {
                continue;
            }
            let name = cx.deployed_name(&item).unwrap_or(fallback);
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
            cx.push(RULE.finding(format!("{}/min-nodes", cluster.path), message));
        }
    }
}
