//! The capabilities of a persona, defined as data: one table for the validator and the docs.
//!
//! A capability is a name a reviewer understands ("create compute") plus the catalog
//! operations that make it up and how they combine. The docs' access matrix asks whether the
//! role a persona holds has each capability ([`Check::holds`]); the validator's rules ask
//! the same of the capabilities a persona must have (a workspace admin creates compute) and
//! report every operation granted of the capabilities a persona must not have (a restricted
//! data scientist gets no part of managing users).
//!
//! | capability | check | operations |
//! |---|---|---|
//! | create or delete a workspace | any of | `workspaces/write`, `workspaces/delete` |
//! | manage users | all of | `Microsoft.Authorization/roleAssignments/write`, `…/delete` |
//! | create compute | all of | `workspaces/computes/write`, `…/delete` |
//! | start/stop own compute | all of | `workspaces/computes/start/action`, `…/stop/action` |
//! | submit jobs | all of | `workspaces/jobs/write` |
//! | register models | all of | `workspaces/models/versions/write` |
//! | deploy endpoints | all of | `workspaces/onlineEndpoints/write`, `…/deployments/write` |
//! | read only | read only | grants `workspaces/read` and no catalog operation but reads |
//! | set up infrastructure (not in the matrix) | any of | compute, hubs, feature stores, networking |
//!
//! At the model registry (the matrix's registry section, [`REGISTRY_CAPABILITIES`]):
//!
//! | capability | check | operations |
//! |---|---|---|
//! | publish a model | all of | `registries/read`, `registries/assets/write` |
//! | read or use a model | all of | `registries/read`, `registries/assets/read` |
//! | delete or overwrite an asset | any of | `registries/assets/delete`, `registries/write`, `registries/delete` |
//!
//! (`workspaces/…` and `registries/…` stand for `Microsoft.MachineLearningServices/…`.)

#[cfg(test)]
mod tests;

use crate::rbac::PermissionSet;

/// How a capability is decided from a permission set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Every operation is granted.
    AllOf(&'static [&'static str]),
    /// At least one operation is granted.
    AnyOf(&'static [&'static str]),
    /// Every operation is granted and every granted catalog operation (both planes) is a
    /// read.
    ReadOnly(&'static [&'static str]),
}

impl Check {
    /// The operations the check asks about (for [`Check::ReadOnly`], the reads it requires).
    pub fn operations(self) -> &'static [&'static str] {
        match self {
            Check::AllOf(ops) | Check::AnyOf(ops) | Check::ReadOnly(ops) => ops,
        }
    }

    /// How the check combines its operations, in words for the docs.
    pub fn rule(self) -> &'static str {
        match self {
            Check::AllOf(_) => "all of",
            Check::AnyOf(_) => "any of",
            Check::ReadOnly(_) => "all of, and no granted operation other than a read",
        }
    }

    /// Whether `set` has the capability.
    pub fn holds(self, set: &PermissionSet<'_>) -> bool {
        match self {
            Check::AllOf(ops) => ops.iter().all(|op| set.allows(op).is_granted()),
            Check::AnyOf(ops) => ops.iter().any(|op| set.allows(op).is_granted()),
            Check::ReadOnly(ops) => {
                ops.iter().all(|op| set.allows(op).is_granted())
                    && set
                        .granted_operations()
                        .iter()
                        .all(|granted| is_read(granted.name()))
            }
        }
    }
}

/// Whether an operation name is a read (`…/read`, case-insensitively).
pub fn is_read(operation: &str) -> bool {
    operation
        .rsplit('/')
        .next()
        .is_some_and(|last| last.eq_ignore_ascii_case("read"))
}

/// One capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capability {
    /// A stable key (kebab-case).
    pub key: &'static str,
    /// The name shown in the matrix.
    pub name: &'static str,
    /// What it means, for the docs page.
    pub description: &'static str,
    /// How it is decided.
    pub check: Check,
}

impl Capability {
    /// The catalog operations that make it up.
    pub fn operations(&self) -> &'static [&'static str] {
        self.check.operations()
    }

    /// Whether `set` has the capability.
    pub fn holds(&self, set: &PermissionSet<'_>) -> bool {
        self.check.holds(set)
    }
}

/// Creating, changing and deleting the workspace itself.
pub const CREATE_DELETE_WORKSPACE: Capability = Capability {
    key: "create-delete-workspace",
    name: "create or delete a workspace",
    description: "create, change or delete the workspace itself",
    check: Check::AnyOf(&[
        "Microsoft.MachineLearningServices/workspaces/write",
        "Microsoft.MachineLearningServices/workspaces/delete",
    ]),
};

/// Adding and removing workspace users (role assignments).
pub const MANAGE_USERS: Capability = Capability {
    key: "manage-users",
    name: "manage users",
    description: "add and remove role assignments, that is workspace users",
    check: Check::AllOf(&[
        "Microsoft.Authorization/roleAssignments/write",
        "Microsoft.Authorization/roleAssignments/delete",
    ]),
};

/// Creating and deleting compute: the lifecycle of compute the guidance gives the workspace
/// admin and keeps from restricted data scientists.
pub const CREATE_COMPUTE: Capability = Capability {
    key: "create-compute",
    name: "create compute",
    description: "create and delete compute instances and clusters",
    check: Check::AllOf(&[
        "Microsoft.MachineLearningServices/workspaces/computes/write",
        "Microsoft.MachineLearningServices/workspaces/computes/delete",
    ]),
};

