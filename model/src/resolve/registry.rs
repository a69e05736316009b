//! The model registry: where it lives, its regions and network, who publishes and reads.

use std::collections::{BTreeMap, BTreeSet};

use super::environments::Environments;
use super::personas::Personas;
use super::roles::RoleNames;
use super::{Problems, pointer, regions};
use crate::diagnostic::{Code, Diagnostic};
use crate::document::{Document, RegistryDoc};
use crate::estate::{EnvironmentId, PersonaId, Project, Registry, RegistryHome, RoleRef};
use crate::newtypes::Slug;
use crate::vocabulary::{Network, PersonaKind, Stage};

/// The folder of the registry's deployment in every target's output, beside the
/// environments' folders (so no environment may take the name).
pub const REGISTRY_FOLDER: &str = "registry";

/// The library role publishers hold when the document names none.
pub const DEFAULT_PUBLISHER_ROLE: &str = "registry-publisher";
/// The library role readers and workspace identities hold when the document names none.
pub const DEFAULT_READER_ROLE: &str = "registry-reader";

/// The registry of `document`, with the CAF defaults, or `None` when the document removed it.
pub(crate) fn resolve(
    document: &Document,
    environments: &Environments,
    personas: &Personas,
    roles: &RoleNames,
    projects: &[Project],
    problems: &mut Problems,
) -> Option<Registry> {
    let doc = &document.registry;
    let path = if doc.is_default() {
        String::new()
    } else {
        "/registry".to_owned()
    };
    if doc.remove {
        if doc
            != &(RegistryDoc {
                remove: true,
                ..RegistryDoc::default()
            })
        {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    "/registry/remove",
                    "the registry is removed and configured at once",
                )
                .with_help("drop `remove: true` to keep the registry, or every other key of `registry` to remove it")
                .on_key(),
            );
        }
        return None;
    }
    if let Some(clash) = environments
        .items
        .iter()
        .find(|environment| environment.name.as_str() == REGISTRY_FOLDER)
    {
        problems.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("{}/name", clash.path),
                format!("an environment named `{REGISTRY_FOLDER}` would share its output folders with the model registry"),
            )
            .with_help("rename the environment, or remove the registry (`registry: {remove: true}`)"),
        );
    }
    let home = home(doc, environments, problems)?;
    let home_location = match home {
        RegistryHome::Environment(id) => environments.items.get(id.index()).map(|e| &e.location),
        RegistryHome::Subscription(_) => None,
    };
    let location = doc
        .location
        .clone()
        .or_else(|| home_location.cloned())
        .unwrap_or_else(|| document.location.clone());
    if doc.location.is_some() {
        regions::check(problems, "/registry/location".to_owned(), &location);
    }
    let replication = replication(doc, environments, &location, problems);
    let any_private = projects
        .iter()
        .any(|project| project.factors.network == Network::Private);
    let network = doc.network.unwrap_or(if any_private {
        Network::Private
    } else {
        Network::Public
    });
    let publishers = match &doc.publishers {
        Some(written) => duties(written, "publishers", environments, personas, problems),
        None => by_kind(
            environments,
            personas,
            &[Stage::Development],
            &[
                PersonaKind::DataScientist,
                PersonaKind::DataEngineer,
                PersonaKind::MlopsEngineer,
            ],
        ),
    };
    let readers = match &doc.readers {
        Some(written) => duties(written, "readers", environments, personas, problems),
        None => by_kind(
            environments,
            personas,
            &[Stage::Test, Stage::Production],
            &[PersonaKind::MlopsEngineer],
        ),
    };
    let role =
        |problems: &mut Problems, key: &str, written: &Option<String>, default: &str| match written
        {
            Some(name) => roles.lookup(problems, pointer(["registry", key]), name),
            None => crate::rbac::library::find(default).map(RoleRef::Library),
        };
    let publisher_role = role(
        problems,
        "publisher-role",
        &doc.publisher_role,
        DEFAULT_PUBLISHER_ROLE,
    );
    let reader_role = role(
        problems,
        "reader-role",
        &doc.reader_role,
        DEFAULT_READER_ROLE,
    );
    Some(Registry {
        home,
        location,
        replication,
        network,
        publishers,
        readers,
        publisher_role: publisher_role?,
        reader_role: reader_role?,
        path,
    })
}

