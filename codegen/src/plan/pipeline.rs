//! The view-model of the `pipeline` target: one deployment workflow, which renders as a GitHub
//! Actions workflow and as an Azure Pipelines YAML pipeline. Both deploy the generated Bicep
//! environment by environment in promotion order behind a drift gate.
//!
//! Both files render this one view-model, escaped by `yaml_string`; shell
//! commands read values only from environment variables, so no value is interpolated into a
//! script. Neither GitHub (`${{ … }}`) nor Azure Pipelines (`$( … )`, `${{ … }}`, `$[ … ]`)
//! has an escape for its expressions inside a string, so every value the pipelines evaluate
//! is made of slugs, locations, GUIDs and fixed text; free text (the organisation's name)
//! appears only in comments.

use serde::Serialize;

use super::docs::{ApprovalView, LandingZoneView};
use super::model_registry::{REGISTRY_FOLDER, RegistryPlan};
use super::{Parameter, Plan};
use crate::fileset::GENERATOR_VERSION;

/// The job that runs the drift gate; every environment without a source needs it.
pub const DRIFT_JOB: &str = "drift";

/// The branch the workflow deploys from.
pub const BRANCH: &str = "main";

/// The view of the pipeline templates (`pipeline/github-workflow.yml.tera`,
/// `pipeline/azure-pipelines.yml.tera`, `pipeline/readme.md.tera`).
#[derive(Debug, Clone, Serialize)]
pub struct PipelineView {
    /// The workflow.
    pub workflow: Workflow,
}

/// The deployment workflow.
#[derive(Debug, Clone, Serialize)]
pub struct Workflow {
    /// The organisation.
    pub organisation: String,
    /// The workflow's name.
    pub name: String,
    /// The branch whose pushes deploy.
    pub branch: String,
    /// The concurrency group: one deployment at a time.
    pub concurrency: String,
    /// The Entra ID tenant.
    pub tenant: String,
    /// The drift gate's job id, also its Azure Pipelines stage.
    pub drift_job: String,
    /// The version of mlzone the drift gate installs from PyPI: the one generating.
    pub mlzone_version: String,
    /// One job per environment, in promotion order.
    pub jobs: Vec<Job>,
}

/// The job deploying one environment.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    /// Its id: `deploy-{environment}`.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// The jobs it waits for: those of the environments it is promoted from, or the drift
    /// gate.
    pub needs: Vec<String>,
    /// The Azure Pipelines stage: the job id with `_` for `-` (stage names allow only
    /// letters, digits and `_`; slugs have no `_`, so distinct ids stay distinct).
    pub stage_id: String,
    /// The Azure Pipelines stages it depends on: those of `needs`.
    pub depends_on: Vec<String>,
    /// The GitHub environment and the Azure DevOps environment (the environment's name).
    pub environment: String,
    /// The Azure DevOps service connection the stage deploys with: `mlzone-{environment}`.
    pub service_connection: String,
    /// The Azure DevOps variable group holding `variables`, when there are any:
    /// `mlzone-{environment}`.
    pub variable_group: Option<String>,
    /// The environment's stage.
    pub stage: String,
    /// The region of the subscription-scope deployments.
    pub location: String,
    /// The subscription, when the document gives it.
    pub subscription: Option<String>,
    /// The approval gate, which becomes required reviewers.
    pub approval: Option<ApprovalView>,
    /// Its place in the landing zone: the policies to assign before it deploys, the central
    /// zones it names.
    pub landing_zone: LandingZoneView,
    /// The deployments, in the order they must run.
    pub deployments: Vec<DeployStep>,
    /// Every variable its deployments read, by name.
    pub variables: Vec<Variable>,
}

/// One subscription-scope deployment: a what-if, then the deployment.
#[derive(Debug, Clone, Serialize)]
pub struct DeployStep {
    /// The deployment's name in Azure.
    pub deployment: String,
    /// The Bicep file, relative to the repository root (under `$MLZONE_OUT`).
    pub template: String,
    /// The what-if step's name.
    pub what_if_name: String,
    /// The what-if command.
    pub what_if: String,
    /// The deployment step's name.
    pub create_name: String,
    /// The deployment command.
    pub create: String,
    /// The variables its parameters read.
    pub variables: Vec<Variable>,
}

