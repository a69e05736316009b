//! The names of the estate's Azure Policy resources: assignments and exemptions.

use uuid::Uuid;

use super::estate::{EstateNames, subscription_key};
use super::hash::stable_guid;
use crate::estate::Environment;
use crate::vocabulary::Guardrail;

impl EstateNames {
    /// The name of the assignment of `guardrail` in `environment` at the scope called
    /// `scope` (`subscription`, or the project's resource group name): a GUID, UUIDv5 over
    /// the tenant, the subscription, the environment, the scope and the guardrail.
    pub fn policy_assignment(
        &self,
        environment: &Environment,
        scope: &str,
        guardrail: Guardrail,
    ) -> Uuid {
        stable_guid(&[
            "policy-assignment",
            self.tenant_key(),
            &subscription_key(environment),
            environment.name.as_str(),
            scope,
            guardrail.as_str(),
        ])
    }

    /// The name of the exemption from the assignment of `guardrail` in `environment` at
    /// the scope called `scope`, a GUID like [`EstateNames::policy_assignment`].
    pub fn policy_exemption(
        &self,
        environment: &Environment,
        scope: &str,
        guardrail: Guardrail,
    ) -> Uuid {
        stable_guid(&[
            "policy-exemption",
            self.tenant_key(),
            &subscription_key(environment),
            environment.name.as_str(),
            scope,
            guardrail.as_str(),
        ])
    }
}
