//! Built-in roles and the shipped library: data, content checks and golden intent.

use uuid::Uuid;

use super::super::{
    Catalog, EscalationPolicy, FindingKind, PermissionSet, builtin, check_permissions, difference,
    is_subset, library,
};
use super::{ml, set};

#[test]
fn builtin_roles_have_real_names_and_guids() {
    assert_eq!(builtin::all().len(), 24);
    let contributor = builtin::find("contributor").unwrap();
    assert_eq!(contributor.name, "Contributor");
    assert_eq!(
        contributor.id,
        Uuid::parse_str("b24988ac-6180-42a0-ab88-20f7382dd24c").unwrap()
    );
    assert_eq!(
        contributor.resource_id(),
        "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"
    );
    let scientist = builtin::find("AzureML Data Scientist").unwrap();
    assert_eq!(
        scientist.id,
        Uuid::parse_str("f6c7c914-8db3-469d-8ca1-694a8f32e121").unwrap()
    );
    assert_eq!(
        builtin::find_by_id(scientist.id).unwrap().name,
        "AzureML Data Scientist"
    );
    assert!(builtin::find("Nobody").is_none());
    // Known by name and GUID only.
    let foundry = builtin::find("foundry user").unwrap();
    assert!(foundry.permissions.is_none() && foundry.description.is_none());
    assert_eq!(builtin::with_permissions().count(), 10);
}

#[test]
fn builtin_json_and_tsv_agree() {
    let json: serde_json::Value =
        serde_json::from_str(include_str!("../../data/builtin-roles.json")).unwrap();
    let roles = json.as_array().unwrap();
    assert_eq!(roles.len(), 10);
    for role in roles {
        let name = role["roleName"].as_str().unwrap();
        let found = builtin::find(name).unwrap();
        assert_eq!(found.id.to_string(), role["name"].as_str().unwrap());
        assert_eq!(role["permissions"].as_array().unwrap().len(), 1, "{name}");
        assert!(found.permissions.is_some());
    }
}

#[test]
fn azureml_data_scientist_as_documented() {
    let s = set(builtin::find("AzureML Data Scientist")
        .unwrap()
        .permissions
        .as_ref()
        .unwrap());
    for op in [
        "workspaces/computes/write",
        "workspaces/computes/delete",
        "workspaces/computes/listKeys/action",
        "workspaces/listKeys/action",
        "workspaces/write",
        "workspaces/delete",
    ] {
        assert!(!s.grants(&ml(op)), "{op}");
    }
    for op in [
        "workspaces/computes/start/action",
        "workspaces/jobs/write",
        "workspaces/read",
    ] {
        assert!(s.grants(&ml(op)), "{op}");
    }
    // rbac-semantics.md: 276 of the 324 MLS operations under the `/*/` model.
    assert_eq!(s.granted_count(), 276);
}

#[test]
fn every_library_role_passes_the_content_checks() {
    let keys: Vec<&str> = library::all().iter().map(|r| r.key).collect();
    assert_eq!(
        keys,
        [
            "data-scientist",
            "data-engineer",
            "mlops-engineer",
            "workspace-admin",
            "configure",
            "read-only",
            "registry-publisher",
            "registry-reader"
        ]
    );
    for role in library::all() {
        let policy = if role.key == "workspace-admin" {
            EscalationPolicy::AllowForAdmin
        } else {
            EscalationPolicy::Report
        };
        let findings = check_permissions(&role.permissions, Catalog::azure(), policy);
        assert!(findings.is_empty(), "{}: {findings:?}", role.key);
        assert!(role.display_name.starts_with("mlzone "));
        assert!(!role.description.is_empty());
        assert_eq!(
            library::find(&role.key.to_uppercase()).unwrap().key,
            role.key
        );
    }
    let admin = check_permissions(
        &library::find("workspace-admin").unwrap().permissions,
        Catalog::azure(),
        EscalationPolicy::Report,
    );
    assert!(
        admin
            .iter()
            .all(|f| matches!(f.kind, FindingKind::PrivilegeEscalation { .. }))
    );
    assert_eq!(admin.len(), 1);
}

