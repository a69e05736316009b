//! The closed vocabularies of the domain: stages, persona kinds, access levels, factors.
//!
//! Each enum is written in documents in kebab-case, and `strum` gives the same spelling for
//! messages and parsing, so a value reads the same everywhere.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            Serialize, Deserialize, JsonSchema, Display, EnumString, EnumIter, IntoStaticStr,
        )]
        #[serde(rename_all = "kebab-case")]
        #[strum(serialize_all = "kebab-case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// The value as written in documents.
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }
    };
}

vocabulary!(
    /// What an environment is for. Several environments may share a stage (two test stages).
    Stage {
        /// Experiments and model building.
        Development,
        /// Champion-challenger or A/B tests, load and response-time checks.
        Test,
        /// Batch or real-time inference; read-only for all but operators.
        Production,
    }
);

vocabulary!(
    /// How many copies of a storage account's data Azure keeps, and where.
    Redundancy {
        /// Three copies in one datacentre (`Standard_LRS`).
        Local,
        /// Three copies across the region's availability zones (`Standard_ZRS`); the region
        /// must have zones.
        Zone,
        /// Local copies here and in the paired region (`Standard_GRS`).
        Geo,
        /// Zone copies here and local copies in the paired region (`Standard_GZRS`); the
        /// region must have zones.
        GeoZone,
    }
);

vocabulary!(
    /// The job function behind a persona; it picks the default access and roles.
    PersonaKind {
        /// Runs experiments and builds models.
        DataScientist,
        /// Builds data pipelines and features.
        DataEngineer,
        /// Builds the pipelines and deploys models (MLOps / DevOps engineer).
        MlopsEngineer,
        /// Administers workspaces and sets up compute.
        WorkspaceAdmin,
        /// Reviews results and approves promotion to production.
        Stakeholder,
        /// Any other function; gets no access unless the document gives it.
        Custom,
    }
);

vocabulary!(
    /// How much a persona may do in an environment, from least to most.
    AccessLevel {
        /// No role assignment at all.
        None,
        /// Read the workspace and its assets.
        Read,
        /// Read plus some configuration: start and stop compute, register assets.
        Configure,
        /// Everything an experiment needs, without creating or deleting workspaces or compute
        /// and without managing users.
        Experiment,
        /// Operate the environment: deploy, run pipelines, manage compute (DevOps).
        Full,
        /// Administer the workspace, create compute and manage access.
        Admin,
    }
);

vocabulary!(
    /// How a workspace is reached.
    Network {
        /// Public endpoints.
        Public,
        /// Private Link: private endpoint, private DNS zones, public network access disabled.
        Private,
    }
);

vocabulary!(
    /// The managed virtual network isolation mode of a workspace.
    Isolation {
        /// No managed network.
        Disabled,
        /// Managed network that allows outbound internet traffic.
        AllowInternetOutbound,
        /// Managed network that allows only the outbound rules the document lists.
        AllowOnlyApprovedOutbound,
    }
);

vocabulary!(
    /// What data scientists may do to the workspace.
    Restriction {
        /// A custom data scientist role; infrastructure is set up by someone else.
        Restricted,
        /// The built-in Contributor role.
        Unrestricted,
    }
);

vocabulary!(
    /// The four workspace archetypes of the Cloud Adoption Framework guidance.
    Archetype {
        /// Public endpoints, custom data scientist role.
        PublicRestricted,
        /// Public endpoints, Contributor.
        PublicUnrestricted,
        /// Private Link, custom data scientist role.
        PrivateRestricted,
        /// Private Link, Contributor.
        PrivateUnrestricted,
    }
);

impl Archetype {
    /// The network factor of the archetype.
    pub fn network(self) -> Network {
        match self {
            Self::PublicRestricted | Self::PublicUnrestricted => Network::Public,
            Self::PrivateRestricted | Self::PrivateUnrestricted => Network::Private,
        }
    }

    /// The restriction factor of the archetype.
    pub fn restriction(self) -> Restriction {
        match self {
            Self::PublicRestricted | Self::PrivateRestricted => Restriction::Restricted,
            Self::PublicUnrestricted | Self::PrivateUnrestricted => Restriction::Unrestricted,
        }
    }
}

vocabulary!(
    /// How a test environment compares a new model with the current one.
    TestStrategy {
        /// The challenger is scored beside the champion and replaces it when better.
        ChampionChallenger,
        /// Traffic is split between the two models.
        #[serde(rename = "a-b")]
        #[strum(serialize = "a-b")]
        AB,
    }
);

