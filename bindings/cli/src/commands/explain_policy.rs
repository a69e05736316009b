//! `mlzone explain --policy`: would a policy deny the estate's resources, by which rule, and
//! why.

use std::fmt::Write as _;
use std::process::ExitCode;

use mlzone_model::policy::{self, ParameterValues, PolicyExplanation, PolicyQuestion};

use super::lookup::Lookup;
use crate::cli::{DocumentArgs, Failure, PlainFormat};
use crate::terminal::escaped;

/// The question asked.
#[derive(Debug)]
pub(crate) struct Question<'a> {
    pub policy: &'a str,
    pub env: Option<&'a str>,
    pub project: Option<&'a str>,
    pub resource: Option<&'a str>,
    pub params: &'a [String],
    pub effect: Option<&'a str>,
}

pub(crate) fn run(
    document: &DocumentArgs,
    question: &Question<'_>,
    format: PlainFormat,
) -> Result<ExitCode, Failure> {
    let parameters = parameters(question.params)?;
    let loaded = match super::load(document)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let estate = &loaded.estate;
    let lookup = Lookup::new(estate);
    let environment = question.env.map(|e| lookup.environment(e)).transpose()?;
    let project = question.project.map(|p| lookup.project(p)).transpose()?;
    let explanation = policy::explain(
        estate,
        &PolicyQuestion {
            policy: question.policy,
            parameters,
            effect: question.effect,
            environment,
            project,
            resource: question.resource,
        },
    )
    .map_err(|d| -> Failure { d.one_line().into() })?;
    match format {
        PlainFormat::Json => super::print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&explanation)?
        )),
        PlainFormat::Human => super::print(&human(&explanation)),
    }
}

/// `NAME=VALUE` pairs, each value JSON when it reads as JSON and a string otherwise.
fn parameters(pairs: &[String]) -> Result<ParameterValues, Failure> {
    pairs
        .iter()
        .map(|pair| {
            let (name, value) = pair.split_once('=').ok_or_else(|| -> Failure {
                format!("`--param {}` needs the form NAME=VALUE", escaped(pair)).into()
            })?;
            let value = serde_json::from_str(value)
                .unwrap_or_else(|_| serde_json::Value::String(value.to_owned()));
            Ok((name.trim().to_owned(), value))
        })
        .collect()
}

fn human(explanation: &PolicyExplanation) -> String {
    let mut out = String::new();
    let policy = escaped(&explanation.policy);
    let mut compliant = 0usize;
    for answer in &explanation.answers {
        if answer.verdict == "compliant" {
            compliant += 1;
            continue;
        }
        let rule = match &answer.member {
            Some(member) => format!("{member} ({})", answer.display_name),
            None => answer.display_name.clone(),
        };
        let effect = answer.effect.as_deref().unwrap_or("unknown effect");
        let headline = match (answer.verdict.as_str(), answer.denied) {
            ("non-compliant", true) => "denied",
            ("non-compliant", false) => "non-compliant",
            _ => "unknown",
        };
        let _ = writeln!(
            out,
            "{headline}: {} `{}` of {} in {} by `{}` [{effect}]",
            answer.resource_type,
            escaped(&answer.resource),
            answer.project,
            answer.environment,
            escaped(&rule),
        );
        for reason in &answer.because {
            let _ = writeln!(out, "  {} ({})", escaped(&reason.text), reason.pointer);
        }
    }
    let judged = explanation.answers.len();
    let _ = writeln!(
        out,
        "policy `{policy}`: {judged} evaluation(s), {compliant} compliant, {} not",
        judged - compliant
    );
    if !explanation.not_evaluated.is_empty() {
        let _ = writeln!(
            out,
            "note: {} definition(s) not evaluated, never counted as compliant:",
            explanation.not_evaluated.len()
        );
        for missing in &explanation.not_evaluated {
            let _ = writeln!(
                out,
                "  {}: {}",
                escaped(&missing.member),
                escaped(&missing.reason)
            );
        }
    }
    out
}
