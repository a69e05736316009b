//! The file format: serde types that mirror the document as written.
//!
//! These types are a promise about the format: every field is kebab-case, unknown keys are
//! refused, and the JSON Schema of the format is derived from them. They hold what the author
//! wrote, defaults and presets not yet applied; [`crate::resolve()`] turns them into an
//! [`crate::Estate`].

mod guardrails;
mod landing_zone;
pub mod limits;
mod new;
mod project;
mod registry;
mod role;
mod testing;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use guardrails::{ExemptionDoc, GuardrailEnvironmentDoc, GuardrailsDoc};
pub use landing_zone::{
    EnvironmentLandingZoneDoc, InheritedPolicyDoc, LandingZoneDoc, PrivateDnsDoc,
};
pub use project::{
    ClusterDoc, ComputeDoc, DataScientistDoc, EndpointsDoc, InstanceDoc, OutboundRuleDoc,
    OutboundRuleKind, PipelineDoc, PrivateLinkDoc, ProjectDoc,
};
pub use registry::RegistryDoc;
pub use role::RoleDoc;
pub use testing::{FailureCriteriaDoc, LoadDoc, TestingDoc, TrafficDoc};

use crate::newtypes::{AzureLocation, Guid, Slug};
use crate::vocabulary::{
    AccessLevel, Archetype, InferenceMode, PersonaKind, Redundancy, RuleLevel, Stage,
};
use limits::{MAX_DESCRIPTION, MAX_NAME_TEXT, MAX_TAG_NAME, MAX_TAG_VALUE, MAX_TAGS};

/// A whole mlzone document: one organisation's Azure Machine Learning estate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "mlzone estate",
    description = "One organisation's Azure Machine Learning estate: environments, personas, projects and roles."
)]
pub struct Document {
    /// The JSON Schema this document follows (JSON documents only; YAML uses a comment).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The organisation's display name.
    #[schemars(length(max = MAX_NAME_TEXT))]
    pub organisation: String,
    /// The Entra ID tenant.
    pub tenant: Guid,
    /// The default Azure region.
    pub location: AzureLocation,
    /// The CAF archetype giving the default factors of every project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<Archetype>,
    /// How resource names are built.
    #[serde(default, skip_serializing_if = "NamingDoc::is_default")]
    pub naming: NamingDoc,
    /// Tags put on every resource group and resource.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "tags_schema")]
    pub tags: BTreeMap<String, String>,
    /// The environments; development, test and production when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environments: Option<Vec<EnvironmentDoc>>,
    /// The personas by name, merged with the five CAF personas: an entry named like a CAF
    /// persona replaces it, `remove: true` drops it, any other name adds a persona.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personas: Option<BTreeMap<Slug, PersonaDoc>>,
    /// The machine learning projects; each gets one workspace per environment.
    pub projects: Vec<ProjectDoc>,
    /// Custom roles of the document, beside the built-in and library roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleDoc>,
    /// Levels of validation rules by code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, RuleDoc>,
    /// The model registry shared by the environments; present with CAF defaults when absent.
    #[serde(default, skip_serializing_if = "RegistryDoc::is_default")]
    pub registry: RegistryDoc,
    /// What the organisation's Azure landing zone provides (central private DNS, a central
    /// Log Analytics workspace) and imposes (the policies it assigns above the estate's
    /// subscriptions).
    #[serde(default, skip_serializing_if = "LandingZoneDoc::is_default")]
    pub landing_zone: LandingZoneDoc,
    /// The Azure Policy guardrails assigned in each environment (the `policy` target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardrails: Option<GuardrailsDoc>,
}

/// How resource names are built.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NamingDoc {
    /// A short prefix put in front of every resource name (the organisation's abbreviation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Slug>,
}

impl NamingDoc {
    fn is_default(&self) -> bool {
        self == &Self::default()
    }
}

