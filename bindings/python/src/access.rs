//! Estate-level permission questions: what a persona may do in an environment, and how its
//! rights change between two environments.
//!
//! Stand-in: this module will be replaced by `mlzone_model::access` once that lands. It is the
//! only place in the binding that computes permissions, and the rest of the binding uses only
//! [`explain`], [`diff`], [`Explanation`], [`PermissionDiff`] and [`LookupError`], so the swap
//! is a change to this one file.
//!
//! Both answers are per project, because a persona's role on a workspace depends on the
//! project's restriction factor; projects that get the same answer are grouped into one
//! entry, in project name order.

use mlzone_model::Estate;
use mlzone_model::diagnostic::did_you_mean;
use mlzone_model::estate::{EnvironmentId, PersonaId, RoleRef};
use mlzone_model::rbac::{Catalog, Decision, PermissionSet, RoleGraph, RoleSpec, difference};

/// A name the estate does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupError {
    /// One line: ``unknown persona `x` ``.
    pub message: String,
}

/// What a persona may do with one operation in one environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The persona asked about.
    pub persona: String,
    /// The environment asked about.
    pub environment: String,
    /// The operation as asked.
    pub operation: String,
    /// Whether the operation is in mlzone's catalog; answers about other names are
    /// pattern matches only.
    pub in_catalog: bool,
    /// One answer per group of projects with the same role and decision.
    pub answers: Vec<ExplainAnswer>,
}

/// The answer for a group of projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainAnswer {
    /// The projects this answer holds for, by name.
    pub projects: Vec<String>,
    /// The role the persona has on their workspaces; `None` when it has no access.
    pub role: Option<String>,
    /// Whether that role allows the operation.
    pub allowed: bool,
    /// The pattern that grants the operation, when one does.
    pub granted_by: Option<String>,
    /// The pattern that subtracts it again, when one does.
    pub removed_by: Option<String>,
}

/// How a persona's rights change from one environment to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionDiff {
    /// The persona asked about.
    pub persona: String,
    /// The environment compared from.
    pub from: String,
    /// The environment compared to.
    pub to: String,
    /// One answer per group of projects with the same change.
    pub answers: Vec<DiffAnswer>,
}

/// The change for a group of projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffAnswer {
    /// The projects this answer holds for, by name.
    pub projects: Vec<String>,
    /// Catalog operations allowed in `to` and not in `from`, in catalog order.
    pub gained: Vec<String>,
    /// Catalog operations allowed in `from` and not in `to`, in catalog order.
    pub lost: Vec<String>,
}

/// Explains whether `persona` may perform `operation` in `environment`, per project.
pub fn explain(
    estate: &Estate,
    persona: &str,
    environment: &str,
    operation: &str,
) -> Result<Explanation, LookupError> {
    let persona_id = persona_id(estate, persona)?;
    let environment_id = environment_id(estate, environment)?;
    let catalog = Catalog::azure();
    let graph = role_graph(estate);
    let mut answers: Vec<ExplainAnswer> = Vec::new();
    for (project_id, project) in estate.projects() {
        let role = estate.assigned_role(persona_id, environment_id, project_id);
        let set = permission_set(estate, &graph, catalog, role);
        let (allowed, granted_by, removed_by) = match set.allows(operation) {
            Decision::Granted { by } => (true, Some(by.pattern.to_owned()), None),
            Decision::Removed {
                granted_by,
                removed_by,
            } => (
                false,
                Some(granted_by.pattern.to_owned()),
                Some(removed_by.pattern.to_owned()),
            ),
            Decision::NotGranted => (false, None, None),
        };
        let answer = ExplainAnswer {
            projects: vec![project.name.as_str().to_owned()],
            role: role.map(|role| role.reference_name(estate).to_owned()),
            allowed,
            granted_by,
            removed_by,
        };
        let same = |other: &&mut ExplainAnswer| {
            other.role == answer.role
                && other.allowed == answer.allowed
                && other.granted_by == answer.granted_by
                && other.removed_by == answer.removed_by
        };
        match answers.iter_mut().find(same) {
            Some(group) => group.projects.extend(answer.projects),
            None => answers.push(answer),
        }
    }
    Ok(Explanation {
        persona: persona.to_owned(),
        environment: environment.to_owned(),
        operation: operation.to_owned(),
        in_catalog: catalog.get(operation).is_some(),
        answers,
    })
}

