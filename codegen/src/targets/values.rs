//! The plan's deployments as template values, converted once and shared by the Bicep and
//! ARM renderers.
//!
//! Converting a view-model into Tera's values is the costliest step of rendering a large
//! estate, and one project appears in three contexts (its Bicep module, `main.bicep` and the
//! ARM template). Tera's values are reference-counted, so contexts built from these values
//! share them instead of converting the project again. Each context equals its view
//! serialised ([`MainView`](crate::plan::views::MainView),
//! [`ProjectView`](crate::plan::views::ProjectView), [`DnsView`](crate::plan::views::DnsView)),
//! which is what overrides are checked against; the tests below check it.
//!
//! [`DeploymentValues::deployments`] is the one walk over every environment's deployments
//! that both renderers take.

use tera::value::Key;
use tera::{Context, Value};

use crate::error::Error;
use crate::fileset::RelativePath;
use crate::plan::symbols::PROJECT_SYMBOLS;
use crate::plan::views::{API, EnvironmentView};
use crate::plan::{Deployment, EnvironmentPlan, Plan};

/// Every deployment of a plan as template values, by environment and deployment.
#[derive(Debug)]
pub(crate) struct DeploymentValues {
    api: Value,
    symbols: Value,
    environments: Vec<Vec<DeploymentValue>>,
}

/// One deployment of the plan, its environment and its template values.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DeploymentEntry<'a> {
    /// The environment that deploys it.
    pub(crate) environment: &'a EnvironmentPlan,
    /// The deployment.
    pub(crate) deployment: &'a Deployment,
    /// Its template values.
    pub(crate) value: &'a DeploymentValue,
}

impl DeploymentEntry<'_> {
    /// The path of `file` in the environment's folder of `target` (`arm/dev/azuredeploy.json`).
    pub(crate) fn path(&self, target: &str, file: &str) -> Result<RelativePath, Error> {
        RelativePath::new(format!("{target}/{}/{file}", self.environment.name))
    }
}

/// One deployment and the parts of it that get their own template.
#[derive(Debug)]
pub(crate) struct DeploymentValue {
    environment: Value,
    deployment: Value,
    dns: Option<Value>,
    projects: Vec<Value>,
}

impl DeploymentValues {
    /// Converts every deployment of `plan`.
    pub(crate) fn of(plan: &Plan) -> Result<Self, Error> {
        let api = convert(API, "the resource kinds")?;
        let symbols = convert(&PROJECT_SYMBOLS, "the project symbols")?;
        let environments = plan
            .environments
            .iter()
            .map(|environment| {
                let view = convert(&EnvironmentView::of(environment), "an environment")?;
                environment
                    .deployments
                    .iter()
                    .map(|deployment| {
                        let value = convert(deployment, "a deployment")?;
                        let field = |name: &'static str| {
                            value
                                .as_map()
                                .and_then(|map| map.get(&Key::Str(name)))
                                .cloned()
                        };
                        let projects = field("projects")
                            .and_then(|p| p.as_array().map(<[Value]>::to_vec))
                            .ok_or_else(|| {
                                Error::internal("a deployment", "its projects are not a list")
                            })?;
                        let dns = field("dns").filter(|dns| !dns.is_none());
                        Ok(DeploymentValue {
                            environment: view.clone(),
                            deployment: value,
                            dns,
                            projects,
                        })
                    })
                    .collect::<Result<Vec<_>, Error>>()
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(Self {
            api,
            symbols,
            environments,
        })
    }

    /// Every deployment of `plan`, the plan these values were converted from: environments in
    /// promotion order, each environment's deployments in order.
    pub(crate) fn deployments<'a>(
        &'a self,
        plan: &'a Plan,
    ) -> impl Iterator<Item = DeploymentEntry<'a>> {
        plan.environments
            .iter()
            .zip(&self.environments)
            .flat_map(|(environment, values)| {
                environment
                    .deployments
                    .iter()
                    .zip(values)
                    .map(move |(deployment, value)| DeploymentEntry {
                        environment,
                        deployment,
                        value,
                    })
            })
    }

    /// The context of [`MainView`](crate::plan::views::MainView): `api`, `environment`,
    /// `deployment`.
    pub(crate) fn main(&self, deployment: &DeploymentValue) -> Context {
        let mut context = self.base(deployment);
        context.insert_value("deployment", deployment.deployment.clone());
        context
    }

    /// The context of [`DnsView`](crate::plan::views::DnsView), when the deployment has DNS
    /// zones.
    pub(crate) fn dns(&self, deployment: &DeploymentValue) -> Option<Context> {
        let dns = deployment.dns.clone()?;
        let mut context = self.base(deployment);
        context.insert_value("dns", dns);
        Some(context)
    }

    /// The context of [`ProjectView`](crate::plan::views::ProjectView) for the deployment's
    /// project at `index`.
    pub(crate) fn project(&self, deployment: &DeploymentValue, index: usize) -> Option<Context> {
        let project = deployment.projects.get(index)?.clone();
        let mut context = self.base(deployment);
        context.insert_value("project", project);
        context.insert_value("symbols", self.symbols.clone());
        Some(context)
    }

    fn base(&self, deployment: &DeploymentValue) -> Context {
        let mut context = Context::new();
        context.insert_value("api", self.api.clone());
        context.insert_value("environment", deployment.environment.clone());
        context
    }
}

fn convert(view: &impl serde::Serialize, what: &str) -> Result<Value, Error> {
    Value::try_from_serializable(view).map_err(|e| Error::internal(what, e.to_string()))
}

#[cfg(test)]
mod tests {
    use tera::Context;

    use super::DeploymentValues;
    use crate::plan::Plan;
    use crate::plan::symbols::PROJECT_SYMBOLS;
    use crate::plan::views::{API, DnsView, EnvironmentView, MainView, ProjectView};

    /// The contexts built from shared values equal the serialised views they stand for.
    #[test]
    fn contexts_are_the_views_they_stand_for() {
        let loaded = mlzone_model::load_default().unwrap();
        let validated = mlzone_model::validate::validate(loaded.estate).unwrap();
        let plan = Plan::build(&validated).unwrap();
        let values = DeploymentValues::of(&plan).unwrap();
        let (mut dns_seen, mut projects_seen) = (0, 0);
        let mut deployments_seen = 0;
        for entry in values.deployments(&plan) {
            let (environment, deployment, value) =
                (entry.environment, entry.deployment, entry.value);
            deployments_seen += 1;
            let view = |environment| MainView {
                api: API,
                environment,
                deployment,
            };
            let expected = Context::from_serialize(&view(EnvironmentView::of(environment)));
            assert_eq!(values.main(value), expected.unwrap());
            if let Some(dns) = &deployment.dns {
                let environment = EnvironmentView::of(environment);
                let view = DnsView {
                    api: API,
                    environment,
                    dns,
                };
                let expected = Context::from_serialize(&view).unwrap();
                assert_eq!(values.dns(value), Some(expected));
                dns_seen += 1;
            } else {
                assert_eq!(values.dns(value), None);
            }
            for (index, project) in deployment.projects.iter().enumerate() {
                let environment = EnvironmentView::of(environment);
                let view = ProjectView {
                    api: API,
                    environment,
                    project,
                    symbols: &PROJECT_SYMBOLS,
                };
                let expected = Context::from_serialize(&view).unwrap();
                assert_eq!(values.project(value, index), Some(expected));
                projects_seen += 1;
            }
        }
        let planned: usize = plan.environments.iter().map(|e| e.deployments.len()).sum();
        assert_eq!(deployments_seen, planned);
        assert!(dns_seen > 0 && projects_seen > 0);
    }
}
