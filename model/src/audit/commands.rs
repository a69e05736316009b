//! The commands that export what an audit reads, per environment's subscription.

use std::fmt::Write as _;

use serde::Serialize;

use super::shell::quote;
use crate::estate::{Environment, Estate};

/// The file, in an environment's folder, that `az role assignment list` writes.
pub const ROLE_ASSIGNMENTS_FILE: &str = "role-assignments.json";
/// The file, in an environment's folder, that `az role definition list` writes.
pub const ROLE_DEFINITIONS_FILE: &str = "role-definitions.json";
/// The folder, in an environment's folder, that holds the Resource Graph pages
/// (`page-1.json`, `page-2.json`, …).
pub const RESOURCES_FOLDER: &str = "resources";
/// The folder, in an environment's folder, that holds the Resource Graph pages of the role
/// assignments when they are exported with Resource Graph rather than the Azure CLI.
pub const ROLE_ASSIGNMENTS_FOLDER: &str = "role-assignments";
/// The most rows Resource Graph returns in one page (`--first`).
pub const RESOURCE_PAGE_SIZE: u32 = 1000;

/// The resource types the Resource Graph query exports, lowercase as Resource Graph writes
/// them: workspaces and what they hold, registries, and the workspaces' dependencies.
pub const RESOURCE_TYPES: [&str; 8] = [
    "microsoft.machinelearningservices/workspaces",
    "microsoft.machinelearningservices/workspaces/computes",
    "microsoft.machinelearningservices/workspaces/onlineendpoints",
    "microsoft.machinelearningservices/workspaces/batchendpoints",
    "microsoft.machinelearningservices/registries",
    "microsoft.storage/storageaccounts",
    "microsoft.keyvault/vaults",
    "microsoft.containerregistry/registries",
];

/// The Resource Graph query of the ML resources of a subscription, in a stable order so that
/// pages neither repeat nor skip a row. Its strings are in double quotes, so that a shell's
/// single quotes hold it unchanged.
pub const RESOURCE_QUERY: &str = "resources \
| where type in~ (\"microsoft.machinelearningservices/workspaces\", \
\"microsoft.machinelearningservices/workspaces/computes\", \
\"microsoft.machinelearningservices/workspaces/onlineendpoints\", \
\"microsoft.machinelearningservices/workspaces/batchendpoints\", \
\"microsoft.machinelearningservices/registries\", \
\"microsoft.storage/storageaccounts\", \
\"microsoft.keyvault/vaults\", \
\"microsoft.containerregistry/registries\") \
| project id, name, type, kind, location, resourceGroup, subscriptionId, sku, identity, tags, properties \
| order by id asc";

/// The Resource Graph query of the role assignments made in a subscription (at it, its
/// resource groups and its resources), ordered by id so that pages neither repeat nor skip a
/// row. Resource Graph answers a subscription's query without the assignments inherited from
/// management groups; `az role assignment list --include-inherited` has them.
pub const ROLE_ASSIGNMENT_QUERY: &str = "authorizationresources \
| where type =~ \"microsoft.authorization/roleassignments\" \
| project id, name, type, tenantId, subscriptionId, resourceGroup, properties \
| order by id asc";

/// How the role assignments are exported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssignmentSource {
    /// `az role assignment list --all --include-inherited`: every assignment that applies in
    /// the subscription, inherited ones included, with the principals' names.
    #[default]
    AzureCli,
    /// A Resource Graph `authorizationresources` query, in pages: fast for large estates,
    /// without principals' names or the assignments inherited from management groups.
    ResourceGraph,
}

/// One word of a command: a literal, or a shell variable the person running the commands
/// sets (an environment's subscription when the document leaves it out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Word {
    /// Written as it is (quoted for the shell).
    Literal(String),
    /// The value of this shell variable.
    Variable(String),
}

impl Word {
    fn literal(text: &str) -> Self {
        Self::Literal(text.to_owned())
    }

