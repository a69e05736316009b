//! Auditing a live estate: what Azure really grants and runs, read from exported JSON and
//! compared with the document.
//!
//! mlzone never calls Azure. [`ExportPlan::for_estate`] lists the Azure CLI and Azure
//! Resource Graph commands that export what an audit reads, per environment's subscription,
//! and [`ExportPlan::to_shell`] writes them as a shell script; the files they write are laid
//! out as [`ExportPlan`] says, one folder per environment. The caller reads them into
//! [`Exports`] and [`audit`] compares them with the document: an [`AuditReport`] of
//! [`Finding`]s, each with its code, severity, document item and export location.

mod access;
mod assignments;
mod commands;
mod definitions;
mod expected;
mod exports;
mod finding;
mod json;
mod pages;
mod resources;
mod sarif;
mod scope;
mod shell;

pub use commands::{
    AssignmentSource, EnvironmentExport, Export, ExportKind, ExportPlan, RESOURCE_PAGE_SIZE,
    RESOURCE_QUERY, RESOURCE_TYPES, RESOURCES_FOLDER, ROLE_ASSIGNMENT_QUERY, ROLE_ASSIGNMENTS_FILE,
    ROLE_ASSIGNMENTS_FOLDER, ROLE_DEFINITIONS_FILE, Word,
};
pub use exports::{EnvironmentExports, ExportFile, Exports};
pub use finding::{AuditReport, ExportLocation, Finding};
pub use shell::quote;

use crate::access::Access;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, pointer_token};
use crate::estate::EnvironmentId;
use crate::naming::EstateNames;
use crate::validate::Validated;

/// Audits the exports of a live estate against the validated document.
///
/// Fails, with every problem located, when the exports cannot be used: a file that is not
/// the JSON its command writes, an export missing from an environment's folder, the role
/// assignments in both forms (`az role assignment list` and Resource Graph pages), a folder
/// for an environment the document does not know. Otherwise every difference is a
/// [`Finding`] in the report; an empty report means the estate matches the document.
pub fn audit(validated: &Validated, exports: &Exports) -> Result<AuditReport, Diagnostics> {
    let estate = validated.estate();
    let plan = ExportPlan::for_estate(estate);
    let context = Context {
        names: EstateNames::for_estate(estate),
        access: Access::new(estate),
    };
    let mut errors = unknown_environments(validated, exports);
    let mut findings = Vec::new();
    for (id, environment) in estate.environments() {
        let name = environment.name.as_str();
        let Some(files) = exports.environments.get(name) else {
            errors.push(missing_folder(&plan, name, &environment.path));
            continue;
        };
        errors.extend(missing_files(&plan, name, &environment.path, files));
        errors.extend(two_assignment_exports(name, &environment.path, files));
        match audit_environment(validated, &context, id, files) {
            Ok(found) => findings.extend(found),
            Err(unusable) => errors.extend(unusable),
        }
    }
    if errors.is_empty() {
        Ok(AuditReport::new(findings))
    } else {
        Err(Diagnostics::from(errors))
    }
}

/// What every environment's audit shares: names and compiled roles, built once.
struct Context<'e> {
    names: EstateNames,
    access: Access<'e>,
}

/// The findings of one environment, from whichever of its exports are there.
fn audit_environment(
    validated: &Validated,
    context: &Context<'_>,
    environment: EnvironmentId,
    files: &EnvironmentExports,
) -> Result<Vec<Finding>, Vec<Diagnostic>> {
    let expected = expected::Expected::of(validated.estate(), &context.names, environment);
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    let read = match (
        &files.role_assignments,
        files.role_assignment_pages.as_slice(),
    ) {
        (Some(file), []) => Some(assignments::read(&expected, file)),
        (None, pages) if !pages.is_empty() => Some(assignments::read_graph(&expected, pages)),
        _ => None,
    };
    match read {
        Some(Ok(rows)) => {
            findings.extend(assignments::check(&expected, &rows));
            findings.extend(access::check(&context.access, &expected, &rows));
        }
        Some(Err(unusable)) => errors.extend(unusable),
        None => {}
    }
    if let Some(file) = &files.role_definitions {
        match definitions::check_definitions(validated, environment, file) {
            Ok(found) => findings.extend(found),
            Err(unusable) => errors.extend(unusable),
        }
    }
    if !files.resources.is_empty() {
        match resources::check_resources(validated, environment, &files.resources) {
            Ok(found) => findings.extend(found),
            Err(unusable) => errors.extend(unusable),
        }
    }
    if errors.is_empty() {
        Ok(findings)
    } else {
        Err(errors)
    }
}