/// What `persona` gains and loses going from `from` to `to`, per project.
pub fn diff(
    estate: &Estate,
    persona: &str,
    from: &str,
    to: &str,
) -> Result<PermissionDiff, LookupError> {
    let persona_id = persona_id(estate, persona)?;
    let from_id = environment_id(estate, from)?;
    let to_id = environment_id(estate, to)?;
    let catalog = Catalog::azure();
    let graph = role_graph(estate);
    let mut answers: Vec<DiffAnswer> = Vec::new();
    for (project_id, project) in estate.projects() {
        let rights = |environment: EnvironmentId| {
            let role = estate.assigned_role(persona_id, environment, project_id);
            permission_set(estate, &graph, catalog, role)
        };
        let (before, after) = (rights(from_id), rights(to_id));
        let names = |a: &PermissionSet<'_>, b: &PermissionSet<'_>| -> Vec<String> {
            difference(a, b)
                .operations
                .iter()
                .map(|operation| operation.name().to_owned())
                .collect()
        };
        let answer = DiffAnswer {
            projects: vec![project.name.as_str().to_owned()],
            gained: names(&after, &before),
            lost: names(&before, &after),
        };
        let same =
            |other: &&mut DiffAnswer| other.gained == answer.gained && other.lost == answer.lost;
        match answers.iter_mut().find(same) {
            Some(group) => group.projects.extend(answer.projects),
            None => answers.push(answer),
        }
    }
    Ok(PermissionDiff {
        persona: persona.to_owned(),
        from: from.to_owned(),
        to: to.to_owned(),
        answers,
    })
}

fn persona_id(estate: &Estate, name: &str) -> Result<PersonaId, LookupError> {
    estate.persona_named(name).ok_or_else(|| {
        unknown(
            "persona",
            name,
            estate.personas().map(|(_, p)| p.name.as_str()).collect(),
        )
    })
}

fn environment_id(estate: &Estate, name: &str) -> Result<EnvironmentId, LookupError> {
    estate.environment_named(name).ok_or_else(|| {
        unknown(
            "environment",
            name,
            estate
                .environments()
                .map(|(_, e)| e.name.as_str())
                .collect(),
        )
    })
}

fn unknown(kind: &str, name: &str, known: Vec<&str>) -> LookupError {
    let mut message = format!("unknown {kind} `{name}`");
    match did_you_mean(name, known.iter().copied()) {
        Some(close) => message.push_str(&format!("; did you mean `{close}`?")),
        None => {
            let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            message.push_str(&format!("; the estate has {}", list.join(", ")));
        }
    }
    LookupError { message }
}

/// The document's custom roles, so that a custom role resolves with its bases.
fn role_graph(estate: &Estate) -> RoleGraph {
    let mut graph = RoleGraph::new();
    for (_, role) in estate.roles() {
        graph.insert(RoleSpec {
            name: role.name.as_str().to_owned(),
            extends: role
                .extends
                .iter()
                .map(|base| base.reference_name(estate).to_owned())
                .collect(),
            add: role.permissions.clone(),
            remove: Default::default(),
        });
    }
    graph
}

/// The rights a role gives; nothing for no role, a built-in role whose permissions mlzone
/// does not embed, or a custom role that does not resolve (the validator reports those).
fn permission_set<'c>(
    estate: &Estate,
    graph: &RoleGraph,
    catalog: &'c Catalog,
    role: Option<RoleRef>,
) -> PermissionSet<'c> {
    match role {
        None => PermissionSet::empty(catalog),
        Some(RoleRef::Builtin(builtin)) => match &builtin.permissions {
            Some(permissions) => PermissionSet::new(catalog, permissions),
            None => PermissionSet::empty(catalog),
        },
        Some(RoleRef::Library(library)) => PermissionSet::new(catalog, &library.permissions),
        Some(RoleRef::Custom(id)) => estate
            .role(id)
            .and_then(|custom| graph.resolve(custom.name.as_str()).ok())
            .map_or_else(
                || PermissionSet::empty(catalog),
                |resolved| resolved.permission_set(catalog),
            ),
    }
}
