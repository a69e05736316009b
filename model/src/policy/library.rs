//! The reference policy library: the built-in and Azure Landing Zones definitions,
//! initiatives and assignments embedded from `model/data/policy/`, looked up by id or name,
//! and an assignment or definition expanded into the definitions it applies with their
//! parameter values.

use std::sync::OnceLock;

use serde_json::Value;

use super::definition::{
    Assignment, Definition, Enforcement, ParameterValues, PolicyError, SetDefinition, bind,
};
use super::expression;

/// The embedded files: path under `model/data/policy/`, text.
const FILES: &[(&str, &str)] = &[
    (
        "builtin-machine-learning/AllowDeployRegistryModels_Audit.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/AllowDeployRegistryModels_Audit.json"
        ),
    ),
    (
        "builtin-machine-learning/AllowedACRs_EnforceSetting.json",
        include_str!("../../data/policy/builtin-machine-learning/AllowedACRs_EnforceSetting.json"),
    ),
    (
        "builtin-machine-learning/AllowedLogFilter_EnforceSetting.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/AllowedLogFilter_EnforceSetting.json"
        ),
    ),
    (
        "builtin-machine-learning/AllowedModuleAuthors_EnforceSetting.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/AllowedModuleAuthors_EnforceSetting.json"
        ),
    ),
    (
        "builtin-machine-learning/AllowedPythonPackageChannels_EnforceSetting.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/AllowedPythonPackageChannels_EnforceSetting.json"
        ),
    ),
    (
        "builtin-machine-learning/AllowedSigningKey_EnforceSetting.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/AllowedSigningKey_EnforceSetting.json"
        ),
    ),
    (
        "builtin-machine-learning/ApprovalEndpoint_EnforceSetting.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/ApprovalEndpoint_EnforceSetting.json"
        ),
    ),
    (
        "builtin-machine-learning/AuditDiagnosticLog_Audit.json",
        include_str!("../../data/policy/builtin-machine-learning/AuditDiagnosticLog_Audit.json"),
    ),
    (
        "builtin-machine-learning/AuditDiagnosticLog_DINE.json",
        include_str!("../../data/policy/builtin-machine-learning/AuditDiagnosticLog_DINE.json"),
    ),
    (
        "builtin-machine-learning/ComputeInstanceUpdates_Audit.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/ComputeInstanceUpdates_Audit.json"
        ),
    ),
    (
        "builtin-machine-learning/DisableLocalAuth_Audit.json",
        include_str!("../../data/policy/builtin-machine-learning/DisableLocalAuth_Audit.json"),
    ),
    (
        "builtin-machine-learning/DisableLocalAuth_Modify.json",
        include_str!("../../data/policy/builtin-machine-learning/DisableLocalAuth_Modify.json"),
    ),
    (
        "builtin-machine-learning/IdleShutdown_Audit.json",
        include_str!("../../data/policy/builtin-machine-learning/IdleShutdown_Audit.json"),
    ),
    (
        "builtin-machine-learning/ManagedNetworkIsolationMode_Audit.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/ManagedNetworkIsolationMode_Audit.json"
        ),
    ),
    (
        "builtin-machine-learning/OnlyDeployAllowedRegistryModels_Deny.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/OnlyDeployAllowedRegistryModels_Deny.json"
        ),
    ),
    (
        "builtin-machine-learning/Vnet_Audit.json",
        include_str!("../../data/policy/builtin-machine-learning/Vnet_Audit.json"),
    ),
    (
        "builtin-machine-learning/Workspace_CMKEnabled_Audit.json",
        include_str!("../../data/policy/builtin-machine-learning/Workspace_CMKEnabled_Audit.json"),
    ),
    (
        "builtin-machine-learning/Workspace_CMKEnabled_Audit_V2.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/Workspace_CMKEnabled_Audit_V2.json"
        ),
    ),
    (
        "builtin-machine-learning/Workspace_EnableV1LegacyMode_Audit.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/Workspace_EnableV1LegacyMode_Audit.json"
        ),
    ),
    (
        "builtin-machine-learning/Workspace_PrivateDnsZones_DINE.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/Workspace_PrivateDnsZones_DINE.json"
        ),
    ),
    (
        "builtin-machine-learning/Workspace_PrivateEndpoint_Audit.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/Workspace_PrivateEndpoint_Audit.json"
        ),
    ),
    (
        "builtin-machine-learning/Workspace_PrivateEndpoint_Audit_V2.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/Workspace_PrivateEndpoint_Audit_V2.json"
        ),
    ),
    (
        "builtin-machine-learning/Workspace_PrivateEndpoint_DINE.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/Workspace_PrivateEndpoint_DINE.json"
        ),
    ),
    (
        "builtin-machine-learning/Workspace_PublicNetworkAccessDisabled_Audit.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/Workspace_PublicNetworkAccessDisabled_Audit.json"
        ),
    ),
    (
        "builtin-machine-learning/Workspace_PublicNetworkAccessDisabled_Modify.json",
        include_str!(
            "../../data/policy/builtin-machine-learning/Workspace_PublicNetworkAccessDisabled_Modify.json"
        ),
    ),
    (
        "builtin-machine-learning/Workspace_UAIEnabled_Audit.json",
        include_str!("../../data/policy/builtin-machine-learning/Workspace_UAIEnabled_Audit.json"),
    ),
    (
        "builtin-related/ACR_PrivateDNSZone_DINE.json",
        include_str!("../../data/policy/builtin-related/ACR_PrivateDNSZone_DINE.json"),
    ),
    (
        "builtin-related/ACR_PublicNetworkAccess_AuditDeny.json",
        include_str!("../../data/policy/builtin-related/ACR_PublicNetworkAccess_AuditDeny.json"),
    ),
    (
        "builtin-related/ASC_Storage_DisallowPublicBlobAccess_Audit.json",
        include_str!(
            "../../data/policy/builtin-related/ASC_Storage_DisallowPublicBlobAccess_Audit.json"
        ),
    ),
    (
        "builtin-related/KeyVault_AutoConfigure_PrivateDNSZone_DINE.json",
        include_str!(
            "../../data/policy/builtin-related/KeyVault_AutoConfigure_PrivateDNSZone_DINE.json"
        ),
    ),
    (
        "builtin-related/KeyVault_PublicNetworkAccess_Audit.json",
        include_str!("../../data/policy/builtin-related/KeyVault_PublicNetworkAccess_Audit.json"),
    ),
    (
        "builtin-related/StoragePrivateDnsZoneGroup_Blob.json",
        include_str!("../../data/policy/builtin-related/StoragePrivateDnsZoneGroup_Blob.json"),
    ),
    (
        "builtin-related/StoragePrivateDnsZoneGroup_File.json",
        include_str!("../../data/policy/builtin-related/StoragePrivateDnsZoneGroup_File.json"),
    ),
    (
        "builtin-related/StoragePublicNetworkAccess_AuditDeny.json",
        include_str!("../../data/policy/builtin-related/StoragePublicNetworkAccess_AuditDeny.json"),
    ),
    (
        "alz/Audit-MachineLearning-PrivateEndpointId.alz_policy_definition.json",
        include_str!(
            "../../data/policy/alz/Audit-MachineLearning-PrivateEndpointId.alz_policy_definition.json"
        ),
    ),
    (
        "alz/Audit-PeDnsZones.alz_policy_assignment.json",
        include_str!("../../data/policy/alz/Audit-PeDnsZones.alz_policy_assignment.json"),
    ),
    (
        "alz/Audit-PrivateLinkDnsZones.alz_policy_definition.json",
        include_str!("../../data/policy/alz/Audit-PrivateLinkDnsZones.alz_policy_definition.json"),
    ),
    (
        "alz/Deny-MachineLearning-Aks.alz_policy_definition.json",
        include_str!("../../data/policy/alz/Deny-MachineLearning-Aks.alz_policy_definition.json"),
    ),
    (
        "alz/Deny-MachineLearning-Compute-SubnetId.alz_policy_definition.json",
        include_str!(
            "../../data/policy/alz/Deny-MachineLearning-Compute-SubnetId.alz_policy_definition.json"
        ),
    ),
    (
        "alz/Deny-MachineLearning-Compute-VmSize.alz_policy_definition.json",
        include_str!(
            "../../data/policy/alz/Deny-MachineLearning-Compute-VmSize.alz_policy_definition.json"
        ),
    ),
    (
        "alz/Deny-MachineLearning-ComputeCluster-RemoteLoginPortPublicAccess.alz_policy_definition.json",
        include_str!(
            "../../data/policy/alz/Deny-MachineLearning-ComputeCluster-RemoteLoginPortPublicAccess.alz_policy_definition.json"
        ),
    ),
    (
        "alz/Deny-MachineLearning-ComputeCluster-Scale.alz_policy_definition.json",
        include_str!(
            "../../data/policy/alz/Deny-MachineLearning-ComputeCluster-Scale.alz_policy_definition.json"
        ),
    ),
    (
        "alz/Deny-MachineLearning-HbiWorkspace.alz_policy_definition.json",
        include_str!(
            "../../data/policy/alz/Deny-MachineLearning-HbiWorkspace.alz_policy_definition.json"
        ),
    ),
    (
        "alz/Deny-MachineLearning-PublicAccessWhenBehindVnet.alz_policy_definition.json",
        include_str!(
            "../../data/policy/alz/Deny-MachineLearning-PublicAccessWhenBehindVnet.alz_policy_definition.json"
        ),
    ),
    (
        "alz/Deny-Private-DNS-Zones.alz_policy_definition.json",
        include_str!("../../data/policy/alz/Deny-Private-DNS-Zones.alz_policy_definition.json"),
    ),
    (
        "alz/Deny-Public-Endpoints.alz_policy_assignment.json",
        include_str!("../../data/policy/alz/Deny-Public-Endpoints.alz_policy_assignment.json"),
    ),
    (
        "alz/Deny-PublicPaaSEndpoints.alz_policy_set_definition.json",
        include_str!(
            "../../data/policy/alz/Deny-PublicPaaSEndpoints.alz_policy_set_definition.json"
        ),
    ),
    (
        "alz/Deploy-Private-DNS-Zones.alz_policy_assignment.json",
        include_str!("../../data/policy/alz/Deploy-Private-DNS-Zones.alz_policy_assignment.json"),
    ),
    (
        "alz/Deploy-Private-DNS-Zones.alz_policy_set_definition.json",
        include_str!(
            "../../data/policy/alz/Deploy-Private-DNS-Zones.alz_policy_set_definition.json"
        ),
    ),
    (
        "alz/Enforce-Guardrails-MachineLearning.alz_policy_set_definition.json",
        include_str!(
            "../../data/policy/alz/Enforce-Guardrails-MachineLearning.alz_policy_set_definition.json"
        ),
    ),
];

