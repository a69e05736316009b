//! The capabilities the access matrix shows, defined as data.
//!
//! A capability is a name a reviewer understands ("create compute") plus the catalog
//! operations that make it up. Each matrix cell asks the permission evaluator whether the
//! role actually assigned to a persona grants those operations; nothing is written by hand.
//!
//! | capability | check | operations |
//! |---|---|---|
//! | create or delete a workspace | any of | `workspaces/write`, `workspaces/delete` |
//! | manage users | all of | `Microsoft.Authorization/roleAssignments/write`, `…/delete` |
//! | create compute | all of | `workspaces/computes/write` |
//! | start/stop own compute | all of | `workspaces/computes/start/action`, `…/stop/action` |
//! | submit jobs | all of | `workspaces/jobs/write` |
//! | register models | all of | `workspaces/models/versions/write` |
//! | deploy endpoints | all of | `workspaces/onlineEndpoints/write`, `…/deployments/write` |
//! | read only | read only | grants `workspaces/read` and no catalog operation but reads |
//!
//! (`workspaces/…` stands for `Microsoft.MachineLearningServices/workspaces/…`.)

use mlzone_model::rbac::PermissionSet;
use serde::Serialize;

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

/// One capability of the access matrix.
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

/// Every capability, in the order the matrix shows them.
pub const CAPABILITIES: &[Capability] = &[
    Capability {
        key: "create-delete-workspace",
        name: "create or delete a workspace",
        description: "create, change or delete the workspace itself",
        check: Check::AnyOf(&[
            "Microsoft.MachineLearningServices/workspaces/write",
            "Microsoft.MachineLearningServices/workspaces/delete",
        ]),
    },
    Capability {
        key: "manage-users",
        name: "manage users",
        description: "add and remove role assignments, that is workspace users",
        check: Check::AllOf(&[
            "Microsoft.Authorization/roleAssignments/write",
            "Microsoft.Authorization/roleAssignments/delete",
        ]),
    },
    Capability {
        key: "create-compute",
        name: "create compute",
        description: "create compute instances and clusters",
        check: Check::AllOf(&["Microsoft.MachineLearningServices/workspaces/computes/write"]),
    },
    Capability {
        key: "start-stop-compute",
        name: "start/stop own compute",
        description: "start and stop a compute instance",
        check: Check::AllOf(&[
            "Microsoft.MachineLearningServices/workspaces/computes/start/action",
            "Microsoft.MachineLearningServices/workspaces/computes/stop/action",
        ]),
    },
    Capability {
        key: "submit-jobs",
        name: "submit jobs",
        description: "submit training and pipeline jobs",
        check: Check::AllOf(&["Microsoft.MachineLearningServices/workspaces/jobs/write"]),
    },
    Capability {
        key: "register-models",
        name: "register models",
        description: "register a model version",
        check: Check::AllOf(&[
            "Microsoft.MachineLearningServices/workspaces/models/versions/write",
        ]),
    },
    Capability {
        key: "deploy-endpoints",
        name: "deploy endpoints",
        description: "create online endpoints and their deployments",
        check: Check::AllOf(&[
            "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/write",
            "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/write",
        ]),
    },
    Capability {
        key: "read-only",
        name: "read only",
        description: "read the workspace, and nothing but reads in the operation catalog",
        check: Check::ReadOnly(&["Microsoft.MachineLearningServices/workspaces/read"]),
    },
];

/// The docs view of a capability: what the capabilities page lists.
#[derive(Debug, Clone, Serialize)]
pub struct CapabilityView {
    /// Its key.
    pub key: &'static str,
    /// Its name.
    pub name: &'static str,
    /// What it means.
    pub description: &'static str,
    /// How the operations combine.
    pub rule: &'static str,
    /// The operations checked.
    pub operations: &'static [&'static str],
}

impl CapabilityView {
    /// The view of `capability`.
    pub fn of(capability: &Capability) -> Self {
        Self {
            key: capability.key,
            name: capability.name,
            description: capability.description,
            rule: capability.check.rule(),
            operations: capability.check.operations(),
        }
    }
}
