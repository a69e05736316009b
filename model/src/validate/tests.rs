use super::*;
use crate::diagnostic::Code;

fn load(name: &str, text: &str) -> crate::Loaded {
    crate::load_estate(name, text.as_bytes(), None, &crate::Limits::default()).unwrap()
}

fn codes(report: &Report) -> Vec<(Code, Severity)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity))
        .collect()
}

#[test]
fn the_default_topology_has_no_error() {
    let loaded = crate::load_default().unwrap();
    let report = check(&loaded.estate);
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
}

#[test]
fn examples_have_no_error() {
    for (name, text) in [
        (
            "enterprise.yaml",
            include_str!("../../tests/fixtures/examples/enterprise.yaml"),
        ),
        (
            "minimal.yaml",
            include_str!("../../tests/fixtures/examples/minimal.yaml"),
        ),
        (
            "private-restricted.yaml",
            include_str!("../../tests/fixtures/examples/private-restricted.yaml"),
        ),
        (
            "private-unrestricted.yaml",
            include_str!("../../tests/fixtures/examples/private-unrestricted.yaml"),
        ),
        (
            "public-restricted.yaml",
            include_str!("../../tests/fixtures/examples/public-restricted.yaml"),
        ),
        (
            "public-unrestricted.yaml",
            include_str!("../../tests/fixtures/examples/public-unrestricted.yaml"),
        ),
    ] {
        let loaded = load(name, text);
        let report = Report {
            diagnostics: loaded.located.locate(check(&loaded.estate).diagnostics),
        };
        let shown: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
        eprintln!("{name}:\n  {}", shown.join("\n  "));
        assert!(!report.has_errors(), "{name}: {shown:#?}");
    }
}

#[test]
fn the_graph_holds_environments_and_roles() {
    let loaded = crate::load_default().unwrap();
    let estate = &loaded.estate;
    let graph = graph::EstateGraph::new(estate);
    let (nodes, edges) = graph.size();
    let bases: usize = estate.roles().map(|(_, role)| role.extends.len()).sum();
    assert!(
        nodes >= estate.environments().count() + estate.roles().len(),
        "{nodes}"
    );
    assert_eq!(edges, 2 + bases);
    assert_eq!(graph.promotions().len(), 2);
    assert!(graph.promotion_cycles().is_empty());
}

#[test]
fn every_rule_has_metadata_in_house_style() {
    let mut seen = std::collections::BTreeSet::new();
    for info in rules() {
        assert!(seen.insert(info.code), "{} listed twice", info.code);
        assert!(!info.summary.ends_with('.'), "{}", info.code);
        assert!(
            info.summary
                .chars()
                .next()
                .is_some_and(|c| !c.is_uppercase()),
            "{}",
            info.code
        );
        assert!(!info.help.ends_with('.'), "{}", info.code);
        assert!(info.description.ends_with('.'), "{}", info.code);
    }
    let mut sorted: Vec<Code> = seen.iter().copied().collect();
    sorted.sort();
    assert_eq!(
        sorted,
        rules().map(|i| i.code).collect::<Vec<_>>(),
        "catalog in code order"
    );
}

#[test]
fn the_codes_that_are_rules_are_the_catalog() {
    use strum::IntoEnumIterator;
    let rule_codes: Vec<Code> = Code::iter().filter(|code| code.is_rule()).collect();
    assert_eq!(rule_codes, rules().map(|i| i.code).collect::<Vec<_>>());
    let refused = [
        Code::RoleCycle,
        Code::RoleNotExpressible,
        Code::NameCollision,
        Code::DuplicateRoleName,
        Code::PrivateDnsZoneMissing,
        Code::InvalidPrivateDnsZoneId,
        Code::PrivateDnsSovereignCloud,
    ];
    for info in rules() {
        assert_eq!(
            info.takes_level(),
            !refused.contains(&info.code),
            "{}",
            info.code
        );
    }
    assert!(
        Code::iter()
            .filter(|code| !code.is_rule())
            .all(|code| !code.takes_level())
    );
}

