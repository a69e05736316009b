//! Data scientists' and data engineers' operations shrink along every promotion edge.

use super::permission_sets::{edge_groups, granted_beyond, is_scientist_or_engineer, short};
use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::{Context, operations_phrase};

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::AccessNotShrinking,
        default_severity: Severity::Error,
        summary: "data scientists' and data engineers' access shrinks along the promotion path",
        description: "The CAF guidance gives data scientists and data engineers the most access in development, limited configuration rights in test and read access in production. A persona of those kinds that can do something in a later environment which it cannot do in the environment promoting into it breaks that order.",
        help: "give the persona a role in the later environment that grants a subset of its role in the earlier one, or lower its access level there",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (from, to, _) in cx.graph.promotions_outside_cycles() {
        for (persona, item) in cx.estate.personas() {
            if !is_scientist_or_engineer(item.kind) {
                continue;
            }
            for (a, b, projects) in edge_groups(cx, persona, from, to) {
                let Some(names) = granted_beyond(cx, b, a) else {
                    continue; // unchecked-role says why
                };
                if names.is_empty() {
                    continue;
                }
                let message = format!(
                    "persona `{}` gains {} operations from `{}` to `{}` in {}: {}",
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
