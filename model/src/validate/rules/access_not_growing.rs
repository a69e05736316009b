//! DevOps (MLOps) engineers' operations grow along every promotion edge.

use super::permission_sets::{edge_groups, granted_beyond, short};
use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::{Context, operations_phrase};
use crate::vocabulary::PersonaKind;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::AccessNotGrowing,
        default_severity: Severity::Error,
        summary: "devops engineers' access grows along the promotion path",
        description: "The CAF guidance has the MLOps (DevOps) engineer build the pipeline in development and hold full access in test and production, where they maintain what was deployed. An MLOps persona that loses an operation along a promotion edge cannot support the later environment the way it built the earlier one.",
        help: "give the persona a role in the later environment that grants everything its role in the earlier one does",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (from, to, _) in cx.graph.promotions_outside_cycles() {
        for (persona, item) in cx.estate.personas() {
            if item.kind != PersonaKind::MlopsEngineer {
                continue;
            }
            for (a, b, projects) in edge_groups(cx, persona, from, to) {
                let Some(names) = granted_beyond(cx, a, b) else {
                    continue; // unchecked-role says why
                };
                if names.is_empty() {
                    continue;
                }
                let message = format!(
                    "persona `{}` loses {} operations from `{}` to `{}` in {}: {}",
                    cx.persona_name(persona),
                    names.len(),
                    cx.environment_name(from),
                    cx.environment_name(to),
                    cx.projects_phrase(&projects),
                    operations_phrase(&short(&names)),
                );
                // The later environment's entry causes the finding when the document
                // wrote it; else the earlier one's; else the persona's defaults do.
                let later = cx.written_setting_path(persona, to);
                let earlier = cx.written_setting_path(persona, from);
                let finding = match (later, earlier) {
                    (Some(path), earlier) => {
                        let finding = RULE.finding(path, message);
                        match earlier {
                            Some(related) => finding.with_related(
                                related,
                                "access in the environment promoting into it",
                            ),
                            None => finding,
                        }
                    }
                    (None, Some(path)) => RULE.finding(path, message),
                    (None, None) => RULE.finding(cx.persona_path(persona), message),
                };
                cx.push(finding);
            }
        }
    }
}
