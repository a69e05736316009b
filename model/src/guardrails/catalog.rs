//! The definition behind each guardrail: a built-in Azure Policy definition where Azure has
//! one, or one of mlzone's own (embedded from `model/data/policy/mlzone/`).

use std::sync::LazyLock;

use serde_json::Value;

use crate::vocabulary::{Guardrail, PolicyEffect};

/// Where a guardrail's policy definition comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A built-in definition, by its GUID (its id is
    /// `/providers/Microsoft.Authorization/policyDefinitions/<guid>`).
    Builtin(&'static str),
    /// A definition mlzone writes and deploys, by its name.
    Custom(&'static str),
}

/// Which of an environment's projects a guardrail holds for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// Every project.
    All,
    /// Private projects (private link, no public network access).
    Private,
    /// Projects whose managed network allows only approved outbound traffic.
    ApprovedOutbound,
}

/// What mlzone knows of a guardrail's policy definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefinitionInfo {
    /// The guardrail.
    pub guardrail: Guardrail,
    /// Where its definition comes from.
    pub source: Source,
    /// The definition's display name, as Azure shows it.
    pub display_name: &'static str,
    /// Whether the definition accepts `Deny` (otherwise a deny asked of it audits).
    pub can_deny: bool,
    /// Which projects it holds for.
    pub applies: Applies,
}

impl DefinitionInfo {
    /// The effect an assignment of this definition gets when `asked` is wanted: `Deny`
    /// becomes `Audit` where the definition cannot deny.
    pub fn effect(&self, asked: PolicyEffect) -> PolicyEffect {
        if asked == PolicyEffect::Deny && !self.can_deny {
            PolicyEffect::Audit
        } else {
            asked
        }
    }

    /// The full definition of one of mlzone's own guardrails, as deployed (`name`,
    /// `properties`); `None` for built-ins.
    pub fn custom_definition(&self) -> Option<&'static Value> {
        let Source::Custom(name) = self.source else {
            return None;
        };
        CUSTOM
            .iter()
            .find(|(custom, _)| *custom == name)
            .map(|(_, definition)| definition)
    }
}

/// Every guardrail's definition, in the order of [`Guardrail`].
pub const DEFINITIONS: &[DefinitionInfo] = &[
    WORKSPACE_PUBLIC_NETWORK,
    WORKSPACE_PRIVATE_LINK,
    STORAGE_PUBLIC_NETWORK,
    KEY_VAULT_PUBLIC_NETWORK,
    REGISTRY_PUBLIC_NETWORK,
    COMPUTE_LOCAL_AUTH,
    INSTANCE_IDLE_SHUTDOWN,
    MANAGED_NETWORK_APPROVED_OUTBOUND,
    CLUSTER_SCALE,
    COMPUTE_VM_SIZES,
    COMPUTE_NODE_PUBLIC_IP,
    CLUSTER_REMOTE_LOGIN,
];

/// The definition of `guardrail`.
pub fn definition(guardrail: Guardrail) -> &'static DefinitionInfo {
    match guardrail {
        Guardrail::WorkspacePublicNetwork => &WORKSPACE_PUBLIC_NETWORK,
        Guardrail::WorkspacePrivateLink => &WORKSPACE_PRIVATE_LINK,
        Guardrail::StoragePublicNetwork => &STORAGE_PUBLIC_NETWORK,
        Guardrail::KeyVaultPublicNetwork => &KEY_VAULT_PUBLIC_NETWORK,
        Guardrail::RegistryPublicNetwork => &REGISTRY_PUBLIC_NETWORK,
        Guardrail::ComputeLocalAuth => &COMPUTE_LOCAL_AUTH,
        Guardrail::InstanceIdleShutdown => &INSTANCE_IDLE_SHUTDOWN,
        Guardrail::ManagedNetworkApprovedOutbound => &MANAGED_NETWORK_APPROVED_OUTBOUND,
        Guardrail::ClusterScale => &CLUSTER_SCALE,
        Guardrail::ComputeVmSizes => &COMPUTE_VM_SIZES,
        Guardrail::ComputeNodePublicIp => &COMPUTE_NODE_PUBLIC_IP,
        Guardrail::ClusterRemoteLogin => &CLUSTER_REMOTE_LOGIN,
    }
}

const WORKSPACE_PUBLIC_NETWORK: DefinitionInfo = DefinitionInfo {
    guardrail: Guardrail::WorkspacePublicNetwork,
    source: Source::Builtin("438c38d2-3772-465a-a9cc-7a6666a275ce"),
    display_name: "Azure Machine Learning Workspaces should disable public network access",
    can_deny: true,
    applies: Applies::Private,
};

const WORKSPACE_PRIVATE_LINK: DefinitionInfo = DefinitionInfo {
    guardrail: Guardrail::WorkspacePrivateLink,
    source: Source::Builtin("45e05259-1eb5-4f70-9574-baf73e9d219b"),
    display_name: "Azure Machine Learning workspaces should use private link",
    can_deny: false,
    applies: Applies::Private,
};

