//! mlzone's shipped custom roles for the Cloud Adoption Framework personas.
//!
//! Each role is one permission block over `Microsoft.MachineLearningServices` (and, for the
//! workspace admin, role assignments). Patterns are written relative to that provider here and
//! stored in full. Every role passes [`check_permissions`](super::check_permissions) and has a
//! golden test of its intent.

use std::sync::LazyLock;

use super::Permissions;

/// One shipped custom role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibraryRole {
    /// The stable key, e.g. `data-scientist`.
    pub key: &'static str,
    /// The role name written into role definitions.
    pub display_name: &'static str,
    /// What the role is for, one sentence.
    pub description: &'static str,
    /// The role's permission block.
    pub permissions: Permissions,
}

struct Spec {
    key: &'static str,
    display_name: &'static str,
    description: &'static str,
    actions: &'static [&'static str],
    not_actions: &'static [&'static [&'static str]],
}

/// Reads inside the workspace that hand out secrets or keys.
const SECRET_READS: &[&str] = &[
    "workspaces/listNotebookKeys/read",
    "workspaces/metadata/secrets/read",
];

/// Everything inside a workspace, as the built-in AzureML roles write it.
const WORKSPACE_ALL: &[&str] = &[
    "workspaces/*/read",
    "workspaces/*/action",
    "workspaces/*/write",
    "workspaces/*/delete",
];

/// Workspace-level infrastructure: the workspace itself, hubs, feature stores and networking.
const WORKSPACE_INFRASTRUCTURE: &[&str] = &[
    "workspaces/write",
    "workspaces/delete",
    "workspaces/hubs/write",
    "workspaces/hubs/delete",
    "workspaces/featurestores/write",
    "workspaces/featurestores/delete",
    "workspaces/privateEndpointConnectionsApproval/action",
    "workspaces/privateEndpointConnections/write",
    "workspaces/privateEndpointConnections/delete",
    "workspaces/privateEndpointConnectionProxies/write",
    "workspaces/privateEndpointConnectionProxies/delete",
    "workspaces/provisionManagedNetwork/action",
    "workspaces/managedNetworks/write",
    "workspaces/managedNetworks/batchOutboundRules/action",
    "workspaces/managedNetworks/outboundRules/write",
    "workspaces/managedNetworks/outboundRules/delete",
    "workspaces/outboundRules/write",
    "workspaces/outboundRules/delete",
];

/// Key and secret listing of the workspace and everything in it.
const KEYS_AND_SECRETS: &[&str] = &[
    "workspaces/*/listKeys/action",
    "workspaces/*/listsecrets/action",
    "workspaces/*/regenerateKeys/action",
    "workspaces/resynckeys/action",
    "workspaces/listStorageAccountKeys/action",
    "workspaces/environments/readSecrets/action",
];

