//! Only MLOps engineers may delete what the model registry holds for production.

use super::{Rule, RuleInfo};
use crate::access::capabilities::DELETE_REGISTRY_ASSETS;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::estate::{Registry, RegistryDuty};
use crate::validate::context::Context;
use crate::vocabulary::PersonaKind;

/// What removes or replaces an asset production deploys from the registry: deleting an
/// asset, or changing or deleting the registry itself (its regions, network, existence). The
/// access matrix shows the same capability.
fn destructive() -> &'static [&'static str] {
    DELETE_REGISTRY_ASSETS.operations()
}

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::RegistryAssetDeletion,
        default_severity: Severity::Error,
        summary: "only MLOps engineers may delete or replace what the model registry holds",
        description: "Test and production deploy models from the registry, so an asset deleted there breaks the next deployment or rollback of production. Publishers need to add versions, not to remove them: a persona other than the MLOps engineers whose role at the registry deletes assets, or changes or deletes the registry, can take away what production serves.",
        help: "give publishers and readers a role without `registries/assets/delete`, `registries/write` and `registries/delete` (the library's `registry-publisher` and `registry-reader`), or leave the persona out of `registry.publishers` and `registry.readers`; the pipelines of the environment the promotion starts from publish with the publisher role too",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let Some(registry) = cx.estate.registry() else {
        return;
    };
    let mut findings = Vec::new();
    for &(persona_id, environment_id) in registry.publishers.union(&registry.readers) {
        let persona = &cx.estate[persona_id];
        if persona.kind == PersonaKind::MlopsEngineer {
            continue;
        }
        for duty in registry.duties(persona_id, environment_id) {
            let role = registry.role(duty);
            let Some(permissions) = cx.access.role_permissions(role) else {
                continue;
            };
            let granted: Vec<&str> = destructive()
                .iter()
                .copied()
                .filter(|operation| permissions.grants(operation))
                .collect();
            if granted.is_empty() {
                continue;
            }
            let (key, list) = match duty {
                RegistryDuty::Publisher => ("publisher-role", "publishers"),
                RegistryDuty::Reader => ("reader-role", "readers"),
            };
            let path = if registry.path.is_empty() {
                persona.path.clone()
            } else if role_written(cx, key) {
                format!("{}/{key}", registry.path)
            } else {
                format!("{}/{list}", registry.path)
            };
            findings.push(RULE.finding(
                path,
                format!(
                    "persona `{}` of `{}` may delete or replace assets production serves from the model registry: role `{}` grants `{}`",
                    persona.name,
                    cx.estate[environment_id].name,
                    role.reference_name(cx.estate),
                    granted.join("`, `"),
                ),
            ));
        }
    }
    findings.extend(pipeline_findings(cx, registry));
    for finding in findings {
        cx.push(finding);
    }
}

/// The pipelines' service principal of the environment the promotion starts from holds the
/// publisher role: it shares models, and needs no more to delete them than a persona does.
fn pipeline_findings(cx: &Context<'_>, registry: &Registry) -> Vec<Diagnostic> {
    let role = registry.publisher_role;
    let Some(permissions) = cx.access.role_permissions(role) else {
        return Vec::new();
    };
    let granted: Vec<&str> = destructive()
        .iter()
        .copied()
        .filter(|operation| permissions.grants(operation))
        .collect();
    if granted.is_empty() {
        return Vec::new();
    }
    let path = if registry.path.is_empty() {
        String::new()
    } else if role_written(cx, "publisher-role") {
        format!("{}/publisher-role", registry.path)
    } else {
        registry.path.clone()
    };
    registry
        .pipeline_duties(cx.estate)
        .filter(|(_, duty)| *duty == RegistryDuty::Publisher)
        .map(|(environment, _)| {
            RULE.finding(
                path.clone(),
                format!(
                    "the pipelines of `{}` may delete or replace assets production serves from the model registry: they publish with role `{}`, which grants `{}`",
                    cx.estate[environment].name,
                    role.reference_name(cx.estate),
                    granted.join("`, `"),
                ),
            )
        })
        .collect()
}

/// Whether the document wrote the registry role `key` (else the library's default holds).
fn role_written(cx: &Context<'_>, key: &str) -> bool {
    let Some(registry) = cx.estate.registry() else {
        return false;
    };
    let default = match key {
        "publisher-role" => crate::resolve::registry::DEFAULT_PUBLISHER_ROLE,
        _ => crate::resolve::registry::DEFAULT_READER_ROLE,
    };
    let role = if key == "publisher-role" {
        registry.publisher_role
    } else {
        registry.reader_role
    };
    role.reference_name(cx.estate) != default
}
