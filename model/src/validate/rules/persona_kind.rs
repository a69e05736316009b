//! A persona named after a kind is of that kind.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;
use crate::vocabulary::PersonaKind;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::PersonaKindMismatch,
        default_severity: Severity::Warning,
        summary: "a persona named after a kind is of that kind",
        description: "The validator's access rules follow a persona's `kind`, not its name. A persona called `data-scientist` but declared `kind: custom` (or another kind) escapes every rule about data scientists, while readers of the document, the docs and the access matrix take it for one.",
        help: "remove `kind` so the name gives it, or rename the persona after what it is",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (_, persona) in cx.estate.personas() {
        let Ok(named) = persona.name.as_str().parse::<PersonaKind>() else {
            continue;
        };
        if named == persona.kind || named == PersonaKind::Custom {
            continue;
        }
        let message = format!(
            "persona `{}` is named after kind `{named}` but is of kind `{}`, so no rule about `{named}` checks it",
            persona.name, persona.kind
        );
        cx.push(RULE.finding(format!("{}/kind", persona.path), message));
    }
}