/// A GitHub environment variable, or an Azure DevOps variable group's variable, holding a
/// template parameter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Variable {
    /// The variable's name (`MLZONE_DATA_SCIENTIST_GROUP_ID`), also the step's environment
    /// variable.
    pub name: String,
    /// The GitHub expression that reads it: `${{ vars.NAME }}`.
    pub expression: String,
    /// The Azure Pipelines macro that reads it: `$(NAME)`.
    pub macro_expression: String,
    /// The template parameter.
    pub parameter: String,
    /// What to set it to.
    pub description: String,
}

/// Lines that stop a step whose variables were not set, before `az` sees them: an unset
/// GitHub variable reads as empty, and an Azure Pipelines macro naming a variable that no
/// group holds stays as its own text, `$(NAME)`, which no parameter value starts with.
fn unset_variable_guard(variables: &[Variable]) -> String {
    if variables.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = variables.iter().map(|v| v.name.as_str()).collect();
    format!(
        "for name in {}; do\n  if [ -z \"${{!name}}\" ] || [ \"${{!name:0:1}}\" = '$' ]; then\n    echo \"variable $name is not set for this environment; see README.md\" >&2\n    exit 1\n  fi\ndone\n",
        names.join(" ")
    )
}

/// The view of the pipeline of `plan`.
pub fn view(plan: &Plan) -> PipelineView {
    let registry_job = plan.registry.as_ref().map(registry_job);
    // Environments that are promoted from none wait for the registry, or the drift gate.
    let first = registry_job
        .as_ref()
        .map_or_else(|| DRIFT_JOB.to_owned(), |job| job.id.clone());
    let environment_jobs =
        plan.environments
            .iter()
            .zip(&plan.docs.environments)
            .map(|(environment, stage)| {
                let env = &environment.name;
                let deployments: Vec<DeployStep> = environment
                    .deployments
                    .iter()
                    .map(|deployment| {
                        deploy_step(env, env, &deployment.bicep_file, &deployment.parameters)
                    })
                    .collect();
                let variables = job_variables(&deployments);
                let needs: Vec<String> = if stage.promotes_from.is_empty() {
                    vec![first.clone()]
                } else {
                    stage.promotes_from.iter().map(|s| job_id(s)).collect()
                };
                let resource = format!("mlzone-{env}");
                Job {
                    id: job_id(env),
                    name: format!("deploy {}", stage.label),
                    stage_id: stage_id(&job_id(env)),
                    depends_on: needs.iter().map(|n| stage_id(n)).collect(),
                    needs,
                    environment: env.clone(),
                    service_connection: resource.clone(),
                    variable_group: (!variables.is_empty()).then_some(resource),
                    stage: environment.stage.clone(),
                    location: environment.location.clone(),
                    subscription: environment.subscription.clone(),
                    approval: stage.approval.clone(),
                    landing_zone: stage.landing_zone.clone(),
                    deployments,
                    variables,
                }
            });
    let jobs = registry_job.into_iter().chain(environment_jobs).collect();
    PipelineView {
        workflow: Workflow {
            organisation: plan.organisation.clone(),
            name: "mlzone deploy".to_owned(),
            branch: BRANCH.to_owned(),
            concurrency: "mlzone-deploy".to_owned(),
            tenant: plan.tenant.clone(),
            drift_job: DRIFT_JOB.to_owned(),
            mlzone_version: GENERATOR_VERSION.to_owned(),
            jobs,
        },
    }
}

