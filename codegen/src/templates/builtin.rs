//! The built-in templates: embedded in the binary, addressed by constants, each with its
//! syntax and the sample view-model an override of it must render.

use crate::samples;
use crate::syntax::Syntax;

/// Subscription-scope ARM template of one deployment (projects and DNS inline).
pub const ARM_TEMPLATE: &str = "arm/azuredeploy.json.tera";
/// ARM parameter file of one deployment.
pub const ARM_PARAMETERS: &str = "arm/azuredeploy.parameters.json.tera";
/// Inner template of the private DNS deployment, included by [`ARM_TEMPLATE`].
pub const ARM_PRIVATE_DNS: &str = "arm/private-dns.json.tera";
/// Inner template of a project's deployment, included by [`ARM_TEMPLATE`].
pub const ARM_PROJECT: &str = "arm/project.json.tera";
/// Subscription-scope ARM template of the model registry's deployment.
pub const ARM_REGISTRY: &str = "arm/registry.json.tera";
/// ARM parameter file of the model registry's deployment.
pub const ARM_REGISTRY_PARAMETERS: &str = "arm/registry.parameters.json.tera";
/// Subscription-scope `main.bicep` of the model registry's deployment.
pub const BICEP_REGISTRY: &str = "bicep/registry.bicep.tera";
/// Bicep module of the model registry and its role assignments.
pub const BICEP_REGISTRY_MODULE: &str = "bicep/registry-module.bicep.tera";
/// Bicep module, in the model registry's resource group, of a workspace identity's reader
/// role at the registry.
pub const BICEP_REGISTRY_READER: &str = "bicep/registry-reader.bicep.tera";
/// Bicep parameters file of the model registry's deployment.
pub const BICEP_REGISTRY_PARAMETERS: &str = "bicep/registry.bicepparam.tera";
/// Subscription-scope `main.bicep` of one deployment.
pub const BICEP_MAIN: &str = "bicep/main.bicep.tera";
/// Bicep parameters file (`main.bicepparam`) of one deployment.
pub const BICEP_PARAMETERS: &str = "bicep/main.bicepparam.tera";
/// Bicep module of an environment's private DNS zones.
pub const BICEP_PRIVATE_DNS: &str = "bicep/private-dns.bicep.tera";
/// Bicep module of one project.
pub const BICEP_PROJECT: &str = "bicep/project.bicep.tera";
/// `docs/README.md`: the index of the documentation, with the promotion diagram.
pub const DOCS_README: &str = "docs/readme.md.tera";
/// `docs/access-matrix.md`: personas × environments × capabilities.
pub const DOCS_ACCESS_MATRIX: &str = "docs/access-matrix.md.tera";
/// `docs/permission-diff.md`: what each persona gains and loses along the promotion path.
pub const DOCS_PERMISSION_DIFF: &str = "docs/permission-diff.md.tera";
/// `docs/promotion.md`: the promotion diagram and the environments.
pub const DOCS_PROMOTION: &str = "docs/promotion.md.tera";
/// The Mermaid diagram of the promotion graph, included by [`DOCS_README`] and
/// [`DOCS_PROMOTION`].
pub const DOCS_PROMOTION_DIAGRAM: &str = "docs/promotion-diagram.md.tera";
/// An environment's place in the landing zone, included by [`DOCS_README`] and
/// [`PIPELINE_README`].
pub const DOCS_LANDING_ZONE: &str = "docs/landing-zone.md.tera";
/// `docs/guardrails.md`: the Azure Policy assignments of every environment.
pub const DOCS_GUARDRAILS: &str = "docs/guardrails.md.tera";
/// `docs/projects/{project}.md`: one project's workspaces, compute and access.
pub const DOCS_PROJECT: &str = "docs/project.md.tera";
/// `pipeline/azure-pipelines.yml`: the Azure Pipelines deployment pipeline.
pub const PIPELINE_AZURE: &str = "pipeline/azure-pipelines.yml.tera";
/// `pipeline/.github/workflows/mlzone-deploy.yml`: the GitHub Actions deployment workflow.
pub const PIPELINE_GITHUB: &str = "pipeline/github-workflow.yml.tera";
/// `pipeline/azure-pipelines-promote.yml`: the Azure Pipelines model promotion pipeline.
pub const PIPELINE_PROMOTE_AZURE: &str = "pipeline/azure-pipelines-promote.yml.tera";
/// `pipeline/.github/workflows/mlzone-promote.yml`: the GitHub Actions model promotion
/// workflow.
pub const PIPELINE_PROMOTE_GITHUB: &str = "pipeline/github-promote.yml.tera";
/// `pipeline/load-tests/{env}/{project}.yaml`: an Azure Load Testing configuration.
pub const PIPELINE_LOAD_TEST: &str = "pipeline/load-test.yaml.tera";
/// `pipeline/load-tests/{env}/{project}.requests.json`: the requests of a URL load test.
pub const PIPELINE_LOAD_TEST_REQUESTS: &str = "pipeline/load-test-requests.json.tera";
/// `pipeline/README.md`: how to set either pipeline up.
pub const PIPELINE_README: &str = "pipeline/readme.md.tera";
/// Subscription-scope `main.bicep` of one environment's guardrails.
pub const POLICY_BICEP_MAIN: &str = "policy/main.bicep.tera";
/// Bicep module of one project resource group's guardrails.
pub const POLICY_BICEP_RESOURCE_GROUP: &str = "policy/resource-group.bicep.tera";
/// Subscription-scope ARM template of one environment's guardrails.
pub const POLICY_ARM: &str = "policy/azuredeploy.json.tera";
/// Management-group-scope `main.bicep` of mlzone's own policy definitions.
pub const POLICY_BICEP_MANAGEMENT_GROUP: &str = "policy/management-group.bicep.tera";
/// Management-group-scope ARM template of mlzone's own policy definitions.
pub const POLICY_ARM_MANAGEMENT_GROUP: &str = "policy/management-group.json.tera";
/// One custom role in the `az role definition create` format.
pub const ROLE_DEFINITION: &str = "roles/role.json.tera";

