//! Every command on every example.

use predicates::prelude::*;

use super::{examples, mlzone};

#[test]
fn validate_every_example() {
    for example in examples() {
        mlzone().arg("validate").arg(&example).assert().success();
        let output = mlzone()
            .args(["validate", "--format", "json"])
            .arg(&example)
            .output()
            .unwrap();
        assert!(output.status.success());
        let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert!(findings.is_array());
    }
}

#[test]
fn validate_default_topology() {
    mlzone()
        .arg("validate")
        .assert()
        .success()
        .stderr(predicate::str::contains("<default topology>"));
}

#[test]
fn show_round_trips_in_every_syntax() {
    for example in examples() {
        for syntax in ["yaml", "toml", "json"] {
            let shown = mlzone()
                .arg("show")
                .arg(&example)
                .args(["--to", syntax])
                .output()
                .unwrap();
            assert!(shown.status.success(), "{example:?} {syntax}");
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(format!("shown.{syntax}"));
            std::fs::write(&path, &shown.stdout).unwrap();
            let again = mlzone()
                .arg("show")
                .arg(&path)
                .args(["--to", syntax])
                .output()
                .unwrap();
            assert!(again.status.success(), "{example:?} {syntax}");
            assert_eq!(again.stdout, shown.stdout, "{example:?} {syntax}");
        }
    }
}

#[test]
fn generate_then_check() {
    for example in examples() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("deploy");
        mlzone()
            .arg("generate")
            .arg(&example)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        mlzone()
            .arg("generate")
            .arg(&example)
            .arg("--out")
            .arg(&out)
            .arg("--check")
            .assert()
            .success();
    }
}

#[test]
fn graph_in_both_syntaxes() {
    for example in examples() {
        mlzone()
            .arg("graph")
            .arg(&example)
            .assert()
            .success()
            .stdout(predicate::str::starts_with("flowchart LR\n"));
        mlzone()
            .arg("graph")
            .arg(&example)
            .args(["--format", "dot"])
            .assert()
            .success()
            .stdout(predicate::str::starts_with("digraph promotion {"));
    }
}

/// `mlzone graph` and the generated docs draw the model's one promotion graph, alike.
#[test]
fn graph_draws_the_diagram_of_the_docs() {
    for example in examples() {
        let dir = tempfile::tempdir().unwrap();
        mlzone()
            .args(["generate", "--target", "docs", "--quiet", "--out"])
            .arg(dir.path())
            .arg(&example)
            .assert()
            .success();
        let page = std::fs::read_to_string(dir.path().join("docs/promotion.md")).unwrap();
        let diagram = page.split("```mermaid\n").nth(1).unwrap();
        let diagram = diagram.split("```").next().unwrap();
        let output = mlzone().arg("graph").arg(&example).output().unwrap();
        assert!(output.status.success());
        assert_eq!(
            String::from_utf8(output.stdout).unwrap(),
            diagram,
            "{}",
            example.display()
        );
    }
}

#[test]
fn schema_is_the_committed_one() {
    let committed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/mlzone.schema.json"),
    )
    .unwrap();
    mlzone().arg("schema").assert().success().stdout(committed);
}

#[test]
fn init_writes_a_document_that_validates_once_its_tenant_is_written_and_refuses_to_overwrite() {
    for preset in [
        "public-restricted",
        "public-unrestricted",
        "private-restricted",
        "private-unrestricted",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("estate.yaml");
        mlzone()
            .args(["init", "--preset", preset])
            .arg(&path)
            .assert()
            .success();
        let written = std::fs::read_to_string(&path).unwrap();
        // No schema address that nothing serves: the comment says how to save the schema.
        assert!(!written.contains("$schema=https://"));
        assert!(written.contains("`mlzone schema > mlzone.schema.json`"));
        assert!(written.contains(&format!("preset: {preset}")));
        // The placeholder tenant is refused until the real one replaces it.
        let output = mlzone()
            .arg("validate")
            .arg(&path)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(findings.as_array().unwrap().len(), 1, "{findings}");
        assert_eq!(findings[0]["path"], "/tenant");
        std::fs::write(
            &path,
            written.replace(
                "tenant: 00000000-0000-0000-0000-000000000000",
                "tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a",
            ),
        )
        .unwrap();
        mlzone().arg("validate").arg(&path).assert().success();
        std::fs::write(&path, &written).unwrap();
        mlzone()
            .arg("init")
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("already exists"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    }
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        mlzone()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("mlzone"));
    }
}

