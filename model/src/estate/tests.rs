//! Ids line up with the items they name, whatever the document's order.

use super::*;
use crate::{Format, Limits, Source, load_source};

/// Items listed against their canonical order, so ids given in document order would be wrong.
const DOCUMENT: &str = "\
organisation: Contoso
tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a
location: westeurope
environments:
  - name: prod
    stage: production
    promotes-from: [test]
    approval:
      persona: stakeholder
  - name: test
    stage: test
    promotes-from: [dev]
  - name: dev
    stage: development
personas:
  stakeholder:
    groups:
      prod: 2db136a5-10cd-4412-b809-7141b3cf0514
  auditor:
    kind: custom
    groups:
      test: e2758e50-878c-476b-9590-955caf46f7f0
    roles:
      test: zeta
roles:
  - name: zeta
    description: Extends a role listed after it.
    extends: [alpha]
  - name: alpha
    description: Extends a shipped role.
    extends: [read-only]
projects:
  - name: zulu
    environments: [prod]
  - name: alpha
    environments: [dev, test]
";

fn estate() -> Estate {
    let source = Source::new("estate.yaml", DOCUMENT);
    load_source(source, Format::Yaml, &Limits::default())
        .unwrap()
        .estate
}

fn name(estate: &Estate, role: RoleRef) -> &str {
    role.reference_name(estate)
}

#[test]
fn the_iterators_ids_index_their_own_items() {
    let estate = estate();
    for (id, item) in estate.environments() {
        assert!(std::ptr::eq(&estate[id], item));
    }
    for (id, item) in estate.personas() {
        assert!(std::ptr::eq(&estate[id], item));
    }
    for (id, item) in estate.projects() {
        assert!(std::ptr::eq(&estate[id], item));
    }
    for (id, item) in estate.roles() {
        assert!(std::ptr::eq(&estate[id], item));
    }
}

#[test]
fn every_id_an_item_holds_names_what_the_document_named() {
    let estate = estate();
    let env = |name: &str| estate.environment_named(name).unwrap();
    let (dev, test, prod) = (env("dev"), env("test"), env("prod"));

    let sources = |id: EnvironmentId| -> Vec<&str> {
        estate[id]
            .promotes_from
            .iter()
            .map(|&from| estate[from].name.as_str())
            .collect()
    };
    assert_eq!(sources(test), ["dev"]);
    assert_eq!(sources(prod), ["test"]);
    let approval = estate[prod].approval.as_ref().unwrap();
    assert_eq!(estate[approval.persona].name.as_str(), "stakeholder");

    let auditor = &estate[estate.persona_named("auditor").unwrap()];
    let groups: Vec<&str> = auditor
        .groups
        .keys()
        .map(|&e| estate[e].name.as_str())
        .collect();
    assert_eq!(groups, ["test"]);
    let role = *auditor.roles.get(&test).unwrap();
    assert_eq!(name(&estate, role), "zeta");
    let RoleRef::Custom(zeta) = role else {
        panic!("`zeta` is a custom role");
    };
    let bases: Vec<&str> = estate[zeta]
        .extends
        .iter()
        .map(|&r| name(&estate, r))
        .collect();
    assert_eq!(bases, ["alpha"]);
    let RoleRef::Custom(alpha) = estate[zeta].extends[0] else {
        panic!("`alpha` is a custom role");
    };
    let bases: Vec<&str> = estate[alpha]
        .extends
        .iter()
        .map(|&r| name(&estate, r))
        .collect();
    assert_eq!(bases, ["read-only"]);

    let places = |project: &str| -> Vec<&str> {
        estate[estate.project_named(project).unwrap()]
            .environments
            .iter()
            .map(|&e| estate[e].name.as_str())
            .collect()
    };
    assert_eq!(places("alpha"), ["dev", "test"]);
    assert_eq!(places("zulu"), ["prod"]);
    assert_eq!(dev.index(), 0);
}

#[test]
fn a_name_typed_outside_the_document_gets_the_wording_resolution_gives() {
    let estate = estate();
    let typed = estate.persona_by_name("stakeholdr").unwrap_err();
    let document = DOCUMENT.replace("persona: stakeholder", "persona: stakeholdr");
    let source = Source::new("estate.yaml", document.as_str());
    let diagnostics = load_source(source, Format::Yaml, &Limits::default()).unwrap_err();
    let written = diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownReference)
        .unwrap();
    assert_eq!(
        (typed.code, &typed.message, &typed.help),
        (written.code, &written.message, &written.help)
    );
    assert_eq!(
        typed.one_line(),
        "unknown persona `stakeholdr`; did you mean `stakeholder`?"
    );
    assert_eq!(
        estate.environment_by_name("zzz").unwrap_err().one_line(),
        "unknown environment `zzz`; known: `dev`, `test`, `prod`"
    );
    assert_eq!(
        estate.project_by_name("zulu").ok(),
        estate.project_named("zulu")
    );
}
