//! The access matrix's section for the model registry: what each persona's group of each
//! environment, each workspace's identity and the pipelines' service principal may do there.
//! Every cell is the evaluator's
//! answer for the union of the roles held at the registry ([`Access::registry_permissions`],
//! which `explain --registry` asks too), never written by hand.

use mlzone_model::access::Access;
use mlzone_model::access::capabilities::REGISTRY_CAPABILITIES;
use mlzone_model::estate::{Environment, EnvironmentId, PersonaId, RoleRef};
use mlzone_model::naming::EstateNames;
use mlzone_model::rbac::PermissionSet;
use serde::Serialize;

use super::Answer;
use super::capabilities::{Capability, CapabilityView};

/// The registry section of the access matrix.
#[derive(Debug, Clone, Serialize)]
pub struct RegistryMatrix {
    /// The registry's name.
    pub name: String,
    /// The capabilities at the registry and what each checks.
    pub capabilities: Vec<CapabilityView>,
    /// The personas whose group holds a role at the registry in some environment, in name
    /// order, one row per capability.
    pub personas: Vec<RegistryPersona>,
    /// The personas whose groups hold no role there anywhere, by name.
    pub without_role: Vec<String>,
    /// The system-assigned identities of the workspaces, one row per capability: their role
    /// in the environments whose workspaces read the registry.
    pub workspaces: Vec<RegistryRow>,
    /// The service principal the pipelines sign in as in each environment, one row per
    /// capability: the publisher role where the promotion shares models from, the reader
    /// role where it deploys them (`Registry::pipeline_duty`).
    pub pipelines: Vec<RegistryRow>,
}

/// One persona's rows at the registry.
#[derive(Debug, Clone, Serialize)]
pub struct RegistryPersona {
    /// The persona.
    pub persona: String,
    /// One row per capability, in [`REGISTRY_CAPABILITIES`] order.
    pub rows: Vec<RegistryRow>,
}

/// One capability across the environments.
#[derive(Debug, Clone, Serialize)]
pub struct RegistryRow {
    /// The capability's key.
    pub key: String,
    /// The capability's name.
    pub capability: String,
    /// One cell per environment, in promotion order.
    pub cells: Vec<RegistryCell>,
}

/// One persona group's (or the workspaces') answer in one environment.
#[derive(Debug, Clone, Serialize)]
pub struct RegistryCell {
    /// The environment.
    pub environment: String,
    /// The answer; `None` when the environment has no workspace (workspace rows only).
    pub answer: Option<Answer>,
    /// The roles held at the registry, as the document names them, publisher's first.
    pub roles: Vec<String>,
}

/// The registry section of `access`'s estate, or `None` when it has no registry.
pub(super) fn plan(access: &Access<'_>) -> Option<RegistryMatrix> {
    let estate = access.estate();
    let registry = estate.registry()?;
    let name = EstateNames::for_estate(estate)
        .registry(estate)?
        .registry
        .value;
    let environments: Vec<EnvironmentId> = estate.environments().map(|(id, _)| id).collect();
    let mut personas = Vec::new();
    let mut without_role = Vec::new();
    for (persona_id, persona) in estate.personas() {
        let holds_any = environments
            .iter()
            .any(|&e| !access.registry_roles(persona_id, e).is_empty());
        if !holds_any {
            without_role.push(persona.name.to_string());
            continue;
        }
        personas.push(RegistryPersona {
            persona: persona.name.to_string(),
            rows: REGISTRY_CAPABILITIES
                .iter()
                .map(|capability| RegistryRow {
                    key: capability.key.to_owned(),
                    capability: capability.name.to_owned(),
                    cells: environments
                        .iter()
                        .map(|&e| persona_cell(access, persona_id, e, capability))
                        .collect(),
                })
                .collect(),
        });
    }
    // Each test and production workspace's identity holds the reader role; environments
    // without workspaces have no such holder.
    let workspaces = held_rows(access, |environment_id, environment| {
        let has_workspaces = estate
            .projects()
            .any(|(_, p)| p.environments.contains(&environment_id));
        has_workspaces.then(|| {
            registry
                .workspaces_read_in(environment)
                .then_some(registry.reader_role)
        })
    });
    let pipelines = held_rows(access, |environment_id, _| {
        Some(
            registry
                .pipeline_duty(estate, environment_id)
                .map(|duty| registry.role(duty)),
        )
    });
    Some(RegistryMatrix {
        name,
        capabilities: REGISTRY_CAPABILITIES
            .iter()
            .map(CapabilityView::of)
            .collect(),
        personas,
        without_role,
        workspaces,
        pipelines,
    })
}

/// The rows of a holder that is no persona (the workspaces' identities, the pipelines'
/// service principal), from the role `held` gives it in each environment: `None` where the
/// environment has no such holder (no answer), `Some(None)` where it holds no role there.
fn held_rows(
    access: &Access<'_>,
    held: impl Fn(EnvironmentId, &Environment) -> Option<Option<RoleRef>>,
) -> Vec<RegistryRow> {
    let estate = access.estate();
    REGISTRY_CAPABILITIES
        .iter()
        .map(|capability| RegistryRow {
            key: capability.key.to_owned(),
            capability: capability.name.to_owned(),
            cells: estate
                .environments()
                .map(|(environment_id, environment)| {
                    let (answer, roles) = match held(environment_id, environment) {
                        None => (None, Vec::new()),
                        Some(None) => (Some(Answer::NoRole), Vec::new()),
                        Some(Some(role)) => (
                            Some(answer(&[role], access.role_permissions(role), capability)),
                            vec![role.reference_name(estate).to_owned()],
                        ),
                    };
                    RegistryCell {
                        environment: environment.name.to_string(),
                        answer,
                        roles,
                    }
                })
                .collect(),
        })
        .collect()
}

/// A persona group's answer: the capability asked of the union of its roles there.
fn persona_cell(
    access: &Access<'_>,
    persona: PersonaId,
    environment: EnvironmentId,
    capability: &Capability,
) -> RegistryCell {
    let estate = access.estate();
    let mut roles: Vec<RoleRef> = Vec::new();
    for (_, role) in access.registry_roles(persona, environment) {
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    RegistryCell {
        environment: estate[environment].name.to_string(),
        answer: Some(answer(
            &roles,
            access.registry_permissions(persona, environment).as_ref(),
            capability,
        )),
        roles: roles
            .iter()
            .map(|r| r.reference_name(estate).to_owned())
            .collect(),
    }
}

/// The answer of a holder of `roles` whose permissions there are `permissions` (`None`
/// when a role's permissions are unknown).
fn answer(
    roles: &[RoleRef],
    permissions: Option<&PermissionSet<'_>>,
    capability: &Capability,
) -> Answer {
    match permissions {
        _ if roles.is_empty() => Answer::NoRole,
        None => Answer::Unknown,
        Some(set) if capability.holds(set) => Answer::Yes,
        Some(_) => Answer::No,
    }
}
