//! The names of one project's resources in one environment.

use std::cell::OnceCell;
use std::sync::Arc;

use super::estate::{EstateNames, Name, PrivateEndpointTarget, Scope, subscription_key};
use super::rules::{self, Rule, Uniqueness};
use crate::estate::{Environment, Project};
use crate::newtypes::{Slug, VmSize};

/// The names of a project's resources in an environment ([`EstateNames::of`]).
///
/// Most names are unique in the project's resource group or workspace, whose own names are
/// built once, on first use, and shared by every [`Scope`] handed out after.
///
/// ```
/// use mlzone_model::naming::EstateNames;
/// let loaded = mlzone_model::load_default().expect("the default topology loads");
/// let names = EstateNames::for_estate(&loaded.estate);
/// let (_, project) = loaded.estate.projects().next().expect("a project");
/// let (_, dev) = loaded.estate.environments().next().expect("an environment");
/// let here = names.of(project, dev);
/// assert_eq!(here.workspace(), names.of(project, dev).workspace());
/// assert!(here.key_vault().value.starts_with("kv-"));
/// ```
#[derive(Debug)]
pub struct ProjectNames<'n> {
    names: &'n EstateNames,
    project: &'n Project,
    environment: &'n Environment,
    region: OnceCell<Arc<str>>,
    subscription: OnceCell<Arc<str>>,
    resource_group: OnceCell<Arc<str>>,
    workspace: OnceCell<Arc<str>>,
}

impl<'n> ProjectNames<'n> {
    pub(super) fn new(
        names: &'n EstateNames,
        project: &'n Project,
        environment: &'n Environment,
    ) -> Self {
        Self {
            names,
            project,
            environment,
            region: OnceCell::new(),
            subscription: OnceCell::new(),
            resource_group: OnceCell::new(),
            workspace: OnceCell::new(),
        }
    }

    /// The resource group: `rg-{prefix}-{project}-{env}`.
    pub fn resource_group(&self) -> Name {
        self.named(
            &rules::RESOURCE_GROUP,
            self.resource_group_name().to_string(),
        )
    }

    /// The nested deployment: `mlzone-{project}-{env}`.
    pub fn deployment(&self) -> Name {
        self.of_project(&rules::DEPLOYMENT, "", &[])
    }

    /// The workspace: `mlw-{prefix}-{project}-{env}`.
    pub fn workspace(&self) -> Name {
        self.named(&rules::WORKSPACE, self.workspace_name().to_string())
    }

    /// The workspace, as the scope of its computes.
    pub fn workspace_scope(&self) -> Scope {
        self.scope(&rules::CLUSTER)
    }

    /// The storage account: `st{prefix}{project}{env}{hash}`.
    pub fn storage(&self) -> Name {
        self.of_project(&rules::STORAGE, "", &[])
    }

    /// The key vault: `kv-{prefix}-{project}-{env}-{hash}`.
    pub fn key_vault(&self) -> Name {
        self.of_project(&rules::KEY_VAULT, "", &[])
    }

    /// The container registry: `cr{prefix}{project}{env}{hash}`.
    pub fn container_registry(&self) -> Name {
        self.of_project(&rules::CONTAINER_REGISTRY, "", &[])
    }

    /// The Application Insights component: `appi-{prefix}-{project}-{env}`.
    pub fn app_insights(&self) -> Name {
        self.of_project(&rules::APP_INSIGHTS, "", &[])
    }

    /// The Log Analytics workspace: `log-{prefix}-{project}-{env}`.
    pub fn log_analytics(&self) -> Name {
        self.of_project(&rules::LOG_ANALYTICS, "", &[])
    }

    /// A private endpoint of a private project: `pe-{prefix}-{project}-{env}-{target}`.
    pub fn private_endpoint(&self, target: PrivateEndpointTarget) -> Name {
        self.of_project(&rules::PRIVATE_ENDPOINT, target.short(), &[])
    }

    /// The private endpoint through which the project's network reaches the model registry:
    /// `pe-{prefix}-{project}-{env}-mlr`, beside the project's other endpoints.
    pub fn registry_private_endpoint(&self) -> Name {
        self.of_project(&rules::PRIVATE_ENDPOINT, "mlr", &[])
    }

