//! `mlzone generate`: validated estate → files in a directory, or a drift check.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use mlzone_codegen::{Target, Templates};
use mlzone_model::validate;

use crate::cli::{DocumentArgs, Failure, Global, TargetArg};
use crate::output::{self, Drift, Stager};
use crate::report::{self, EXIT_ERRORS};
use crate::terminal;

/// What to generate and where.
#[derive(Debug)]
pub(crate) struct Request {
    pub target: TargetArg,
    pub out: PathBuf,
    pub check: bool,
    pub templates: Option<PathBuf>,
}

pub(crate) fn run(
    global: &Global,
    document: &DocumentArgs,
    request: &Request,
) -> Result<ExitCode, Failure> {
    // Check what can be checked before any work: the output directory and the overrides.
    output::check_not_special(&request.out)?;
    output::check_directory(&request.out)?;
    let templates = match &request.templates {
        Some(dir) => Templates::with_overrides(read_overrides(dir)?).map_err(codegen_failure)?,
        None => Templates::builtin().map_err(codegen_failure)?,
    };

    let loaded = match super::load(document)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let located = loaded.located.clone();
    let validated = match validate::validate(loaded.estate) {
        Ok(validated) => validated,
        Err(rejected) => {
            let mut diagnostics = located.locate(rejected.into_report().diagnostics);
            if global.quiet {
                diagnostics.retain(mlzone_model::Diagnostic::is_error);
            }
            report::print_findings(&diagnostics, located.source.as_ref(), !global.quiet);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("error: refusing to generate from an estate with {errors} error(s)");
            return Ok(ExitCode::from(EXIT_ERRORS));
        }
    };
    if !global.quiet {
        let warnings = located.locate(validated.report().diagnostics.clone());
        report::print_findings(&warnings, located.source.as_ref(), true);
    }

    let targets = targets(request.target);
    // Each target writes under a folder of its name (`bicep/`, `arm/`, …).
    let folders: Vec<String> = targets.iter().map(ToString::to_string).collect();
    if request.check {
        let files: BTreeMap<String, String> =
            mlzone_codegen::generate(&validated, &targets, &templates)
                .map_err(codegen_failure)?
                .into_iter()
                .map(|(path, text)| (path.as_str().to_owned(), text))
                .collect();
        let mut drift = output::drift(&request.out, &files)?;
        let paths: BTreeSet<String> = files.into_keys().collect();
        let stale = output::stale(&request.out, &folders, &paths)?;
        drift.extend(stale.into_iter().map(Drift::Stale));
        return Ok(report_drift(global, &request.out, &drift, paths.len()));
    }
    // Each file is staged as soon as it is rendered, so the output is never held whole.
    let stager = Stager::new(&request.out);
    let stager = mlzone_codegen::generate_into(&validated, &targets, &templates, stager)
        .map_err(codegen_failure)?;
    let files = stager.files().clone();
    let written = stager.commit()?;
    let stale = output::stale(&request.out, &folders, &files)?;
    if global.verbose {
        for path in &written.changed {
            eprintln!(
                "wrote {}",
                terminal::escaped(&request.out.join(path).display().to_string())
            );
        }
    }
    if !global.quiet {
        eprintln!(
            "{} file(s) in {}: {} written, {} unchanged",
            files.len(),
            terminal::escaped(&request.out.display().to_string()),
            written.changed.len(),
            files.len() - written.changed.len()
        );
        report_stale(&request.out, &stale);
    }
    Ok(ExitCode::SUCCESS)
}

fn targets(target: TargetArg) -> Vec<Target> {
    use strum::IntoEnumIterator;
    match target {
        TargetArg::Bicep => vec![Target::Bicep],
        TargetArg::Arm => vec![Target::Arm],
        TargetArg::Roles => vec![Target::Roles],
        TargetArg::Docs => vec![Target::Docs],
        TargetArg::Pipeline => vec![Target::Pipeline],
        TargetArg::Policy => vec![Target::Policy],
        TargetArg::All => Target::iter().collect(),
    }
}

fn report_drift(global: &Global, out: &Path, drift: &[Drift], total: usize) -> ExitCode {
    if drift.is_empty() {
        if !global.quiet {
            eprintln!(
                "{total} file(s) in {} are up to date",
                terminal::escaped(&out.display().to_string())
            );
        }
        return ExitCode::SUCCESS;
    }
    for item in drift {
        eprintln!("{}", terminal::escaped(&item.to_string()));
    }
    eprintln!(
        "error: {} file(s) in {} differ from the {total} the document generates; run `mlzone generate` without --check",
        drift.len(),
        terminal::escaped(&out.display().to_string())
    );
    if drift.iter().any(|item| matches!(item, Drift::Stale(_))) {
        eprintln!(
            "  help: a stale file carries mlzone's generated marker but the document no longer produces it: delete it if nothing deploys it any more"
        );
    }
    ExitCode::from(EXIT_ERRORS)
}

/// Lists generated files the document no longer produces; deleting them is the user's call.
fn report_stale(out: &Path, stale: &[String]) {
    if stale.is_empty() {
        return;
    }
    for path in stale {
        eprintln!("stale: {}", terminal::escaped(path));
    }
    eprintln!(
        "warning: {} file(s) in {} carry mlzone's generated marker but the document no longer produces them\n  help: delete them if nothing deploys them any more; `mlzone generate --check` reports them as drift",
        stale.len(),
        terminal::escaped(&out.display().to_string())
    );
}

/// Every file under the overrides directory, by its path relative to it (with `/`).
fn read_overrides(dir: &Path) -> Result<BTreeMap<String, String>, Failure> {
    if !dir.is_dir() {
        return Err(format!("template directory `{}` is not a directory", dir.display()).into());
    }
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current)
            .map_err(|e| format!("cannot read `{}`: {e}", current.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(dir)
                .map_err(|_| format!("`{}` is outside `{}`", path.display(), dir.display()))?;
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read template `{}`: {e}", path.display()))?;
            files.insert(name, text);
        }
    }
    Ok(files)
}

fn codegen_failure(error: mlzone_codegen::Error) -> Failure {
    match error.help() {
        Some(help) => format!("{error}\n  help: {help}").into(),
        None => error.to_string().into(),
    }
}
