//! Free text holds no invisible or direction-changing characters.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity, pointer_token};
use crate::newtypes::{invisible_codes, is_invisible};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::InvisibleCharacters,
        default_severity: Severity::Warning,
        summary: "descriptions and tag values hold no invisible or direction-changing characters",
        description: "A right-to-left override (U+202E) or another bidirectional control, a zero-width character or a line separator makes text read differently from what it is: a description can show one thing in a review and carry another into the portal, the generated docs and the templates. Names and identifiers refuse these characters when the document loads; descriptions, reasons and tag values get this warning.",
        help: "remove the invisible characters, or write the text in one direction without them",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let mut texts: Vec<(String, &str)> = Vec::new();
    for (name, value) in cx.estate.tags() {
        texts.push((format!("/tags/{}", pointer_token(name)), value));
    }
    for (_, persona) in cx.estate.personas() {
        if let Some(description) = &persona.description {
            texts.push((format!("{}/description", persona.path), description));
        }
    }
    for (_, project) in cx.estate.projects() {
        if let Some(description) = &project.description {
            texts.push((format!("{}/description", project.path), description));
        }
        for (name, value) in &project.tags {
            // The estate's tags are merged into each project's; those are reported once.
            if cx.estate.tags().get(name) != Some(value) {
                let path = format!("{}/tags/{}", project.path, pointer_token(name));
                texts.push((path, value));
            }
        }
    }
    for (_, role) in cx.estate.roles() {
        texts.push((format!("{}/description", role.path), &role.description));
    }
    for setting in cx.estate.rules().values() {
        texts.push((format!("{}/reason", setting.path), &setting.reason));
    }
    for (path, text) in texts {
        if !text.chars().any(is_invisible) {
            continue;
        }
        let message = format!(
            "text contains invisible or direction-changing characters ({})",
            invisible_codes(text)
        );
        cx.push(RULE.finding(path, message));
    }
}