    /// The compute instance of a data scientist: `ci-{person}-{hash}`, the hash keyed with
    /// the tenant, project and environment, unique in the region.
    pub fn compute_instance(&self, person: &Slug) -> Name {
        let key = [self.project.name.as_str(), self.environment.name.as_str()];
        self.of_item(&rules::COMPUTE_INSTANCE, &[person.as_str()], &key)
    }

    /// The development cluster of a VM size: `cl-{size}` with the size lowercased, the
    /// `Standard_`/`Basic_` prefix dropped and `_` written `-` (`Standard_DS3_v2` →
    /// `cl-ds3-v2`).
    pub fn cluster(&self, vm_size: &VmSize) -> Name {
        let size = vm_size_words(vm_size.as_str());
        self.of_item(&rules::CLUSTER, &[&size], &[])
    }

    /// The cluster of a production pipeline: `pl-{pipeline}`.
    pub fn pipeline_cluster(&self, pipeline: &Slug) -> Name {
        self.of_item(&rules::PIPELINE_CLUSTER, &[pipeline.as_str()], &[])
    }

    /// The online endpoint: `oe-{prefix}-{project}-{env}-{hash}`, unique in the region.
    pub fn online_endpoint(&self) -> Name {
        self.of_project(&rules::ONLINE_ENDPOINT, "", &[])
    }

    /// The batch endpoint: `be-{prefix}-{project}-{env}-{hash}`, unique in the region.
    pub fn batch_endpoint(&self) -> Name {
        self.of_project(&rules::BATCH_ENDPOINT, "", &[])
    }

    /// The Azure Load Testing resource that load-tests the project's challenger in a test
    /// environment: `lt-{prefix}-{project}-{env}`, unique in the resource group.
    pub fn load_test(&self) -> Name {
        self.of_project(&rules::LOAD_TEST, "", &[])
    }

    /// A name of a project's resource: parts `[project, env, extra]` (the namer leaves an
    /// empty `extra` out).
    fn of_project(&self, rule: &'static Rule, extra: &str, key: &[&str]) -> Name {
        let parts = [
            self.project.name.as_str(),
            self.environment.name.as_str(),
            extra,
        ];
        self.named(rule, self.names.namer().name_keyed(rule, &parts, key))
    }

    /// A name of a workspace item: only `parts`, the project and environment in the scope.
    fn of_item(&self, rule: &'static Rule, parts: &[&str], key: &[&str]) -> Name {
        self.named(rule, self.names.namer().name_keyed(rule, parts, key))
    }

    fn named(&self, rule: &'static Rule, value: String) -> Name {
        Name {
            value,
            rule,
            scope: self.scope(rule),
        }
    }

    fn scope(&self, rule: &Rule) -> Scope {
        match rule.unique_in {
            Uniqueness::Azure => Scope::Azure,
            Uniqueness::Region => Scope::Region(Arc::clone(
                self.region
                    .get_or_init(|| self.environment.location.to_string().into()),
            )),
            Uniqueness::Subscription => Scope::Subscription(self.subscription()),
            Uniqueness::ResourceGroup => Scope::ResourceGroup {
                subscription: self.subscription(),
                resource_group: self.resource_group_name(),
            },
            Uniqueness::Workspace => Scope::Workspace {
                subscription: self.subscription(),
                resource_group: self.resource_group_name(),
                workspace: self.workspace_name(),
            },
        }
    }

    fn subscription(&self) -> Arc<str> {
        Arc::clone(
            self.subscription
                .get_or_init(|| subscription_key(self.environment).into()),
        )
    }

    fn resource_group_name(&self) -> Arc<str> {
        Arc::clone(
            self.resource_group
                .get_or_init(|| self.project_environment_name(&rules::RESOURCE_GROUP)),
        )
    }

    fn workspace_name(&self) -> Arc<str> {
        Arc::clone(
            self.workspace
                .get_or_init(|| self.project_environment_name(&rules::WORKSPACE)),
        )
    }

    fn project_environment_name(&self, rule: &Rule) -> Arc<str> {
        let parts = [self.project.name.as_str(), self.environment.name.as_str()];
        self.names.namer().name(rule, &parts).into()
    }
}

/// `Standard_NC6s_v3` → `nc6s-v3`.
fn vm_size_words(vm_size: &str) -> String {
    let lower = vm_size.to_ascii_lowercase();
    let short = lower
        .strip_prefix("standard_")
        .or_else(|| lower.strip_prefix("basic_"))
        .unwrap_or(&lower);
    short.replace('_', "-")
}
