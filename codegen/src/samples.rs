//! Sample view-models: hand-written ones for the sample templates under `templates/samples/`,
//! and views of the plan of the default topology for the target templates.
//!
//! The samples exist only to exercise the rendering machinery end to end (filters, engines,
//! normalisation, validity checks); they are not output targets. The values deliberately
//! contain characters every filter must escape.

use std::sync::LazyLock;

use serde_json::{Value, json};

use crate::plan::Plan;
use crate::plan::views::{
    API, DnsView, DocsView, EnvironmentView, MainView, ProjectPageView, ProjectView, RoleView,
};

/// The plan of the embedded default topology (`None` only if it stopped loading, which the
/// tests of `mlzone-model` prevent).
static DEFAULT_PLAN: LazyLock<Option<Plan>> = LazyLock::new(|| {
    let loaded = mlzone_model::load_default().ok()?;
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

/// The view of the estate-wide documentation pages of the default topology.
pub fn docs_view() -> Value {
    view_of(|plan| serde_json::to_value(DocsView { docs: &plan.docs }).ok())
}

/// The view of the first project page of the default topology.
pub fn project_page_view() -> Value {
    view_of(|plan| {
        let project = crate::plan::docs::pages(plan).next()?;
        serde_json::to_value(ProjectPageView { project }).ok()
    })
}

/// The view of the pipeline of the default topology.
pub fn pipeline_view() -> Value {
    view_of(|plan| serde_json::to_value(crate::plan::pipeline::view(plan)).ok())
}

fn view_of(f: impl FnOnce(&Plan) -> Option<Value>) -> Value {
    DEFAULT_PLAN.as_ref().and_then(f).unwrap_or(Value::Null)
}

/// The view-model every sample template renders.
///
/// The same value checks user overrides of the samples, like each real template's sample.
pub fn view() -> Value {
    json!({
        "location_description": "Region of the 'sample' resources: ${not interpolated}",
        "tags": {
            "project": "[pilot]",
            "cost-center": "CC-42",
            "owner": "Data 'n' AI \\ team",
        },
        "storage": {
            "symbol": "sample storage",
            "type_version": "Microsoft.Storage/storageAccounts@2026-04-01",
            "api_version": "2026-04-01",
            "name": "stmlzonesample01",
            "sku": "Standard_LRS",
            "public_network_access": "Disabled",
        },
        "vault": {
            "symbol": "sample vault",
            "type_version": "Microsoft.KeyVault/vaults@2026-02-01",
            "api_version": "2026-02-01",
            "name": "kv-mlzone-sample",
        },
        "role": {
            "symbol": "data scientist role",
            "type_version": "Microsoft.Authorization/roleDefinitions@2022-04-01",
            "api_version": "2022-04-01",
            "id": "3f1e5c3a-7a4b-5c1d-9e2f-0a1b2c3d4e5f",
            "name": "mlzone Data Scientist (dev)",
            "description": "Runs experiments; can't create compute. \"Restricted\".",
            "actions": [
                "Microsoft.MachineLearningServices/workspaces/*/read",
                "Microsoft.MachineLearningServices/workspaces/experiments/runs/submit/action",
            ],
            "not_actions": [
                "Microsoft.MachineLearningServices/workspaces/computes/write",
                "Microsoft.Authorization/*",
            ],
            "assignable_scopes": ["/subscriptions/00000000-0000-0000-0000-000000000000"],
        },
        "assignments": [
            {
                "symbol": "data scientists storage",
                "type_version": "Microsoft.Authorization/roleAssignments@2022-04-01",
                "api_version": "2022-04-01",
                "principal_id": "11111111-1111-1111-1111-111111111111",
                "principal_type": "Group",
                "description": "[data scientists] of 'dev'",
            },
        ],
        "title": "project *churn* | dev <-> prod",
        "stages": ["development", "test", "production"],
        "rows": [
            {"persona": "data_scientist", "levels": ["experiment", "configure", "read"]},
            {"persona": "MLOps | DevOps", "levels": ["read", "full", "full"]},
        ],
        "promotions": [
            {"from": "development", "to": "test", "gate": "automatic"},
            {"from": "test", "to": "production", "gate": "approval by \"stakeholders\""},
        ],
        "workflow": {
            "name": "deploy: churn # pilot",
            "branches": ["main"],
            "stages": [
                {
                    "job": "deploy-development",
                    "environment": "development",
                    "timeout_minutes": 30,
                    "needs": [],
                    "deploy_step": "Deploy 'development'",
                    "command": "az deployment group create --template-file dev/main.bicep",
                },
                {
                    "job": "deploy-production",
                    "environment": "production",
                    "timeout_minutes": 60,
                    "needs": ["deploy-development"],
                    "deploy_step": "Deploy: production",
                    "command": "az deployment group create --template-file \"prod/main.bicep\"",
                },
            ],
        },
    })
}
