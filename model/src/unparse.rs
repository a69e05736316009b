//! From an [`Estate`] back to a [`Document`], every default written out.
//!
//! The document this gives resolves to an equal estate, so document → estate → document is
//! stable after one round: the second document equals the first one written.

use std::collections::BTreeMap;

use crate::document::{
    ApprovalDoc, ClusterDoc, ComputeDoc, DataScientistDoc, Document, EndpointsDoc, EnvironmentDoc,
    ExemptionDoc, GuardrailEnvironmentDoc, GuardrailsDoc, InstanceDoc, NamingDoc, OutboundRuleDoc,
    PersonaDoc, PipelineDoc, PostureDoc, PrivateLinkDoc, ProjectDoc, RoleDoc, RuleDoc, TestingDoc,
};
use crate::estate::{Cluster, Environment, EnvironmentId, Estate, Project};
use crate::newtypes::Slug;
use crate::resolve::defaults;

impl Estate {
    /// The document that describes this estate, with every default written out.
    pub fn to_document(&self) -> Document {
        Document {
            schema: None,
            organisation: self.organisation.clone(),
            tenant: self.tenant,
            location: self.location.clone(),
            preset: self.preset,
            naming: NamingDoc {
                prefix: self.naming.prefix.clone(),
            },
            tags: self.tags.clone(),
            environments: Some(self.environment_docs()),
            personas: Some(self.persona_docs()),
            projects: self
                .projects
                .iter()
                .map(|project| self.project_doc(project))
                .collect(),
            roles: self.role_docs(),
            rules: self
                .rules
                .iter()
                .map(|(code, rule)| {
                    (
                        code.as_str().to_owned(),
                        RuleDoc {
                            level: rule.level,
                            reason: rule.reason.clone(),
                        },
                    )
                })
                .collect(),
            guardrails: Some(self.guardrails_doc()),
        }
    }

    fn guardrails_doc(&self) -> GuardrailsDoc {
        let guardrails = &self.guardrails;
        GuardrailsDoc {
            scope: Some(guardrails.scope),
            management_group: guardrails.management_group.clone(),
            environments: self
                .environments()
                .filter_map(|(id, environment)| {
                    let effects = guardrails.effects(id)?;
                    Some((
                        environment.name.clone(),
                        GuardrailEnvironmentDoc {
                            effect: Some(effects.effect),
                            effects: effects.overrides.clone(),
                        },
                    ))
                })
                .collect(),
            exemptions: guardrails
                .exemptions
                .iter()
                .map(|exemption| ExemptionDoc {
                    guardrail: exemption.guardrail,
                    environment: self.environment_name(exemption.environment),
                    project: exemption.project.map(|project| self[project].name.clone()),
                    category: Some(exemption.category),
                    reason: exemption.reason.clone(),
                    expires: exemption.expires.clone(),
                })
                .collect(),
        }
    }

    fn environment_name(&self, id: EnvironmentId) -> Slug {
        self[id].name.clone()
    }

    fn environment_docs(&self) -> Vec<EnvironmentDoc> {
        self.environments
            .iter()
            .map(|environment| EnvironmentDoc {
                name: environment.name.clone(),
                stage: environment.stage,
                subscription: environment.subscription,
                location: (environment.location != self.location)
                    .then(|| environment.location.clone()),
                promotes_from: environment
                    .promotes_from
                    .iter()
                    .map(|id| self.environment_name(*id))
                    .collect(),
                approval: environment.approval.as_ref().map(|approval| ApprovalDoc {
                    persona: self[approval.persona].name.clone(),
                }),
                without_approval: environment.approval.is_none()
                    && defaults::for_stage(environment.stage)
                        .is_some_and(|default| default.approval.is_some()),
                testing: environment.testing.as_ref().map(|testing| TestingDoc {
                    strategy: testing.strategy,
                    checks: testing.checks.iter().copied().collect(),
                }),
                inference: environment.inference.iter().copied().collect(),
                posture: posture_doc(environment),
            })
            .collect()
    }

    /// The estate's personas, and `remove: true` for each CAF persona it does not have.
    fn persona_docs(&self) -> BTreeMap<Slug, PersonaDoc> {
        let removed: Vec<(Slug, PersonaDoc)> = defaults::personas()
            .into_keys()
            .filter(|name| !self.personas.iter().any(|persona| &persona.name == name))
            .map(|name| {
                let doc = PersonaDoc {
                    remove: true,
                    ..PersonaDoc::default()
                };
                (name, doc)
            })
            .collect();
        self.personas
            .iter()
            .map(|persona| {
                let by_environment = |id: &EnvironmentId| self.environment_name(*id);
                let doc = PersonaDoc {
                    kind: Some(persona.kind),
                    description: persona.description.clone(),
                    groups: persona
                        .groups
                        .iter()
                        .map(|(id, group)| (by_environment(id), *group))
                        .collect(),
                    access: persona
                        .access
                        .iter()
                        .map(|(id, level)| (by_environment(id), *level))
                        .collect(),
                    roles: persona
                        .roles
                        .iter()
                        .map(|(id, role)| {
                            (by_environment(id), role.reference_name(self).to_owned())
                        })
                        .collect(),
                    remove: false,
                };
                (persona.name.clone(), doc)
            })
            .chain(removed)
            .collect()
    }

