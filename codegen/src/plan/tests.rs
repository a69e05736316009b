use std::collections::BTreeSet;

use mlzone_model::naming::{EstateNames, PrivateEndpointTarget};

/// A synthetic document of `projects` projects; the role assignment limit of one subscription
/// is waived, since a large estate passes it and only planning is under test here.
fn synthetic(projects: usize) -> mlzone_model::Document {
    let mut document = mlzone_model::synthetic::document(mlzone_model::synthetic::Settings {
        projects,
        ..mlzone_model::synthetic::Settings::default()
    });
    document.rules.insert(
        "role-assignment-limit".to_owned(),
        mlzone_model::document::RuleDoc {
            level: mlzone_model::vocabulary::RuleLevel::Allow,
            reason: "planning is under test, not the subscription limit".to_owned(),
        },
    );
    document
}

/// `document` in a landing zone: central private DNS by resource group and a central Log
/// Analytics workspace for the estate, the default test environment in `policy` mode.
fn in_landing_zone(mut document: mlzone_model::Document) -> mlzone_model::Document {
    use mlzone_model::document::{EnvironmentDoc, LandingZoneDoc, PrivateDnsDoc};
    use mlzone_model::vocabulary::PrivateDnsMode;
    let connectivity = "/subscriptions/3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-dns";
    document.landing_zone = LandingZoneDoc {
        private_dns: Some(PrivateDnsDoc {
            mode: PrivateDnsMode::Existing,
            resource_group: Some(connectivity.try_into().unwrap()),
            zones: Default::default(),
        }),
        log_analytics: Some(
            "/subscriptions/3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-central"
                .try_into()
                .unwrap(),
        ),
        ..LandingZoneDoc::default()
    };
    let mut environments: Vec<EnvironmentDoc> = mlzone_model::resolve::defaults::environments();
    for environment in &mut environments {
        if environment.name.as_str() == "test" {
            environment.landing_zone.private_dns = Some(PrivateDnsDoc {
                mode: PrivateDnsMode::Policy,
                resource_group: None,
                zones: Default::default(),
            });
        }
    }
    document.environments = Some(environments);
    document
}

/// Under `existing` and `policy` no zone is deployed; `existing` zone groups name the central
/// zones, `policy` endpoints have none; a central Log Analytics workspace replaces each
/// project's.
#[test]
fn a_landing_zone_deploys_no_zone_and_no_log_analytics_workspace() {
    let (_, plan) = plan_of(&in_landing_zone(synthetic(3)));
    let mut modes = BTreeSet::new();
    for environment in &plan.environments {
        for deployment in &environment.deployments {
            assert!(deployment.dns.is_none(), "{}", environment.name);
            for project in &deployment.projects {
                assert!(project.log_analytics.name.is_none());
                assert!(
                    project
                        .log_analytics
                        .central_id
                        .as_deref()
                        .unwrap()
                        .ends_with("/law-central")
                );
                modes.insert(project.private_dns);
                for endpoint in &project.private_endpoints {
                    if environment.name == "test" {
                        assert!(endpoint.zones.is_empty());
                    } else {
                        assert!(!endpoint.zones.is_empty());
                        for zone in &endpoint.zones {
                            let id = zone.id.as_deref().unwrap();
                            assert!(id.starts_with("/subscriptions/3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/"));
                            assert!(id.ends_with(zone.zone));
                        }
                    }
                }
            }
        }
    }
    assert_eq!(modes, BTreeSet::from(["existing", "policy"]));
}

fn plan_of(document: &mlzone_model::Document) -> (mlzone_model::Estate, super::Plan) {
    let estate = mlzone_model::resolve(document).unwrap();
    let validated = mlzone_model::validate::validate(estate.clone()).unwrap();
    let plan = super::Plan::build(&validated).unwrap();
    (estate, plan)
}

#[test]
fn a_thousand_synthetic_projects_plan_without_collisions() {
    let (estate, plan) = plan_of(&synthetic(1000));
    let names: Vec<&str> = estate.projects().map(|(_, p)| p.name.as_str()).collect();
    assert_eq!(names.len(), 1000);
    for environment in &plan.environments {
        assert!(
            environment.deployments.len() > 1,
            "the estate needs several deployments"
        );
        let planned: Vec<&str> = environment
            .deployments
            .iter()
            .flat_map(|d| d.projects.iter().map(|p| p.name.as_str()))
            .collect();
        assert_eq!(planned, names, "every project once, in order");
        for deployment in &environment.deployments {
            assert!(deployment.top_level_resources <= super::split::MAX_RESOURCES);
            assert!(deployment.estimated_bytes <= super::split::BYTE_BUDGET);
        }
    }
}

