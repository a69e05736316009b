//! Checks of free text: display names, descriptions and tags.
//!
//! Free text ends up in Bicep, ARM, YAML and Markdown. Escaping makes any text safe there,
//! but control characters and unbounded lengths are refused here, where the author can be
//! told where they are.

use std::collections::BTreeMap;

use super::{Problems, pointer};
use crate::diagnostic::{Code, Diagnostic};
use crate::document::limits::{
    MAX_DESCRIPTION, MAX_NAME_TEXT, MAX_TAG_NAME, MAX_TAG_VALUE, MAX_TAGS,
};
use crate::newtypes::{invisible_codes, is_invisible};

/// A one-line display name: not empty, no control characters, bounded.
pub(crate) fn check_display_name(problems: &mut Problems, path: &str, value: &str) {
    if value.trim().is_empty() {
        problems.push(
            Diagnostic::error(Code::InvalidValue, path, "a name cannot be empty")
                .with_help("write the name people know it by"),
        );
    }
    check_length(problems, path, value, MAX_NAME_TEXT);
    if value.chars().any(char::is_control) {
        problems.push(control_characters(path));
    }
    if value.chars().any(is_invisible) {
        problems.push(invisible_characters(path, value, "a name"));
    }
}

/// A reason printed on one line of generated code: not empty, no control characters (so no
/// line break), bounded.
pub(crate) fn check_reason(problems: &mut Problems, path: &str, value: &str) {
    if value.trim().is_empty() {
        problems.push(
            Diagnostic::error(Code::InvalidValue, path, "a reason cannot be empty")
                .with_help("say why the setting fits this environment, for reviewers"),
        );
    }
    check_length(problems, path, value, MAX_DESCRIPTION);
    if value.chars().any(char::is_control) {
        problems.push(control_characters(path));
    }
    if value.chars().any(is_invisible) {
        problems.push(invisible_characters(path, value, "a reason"));
    }
}

/// A description: newlines and tabs allowed, other control characters not, bounded.
pub(crate) fn check_description(problems: &mut Problems, path: &str, value: &str) {
    check_length(problems, path, value, MAX_DESCRIPTION);
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        problems.push(control_characters(path));
    }
}

/// Azure tags: at most 50, names up to 512 characters without `<>%&\?/`, values up to 256.
pub(crate) fn check_tags(problems: &mut Problems, path: &str, tags: &BTreeMap<String, String>) {
    if tags.len() > MAX_TAGS {
        problems.push(
            Diagnostic::error(
                Code::LimitExceeded,
                path,
                format!(
                    "{} tags is more than the {MAX_TAGS} Azure allows",
                    tags.len()
                ),
            )
            .with_help("merge tags or drop the ones nobody queries"),
        );
    }
    for (name, value) in tags {
        let tag_path = format!("{path}{}", pointer([name]));
        let bad_name = name.is_empty()
            || name.chars().count() > MAX_TAG_NAME
            || name
                .chars()
                .any(|c| c.is_control() || is_invisible(c) || "<>%&\\?/".contains(c));
        if bad_name {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    tag_path.clone(),
                    format!("`{}` is not a valid Azure tag name", name.escape_debug()),
                )
                .with_help(format!(
                    "tag names have 1 to {MAX_TAG_NAME} characters and none of `<>%&\\?/`"
                ))
                .on_key(),
            );
        }
        check_length(problems, &tag_path, value, MAX_TAG_VALUE);
        if value.chars().any(char::is_control) {
            problems.push(control_characters(&tag_path));
        }
    }
}

fn check_length(problems: &mut Problems, path: &str, value: &str, max: usize) {
    let length = value.chars().count();
    if length > max {
        problems.push(
            Diagnostic::error(
                Code::LimitExceeded,
                path,
                format!("text of {length} characters is longer than the {max} allowed here"),
            )
            .with_help("shorten it; long explanations belong in the project's repository"),
        );
    }
}

/// `what` is the kind of text, as the message names it (`a name`, `a reason`).
fn invisible_characters(path: &str, value: &str, what: &str) -> Diagnostic {
    Diagnostic::error(
        Code::InvalidValue,
        path,
        format!(
            "{what} contains invisible or direction-changing characters ({})",
            invisible_codes(value)
        ),
    )
    .with_help(format!("remove them: a right-to-left override or a zero-width space makes {what} read as another one"))
}

fn control_characters(path: &str) -> Diagnostic {
    Diagnostic::error(
        Code::InvalidValue,
        path,
        "text contains control characters",
    )
    .with_help("remove invisible characters such as escape or NUL; only descriptions may hold newlines and tabs")
}