#[test]
fn levels_change_severity_and_allow_silences() {
    let base = include_str!("../../tests/fixtures/examples/public-unrestricted.yaml");
    let report = check(&load("a.yaml", base).estate);
    assert!(codes(&report).contains(&(Code::UnrestrictedTradeOff, Severity::Warning)));

    let denied = format!(
        "{base}rules:\n  unrestricted-trade-off:\n    level: deny\n    reason: no contributor here\n"
    );
    let report = check(&load("b.yaml", &denied).estate);
    let finding = report
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnrestrictedTradeOff)
        .unwrap();
    assert_eq!(finding.severity, Severity::Error);
    assert!(
        finding
            .related
            .iter()
            .any(|r| r.message.contains("no contributor here"))
    );

    let allowed = format!(
        "{base}rules:\n  unrestricted-trade-off:\n    level: allow\n    reason: accepted by the board\n"
    );
    let report = check(&load("c.yaml", &allowed).estate);
    assert!(
        !codes(&report)
            .iter()
            .any(|(c, _)| *c == Code::UnrestrictedTradeOff)
    );
}

/// The rules of issue 17 hold the CAF defaults to themselves: the default topology and every
/// archetype starter gets none of their findings, warnings included.
#[test]
fn caf_defaults_pass_the_separation_compute_and_test_rules() {
    let new_codes = [
        Code::SeparationOfDuties,
        Code::NoProductionEnvironment,
        Code::NobodyCreatesCompute,
        Code::TestPromotesNowhere,
        Code::TestAccessNotLimited,
        Code::PersonaKindMismatch,
        Code::PrivateLinkIgnored,
        Code::InvisibleCharacters,
    ];
    let mut estates = vec![crate::load_default().unwrap().estate];
    for (name, text) in [
        (
            "private-restricted.yaml",
            include_str!("../../tests/fixtures/examples/private-restricted.yaml"),
        ),
        (
            "private-unrestricted.yaml",
            include_str!("../../tests/fixtures/examples/private-unrestricted.yaml"),
        ),
        (
            "public-restricted.yaml",
            include_str!("../../tests/fixtures/examples/public-restricted.yaml"),
        ),
        (
            "public-unrestricted.yaml",
            include_str!("../../tests/fixtures/examples/public-unrestricted.yaml"),
        ),
        (
            "enterprise.yaml",
            include_str!("../../tests/fixtures/examples/enterprise.yaml"),
        ),
    ] {
        estates.push(load(name, text).estate);
    }
    for estate in &estates {
        let report = check(estate);
        let found: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| new_codes.contains(&d.code))
            .collect();
        assert!(found.is_empty(), "{found:#?}");
    }
}

/// A role that grants more than reads only outside the operation catalog (deployments,
/// storage accounts) still makes its holder more than a reader: the approver of production
/// and a data scientist there are reported, not passed.
#[test]
fn grants_beyond_the_catalog_are_not_reads() {
    let text = |actions: &str| {
        format!(
            "organisation: Contoso
tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a
location: westeurope
projects:
  - name: churn
roles:
  - name: deployer
    description: Reads, and {actions}.
    extends: [read-only]
    actions: [{actions}]
personas:
  data-scientist:
    roles: {{prod: deployer}}
  stakeholder:
    roles: {{prod: deployer}}
"
        )
    };
    let found = |actions: &str| -> Vec<Code> {
        let report = check(&load("deployer.yaml", &text(actions)).estate);
        let mut found: Vec<Code> = report
            .diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|c| [Code::SeparationOfDuties, Code::ProductionNotReadOnly].contains(c))
            .collect();
        found.sort();
        found
    };
    for actions in [
        "Microsoft.Resources/deployments/*",
        "Microsoft.Storage/storageAccounts/write",
    ] {
        assert_eq!(
            found(actions),
            [Code::SeparationOfDuties, Code::ProductionNotReadOnly],
            "{actions}"
        );
    }
    // Reads of other providers stay reads.
    assert_eq!(found("Microsoft.Storage/*/read"), []);
}

/// A pattern in the wrong plane is reported with the list it was written in.
#[test]
fn data_action_mismatch_names_the_list_of_the_pattern() {
    let loaded = load(
        "lists.yaml",
        "organisation: Contoso
tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a
location: westeurope
projects:
  - name: churn
roles:
  - name: reviewer
    description: Reads jobs.
    extends: [read-only]
    not-data-actions: [Microsoft.MachineLearningServices/workspaces/jobs/read]
",
    );
    let report = check(&loaded.estate);
    let messages: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::DataActionMismatch)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "`Microsoft.MachineLearningServices/workspaces/jobs/read` in `not-data-actions` matches only control operations: `Microsoft.MachineLearningServices/workspaces/jobs/read`"
        ]
    );
}

