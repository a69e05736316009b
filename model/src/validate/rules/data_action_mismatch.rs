//! Control operations in `actions`, data operations in `data-actions`.

use super::role_patterns::{findings, list_key};
use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::rbac::FindingKind;
use crate::validate::context::{Context, operations_phrase};

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::DataActionMismatch,
        default_severity: Severity::Error,
        summary: "data operations go in `data-actions`, control operations in `actions`",
        description: "`actions` never grant data-plane operations and `data-actions` never grant control-plane ones, and Azure only accepts operations marked as data actions in `data-actions`. A pattern in the wrong list grants nothing and may make Azure reject the role.",
        help: "move the pattern to the other list",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (path, finding) in findings(cx) {
        let message = match &finding.kind {
            FindingKind::DataActionInActions { operations } => format!(
                "`{}` in `{}` matches only data operations: {}",
                finding.pattern,
                list_key(finding.list),
                operations_phrase(operations)
            ),
            FindingKind::ControlActionInDataActions { operations } => format!(
                "`{}` in `{}` matches only control operations: {}",
                finding.pattern,
                list_key(finding.list),
                operations_phrase(operations)
            ),
            _ => continue,
        };
        cx.push(RULE.finding(path, message));
    }
}
