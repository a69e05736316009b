//! The view-model of the model promotion pipeline: started by hand with a project, a model
//! name and a version, it shares the version from the development workspace to the registry,
//! tests it as the challenger in each test environment (mirrored or split traffic, a load
//! test that fails the run on its criteria), waits for the production approval, and deploys
//! it in production beside the previous deployment (blue/green) or as the batch endpoint's
//! default. It renders as a GitHub Actions workflow and as an Azure Pipelines pipeline, and
//! each load test as an Azure Load Testing configuration with its requests file.
//!
//! The rules of [`super::pipeline`] hold: every value the pipelines evaluate is a slug, a
//! GUID, a location, a number or fixed text; the scripts read the user's inputs only from
//! environment variables and check them before use.

use mlzone_model::Estate;
use mlzone_model::estate::{Environment, EnvironmentId, Project, TestTraffic, Testing};
use mlzone_model::naming::EstateNames;
use mlzone_model::vocabulary::{Stage, TestCheck};
use serde::Serialize;

use super::docs::ApprovalView;
use super::pipeline::stage_id;

/// The id of the job that shares the model from development to the registry.
pub const PUBLISH_JOB: &str = "publish";

/// The VM size of the online deployments the pipeline creates.
pub const INSTANCE_TYPE: &str = "Standard_DS3_v2";

/// The view of the promotion templates (`pipeline/github-promote.yml.tera`,
/// `pipeline/azure-pipelines-promote.yml.tera`).
#[derive(Debug, Clone, Serialize)]
pub struct PromotionView {
    /// The workflow.
    pub workflow: PromotionWorkflow,
}

/// The promotion workflow.
#[derive(Debug, Clone, Serialize)]
pub struct PromotionWorkflow {
    /// The organisation (comments only).
    pub organisation: String,
    /// The workflow's name.
    pub name: String,
    /// The concurrency group: one promotion at a time.
    pub concurrency: String,
    /// The projects a run may promote (the input's choices), by name.
    pub projects: Vec<String>,
    /// The registry the model is shared to.
    pub registry: String,
    /// The jobs in promotion order: the share to the registry, then each test and
    /// production environment.
    pub jobs: Vec<PromotionJob>,
}

/// One job of the promotion.
#[derive(Debug, Clone, Serialize)]
pub struct PromotionJob {
    /// Its id: `publish` or `promote-{environment}`.
    pub id: String,
    /// The Azure Pipelines stage (the id with `_` for `-`).
    pub stage_id: String,
    /// Its display name.
    pub name: String,
    /// The jobs it waits for.
    pub needs: Vec<String>,
    /// The Azure Pipelines stages it depends on.
    pub depends_on: Vec<String>,
    /// The GitHub and Azure DevOps environment (the environment's name): its protection
    /// rules and approvals gate the job.
    pub environment: String,
    /// The Azure DevOps service connection: `mlzone-{environment}`.
    pub service_connection: String,
    /// The environment's stage.
    pub stage: String,
    /// The approval gate of the environment, which its protection rules carry.
    pub approval: Option<ApprovalView>,
    /// What the job does, one line.
    pub summary: String,
    /// The script of its one step; it reads `PROJECT`, `MODEL_NAME` and `MODEL_VERSION`
    /// from the environment.
    pub script: String,
}

/// The Azure Load Testing configuration of one project in one test environment.
#[derive(Debug, Clone, Serialize)]
pub struct LoadTestConfig {
    /// The environment.
    pub environment: String,
    /// The project.
    pub project: String,
    /// The configuration's path under the output directory.
    pub path: String,
    /// The requests file's path under the output directory.
    pub requests_path: String,
    /// The requests file's name, beside the configuration.
    pub requests_file: String,
    /// The test's id in the load testing resource.
    pub test_id: String,
    /// Its display name.
    pub display_name: String,
    /// Its description.
    pub description: String,
    /// Parallel engines.
    pub engine_instances: u32,
    /// Virtual users per engine.
    pub virtual_users: u32,
    /// Duration in seconds.
    pub duration_seconds: u32,
    /// Ramp-up in seconds.
    pub ramp_up_seconds: u32,
    /// The failure criteria, as Azure Load Testing writes them (`p95(response_time_ms) > 500`).
    pub failure_criteria: Vec<String>,
}

