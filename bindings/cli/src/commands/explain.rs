//! `mlzone explain`: may a persona perform an operation in an environment, and why.

use std::fmt::Write as _;
use std::process::ExitCode;

use mlzone_model::access::{Access, Explanation, Verdict};

use super::lookup::Lookup;
use crate::cli::{DocumentArgs, Failure, PlainFormat};

/// The question asked.
#[derive(Debug)]
pub(crate) struct Question<'a> {
    pub persona: &'a str,
    pub env: &'a str,
    pub action: &'a str,
    pub project: Option<&'a str>,
    /// Whether the question is about the model registry.
    pub registry: bool,
}

pub(crate) fn run(
    document: &DocumentArgs,
    question: &Question<'_>,
    format: PlainFormat,
) -> Result<ExitCode, Failure> {
    let loaded = match super::load(document)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let estate = &loaded.estate;
    let lookup = Lookup::new(estate);
    let persona = lookup.persona(question.persona)?;
    let environment = lookup.environment(question.env)?;
    let project = question
        .project
        .map(|name| lookup.project(name))
        .transpose()?;
    let access = Access::new(estate);
    let explanation = if question.registry {
        access.explain_registry(persona, environment, question.action)
    } else {
        access.explain(persona, environment, project, question.action)
    };
    match format {
        PlainFormat::Json => super::print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&explanation)?
        )),
        PlainFormat::Human => super::print(&human(&explanation, question.registry)),
    }
}

fn human(explanation: &Explanation, registry_asked: bool) -> String {
    let mut out = String::new();
    if !explanation.in_catalog {
        let _ = write!(
            out,
            "note: `{}` is not in mlzone's operation catalog; the answer follows the patterns that match it",
            crate::terminal::escaped(&explanation.operation)
        );
        if let Some(close) = &explanation.did_you_mean {
            let _ = write!(out, " (did you mean `{close}`?)");
        }
        out.push('\n');
    }
    if explanation.groups.is_empty() {
        let _ = if registry_asked {
            writeln!(out, "the estate has no model registry")
        } else {
            writeln!(
                out,
                "no project has a workspace in `{}`",
                explanation.environment
            )
        };
    }
    for answer in &explanation.groups {
        let projects = match &explanation.registry {
            Some(registry) => format!("the model registry `{registry}`"),
            None => answer.projects.join(", "),
        };
        let role = answer.role.as_deref().unwrap_or("no role");
        let verdict = match &answer.decision {
            Verdict::Granted { by } => format!("allowed: granted by `{by}`"),
            Verdict::Removed {
                granted_by,
                removed_by,
            } => {
                format!("denied: granted by `{granted_by}` but removed by `{removed_by}`")
            }
            Verdict::NotGranted => "denied: no pattern of the role grants it".to_owned(),
            Verdict::NoRole => "denied: the persona has no role there".to_owned(),
            Verdict::Unknown => "unknown: mlzone does not know the role's permissions".to_owned(),
        };
        let _ = writeln!(
            out,
            "{persona} in {environment} on {projects} ({role}): {verdict}",
            persona = explanation.persona,
            environment = explanation.environment,
        );
    }
    out
}
