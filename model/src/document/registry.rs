//! The model registry shared by the estate's environments.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::newtypes::{AzureLocation, Guid, Slug};
use crate::vocabulary::Network;

/// The Azure Machine Learning registry through which models move from one environment's
/// workspaces to the next. Every field has a default: the registry exists when the section
/// is absent, in the first production environment's subscription.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RegistryDoc {
    /// The environment whose subscription holds the registry; the first production
    /// environment when absent. Not beside `subscription`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<Slug>,
    /// A subscription of the registry's own, instead of an environment's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<Guid>,
    /// The registry's primary region; its home environment's region (or the estate's
    /// default region, in a subscription of its own) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<AzureLocation>,
    /// Further regions the registry replicates its assets to, so that workspaces there pull
    /// models from a copy nearby; by default the region of every environment that is not
    /// the primary region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication: Option<Vec<AzureLocation>>,
    /// Whether the registry is reachable from public networks; `private` (a private endpoint
    /// in every environment with private projects, public access disabled) when any project
    /// is private, `public` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Network>,
    /// Who publishes models into the registry: environments by persona name. By default the
    /// data scientists, data engineers and MLOps engineers of every development environment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publishers: Option<BTreeMap<Slug, Vec<Slug>>>,
    /// Who reads models from the registry, beside every workspace's own identity:
    /// environments by persona name. By default the MLOps engineers of every test and
    /// production environment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readers: Option<BTreeMap<Slug, Vec<Slug>>>,
    /// The role publishers hold at the registry: a built-in role's name, a library key or a
    /// custom role's key; the library's `registry-publisher` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_role: Option<String>,
    /// The role readers and workspace identities hold at the registry; the library's
    /// `registry-reader` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reader_role: Option<String>,
    /// Leaves the registry out: models are not shared between environments through mlzone.
    /// Nothing else may be set beside it.
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub remove: bool,
}

impl RegistryDoc {
    pub(crate) fn is_default(&self) -> bool {
        self == &Self::default()
    }
}
