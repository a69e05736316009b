//! Which private DNS zones each private endpoint needs, and the built-in DeployIfNotExists
//! policy that attaches it to them in a landing zone (the one table the plan, the validator
//! and the documentation read).

use super::estate::PrivateEndpointTarget;
use crate::estate::PrivateDnsZone;

/// A built-in DeployIfNotExists policy that writes a private endpoint's DNS zone group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DnsPolicy {
    /// The policy definition's name (a GUID).
    pub definition: &'static str,
    /// Its display name.
    pub display_name: &'static str,
    /// The zone each of its zone parameters takes, by parameter name.
    pub parameters: &'static [(&'static str, PrivateDnsZone)],
    /// The parameter of the Azure Landing Zones initiative `Deploy-Private-DNS-Zones` that
    /// feeds each of those parameters, in the same order.
    pub alz_parameters: &'static [&'static str],
}

impl DnsPolicy {
    /// The policy definition's resource id.
    pub fn id(&self) -> String {
        format!(
            "/providers/Microsoft.Authorization/policyDefinitions/{}",
            self.definition
        )
    }
}

impl PrivateEndpointTarget {
    /// The private DNS zones the endpoint registers in.
    pub fn zones(self) -> &'static [PrivateDnsZone] {
        match self {
            Self::Workspace => &[PrivateDnsZone::Api, PrivateDnsZone::Notebooks],
            Self::Blob => &[PrivateDnsZone::Blob],
            Self::File => &[PrivateDnsZone::File],
            Self::Vault => &[PrivateDnsZone::Vault],
            Self::Registry => &[PrivateDnsZone::Registry],
        }
    }

    /// The private link sub-resource the endpoint connects to (its `groupIds`).
    pub fn group_id(self) -> &'static str {
        match self {
            Self::Workspace => "amlworkspace",
            Self::Blob => "blob",
            Self::File => "file",
            Self::Vault => "vault",
            Self::Registry => "registry",
        }
    }

    /// The built-in policy that attaches the endpoint to the central zones (`policy/`
    /// reference: `builtin-machine-learning/`, `builtin-related/`).
    pub fn dns_policy(self) -> DnsPolicy {
        match self {
            Self::Workspace => DnsPolicy {
                definition: "ee40564d-486e-4f68-a5ca-7a621edae0fb",
                display_name: "Configure Azure Machine Learning workspace to use private DNS zones",
                parameters: &[
                    ("privateDnsZoneId", PrivateDnsZone::Api),
                    ("secondPrivateDnsZoneId", PrivateDnsZone::Notebooks),
                ],
                alz_parameters: &[
                    "azureMachineLearningWorkspacePrivateDnsZoneId",
                    "azureMachineLearningWorkspaceSecondPrivateDnsZoneId",
                ],
            },
            Self::Blob => DnsPolicy {
                definition: "75973700-529f-4de2-b794-fb9b6781b6b0",
                display_name: "Configure a private DNS Zone ID for blob groupID",
                parameters: &[("privateDnsZoneId", PrivateDnsZone::Blob)],
                alz_parameters: &["azureStorageBlobPrivateDnsZoneId"],
            },
            Self::File => DnsPolicy {
                definition: "6df98d03-368a-4438-8730-a93c4d7693d6",
                display_name: "Configure a private DNS Zone ID for file groupID",
                parameters: &[("privateDnsZoneId", PrivateDnsZone::File)],
                alz_parameters: &["azureStorageFilePrivateDnsZoneId"],
            },
            Self::Vault => DnsPolicy {
                definition: "ac673a9a-f77d-4846-b2d8-a57f8e1c01d4",
                display_name: "Configure Azure Key Vaults to use private DNS zones",
                parameters: &[("privateDnsZoneId", PrivateDnsZone::Vault)],
                alz_parameters: &["azureKeyVaultPrivateDnsZoneId"],
            },
            Self::Registry => DnsPolicy {
                definition: "e9585a95-5b8c-4d03-b193-dc7eb5ac4c32",
                display_name: "Configure Container registries to use private DNS zones",
                parameters: &[("privateDnsZoneId", PrivateDnsZone::Registry)],
                alz_parameters: &["azureAcrPrivateDnsZoneId"],
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_zone_is_needed_by_some_endpoint_and_each_policy_covers_its_zones() {
        for zone in PrivateDnsZone::ALL {
            assert!(
                PrivateEndpointTarget::ALL
                    .iter()
                    .any(|target| target.zones().contains(&zone)),
                "{zone:?}"
            );
        }
        for target in PrivateEndpointTarget::ALL {
            let policy = target.dns_policy();
            let zones: Vec<_> = policy.parameters.iter().map(|(_, zone)| *zone).collect();
            assert_eq!(zones, target.zones(), "{target:?}");
            assert_eq!(policy.alz_parameters.len(), policy.parameters.len());
        }
    }
}
