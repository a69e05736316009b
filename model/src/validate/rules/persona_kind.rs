//! A persona named after a kind is of that kind.

use strum::IntoEnumIterator;

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;
use crate::vocabulary::PersonaKind;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::PersonaKindMismatch,
        default_severity: Severity::Warning,
        summary: "a persona named after a kind is of that kind",
        description: "The validator's access rules follow a persona's `kind`, not its name. A persona called `data-scientist`, `data-scientists` or `data-scientist-emea` but of kind `custom` (declared, or by default for a name that is not exactly a kind) escapes every rule about data scientists, while readers of the document, the docs and the access matrix take it for one.",
        help: "give the persona the `kind` it is named after, or rename it after what it is",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (_, persona) in cx.estate.personas() {
        let Some((named, exact)) = named_kind(persona.name.as_str()) else {
            continue;
        };
        if named == persona.kind {
            continue;
        }
        let message = format!(
            "persona `{}` is named after kind `{named}` but is of kind `{}`, so no rule about `{named}` checks it",
            persona.name, persona.kind
        );
        // A persona named exactly after a kind has that kind unless it wrote another one.
        let path = if exact {
            format!("{}/kind", persona.path)
        } else {
            persona.path.clone()
        };
        cx.push(RULE.finding(path, message));
    }
}

/// The kind a persona's name names, and whether exactly: the kind itself
/// (`data-scientist`), or the kind followed by a plural `s` or a `-` qualifier
/// (`data-scientists`, `data-scientist-emea`). `custom` names no kind.
fn named_kind(name: &str) -> Option<(PersonaKind, bool)> {
    PersonaKind::iter()
        .filter(|kind| *kind != PersonaKind::Custom)
        .find_map(|kind| {
            let rest = name.strip_prefix(kind.as_str())?;
            if rest.is_empty() {
                Some((kind, true))
            } else if rest == "s" || rest.starts_with('-') || rest.starts_with("s-") {
                Some((kind, false))
            } else {
                None
            }
        })
}
