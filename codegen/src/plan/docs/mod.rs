//! The documentation plan: who can do what in each environment, per project pages, the
//! permission diff along the promotion path and the promotion graph.
//!
//! Everything here is computed from the estate with the permission evaluator
//! ([`Access`]); templates only lay it out. Field names are load-bearing (templates read
//! them), and collections follow promotion order or name order, so output is deterministic.

pub mod capabilities;
mod model_path;
mod registry_matrix;

pub use registry_matrix::{RegistryCell, RegistryMatrix, RegistryPersona, RegistryRow};

pub use model_path::{ModelPath, PathEdge, PathNode};
mod landing_zone;
mod pages;

use std::sync::Arc;

use mlzone_model::Estate;
use mlzone_model::access::Access;
use mlzone_model::estate::{EnvironmentId, PersonaId, RoleRef};
use mlzone_model::promotion::PromotionGraph;
use serde::Serialize;

use capabilities::{CAPABILITIES, Capability, CapabilityView};
pub use landing_zone::{LandingZoneView, PolicyParameter, PolicyView, ZoneView};
pub use pages::{
    ClusterView, DependencyNames, EndpointView, GrantView, InstanceView, PrivateEndpointView,
    ProjectEnvironment, ProjectFacts, ProjectPage, pages,
};

/// Everything the `docs` target renders.
#[derive(Debug, Clone, Serialize)]
pub struct DocsPlan {
    /// The organisation's display name.
    pub organisation: String,
    /// The capabilities of the matrix and what each checks.
    pub capabilities: Vec<CapabilityView>,
    /// The environments, in promotion order.
    pub environments: Vec<StageView>,
    /// Per persona, one row per capability and one cell per environment.
    pub matrix: Vec<PersonaMatrix>,
    /// The matrix's section for the model registry, when the estate has one.
    pub registry: Option<RegistryMatrix>,
    /// The projects, by name, as the estate-wide pages list them.
    pub projects: Vec<ProjectSummary>,
    /// What each project's page needs beyond the deployment plan, in the estate's order;
    /// [`pages`] builds the pages themselves. Each page renders on its own, so the
    /// estate-wide pages do not carry them.
    #[serde(skip)]
    pub pages: Vec<ProjectFacts>,
    /// Per persona, what it gains and loses along each promotion edge.
    pub diffs: Vec<PersonaDiff>,
    /// The promotion graph.
    pub promotion: PromotionGraph,
    /// Each project's model path, in the estate's order.
    pub model_paths: Vec<model_path::ModelPath>,
    /// Whether any environment has landing zone settings (the pages then describe them).
    pub landing_zone: bool,
}

/// A project as the estate-wide pages list it.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectSummary {
    /// The project's name (its page is `projects/{name}.md`).
    pub name: String,
    /// `public` or `private`.
    pub network: String,
    /// `restricted` or `unrestricted`.
    pub restriction: String,
}

impl ProjectSummary {
    fn of(page: &ProjectFacts) -> Self {
        Self {
            name: page.name.clone(),
            network: page.network.as_str().to_owned(),
            restriction: page.restriction.as_str().to_owned(),
        }
    }
}

/// One environment, as the docs and the pipeline show it.
#[derive(Debug, Clone, Serialize)]
pub struct StageView {
    /// Its name.
    pub name: String,
    /// Its stage.
    pub stage: String,
    /// `name (stage)`.
    pub label: String,
    /// Its region.
    pub location: String,
    /// Its subscription, when the document gives it.
    pub subscription: Option<String>,
    /// The environments it is promoted from, in promotion order.
    pub promotes_from: Vec<String>,
    /// The approval gate before it, if any.
    pub approval: Option<ApprovalView>,
    /// The testing strategy of a test stage.
    pub testing: Option<String>,
    /// The checks of a test stage.
    pub checks: Vec<String>,
    /// The inference modes of a production stage.
    pub inference: Vec<String>,
    /// Its place in the organisation's landing zone.
    pub landing_zone: LandingZoneView,
}

/// An approval gate.
#[derive(Debug, Clone, Serialize)]
pub struct ApprovalView {
    /// The approving persona.
    pub persona: String,
    /// The object id of that persona's Entra group in the gated environment, when known.
    pub group: Option<String>,
}

/// The matrix of one persona.
#[derive(Debug, Clone, Serialize)]
pub struct PersonaMatrix {
    /// The persona.
    pub persona: String,
    /// Its kind.
    pub kind: String,
    /// Its description, when the document gives one.
    pub description: Option<String>,
    /// One row per capability, in [`CAPABILITIES`] order.
    pub rows: Vec<MatrixRow>,
}

/// One capability of one persona across the environments.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    /// The capability's key.
    pub key: String,
    /// The capability's name.
    pub capability: String,
    /// One cell per environment, in promotion order.
    pub cells: Vec<Cell>,
}