/// What the promotion target writes: the workflow and the load tests.
#[derive(Debug, Clone, Serialize)]
pub struct PromotionPlan {
    /// The workflow, when the estate has a registry to move models through.
    pub view: Option<PromotionView>,
    /// One load test per project and test environment that runs one.
    pub load_tests: Vec<LoadTestConfig>,
}

/// The promotion of `estate`.
pub fn plan(estate: &Estate) -> PromotionPlan {
    let names = EstateNames::for_estate(estate);
    let load_tests = load_tests(estate, &names);
    let view = names.registry(estate).map(|registry| {
        let registry = registry.registry.value;
        let mut jobs = Vec::new();
        // The publish job signs in where the pipelines' principal holds the publisher role.
        if let Some(source) = estate
            .registry()
            .and_then(|registry| registry.publishing_environment(estate))
        {
            jobs.push(publish_job(estate, &names, source, &registry));
        }
        for (id, environment) in estate.environments() {
            let script = match environment.stage {
                Stage::Development => continue,
                Stage::Test => test_script(estate, &names, id, environment, &registry),
                Stage::Production => production_script(estate, &names, id, environment, &registry),
            };
            let needs: Vec<String> = environment
                .promotes_from
                .iter()
                .map(|&from| {
                    let from = &estate[from];
                    if from.stage == Stage::Development {
                        PUBLISH_JOB.to_owned()
                    } else {
                        job_id(from.name.as_str())
                    }
                })
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let env = environment.name.as_str();
            let summary = match environment.stage {
                Stage::Test => format!(
                    "deploy the challenger in {env}, {} and run the load test",
                    environment
                        .testing
                        .as_ref()
                        .map_or("no traffic test".to_owned(), traffic_phrase)
                ),
                _ => format!("deploy in {env}: blue/green online, default batch deployment"),
            };
            jobs.push(PromotionJob {
                id: job_id(env),
                stage_id: stage_id(&job_id(env)),
                name: format!("promote to {}", environment.label()),
                depends_on: needs.iter().map(|n| stage_id(n)).collect(),
                needs,
                environment: env.to_owned(),
                service_connection: format!("mlzone-{env}"),
                stage: environment.stage.as_str().to_owned(),
                approval: environment.approval.as_ref().map(|a| ApprovalView {
                    persona: estate[a.persona].name.to_string(),
                    group: estate[a.persona].groups.get(&id).map(|g| g.to_string()),
                }),
                summary,
                script,
            });
        }
        PromotionView {
            workflow: PromotionWorkflow {
                organisation: estate.organisation().to_owned(),
                name: "mlzone promote".to_owned(),
                concurrency: "mlzone-promote".to_owned(),
                projects: estate.projects().map(|(_, p)| p.name.to_string()).collect(),
                registry,
                jobs,
            },
        }
    });
    PromotionPlan { view, load_tests }
}

/// The job id of an environment's promotion.
pub fn job_id(environment: &str) -> String {
    format!("promote-{environment}")
}

/// How a test environment's traffic reaches the challenger, in words.
pub fn traffic_phrase(testing: &Testing) -> String {
    match testing.traffic {
        TestTraffic::Mirror { percent } => format!("mirror {percent} % of traffic to it"),
        TestTraffic::Split {
            champion,
            challenger,
        } => format!("split traffic {champion} % champion / {challenger} % challenger"),
    }
}

/// The failure criteria of a test environment as Azure Load Testing writes them.
pub fn failure_criteria(testing: &Testing) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(ms) = testing.criteria.response_time_ms {
        out.push(format!(
            "{}(response_time_ms) > {ms}",
            testing.criteria.percentile
        ));
    }
    if let Some(percent) = testing.criteria.error_percent {
        out.push(format!("percentage(error) > {percent}"));
    }
    out
}

