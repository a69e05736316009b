//! Role assignments, as `az role assignment list --all --include-inherited` writes them,
//! against the ones the document gives: missing, extra, privileged, to unknown principals.

use std::collections::BTreeSet;

use serde::Deserialize;
use uuid::Uuid;

use super::expected::Expected;
use super::exports::ExportFile;
use super::finding::{ExportLocation, Finding};
use super::json::read_rows;
use super::pages::{PageRow, read_pages};
use super::scope::Scope;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::newtypes::Guid;

/// One row of `az role assignment list --output json`; the fields an audit does not read
/// (`canDelegate`, `createdOn`, `description`, …) are ignored.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    principal_id: Guid,
    #[serde(default)]
    principal_name: Option<String>,
    #[serde(default)]
    principal_type: Option<String>,
    role_definition_id: RoleDefinitionId,
    #[serde(default)]
    role_definition_name: Option<String>,
    scope: ScopeText,
    #[serde(default)]
    condition: Option<String>,
}

/// One role assignment of the export, read.
#[derive(Debug, Clone)]
pub(crate) struct Assignment {
    pub principal: Uuid,
    /// Empty for a principal Azure no longer knows (a deleted one); `None` when the export
    /// carries no names (Resource Graph).
    pub principal_name: Option<String>,
    /// `User`, `Group`, `ServicePrincipal`, … (`Unknown` for a deleted principal).
    pub principal_type: String,
    pub role: Uuid,
    /// The role's name as the export gives it.
    pub role_name: Option<String>,
    pub scope: Scope,
    /// Whether an ABAC condition narrows it.
    pub conditional: bool,
    /// The workspaces of the environment it reaches.
    pub reaches: Vec<usize>,
    /// Where it is in the export.
    pub location: Option<ExportLocation>,
}

/// Reads the role assignments of `file` for the environment `expected` describes, or every
/// located error that makes the file unusable.
pub(crate) fn read(
    expected: &Expected<'_>,
    file: &ExportFile,
) -> Result<Vec<Assignment>, Vec<Diagnostic>> {
    let mut export = read_rows::<Row>(file)?;
    let rows = std::mem::take(&mut export.rows);
    let locator = export.locator();
    let out = rows
        .into_iter()
        .enumerate()
        .map(|(index, row)| {
            let scope = row.scope.0;
            Assignment {
                principal: row.principal_id.as_uuid(),
                principal_name: Some(row.principal_name.unwrap_or_default()),
                principal_type: row.principal_type.unwrap_or_default(),
                role: row.role_definition_id.0,
                role_name: row.role_definition_name,
                reaches: expected.workspaces.reached_by(&scope),
                scope,
                conditional: row.condition.is_some_and(|c| !c.trim().is_empty()),
                location: locator.row(index),
            }
        })
        .collect();
    Ok(out)
}

/// One row of the Resource Graph `authorizationresources` query; what an audit reads is in
/// its `properties`, and the fields it does not read (`createdOn`, `tenantId`, …) are
/// ignored.
#[derive(Debug, Deserialize)]
struct GraphRow {
    id: String,
    properties: GraphProperties,
}

/// The properties of a role assignment, as Resource Graph writes them (no principal names).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GraphProperties {
    principal_id: Guid,
    #[serde(default)]
    principal_type: Option<String>,
    role_definition_id: RoleDefinitionId,
    scope: ScopeText,
    #[serde(default)]
    condition: Option<String>,
}

impl PageRow for GraphRow {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Reads the role assignments of the Resource Graph `pages` for the environment `expected`
/// describes, or every located error that makes them unusable.
pub(crate) fn read_graph(
    expected: &Expected<'_>,
    pages: &[ExportFile],
) -> Result<Vec<Assignment>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    for mut page in read_pages::<GraphRow>(pages, "role assignments")? {
        let rows = std::mem::take(&mut page.rows);
        let locator = page.locator();
        out.extend(rows.into_iter().enumerate().map(|(index, row)| {
            let properties = row.properties;
            let scope = properties.scope.0;
            Assignment {
                principal: properties.principal_id.as_uuid(),
                principal_name: None,
                principal_type: properties.principal_type.unwrap_or_default(),
                role: properties.role_definition_id.0,
                role_name: None,
                reaches: expected.workspaces.reached_by(&scope),
                scope,
                conditional: properties.condition.is_some_and(|c| !c.trim().is_empty()),
                location: locator.row(index),
            }
        }));
    }
    Ok(out)
}