/// Every Azure name the plan writes is one the validator checked: the names of
/// `EstateNames::resources`, and nothing else.
#[test]
fn the_plan_writes_exactly_the_names_the_validator_checks() {
    let loaded = mlzone_model::load_default().unwrap();
    let default = mlzone_model::validate::validate(loaded.estate.clone()).unwrap();
    let default = (loaded.estate, super::Plan::build(&default).unwrap());
    for (estate, plan) in [
        default,
        plan_of(&synthetic(20)),
        plan_of(&in_landing_zone(synthetic(20))),
    ] {
        let checked: BTreeSet<String> = EstateNames::for_estate(&estate)
            .resources(&estate)
            .into_iter()
            .map(|r| r.name.value)
            .collect();
        let mut written = BTreeSet::new();
        if let Some(registry) = &plan.registry {
            written.extend([registry.name.clone(), registry.resource_group.clone()]);
        }
        for environment in &plan.environments {
            for deployment in &environment.deployments {
                if let Some(dns) = &deployment.dns {
                    written.insert(dns.resource_group.clone());
                }
                written.extend(
                    deployment
                        .registry_pipeline
                        .iter()
                        .map(|g| g.deployment_name.clone()),
                );
                for p in &deployment.projects {
                    written.extend([
                        p.resource_group.clone(),
                        p.deployment_name.clone(),
                        p.workspace.name.clone(),
                        p.storage.name.clone(),
                        p.key_vault.name.clone(),
                        p.registry.name.clone(),
                        p.app_insights.name.clone(),
                    ]);
                    written.extend(p.log_analytics.name.clone());
                    written.extend(p.private_endpoints.iter().map(|e| e.name.clone()));
                    written.extend(p.registry_endpoint.iter().map(|e| e.name.clone()));
                    written.extend(p.computes.iter().map(|c| c.name.clone()));
                    written.extend(p.endpoints.iter().map(|e| e.name.clone()));
                    written.extend(p.load_test.iter().map(|t| t.name.clone()));
                    written.extend(p.registry_reader.iter().map(|r| r.deployment_name.clone()));
                }
            }
        }
        assert_eq!(written, checked);
    }
}

#[test]
fn private_endpoint_targets_keep_their_words() {
    let shorts: Vec<_> = PrivateEndpointTarget::ALL
        .iter()
        .map(|t| t.short())
        .collect();
    assert_eq!(shorts, ["mlw", "blob", "file", "vault", "registry"]);
}

#[test]
fn projects_depend_on_what_their_deployment_creates_for_them() {
    let (_, plan) = plan_of(&synthetic(1000));
    let (mut roles, mut dns) = (0, 0);
    for environment in &plan.environments {
        for deployment in &environment.deployments {
            for project in &deployment.projects {
                let mut expected: Vec<super::Dependency> = Vec::new();
                for role in &deployment.role_definitions {
                    if project.custom_roles.contains(&role.guid) {
                        roles += 1;
                        expected.push(super::Dependency::Role {
                            symbol: role.symbol.clone(),
                            guid: role.guid.clone(),
                        });
                    }
                }
                if let Some(zones) = deployment.dns.as_ref().filter(|_| project.private) {
                    dns += 1;
                    expected.push(super::Dependency::Dns {
                        symbol: zones.module_symbol.clone(),
                        resource_group: zones.resource_group.clone(),
                        deployment_name: zones.deployment_name.clone(),
                    });
                }
                assert_eq!(project.depends_on, expected, "{}", project.name);
                if deployment.index > 1 {
                    assert!(project.depends_on.is_empty(), "{}", project.name);
                }
                // The module takes every custom role it assigns; Bicep refers to the ones its
                // deployment defines, which are exactly the roles ARM waits for.
                let taken: Vec<&str> = project.role_ids.iter().map(|r| r.guid.as_str()).collect();
                assert_eq!(taken, project.custom_roles, "{}", project.name);
                let referenced: Vec<super::Dependency> = project
                    .role_ids
                    .iter()
                    .filter_map(|r| {
                        Some(super::Dependency::Role {
                            symbol: r.symbol.clone()?,
                            guid: r.guid.clone(),
                        })
                    })
                    .collect();
                let waited: Vec<super::Dependency> = project
                    .depends_on
                    .iter()
                    .filter(|d| matches!(d, super::Dependency::Role { .. }))
                    .cloned()
                    .collect();
                let mut referenced_sorted = referenced.clone();
                referenced_sorted.sort_by_key(|d| format!("{d:?}"));
                let mut waited_sorted = waited.clone();
                waited_sorted.sort_by_key(|d| format!("{d:?}"));
                assert_eq!(referenced_sorted, waited_sorted, "{}", project.name);
            }
        }
    }
    assert!(roles > 0 && dns > 0, "roles {roles}, dns {dns}");
}
