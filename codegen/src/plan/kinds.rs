//! The Azure resource types the plan deploys, with their API versions (`resources.md` §1).

use serde::Serialize;

/// One resource type at one API version, as templates write it.
///
/// Load-bearing: templates read `type`, `version` and `typed` (`type@version`, for Bicep).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Kind {
    /// The full resource type, e.g. `Microsoft.Storage/storageAccounts`.
    #[serde(rename = "type")]
    pub resource_type: &'static str,
    /// The API version, e.g. `2026-04-01`.
    pub version: &'static str,
    /// `type@version`, the form Bicep declarations use.
    pub typed: &'static str,
}

macro_rules! kind {
    ($type:literal, $version:literal) => {
        Kind {
            resource_type: $type,
            version: $version,
            typed: concat!($type, "@", $version),
        }
    };
}

/// Every resource type the templates use, by role. Latest stable versions of `resources.md`.
///
/// Load-bearing: templates read each field as `api.<field>`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Kinds {
    /// Resource groups.
    pub resource_groups: Kind,
    /// Nested deployments (Bicep modules).
    pub deployments: Kind,
    /// Custom role definitions.
    pub role_definitions: Kind,
    /// Role assignments.
    pub role_assignments: Kind,
    /// Azure Machine Learning workspaces.
    pub workspaces: Kind,
    /// Workspace computes (instances and clusters).
    pub computes: Kind,
    /// Managed online endpoints.
    pub online_endpoints: Kind,
    /// Batch endpoints.
    pub batch_endpoints: Kind,
    /// Storage accounts.
    pub storage_accounts: Kind,
    /// Key vaults.
    pub vaults: Kind,
    /// Application Insights components.
    pub components: Kind,
    /// Log Analytics workspaces.
    pub log_analytics: Kind,
    /// Container registries.
    pub registries: Kind,
    /// Private endpoints.
    pub private_endpoints: Kind,
    /// Private DNS zone groups of private endpoints.
    pub zone_groups: Kind,
    /// Private DNS zones.
    pub dns_zones: Kind,
    /// Virtual network links of private DNS zones.
    pub dns_links: Kind,
    /// Azure Load Testing resources.
    pub load_tests: Kind,
    /// Azure Machine Learning registries.
    pub ml_registries: Kind,
    /// Azure Policy definitions (mlzone's own guardrails).
    pub policy_definitions: Kind,
    /// Azure Policy assignments.
    pub policy_assignments: Kind,
    /// Azure Policy exemptions (published only in preview API versions).
    pub policy_exemptions: Kind,
}

/// The resource types and versions of every generated template.
pub const KINDS: Kinds = Kinds {
    resource_groups: kind!("Microsoft.Resources/resourceGroups", "2025-04-01"),
    deployments: kind!("Microsoft.Resources/deployments", "2025-04-01"),
    role_definitions: kind!("Microsoft.Authorization/roleDefinitions", "2022-04-01"),
    role_assignments: kind!("Microsoft.Authorization/roleAssignments", "2022-04-01"),
    workspaces: kind!("Microsoft.MachineLearningServices/workspaces", "2026-05-01"),
    computes: kind!(
        "Microsoft.MachineLearningServices/workspaces/computes",
        "2026-05-01"
    ),
    online_endpoints: kind!(
        "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
        "2026-05-01"
    ),
    batch_endpoints: kind!(
        "Microsoft.MachineLearningServices/workspaces/batchEndpoints",
        "2026-05-01"
    ),
    storage_accounts: kind!("Microsoft.Storage/storageAccounts", "2026-04-01"),
    vaults: kind!("Microsoft.KeyVault/vaults", "2026-02-01"),
    components: kind!("Microsoft.Insights/components", "2020-02-02"),
    log_analytics: kind!("Microsoft.OperationalInsights/workspaces", "2025-07-01"),
    registries: kind!("Microsoft.ContainerRegistry/registries", "2025-11-01"),
    private_endpoints: kind!("Microsoft.Network/privateEndpoints", "2025-07-01"),
    zone_groups: kind!(
        "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
        "2025-07-01"
    ),
    dns_zones: kind!("Microsoft.Network/privateDnsZones", "2024-06-01"),
    dns_links: kind!(
        "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
        "2024-06-01"
    ),
    load_tests: kind!("Microsoft.LoadTestService/loadTests", "2022-12-01"),
    ml_registries: kind!("Microsoft.MachineLearningServices/registries", "2026-05-01"),
    policy_definitions: kind!("Microsoft.Authorization/policyDefinitions", "2025-03-01"),
    policy_assignments: kind!("Microsoft.Authorization/policyAssignments", "2025-03-01"),
    policy_exemptions: kind!(
        "Microsoft.Authorization/policyExemptions",
        "2024-12-01-preview"
    ),
};