/// The load test's id: the project's name, within Azure's 50 characters.
fn test_id(project: &Project) -> String {
    let id: String = project.name.as_str().chars().take(50).collect();
    id.trim_end_matches('-').to_owned()
}

fn load_tests(estate: &Estate, names: &EstateNames) -> Vec<LoadTestConfig> {
    let mut out = Vec::new();
    for (id, environment) in estate.environments() {
        let Some(testing) = &environment.testing else {
            continue;
        };
        for (_, project) in estate.projects() {
            if !project.environments.contains(&id) || !project.endpoints.load_test_in(environment) {
                continue;
            }
            let env = environment.name.as_str();
            let name = project.name.as_str();
            let folder = format!("pipeline/load-tests/{env}");
            let _ = names;
            out.push(LoadTestConfig {
                environment: env.to_owned(),
                project: name.to_owned(),
                path: format!("{folder}/{name}.yaml"),
                requests_path: format!("{folder}/{name}.requests.json"),
                requests_file: format!("{name}.requests.json"),
                test_id: test_id(project),
                display_name: format!("{name} challenger in {env}"),
                description: format!("Load test of the challenger of {name} in {env}"),
                engine_instances: testing.load.engine_instances,
                virtual_users: testing.load.virtual_users,
                duration_seconds: testing.load.duration_seconds,
                ramp_up_seconds: testing.load.ramp_up_seconds,
                failure_criteria: failure_criteria(testing),
            });
        }
    }
    out
}

/// The lines every script starts with: strict mode and the check of the user's inputs.
const PRELUDE: &str = r#"set -euo pipefail
if ! [[ "$MODEL_NAME" =~ ^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$ ]]; then
  echo "the model name is not a model name: letters, digits, '_', '.' and '-', starting with a letter or digit" >&2
  exit 1
fi
if ! [[ "$MODEL_VERSION" =~ ^[1-9][0-9]{0,8}$ ]]; then
  echo "the model version is not a version: a positive whole number" >&2
  exit 1
fi
if ! [[ "$PROJECT" =~ ^[a-z0-9-]{1,63}$ ]]; then
  echo "the project is not a project name" >&2
  exit 1
fi
MODEL="azureml://registries/$REGISTRY/models/$MODEL_NAME/versions/$MODEL_VERSION"
DEPLOYMENT="v$MODEL_VERSION"
"#;

/// One `case` arm: a project's fixed values (names only), then the commands.
fn arm(project: &str, assignments: &[(&str, String)], body: &str) -> String {
    let mut out = format!("  {project})\n");
    for (name, value) in assignments {
        out.push_str(&format!("    {name}='{value}'\n"));
    }
    for line in body.lines() {
        out.push_str(&format!("    {line}\n"));
    }
    out.push_str("    ;;\n");
    out
}

/// A `case` over the projects, with an arm for the others.
fn case(arms: &[String], otherwise: &str) -> String {
    let mut out = String::from("case \"$PROJECT\" in\n");
    for a in arms {
        out.push_str(a);
    }
    out.push_str(&format!("  *)\n    {otherwise}\n    ;;\nesac\n"));
    out
}

fn registry_line(registry: &str) -> String {
    format!("REGISTRY='{registry}'\n")
}

