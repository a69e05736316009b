//! Properties of the validator: one defect injected into a valid estate gives exactly the
//! finding of that defect, and nothing else changes.

use std::collections::BTreeSet;

use mlzone_model::document::RoleDoc;
use mlzone_model::newtypes::Slug;
use mlzone_model::synthetic::{Settings, document};
use mlzone_model::validate::check;
use mlzone_model::vocabulary::{AccessLevel, PersonaKind, Stage};
use mlzone_model::{Code, Document, resolve};
use proptest::prelude::*;

/// A valid synthetic document with every default written out.
fn valid(projects: usize, data_scientists: usize, seed: u64) -> Document {
    let settings = Settings {
        projects,
        data_scientists,
        clusters: 2,
        seed,
    };
    let estate = resolve(&document(settings)).unwrap();
    assert!(!check(&estate).has_errors(), "the base estate is valid");
    estate.to_document()
}

/// The codes found in `document` that its base did not give.
fn new_codes(base: &Document, document: &Document) -> BTreeSet<Code> {
    let before: BTreeSet<Code> = check(&resolve(base).unwrap())
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    let estate = resolve(document).unwrap_or_else(|e| panic!("the defect must resolve: {e:#?}"));
    check(&estate)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .filter(|code| !before.contains(code))
        .collect()
}

fn environment_index(document: &Document, stage: Stage) -> usize {
    document
        .environments
        .as_ref()
        .unwrap()
        .iter()
        .position(|e| e.stage == stage)
        .unwrap()
}

fn persona_of_kind(document: &Document, kind: PersonaKind) -> Slug {
    document
        .personas
        .as_ref()
        .unwrap()
        .iter()
        .find(|(_, p)| p.kind == Some(kind))
        .map(|(name, _)| name.clone())
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn a_registry_reader_role_that_writes_is_found(
        projects in 1_usize..4,
        seed in any::<u64>(),
        write in prop::sample::select(vec![
            "Microsoft.MachineLearningServices/registries/assets/delete",
            "Microsoft.MachineLearningServices/registries/assets/write",
            "Microsoft.MachineLearningServices/registries/write",
            "Microsoft.MachineLearningServices/registries/*",
        ]),
    ) {
        let base = valid(projects, 2, seed);
        let mut defect = base.clone();
        defect.roles.push(RoleDoc {
            name: Slug::try_from("registry-reader-plus").unwrap(),
            display_name: None,
            description: "Reads the registry's models, and one thing more.".to_owned(),
            extends: Vec::new(),
            actions: vec![
                "Microsoft.MachineLearningServices/registries/read".to_owned(),
                "Microsoft.MachineLearningServices/registries/assets/read".to_owned(),
                write.to_owned(),
            ],
            not_actions: Vec::new(),
            data_actions: Vec::new(),
            not_data_actions: Vec::new(),
        });
        defect.registry.reader_role = Some("registry-reader-plus".to_owned());
        prop_assert_eq!(new_codes(&base, &defect), BTreeSet::from([Code::RegistryReaderWrites]));
    }

    #[test]
    fn an_injected_promotion_cycle_is_found(projects in 1_usize..4, seed in any::<u64>(), close_at in 1_usize..3) {
        let base = valid(projects, 2, seed);
        let mut defect = base.clone();
        let environments = defect.environments.as_mut().unwrap();
        let names: Vec<Slug> = environments.iter().map(|e| e.name.clone()).collect();
        // The first environment promotes from a later one: dev ← test or dev ← prod.
        environments[0].promotes_from.push(names[close_at].clone());
        prop_assert_eq!(new_codes(&base, &defect), BTreeSet::from([Code::PromotionCycle]));
    }

    #[test]
    fn an_injected_escalating_action_is_found(
        projects in 1_usize..4,
        seed in any::<u64>(),
        action in prop::sample::select(vec![
            "Microsoft.Authorization/*/write",
            "Microsoft.Authorization/roleAssignments/write",
            "Microsoft.Authorization/roleDefinitions/write",
            "Microsoft.Authorization/elevateAccess/action",
        ]),
    ) {
        let base = valid(projects, 2, seed);
        let mut defect = base.clone();
        defect.roles.push(RoleDoc {
            name: Slug::try_from("access-changer").unwrap(),
            display_name: None,
            description: "Reads the workspace and changes access.".to_owned(),
            extends: vec!["read-only".to_owned()],
            actions: vec![action.to_owned()],
            not_actions: Vec::new(),
            data_actions: Vec::new(),
            not_data_actions: Vec::new(),
        });
        prop_assert_eq!(new_codes(&base, &defect), BTreeSet::from([Code::PrivilegeEscalation]));
    }

    #[test]
    fn a_missing_approval_gate_is_found(projects in 1_usize..4, seed in any::<u64>()) {
        let base = valid(projects, 2, seed);
        let mut defect = base.clone();
        let prod = environment_index(&defect, Stage::Production);
        defect.environments.as_mut().unwrap()[prod].approval = None;
        defect.environments.as_mut().unwrap()[prod].without_approval = true;
        prop_assert_eq!(new_codes(&base, &defect), BTreeSet::from([Code::ProductionWithoutApproval]));
    }

    #[test]
    fn writes_in_production_are_found(
        projects in 1_usize..4,
        seed in any::<u64>(),
        kind in prop::sample::select(vec![PersonaKind::DataScientist, PersonaKind::DataEngineer]),
    ) {
        let base = valid(projects, 2, seed);
        let mut defect = base.clone();
        let persona = persona_of_kind(&defect, kind);
        let prod = defect.environments.as_ref().unwrap()[environment_index(&defect, Stage::Production)].name.clone();
        defect.personas.as_mut().unwrap().get_mut(&persona).unwrap().access.insert(prod, AccessLevel::Configure);
        prop_assert_eq!(new_codes(&base, &defect), BTreeSet::from([Code::ProductionNotReadOnly]));
    }

    #[test]
    fn a_shared_compute_instance_is_found(
        projects in 1_usize..4,
        people in 2_usize..5,
        seed in any::<u64>(),
        pick in any::<prop::sample::Index>(),
    ) {
        let base = valid(projects, people, seed);
        let mut defect = base.clone();
        let project = pick.index(projects);
        let scientists = &mut defect.projects[project].data_scientists;
        let (a, b) = (pick.index(people), (pick.index(people) + 1) % people);
        scientists[b].object_id = scientists[a].object_id;
        prop_assert_eq!(new_codes(&base, &defect), BTreeSet::from([Code::SharedComputeInstance]));
    }
}