    fn project_doc(&self, project: &Project) -> ProjectDoc {
        let own_tags = project
            .tags
            .iter()
            .filter(|(name, value)| self.tags.get(*name) != Some(*value))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        let link = &project.private_link;
        ProjectDoc {
            name: project.name.clone(),
            description: project.description.clone(),
            network: Some(project.factors.network),
            isolation: Some(project.factors.isolation),
            restriction: Some(project.factors.restriction),
            repository: project.repository.clone(),
            environments: Some(
                project
                    .environments
                    .iter()
                    .map(|id| self.environment_name(*id))
                    .collect(),
            ),
            private_link: (link.subnet.is_some() || link.virtual_network.is_some()).then(|| {
                PrivateLinkDoc {
                    subnet: link.subnet.clone(),
                    virtual_network: link.virtual_network.clone(),
                }
            }),
            outbound_rules: project
                .outbound_rules
                .iter()
                .map(|rule| OutboundRuleDoc {
                    name: rule.name.clone(),
                    kind: rule.kind,
                    destination: rule.destination.clone(),
                })
                .collect(),
            data_scientists: project
                .data_scientists
                .iter()
                .map(|person| DataScientistDoc {
                    name: person.name.clone(),
                    object_id: person.object_id,
                    vm_size: (person.vm_size != project.compute.instance.vm_size)
                        .then(|| person.vm_size.clone()),
                })
                .collect(),
            compute: Some(ComputeDoc {
                instance: Some(InstanceDoc {
                    vm_size: Some(project.compute.instance.vm_size.clone()),
                    idle_shutdown_minutes: Some(
                        project.compute.instance.idle_shutdown_minutes.unwrap_or(0),
                    ),
                }),
                clusters: Some(project.compute.clusters.iter().map(cluster_doc).collect()),
                pipelines: project
                    .compute
                    .pipelines
                    .iter()
                    .map(|pipeline| PipelineDoc {
                        name: pipeline.name.clone(),
                        vm_size: pipeline.cluster.vm_size.clone(),
                        min_nodes: Some(pipeline.cluster.min_nodes),
                        max_nodes: Some(pipeline.cluster.max_nodes),
                        idle_seconds_before_scale_down: Some(
                            pipeline.cluster.idle_seconds_before_scale_down,
                        ),
                    })
                    .collect(),
            }),
            endpoints: (project.endpoints.online || project.endpoints.batch).then_some(
                EndpointsDoc {
                    online: project.endpoints.online,
                    batch: project.endpoints.batch,
                },
            ),
            tags: own_tags,
        }
    }

    fn role_docs(&self) -> Vec<RoleDoc> {
        self.roles
            .iter()
            .map(|role| RoleDoc {
                name: role.name.clone(),
                display_name: (role.display_name != role.name.as_str())
                    .then(|| role.display_name.clone()),
                description: role.description.clone(),
                extends: role
                    .extends
                    .iter()
                    .map(|base| base.reference_name(self).to_owned())
                    .collect(),
                actions: role.permissions.actions.clone(),
                not_actions: role.permissions.not_actions.clone(),
                data_actions: role.permissions.data_actions.clone(),
                not_data_actions: role.permissions.not_data_actions.clone(),
            })
            .collect()
    }
}

/// The posture with its settings written out, and the reasons the stage does not give.
fn posture_doc(environment: &Environment) -> PostureDoc {
    let posture = &environment.posture;
    let stage_reason = defaults::local_redundancy_reason(environment.stage);
    PostureDoc {
        storage_redundancy: Some(posture.storage_redundancy),
        storage_redundancy_reason: posture
            .storage_redundancy_reason
            .clone()
            .filter(|reason| Some(reason.as_str()) != stage_reason),
        purge_protection: Some(posture.purge_protection),
        purge_protection_reason: posture.purge_protection_reason.clone(),
    }
}

fn cluster_doc(cluster: &Cluster) -> ClusterDoc {
    ClusterDoc {
        vm_size: cluster.vm_size.clone(),
        min_nodes: Some(cluster.min_nodes),
        max_nodes: Some(cluster.max_nodes),
        idle_seconds_before_scale_down: Some(cluster.idle_seconds_before_scale_down),
    }
}