const STORAGE_PUBLIC_NETWORK: DefinitionInfo = DefinitionInfo {
    guardrail: Guardrail::StoragePublicNetwork,
    source: Source::Builtin("b2982f36-99f2-4db5-8eff-283140c09693"),
    display_name: "Storage accounts should disable public network access",
    can_deny: true,
    applies: Applies::Private,
};

const KEY_VAULT_PUBLIC_NETWORK: DefinitionInfo = DefinitionInfo {
    guardrail: Guardrail::KeyVaultPublicNetwork,
    source: Source::Builtin("405c5871-3e91-4644-8a63-58e19d68ff5b"),
    display_name: "Azure Key Vault should disable public network access",
    can_deny: true,
    applies: Applies::Private,
};

const REGISTRY_PUBLIC_NETWORK: DefinitionInfo = DefinitionInfo {
    guardrail: Guardrail::RegistryPublicNetwork,
    source: Source::Builtin("0fdf0491-d080-4575-b627-ad0e843cba0f"),
    display_name: "Public network access should be disabled for Container registries",
    can_deny: true,
    applies: Applies::Private,
};

const COMPUTE_LOCAL_AUTH: DefinitionInfo = DefinitionInfo {
    guardrail: Guardrail::ComputeLocalAuth,
    source: Source::Builtin("e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f"),
    display_name: "Azure Machine Learning Computes should have local authentication methods disabled",
    can_deny: true,
    applies: Applies::All,
};

const INSTANCE_IDLE_SHUTDOWN: DefinitionInfo = DefinitionInfo {
    guardrail: Guardrail::InstanceIdleShutdown,
    source: Source::Builtin("679ddf89-ab8f-48a5-9029-e76054077449"),
    display_name: "Azure Machine Learning Compute Instance should have idle shutdown.",
    can_deny: true,
    applies: Applies::All,
};

const MANAGED_NETWORK_APPROVED_OUTBOUND: DefinitionInfo = DefinitionInfo {
    guardrail: Guardrail::ManagedNetworkApprovedOutbound,
    source: Source::Builtin("6ddb1705-c8cf-450e-aa4b-19ad6703c440"),
    display_name: "Azure Machine Learning and Ai Studio should use Allow Only Approved Outbound Managed Vnet mode",
    can_deny: true,
    applies: Applies::ApprovedOutbound,
};

const CLUSTER_SCALE: DefinitionInfo = DefinitionInfo {
    guardrail: Guardrail::ClusterScale,
    source: Source::Custom("mlzone-cluster-scale"),
    display_name: "Azure Machine Learning clusters scale to zero nodes and stay within a maximum",
    can_deny: true,
    applies: Applies::All,
};

const COMPUTE_VM_SIZES: DefinitionInfo = DefinitionInfo {
    guardrail: Guardrail::ComputeVmSizes,
    source: Source::Custom("mlzone-compute-vm-sizes"),
    display_name: "Azure Machine Learning computes use only the VM sizes the estate declares",
    can_deny: true,
    applies: Applies::All,
};

const COMPUTE_NODE_PUBLIC_IP: DefinitionInfo = DefinitionInfo {
    guardrail: Guardrail::ComputeNodePublicIp,
    source: Source::Custom("mlzone-compute-node-public-ip"),
    display_name: "Azure Machine Learning compute nodes have no public IP address",
    can_deny: true,
    applies: Applies::Private,
};

const CLUSTER_REMOTE_LOGIN: DefinitionInfo = DefinitionInfo {
    guardrail: Guardrail::ClusterRemoteLogin,
    source: Source::Custom("mlzone-cluster-remote-login"),
    display_name: "Azure Machine Learning clusters keep the remote login port closed",
    can_deny: true,
    applies: Applies::All,
};

/// The texts of mlzone's own definitions, by name.
const CUSTOM_TEXTS: &[(&str, &str)] = &[
    (
        "mlzone-cluster-remote-login",
        include_str!("../../data/policy/mlzone/cluster-remote-login.json"),
    ),
    (
        "mlzone-cluster-scale",
        include_str!("../../data/policy/mlzone/cluster-scale.json"),
    ),
    (
        "mlzone-compute-node-public-ip",
        include_str!("../../data/policy/mlzone/compute-node-public-ip.json"),
    ),
    (
        "mlzone-compute-vm-sizes",
        include_str!("../../data/policy/mlzone/compute-vm-sizes.json"),
    ),
];

/// mlzone's own definitions, parsed once (a test checks that each parses).
static CUSTOM: LazyLock<Vec<(&'static str, Value)>> = LazyLock::new(|| {
    CUSTOM_TEXTS
        .iter()
        .filter_map(|(name, text)| Some((*name, serde_json::from_str(text).ok()?)))
        .collect()
});

/// The texts of mlzone's own policy definitions, by name: what the `policy` target deploys.
pub fn custom_definition_texts() -> &'static [(&'static str, &'static str)] {
    CUSTOM_TEXTS
}