/// One cell: the answer for every project with a workspace in the environment, grouped by
/// role and answer (projects of the same factors give the same answer).
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The environment.
    pub environment: String,
    /// The groups, in project order of their first project; empty when no project has a
    /// workspace in the environment.
    pub groups: Vec<CellGroup>,
    /// Whether the groups hold projects with different answers or roles.
    pub split: bool,
}

/// A group of projects that share a role and an answer.
#[derive(Debug, Clone, Serialize)]
pub struct CellGroup {
    /// `yes`, `no`, `no-role` (the persona has no role there) or `unknown` (the role's
    /// permissions are not known to mlzone).
    pub answer: Answer,
    /// The role assigned, as the document names it.
    pub role: Option<String>,
    /// The projects, by name (shared between the cells that list them).
    pub projects: Vec<Arc<str>>,
}

/// The answer of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// The role grants the capability.
    Yes,
    /// The role does not grant it.
    No,
    /// The persona has no role there.
    NoRole,
    /// The role's permissions are not known.
    Unknown,
}

/// The permission diff of one persona along the promotion path.
#[derive(Debug, Clone, Serialize)]
pub struct PersonaDiff {
    /// The persona.
    pub persona: String,
    /// One step per promotion edge, in promotion order.
    pub steps: Vec<DiffStep>,
}

/// What a persona gains and loses along one promotion edge.
#[derive(Debug, Clone, Serialize)]
pub struct DiffStep {
    /// The source environment.
    pub from: String,
    /// The target environment.
    pub to: String,
    /// One group per pair of roles, in project order.
    pub groups: Vec<DiffGroup>,
}

/// The diff of one group of projects that hold the same pair of roles.
#[derive(Debug, Clone, Serialize)]
pub struct DiffGroup {
    /// The projects, by name.
    pub projects: Vec<String>,
    /// The role in the source environment.
    pub from_role: Option<String>,
    /// The role in the target environment.
    pub to_role: Option<String>,
    /// Whether both roles' permissions are known.
    pub known: bool,
    /// Capabilities held in the target and not in the source.
    pub capabilities_gained: Vec<String>,
    /// Capabilities held in the source and not in the target.
    pub capabilities_lost: Vec<String>,
    /// How many catalog operations are gained, as text.
    pub gained_count: String,
    /// How many are lost, as text.
    pub lost_count: String,
    /// Catalog operations gained.
    pub gained: Vec<String>,
    /// Catalog operations lost.
    pub lost: Vec<String>,
    /// Patterns that may grant operations outside the catalog, gained.
    pub unproven_gained: Vec<String>,
    /// The same, lost.
    pub unproven_lost: Vec<String>,
}

/// Plans the documentation of `estate`.
pub(crate) fn plan(estate: &Estate) -> DocsPlan {
    let access = Access::new(estate);
    let pages = pages::facts(estate);
    DocsPlan {
        organisation: estate.organisation().to_owned(),
        capabilities: CAPABILITIES.iter().map(CapabilityView::of).collect(),
        environments: stages(estate),
        matrix: estate
            .personas()
            .map(|(id, _)| persona_matrix(&access, id))
            .collect(),
        registry: registry_matrix::plan(&access),
        projects: pages.iter().map(ProjectSummary::of).collect(),
        pages,
        diffs: estate
            .personas()
            .map(|(id, _)| persona_diff(&access, id))
            .collect(),
        promotion: PromotionGraph::of(estate),
        model_paths: model_path::model_paths(estate),
        landing_zone: estate
            .environments()
            .any(|(_, e)| e.landing_zone != mlzone_model::estate::LandingZone::default()),
    }
}

fn stages(estate: &Estate) -> Vec<StageView> {
    estate
        .environments()
        .map(|(id, environment)| StageView {
            name: environment.name.to_string(),
            stage: environment.stage.as_str().to_owned(),
            label: environment.label(),
            location: environment.location.to_string(),
            subscription: environment.subscription.map(|s| s.to_string()),
            promotes_from: sources(estate, id),
            approval: environment.approval.as_ref().map(|approval| {
                let persona = &estate[approval.persona];
                ApprovalView {
                    persona: persona.name.to_string(),
                    group: persona.groups.get(&id).map(|g| g.to_string()),
                }
            }),
            testing: environment
                .testing
                .as_ref()
                .map(|t| t.strategy.as_str().to_owned()),
            checks: environment
                .testing
                .iter()
                .flat_map(|t| t.checks.iter().map(|c| c.as_str().to_owned()))
                .collect(),
            inference: environment
                .inference
                .iter()
                .map(|m| m.as_str().to_owned())
                .collect(),
            landing_zone: LandingZoneView::of(estate, id, environment),
        })
        .collect()
}

/// The names of the environments `id` is promoted from, in promotion order.
fn sources(estate: &Estate, id: EnvironmentId) -> Vec<String> {
    let environment = &estate[id];
    estate
        .environments()
        .filter(|(source, _)| environment.promotes_from.contains(source))
        .map(|(_, source)| source.name.to_string())
        .collect()
}

