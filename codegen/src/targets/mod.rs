//! The renderers of the deployable targets: each walks the [`Plan`](crate::plan::Plan) and
//! renders templates into a [`FileSet`](crate::FileSet).
//!
//! The views they render live in the plan ([`crate::plan::views`]).

pub mod arm;
pub mod bicep;
pub mod docs;
pub mod pipeline;
pub mod policy;
pub mod roles;
mod values;

pub(crate) use values::DeploymentValues;
