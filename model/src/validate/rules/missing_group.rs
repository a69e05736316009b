//! Every persona with access in an environment has an Entra group there.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::validate::context::{Context, listing};

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::MissingGroup,
        default_severity: Severity::Warning,
        summary: "a persona with access in an environment has a group there",
        description: "Roles are assigned to one Entra ID group per persona and environment, as the CAF guidance recommends. A persona that holds a role or approves promotion in an environment without a group there gets a deployment parameter instead: the deployment will ask for the group's object id.",
        help: "add the group's object id under the persona's `groups`, or pass it when deploying",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    // Personas the document names have their own path; so when one has, it has a `personas`
    // section.
    let section = cx.estate.personas().any(|(_, p)| !p.path.is_empty());
    for (persona, p) in cx.estate.personas() {
        let missing: Vec<&str> = cx
            .estate
            .environments()
            .filter(|(environment, e)| {
                let holds_role = cx.estate.projects().any(|(project, _)| {
                    cx.estate
                        .assigned_role(persona, *environment, project)
                        .is_some()
                });
                let approves = e.approval.as_ref().is_some_and(|a| a.persona == persona);
                (holds_role || approves) && !p.groups.contains_key(environment)
            })
            .map(|(_, e)| e.name.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let message = format!(
            "persona `{}` has no group in {}",
            p.name,
            listing(&missing, missing.len()),
        );
        cx.push(finding(
            p.name.as_str(),
            &p.path,
            !p.groups.is_empty(),
            section,
            message,
        ));
    }
}

/// The finding for persona `name` at `path`. A persona the document names points at its
/// `groups` (or at itself); a default persona, which the document does not name (its path is
/// the root), points at the `personas` section when the document has one (`section`), else
/// at the document's root, and its help says where to add it.
fn finding(name: &str, path: &str, has_groups: bool, section: bool, message: String) -> Diagnostic {
    if path.is_empty() {
        let at = if section { "/personas" } else { "" };
        return RULE.finding(at, message).with_help(format!(
            "`{name}` is a default persona: add it under `personas:` with its `groups`, or pass the group ids when deploying"
        ));
    }
    let path = if has_groups {
        format!("{path}/groups")
    } else {
        path.to_owned()
    };
    RULE.finding(path, message)
}

#[cfg(test)]
mod tests {
    use super::finding;

    #[test]
    fn a_default_persona_points_at_the_personas_section_when_there_is_one() {
        let at = |section| finding("stakeholder", "", false, section, String::new()).path;
        assert_eq!(at(true), "/personas");
        assert_eq!(at(false), "");
        let named = finding("a", "/personas/a", true, true, String::new());
        assert_eq!(named.path, "/personas/a/groups");
        assert_eq!(named.help.as_deref(), Some(super::RULE.info.help));
    }
}
