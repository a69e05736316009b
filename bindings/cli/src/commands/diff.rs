//! `mlzone diff`: the operations a persona gains and loses between two environments.

use std::fmt::Write as _;
use std::process::ExitCode;

use mlzone_model::access::{Access, DiffReport};

use super::lookup::Lookup;
use crate::cli::{DocumentArgs, Failure, PlainFormat};

/// The comparison asked for.
#[derive(Debug)]
pub(crate) struct Comparison<'a> {
    pub persona: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub project: Option<&'a str>,
    /// Whether to compare at the model registry.
    pub registry: bool,
}

pub(crate) fn run(
    document: &DocumentArgs,
    comparison: &Comparison<'_>,
    format: PlainFormat,
) -> Result<ExitCode, Failure> {
    let loaded = match super::load(document)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let estate = &loaded.estate;
    let lookup = Lookup::new(estate);
    let persona = lookup.persona(comparison.persona)?;
    let from = lookup.environment(comparison.from)?;
    let to = lookup.environment(comparison.to)?;
    let project = comparison
        .project
        .map(|name| lookup.project(name))
        .transpose()?;
    let access = Access::new(estate);
    let report = if comparison.registry {
        access.diff_registry(persona, from, to)
    } else {
        access.diff(persona, from, to, project)
    };
    match format {
        PlainFormat::Json => super::print(&format!("{}\n", serde_json::to_string_pretty(&report)?)),
        PlainFormat::Human => super::print(&human(&report, comparison.registry)),
    }
}

fn human(report: &DiffReport, registry_asked: bool) -> String {
    let mut out = String::new();
    if registry_asked && report.registry.is_none() {
        let _ = writeln!(out, "the estate has no model registry");
    }
    for group in &report.groups {
        let role = |role: &Option<String>| role.clone().unwrap_or_else(|| "no role".to_owned());
        let _ = writeln!(
            out,
            "{persona} from {from} ({from_role}) to {to} ({to_role}) on {projects}:",
            persona = report.persona,
            from = report.from,
            to = report.to,
            from_role = role(&group.from_role),
            to_role = role(&group.to_role),
            projects = match &report.registry {
                Some(registry) => format!("the model registry `{registry}`"),
                None => group.projects.join(", "),
            },
        );
        if !group.known {
            let _ = writeln!(
                out,
                "  unknown: mlzone does not know the permissions of a role"
            );
            continue;
        }
        if group.is_empty() {
            let _ = writeln!(out, "  no change");
        }
        for operation in &group.gained {
            let _ = writeln!(out, "  + {operation}");
        }
        for operation in &group.lost {
            let _ = writeln!(out, "  - {operation}");
        }
        for pattern in &group.unproven_gained {
            let _ = writeln!(
                out,
                "  +? {pattern} (may reach operations outside the catalog)"
            );
        }
        for pattern in &group.unproven_lost {
            let _ = writeln!(
                out,
                "  -? {pattern} (may reach operations outside the catalog)"
            );
        }
    }
    out
}