/// A role definition id, read as the GUID it ends with.
#[derive(Debug, Deserialize)]
#[serde(try_from = "String")]
struct RoleDefinitionId(Uuid);

impl TryFrom<String> for RoleDefinitionId {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        role_definition_guid(&text).map(Self).ok_or_else(|| {
            format!(
                "`{text}` is not a role definition id (`…/providers/Microsoft.Authorization/roleDefinitions/<GUID>`)"
            )
        })
    }
}

/// A scope, read.
#[derive(Debug, Deserialize)]
#[serde(try_from = "String")]
struct ScopeText(Scope);

impl TryFrom<String> for ScopeText {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        Scope::parse(&text).map(Self).ok_or_else(|| {
            format!(
                "`{text}` is not a scope (`/`, a management group, a subscription, a resource group or a resource id)"
            )
        })
    }
}

/// The GUID at the end of a role definition id (`…/roleDefinitions/<GUID>`), or a bare GUID.
fn role_definition_guid(id: &str) -> Option<Uuid> {
    let last = id.trim_end_matches('/').rsplit('/').next()?;
    let folded = id.to_ascii_lowercase();
    if id.contains('/') && !folded.contains("/providers/microsoft.authorization/roledefinitions/") {
        return None;
    }
    Guid::try_from(last).ok().map(|guid| guid.as_uuid())
}

/// Missing, extra and privileged assignments and principals the document does not know.
pub(crate) fn check(expected: &Expected<'_>, assignments: &[Assignment]) -> Vec<Finding> {
    let environment = expected.estate[expected.environment].name.to_string();
    let mut findings = Vec::new();
    let mut held: BTreeSet<(usize, Uuid, Uuid)> = BTreeSet::new();
    for assignment in assignments {
        if assignment.reaches.is_empty() {
            continue;
        }
        for workspace in &assignment.reaches {
            held.insert((*workspace, assignment.principal, assignment.role));
        }
        if let Some(finding) = unexpected(expected, assignment, &environment) {
            findings.push(finding);
        }
    }
    for ((workspace, group, role), persona) in &expected.assignments {
        if held.contains(&(*workspace, *group, *role)) {
            continue;
        }
        findings.push(missing(
            expected,
            *workspace,
            *group,
            *role,
            *persona,
            &environment,
        ));
    }
    findings
}

/// The finding about an assignment the document does not give, if it is one.
fn unexpected(
    expected: &Expected<'_>,
    assignment: &Assignment,
    environment: &str,
) -> Option<Finding> {
    if let Scope::Workspace { .. } = assignment.scope {
        let given = assignment.reaches.iter().all(|workspace| {
            expected
                .assignments
                .contains_key(&(*workspace, assignment.principal, assignment.role))
        });
        if given {
            return None;
        }
    }
    let known = expected.principals.get(&assignment.principal).copied();
    let role = expected.role_name(assignment.role, assignment.role_name.as_deref());
    let holder = match known {
        Some(known) => expected.describe(known),
        None => describe_unknown(assignment),
    };
    let reach = reach(expected, assignment);
    let condition = if assignment.conditional {
        " with a condition"
    } else {
        ""
    };
    let message = format!(
        "{holder} holds `{role}`{condition} at {}{reach}, which the document does not give it",
        assignment.scope.describe()
    );
    let privileged = expected.is_privileged(assignment.role) && expected.is_production();
    let (code, severity, help) = if privileged {
        (
            Code::AuditAssignmentPrivileged,
            Severity::Error,
            format!(
                "`{role}` on a production workspace lets its holder change the workspace or grant access to it outside the pipeline; remove the assignment"
            ),
        )
    } else if known.is_none() {
        let help = match assignment.principal_name.as_deref() {
            Some("") => "its principal no longer exists in Entra ID; remove the assignment",
            Some(_) => "remove the assignment, or give the principal a persona's group",
            None => "remove the assignment, or give the principal a persona's group (Resource Graph exports carry no names: look the id up with `az ad user show --id`, `az ad group show --group` or `az ad sp show --id`, which fail for a deleted principal)",
        }
        .to_owned();
        (Code::AuditUnknownPrincipal, Severity::Warning, help)
    } else {
        (
            Code::AuditAssignmentExtra,
            Severity::Warning,
            "remove the assignment, or give the role in the document (a persona's `roles`) and generate again".to_owned(),
        )
    };
    let document_path = match known {
        Some(known) => expected.path_of(known),
        None => single_project_path(expected, assignment)
            .unwrap_or_else(|| expected.estate[expected.environment].path.clone()),
    };
    Some(Finding {
        code,
        severity,
        environment: environment.to_owned(),
        document_path,
        export: assignment.location.clone(),
        message,
        help: Some(help),
    })
}