#[test]
fn explain_says_why() {
    mlzone()
        .args([
            "explain",
            "--persona",
            "data-scientist",
            "--env",
            "dev",
            "--action",
        ])
        .arg("Microsoft.MachineLearningServices/workspaces/computes/write")
        .assert()
        .success()
        .stdout(predicate::str::contains("denied: granted by"))
        .stdout(predicate::str::contains(
            "removed by `Microsoft.MachineLearningServices/workspaces/computes/*/write`",
        ));
    let output = mlzone()
        .args([
            "explain",
            "--persona",
            "data-scientist",
            "--env",
            "dev",
            "--format",
            "json",
            "--action",
        ])
        .arg("Microsoft.MachineLearningServices/workspaces/jobs/write")
        .output()
        .unwrap();
    assert!(output.status.success());
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(answer["in-catalog"], true);
    assert_eq!(answer["groups"][0]["decision"]["decision"], "granted");
}

#[test]
fn explain_and_diff_on_every_example() {
    for example in examples() {
        mlzone()
            .arg("explain")
            .arg(&example)
            .args(["--persona", "mlops-engineer", "--env", "prod", "--action"])
            .arg("Microsoft.MachineLearningServices/workspaces/onlineEndpoints/write")
            .assert()
            .success()
            .stdout(predicate::str::contains("allowed"));
        mlzone()
            .arg("diff")
            .arg(&example)
            .args([
                "--persona",
                "data-scientist",
                "--from",
                "dev",
                "--to",
                "prod",
                "--format",
                "json",
            ])
            .assert()
            .success();
    }
}

#[test]
fn diff_lists_lost_operations() {
    mlzone()
        .args([
            "diff",
            "--persona",
            "data-scientist",
            "--from",
            "dev",
            "--to",
            "prod",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "  - Microsoft.MachineLearningServices/workspaces/jobs/write",
        ));
}

