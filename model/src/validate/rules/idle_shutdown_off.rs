//! Compute instances shut down when idle.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::IdleShutdownOff,
        default_severity: Severity::Warning,
        summary: "compute instances shut down when idle",
        description: "The CAF guidance asks users to shut down compute instances after use; mlzone makes it automatic with an idle shutdown. With idle shutdown off, every data scientist's instance runs, and is billed, until someone stops it.",
        help: "set `compute.instance.idle-shutdown-minutes` (for example 60)",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (_, project) in cx.estate.projects() {
        if project.data_scientists.is_empty()
            || project.compute.instance.idle_shutdown_minutes.is_some()
        {
            continue;
        }
        let message = format!(
            "compute instances of project `{}` never shut down when idle",
            project.name
        );
        cx.push(RULE.finding(format!("{}/compute/instance", project.path), message));
    }
}
