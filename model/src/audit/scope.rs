//! Role assignment scopes, as Azure writes them (in any case), and the workspaces of an
//! environment each one reaches.

use crate::estate::{EnvironmentId, Estate, ProjectId};
use crate::naming::EstateNames;

/// Where a role assignment applies, lowercase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    /// `/`: the tenant root, inherited everywhere.
    Tenant,
    /// `/providers/Microsoft.Management/managementGroups/{name}`, inherited.
    ManagementGroup(String),
    /// `/subscriptions/{id}`.
    Subscription(String),
    /// `/subscriptions/{id}/resourceGroups/{name}`.
    ResourceGroup { subscription: String, group: String },
    /// A workspace.
    Workspace {
        subscription: String,
        group: String,
        name: String,
    },
    /// Any other resource, or below a workspace: no workspace inherits it.
    Other,
}

impl Scope {
    /// The scope `text` names, or `None` when it is not a scope at all.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let folded = text.trim_end_matches('/').to_ascii_lowercase();
        if !text.starts_with('/') {
            return None;
        }
        let segments: Vec<&str> = folded.split('/').skip(1).collect();
        if segments.iter().any(|segment| segment.is_empty()) {
            return None;
        }
        let owned = |s: &str| s.to_owned();
        Some(match segments.as_slice() {
            [] => Self::Tenant,
            [
                "providers",
                "microsoft.management",
                "managementgroups",
                name,
            ] => Self::ManagementGroup(owned(name)),
            ["subscriptions", subscription] => Self::Subscription(owned(subscription)),
            ["subscriptions", subscription, "resourcegroups", group] => Self::ResourceGroup {
                subscription: owned(subscription),
                group: owned(group),
            },
            [
                "subscriptions",
                subscription,
                "resourcegroups",
                group,
                "providers",
                "microsoft.machinelearningservices",
                "workspaces",
                name,
            ] => Self::Workspace {
                subscription: owned(subscription),
                group: owned(group),
                name: owned(name),
            },
            _ => Self::Other,
        })
    }

    /// The scope in words, for messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            Self::Tenant => "the tenant root `/` (inherited)".to_owned(),
            Self::ManagementGroup(name) => format!("management group `{name}` (inherited)"),
            Self::Subscription(id) => format!("subscription `{id}`"),
            Self::ResourceGroup { group, .. } => format!("resource group `{group}`"),
            Self::Workspace { name, .. } => format!("workspace `{name}`"),
            Self::Other => "a resource".to_owned(),
        }
    }
}

/// One workspace the document deploys in an environment.
#[derive(Debug, Clone)]
pub(crate) struct Workspace {
    /// Its project.
    pub project: ProjectId,
    /// Its name, as generated.
    pub name: String,
    /// Its resource group, as generated.
    pub group: String,
    /// Its name, lowercase.
    name_folded: String,
    /// Its resource group, lowercase.
    group_folded: String,
}

/// The workspaces of one environment and its subscription, to tell which ones a scope
/// reaches.
#[derive(Debug, Clone)]
pub(crate) struct Workspaces {
    /// The environment's subscription, lowercase, when the document gives it.
    pub subscription: Option<String>,
    /// Every workspace, in project order.
    pub all: Vec<Workspace>,
}

impl Workspaces {
    /// The workspaces the document deploys in `environment`.
    pub(crate) fn of(estate: &Estate, names: &EstateNames, environment: EnvironmentId) -> Self {
        let env = &estate[environment];
        let all = estate
            .projects()
            .filter(|(_, project)| project.environments.contains(&environment))
            .map(|(id, project)| {
                let project_names = names.of(project, env);
                let name = project_names.workspace().value;
                let group = project_names.resource_group().value;
                Workspace {
                    project: id,
                    name_folded: name.to_ascii_lowercase(),
                    group_folded: group.to_ascii_lowercase(),
                    name,
                    group,
                }
            })
            .collect();
        Self {
            subscription: env.subscription.map(|s| s.to_string()),
            all,
        }
    }

    /// The indices of the workspaces `scope` reaches: itself, or what it holds.
    pub(crate) fn reached_by(&self, scope: &Scope) -> Vec<usize> {
        let in_subscription = |subscription: &str| {
            self.subscription
                .as_deref()
                .is_none_or(|own| own == subscription)
        };
        let matching = |keep: &dyn Fn(&Workspace) -> bool| -> Vec<usize> {
            self.all
                .iter()
                .enumerate()
                .filter(|(_, workspace)| keep(workspace))
                .map(|(index, _)| index)
                .collect()
        };
        match scope {
            Scope::Tenant | Scope::ManagementGroup(_) => matching(&|_| true),
            Scope::Subscription(subscription) if in_subscription(subscription) => {
                matching(&|_| true)
            }
            Scope::ResourceGroup {
                subscription,
                group,
            } if in_subscription(subscription) => {
                matching(&|workspace| workspace.group_folded == *group)
            }
            Scope::Workspace {
                subscription,
                group,
                name,
            } if in_subscription(subscription) => matching(&|workspace| {
                workspace.group_folded == *group && workspace.name_folded == *name
            }),
            _ => Vec::new(),
        }
    }

    /// The workspace at `index`.
    pub(crate) fn get(&self, index: usize) -> Option<&Workspace> {
        self.all.get(index)
    }

    /// The scope of the workspace at `index`, as `az role assignment create` takes it.
    pub(crate) fn scope_of(&self, index: usize, subscription_word: &str) -> Option<String> {
        let workspace = self.get(index)?;
        Some(format!(
            "/subscriptions/{subscription_word}/resourceGroups/{}/providers/Microsoft.MachineLearningServices/workspaces/{}",
            workspace.group, workspace.name
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_read_in_any_case() {
        assert_eq!(Scope::parse("/"), Some(Scope::Tenant));
        assert_eq!(
            Scope::parse("/providers/Microsoft.Management/managementGroups/Corp"),
            Some(Scope::ManagementGroup("corp".to_owned()))
        );
        assert_eq!(
            Scope::parse("/SUBSCRIPTIONS/ABC/resourceGroups/RG-X/"),
            Some(Scope::ResourceGroup {
                subscription: "abc".to_owned(),
                group: "rg-x".to_owned()
            })
        );
        assert_eq!(
            Scope::parse(
                "/subscriptions/abc/resourcegroups/rg/providers/microsoft.machinelearningservices/WORKSPACES/mlw"
            ),
            Some(Scope::Workspace {
                subscription: "abc".to_owned(),
                group: "rg".to_owned(),
                name: "mlw".to_owned()
            })
        );
        assert_eq!(
            Scope::parse(
                "/subscriptions/abc/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
            ),
            Some(Scope::Other)
        );
        assert_eq!(Scope::parse("subscriptions/abc"), None);
        assert_eq!(Scope::parse("/subscriptions//x"), None);
    }
}
