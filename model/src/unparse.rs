//! From an [`Estate`] back to a [`Document`], every default written out.
//!
//! The document this gives resolves to an equal estate, so document → estate → document is
//! stable after one round: the second document equals the first one written.

use std::collections::BTreeMap;

use crate::document::{
    ApprovalDoc, ClusterDoc, ComputeDoc, DataScientistDoc, Document, EndpointsDoc, EnvironmentDoc,
    ExemptionDoc, FailureCriteriaDoc, GuardrailEnvironmentDoc, GuardrailsDoc, InstanceDoc,
    LandingZoneDoc, LoadDoc, NamingDoc, OutboundRuleDoc, PersonaDoc, PipelineDoc, PostureDoc,
    PrivateLinkDoc, ProjectDoc, RegistryDoc, RoleDoc, RuleDoc, TestingDoc, TrafficDoc,
};
use crate::estate::{
    Cluster, Environment, EnvironmentId, Estate, PersonaId, Project, RegistryHome, TestTraffic,
    Testing,
};
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
            landing_zone: LandingZoneDoc {
                inherited: self
                    .inherited_policies
                    .iter()
                    .map(|p| crate::document::InheritedPolicyDoc {
                        policy: p.policy.clone(),
                        parameters: p
                            .parameters
                            .iter()
                            .map(|(name, json)| {
                                let value = serde_json::from_str(json)
                                    .unwrap_or_else(|_| serde_json::Value::String(json.clone()));
                                (name.clone(), value)
                            })
                            .collect(),
                        effect: p.effect.clone(),
                    })
                    .collect(),
                ..LandingZoneDoc::default()
            },
            registry: self.registry_doc(),
            guardrails: Some(self.guardrails_doc()),
        }
    }

    /// The registry section with every default written out, or `remove: true`.
    fn registry_doc(&self) -> RegistryDoc {
        let Some(registry) = &self.registry else {
            return RegistryDoc {
                remove: true,
                ..RegistryDoc::default()
            };
        };
        let (environment, subscription) = match registry.home {
            RegistryHome::Environment(id) => (Some(self.environment_name(id)), None),
            RegistryHome::Subscription(id) => (None, Some(id)),
        };
        let groups = |set: &std::collections::BTreeSet<(PersonaId, EnvironmentId)>| {
            let mut map: BTreeMap<Slug, Vec<Slug>> = BTreeMap::new();
            for (persona, environment) in set {
                map.entry(self[*persona].name.clone())
                    .or_default()
                    .push(self.environment_name(*environment));
            }
            map
        };
        RegistryDoc {
            environment,
            subscription,
            location: Some(registry.location.clone()),
            replication: Some(registry.replication.iter().cloned().collect()),
            network: Some(registry.network),
            publishers: Some(groups(&registry.publishers)),
            readers: Some(groups(&registry.readers)),
            publisher_role: Some(registry.publisher_role.reference_name(self).to_owned()),
            reader_role: Some(registry.reader_role.reference_name(self).to_owned()),
            remove: false,
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
                testing: environment.testing.as_ref().map(testing_doc),
                inference: environment.inference.iter().copied().collect(),
                without_testing: environment.testing.is_none()
                    && defaults::for_stage(environment.stage)
                        .is_some_and(|default| default.testing.is_some()),
                without_inference: environment.inference.is_empty()
                    && defaults::for_stage(environment.stage)
                        .is_some_and(|default| !default.inference.is_empty()),
                posture: posture_doc(environment),
                landing_zone: landing_zone_doc(environment),
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

/// A testing section with every number written out.
fn testing_doc(testing: &Testing) -> TestingDoc {
    let (mirror_percent, traffic) = match testing.traffic {
        TestTraffic::Mirror { percent } => (Some(percent), None),
        TestTraffic::Split {
            champion,
            challenger,
        } => (
            None,
            Some(TrafficDoc {
                champion,
                challenger,
            }),
        ),
    };
    TestingDoc {
        strategy: testing.strategy,
        checks: testing.checks.iter().copied().collect(),
        mirror_percent,
        traffic,
        load: Some(LoadDoc {
            engine_instances: Some(testing.load.engine_instances),
            virtual_users: Some(testing.load.virtual_users),
            duration_seconds: Some(testing.load.duration_seconds),
            ramp_up_seconds: Some(testing.load.ramp_up_seconds),
        }),
        failure_criteria: Some(FailureCriteriaDoc {
            percentile: Some(testing.criteria.percentile),
            response_time_ms: testing.criteria.response_time_ms,
            error_percent: testing.criteria.error_percent,
        }),
    }
}

/// An environment's landing zone settings as its own: the estate's `landing-zone` is folded
/// into every environment, the defaults left out.
fn landing_zone_doc(environment: &Environment) -> crate::document::EnvironmentLandingZoneDoc {
    use crate::document::PrivateDnsDoc;
    use crate::estate::{CentralZones, PrivateDns};
    let landing = &environment.landing_zone;
    let private_dns = match &landing.private_dns {
        PrivateDns::Create => None,
        dns => Some(PrivateDnsDoc {
            mode: dns.mode(),
            resource_group: match dns {
                PrivateDns::Existing(CentralZones::ResourceGroup(group)) => Some(group.clone()),
                _ => None,
            },
            zones: match dns {
                PrivateDns::Existing(CentralZones::Zones(zones)) => zones.clone(),
                _ => BTreeMap::new(),
            },
        }),
    };
    let link = &landing.private_link;
    crate::document::EnvironmentLandingZoneDoc {
        private_dns,
        log_analytics: landing.log_analytics.clone(),
        private_link: (link.subnet.is_some() || link.virtual_network.is_some()).then(|| {
            PrivateLinkDoc {
                subnet: link.subnet.clone(),
                virtual_network: link.virtual_network.clone(),
            }
        }),
    }
}
