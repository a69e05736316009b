//! The renderers of the deployable targets: each walks the [`Plan`](crate::plan::Plan) and
//! renders templates into a [`FileSet`](crate::FileSet).
//!
//! View-models here wrap parts of the plan for one template; their field names are
//! load-bearing (templates read them).

pub mod arm;
pub mod bicep;
pub mod docs;
pub mod pipeline;
pub mod roles;
mod values;

use serde::Serialize;

use crate::plan::{EnvironmentPlan, Kinds};
pub(crate) use values::DeploymentValues;

/// What templates know about the environment they render for.
#[derive(Debug, Clone, Serialize)]
pub struct EnvironmentView<'a> {
    /// The environment's name.
    pub name: &'a str,
    /// Its stage.
    pub stage: &'a str,
    /// Its region.
    pub location: &'a str,
    /// Its subscription, when known.
    pub subscription: Option<&'a str>,
}

impl<'a> EnvironmentView<'a> {
    /// The view of `environment`.
    pub fn of(environment: &'a EnvironmentPlan) -> Self {
        Self {
            name: &environment.name,
            stage: &environment.stage,
            location: &environment.location,
            subscription: environment.subscription.as_deref(),
        }
    }
}

/// The resource types and API versions, as `api` in every deployment template.
pub(crate) const API: &Kinds = &crate::plan::KINDS;