/// The registry roles publish and read, and neither deletes an asset nor changes the
/// registry: production deploys and rolls back from it.
#[test]
fn registry_roles_publish_and_read_but_delete_nothing() {
    let publisher = role("registry-publisher");
    let reader = role("registry-reader");
    for operation in ["registries/read", "registries/assets/read"] {
        let operation = format!("Microsoft.MachineLearningServices/{operation}");
        assert!(publisher.allows(&operation).is_granted(), "{operation}");
        assert!(reader.allows(&operation).is_granted(), "{operation}");
    }
    let write = "Microsoft.MachineLearningServices/registries/assets/write";
    assert!(publisher.allows(write).is_granted());
    assert!(!reader.allows(write).is_granted());
    for operation in [
        "registries/assets/delete",
        "registries/assets/stage/write",
        "registries/write",
        "registries/delete",
        "workspaces/read",
    ] {
        let operation = format!("Microsoft.MachineLearningServices/{operation}");
        assert!(!publisher.allows(&operation).is_granted(), "{operation}");
        assert!(!reader.allows(&operation).is_granted(), "{operation}");
    }
    assert!(is_subset(&reader, &publisher));
}

fn role(key: &str) -> PermissionSet<'static> {
    set(&library::find(key).unwrap().permissions)
}

const COMPUTE_CREATE_DELETE: &[&str] = &["workspaces/computes/write", "workspaces/computes/delete"];
const WORKSPACE_CREATE_DELETE: &[&str] = &["workspaces/write", "workspaces/delete"];
const ACCESS: &[&str] = &[
    "Microsoft.Authorization/roleAssignments/write",
    "Microsoft.Authorization/roleAssignments/delete",
    "Microsoft.Authorization/roleDefinitions/write",
];

fn full(op: &str) -> String {
    if op.starts_with("Microsoft.") {
        op.to_owned()
    } else {
        ml(op)
    }
}

/// Key or secret listing: the names say it.
fn is_key_listing(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("listkeys")
        || n.contains("listsecrets")
        || n.contains("readsecrets")
        || n.contains("regeneratekeys")
        || n.contains("resynckeys")
        || n.contains("storageaccountkeys")
        || n.contains("notebookkeys")
        || n.contains("/secrets/read")
}

fn assert_denies(key: &str, ops: &[&str]) {
    let s = role(key);
    for op in ops {
        assert!(!s.grants(&full(op)), "{key} must not grant {op}");
    }
}

fn assert_grants(key: &str, ops: &[&str]) {
    let s = role(key);
    for op in ops {
        assert!(s.grants(&full(op)), "{key} must grant {op}");
    }
}

fn assert_no_key_listing(key: &str) {
    let listed: Vec<&str> = role(key)
        .granted_operations()
        .iter()
        .map(|op| op.name())
        .filter(|n| is_key_listing(n))
        .collect();
    assert!(listed.is_empty(), "{key} lists keys: {listed:?}");
}

#[test]
fn data_scientist_intent() {
    assert_denies("data-scientist", COMPUTE_CREATE_DELETE);
    assert_denies("data-scientist", WORKSPACE_CREATE_DELETE);
    assert_denies("data-scientist", ACCESS);
    assert_denies(
        "data-scientist",
        &["workspaces/notebooks/vm/write", "workspaces/hubs/write"],
    );
    assert_no_key_listing("data-scientist");
    assert_grants(
        "data-scientist",
        &[
            "workspaces/computes/start/action",
            "workspaces/computes/stop/action",
            "workspaces/jobs/write",
            "workspaces/experiments/runs/submit/action",
            "workspaces/models/write",
            "workspaces/notebooks/storage/write",
        ],
    );
    // Within the built-in AzureML Data Scientist.
    let builtin = set(builtin::find("AzureML Data Scientist")
        .unwrap()
        .permissions
        .as_ref()
        .unwrap());
    assert!(is_subset(&role("data-scientist"), &builtin));
}