/// The environment or subscription the registry lives in: the document's, or the first
/// production environment's subscription (the last environment's when none is production).
fn home(
    doc: &RegistryDoc,
    environments: &Environments,
    problems: &mut Problems,
) -> Option<RegistryHome> {
    match (&doc.environment, doc.subscription) {
        (Some(_), Some(_)) => {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    "/registry/subscription",
                    "the registry names both an environment and a subscription of its own",
                )
                .with_help("keep `environment` to deploy the registry into that environment's subscription, or `subscription` to give it one of its own")
                .on_key(),
            );
            None
        }
        (Some(name), None) => environments
            .lookup(problems, "/registry/environment".to_owned(), name.as_str())
            .map(RegistryHome::Environment),
        (None, Some(subscription)) => {
            if subscription.is_nil() {
                problems.push(super::personas::nil_guid(
                    "/registry/subscription".to_owned(),
                ));
            }
            Some(RegistryHome::Subscription(subscription))
        }
        (None, None) => {
            let production = environments
                .ids()
                .zip(&environments.items)
                .find(|(_, environment)| environment.stage == Stage::Production)
                .map(|(id, _)| id);
            production
                .or_else(|| environments.ids().last())
                .map(RegistryHome::Environment)
        }
    }
}

/// The regions the registry replicates to: the document's, or every environment's region
/// that is not the primary one.
fn replication(
    doc: &RegistryDoc,
    environments: &Environments,
    primary: &crate::newtypes::AzureLocation,
    problems: &mut Problems,
) -> BTreeSet<crate::newtypes::AzureLocation> {
    let Some(written) = &doc.replication else {
        return environments
            .items
            .iter()
            .map(|environment| environment.location.clone())
            .filter(|location| location != primary)
            .collect();
    };
    let mut out = BTreeSet::new();
    for (i, location) in written.iter().enumerate() {
        let path = pointer(["registry", "replication", &i.to_string()]);
        regions::check(problems, path.clone(), location);
        if location == primary {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    path,
                    format!("`{location}` is the registry's primary region, not a replica"),
                )
                .with_help("list only the further regions the registry copies its assets to"),
            );
        } else if !out.insert(location.clone()) {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    path,
                    format!("region `{location}` is listed twice"),
                )
                .with_help("list each replication region once"),
            );
        }
    }
    out
}

/// The persona groups a written `publishers` or `readers` map names.
fn duties(
    written: &BTreeMap<Slug, Vec<Slug>>,
    key: &str,
    environments: &Environments,
    personas: &Personas,
    problems: &mut Problems,
) -> BTreeSet<(PersonaId, EnvironmentId)> {
    let mut out = BTreeSet::new();
    for (persona, names) in written {
        let persona_path = pointer(["registry", key, persona.as_str()]);
        let persona_id = problems.about_keys(|problems| {
            personas.lookup(problems, persona_path.clone(), persona.as_str())
        });
        for (i, name) in names.iter().enumerate() {
            let path = format!("{persona_path}/{i}");
            let environment = environments.lookup(problems, path.clone(), name.as_str());
            if let (Some(persona_id), Some(environment)) = (persona_id, environment)
                && !out.insert((persona_id, environment))
            {
                problems.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        path,
                        format!("environment `{name}` is listed twice for `{persona}`"),
                    )
                    .with_help("list each environment once"),
                );
            }
        }
    }
    out
}

/// The groups of every persona of `kinds` in every environment of `stages`.
fn by_kind(
    environments: &Environments,
    personas: &Personas,
    stages: &[Stage],
    kinds: &[PersonaKind],
) -> BTreeSet<(PersonaId, EnvironmentId)> {
    let mut out = BTreeSet::new();
    for (persona_id, persona) in personas.ids().zip(&personas.items) {
        if !kinds.contains(&persona.kind) {
            continue;
        }
        for (environment_id, environment) in environments.ids().zip(&environments.items) {
            if stages.contains(&environment.stage) {
                out.insert((persona_id, environment_id));
            }
        }
    }
    out
}