vocabulary!(
    /// An automated check a test environment runs before promotion.
    TestCheck {
        /// Load testing of the endpoint.
        Load,
        /// Model response time.
        ResponseTime,
        /// Model quality against a held-out set.
        Accuracy,
        /// Drift of input data against training data.
        DataDrift,
        /// End-to-end integration with consuming systems.
        Integration,
    }
);

vocabulary!(
    /// The percentile of response time a load test's failure criterion reads.
    Percentile {
        /// The median.
        P50,
        /// The 90th percentile.
        P90,
        /// The 95th percentile.
        P95,
        /// The 99th percentile.
        P99,
    }
);

vocabulary!(
    /// How production serves a model.
    InferenceMode {
        /// Batch scoring through a batch endpoint.
        Batch,
        /// Online scoring through a managed online endpoint.
        RealTime,
    }
);

vocabulary!(
    /// What a rule's findings do to a run.
    RuleLevel {
        /// The rule is off.
        Allow,
        /// Findings are warnings.
        Warn,
        /// Findings are errors.
        Deny,
    }
);

vocabulary!(
    /// What an Azure Policy assignment does to a resource that breaks its rule.
    PolicyEffect {
        /// The resource is created and reported non-compliant.
        Audit,
        /// The request that would create or change the resource is refused.
        Deny,
        /// The policy is not evaluated.
        Disabled,
    }
);

impl PolicyEffect {
    /// The effect as Azure Policy writes it (`Audit`, `Deny`, `Disabled`).
    pub fn azure(self) -> &'static str {
        match self {
            PolicyEffect::Audit => "Audit",
            PolicyEffect::Deny => "Deny",
            PolicyEffect::Disabled => "Disabled",
        }
    }
}

vocabulary!(
    /// Where an estate's guardrails are assigned.
    GuardrailScope {
        /// At each environment's subscription, except the guardrails that hold for only some
        /// of its projects, which go to those projects' resource groups.
        Subscription,
        /// At each project's resource group, with that project's own parameters.
        ResourceGroup,
    }
);

vocabulary!(
    /// Why a policy exemption is granted (Azure's exemption categories).
    ExemptionCategory {
        /// The risk is accepted for a while.
        Waiver,
        /// The policy's intent is met another way.
        Mitigated,
    }
);

vocabulary!(
    /// The guardrails mlzone assigns: one Azure Policy definition each, built-in where Azure
    /// has one, written by mlzone where it has not.
    Guardrail {
        /// Workspaces of private projects disable public network access (built-in).
        WorkspacePublicNetwork,
        /// Workspaces of private projects use private link (built-in, audit only).
        WorkspacePrivateLink,
        /// Storage accounts of private projects disable public network access (built-in).
        StoragePublicNetwork,
        /// Key vaults of private projects disable public network access (built-in).
        KeyVaultPublicNetwork,
        /// Container registries of private projects disable public network access (built-in).
        RegistryPublicNetwork,
        /// Computes have local authentication disabled (built-in).
        ComputeLocalAuth,
        /// Compute instances shut down when idle (built-in).
        InstanceIdleShutdown,
        /// Workspaces whose project allows only approved outbound traffic keep that managed
        /// network isolation mode (built-in).
        ManagedNetworkApprovedOutbound,
        /// Clusters scale to zero nodes and at most to the document's maximum (mlzone's).
        ClusterScale,
        /// Computes use only the VM sizes the document declares (mlzone's).
        ComputeVmSizes,
        /// Compute nodes of private projects have no public IP address (mlzone's).
        ComputeNodePublicIp,
        /// Clusters keep their remote login port closed to the internet (mlzone's).
        ClusterRemoteLogin,
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_agrees_between_serde_and_strum() {
        use strum::IntoEnumIterator;
        for level in AccessLevel::iter() {
            let json = serde_json::to_string(&level).unwrap();
            assert_eq!(json, format!("\"{level}\""));
        }
        assert_eq!(TestStrategy::AB.as_str(), "a-b");
        assert_eq!(InferenceMode::RealTime.as_str(), "real-time");
        assert_eq!(Archetype::PrivateRestricted.network(), Network::Private);
    }
}

vocabulary!(
    /// How the private endpoints of private projects are registered in private DNS.
    PrivateDnsMode {
        /// The deployment creates the `privatelink.*` zones in a resource group of the
        /// environment and links them to its virtual networks.
        Create,
        /// The zones exist centrally (a landing zone's connectivity subscription); the
        /// deployment writes private DNS zone groups that name them and creates no zone.
        Existing,
        /// The organisation's DeployIfNotExists policies attach the endpoints to the central
        /// zones; the deployment writes neither zones nor zone groups.
        Policy,
    }
);
