//! Where mlzone's output deliberately differs from a Checkov check, and why: each resource's
//! suppressions, with reasons that are facts of the estate. The templates only print them,
//! as Checkov reads them (a `// checkov:skip=ID: reason` line in a Bicep resource body, the
//! resource's `metadata.checkov` list in ARM).

use mlzone_model::document::OutboundRuleKind;
use mlzone_model::estate::{Environment, Project};
use mlzone_model::vocabulary::{Isolation, Network, Redundancy};
use serde::Serialize;

/// One deliberate deviation from a Checkov check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skip {
    /// The check's id (`CKV_AZURE_206`).
    pub id: &'static str,
    /// Why the resource differs, on one line.
    pub reason: String,
    /// The suppression as Checkov reads it: `ID: reason` (after `checkov:skip=` in Bicep, an
    /// entry of `metadata.checkov` in ARM).
    pub entry: String,
}

impl Skip {
    fn new(id: &'static str, reason: impl Into<String>) -> Self {
        let reason = reason.into();
        Self {
            id,
            entry: format!("{id}: {reason}"),
            reason,
        }
    }
}

/// Checkov's checks that mlzone's settings answer.
mod checks {
    /// Storage accounts use geo replication.
    pub const STORAGE_REPLICATION: &str = "CKV_AZURE_206";
    /// Storage accounts deny by default.
    pub const STORAGE_DEFAULT_DENY: &str = "CKV_AZURE_35";
    /// Storage accounts disallow public network access.
    pub const STORAGE_PUBLIC_ACCESS: &str = "CKV_AZURE_59";
    /// Key vaults have purge protection.
    pub const VAULT_PURGE_PROTECTION: &str = "CKV_AZURE_110";
    /// Key vaults are recoverable (soft delete and purge protection).
    pub const VAULT_RECOVERABLE: &str = "CKV_AZURE_42";
    /// Key vaults deny by default.
    pub const VAULT_FIREWALL: &str = "CKV_AZURE_109";
    /// Key vaults disable public network access.
    pub const VAULT_PUBLIC_ACCESS: &str = "CKV_AZURE_189";
    /// Container registries disable public network access.
    pub const REGISTRY_PUBLIC_ACCESS: &str = "CKV_AZURE_139";
    /// Container registries quarantine pushed images.
    pub const REGISTRY_QUARANTINE: &str = "CKV_AZURE_166";
    /// Workspaces' managed networks have a private-endpoint outbound rule.
    pub const WORKSPACE_PRIVATE_ENDPOINT: &str = "CKV_AZURE_243";
}

/// Why registries never quarantine images.
const QUARANTINE: &str = "Azure Machine Learning builds environment images into this registry and pulls them at once; quarantine would hold every image until an external scanner releases it, so image builds would fail (scan images with Microsoft Defender for Containers instead)";

/// The suppressions of one project's resources in one environment.
#[derive(Debug, Clone, Default)]
pub(super) struct Skips {
    pub storage: Vec<Skip>,
    pub key_vault: Vec<Skip>,
    pub registry: Vec<Skip>,
    pub workspace: Vec<Skip>,
}

/// The suppressions of `project`'s resources in `environment`.
pub(super) fn skips(environment: &Environment, project: &Project) -> Skips {
    let posture = &environment.posture;
    let name = project.name.as_str();
    let mut skips = Skips::default();

    if posture.storage_redundancy == Redundancy::Local {
        let reason = posture
            .storage_redundancy_reason
            .clone()
            .unwrap_or_else(|| format!("storage of `{}` is locally redundant", environment.name));
        skips
            .storage
            .push(Skip::new(checks::STORAGE_REPLICATION, reason));
    }
    if !posture.purge_protection {
        let reason = posture
            .purge_protection_reason
            .clone()
            .unwrap_or_else(|| format!("purge protection of `{}` is off", environment.name));
        skips
            .key_vault
            .push(Skip::new(checks::VAULT_PURGE_PROTECTION, reason.clone()));
        skips
            .key_vault
            .push(Skip::new(checks::VAULT_RECOVERABLE, reason));
    }
    if project.factors.network == Network::Public {
        let public = format!(
            "project `{name}` is public (network factor `public`): people and services reach it over the internet by design; make it `private` to close public access"
        );
        skips.storage.extend([
            Skip::new(checks::STORAGE_DEFAULT_DENY, public.clone()),
            Skip::new(checks::STORAGE_PUBLIC_ACCESS, public.clone()),
        ]);
        skips.key_vault.extend([
            Skip::new(checks::VAULT_FIREWALL, public.clone()),
            Skip::new(checks::VAULT_PUBLIC_ACCESS, public.clone()),
        ]);
        skips
            .registry
            .push(Skip::new(checks::REGISTRY_PUBLIC_ACCESS, public));
    }
    skips
        .registry
        .push(Skip::new(checks::REGISTRY_QUARANTINE, QUARANTINE));

    let isolation = project.factors.isolation;
    let has_private_endpoint_rule = isolation != Isolation::Disabled
        && project
            .outbound_rules
            .iter()
            .any(|rule| rule.kind == OutboundRuleKind::PrivateEndpoint);
    if !has_private_endpoint_rule {
        let reason = if isolation == Isolation::Disabled {
            format!(
                "project `{name}` has no managed network (isolation `disabled`), so it has no outbound rules; give it an isolation mode to put its compute behind one"
            )
        } else {
            format!(
                "the managed network of project `{name}` reaches the workspace's storage account, key vault and container registry through private endpoints Azure adds itself as required rules; the project declares no other private-endpoint destination"
            )
        };
        skips
            .workspace
            .push(Skip::new(checks::WORKSPACE_PRIVATE_ENDPOINT, reason));
    }
    skips
}