/// The job that deploys the model registry, after the drift gate and before every
/// environment: private projects connect to it when they deploy. It runs in the GitHub
/// environment (and Azure DevOps service connection) `registry`, which holds the
/// registry's subscription and no approval gate.
fn registry_job(registry: &RegistryPlan) -> Job {
    let folder = REGISTRY_FOLDER;
    let deployments = vec![deploy_step(
        folder,
        folder,
        "main.bicep",
        &registry.parameters,
    )];
    let variables = job_variables(&deployments);
    let id = job_id(folder);
    let needs = vec![DRIFT_JOB.to_owned()];
    let resource = format!("mlzone-{folder}");
    Job {
        name: "deploy the model registry".to_owned(),
        stage_id: stage_id(&id),
        depends_on: needs.iter().map(|n| stage_id(n)).collect(),
        needs,
        id,
        environment: folder.to_owned(),
        service_connection: resource.clone(),
        variable_group: (!variables.is_empty()).then_some(resource),
        stage: "model registry".to_owned(),
        location: registry.location.clone(),
        subscription: registry.subscription.clone(),
        approval: None,
        landing_zone: LandingZoneView::none(),
        deployments,
        variables,
    }
}

/// The variables of a job's deployments, each once, by name.
fn job_variables(deployments: &[DeployStep]) -> Vec<Variable> {
    let mut variables: Vec<Variable> = deployments
        .iter()
        .flat_map(|d| d.variables.iter().cloned())
        .collect();
    variables.sort();
    variables.dedup();
    variables
}

/// The what-if and deployment of one Bicep file of the `folder` of `bicep/`, named
/// `mlzone-{name}-{file stem}` in Azure.
fn deploy_step(folder: &str, name: &str, bicep_file: &str, parameters: &[Parameter]) -> DeployStep {
    let variables: Vec<Variable> = parameters
        .iter()
        .map(|parameter| {
            let name = variable_name(&parameter.name);
            Variable {
                expression: format!("${{{{ vars.{name} }}}}"),
                macro_expression: format!("$({name})"),
                name,
                parameter: parameter.name.clone(),
                description: parameter.description.clone(),
            }
        })
        .collect();
    let stem = bicep_file.strip_suffix(".bicep").unwrap_or(bicep_file);
    let arguments: String = variables
        .iter()
        .map(|v| format!(" {}=\"${}\"", v.parameter, v.name))
        .collect();
    let parameters = if arguments.is_empty() {
        String::new()
    } else {
        format!(" --parameters{arguments}")
    };
    let guard = unset_variable_guard(&variables);
    let command = |verb: &str| {
        format!(
            "{guard}az deployment sub {verb} --name \"$DEPLOYMENT\" --location \"$LOCATION\" --template-file \"$MLZONE_OUT/$TEMPLATE\"{parameters}"
        )
    };
    DeployStep {
        deployment: format!("mlzone-{name}-{stem}"),
        template: format!("bicep/{folder}/{bicep_file}"),
        what_if_name: format!("what-if {folder}/{bicep_file}"),
        what_if: command("what-if"),
        create_name: format!("deploy {folder}/{bicep_file}"),
        create: command("create"),
        variables,
    }
}

/// The job id of an environment.
pub fn job_id(environment: &str) -> String {
    format!("deploy-{environment}")
}

/// The Azure Pipelines stage name of a job id: `deploy-perf-eu` → `deploy_perf_eu`.
pub fn stage_id(job: &str) -> String {
    job.replace('-', "_")
}

/// `dataScientistGroupId` → `MLZONE_DATA_SCIENTIST_GROUP_ID`.
fn variable_name(parameter: &str) -> String {
    let mut out = String::from("MLZONE_");
    let mut previous_lower = false;
    for c in parameter.chars() {
        if c.is_ascii_uppercase() && previous_lower {
            out.push('_');
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push('_');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{stage_id, variable_name};

    #[test]
    fn variable_names_are_upper_snake_case() {
        assert_eq!(
            variable_name("dataScientistGroupId"),
            "MLZONE_DATA_SCIENTIST_GROUP_ID"
        );
        assert_eq!(variable_name("subnet2Id"), "MLZONE_SUBNET2_ID");
    }

    #[test]
    fn stage_ids_are_azure_pipelines_identifiers() {
        assert_eq!(stage_id("deploy-perf-eu"), "deploy_perf_eu");
        assert_eq!(stage_id("drift"), "drift");
    }
}