fn publish_job(
    estate: &Estate,
    names: &EstateNames,
    source: EnvironmentId,
    registry: &str,
) -> PromotionJob {
    let environment = &estate[source];
    let env = environment.name.as_str();
    let mut arms = Vec::new();
    for (_, project) in estate.projects() {
        if !project.environments.contains(&source) {
            continue;
        }
        let n = names.of(project, environment);
        arms.push(arm(
            project.name.as_str(),
            &[
                ("RESOURCE_GROUP", n.resource_group().value),
                ("WORKSPACE", n.workspace().value),
            ],
            r#"if az ml model show --registry-name "$REGISTRY" --name "$MODEL_NAME" --version "$MODEL_VERSION" --output none 2>/dev/null; then
  echo "$MODEL_NAME $MODEL_VERSION is already in registry $REGISTRY"
else
  az ml model share --name "$MODEL_NAME" --version "$MODEL_VERSION" --resource-group "$RESOURCE_GROUP" --workspace-name "$WORKSPACE" --registry-name "$REGISTRY" --share-with-name "$MODEL_NAME" --share-with-version "$MODEL_VERSION"
fi"#,
        ));
    }
    let script = format!(
        "{}{PRELUDE}{}",
        registry_line(registry),
        case(
            &arms,
            &format!("echo \"project $PROJECT has no workspace in {env}\" >&2; exit 1"),
        )
    );
    PromotionJob {
        id: PUBLISH_JOB.to_owned(),
        stage_id: stage_id(PUBLISH_JOB),
        name: format!("share from {} to the registry", environment.label()),
        needs: Vec::new(),
        depends_on: Vec::new(),
        environment: env.to_owned(),
        service_connection: format!("mlzone-{env}"),
        stage: environment.stage.as_str().to_owned(),
        approval: None,
        summary: format!("share the model version from the {env} workspace to registry {registry}"),
        script,
    }
}

/// The online deployment's specification, written by the script (values checked above).
const WRITE_SPEC: &str = r#"SPEC="$(mktemp --suffix .yml)"
printf 'name: %s\nendpoint_name: %s\nmodel: %s\ninstance_type: %s\ninstance_count: 1\n' "$DEPLOYMENT" "$ENDPOINT" "$MODEL" "$INSTANCE_TYPE" > "$SPEC"
CURRENT="$(az ml online-endpoint show --name "$ENDPOINT" --resource-group "$RESOURCE_GROUP" --workspace-name "$WORKSPACE" --query traffic --output json | jq -r --arg new "$DEPLOYMENT" 'to_entries | map(select(.key != $new and .value > 0)) | max_by(.value) | .key // empty')"
if az ml online-deployment show --name "$DEPLOYMENT" --endpoint-name "$ENDPOINT" --resource-group "$RESOURCE_GROUP" --workspace-name "$WORKSPACE" --output none 2>/dev/null; then
  az ml online-deployment update --file "$SPEC" --resource-group "$RESOURCE_GROUP" --workspace-name "$WORKSPACE"
else
  az ml online-deployment create --file "$SPEC" --resource-group "$RESOURCE_GROUP" --workspace-name "$WORKSPACE"
fi"#;

const LOAD_TEST: &str = r#"SCORING_URI="$(az ml online-endpoint show --name "$ENDPOINT" --resource-group "$RESOURCE_GROUP" --workspace-name "$WORKSPACE" --query scoring_uri --output tsv)"
SAMPLE="${MLZONE_SAMPLES:-samples}/$PROJECT.json"
if [ ! -f "$SAMPLE" ]; then
  echo "no sample request $SAMPLE for the load test of $PROJECT; see README.md" >&2
  exit 1
fi
TOKEN="$(az account get-access-token --resource https://ml.azure.com --query accessToken --output tsv)"
WORK="$(mktemp -d)"
cp "$MLZONE_OUT/$LOAD_TEST_CONFIG" "$WORK/config.yaml"
jq --arg uri "$SCORING_URI" --arg deployment "$DEPLOYMENT" --arg auth "Bearer $TOKEN" --rawfile body "$SAMPLE" '.scenarios.requestGroup1.requests[0] |= (.endpoint = $uri | .headers["azureml-model-deployment"] = $deployment | .headers.Authorization = $auth | .body = $body)' "$MLZONE_OUT/$LOAD_TEST_REQUESTS" > "$WORK/$REQUESTS_FILE"
if az load test show --load-test-resource "$LOAD_TEST" --resource-group "$RESOURCE_GROUP" --test-id "$TEST_ID" --output none 2>/dev/null; then
  az load test update --load-test-resource "$LOAD_TEST" --resource-group "$RESOURCE_GROUP" --test-id "$TEST_ID" --load-test-config-file "$WORK/config.yaml"