const SPECS: &[Spec] = &[
    Spec {
        key: "data-scientist",
        display_name: "mlzone Data Scientist (restricted)",
        description: "Runs experiments, jobs and notebooks and starts or stops compute in a restricted workspace; creates no compute or workspaces, manages no access and lists no keys.",
        actions: WORKSPACE_ALL,
        not_actions: &[
            WORKSPACE_INFRASTRUCTURE,
            KEYS_AND_SECRETS,
            SECRET_READS,
            &[
                "workspaces/computes/*/write",
                "workspaces/computes/*/delete",
                "workspaces/notebooks/vm/write",
                "workspaces/notebooks/vm/delete",
                "workspaces/services/aks/write",
                "workspaces/services/aks/delete",
                "workspaces/endpoints/pipelines/write",
            ],
        ],
    },
    Spec {
        key: "data-engineer",
        display_name: "mlzone Data Engineer",
        description: "Manages datastores, data assets, feature sets and data pipelines and starts or stops compute; creates no compute, deploys no endpoints and lists no secrets.",
        actions: &[
            "workspaces/*/read",
            "workspaces/datastores/write",
            "workspaces/datastores/delete",
            "workspaces/datasets/*/write",
            "workspaces/datasets/*/delete",
            "workspaces/data/*/write",
            "workspaces/data/*/delete",
            "workspaces/featuresets/*",
            "workspaces/featurestoreentities/*",
            "workspaces/datadriftdetectors/*",
            "workspaces/jobs/*",
            "workspaces/experiments/*",
            "workspaces/pipelinedrafts/*",
            "workspaces/schedules/*",
            "workspaces/components/*",
            "workspaces/codes/*",
            "workspaces/environments/*",
            "workspaces/metadata/artifacts/write",
            "workspaces/metadata/snapshots/write",
            "workspaces/notebooks/storage/*",
            "workspaces/computes/start/action",
            "workspaces/computes/stop/action",
            "workspaces/computes/restart/action",
            // What `configure` grants in test, so access only shrinks along promotion.
            "workspaces/computes/updateIdleShutdownSetting/action",
            "workspaces/computes/updateSchedules/action",
            "workspaces/models/*/write",
        ],
        not_actions: &[
            SECRET_READS,
            &["workspaces/environments/readSecrets/action"],
        ],
    },
    Spec {
        key: "mlops-engineer",
        display_name: "mlzone MLOps Engineer",
        description: "Full access for DevOps in test and production: manages compute, runs pipelines, deploys endpoints and promotes assets through registries; changes no workspace, network or access.",
        actions: &[
            "workspaces/*/read",
            "workspaces/*/action",
            "workspaces/*/write",
            "workspaces/*/delete",
            "registries/read",
            "registries/assets/*",
        ],
        not_actions: &[
            WORKSPACE_INFRASTRUCTURE,
            &[
                "workspaces/computes/listKeys/action",
                "workspaces/*/listsecrets/action",
                "workspaces/environments/readSecrets/action",
                "workspaces/listKeys/action",
                "workspaces/resynckeys/action",
                "workspaces/listStorageAccountKeys/action",
            ],
        ],
    },
    Spec {
        key: "workspace-admin",
        display_name: "mlzone Workspace Admin",
        description: "Administers a workspace: creates and deletes compute instances and clusters, manages everything inside the workspace, its registry assets and its role assignments; does not change or delete the workspace resource itself.",
        actions: &[
            "workspaces/*/read",
            "workspaces/*/action",
            "workspaces/*/write",
            "workspaces/*/delete",
            "registries/read",
            "registries/assets/*",
            "Microsoft.Authorization/roleAssignments/read",
            "Microsoft.Authorization/roleAssignments/write",
            "Microsoft.Authorization/roleAssignments/delete",
            "Microsoft.Authorization/roleDefinitions/read",
        ],
        not_actions: &[&["workspaces/write", "workspaces/delete"]],
    },
    Spec {
        key: "configure",
        display_name: "mlzone Configure",
        description: "Reads the workspace and changes some configuration: starts, stops and schedules compute, registers models and environments; creates or deletes nothing and lists no keys.",
        actions: &[
            "workspaces/*/read",
            "workspaces/computes/start/action",
            "workspaces/computes/stop/action",
            "workspaces/computes/restart/action",
            "workspaces/computes/updateIdleShutdownSetting/action",
            "workspaces/computes/updateSchedules/action",
            "workspaces/models/*/write",
            "workspaces/environments/*/write",
            "workspaces/environments/build/action",
            "workspaces/schedules/write",
        ],
        not_actions: &[SECRET_READS],
    },
    Spec {
        key: "read-only",
        display_name: "mlzone Read Only",
        description: "Reads everything in the workspace except keys, secrets and notebook access tokens.",
        actions: &["workspaces/*/read"],
        not_actions: &[SECRET_READS, &["workspaces/listNotebookAccessToken/read"]],
    },
    Spec {
        key: "registry-publisher",
        display_name: "mlzone Registry Publisher",
        description: "Publishes new model, environment and component versions into a machine learning registry and reads it; deletes no asset, changes no asset's stage and changes no registry.",
        actions: &[
            "registries/read",
            "registries/assets/read",
            "registries/assets/write",
        ],
        not_actions: &[],
    },
    Spec {
        key: "registry-reader",
        display_name: "mlzone Registry Reader",
        description: "Reads a machine learning registry and its assets, to deploy its models; publishes, changes and deletes nothing.",
        actions: &["registries/read", "registries/assets/read"],
        not_actions: &[],
    },
];

const PROVIDER: &str = "Microsoft.MachineLearningServices/";

fn full(pattern: &str) -> String {
    if pattern.starts_with("Microsoft.") {
        pattern.to_owned()
    } else {
        format!("{PROVIDER}{pattern}")
    }
}

static ROLES: LazyLock<Vec<LibraryRole>> = LazyLock::new(|| {
    SPECS
        .iter()
        .map(|spec| {
            let mut not_actions: Vec<String> = Vec::new();
            for pattern in spec.not_actions.iter().flat_map(|group| group.iter()) {
                let pattern = full(pattern);
                if !not_actions.iter().any(|p| p.eq_ignore_ascii_case(&pattern)) {
                    not_actions.push(pattern);
                }
            }
            LibraryRole {
                key: spec.key,
                display_name: spec.display_name,
                description: spec.description,
                permissions: Permissions {
                    actions: spec.actions.iter().map(|p| full(p)).collect(),
                    not_actions,
                    ..Permissions::default()
                },
            }
        })
        .collect()
});

/// Every library role, in a fixed order.
pub fn all() -> &'static [LibraryRole] {
    &ROLES
}

/// The library role with key `key` (`data-scientist`, `data-engineer`, `mlops-engineer`,
/// `workspace-admin`, `configure`, `read-only`, `registry-publisher`, `registry-reader`),
/// case-insensitively.
pub fn find(key: &str) -> Option<&'static LibraryRole> {
    ROLES
        .iter()
        .find(|r| r.key.eq_ignore_ascii_case(key.trim()))
}