/// Definitions, initiatives and assignments known by id or name.
#[derive(Debug, Default)]
pub struct Library {
    definitions: Vec<Definition>,
    sets: Vec<SetDefinition>,
    assignments: Vec<Assignment>,
    errors: Vec<(String, PolicyError)>,
}

/// One definition an assignment applies, with its parameter values.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied<'a> {
    /// The initiative member's reference id, for a member of an initiative.
    pub reference_id: Option<String>,
    /// The definition's id as the assignment or initiative names it.
    pub definition_id: String,
    /// The definition, or why it cannot be evaluated (not in the library, parameters that do
    /// not resolve).
    pub definition: Result<&'a Definition, String>,
    /// The values its parameters take (before the definition's defaults).
    pub parameters: ParameterValues,
    /// Whether the assignment enforces it.
    pub enforcement: Enforcement,
}

/// The last segment of a definition id: the definition's name.
pub fn name_of_id(id: &str) -> &str {
    id.trim_end_matches('/').rsplit('/').next().unwrap_or(id)
}

impl Library {
    /// The embedded reference library.
    pub fn reference() -> &'static Library {
        static LIBRARY: OnceLock<Library> = OnceLock::new();
        LIBRARY.get_or_init(|| {
            let mut library = Library::default();
            for (path, text) in FILES {
                library.add(path, text);
            }
            library
        })
    }

    /// Adds one file: `*policy_assignment.json` an assignment, `*policy_set_definition.json`
    /// an initiative, anything else a definition. A file that does not read is kept as an
    /// error ([`Library::errors`]).
    pub fn add(&mut self, path: &str, text: &str) {
        let result = if path.ends_with("policy_assignment.json") {
            Assignment::parse(text).map(|a| self.assignments.push(a))
        } else if path.ends_with("policy_set_definition.json") {
            SetDefinition::parse(text).map(|s| self.sets.push(s))
        } else {
            Definition::parse(text).map(|d| self.definitions.push(d))
        };
        if let Err(e) = result {
            self.errors.push((path.to_owned(), e));
        }
    }

    /// The files that did not read, with why.
    pub fn errors(&self) -> &[(String, PolicyError)] {
        &self.errors
    }

    /// Every definition.
    pub fn definitions(&self) -> &[Definition] {
        &self.definitions
    }

    /// Every initiative.
    pub fn set_definitions(&self) -> &[SetDefinition] {
        &self.sets
    }

    /// Every assignment.
    pub fn assignments(&self) -> &[Assignment] {
        &self.assignments
    }

    /// The definition of an id or name (case-insensitive).
    pub fn definition(&self, id_or_name: &str) -> Option<&Definition> {
        let name = name_of_id(id_or_name);
        self.definitions
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(name))
    }

    /// The initiative of an id or name.
    pub fn set_definition(&self, id_or_name: &str) -> Option<&SetDefinition> {
        let name = name_of_id(id_or_name);
        self.sets.iter().find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// The assignment of a name.
    pub fn assignment(&self, name: &str) -> Option<&Assignment> {
        self.assignments
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }

    /// Every name a policy reference may use: definitions', initiatives', assignments'.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.definitions
            .iter()
            .map(|d| d.name.as_str())
            .chain(self.sets.iter().map(|s| s.name.as_str()))
            .chain(self.assignments.iter().map(|a| a.name.as_str()))
    }

    /// What a reference applies: an assignment's name (its definition or initiative with
    /// its parameter values, `given` overriding them), a definition's id or name, or an
    /// initiative's id or name (each member with its parameters resolved from the
    /// initiative's). `None` when the library knows no such thing.
    pub fn expand(
        &self,
        reference: &str,
        given: &ParameterValues,
    ) -> Option<Result<Vec<Applied<'_>>, PolicyError>> {
        if let Some(assignment) = self.assignment(reference) {
            let mut values = assignment.parameters.clone();
            values.extend(given.iter().map(|(k, v)| (k.clone(), v.clone())));
            return Some(self.expand_target(
                &assignment.definition_id,
                &values,
                assignment.enforcement,
            ));
        }
        if self.definition(reference).is_none() && self.set_definition(reference).is_none() {
            return None;
        }
        Some(self.expand_target(reference, given, Enforcement::Default))
    }

    fn expand_target(
        &self,
        id: &str,
        given: &ParameterValues,
        enforcement: Enforcement,
    ) -> Result<Vec<Applied<'_>>, PolicyError> {
        let is_set = id.to_ascii_lowercase().contains("/policysetdefinitions/")
            || (self.definition(id).is_none() && self.set_definition(id).is_some());
        if !is_set {
            let definition = self.definition(id).ok_or_else(|| {
                format!(
                    "definition `{}` is not in mlzone's reference library",
                    name_of_id(id)
                )
            });
            if let Ok(d) = definition {
                d.bind(given)?;
            }
            return Ok(vec![Applied {
                reference_id: None,
                definition_id: id.to_owned(),
                definition,
                parameters: given.clone(),
                enforcement,
            }]);
        }
        let Some(set) = self.set_definition(id) else {
            return Ok(vec![Applied {
                reference_id: None,
                definition_id: id.to_owned(),
                definition: Err(format!(
                    "initiative `{}` is not in mlzone's reference library",
                    name_of_id(id)
                )),
                parameters: given.clone(),
                enforcement,
            }]);
        };
        let set_values = bind(&set.parameters, given)?;
        Ok(set
            .members
            .iter()
            .map(|member| {
                let parameters: Result<ParameterValues, String> = member
                    .parameters
                    .iter()
                    .map(|(name, value)| Ok((name.clone(), set_parameter(value, &set_values)?)))
                    .collect();
                let definition = match (self.definition(&member.definition_id), &parameters) {
                    (None, _) => Err(format!(
                        "definition `{}` is not in mlzone's reference library",
                        name_of_id(&member.definition_id)
                    )),
                    (Some(_), Err(e)) => Err(e.clone()),
                    (Some(d), Ok(values)) => d.bind(values).map(|_| d).map_err(|e| e.message),
                };
                Applied {
                    reference_id: Some(member.reference_id.clone()),
                    definition_id: member.definition_id.clone(),
                    definition,
                    parameters: parameters.unwrap_or_default(),
                    enforcement,
                }
            })
            .collect())
    }
}

/// A member's parameter value: `[parameters('x')]` of the initiative resolved, a literal as
/// written.
fn set_parameter(value: &Value, set_values: &ParameterValues) -> Result<Value, String> {
    let Value::String(text) = value else {
        return Ok(value.clone());
    };
    match expression::parse_template(text)? {
        None => Ok(Value::String(expression::literal(text))),
        Some(expression::Expr::Call(name, args)) if name == "parameters" => {
            let Some(expression::Expr::Str(wanted)) = args.first() else {
                return Err(format!("`{text}` names no parameter"));
            };
            set_values
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(wanted))
                .map(|(_, v)| v.clone())
                .ok_or_else(|| format!("initiative parameter `{wanted}` has no value"))
        }
        Some(_) => Err(format!(
            "the member parameter `{text}` is an expression the evaluator does not resolve"
        )),
    }
}