else
  az load test create --load-test-resource "$LOAD_TEST" --resource-group "$RESOURCE_GROUP" --test-id "$TEST_ID" --load-test-config-file "$WORK/config.yaml"
fi
RUN_ID="$TEST_ID-v$MODEL_VERSION-$(date +%s)"
RUN_ID="${RUN_ID: -50}"
az load test-run create --load-test-resource "$LOAD_TEST" --resource-group "$RESOURCE_GROUP" --test-id "$TEST_ID" --test-run-id "$RUN_ID" --display-name "$MODEL_NAME $MODEL_VERSION"
RESULT="$(az load test-run show --load-test-resource "$LOAD_TEST" --resource-group "$RESOURCE_GROUP" --test-run-id "$RUN_ID" --query testResult --output tsv)"
rm -rf "$WORK"
if [ "$RESULT" != "PASSED" ]; then
  echo "load test $RUN_ID of $PROJECT: $RESULT; the failure criteria stop the promotion" >&2
  exit 1
fi
echo "load test $RUN_ID of $PROJECT passed""#;

fn test_script(
    estate: &Estate,
    names: &EstateNames,
    id: EnvironmentId,
    environment: &Environment,
    registry: &str,
) -> String {
    let env = environment.name.as_str();
    let mut arms = Vec::new();
    if let Some(testing) = &environment.testing {
        for (_, project) in estate.projects() {
            if !project.environments.contains(&id) || !project.endpoints.online_in(environment) {
                continue;
            }
            let n = names.of(project, environment);
            let mut values = vec![
                ("RESOURCE_GROUP", n.resource_group().value),
                ("WORKSPACE", n.workspace().value),
                ("ENDPOINT", n.online_endpoint().value),
                ("INSTANCE_TYPE", INSTANCE_TYPE.to_owned()),
            ];
            let traffic = match testing.traffic {
                TestTraffic::Mirror { percent } => format!(
                    r#"if [ -z "$CURRENT" ]; then
  echo "no champion on $ENDPOINT yet: $DEPLOYMENT takes all traffic"
  az ml online-endpoint update --name "$ENDPOINT" --resource-group "$RESOURCE_GROUP" --workspace-name "$WORKSPACE" --traffic "$DEPLOYMENT=100"
else
  az ml online-endpoint update --name "$ENDPOINT" --resource-group "$RESOURCE_GROUP" --workspace-name "$WORKSPACE" --mirror-traffic "$DEPLOYMENT={percent}"
fi"#
                ),
                TestTraffic::Split {
                    champion,
                    challenger,
                } => format!(
                    r#"if [ -z "$CURRENT" ]; then
  echo "no champion on $ENDPOINT yet: $DEPLOYMENT takes all traffic"
  az ml online-endpoint update --name "$ENDPOINT" --resource-group "$RESOURCE_GROUP" --workspace-name "$WORKSPACE" --traffic "$DEPLOYMENT=100"
else
  az ml online-endpoint update --name "$ENDPOINT" --resource-group "$RESOURCE_GROUP" --workspace-name "$WORKSPACE" --traffic "$CURRENT={champion} $DEPLOYMENT={challenger}"
fi"#
                ),
            };
            let mut body = format!("{WRITE_SPEC}\n{traffic}");
            if project.endpoints.load_test_in(environment) {
                let name = project.name.as_str();
                let folder = format!("pipeline/load-tests/{env}");
                values.extend([
                    ("LOAD_TEST", n.load_test().value),
                    ("TEST_ID", test_id(project)),
                    ("LOAD_TEST_CONFIG", format!("{folder}/{name}.yaml")),
                    (
                        "LOAD_TEST_REQUESTS",
                        format!("{folder}/{name}.requests.json"),
                    ),
                    ("REQUESTS_FILE", format!("{name}.requests.json")),
                ]);
                body.push('\n');
                body.push_str(LOAD_TEST);
            }
            if testing
                .checks
                .iter()
                .any(|c| !matches!(c, TestCheck::Load | TestCheck::ResponseTime))
            {
                let others: Vec<&str> = testing
                    .checks
                    .iter()
                    .filter(|c| !matches!(c, TestCheck::Load | TestCheck::ResponseTime))
                    .map(|c| c.as_str())
                    .collect();
                body.push_str(&format!(
                    "\necho \"checks left to the project's own tests in {env}: {}\"",
                    others.join(", ")
                ));
            }
            arms.push(arm(project.name.as_str(), &values, &body));
        }
    }
    format!(
        "{}{PRELUDE}{}",
        registry_line(registry),
        case(
            &arms,
            &format!(
                "echo \"project $PROJECT has no online endpoint to test in {env}; nothing to do here\""
            ),
        )
    )
}