/// Whether the role `role` gives `capability`.
fn answer(access: &Access<'_>, role: Option<RoleRef>, capability: &Capability) -> Answer {
    match role {
        None => Answer::NoRole,
        Some(role) => match access.role_permissions(role) {
            None => Answer::Unknown,
            Some(set) if capability.check.holds(set) => Answer::Yes,
            Some(_) => Answer::No,
        },
    }
}

/// A project in an environment with the role a persona holds there.
type Placed = (Option<RoleRef>, Arc<str>);

fn persona_matrix(access: &Access<'_>, persona: PersonaId) -> PersonaMatrix {
    let estate = access.estate();
    let item = &estate[persona];
    // Per environment, each project there with the persona's role: the same for every
    // capability, so found once.
    let placed: Vec<(&str, Vec<Placed>)> = estate
        .environments()
        .map(|(environment_id, environment)| {
            let projects = estate
                .projects()
                .filter(|(_, p)| p.environments.contains(&environment_id))
                .map(|(project_id, project)| {
                    let role = estate.assigned_role(persona, environment_id, project_id);
                    (role, Arc::from(project.name.as_str()))
                })
                .collect();
            (environment.name.as_str(), projects)
        })
        .collect();
    // A cell's answer depends only on the role, and an estate has a handful of roles for
    // thousands of workspaces: each (role, capability) is asked once.
    let mut answers = Answers::default();
    let rows = CAPABILITIES
        .iter()
        .map(|capability| MatrixRow {
            key: capability.key.to_owned(),
            capability: capability.name.to_owned(),
            cells: placed
                .iter()
                .map(|(environment, projects)| {
                    let mut groups: Vec<CellGroup> = Vec::new();
                    for (role, name) in projects {
                        let answer = answers.get(access, *role, capability);
                        let role = role.map(|r| r.reference_name(estate));
                        match groups
                            .iter_mut()
                            .find(|g| g.answer == answer && g.role.as_deref() == role)
                        {
                            Some(group) => group.projects.push(Arc::clone(name)),
                            None => groups.push(CellGroup {
                                answer,
                                role: role.map(str::to_owned),
                                projects: vec![Arc::clone(name)],
                            }),
                        }
                    }
                    Cell {
                        environment: (*environment).to_owned(),
                        split: groups.len() > 1,
                        groups,
                    }
                })
                .collect(),
        })
        .collect();
    PersonaMatrix {
        persona: item.name.to_string(),
        kind: item.kind.as_str().to_owned(),
        description: item.description.clone(),
        rows,
    }
}

/// The answers already computed, by role and capability.
#[derive(Default)]
struct Answers(Vec<(Option<RoleRef>, &'static str, Answer)>);

impl Answers {
    fn get(
        &mut self,
        access: &Access<'_>,
        role: Option<RoleRef>,
        capability: &'static Capability,
    ) -> Answer {
        if let Some((_, _, answer)) = self
            .0
            .iter()
            .find(|(r, key, _)| *r == role && *key == capability.key)
        {
            return *answer;
        }
        let computed = answer(access, role, capability);
        self.0.push((role, capability.key, computed));
        computed
    }
}

fn persona_diff(access: &Access<'_>, persona: PersonaId) -> PersonaDiff {
    let estate = access.estate();
    let mut steps = Vec::new();
    for (to, environment) in estate.environments() {
        for (from, source) in estate
            .environments()
            .filter(|(id, _)| environment.promotes_from.contains(id))
        {
            let report = access.diff(persona, from, to, None);
            let groups = report
                .groups
                .into_iter()
                .map(|diff| {
                    // Every project of a group holds the same pair of roles: ask the first.
                    let project = diff
                        .projects
                        .first()
                        .and_then(|name| estate.project_named(name));
                    let roles = |env| project.and_then(|p| estate.assigned_role(persona, env, p));
                    let (from_role, to_role) = (roles(from), roles(to));
                    let holds = |role, capability| answer(access, role, capability) == Answer::Yes;
                    let changed = |a, b| -> Vec<String> {
                        CAPABILITIES
                            .iter()
                            .filter(|c| holds(a, c) && !holds(b, c))
                            .map(|c| c.name.to_owned())
                            .collect()
                    };
                    DiffGroup {
                        capabilities_gained: changed(to_role, from_role),
                        capabilities_lost: changed(from_role, to_role),
                        projects: diff.projects,
                        from_role: diff.from_role,
                        to_role: diff.to_role,
                        known: diff.known,
                        gained_count: diff.gained.len().to_string(),
                        lost_count: diff.lost.len().to_string(),
                        gained: diff.gained,
                        lost: diff.lost,
                        unproven_gained: diff.unproven_gained,
                        unproven_lost: diff.unproven_lost,
                    }
                })
                .collect();
            steps.push(DiffStep {
                from: source.name.to_string(),
                to: environment.name.to_string(),
                groups,
            });
        }
    }
    PersonaDiff {
        persona: estate[persona].name.to_string(),
        steps,
    }
}