/// Starting and stopping a compute instance.
pub const START_STOP_COMPUTE: Capability = Capability {
    key: "start-stop-compute",
    name: "start/stop own compute",
    description: "start and stop a compute instance",
    check: Check::AllOf(&[
        "Microsoft.MachineLearningServices/workspaces/computes/start/action",
        "Microsoft.MachineLearningServices/workspaces/computes/stop/action",
    ]),
};

/// Submitting jobs.
pub const SUBMIT_JOBS: Capability = Capability {
    key: "submit-jobs",
    name: "submit jobs",
    description: "submit training and pipeline jobs",
    check: Check::AllOf(&["Microsoft.MachineLearningServices/workspaces/jobs/write"]),
};

/// Registering model versions.
pub const REGISTER_MODELS: Capability = Capability {
    key: "register-models",
    name: "register models",
    description: "register a model version",
    check: Check::AllOf(&["Microsoft.MachineLearningServices/workspaces/models/versions/write"]),
};

/// Deploying online endpoints.
pub const DEPLOY_ENDPOINTS: Capability = Capability {
    key: "deploy-endpoints",
    name: "deploy endpoints",
    description: "create online endpoints and their deployments",
    check: Check::AllOf(&[
        "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/write",
        "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/write",
    ]),
};

/// Reading the workspace and nothing but reading.
pub const READ_ONLY: Capability = Capability {
    key: "read-only",
    name: "read only",
    description: "read the workspace, and nothing but reads in the operation catalog",
    check: Check::ReadOnly(&["Microsoft.MachineLearningServices/workspaces/read"]),
};

/// Setting up the infrastructure of a workspace that a restricted data scientist relies on
/// others for (besides the workspace itself, which [`CREATE_DELETE_WORKSPACE`] covers). The
/// validator asks about it; the matrix does not show it.
pub const SET_UP_INFRASTRUCTURE: Capability = Capability {
    key: "set-up-infrastructure",
    name: "set up infrastructure",
    description: "create compute, hubs, feature stores, private endpoints, managed networks, outbound rules and attached AKS",
    check: Check::AnyOf(&[
        "Microsoft.MachineLearningServices/workspaces/computes/write",
        "Microsoft.MachineLearningServices/workspaces/computes/delete",
        "Microsoft.MachineLearningServices/workspaces/hubs/write",
        "Microsoft.MachineLearningServices/workspaces/featurestores/write",
        "Microsoft.MachineLearningServices/workspaces/privateEndpointConnections/write",
        "Microsoft.MachineLearningServices/workspaces/managedNetworks/write",
        "Microsoft.MachineLearningServices/workspaces/outboundRules/write",
        "Microsoft.MachineLearningServices/workspaces/services/aks/write",
    ]),
};

/// Adding model versions to the model registry: sharing one from a workspace, or creating
/// one there (`az ml model share`, `az ml model create --registry-name`).
pub const PUBLISH_MODELS: Capability = Capability {
    key: "publish-models",
    name: "publish a model",
    description: "add a model version to the model registry, shared from a workspace or created there",
    check: Check::AllOf(&[
        "Microsoft.MachineLearningServices/registries/read",
        "Microsoft.MachineLearningServices/registries/assets/write",
    ]),
};

/// Reading the registry's models, which deploying one from `azureml://registries/…` needs.
pub const USE_MODELS: Capability = Capability {
    key: "use-models",
    name: "read or use a model",
    description: "read the model registry's models, which deploying one of them in a workspace needs",
    check: Check::AllOf(&[
        "Microsoft.MachineLearningServices/registries/read",
        "Microsoft.MachineLearningServices/registries/assets/read",
    ]),
};

/// Removing or replacing what the registry holds: deleting an asset, or changing or
/// deleting the registry itself (its regions, network, existence). The validator's
/// `registry-asset-deletion` asks the same operations.
pub const DELETE_REGISTRY_ASSETS: Capability = Capability {
    key: "delete-registry-assets",
    name: "delete or overwrite an asset",
    description: "delete an asset of the model registry, or change or delete the registry itself, which takes away what production serves",
    check: Check::AnyOf(&[
        "Microsoft.MachineLearningServices/registries/assets/delete",
        "Microsoft.MachineLearningServices/registries/write",
        "Microsoft.MachineLearningServices/registries/delete",
    ]),
};

/// The capabilities at the model registry, in the order the access matrix's registry
/// section shows them.
pub const REGISTRY_CAPABILITIES: &[Capability] =
    &[PUBLISH_MODELS, USE_MODELS, DELETE_REGISTRY_ASSETS];

/// The capabilities of the access matrix, in the order it shows them.
pub const CAPABILITIES: &[Capability] = &[
    CREATE_DELETE_WORKSPACE,
    MANAGE_USERS,
    CREATE_COMPUTE,
    START_STOP_COMPUTE,
    SUBMIT_JOBS,
    REGISTER_MODELS,
    DEPLOY_ENDPOINTS,
    READ_ONLY,
];

/// Every capability: the matrix's, then those only the validator asks about.
pub const ALL: &[Capability] = &[
    CREATE_DELETE_WORKSPACE,
    MANAGE_USERS,
    CREATE_COMPUTE,
    START_STOP_COMPUTE,
    SUBMIT_JOBS,
    REGISTER_MODELS,
    DEPLOY_ENDPOINTS,
    READ_ONLY,
    SET_UP_INFRASTRUCTURE,
    PUBLISH_MODELS,
    USE_MODELS,
    DELETE_REGISTRY_ASSETS,
];
