//! An offline Azure Policy evaluator: reads policy definitions, initiatives and assignments
//! in Azure's JSON shape, and judges a resource as a deployment writes it against a rule's
//! `if`, without Azure.
//!
//! - [`Definition`], [`SetDefinition`], [`Assignment`] — the JSON shapes, parsed
//!   ([`Definition::parse`]) into a condition tree ([`Condition`]) with the JSON pointer of
//!   every node.
//! - [`PolicyResource`] — a resource as policy sees it: type, name, location, API version
//!   and body; [`Aliases`] — where each alias points in that body
//!   (`model/data/policy-aliases.tsv`).
//! - [`Evaluator`] — evaluates a definition with parameter values on a resource: a
//!   [`Verdict`] (compliant, non-compliant with the conditions that matched, not applicable,
//!   unknown with why) and the resolved [`Effect`]. Its semantics are documented in
//!   its module `evaluate` and in `compare`.
//! - [`planned`] — the resources an estate deploys, as policy sees them.
//! - [`Library`] — the embedded reference definitions (`model/data/policy/`: the Machine
//!   Learning built-ins, the related built-ins, Azure Landing Zones' custom definitions,
//!   initiatives and assignments) by id or name, and [`Library::expand`], an assignment or
//!   initiative into the definitions it applies with their parameters.
//!
//! ```
//! use mlzone_model::policy::{Evaluator, Library, ParameterValues, PolicyResource, Verdict};
//! use serde_json::json;
//!
//! let definition = Library::reference()
//!     .definition("438c38d2-3772-465a-a9cc-7a6666a275ce")
//!     .expect("workspaces should disable public network access");
//! let workspace = PolicyResource {
//!     resource_type: "Microsoft.MachineLearningServices/workspaces".into(),
//!     full_name: "mlw-demo".into(),
//!     id: None,
//!     api_version: "2025-06-01".into(),
//!     location: Some("westeurope".into()),
//!     body: json!({"properties": {"publicNetworkAccess": "Enabled"}})
//!         .as_object()
//!         .cloned()
//!         .unwrap_or_default(),
//! };
//! let evaluation = Evaluator::default()
//!     .evaluate(definition, &ParameterValues::new(), &workspace)
//!     .expect("no parameters to check");
//! assert!(matches!(evaluation.verdict, Verdict::NonCompliant { .. }));
//! ```

pub mod alias;
pub(crate) mod compare;
mod definition;
pub mod evaluate;
mod explain;
pub(crate) mod expression;
mod judge;
mod library;
pub mod planned;
mod resource;

pub use alias::{Alias, Aliases, Step};
pub use definition::{
    Assignment, Condition, ConditionKind, Count, CountSource, Definition, Enforcement, Leaf, Mode,
    Operator, ParameterSpec, ParameterValues, PolicyError, SetDefinition, SetMember, Subject,
};
pub use evaluate::{Because, Effect, Evaluation, Evaluator, Facts, Verdict, may_apply};
pub use explain::{NotEvaluated, PolicyAnswer, PolicyExplanation, PolicyQuestion, Reason, explain};
pub use judge::{Judgement, judge};
pub use library::{Applied, Library, expand_inherited, name_of_id};
pub use resource::PolicyResource;

#[cfg(test)]
mod tests;