    /// The word as a POSIX shell reads it.
    pub fn to_shell(&self) -> String {
        match self {
            Self::Literal(text) => quote(text),
            Self::Variable(name) => format!("\"${name}\""),
        }
    }
}

/// What an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExportKind {
    /// Every role assignment that applies in the subscription, inherited ones included.
    RoleAssignments,
    /// The custom role definitions of the subscription.
    RoleDefinitions,
    /// The ML resources and their dependencies, from Resource Graph, in pages.
    Resources,
}

/// One export: a command and where its output goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Export {
    /// What it holds.
    pub kind: ExportKind,
    /// Where its output goes, relative to the export folder: a file, or for a paged export
    /// the folder of its pages (`page-1.json`, …).
    pub path: String,
    /// Whether the command returns pages: it is run again with `--skip-token` and the
    /// previous page's `skip_token` until a page has none.
    pub paged: bool,
    /// The command, word by word (the first page's, for a paged export).
    pub argv: Vec<Word>,
}

/// The exports of one environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnvironmentExport {
    /// The environment's name, also the name of its folder.
    pub environment: String,
    /// Where it is in the document (JSON pointer).
    pub path: String,
    /// Its subscription: a GUID, or the shell variable to set when the document leaves it
    /// out.
    pub subscription: Word,
    /// What to export, in the order the commands run.
    pub exports: Vec<Export>,
}

/// Every command that exports what an audit of an estate reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportPlan {
    /// One entry per environment, in promotion order.
    pub environments: Vec<EnvironmentExport>,
}

impl ExportPlan {
    /// The exports of every environment of `estate`, role assignments with the Azure CLI.
    pub fn for_estate(estate: &Estate) -> Self {
        Self::with_assignments(estate, AssignmentSource::AzureCli)
    }

    /// The exports of every environment of `estate`, role assignments from `source`.
    pub fn with_assignments(estate: &Estate, source: AssignmentSource) -> Self {
        let environments = estate
            .environments()
            .map(|(_, environment)| environment_export(environment, source))
            .collect();
        Self { environments }
    }

    /// A POSIX shell script that runs every export and writes the files under `folder`, as
    /// `mlzone audit --from` reads them. It needs the Azure CLI (signed in, with the
    /// `resource-graph` extension) and `jq` for the pages' skip tokens.
    pub fn to_shell(&self, folder: &str) -> String {
        let mut script = String::from(
            "#!/bin/sh\n\
             # Exports what `mlzone audit --from` reads. Needs the Azure CLI, signed in with\n\
             # read access to each subscription, its resource-graph extension, and jq.\n\
             set -eu\n",
        );
        let _ = writeln!(script, "out={}", quote(folder));
        for environment in &self.environments {
            write_environment(&mut script, environment);
        }
        script
    }
}

fn environment_export(environment: &Environment, source: AssignmentSource) -> EnvironmentExport {
    let subscription = match environment.subscription {
        Some(guid) => Word::Literal(guid.to_string()),
        None => Word::Variable(subscription_variable(environment.name.as_str())),
    };
    let folder = environment.name.as_str();
    let assignments = match source {
        AssignmentSource::AzureCli => Export {
            kind: ExportKind::RoleAssignments,
            path: format!("{folder}/{ROLE_ASSIGNMENTS_FILE}"),
            paged: false,
            argv: az(
                &["role", "assignment", "list", "--all", "--include-inherited"],
                &subscription,
            ),
        },
        AssignmentSource::ResourceGraph => Export {
            kind: ExportKind::RoleAssignments,
            path: format!("{folder}/{ROLE_ASSIGNMENTS_FOLDER}"),
            paged: true,
            argv: graph_query(ROLE_ASSIGNMENT_QUERY, &subscription),
        },
    };
    let exports = vec![
        assignments,
        Export {
            kind: ExportKind::RoleDefinitions,
            path: format!("{folder}/{ROLE_DEFINITIONS_FILE}"),
            paged: false,
            argv: az(
                &["role", "definition", "list", "--custom-role-only", "true"],
                &subscription,
            ),
        },
        Export {
            kind: ExportKind::Resources,
            path: format!("{folder}/{RESOURCES_FOLDER}"),
            paged: true,
            argv: graph_query(RESOURCE_QUERY, &subscription),
        },
    ];
    EnvironmentExport {
        environment: environment.name.as_str().to_owned(),
        path: environment.path.clone(),
        subscription,
        exports,
    }
}

