//! The Rust API composes with `?`: every error a user meets (loading, building, validating,
//! generating, a newtype) converts into `Box<dyn Error>`, and documents are built with
//! constructors.

use std::error::Error;

use mlzone_codegen::{Target, Templates, generate};
use mlzone_model::builder::{EstateBuilder, ProjectBuilder};
use mlzone_model::document::{ApprovalDoc, EnvironmentDoc, RoleDoc, TestingDoc};
use mlzone_model::newtypes::Slug;
use mlzone_model::validate::validate;
use mlzone_model::vocabulary::{Archetype, RuleLevel, Stage, TestStrategy};
use mlzone_model::{Code, Limits, load_estate};

const TENANT: &str = "467096de-d9e3-4d6f-89d6-ef231900a05a";

#[test]
fn every_step_propagates_with_the_question_mark() -> Result<(), Box<dyn Error>> {
    let text = "organisation: Contoso\ntenant: 467096de-d9e3-4d6f-89d6-ef231900a05a\nlocation: westeurope\nprojects:\n  - name: churn\n";
    let loaded = load_estate("estate.yaml", text.as_bytes(), None, &Limits::default())?;
    assert_eq!(loaded.estate.projects().len(), 1);

    let mut test = EnvironmentDoc::new(Slug::try_from("test")?, Stage::Test);
    test.promotes_from = vec![Slug::try_from("dev")?];
    test.testing = Some(TestingDoc::new(TestStrategy::ChampionChallenger));
    let mut prod = EnvironmentDoc::new(Slug::try_from("prod")?, Stage::Production);
    prod.promotes_from = vec![Slug::try_from("test")?];
    prod.approval = Some(ApprovalDoc::new(Slug::try_from("stakeholder")?));
    let mut reader = RoleDoc::new(Slug::try_from("reader-plus")?, "reads and lists keys");
    reader.extends = vec!["Reader".to_owned()];
    let estate = EstateBuilder::new("Contoso", TENANT, "westeurope")
        .environment(EnvironmentDoc::new(
            Slug::try_from("dev")?,
            Stage::Development,
        ))
        .environment(test)
        .environment(prod)
        .role(reader)
        .project(ProjectBuilder::new("churn"))
        .build()?;
    assert_eq!(estate.environments().len(), 3);

    let validated = validate(estate)?;
    let files = generate(&validated, &[Target::Roles], &Templates::builtin()?)?;
    assert!(files.iter().count() > 0);
    Ok(())
}

#[test]
fn build_errors_are_one_error_with_every_problem() {
    let result: Result<_, Box<dyn Error>> = EstateBuilder::new("Contoso", "nope", "West Europe")
        .build()
        .map_err(Into::into);
    let error = result.err().unwrap();
    let shown = error.to_string();
    assert_eq!(shown.lines().count(), 2, "{shown}");
    assert!(shown.contains("(at `/tenant`)"), "{shown}");
    assert!(shown.contains("(at `/location`)"), "{shown}");
}

#[test]
fn a_rejected_estate_comes_back_with_its_report() {
    let estate = EstateBuilder::new("Contoso", TENANT, "westeurope")
        .preset(Archetype::PublicUnrestricted)
        .project(ProjectBuilder::new("churn"))
        .rule(Code::UnrestrictedTradeOff, RuleLevel::Deny, "not here")
        .build()
        .unwrap();
    let rejected = validate(estate).unwrap_err();
    assert!(rejected.report().has_errors());
    let shown = rejected.to_string();
    assert!(
        shown.starts_with("the estate has 2 validation error(s)\n"),
        "{shown}"
    );
    assert!(shown.contains("[unrestricted-trade-off]"), "{shown}");
    let report = rejected.report().to_string();
    assert_eq!(report.lines().count(), rejected.report().diagnostics.len());

    let estate = rejected.into_estate();
    assert_eq!(estate.projects().len(), 1);
    let boxed: Box<dyn Error> = validate(estate).unwrap_err().into_report().into();
    assert!(boxed.to_string().contains("[unrestricted-trade-off]"));
}

/// The builder takes the landing zone: central zones by resource group, a central Log
/// Analytics workspace, and a project's own subnet; the plan names the central zones and
/// deploys no zone.
#[test]
fn the_builder_places_an_estate_in_a_landing_zone() {
    use mlzone_model::document::{LandingZoneDoc, PrivateDnsDoc, PrivateLinkDoc};
    use mlzone_model::estate::{CentralZones, PrivateDns};
    use mlzone_model::vocabulary::PrivateDnsMode;

    let group = "/subscriptions/0c9e4b7a-2f61-4d38-a5e0-7b3c1d9f2e84/resourceGroups/rg-dns";
    let estate = EstateBuilder::new("Contoso", "72f988bf-86f1-41af-91ab-2d7cd011db47", "westeurope")
        .preset(Archetype::PrivateRestricted)
        .landing_zone(LandingZoneDoc {
            private_dns: Some(PrivateDnsDoc {
                mode: PrivateDnsMode::Existing,
                resource_group: Some(group.try_into().unwrap()),
                zones: Default::default(),
            }),
            log_analytics: Some("/subscriptions/0c9e4b7a-2f61-4d38-a5e0-7b3c1d9f2e84/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law".try_into().unwrap()),
            ..LandingZoneDoc::default()
        })
        .project(ProjectBuilder::new("churn").private_link(PrivateLinkDoc {
            subnet: Some("/subscriptions/a4e1a33c-997e-4353-9f29-b853c58c2095/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s".try_into().unwrap()),
            virtual_network: None,
        }))
        .rule(Code::MissingGroup, RuleLevel::Allow, "groups come later")
        .build()
        .unwrap();
    for (_, environment) in estate.environments() {
        assert!(matches!(
            &environment.landing_zone.private_dns,
            PrivateDns::Existing(CentralZones::ResourceGroup(g)) if g.as_str() == group
        ));
    }
    let validated = mlzone_model::validate::validate(estate).unwrap();
    let plan = mlzone_codegen::plan::Plan::build(&validated).unwrap();
    for environment in &plan.environments {
        let deployment = &environment.deployments[0];
        assert!(deployment.dns.is_none());
        let project = &deployment.projects[0];
        assert!(project.log_analytics.name.is_none());
        let zone = &project.private_endpoints[0].zones[0];
        assert_eq!(
            zone.id.as_deref(),
            Some(
                format!(
                    "{group}/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms"
                )
                .as_str()
            )
        );
    }
}