/// The storage account SKU that gives `redundancy`.
pub(super) fn storage_sku(redundancy: Redundancy) -> &'static str {
    match redundancy {
        Redundancy::Local => "Standard_LRS",
        Redundancy::Zone => "Standard_ZRS",
        Redundancy::Geo => "Standard_GRS",
        Redundancy::GeoZone => "Standard_GZRS",
    }
}

#[cfg(test)]
mod tests {
    use super::{Skip, checks};
    use crate::plan::{Plan, ProjectPlan};

    const DOCUMENT: &str = "organisation: Contoso
tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a
location: westeurope
environments:
  - name: dev
    stage: development
    posture:
      purge-protection: false
      purge-protection-reason: sandboxes are deleted every night
  - name: test
    stage: test
    promotes-from: [dev]
  - name: prod
    stage: production
    promotes-from: [test]
    approval:
      persona: stakeholder
projects:
  - name: open
    network: public
  - name: closed
    network: private
    outbound-rules:
      - name: lake
        kind: private-endpoint
        destination: /subscriptions/581299c9-284e-43e3-9635-1974c9d0bdce/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stlake
";

    fn projects() -> Vec<(String, ProjectPlan)> {
        let loaded = mlzone_model::load_estate(
            "estate.yaml",
            DOCUMENT.as_bytes(),
            None,
            &mlzone_model::Limits::default(),
        )
        .unwrap();
        let validated = mlzone_model::validate::validate(loaded.estate).unwrap();
        let plan = Plan::build(&validated).unwrap();
        plan.environments
            .iter()
            .flat_map(|environment| {
                environment.deployments.iter().flat_map(move |deployment| {
                    deployment
                        .projects
                        .iter()
                        .map(move |project| (environment.name.to_string(), project.clone()))
                })
            })
            .collect()
    }

    fn ids(skips: &[Skip]) -> Vec<&'static str> {
        skips.iter().map(|skip| skip.id).collect()
    }

    #[test]
    fn each_stage_gets_its_storage_and_vault_settings_and_each_deviation_its_reason() {
        let projects = projects();
        assert_eq!(projects.len(), 6);
        for (environment, project) in &projects {
            let dev = environment == "dev";
            let prod = environment == "prod";
            let public = project.name == "open";
            assert_eq!(
                project.storage.sku,
                if prod { "Standard_GRS" } else { "Standard_LRS" }
            );
            assert_eq!(project.key_vault.purge_protection, !dev);

            let mut storage = Vec::new();
            if !prod {
                storage.push(checks::STORAGE_REPLICATION);
            }
            if public {
                storage.extend([checks::STORAGE_DEFAULT_DENY, checks::STORAGE_PUBLIC_ACCESS]);
            }
            assert_eq!(ids(&project.storage.skips), storage, "{environment}");

            let vault = project
                .key_vault
                .skips
                .iter()
                .find(|skip| skip.id == checks::VAULT_PURGE_PROTECTION);
            assert_eq!(
                vault.map(|skip| skip.entry.as_str()),
                dev.then_some("CKV_AZURE_110: sandboxes are deleted every night")
            );
            assert_eq!(
                ids(&project.registry.skips).contains(&checks::REGISTRY_PUBLIC_ACCESS),
                public
            );
            assert!(ids(&project.registry.skips).contains(&checks::REGISTRY_QUARANTINE));
            // The private project's own private-endpoint rule meets the check.
            assert_eq!(
                ids(&project.workspace.skips),
                if public {
                    vec![checks::WORKSPACE_PRIVATE_ENDPOINT]
                } else {
                    Vec::new()
                }
            );
        }
    }
}
