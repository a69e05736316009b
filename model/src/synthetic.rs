//! Seeded synthetic estates of any size, for benchmarks and scale tests.
//!
//! The same settings always give the same document: ids come from a small seeded generator,
//! not from the clock or the operating system.

use std::collections::BTreeMap;

use crate::diagnostic::Code;
use crate::document::RuleDoc;
use crate::document::{
    ClusterDoc, ComputeDoc, DataScientistDoc, Document, EndpointsDoc, NamingDoc, PersonaDoc,
    PipelineDoc, ProjectDoc,
};
use crate::newtypes::{AzureLocation, Guid, Slug, VmSize};
use crate::vocabulary::{Archetype, PersonaKind, RuleLevel};

/// The shape of a synthetic estate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Number of projects; each has a workspace in development, test and production.
    pub projects: usize,
    /// Data scientists per project.
    pub data_scientists: usize,
    /// Development clusters per project (each of another VM size).
    pub clusters: usize,
    /// Seed of the id generator.
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            projects: 10,
            data_scientists: 10,
            clusters: 2,
            seed: 42,
        }
    }
}

const VM_SIZES: [&str; 4] = [
    "Standard_DS3_v2",
    "Standard_DS4_v2",
    "Standard_NC6s_v3",
    "Standard_E8s_v3",
];

/// A document with the given shape: default dev/test/prod, the five CAF personas with a group
/// in every environment, projects cycling through the four archetypes.
pub fn document(settings: Settings) -> Document {
    let mut ids = Ids(settings.seed);
    let environments = ["dev", "test", "prod"];
    let personas = [
        PersonaKind::DataScientist,
        PersonaKind::DataEngineer,
        PersonaKind::MlopsEngineer,
        PersonaKind::WorkspaceAdmin,
        PersonaKind::Stakeholder,
    ]
    .into_iter()
    .map(|kind| {
        let groups = environments
            .iter()
            .map(|environment| (Slug::known(environment), ids.next_guid()))
            .collect();
        (
            Slug::known(kind.as_str()),
            PersonaDoc {
                kind: Some(kind),
                groups,
                ..PersonaDoc::default()
            },
        )
    })
    .collect();
    let archetypes = [
        Archetype::PrivateRestricted,
        Archetype::PublicRestricted,
        Archetype::PrivateUnrestricted,
        Archetype::PublicUnrestricted,
    ];
    let projects = (0..settings.projects)
        .map(|i| {
            let archetype = archetypes
                .get(i % archetypes.len())
                .copied()
                .unwrap_or(Archetype::PrivateRestricted);
            project(i, archetype, settings, &mut ids)
        })
        .collect();
    Document {
        schema: None,
        organisation: "Synthetic Estate".to_owned(),
        tenant: ids.next_guid(),
        location: AzureLocation::known("westeurope"),
        preset: Some(Archetype::PrivateRestricted),
        naming: NamingDoc {
            prefix: Some(Slug::known("syn")),
        },
        tags: BTreeMap::from([("cost-centre".to_owned(), "synthetic".to_owned())]),
        environments: None,
        personas: Some(personas),
        projects,
        roles: Vec::new(),
        landing_zone: crate::document::LandingZoneDoc::default(),
        rules: BTreeMap::from([(
            Code::RoleAssignmentLimit.as_str().to_owned(),
            RuleDoc {
                level: RuleLevel::Warn,
                reason: "synthetic estates put every project in one subscription per environment \
                         to measure scale, past Azure's limit on role assignments"
                    .to_owned(),
            },
        )]),
        registry: crate::document::RegistryDoc::default(),
        guardrails: None,
    }
}

fn project(index: usize, archetype: Archetype, settings: Settings, ids: &mut Ids) -> ProjectDoc {
    let name = slug(&format!("project-{index:05}"));
    let data_scientists = (0..settings.data_scientists)
        .map(|person| DataScientistDoc {
            name: slug(&format!("scientist-{person:03}")),
            object_id: ids.next_guid(),
            vm_size: None,
        })
        .collect();
    let clusters = (0..settings.clusters)
        .map(|cluster| ClusterDoc {
            vm_size: VmSize::known(
                VM_SIZES
                    .get(cluster % VM_SIZES.len())
                    .copied()
                    .unwrap_or("Standard_DS3_v2"),
            ),
            min_nodes: Some(0),
            max_nodes: Some(4),
            idle_seconds_before_scale_down: None,
        })
        .collect();
    ProjectDoc {
        name,
        description: Some(format!("Synthetic project number {index}.")),
        network: Some(archetype.network()),
        isolation: None,
        restriction: Some(archetype.restriction()),
        repository: None,
        environments: None,
        private_link: None,
        outbound_rules: Vec::new(),
        data_scientists,
        compute: Some(ComputeDoc {
            instance: None,
            clusters: Some(clusters),
            pipelines: vec![PipelineDoc {
                name: Slug::known("scoring"),
                vm_size: VmSize::known("Standard_DS3_v2"),
                min_nodes: Some(0),
                max_nodes: Some(4),
                idle_seconds_before_scale_down: None,
            }],
        }),
        endpoints: Some(EndpointsDoc {
            online: index.is_multiple_of(2),
            batch: index.is_multiple_of(3),
        }),
        tags: BTreeMap::new(),
    }
}

/// A slug built from a format string that always gives a valid one.
fn slug(value: &str) -> Slug {
    Slug::try_from(value).unwrap_or_else(|_| Slug::known("synthetic"))
}

/// SplitMix64: small, fast and fully determined by its seed.
struct Ids(u64);

impl Ids {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn next_guid(&mut self) -> Guid {
        let high = u128::from(self.next());
        let low = u128::from(self.next());
        let bytes = ((high << 64) | low).to_be_bytes();
        Guid::from_uuid(uuid::Builder::from_random_bytes(bytes).into_uuid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_settings_same_document() {
        let settings = Settings {
            projects: 5,
            ..Settings::default()
        };
        assert_eq!(document(settings), document(settings));
        let estate = crate::resolve(&document(settings)).unwrap();
        assert_eq!(estate.projects().len(), 5);
        let other = document(Settings {
            seed: 7,
            ..settings
        });
        assert_ne!(other.tenant, document(settings).tenant);
    }
}
