//! Building an [`Estate`] in code.
//!
//! The builders fill in a [`Document`] and resolve it, so an estate built in code follows
//! exactly the rules of one read from a file. Values are checked when [`EstateBuilder::build`]
//! runs, and every problem comes back as a [`Diagnostic`] whose path names the builder call.
//!
//! ```
//! use mlzone_model::builder::{EstateBuilder, ProjectBuilder};
//! use mlzone_model::vocabulary::Archetype;
//!
//! let estate = EstateBuilder::new("Contoso", "72f988bf-86f1-41af-91ab-2d7cd011db47", "westeurope")
//!     .preset(Archetype::PrivateRestricted)
//!     .project(
//!         ProjectBuilder::new("churn")
//!             .repository("https://github.com/contoso/churn")
//!             .data_scientist("alice", "5f2c0a1e-7d3b-4c8e-9a61-2b4d6f8e0c13"),
//!     )
//!     .build()
//!     .expect("a valid estate");
//! assert_eq!(estate.projects().len(), 1);
//! assert_eq!(estate.environments().len(), 3);
//! ```

use std::collections::BTreeMap;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::document::{
    DataScientistDoc, Document, EnvironmentDoc, GuardrailsDoc, LandingZoneDoc, PersonaDoc,
    ProjectDoc, RegistryDoc, RoleDoc, RuleDoc,
};
use crate::estate::Estate;
use crate::newtypes::{AzureLocation, GitUrl, Guid, Slug};
use crate::resolve::pointer;
use crate::vocabulary::{Archetype, Isolation, Network, Restriction, RuleLevel};

/// Builds an [`Estate`] in code.
#[derive(Debug, Clone)]
pub struct EstateBuilder {
    organisation: String,
    tenant: String,
    location: String,
    preset: Option<Archetype>,
    prefix: Option<String>,
    tags: BTreeMap<String, String>,
    environments: Option<Vec<EnvironmentDoc>>,
    personas: Option<BTreeMap<String, PersonaDoc>>,
    projects: Vec<ProjectBuilder>,
    roles: Vec<RoleDoc>,
    rules: BTreeMap<String, RuleDoc>,
    registry: RegistryDoc,
    landing_zone: LandingZoneDoc,
    guardrails: Option<GuardrailsDoc>,
}

impl EstateBuilder {
    /// An estate for an organisation, its Entra tenant id and default region.
    pub fn new(
        organisation: impl Into<String>,
        tenant: impl Into<String>,
        location: impl Into<String>,
    ) -> Self {
        Self {
            organisation: organisation.into(),
            tenant: tenant.into(),
            location: location.into(),
            preset: None,
            prefix: None,
            tags: BTreeMap::new(),
            environments: None,
            personas: None,
            projects: Vec::new(),
            roles: Vec::new(),
            rules: BTreeMap::new(),
            registry: RegistryDoc::default(),
            landing_zone: LandingZoneDoc::default(),
            guardrails: None,
        }
    }

    /// The Azure Policy guardrails: where they are assigned, their effects, exemptions.
    #[must_use]
    pub fn guardrails(mut self, guardrails: GuardrailsDoc) -> Self {
        self.guardrails = Some(guardrails);
        self
    }

    /// The archetype giving every project's default factors.
    #[must_use]
    pub fn preset(mut self, archetype: Archetype) -> Self {
        self.preset = Some(archetype);
        self
    }

    /// A short prefix for resource names.
    #[must_use]
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }

    /// A tag on every resource.
    #[must_use]
    pub fn tag(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.tags.insert(name.into(), value.into());
        self
    }

    /// An environment; the first call replaces the default development, test and production.
    #[must_use]
    pub fn environment(mut self, environment: EnvironmentDoc) -> Self {
        self.environments
            .get_or_insert_with(Vec::new)
            .push(environment);
        self
    }

    /// A persona, merged into the five default CAF personas: it replaces the one of its name,
    /// and `remove: true` drops that one.
    #[must_use]
    pub fn persona(mut self, name: impl Into<String>, persona: PersonaDoc) -> Self {
        self.personas
            .get_or_insert_with(BTreeMap::new)
            .insert(name.into(), persona);
        self
    }

    /// What the organisation's Azure landing zone provides for every environment: central
    /// private DNS, a central Log Analytics workspace (an environment's own
    /// [`EnvironmentDoc::landing_zone`] overrides it).
    #[must_use]
    pub fn landing_zone(mut self, landing_zone: LandingZoneDoc) -> Self {
        self.landing_zone = landing_zone;
        self
    }

    /// A project.
    #[must_use]
    pub fn project(mut self, project: ProjectBuilder) -> Self {
        self.projects.push(project);
        self
    }

    /// A custom role.
    #[must_use]
    pub fn role(mut self, role: RoleDoc) -> Self {
        self.roles.push(role);
        self
    }

    /// The level of a validation rule, with the reason for it.
    #[must_use]
    pub fn rule(mut self, code: Code, level: RuleLevel, reason: impl Into<String>) -> Self {
        self.rules.insert(
            code.as_str().to_owned(),
            RuleDoc {
                level,
                reason: reason.into(),
            },
        );
        self
    }

    /// The model registry's settings; the CAF defaults when never called (see
    /// [`RegistryDoc`]). `RegistryDoc { remove: true, .. }` leaves the registry out.
    #[must_use]
    pub fn registry(mut self, registry: RegistryDoc) -> Self {
        self.registry = registry;
        self
    }

    /// The document the builder describes, or the values it refused.
    pub fn to_document(&self) -> Result<Document, Diagnostics> {
        let mut problems = Vec::new();
        let tenant = check::<Guid>(&mut problems, "/tenant", &self.tenant);
        let location = check::<AzureLocation>(&mut problems, "/location", &self.location);
        let prefix = self
            .prefix
            .as_ref()
            .and_then(|prefix| check::<Slug>(&mut problems, "/naming/prefix", prefix));
        let personas = self.personas.as_ref().map(|personas| {
            personas
                .iter()
                .filter_map(|(name, persona)| {
                    let path = pointer(["personas", name.as_str()]);
                    Some((check::<Slug>(&mut problems, &path, name)?, persona.clone()))
                })
                .collect()
        });
        let projects: Vec<ProjectDoc> = self
            .projects
            .iter()
            .enumerate()
            .filter_map(|(i, project)| {
                project.to_doc(&mut problems, &pointer(["projects", &i.to_string()]))
            })
            .collect();
        match (tenant, location, problems.is_empty()) {
            (Some(tenant), Some(location), true) => Ok(Document {
                schema: None,
                organisation: self.organisation.clone(),
                tenant,
                location,
                preset: self.preset,
                naming: crate::document::NamingDoc { prefix },
                tags: self.tags.clone(),
                environments: self.environments.clone(),
                personas,
                projects,
                roles: self.roles.clone(),
                rules: self.rules.clone(),
                registry: self.registry.clone(),
                landing_zone: self.landing_zone.clone(),
                guardrails: self.guardrails.clone(),
            }),
            _ => Err(problems.into()),
        }
    }

    /// Resolves the estate, or returns every problem found.
    pub fn build(&self) -> Result<Estate, Diagnostics> {
        crate::resolve::resolve(&self.to_document()?).map_err(Diagnostics::from)
    }
}