/// An error for each folder of an environment the document does not know.
fn unknown_environments(validated: &Validated, exports: &Exports) -> Vec<Diagnostic> {
    let estate = validated.estate();
    let known: Vec<&str> = estate
        .environments()
        .map(|(_, environment)| environment.name.as_str())
        .collect();
    exports
        .environments
        .keys()
        .filter(|name| estate.environment_named(name).is_none())
        .map(|name| {
            Diagnostic::error(
                Code::AuditExportUnknownEnvironment,
                format!("/environments/{}", pointer_token(name)),
                format!("the exports hold a folder `{name}` but the document has no such environment"),
            )
            .with_help(format!(
                "an audit reads one folder per environment of the document ({}); remove `{name}` or audit it with the document that describes it",
                known
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
        .collect()
}

/// The error for an environment whose folder is missing altogether.
fn missing_folder(plan: &ExportPlan, environment: &str, path: &str) -> Diagnostic {
    Diagnostic::error(
        Code::AuditExportMissing,
        path,
        format!("the exports have no folder for environment `{environment}`"),
    )
    .with_help(format!(
        "run the commands of `mlzone audit --print-commands` for environment `{environment}`; they write {}",
        plan_paths(plan, environment)
    ))
}

/// The paths an environment's export commands write, for hints.
fn plan_paths(plan: &ExportPlan, environment: &str) -> String {
    plan.environments
        .iter()
        .filter(|export| export.environment == environment)
        .flat_map(|export| &export.exports)
        .map(|export| format!("`{}`", export.path))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An error when an environment's folder holds the role assignments in both forms: an
/// audit reads one export of them, and two may disagree.
fn two_assignment_exports(
    environment: &str,
    path: &str,
    files: &EnvironmentExports,
) -> Option<Diagnostic> {
    let first = files.role_assignment_pages.first()?;
    let file = files.role_assignments.as_ref()?;
    Some(
        Diagnostic::error(
            Code::AuditExportConflict,
            path,
            format!(
                "the exports of environment `{environment}` hold the role assignments twice: `{}` and `{}`",
                file.path, first.path
            ),
        )
        .with_help(format!(
            "keep one: `{ROLE_ASSIGNMENTS_FILE}` from the Azure CLI, or the `{ROLE_ASSIGNMENTS_FOLDER}/` pages from Resource Graph"
        )),
    )
}

/// An error for each export missing from an environment's folder, naming the command that
/// writes it.
fn missing_files(
    plan: &ExportPlan,
    environment: &str,
    path: &str,
    files: &EnvironmentExports,
) -> Vec<Diagnostic> {
    let Some(planned) = plan
        .environments
        .iter()
        .find(|export| export.environment == environment)
    else {
        return Vec::new();
    };
    planned
        .exports
        .iter()
        .filter(|export| match export.kind {
            ExportKind::RoleAssignments => {
                files.role_assignments.is_none() && files.role_assignment_pages.is_empty()
            }
            ExportKind::RoleDefinitions => files.role_definitions.is_none(),
            ExportKind::Resources => files.resources.is_empty(),
        })
        .map(|export| {
            let what = if export.paged {
                format!("`{}/page-1.json`", export.path)
            } else {
                format!("`{}`", export.path)
            };
            let command = export
                .argv
                .iter()
                .map(Word::to_shell)
                .collect::<Vec<_>>()
                .join(" ");
            Diagnostic::error(
                Code::AuditExportMissing,
                path,
                format!("the exports of environment `{environment}` have no {what}"),
            )
            .with_help(format!("write it with `{command}`"))
        })
        .collect()
}
