//! The Bicep symbols of the resources every project module declares under a fixed name. The
//! plan refers to them (private endpoints name their target by symbol, and no other symbol
//! of the module may take them) and the project template declares them from the view, so an
//! override that renames one cannot break the references.

use serde::Serialize;

/// The parameter of every `main.bicep` and project module that holds the region: the plan
/// takes it before any other symbol of those files, so the templates can write it as is.
pub const LOCATION_PARAMETER: &str = "location";

/// The parameter of a project module that holds the ids of the custom roles it assigns, by GUID.
pub const ROLE_IDS_PARAMETER: &str = "roleDefinitionIds";

/// The parameter of a project module that holds the ids of the private DNS zones, by name.
pub const DNS_ZONE_IDS_PARAMETER: &str = "privateDnsZoneIds";

/// The fixed symbols of a project module, as `symbols` in the project template.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ProjectSymbols {
    /// The Log Analytics workspace.
    pub log_analytics: &'static str,
    /// Application Insights.
    pub app_insights: &'static str,
    /// The storage account.
    pub storage: &'static str,
    /// The key vault.
    pub key_vault: &'static str,
    /// The container registry.
    pub registry: &'static str,
    /// The Azure Machine Learning workspace.
    pub workspace: &'static str,
}

/// The symbols every project module declares.
pub const PROJECT_SYMBOLS: ProjectSymbols = ProjectSymbols {
    log_analytics: "logAnalytics",
    app_insights: "appInsights",
    storage: "storage",
    key_vault: "keyVault",
    registry: "registry",
    workspace: "workspace",
};

impl ProjectSymbols {
    /// Every symbol, in declaration order.
    pub fn all(&self) -> [&'static str; 6] {
        [
            self.log_analytics,
            self.app_insights,
            self.storage,
            self.key_vault,
            self.registry,
            self.workspace,
        ]
    }
}
