//! One development cluster per VM size.

use std::collections::BTreeMap;

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::DuplicateClusterSize,
        default_severity: Severity::Error,
        summary: "one development cluster per vm size",
        description: "The CAF guidance shares one compute cluster per virtual machine size with the data scientists in development. Two clusters of the same size split the same work and get the same name.",
        help: "merge the two clusters (raise `max-nodes` of one) and remove the other",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (_, project) in cx.estate.projects() {
        let mut first: BTreeMap<String, &str> = BTreeMap::new();
        for cluster in &project.compute.clusters {
            let size = cluster.vm_size.as_str().to_ascii_lowercase();
            match first.get(&size) {
                Some(earlier) => {
                    let message = format!(
                        "project `{}` has two development clusters of size `{}`",
                        project.name,
                        cluster.vm_size.as_str(),
                    );
                    let finding = RULE
                        .finding(format!("{}/vm-size", cluster.path), message)
                        .with_related(
                            format!("{earlier}/vm-size"),
                            "the first cluster of that size",
                        );
                    cx.push(finding);
                }
                None => {
                    first.insert(size, cluster.path.as_str());
                }
            }
        }
    }
}
