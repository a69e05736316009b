//! The one naming scheme: the Azure name of every resource mlzone deploys, the rules Azure
//! puts on each kind, and where each must be unique.
//!
//! The validator checks these names (`invalid-azure-name`, `name-collision`) and code
//! generation writes them, so a name the validator accepted is the name that gets deployed.
//!
//! - [`rules`] — one [`Rule`] constant per resource kind (type prefix, characters, length,
//!   hash, uniqueness scope) and [`Rule::check`].
//! - [`Namer`] — names from parts: the estate prefix after the type prefix, a hash of the
//!   tenant and the parts on names unique across Azure or a region and on names cut to their
//!   limit, letters-only hashes so a compute name never ends in `-<digits>`.
//! - [`EstateNames`] — the names of an estate from estate values, each with its [`Scope`]:
//!   [`ProjectNames`] ([`EstateNames::of`]) names one project's resources in one environment
//!   ([`ProjectNames::workspace`], [`ProjectNames::storage`], …), building the scopes they
//!   share once; [`EstateNames::resources`] lists every named resource the plan deploys.
//! - [`hash`], [`stable_guid`] — the letter hashes and UUIDv5 GUIDs under [`NAMESPACE`].
//!
//! ```
//! use mlzone_model::naming::{Namer, rules};
//! let namer = Namer::new(Some("cont"), "c1376d8f-9e09-4745-8a0c-06b2af33d15e");
//! assert_eq!(namer.name(&rules::WORKSPACE, &["churn", "dev"]), "mlw-cont-churn-dev");
//! let storage = namer.name(&rules::STORAGE, &["churn", "dev"]);
//! assert!(storage.starts_with("stcontchurndev"));
//! assert!(rules::STORAGE.check(&storage).is_ok());
//! assert!(rules::CLUSTER.check("cl-2").is_err());
//! ```

mod estate;
mod hash;
mod namer;
mod policy;
mod private_dns;
mod project;
mod registry;
mod resources;
pub mod rules;

#[cfg(test)]
mod tests;

pub use estate::{EstateNames, Name, PRIVATE_DNS_DEPLOYMENT, PrivateEndpointTarget, Scope};
pub use hash::{HASH_LEN, LONG_HASH_LEN, NAMESPACE, hash, stable_guid};
pub use namer::{Namer, compute_name};
pub use private_dns::DnsPolicy;
pub use project::ProjectNames;
pub use registry::{REGISTRY_DEPLOYMENT, RegistryNames};
pub use resources::{Owner, Resource};
pub use rules::{Charset, Rule, Uniqueness};