/// A persona named after a kind with a plural or a qualifier, but of another kind (declared,
/// or `custom` by default since the name is not exactly a kind), escapes that kind's rules:
/// it is warned about at the persona, as one named exactly after the kind is at its `kind`.
#[test]
fn persona_kind_mismatch_sees_plural_and_qualified_names() {
    let text = "organisation: Contoso
tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a
location: westeurope
projects:
  - name: churn
personas:
  data-scientists:
    access: {prod: full}
  data-scientist-emea:
    kind: custom
  workspace-admins:
    kind: workspace-admin
  stakeholder-board: {}
  data-engineer:
    kind: custom
  scientists:
    kind: custom
";
    let report = check(&load("kinds.yaml", text).estate);
    let found: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::PersonaKindMismatch)
        .map(|d| (d.path.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "/personas/data-engineer/kind",
                "persona `data-engineer` is named after kind `data-engineer` but is of kind `custom`, so no rule about `data-engineer` checks it"
            ),
            (
                "/personas/data-scientist-emea",
                "persona `data-scientist-emea` is named after kind `data-scientist` but is of kind `custom`, so no rule about `data-scientist` checks it"
            ),
            (
                "/personas/data-scientists",
                "persona `data-scientists` is named after kind `data-scientist` but is of kind `custom`, so no rule about `data-scientist` checks it"
            ),
            (
                "/personas/stakeholder-board",
                "persona `stakeholder-board` is named after kind `stakeholder` but is of kind `custom`, so no rule about `stakeholder` checks it"
            ),
        ]
    );
}

/// A data scientist given a role in test that grants more than `configure` is warned about
/// as one given `experiment` access there is; a role within `configure` is not.
#[test]
fn test_access_not_limited_judges_role_overrides() {
    let text = |role: &str| {
        format!(
            "organisation: Contoso
tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a
location: westeurope
projects:
  - name: churn
personas:
  data-scientist:
    roles: {{test: {role}}}
  workspace-admin: {{}}
  stakeholder: {{}}
"
        )
    };
    let found = |role: &str| -> Vec<String> {
        check(&load("test-role.yaml", &text(role)).estate)
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::TestAccessNotLimited)
            .map(|d| format!("{} {}", d.path, d.message))
            .collect()
    };
    let reported = found("data-scientist");
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert!(
        reported[0].starts_with("/personas/data-scientist/roles/test persona `data-scientist` holds `data-scientist` in test environment `test` in project `churn`, which grants more than `configure`: "),
        "{reported:?}"
    );
    assert_eq!(found("configure"), Vec::<String>::new());
    assert_eq!(found("read-only"), Vec::<String>::new());
}

/// "Create compute" is one capability for every rule: a workspace admin whose role writes
/// compute but cannot delete it creates no compute for `nobody-creates-compute` either.
#[test]
fn compute_creation_needs_write_and_delete_in_every_rule() {
    let text = |actions: &str| {
        format!(
            "organisation: Contoso
tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a
location: westeurope
projects:
  - name: churn
roles:
  - name: builder
    description: Reads, and {actions}.
    extends: [read-only]
    actions: [{actions}]
personas:
  workspace-admin:
    roles: {{dev: builder}}
  stakeholder: {{}}
"
        )
    };
    let found = |actions: &str| -> Vec<Code> {
        let report = check(&load("builder.yaml", &text(actions)).estate);
        let mut found: Vec<Code> = report
            .diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|c| {
                [
                    Code::NobodyCreatesCompute,
                    Code::WorkspaceAdminCannotCreateCompute,
                ]
                .contains(c)
            })
            .collect();
        found.sort();
        found
    };
    let mut both = vec![
        Code::NobodyCreatesCompute,
        Code::WorkspaceAdminCannotCreateCompute,
    ];
    both.sort();
    assert_eq!(
        found("Microsoft.MachineLearningServices/workspaces/computes/write"),
        both
    );
    assert_eq!(
        found("Microsoft.MachineLearningServices/workspaces/computes/*"),
        []
    );
}

/// An approver holding a built-in role whose permissions mlzone does not know may change
/// production for all the validator can tell: separation of duties does not pass it.
#[test]
fn separation_of_duties_refuses_an_approver_with_unknown_permissions() {
    let text = "organisation: Contoso
tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a
location: westeurope
personas:
  stakeholder:
    roles:
      prod: Foundry User
projects:
  - name: churn
";
    let report = check(&load("approver.yaml", text).estate);
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::SeparationOfDuties)
        .map(|d| format!("{} {} {:?}", d.path, d.message, d.severity))
        .collect();
    assert_eq!(
        found,
        [
            "/personas/stakeholder/roles/prod persona `stakeholder` approves promotion into production environment `prod` and holds `Foundry User` in project `churn`, whose permissions mlzone does not know Error"
        ],
    );
    assert!(report.has_errors());
}