/// Builds one project for an [`EstateBuilder`].
#[derive(Debug, Clone)]
pub struct ProjectBuilder {
    name: String,
    description: Option<String>,
    network: Option<Network>,
    isolation: Option<Isolation>,
    restriction: Option<Restriction>,
    repository: Option<String>,
    data_scientists: Vec<(String, String)>,
    extra: ProjectDoc,
}

impl ProjectBuilder {
    /// A project with a name; everything else comes from the preset and defaults.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            description: None,
            network: None,
            isolation: None,
            restriction: None,
            repository: None,
            data_scientists: Vec::new(),
            extra: ProjectDoc {
                name: Slug::known("project"),
                description: None,
                network: None,
                isolation: None,
                restriction: None,
                repository: None,
                environments: None,
                private_link: None,
                outbound_rules: Vec::new(),
                data_scientists: Vec::new(),
                compute: None,
                endpoints: None,
                tags: BTreeMap::new(),
            },
        }
    }

    /// What the project is.
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Public or private networking.
    #[must_use]
    pub fn network(mut self, network: Network) -> Self {
        self.network = Some(network);
        self
    }

    /// The managed network isolation mode.
    #[must_use]
    pub fn isolation(mut self, isolation: Isolation) -> Self {
        self.isolation = Some(isolation);
        self
    }

    /// Restricted or unrestricted data scientists.
    #[must_use]
    pub fn restriction(mut self, restriction: Restriction) -> Self {
        self.restriction = Some(restriction);
        self
    }

    /// The project's git repository.
    #[must_use]
    pub fn repository(mut self, url: impl Into<String>) -> Self {
        self.repository = Some(url.into());
        self
    }

    /// A data scientist with a short name and an Entra user object id.
    #[must_use]
    pub fn data_scientist(mut self, name: impl Into<String>, object_id: impl Into<String>) -> Self {
        self.data_scientists.push((name.into(), object_id.into()));
        self
    }

    /// Compute settings.
    #[must_use]
    pub fn compute(mut self, compute: crate::document::ComputeDoc) -> Self {
        self.extra.compute = Some(compute);
        self
    }

    /// Where its private endpoints go, when not the environment's spoke.
    #[must_use]
    pub fn private_link(mut self, private_link: crate::document::PrivateLinkDoc) -> Self {
        self.extra.private_link = Some(private_link);
        self
    }

    /// Production endpoints.
    #[must_use]
    pub fn endpoints(mut self, endpoints: crate::document::EndpointsDoc) -> Self {
        self.extra.endpoints = Some(endpoints);
        self
    }

    fn to_doc(&self, problems: &mut Vec<Diagnostic>, path: &str) -> Option<ProjectDoc> {
        let name = check::<Slug>(problems, &format!("{path}/name"), &self.name);
        let repository = self
            .repository
            .as_ref()
            .and_then(|url| check::<GitUrl>(problems, &format!("{path}/repository"), url));
        let mut data_scientists = Vec::new();
        for (i, (person, object_id)) in self.data_scientists.iter().enumerate() {
            let person_path = format!("{path}/data-scientists/{i}");
            let name = check::<Slug>(problems, &format!("{person_path}/name"), person);
            let object_id = check::<Guid>(problems, &format!("{person_path}/object-id"), object_id);
            if let (Some(name), Some(object_id)) = (name, object_id) {
                data_scientists.push(DataScientistDoc {
                    name,
                    object_id,
                    vm_size: None,
                });
            }
        }
        Some(ProjectDoc {
            name: name?,
            description: self.description.clone(),
            network: self.network,
            isolation: self.isolation,
            restriction: self.restriction,
            repository,
            data_scientists,
            ..self.extra.clone()
        })
    }
}

/// Converts a builder value, recording a located problem when it is refused.
fn check<T>(problems: &mut Vec<Diagnostic>, path: &str, value: &str) -> Option<T>
where
    T: TryFrom<String>,
    T::Error: std::fmt::Display,
{
    match T::try_from(value.to_owned()) {
        Ok(value) => Some(value),
        Err(error) => {
            problems.push(Diagnostic::error(
                Code::InvalidValue,
                path,
                error.to_string(),
            ));
            None
        }
    }
}
