//! The rule catalog: one small module per rule, each with a stable code, a default
//! severity, a description and help, and one job.

mod azure_limits;
mod cluster_min_nodes;
mod compute_creator;
mod data_action_mismatch;
mod development_user_management;
mod development_workspace_lifecycle;
mod duplicate_cluster_size;
mod duplicate_role_name;
pub(crate) mod guardrail_compliance;
mod held_roles;
mod idle_shutdown_off;
mod inherited_policy;
mod invalid_azure_name;
mod invalid_private_dns_zone_id;
mod invisible_text;
mod missing_group;
mod monotonic_access;
mod name_collision;
mod no_production;
mod no_projects;
mod one_workspace;
mod permission_sets;
mod persona_kind;
mod private_dns_sovereign_cloud;
mod private_dns_zone_missing;
mod private_link;
mod private_link_ignored;
mod privilege_escalation;
mod production_not_read_only;
mod production_without_approval;
mod production_without_test;
mod promotion_cycle;
mod public_registry;
mod registry_asset_deletion;
mod registry_reader_writes;
mod restricted_infrastructure;
mod restriction_role_mismatch;
mod role_cycle;
mod role_not_expressible;
mod role_patterns;
mod separation_of_duties;
mod shared_compute_instance;
mod test_access;
mod test_promotes_nowhere;
mod testing_threshold_missing;
mod testing_traffic;
mod testing_without_online_endpoint;
mod unchecked_role;
mod unknown_role_permissions;
mod unreachable_environment;
mod unrestricted_trade_off;
mod workspace_admin_compute;

use serde::Serialize;

use super::context::Context;
use crate::diagnostic::{Code, Diagnostic, Severity};

/// What the catalog says about one rule: the metadata of reports, SARIF and the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct RuleInfo {
    /// The rule's stable code.
    pub code: Code,
    /// Its severity unless the document sets a level.
    pub default_severity: Severity,
    /// What it checks, one short lowercase line.
    pub summary: &'static str,
    /// Why it matters, a few sentences.
    pub description: &'static str,
    /// What to do about a finding.
    pub help: &'static str,
}

impl RuleInfo {
    /// Whether a document may set the rule's level (see [`Code::takes_level`]).
    pub fn takes_level(&self) -> bool {
        self.code.takes_level()
    }
}

/// One rule: its metadata and its check.
pub(crate) struct Rule {
    pub info: RuleInfo,
    pub check: fn(&mut Context<'_>),
}

impl Rule {
    /// A finding of this rule with its default severity and help.
    pub(crate) fn finding(&self, path: impl Into<String>, message: String) -> Diagnostic {
        let finding = Diagnostic::error(self.info.code, path, message).with_help(self.info.help);
        Diagnostic {
            severity: self.info.default_severity,
            ..finding
        }
    }
}

/// Every rule, in code order.
pub(crate) static CATALOG: &[&Rule] = &[
    &missing_group::RULE,
    &promotion_cycle::RULE,
    &unreachable_environment::RULE,
    &no_production::RULE,
    &production_without_test::RULE,
    &production_without_approval::RULE,
    &separation_of_duties::RULE,
    &test_promotes_nowhere::RULE,
    &one_workspace::RULE,
    &no_projects::RULE,
    &monotonic_access::NOT_SHRINKING,
    &production_not_read_only::RULE,
    &test_access::RULE,
    &monotonic_access::NOT_GROWING,
    &development_user_management::RULE,
    &development_workspace_lifecycle::RULE,
    &restriction_role_mismatch::RULE,
    &unrestricted_trade_off::RULE,
    &restricted_infrastructure::RULE,
    &workspace_admin_compute::RULE,
    &compute_creator::RULE,
    &privilege_escalation::RULE,
    &persona_kind::RULE,
    &private_link::RULE,
    &private_link_ignored::RULE,
    &shared_compute_instance::RULE,
    &duplicate_cluster_size::RULE,
    &cluster_min_nodes::RULE,
    &idle_shutdown_off::RULE,
    &role_patterns::UNKNOWN_OPERATION,
    &role_patterns::UNCHECKED_PROVIDER,
    &role_patterns::TOO_MANY_WILDCARDS,
    &data_action_mismatch::RULE,
    &duplicate_role_name::RULE,
    &role_cycle::RULE,
    &unknown_role_permissions::RULE,
    &role_not_expressible::RULE,
    &unchecked_role::RULE,
    &invisible_text::RULE,
    &invalid_azure_name::RULE,
    &name_collision::RULE,
    &azure_limits::ROLE_ASSIGNMENTS,
    &azure_limits::TEMPLATE_RESOURCES,
    &testing_traffic::PERCENT_OUT_OF_RANGE,
    &testing_traffic::AB_NOT_HUNDRED,
    &testing_traffic::MIRROR_OVER_LIMIT,
    &testing_threshold_missing::RULE,
    &testing_without_online_endpoint::RULE,
    &registry_asset_deletion::RULE,
    &public_registry::RULE,
    &registry_reader_writes::RULE,
    &private_dns_zone_missing::RULE,
    &invalid_private_dns_zone_id::RULE,
    &private_dns_sovereign_cloud::RULE,
    &inherited_policy::DENIED,
    &inherited_policy::AUDITED,
    &inherited_policy::UNKNOWN,
    &guardrail_compliance::DENIED,
    &guardrail_compliance::AUDITED,
];