/// One environment (a stage of the promotion path).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EnvironmentDoc {
    /// The environment's name (`dev`, `test`, `prod`).
    pub name: Slug,
    /// What the environment is for.
    pub stage: Stage,
    /// The subscription it deploys to; a deployment parameter when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<Guid>,
    /// Its region, when not the estate's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<AzureLocation>,
    /// The environments models are promoted from into this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub promotes_from: Vec<Slug>,
    /// Who must approve a promotion into this environment; a production environment's
    /// default is its first stakeholder persona.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<ApprovalDoc>,
    /// Drops a production environment's default approval gate.
    #[serde(default, skip_serializing_if = "is_false")]
    pub without_approval: bool,
    /// How a test environment tests models; champion-challenger with load and response-time
    /// checks when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub testing: Option<TestingDoc>,
    /// How a production environment serves models; batch and real-time when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inference: Vec<InferenceMode>,
    /// Drops a test environment's default testing: models pass through it untested.
    #[serde(default, skip_serializing_if = "is_false")]
    pub without_testing: bool,
    /// Drops a production environment's default inference: it serves no model.
    #[serde(default, skip_serializing_if = "is_false")]
    pub without_inference: bool,
    /// Security and resilience settings of its resources; the stage's defaults when absent.
    #[serde(default, skip_serializing_if = "PostureDoc::is_default")]
    pub posture: PostureDoc,
    /// Its place in the landing zone: private DNS, Log Analytics and spoke network,
    /// overriding the estate's `landing-zone`.
    #[serde(default, skip_serializing_if = "EnvironmentLandingZoneDoc::is_default")]
    pub landing_zone: EnvironmentLandingZoneDoc,
}

/// Security and resilience settings of an environment's resources, each defaulting to the
/// stage's. A setting weaker than production-grade needs a reason, which the generated
/// templates carry where scanners and reviewers read them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PostureDoc {
    /// Redundancy of the workspaces' storage accounts: `local` in development and test, `geo`
    /// in production; `zone` and `geo-zone` need a region with availability zones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_redundancy: Option<Redundancy>,
    /// Why storage is locally redundant (required in a production stage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = MAX_DESCRIPTION))]
    pub storage_redundancy_reason: Option<String>,
    /// Whether key vaults have purge protection (on in every stage by default; once on, Azure
    /// never turns it off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purge_protection: Option<bool>,
    /// Why purge protection is off (required when it is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = MAX_DESCRIPTION))]
    pub purge_protection_reason: Option<String>,
}

impl PostureDoc {
    fn is_default(&self) -> bool {
        self == &Self::default()
    }
}

/// An approval gate on promotion into an environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ApprovalDoc {
    /// The persona whose group approves.
    pub persona: Slug,
}

/// One persona: a job function mapped to one Entra group per environment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PersonaDoc {
    /// The job function; taken from the persona's name when that names a kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PersonaKind>,
    /// What the persona is, for the generated documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = MAX_DESCRIPTION))]
    pub description: Option<String>,
    /// The Entra group object id per environment name; a deployment parameter when absent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub groups: BTreeMap<Slug, Guid>,
    /// Access level per environment name, overriding the kind's default.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub access: BTreeMap<Slug, AccessLevel>,
    /// Role per environment name, overriding the role the access level implies.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub roles: BTreeMap<Slug, String>,
    /// Drops the CAF persona of this name; nothing else may be set beside it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub remove: bool,
}

// serde's `skip_serializing_if` passes a reference.
pub(crate) fn is_false(value: &bool) -> bool {
    !*value
}

/// The level of one validation rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleDoc {
    /// Allow (off), warn or deny.
    pub level: RuleLevel,
    /// Why the default level does not fit; shown in reports.
    #[schemars(length(max = MAX_DESCRIPTION))]
    pub reason: String,
}

/// Why a document could not be written as text.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the document as {format}: {message}")]
pub struct WriteError {
    format: crate::source::Format,
    message: String,
}

impl Document {
    /// The document as text in `format`. It names no JSON Schema: mlzone publishes the
    /// schema at no address (`mlzone schema` prints it), so only the user knows its path.
    pub fn to_text(&self, format: crate::source::Format) -> Result<String, WriteError> {
        use crate::source::Format;
        let failed = |message: String| WriteError { format, message };
        match format {
            Format::Yaml => {
                serde_saphyr::to_string(self).map_err(|error| failed(error.to_string()))
            }
            Format::Toml => toml::to_string(self).map_err(|error| failed(error.to_string())),
            Format::Json => serde_json::to_string_pretty(self)
                .map(|mut text| {
                    text.push('\n');
                    text
                })
                .map_err(|error| failed(error.to_string())),
        }
    }
}

/// Azure tags: names and values of bounded length, a bounded number of them.
pub(crate) fn tags_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "maxProperties": MAX_TAGS,
        "propertyNames": { "minLength": 1, "maxLength": MAX_TAG_NAME, "pattern": "^[^<>%&\\\\?/]*$" },
        "additionalProperties": { "type": "string", "maxLength": MAX_TAG_VALUE }
    })
}