/// The project path when the assignment reaches one workspace only.
fn single_project_path(expected: &Expected<'_>, assignment: &Assignment) -> Option<String> {
    match assignment.reaches.as_slice() {
        [one] => expected
            .workspaces
            .get(*one)
            .map(|workspace| expected.estate[workspace.project].path.clone()),
        _ => None,
    }
}

/// Which workspaces an assignment above a workspace reaches, for messages.
fn reach(expected: &Expected<'_>, assignment: &Assignment) -> String {
    if matches!(assignment.scope, Scope::Workspace { .. }) {
        return String::new();
    }
    let names: Vec<String> = assignment
        .reaches
        .iter()
        .filter_map(|index| expected.workspaces.get(*index))
        .map(|workspace| format!("`{}`", workspace.name))
        .collect();
    match names.as_slice() {
        [one] => format!(", over workspace {one}"),
        _ if names.len() == expected.workspaces.all.len() => {
            format!(
                ", over every workspace of the environment ({})",
                names.len()
            )
        }
        _ => format!(", over workspaces {}", names.join(", ")),
    }
}

/// A principal the document does not know, in words.
fn describe_unknown(assignment: &Assignment) -> String {
    let kind = match assignment.principal_type.as_str() {
        "" | "Unknown" => "principal",
        "User" => "user",
        "Group" => "group",
        "ServicePrincipal" => "service principal",
        "ForeignGroup" => "foreign group",
        other => other,
    };
    match assignment.principal_name.as_deref() {
        Some("") => format!(
            "deleted {kind} `{}` (no name: Entra ID no longer knows it)",
            assignment.principal
        ),
        Some(name) => format!(
            "{kind} `{name}` (`{}`), unknown to the document,",
            assignment.principal
        ),
        None => format!(
            "{kind} `{}`, unknown to the document,",
            assignment.principal
        ),
    }
}

/// The finding for an assignment the document gives that the export lacks.
fn missing(
    expected: &Expected<'_>,
    workspace: usize,
    group: Uuid,
    role: Uuid,
    persona: crate::estate::PersonaId,
    environment: &str,
) -> Finding {
    let estate = expected.estate;
    let role_name = expected.role_name(role, None);
    let workspace_name = expected
        .workspaces
        .get(workspace)
        .map(|w| w.name.clone())
        .unwrap_or_default();
    let subscription = expected.workspaces.subscription.clone().unwrap_or_else(|| {
        format!(
            "$SUBSCRIPTION_{}",
            environment.to_ascii_uppercase().replace('-', "_")
        )
    });
    let scope = expected
        .workspaces
        .scope_of(workspace, &subscription)
        .unwrap_or_default();
    let project = expected
        .workspaces
        .get(workspace)
        .map(|w| estate[w.project].name.to_string())
        .unwrap_or_default();
    Finding {
        code: Code::AuditAssignmentMissing,
        severity: Severity::Warning,
        environment: environment.to_owned(),
        document_path: estate[persona].path.clone(),
        export: None,
        message: format!(
            "the group of persona `{}` (`{group}`) lacks `{role_name}` on workspace `{workspace_name}` of project `{project}`",
            estate[persona].name
        ),
        help: Some(format!(
            "deploy the generated templates again, or run `az role assignment create --assignee-object-id {group} --assignee-principal-type Group --role {role} --scope {scope}`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_definition_ids_end_with_a_guid() {
        let guid = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
        assert!(
            role_definition_guid(&format!(
                "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/{guid}"
            ))
            .is_some()
        );
        assert!(
            role_definition_guid(&format!(
                "/SUBSCRIPTIONS/x/PROVIDERS/MICROSOFT.AUTHORIZATION/ROLEDEFINITIONS/{}",
                guid.to_uppercase()
            ))
            .is_some()
        );
        assert!(role_definition_guid(guid).is_some());
        assert!(role_definition_guid("/subscriptions/x/providers/Other/things/x").is_none());
        assert!(role_definition_guid("Owner").is_none());
    }
}