/// `az` with `words`, for `subscription`, writing JSON.
fn az(words: &[&str], subscription: &Word) -> Vec<Word> {
    std::iter::once("az")
        .chain(words.iter().copied())
        .chain(["--subscription"])
        .map(Word::literal)
        .chain([
            subscription.clone(),
            Word::literal("--output"),
            Word::literal("json"),
        ])
        .collect()
}

/// The first page of a Resource Graph `query` over `subscription`, as JSON.
fn graph_query(query: &str, subscription: &Word) -> Vec<Word> {
    vec![
        Word::literal("az"),
        Word::literal("graph"),
        Word::literal("query"),
        Word::literal("--graph-query"),
        Word::literal(query),
        Word::literal("--subscriptions"),
        subscription.clone(),
        Word::literal("--first"),
        Word::Literal(RESOURCE_PAGE_SIZE.to_string()),
        Word::literal("--output"),
        Word::literal("json"),
    ]
}

/// The shell variable that holds an environment's subscription when the document leaves it
/// out: `SUBSCRIPTION_` and the name in capitals, hyphens as underscores.
fn subscription_variable(environment: &str) -> String {
    let name: String = environment
        .chars()
        .map(|c| {
            if c == '-' {
                '_'
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect();
    format!("SUBSCRIPTION_{name}")
}

fn command_line(argv: &[Word]) -> String {
    argv.iter()
        .map(Word::to_shell)
        .collect::<Vec<_>>()
        .join(" ")
}

fn write_environment(script: &mut String, environment: &EnvironmentExport) {
    let _ = writeln!(script, "\n# environment {}", environment.environment);
    if let Word::Variable(name) = &environment.subscription {
        let _ = writeln!(
            script,
            ": \"${{{name}:?set {name} to the subscription of environment {}}}\"",
            environment.environment
        );
    }
    for export in environment.exports.iter().filter(|export| export.paged) {
        let _ = writeln!(script, "mkdir -p \"$out\"/{}", quote(&export.path));
    }
    for export in &environment.exports {
        let target = format!("\"$out\"/{}", quote(&export.path));
        if export.paged {
            write_paged(script, export, &target);
        } else {
            let _ = writeln!(script, "{} > {target}", command_line(&export.argv));
        }
    }
}

/// The loop that fetches every page of a Resource Graph query.
fn write_paged(script: &mut String, export: &Export, folder: &str) {
    let page = format!("{folder}/page-$page.json");
    let _ = writeln!(script, "page=1\ntoken=\nwhile :; do");
    let _ = writeln!(
        script,
        "  {} ${{token:+--skip-token \"$token\"}} > {page}",
        command_line(&export.argv)
    );
    let _ = writeln!(
        script,
        "  token=$(jq -r '.skip_token // empty' {page})\n  \
         [ -n \"$token\" ] || break\n  \
         page=$((page + 1))\ndone"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_names_every_type() {
        for kind in RESOURCE_TYPES {
            assert!(RESOURCE_QUERY.contains(&format!("\"{kind}\"")), "{kind}");
        }
        assert!(!RESOURCE_QUERY.contains('\''));
    }

    #[test]
    fn the_assignment_query_reads_role_assignments_only() {
        assert!(ROLE_ASSIGNMENT_QUERY.starts_with("authorizationresources "));
        assert!(ROLE_ASSIGNMENT_QUERY.contains("\"microsoft.authorization/roleassignments\""));
        assert!(!ROLE_ASSIGNMENT_QUERY.contains('\''));
    }

    #[test]
    fn subscription_variables_are_shell_names() {
        assert_eq!(subscription_variable("pre-prod"), "SUBSCRIPTION_PRE_PROD");
    }
}
