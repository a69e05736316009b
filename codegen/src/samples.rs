//! The samples of the built-in templates: the views of the plan of the default topology,
//! which a user override of a template must render before it is accepted.

use std::sync::LazyLock;

use serde_json::Value;

use crate::plan::Plan;
use crate::plan::symbols::PROJECT_SYMBOLS;
use crate::plan::views::{
    API, DnsView, DocsView, EnvironmentView, LandingZonePartView, MainView, ProjectPageView,
    ProjectView, RegistryReaderView, RegistryView, RoleView,
};

/// The plan of the embedded default topology (`None` only if it stopped loading, which the
/// tests of `mlzone-model` prevent).
static DEFAULT_PLAN: LazyLock<Option<Plan>> = LazyLock::new(|| {
    let loaded = mlzone_model::load_default().ok()?;
    let validated = mlzone_model::validate::validate(loaded.estate).ok()?;
    Plan::build(&validated).ok()
});

/// The plan of the default topology with its guardrails assigned at each project's resource
/// group, the sample of the resource group guardrail templates.
static RESOURCE_GROUP_GUARDRAILS_PLAN: LazyLock<Option<Plan>> = LazyLock::new(|| {
    let text = format!(
        "{}\nguardrails:\n  scope: resource-group\n",
        mlzone_model::DEFAULT_TOPOLOGY
    );
    let loaded = mlzone_model::load_estate(
        mlzone_model::DEFAULT_TOPOLOGY_NAME,
        text.as_bytes(),
        Some(mlzone_model::Format::Yaml),
        &mlzone_model::Limits::default(),
    )
    .ok()?;
    let validated = mlzone_model::validate::validate(loaded.estate).ok()?;
    Plan::build(&validated).ok()
});

/// The view of the first deployment of the default topology's first environment.
pub fn main_view() -> Value {
    view_of(|plan| {
        let environment = plan.environments.first()?;
        let deployment = environment.deployments.first()?;
        serde_json::to_value(MainView {
            api: API,
            environment: EnvironmentView::of(environment),
            deployment,
        })
        .ok()
    })
}

/// The view of the first project of the default topology's first environment.
pub fn project_view() -> Value {
    view_of(|plan| {
        let environment = plan.environments.first()?;
        let project = environment.deployments.first()?.projects.first()?;
        serde_json::to_value(ProjectView {
            api: API,
            environment: EnvironmentView::of(environment),
            project,
            symbols: &PROJECT_SYMBOLS,
        })
        .ok()
    })
}

/// The view of the private DNS zones of the default topology's first environment.
pub fn dns_view() -> Value {
    view_of(|plan| {
        let environment = plan.environments.first()?;
        let dns = environment.deployments.first()?.dns.as_ref()?;
        serde_json::to_value(DnsView {
            api: API,
            environment: EnvironmentView::of(environment),
            dns,
        })
        .ok()
    })
}

/// The view of the first custom role of the default topology's first environment.
pub fn role_view() -> Value {
    view_of(|plan| {
        let role = plan.environments.first()?.role_definitions.first()?;
        serde_json::to_value(RoleView { role }).ok()
    })
}

/// The view of the model registry's templates for the default topology.
pub fn registry_view() -> Value {
    view_of(|plan| {
        let registry = plan.registry.as_ref()?;
        serde_json::to_value(RegistryView { api: API, registry }).ok()
    })
}

/// The view of the module of a role at the model registry (workspace identities, pipelines).
pub fn registry_reader_view() -> Value {
    serde_json::to_value(RegistryReaderView { api: API }).unwrap_or(Value::Null)
}

/// The view of the estate-wide documentation pages of the default topology.
pub fn docs_view() -> Value {
    view_of(|plan| serde_json::to_value(DocsView { docs: &plan.docs }).ok())
}

/// The view of the landing zone part of the default topology's first environment.
pub fn landing_zone_view() -> Value {
    view_of(|plan| {
        let environment = plan.docs.environments.first()?;
        serde_json::to_value(LandingZonePartView {
            lz: &environment.landing_zone,
            env_name: &environment.name,
        })
        .ok()
    })
}

/// The view of the first project page of the default topology.
pub fn project_page_view() -> Value {
    view_of(|plan| {
        let project = crate::plan::docs::pages(plan).next()?;
        serde_json::to_value(ProjectPageView { project }).ok()
    })
}

/// The view of the guardrails of the default topology's first environment.
pub fn policy_view() -> Value {
    view_of(|plan| {
        let environment = plan.policy.environments.first()?;
        serde_json::to_value(crate::plan::views::PolicyView {
            api: API,
            environment,
        })
        .ok()
    })
}

/// The view of the first project resource group's guardrails, in the default topology with
/// its guardrails at resource groups.
pub fn policy_group_view() -> Value {
    let plan = RESOURCE_GROUP_GUARDRAILS_PLAN.as_ref();
    plan.and_then(|plan| {
        let environment = plan.policy.environments.first()?;
        let group = environment.resource_groups.first()?;
        serde_json::to_value(crate::plan::views::PolicyGroupView {
            api: API,
            environment,
            group,
        })
        .ok()
    })
    .unwrap_or(Value::Null)
}

/// The view of mlzone's own definitions at a management group.
pub fn management_group_view() -> Value {
    let group = crate::plan::policy::ManagementGroupPolicy::sample();
    serde_json::to_value(crate::plan::views::ManagementGroupView {
        api: API,
        group: &group,
    })
    .unwrap_or(Value::Null)
}

/// The view of the guardrails page of the default topology.
pub fn guardrails_docs_view() -> Value {
    view_of(|plan| {
        serde_json::to_value(crate::plan::views::GuardrailsDocsView {
            organisation: &plan.organisation,
            environments: &plan.policy.environments,
        })
        .ok()
    })
}

/// The view of the pipeline of the default topology.
pub fn pipeline_view() -> Value {
    view_of(|plan| serde_json::to_value(crate::plan::pipeline::view(plan)).ok())
}

/// The view of the promotion pipeline of the default topology.
pub fn promotion_view() -> Value {
    view_of(|plan| serde_json::to_value(plan.promotion.view.as_ref()?).ok())
}

/// The view of the first load test of the default topology.
pub fn load_test_view() -> Value {
    view_of(|plan| {
        let test = plan.promotion.load_tests.first()?;
        Some(serde_json::json!({ "test": test }))
    })
}

fn view_of(f: impl FnOnce(&Plan) -> Option<Value>) -> Value {
    DEFAULT_PLAN.as_ref().and_then(f).unwrap_or(Value::Null)
}