/// A template compiled into mlzone.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// The template's name: its path under `codegen/templates/`, and the file name of an
    /// override that replaces it.
    pub name: &'static str,
    /// The syntax it renders, which picks the engine and the filters.
    pub syntax: Syntax,
    /// The template text.
    pub source: &'static str,
    /// A view-model the template renders; overrides are checked against it.
    pub sample: fn() -> serde_json::Value,
}

/// Every built-in template, in name order.
pub const BUILTINS: &[Builtin] = &[
    Builtin {
        name: ARM_TEMPLATE,
        syntax: Syntax::Arm,
        source: include_str!("../../templates/arm/azuredeploy.json.tera"),
        sample: samples::main_view,
    },
    Builtin {
        name: ARM_PARAMETERS,
        syntax: Syntax::Arm,
        source: include_str!("../../templates/arm/azuredeploy.parameters.json.tera"),
        sample: samples::main_view,
    },
    Builtin {
        name: ARM_PRIVATE_DNS,
        syntax: Syntax::Arm,
        source: include_str!("../../templates/arm/private-dns.json.tera"),
        sample: samples::dns_view,
    },
    Builtin {
        name: ARM_PROJECT,
        syntax: Syntax::Arm,
        source: include_str!("../../templates/arm/project.json.tera"),
        sample: samples::project_view,
    },
    Builtin {
        name: ARM_REGISTRY,
        syntax: Syntax::Arm,
        source: include_str!("../../templates/arm/registry.json.tera"),
        sample: samples::registry_view,
    },
    Builtin {
        name: ARM_REGISTRY_PARAMETERS,
        syntax: Syntax::Arm,
        source: include_str!("../../templates/arm/registry.parameters.json.tera"),
        sample: samples::registry_view,
    },
    Builtin {
        name: BICEP_MAIN,
        syntax: Syntax::Bicep,
        source: include_str!("../../templates/bicep/main.bicep.tera"),
        sample: samples::main_view,
    },
    Builtin {
        name: BICEP_PARAMETERS,
        syntax: Syntax::Bicep,
        source: include_str!("../../templates/bicep/main.bicepparam.tera"),
        sample: samples::main_view,
    },
    Builtin {
        name: BICEP_PRIVATE_DNS,
        syntax: Syntax::Bicep,
        source: include_str!("../../templates/bicep/private-dns.bicep.tera"),
        sample: samples::dns_view,
    },
    Builtin {
        name: BICEP_PROJECT,
        syntax: Syntax::Bicep,
        source: include_str!("../../templates/bicep/project.bicep.tera"),
        sample: samples::project_view,
    },
    Builtin {
        name: BICEP_REGISTRY_MODULE,
        syntax: Syntax::Bicep,
        source: include_str!("../../templates/bicep/registry-module.bicep.tera"),
        sample: samples::registry_view,
    },
    Builtin {
        name: BICEP_REGISTRY_READER,
        syntax: Syntax::Bicep,
        source: include_str!("../../templates/bicep/registry-reader.bicep.tera"),
        sample: samples::registry_reader_view,
    },
    Builtin {
        name: BICEP_REGISTRY,
        syntax: Syntax::Bicep,
        source: include_str!("../../templates/bicep/registry.bicep.tera"),
        sample: samples::registry_view,
    },
    Builtin {
        name: BICEP_REGISTRY_PARAMETERS,
        syntax: Syntax::Bicep,
        source: include_str!("../../templates/bicep/registry.bicepparam.tera"),
        sample: samples::registry_view,
    },
    Builtin {
        name: DOCS_ACCESS_MATRIX,
        syntax: Syntax::Markdown,
        source: include_str!("../../templates/docs/access-matrix.md.tera"),
        sample: samples::docs_view,
    },
    Builtin {
        name: DOCS_GUARDRAILS,
        syntax: Syntax::Markdown,
        source: include_str!("../../templates/docs/guardrails.md.tera"),
        sample: samples::guardrails_docs_view,
    },
    Builtin {
        name: DOCS_LANDING_ZONE,
        syntax: Syntax::Markdown,
        source: include_str!("../../templates/docs/landing-zone.md.tera"),
        sample: samples::landing_zone_view,
    },
    Builtin {
        name: DOCS_PERMISSION_DIFF,
        syntax: Syntax::Markdown,
        source: include_str!("../../templates/docs/permission-diff.md.tera"),
        sample: samples::docs_view,
    },
    Builtin {
        name: DOCS_PROJECT,
        syntax: Syntax::Markdown,
        source: include_str!("../../templates/docs/project.md.tera"),
        sample: samples::project_page_view,
    },
    Builtin {
        name: DOCS_PROMOTION_DIAGRAM,
        syntax: Syntax::Markdown,
        source: include_str!("../../templates/docs/promotion-diagram.md.tera"),
        sample: samples::docs_view,
    },
    Builtin {
        name: DOCS_PROMOTION,
        syntax: Syntax::Markdown,
        source: include_str!("../../templates/docs/promotion.md.tera"),
        sample: samples::docs_view,
    },
    Builtin {
        name: DOCS_README,
        syntax: Syntax::Markdown,
        source: include_str!("../../templates/docs/readme.md.tera"),
        sample: samples::docs_view,
    },
    Builtin {
        name: PIPELINE_PROMOTE_AZURE,
        syntax: Syntax::Yaml,
        source: include_str!("../../templates/pipeline/azure-pipelines-promote.yml.tera"),
        sample: samples::promotion_view,
    },
    Builtin {
        name: PIPELINE_AZURE,
        syntax: Syntax::Yaml,
        source: include_str!("../../templates/pipeline/azure-pipelines.yml.tera"),
        sample: samples::pipeline_view,
    },
    Builtin {
        name: PIPELINE_PROMOTE_GITHUB,
        syntax: Syntax::Yaml,
        source: include_str!("../../templates/pipeline/github-promote.yml.tera"),
        sample: samples::promotion_view,
    },
    Builtin {
        name: PIPELINE_GITHUB,
        syntax: Syntax::Yaml,
        source: include_str!("../../templates/pipeline/github-workflow.yml.tera"),
        sample: samples::pipeline_view,
    },
    Builtin {
        name: PIPELINE_LOAD_TEST_REQUESTS,
        syntax: Syntax::Roles,
        source: include_str!("../../templates/pipeline/load-test-requests.json.tera"),
        sample: samples::load_test_view,
    },
    Builtin {
        name: PIPELINE_LOAD_TEST,
        syntax: Syntax::Yaml,
        source: include_str!("../../templates/pipeline/load-test.yaml.tera"),
        sample: samples::load_test_view,
    },
    Builtin {
        name: PIPELINE_README,
        syntax: Syntax::Markdown,
        source: include_str!("../../templates/pipeline/readme.md.tera"),
        sample: samples::pipeline_view,
    },
    Builtin {
        name: POLICY_ARM,
        syntax: Syntax::Arm,
        source: include_str!("../../templates/policy/azuredeploy.json.tera"),
        sample: samples::policy_view,
    },
    Builtin {
        name: POLICY_BICEP_MAIN,
        syntax: Syntax::Bicep,
        source: include_str!("../../templates/policy/main.bicep.tera"),
        sample: samples::policy_view,
    },
    Builtin {
        name: POLICY_BICEP_MANAGEMENT_GROUP,
        syntax: Syntax::Bicep,
        source: include_str!("../../templates/policy/management-group.bicep.tera"),
        sample: samples::management_group_view,
    },
    Builtin {
        name: POLICY_ARM_MANAGEMENT_GROUP,
        syntax: Syntax::Arm,
        source: include_str!("../../templates/policy/management-group.json.tera"),
        sample: samples::management_group_view,
    },
    Builtin {
        name: POLICY_BICEP_RESOURCE_GROUP,
        syntax: Syntax::Bicep,
        source: include_str!("../../templates/policy/resource-group.bicep.tera"),
        sample: samples::policy_group_view,
    },
    Builtin {
        name: ROLE_DEFINITION,
        syntax: Syntax::Roles,
        source: include_str!("../../templates/roles/role.json.tera"),
        sample: samples::role_view,
    },
];

/// The built-in template called `name`.
pub fn builtin(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}
