//! `mlzone audit`: the exports of a live estate compared with the document; with
//! `--print-commands`, the Azure CLI and Resource Graph commands that export them, per
//! environment's subscription.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use mlzone_model::audit::{AssignmentSource, AuditReport, ExportPlan, Exports};
use mlzone_model::validate::Report;
use mlzone_model::{Diagnostic, Located, Source};

use crate::cli::{AuditFormat, DocumentArgs, Failure, Global};
use crate::report::{self, EXIT_ERRORS, EXIT_UNUSABLE};
use crate::terminal;

pub(crate) fn print_commands(
    document: &DocumentArgs,
    folder: &str,
    assignments: AssignmentSource,
    format: AuditFormat,
) -> Result<ExitCode, Failure> {
    let loaded = match super::load(document)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let plan = ExportPlan::with_assignments(&loaded.estate, assignments);
    match format {
        AuditFormat::Human => super::print(&plan.to_shell(folder)),
        AuditFormat::Json => super::print(&format!("{}\n", serde_json::to_string_pretty(&plan)?)),
        AuditFormat::Sarif => Err(
            "`--format sarif` is for audit findings; print the commands as `human` or `json`"
                .into(),
        ),
    }
}

/// Audits the exports under `folder` against the document.
pub(crate) fn run(
    global: &Global,
    document: &DocumentArgs,
    folder: &str,
    format: AuditFormat,
) -> Result<ExitCode, Failure> {
    let input = crate::input::read(
        document.file.as_deref(),
        document.syntax.map(Into::into),
        document.limits(),
    )?;
    let loaded = match input.load() {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            let located = Located {
                source: String::from_utf8(input.bytes.clone())
                    .ok()
                    .map(|text| Source::new(input.name.clone(), text)),
                map: mlzone_model::SourceMap::new(),
            };
            return Ok(unusable(diagnostics, &located, None, format));
        }
    };
    let located = loaded.located;
    let validated = match mlzone_model::validate::validate(loaded.estate) {
        Ok(validated) => validated,
        Err(rejected) => {
            let errors: Vec<Diagnostic> = rejected
                .into_report()
                .diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect();
            if matches!(format, AuditFormat::Human) {
                eprintln!(
                    "error: the document has validation errors; an audit compares an estate with a valid document"
                );
            }
            return Ok(unusable(located.locate(errors), &located, None, format));
        }
    };
    let exports = match crate::exports::read_exports(Path::new(folder)) {
        Ok(exports) => exports,
        Err(errors) => return Ok(unusable(errors, &located, None, format)),
    };
    let audited = mlzone_model::audit::audit(&validated, &exports);
    let report = match audited {
        Ok(report) => report,
        Err(errors) => {
            let errors = located.locate(errors.into_vec());
            return Ok(unusable(errors, &located, Some(&exports), format));
        }
    };
    print_report(&report, &located, format, global.quiet)?;
    Ok(if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_ERRORS)
    })
}

/// Prints why the document or the exports cannot be used; exit status 2.
fn unusable(
    errors: Vec<Diagnostic>,
    document: &Located,
    exports: Option<&Exports>,
    format: AuditFormat,
) -> ExitCode {
    match format {
        AuditFormat::Human => print_human_errors(&errors, document, exports),
        AuditFormat::Json => {
            let value = serde_json::json!({ "findings": [], "errors": errors });
            let text = serde_json::to_string_pretty(&value).unwrap_or_default();
            let _ = writeln!(std::io::stdout().lock(), "{text}");
        }
        AuditFormat::Sarif => {
            let log = Report {
                diagnostics: errors,
            }
            .to_sarif(document);
            let text = serde_json::to_string_pretty(&log).unwrap_or_default();
            let _ = writeln!(std::io::stdout().lock(), "{text}");
        }
    }
    ExitCode::from(EXIT_UNUSABLE)
}

/// Prints errors for people, each with a snippet of the file it is located in (the
/// document or an export).
fn print_human_errors(errors: &[Diagnostic], document: &Located, exports: Option<&Exports>) {
    let mut texts: BTreeMap<&str, &str> = BTreeMap::new();
    if let Some(source) = &document.source {
        texts.insert(&source.name, &source.text);
    }
    for environment in exports.iter().flat_map(|e| e.environments.values()) {
        let files = environment
            .role_assignments
            .iter()
            .chain(&environment.role_definitions)
            .chain(&environment.resources);
        for file in files {
            texts.insert(&file.path, &file.text);
        }
    }
    let mut by_source: BTreeMap<Option<&str>, Vec<Diagnostic>> = BTreeMap::new();
    for error in errors {
        let source = error.location.as_ref().map(|l| l.source.as_str());
        by_source.entry(source).or_default().push(error.clone());
    }
    for (name, group) in &by_source {
        let source = name.and_then(|name| texts.get(name).map(|text| Source::new(name, *text)));
        report::print_findings(group, source.as_ref(), false);
    }
    eprintln!("{} error(s): the audit cannot run", errors.len());
}

/// Prints an audit's findings in `format`.
fn print_report(
    report: &AuditReport,
    document: &Located,
    format: AuditFormat,
    quiet: bool,
) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match format {
        AuditFormat::Human => {
            let mut stderr = std::io::stderr().lock();
            for finding in &report.findings {
                if quiet && !finding.is_error() {
                    continue;
                }
                let _ = writeln!(
                    stderr,
                    "{}[{}] {}: {}",
                    finding.severity,
                    finding.code,
                    terminal::escaped(&finding.environment),
                    terminal::escaped(&finding.message)
                );
                if let Some(export) = &finding.export {
                    let _ = writeln!(stderr, "  --> {}", terminal::escaped(&export.to_string()));
                }
                if !finding.document_path.is_empty() {
                    let _ = writeln!(
                        stderr,
                        "  = document: {}",
                        terminal::escaped(&finding.document_path)
                    );
                }
                if let Some(help) = &finding.help {
                    let _ = writeln!(stderr, "  = help: {}", terminal::escaped(help));
                }
            }
            if !quiet {
                let errors = report.findings.iter().filter(|f| f.is_error()).count();
                let warnings = report.findings.len() - errors;
                if report.is_clean() {
                    let _ = writeln!(stderr, "the estate matches the document: no drift found");
                } else {
                    let _ = writeln!(
                        stderr,
                        "{errors} error(s), {warnings} warning(s): the estate has drifted from the document"
                    );
                }
            }
        }
        AuditFormat::Json => {
            let value = serde_json::json!({ "findings": report.findings, "errors": [] });
            writeln!(stdout, "{}", serde_json::to_string_pretty(&value)?)?;
        }
        AuditFormat::Sarif => {
            writeln!(
                stdout,
                "{}",
                serde_json::to_string_pretty(&report.to_sarif(document))?
            )?;
        }
    }
    stdout.flush()?;
    Ok(())
}