fn production_script(
    estate: &Estate,
    names: &EstateNames,
    id: EnvironmentId,
    environment: &Environment,
    registry: &str,
) -> String {
    let env = environment.name.as_str();
    let mut arms = Vec::new();
    for (_, project) in estate.projects() {
        if !project.environments.contains(&id) {
            continue;
        }
        let online = project.endpoints.online_in(environment);
        let batch = project.endpoints.batch_in(environment);
        if !online && !batch {
            continue;
        }
        let n = names.of(project, environment);
        let mut values = vec![
            ("RESOURCE_GROUP", n.resource_group().value),
            ("WORKSPACE", n.workspace().value),
        ];
        let mut body = String::new();
        if online {
            values.push(("ENDPOINT", n.online_endpoint().value));
            values.push(("INSTANCE_TYPE", INSTANCE_TYPE.to_owned()));
            body.push_str(WRITE_SPEC);
            body.push_str(
                r#"
az ml online-endpoint update --name "$ENDPOINT" --resource-group "$RESOURCE_GROUP" --workspace-name "$WORKSPACE" --traffic "$DEPLOYMENT=100"
if [ -n "$CURRENT" ]; then
  echo "previous deployment $CURRENT kept at 0 % for rollback: az ml online-endpoint update --name $ENDPOINT --resource-group $RESOURCE_GROUP --workspace-name $WORKSPACE --traffic $CURRENT=100"
fi"#,
            );
        }
        if batch {
            values.push(("BATCH_ENDPOINT", n.batch_endpoint().value));
            match project.compute.pipelines.first() {
                Some(pipeline) => {
                    values.push(("CLUSTER", n.pipeline_cluster(&pipeline.name).value));
                    if !body.is_empty() {
                        body.push('\n');
                    }
                    body.push_str(
                        r#"BATCH_SPEC="$(mktemp --suffix .yml)"
printf 'name: %s\nendpoint_name: %s\nmodel: %s\ncompute: azureml:%s\nresources:\n  instance_count: 1\n' "$DEPLOYMENT" "$BATCH_ENDPOINT" "$MODEL" "$CLUSTER" > "$BATCH_SPEC"
az ml batch-deployment create --file "$BATCH_SPEC" --resource-group "$RESOURCE_GROUP" --workspace-name "$WORKSPACE" --set-default"#,
                    );
                }
                None => {
                    if !body.is_empty() {
                        body.push('\n');
                    }
                    body.push_str(&format!(
                        "echo \"project $PROJECT has no production pipeline cluster in {env} to run batch deployments on; add one under compute.pipelines\" >&2\nexit 1"
                    ));
                }
            }
        }
        arms.push(arm(project.name.as_str(), &values, &body));
    }
    format!(
        "{}{PRELUDE}{}",
        registry_line(registry),
        case(
            &arms,
            &format!("echo \"project $PROJECT has no endpoint in {env}; nothing to deploy\""),
        )
    )
}
