//! Hand-written view-models for the sample templates under `templates/samples/`.
//!
//! The samples exist only to exercise the rendering machinery end to end (filters, engines,
//! normalisation, validity checks); they are not output targets. The values deliberately
//! contain characters every filter must escape.

use serde_json::{Value, json};

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
