//! The role every test and production workspace identity reads the model registry with only
//! reads it.

use super::{Rule, RuleInfo};
use crate::access::capabilities::{DELETE_REGISTRY_ASSETS, is_read};
use crate::diagnostic::{Code, Severity};
use crate::estate::RegistryDuty;
use crate::validate::context::Context;

/// What every operation at the registry starts with.
const REGISTRY_OPERATIONS: &str = "Microsoft.MachineLearningServices/registries/";

/// How many operations a finding names before it counts the rest.
const SHOWN: usize = 3;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::RegistryReaderWrites,
        default_severity: Severity::Error,
        summary: "the reader role that workspace identities and pipelines hold at the model registry only reads",
        description: "The system-assigned identity of every test and production workspace, and the service principal of the pipelines that deploy there, hold the registry's reader role: Azure Machine Learning pulls the models their endpoints serve with it. A reader role that deletes or writes anything at the registry gives that to every one of these identities, so code running in any test workspace can delete or overwrite the model versions production deploys and rolls back to.",
        help: "give `registry.reader-role` a role that only reads the registry (the library's `registry-reader`, the default); publishing belongs to `registry.publisher-role`",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let estate = cx.estate;
    let Some(registry) = estate.registry() else {
        return;
    };
    let workspaces = registry.workspace_readers(estate).count();
    let pipelines: Vec<&str> = registry
        .pipeline_duties(estate)
        .filter(|(_, duty)| *duty == RegistryDuty::Reader)
        .map(|(id, _)| estate[id].name.as_str())
        .collect();
    if workspaces == 0 && pipelines.is_empty() {
        return;
    }
    let role = registry.reader_role;
    // A role whose permissions are unknown is reported where it is defined or held.
    let Some(permissions) = cx.access.role_permissions(role) else {
        return;
    };
    let mut writes: Vec<&str> = DELETE_REGISTRY_ASSETS
        .operations()
        .iter()
        .copied()
        .filter(|operation| permissions.grants(operation))
        .collect();
    for operation in permissions.granted_operations() {
        let name = operation.name();
        let at_registry = name
            .get(..REGISTRY_OPERATIONS.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(REGISTRY_OPERATIONS));
        if at_registry && !is_read(name) && !writes.contains(&name) {
            writes.push(name);
        }
    }
    if writes.is_empty() {
        return;
    }
    let mut listed = writes
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join("`, `");
    listed = format!("`{listed}`");
    if writes.len() > SHOWN {
        listed.push_str(&format!(" and {} more", writes.len() - SHOWN));
    }
    let identities = match workspaces {
        1 => "the identity of 1 workspace".to_owned(),
        n => format!("the identities of {n} workspaces"),
    };
    let holders = match (workspaces, pipelines.as_slice()) {
        (0, _) => format!("the pipelines of {}", quoted(&pipelines)),
        (_, []) => identities,
        (_, _) => format!("{identities} and the pipelines of {}", quoted(&pipelines)),
    };
    let path = if registry.path.is_empty() {
        String::new()
    } else if role.reference_name(estate) != crate::resolve::registry::DEFAULT_READER_ROLE {
        format!("{}/reader-role", registry.path)
    } else {
        registry.path.clone()
    };
    cx.push(RULE.finding(
        path,
        format!(
            "the model registry's reader role `{}` writes there ({listed}), and {holders} hold it",
            role.reference_name(estate)
        ),
    ));
}

/// `` `a`, `b` and `c` `` for a list of names.
fn quoted(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}