#[test]
fn unknown_names_get_a_hint() {
    mlzone()
        .args([
            "diff",
            "--persona",
            "data-scintist",
            "--from",
            "dev",
            "--to",
            "prod",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `data-scientist`?"));
    mlzone()
        .args([
            "explain",
            "--persona",
            "data-scientist",
            "--env",
            "production",
            "--action",
            "x",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown environment `production`"));
}

#[test]
fn sarif_for_every_example() {
    for example in examples() {
        let output = mlzone()
            .args(["validate", "--format", "sarif"])
            .arg(&example)
            .output()
            .unwrap();
        assert!(output.status.success(), "{example:?}");
        let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(log["version"], "2.1.0");
        assert!(
            !log["runs"][0]["tool"]["driver"]["rules"]
                .as_array()
                .unwrap()
                .is_empty()
        );
    }
}

#[test]
fn quiet_validate_prints_only_errors() {
    // Missing groups are warnings; a production environment without approval is an error.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("estate.yaml");
    std::fs::write(
        &path,
        "organisation: Contoso\ntenant: 467096de-d9e3-4d6f-89d6-ef231900a05a\n\
         location: westeurope\nenvironments:\n  - name: dev\n    stage: development\n  \
         - name: test\n    stage: test\n    promotes-from: [dev]\n  - name: prod\n    \
         stage: production\n    promotes-from: [test]\n    without-approval: true\n\
         projects:\n  - name: churn\n",
    )
    .unwrap();
    mlzone()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing-group"))
        .stderr(predicate::str::contains("warning(s)"));
    mlzone()
        .args(["validate", "-q"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("production-without-approval"))
        .stderr(predicate::str::contains("missing-group").not())
        .stderr(predicate::str::contains("error(s)").not());
    // `generate -q` refuses with the errors and the refusal, without the count.
    mlzone()
        .args(["generate", "-q", "--out"])
        .arg(dir.path().join("out"))
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("production-without-approval"))
        .stderr(predicate::str::contains("refusing to generate"))
        .stderr(predicate::str::contains("missing-group").not())
        .stderr(predicate::str::contains("0 warning(s)").not());
    // Warnings only: nothing at all.
    let minimal = examples()
        .into_iter()
        .find(|path| path.ends_with("minimal.yaml"))
        .unwrap();
    mlzone()
        .args(["validate", "--quiet"])
        .arg(&minimal)
        .assert()
        .success()
        .stdout("")
        .stderr("");
    // Requested output stays whole.
    let output = mlzone()
        .args(["validate", "-q", "--format", "json"])
        .arg(&minimal)
        .output()
        .unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(!findings.as_array().unwrap().is_empty());
}

#[test]
fn explain_and_diff_answer_at_the_registry() {
    mlzone()
        .args([
            "explain",
            "--persona",
            "data-scientist",
            "--env",
            "dev",
            "--registry",
            "--action",
        ])
        .arg("Microsoft.MachineLearningServices/registries/assets/write")
        .assert()
        .success()
        .stdout(predicate::str::contains("on the model registry `mlr-"))
        .stdout(predicate::str::contains("(registry-publisher): allowed"));
    mlzone()
        .args([
            "explain",
            "--persona",
            "stakeholder",
            "--env",
            "prod",
            "--registry",
            "--action",
        ])
        .arg("Microsoft.MachineLearningServices/registries/assets/read")
        .assert()
        .success()
        .stdout(predicate::str::contains("(no role): denied"));
    mlzone()
        .args([
            "diff",
            "--persona",
            "mlops-engineer",
            "--from",
            "dev",
            "--to",
            "prod",
            "--registry",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "- Microsoft.MachineLearningServices/registries/assets/write",
        ));
    // The registry belongs to no project.
    mlzone()
        .args([
            "explain",
            "--persona",
            "data-scientist",
            "--env",
            "dev",
            "--registry",
            "--project",
            "churn",
            "--action",
        ])
        .arg("Microsoft.MachineLearningServices/registries/read")
        .assert()
        .code(2);
}

/// A landing zone estate generates central zone groups and no zone; a misnamed central zone
/// is refused with its location and exit status 1, and nothing is written.
#[test]
fn landing_zone_generates_and_refuses_a_misnamed_zone() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = tempfile::tempdir().unwrap();
    mlzone()
        .arg("generate")
        .arg(root.join("examples/landing-zone.yaml"))
        .args(["--target", "bicep", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let module =
        std::fs::read_to_string(out.path().join("bicep/dev/modules/projects/churn.bicep")).unwrap();
    assert!(module.contains("resourceGroups/rg-connectivity-dns/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms"));
    assert!(
        !out.path()
            .join("bicep/dev/modules/private-dns.bicep")
            .exists()
    );

    let bad = root.join("tests/fixtures/invalid/invalid-private-dns-zone-id/estate.yaml");
    let refused = tempfile::tempdir().unwrap();
    mlzone()
        .arg("generate")
        .arg(&bad)
        .arg("--out")
        .arg(refused.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("invalid-private-dns-zone-id"))
        .stderr(predicate::str::contains("estate.yaml:13:39"));
    assert_eq!(std::fs::read_dir(refused.path()).unwrap().count(), 0);
}

#[test]
fn explain_policy_says_which_rule_denies_and_why() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let public = root.join("examples/public-unrestricted.yaml");
    mlzone()
        .arg("explain")
        .arg(&public)
        .args(["--policy", "Deny-Public-Endpoints", "--env", "prod"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "denied: Microsoft.MachineLearningServices/workspaces",
        ))
        .stdout(predicate::str::contains(
            "`notEquals` \"Disabled\" holds (/properties/policyRule/if/allOf/1/anyOf/1)",
        ))
        .stdout(predicate::str::contains(
            "not evaluated, never counted as compliant",
        ));
    let output = mlzone()
        .arg("explain")
        .arg(root.join("tests/fixtures/invalid/inherited-policy-denied/estate.yaml"))
        .args([
            "--policy",
            "Deny-MachineLearning-ComputeCluster-Scale",
            "--effect",
            "Deny",
            "--param",
            "maxNodeCount=4",
            "--param",
            "minNodeCount=0",
            "--param",
            "maxNodeIdleTimeInSecondsBeforeScaleDown=900",
            "--resource",
            "cl-nc6s-v3",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let answers = answer["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0]["denied"], true);
    assert_eq!(
        answers[0]["because"][2]["pointer"],
        "/properties/policyRule/if/allOf/2/anyOf/1"
    );
    mlzone()
        .arg("explain")
        .arg(&public)
        .args(["--policy", "Deny-Public-Endpointz"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "unknown policy `Deny-Public-Endpointz`; did you mean `Deny-Public-Endpoints`?",
        ));
    mlzone()
        .args([
            "explain",
            "--policy",
            "Deny-Public-Endpoints",
            "--param",
            "novalue",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("needs the form NAME=VALUE"));
}

#[test]
fn audit_prints_the_export_commands_of_each_environment() {
    let output = mlzone()
        .args(["audit", "--print-commands", "--from", "out dir"])
        .output()
        .unwrap();
    // The default topology names each environment's subscription.
    let shown = mlzone().args(["show", "--to", "json"]).output().unwrap();
    let document: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    let subscription = document["environments"][2]["subscription"]
        .as_str()
        .unwrap();
    assert!(output.status.success());
    let script = String::from_utf8(output.stdout).unwrap();
    assert!(script.starts_with("#!/bin/sh\n"), "{script}");
    assert!(script.contains("out='out dir'\n"), "{script}");
    for environment in ["dev", "test", "prod"] {
        assert!(
            script.contains(&format!("# environment {environment}\n")),
            "{script}"
        );
        assert!(
            script.contains(&format!("> \"$out\"/{environment}/role-assignments.json")),
            "{script}"
        );
    }
    assert!(script.contains("az role assignment list --all --include-inherited --subscription"));
    assert!(script.contains("az role definition list --custom-role-only true --subscription"));
    assert!(script.contains("--first 1000 --output json ${token:+--skip-token \"$token\"}"));
    assert!(script.contains(&format!("--subscription {subscription} --output json")));
    // The script is valid shell.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.sh");
    std::fs::write(&path, &script).unwrap();
    let checked = std::process::Command::new("sh")
        .arg("-n")
        .arg(&path)
        .status()
        .unwrap();
    assert!(checked.success());
}

/// Runs the script `mlzone audit --print-commands` prints (with `options`) against a
/// stand-in `az` that records its arguments and returns two pages of Resource Graph; the
/// folder it wrote and the calls it made.
fn run_export_script(options: &[&str]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let az = bin.join("az");
    std::fs::write(
        &az,
        "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$AZ_LOG\"\n\
         case \"$*\" in\n\
         *--skip-token*) echo '{\"count\":0,\"data\":[],\"skip_token\":null}' ;;\n\
         *graph*) echo '{\"count\":1,\"data\":[],\"skip_token\":\"next\"}' ;;\n\
         *) echo '[]' ;;\n\
         esac\n",
    )
    .unwrap();
    let jq = bin.join("jq");
    // jq -r '.skip_token // empty' FILE, enough of it for the test.
    std::fs::write(
        &jq,
        "#!/bin/sh\ngrep -q '\"skip_token\":\"next\"' \"$3\" && echo next || true\n",
    )
    .unwrap();
    for tool in [&az, &jq] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tool, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let output = mlzone()
        .args(["audit", "--print-commands"])
        .args(options)
        .arg("--from")
        .arg(dir.path().join("exports"))
        .arg(without_subscriptions(dir.path()))
        .output()
        .unwrap();
    assert!(output.status.success());
    let script = dir.path().join("export.sh");
    std::fs::write(&script, &output.stdout).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let log = dir.path().join("az.log");
    let run = std::process::Command::new("sh")
        .arg(&script)
        .env("PATH", path)
        .env("AZ_LOG", &log)
        .env("SUBSCRIPTION_DEV", "00000000-0000-0000-0000-000000000001")
        .env("SUBSCRIPTION_TEST", "00000000-0000-0000-0000-000000000002")
        .env("SUBSCRIPTION_PROD", "00000000-0000-0000-0000-000000000003")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let calls = std::fs::read_to_string(&log).unwrap();
    (dir, calls)
}

#[test]
fn audit_runs_the_printed_script_against_a_stand_in_az() {
    let (dir, calls) = run_export_script(&[]);
    for environment in ["dev", "test", "prod"] {
        let folder = dir.path().join("exports").join(environment);
        assert!(folder.join("role-assignments.json").is_file());
        assert!(folder.join("role-definitions.json").is_file());
        assert!(folder.join("resources/page-1.json").is_file());
        assert!(folder.join("resources/page-2.json").is_file());
        assert!(!folder.join("resources/page-3.json").exists());
    }
    assert!(calls.contains("--subscription 00000000-0000-0000-0000-000000000003 --output json"));
    assert!(calls.contains("--skip-token next"));
}

#[test]
fn audit_exports_role_assignments_with_resource_graph_on_request() {
    let (dir, calls) = run_export_script(&["--assignments", "resource-graph"]);
    for environment in ["dev", "test", "prod"] {
        let folder = dir.path().join("exports").join(environment);
        assert!(!folder.join("role-assignments.json").exists());
        assert!(folder.join("role-assignments/page-1.json").is_file());
        assert!(folder.join("role-assignments/page-2.json").is_file());
        assert!(folder.join("resources/page-2.json").is_file());
    }
    assert!(calls.contains("authorizationresources"), "{calls}");
    assert!(!calls.contains("role assignment list"), "{calls}");
    assert!(calls.contains("role definition list"), "{calls}");
    // The option belongs to --print-commands.
    mlzone()
        .args(["audit", "--assignments", "resource-graph"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--print-commands"));
}

#[test]
fn audit_says_which_subscription_variable_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let output = mlzone()
        .args(["audit", "--print-commands"])
        .arg(without_subscriptions(dir.path()))
        .output()
        .unwrap();
    let run = std::process::Command::new("sh")
        .arg("-c")
        .arg(String::from_utf8(output.stdout).unwrap())
        .current_dir(dir.path())
        .env_remove("SUBSCRIPTION_DEV")
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(
        String::from_utf8_lossy(&run.stderr)
            .contains("set SUBSCRIPTION_DEV to the subscription of environment dev")
    ); // Nothing was written before the check.
    assert!(!dir.path().join("audit").exists());
}

#[test]
fn audit_prints_the_commands_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let output = mlzone()
        .args(["audit", "--print-commands", "--format", "json"])
        .arg(without_subscriptions(dir.path()))
        .output()
        .unwrap();
    assert!(output.status.success());
    let plan: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let environments = plan["environments"].as_array().unwrap();
    assert_eq!(environments.len(), 3);
    assert_eq!(
        environments[0]["subscription"]["variable"],
        "SUBSCRIPTION_DEV"
    );
    assert_eq!(environments[0]["exports"][2]["paged"], true);
    assert_eq!(environments[0]["exports"][0]["argv"][0]["literal"], "az");
}

#[test]
fn audit_of_an_unusable_document_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("estate.yaml");
    std::fs::write(&path, "organisation: [").unwrap();
    mlzone()
        .args(["audit", "--print-commands"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout("");
}

/// A document that gives no environment a subscription, written in `dir`.
fn without_subscriptions(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("estate.yaml");
    std::fs::write(
        &path,
        "organisation: Contoso\ntenant: 467096de-d9e3-4d6f-89d6-ef231900a05a\n\
         location: westeurope\nprojects:\n  - name: churn\n",
    )
    .unwrap();
    path
}
