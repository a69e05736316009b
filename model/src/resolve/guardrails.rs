//! Guardrails: each environment's effects, and exemptions resolved to ids.

use super::environments::Environments;
use super::{Problems, pointer, text};
use crate::diagnostic::{Code, Diagnostic};
use crate::document::{Document, GuardrailsDoc};
use crate::estate::{Effects, Exemption, Guardrails, Project};
use crate::vocabulary::{ExemptionCategory, GuardrailScope};

pub(crate) fn resolve(
    document: &Document,
    environments: &Environments,
    projects: &[Project],
    problems: &mut Problems,
) -> Guardrails {
    let written = document.guardrails.clone().unwrap_or_default();
    let GuardrailsDoc {
        scope,
        management_group,
        environments: settings,
        exemptions,
    } = written;
    if let Some(group) = &management_group {
        check_management_group(problems, group);
    }
    problems.about_keys(|problems| {
        for name in settings.keys() {
            let path = pointer(["guardrails", "environments", name.as_str()]);
            environments.lookup(problems, path, name.as_str());
        }
    });
    let effects = environments
        .items
        .iter()
        .map(|environment| {
            let mut effects = Effects::of_stage(environment.stage);
            if let Some(setting) = settings.get(&environment.name) {
                if let Some(effect) = setting.effect {
                    effects.effect = effect;
                }
                effects.overrides = setting.effects.clone();
            }
            effects
        })
        .collect();
    let exemptions = exemptions
        .iter()
        .enumerate()
        .filter_map(|(i, exemption)| {
            let path = pointer(["guardrails", "exemptions", &i.to_string()]);
            text::check_reason(problems, &format!("{path}/reason"), &exemption.reason);
            let environment = environments.lookup(
                problems,
                format!("{path}/environment"),
                exemption.environment.as_str(),
            )?;
            let project = match &exemption.project {
                None => None,
                Some(name) => Some(project_in(
                    problems,
                    projects,
                    &format!("{path}/project"),
                    name.as_str(),
                    environment,
                    environments,
                )?),
            };
            Some(Exemption {
                guardrail: exemption.guardrail,
                environment,
                project,
                category: exemption.category.unwrap_or(ExemptionCategory::Waiver),
                reason: exemption.reason.clone(),
                expires: exemption.expires.clone(),
                path,
            })
        })
        .collect::<Vec<_>>();
    for (i, exemption) in exemptions.iter().enumerate() {
        let earlier = exemptions.iter().take(i).find(|other| {
            other.guardrail == exemption.guardrail
                && other.environment == exemption.environment
                && other.project == exemption.project
        });
        if let Some(earlier) = earlier {
            problems.push(
                Diagnostic::error(
                    Code::DuplicateName,
                    exemption.path.clone(),
                    format!(
                        "guardrail `{}` is exempted twice for the same scope",
                        exemption.guardrail
                    ),
                )
                .with_help("keep one exemption per guardrail, environment and project")
                .with_related(earlier.path.clone(), "first exempted here"),
            );
        }
    }
    Guardrails {
        scope: scope.unwrap_or(GuardrailScope::Subscription),
        management_group,
        effects,
        exemptions,
    }
}

/// The project called `name`, which must have a workspace in `environment`.
fn project_in(
    problems: &mut Problems,
    projects: &[Project],
    path: &str,
    name: &str,
    environment: crate::estate::EnvironmentId,
    environments: &Environments,
) -> Option<crate::estate::ProjectId> {
    let Some((index, project)) = projects
        .iter()
        .enumerate()
        .find(|(_, project)| project.name.as_str() == name)
    else {
        problems.unknown(
            path.to_owned(),
            "project",
            name,
            projects.iter().map(|project| project.name.as_str()),
        );
        return None;
    };
    if !project.environments.contains(&environment) {
        let env = environments
            .items
            .get(environment.index())
            .map_or("", |environment| environment.name.as_str());
        problems.push(
            Diagnostic::error(
                Code::InvalidValue,
                path,
                format!("project `{name}` has no workspace in environment `{env}`"),
            )
            .with_help("exempt the project in an environment it is deployed to"),
        );
        return None;
    }
    Some(crate::estate::ProjectId::from_index(index))
}

/// A management group name as Azure accepts it: 1 to 90 letters, digits, `-`, `_`, `(`,
/// `)` and `.`, not ending in `.`.
fn check_management_group(problems: &mut Problems, group: &str) {
    let valid = !group.is_empty()
        && group.len() <= 90
        && group
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_().".contains(c))
        && !group.ends_with('.');
    if !valid {
        problems.push(
            Diagnostic::error(
                Code::InvalidValue,
                "/guardrails/management-group",
                format!("`{group}` is not a management group name"),
            )
            .with_help("write the management group's name, the last segment of its id: 1 to 90 letters, digits, `-`, `_`, `(`, `)` or `.`"),
        );
    }
}
