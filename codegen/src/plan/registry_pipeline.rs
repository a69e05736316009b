//! The role at the model registry of the service principal the pipelines sign in as in one
//! environment: the publisher role where the promotion shares models from, the reader role
//! where it deploys them (`Registry::pipeline_duty` decides which).

use std::sync::Arc;

use mlzone_model::estate::{EnvironmentId, RegistryDuty};

use super::environment::Context;
use super::{REGISTRY_READER_MODULE, RegistryPipeline};
use crate::error::Error;

/// Plans the pipelines' role at the registry in `environment`, or `None` when the estate has
/// no registry or the environment's pipelines hold no role there.
pub(super) fn plan(
    cx: &mut Context<'_>,
    environment_id: EnvironmentId,
) -> Result<Option<RegistryPipeline>, Error> {
    let estate = cx.estate;
    let Some((registry, duty)) = estate
        .registry()
        .and_then(|registry| Some((registry, registry.pipeline_duty(estate, environment_id)?)))
    else {
        return Ok(None);
    };
    let environment = &estate[environment_id];
    let env = environment.name.as_str();
    let owner: Arc<str> =
        format!("the role of the pipelines of `{env}` at the model registry").into();
    let (Some(names), Some(deployment), Some(subscription)) = (
        cx.names.registry(estate),
        cx.names.registry_pipeline_deployment(estate, environment),
        cx.registry_subscription(),
    ) else {
        return Err(Error::internal(
            owner.to_string(),
            "a registry without names",
        ));
    };
    cx.registry.claim(&deployment, Arc::clone(&owner))?;
    let role = registry.role(duty);
    let (role_name, role_guid) = super::model_registry::reference(estate, cx.names, role);
    let (duty_word, why) = match duty {
        RegistryDuty::Publisher => (
            "publisher",
            format!("the promotion shares the models of {env} to it"),
        ),
        RegistryDuty::Reader => (
            "reader",
            "the promotion deploys its models in test and production".to_owned(),
        ),
    };
    Ok(Some(RegistryPipeline {
        symbol: cx.main_symbols.fresh("pipelines registry role"),
        deployment_name: deployment.value,
        module_path: REGISTRY_READER_MODULE,
        subscription,
        resource_group: names.resource_group.value,
        registry: names.registry.value,
        principal: cx.pipeline_parameter(),
        duty: duty_word,
        description: format!(
            "The pipelines' service principal gets {role_name} at the model registry ({duty_word}): {why}."
        ),
        role_guid,
        role_name,
    }))
}