#[test]
fn data_engineer_intent() {
    assert_denies("data-engineer", COMPUTE_CREATE_DELETE);
    assert_denies("data-engineer", WORKSPACE_CREATE_DELETE);
    assert_denies("data-engineer", ACCESS);
    assert_denies(
        "data-engineer",
        &[
            "workspaces/onlineEndpoints/write",
            "workspaces/datastores/listsecrets/action",
        ],
    );
    assert_no_key_listing("data-engineer");
    assert_grants(
        "data-engineer",
        &[
            "workspaces/datastores/write",
            "workspaces/datasets/registered/write",
            "workspaces/data/versions/write",
            "workspaces/featuresets/write",
            "workspaces/jobs/write",
            "workspaces/schedules/write",
            "workspaces/computes/start/action",
        ],
    );
}

#[test]
fn mlops_engineer_intent() {
    assert_grants(
        "mlops-engineer",
        &[
            "workspaces/computes/write",
            "workspaces/computes/delete",
            "workspaces/onlineEndpoints/write",
            "workspaces/onlineEndpoints/deployments/write",
            "workspaces/batchEndpoints/write",
            "workspaces/jobs/write",
            "workspaces/schedules/write",
            "registries/assets/write",
        ],
    );
    assert_denies("mlops-engineer", WORKSPACE_CREATE_DELETE);
    assert_denies("mlops-engineer", ACCESS);
    assert_denies(
        "mlops-engineer",
        &[
            "workspaces/connections/listsecrets/action",
            "workspaces/listKeys/action",
            "workspaces/managedNetworks/write",
        ],
    );
    // Full grows from the data scientist's experiment level.
    assert!(is_subset(&role("data-scientist"), &role("mlops-engineer")));
}

#[test]
fn workspace_admin_intent() {
    assert_grants(
        "workspace-admin",
        &[
            "workspaces/computes/write",
            "workspaces/computes/delete",
            "workspaces/listKeys/action",
            "Microsoft.Authorization/roleAssignments/write",
        ],
    );
    assert_denies("workspace-admin", WORKSPACE_CREATE_DELETE);
    assert_denies(
        "workspace-admin",
        &["Microsoft.Authorization/roleDefinitions/write"],
    );
    for key in [
        "data-scientist",
        "data-engineer",
        "mlops-engineer",
        "configure",
        "read-only",
    ] {
        assert!(
            is_subset(&role(key), &role("workspace-admin")),
            "{key} within admin"
        );
    }
    let extra = difference(&role("workspace-admin"), &role("mlops-engineer"));
    assert!(extra.is_exact());
    assert!(
        extra
            .operations
            .iter()
            .any(|op| op.name() == "Microsoft.Authorization/roleAssignments/write")
    );
}

#[test]
fn configure_intent() {
    assert_denies("configure", COMPUTE_CREATE_DELETE);
    assert_denies("configure", WORKSPACE_CREATE_DELETE);
    assert_denies("configure", ACCESS);
    assert_denies(
        "configure",
        &["workspaces/models/delete", "workspaces/jobs/write"],
    );
    assert_no_key_listing("configure");
    assert_grants(
        "configure",
        &[
            "workspaces/computes/start/action",
            "workspaces/computes/stop/action",
            "workspaces/models/versions/write",
            "workspaces/environments/write",
            "workspaces/read",
        ],
    );
    assert!(is_subset(&role("read-only"), &role("configure")));
    assert!(!is_subset(&role("configure"), &role("read-only")));
}

#[test]
fn read_only_intent() {
    let s = role("read-only");
    assert!(
        s.granted_operations()
            .iter()
            .all(|op| op.folded().ends_with("/read"))
    );
    assert_no_key_listing("read-only");
    assert_grants(
        "read-only",
        &[
            "workspaces/read",
            "workspaces/computes/read",
            "workspaces/jobs/read",
        ],
    );
    assert_denies("read-only", &["workspaces/listNotebookAccessToken/read"]);
    let reader = set(builtin::find("Reader")
        .unwrap()
        .permissions
        .as_ref()
        .unwrap());
    assert!(is_subset(&s, &reader));
    // Access narrows along the levels: read ⊆ configure ⊆ experiment ⊆ full ⊆ admin.
    let chain = [
        "read-only",
        "configure",
        "mlops-engineer",
        "workspace-admin",
    ];
    for pair in chain.windows(2) {
        assert!(is_subset(&role(pair[0]), &role(pair[1])), "{pair:?}");
    }
}
