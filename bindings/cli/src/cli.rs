//! Commands and their arguments.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use mlzone_model::Format;

use crate::commands;
use crate::report::OutputFormat;

/// Validate an Azure Machine Learning estate and generate what deploys it.
///
/// With no FILE, commands use the embedded default topology: the CAF private, restricted
/// setup with development, test and production.
#[derive(Debug, Parser)]
#[command(name = "mlzone", version, about, long_about = None, after_help = EXAMPLES)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub(crate) struct Global {
    /// Print nothing but errors and requested output.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print what is done, file by file.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

const EXAMPLES: &str = "Examples:
  mlzone validate                             validate the embedded default topology
  mlzone init --preset public-restricted estate.yaml
  mlzone validate estate.yaml --format sarif > mlzone.sarif
  mlzone generate estate.yaml --target all --out deploy/
  mlzone generate estate.yaml --target bicep --out deploy/ --check
  mlzone explain --persona data-scientist --env prod \\
      --action Microsoft.MachineLearningServices/workspaces/jobs/write
  mlzone diff --persona data-scientist --from dev --to prod";

/// The document a command reads.
#[derive(Debug, Args)]
pub(crate) struct DocumentArgs {
    /// The document (YAML, TOML or JSON); the embedded default topology when absent.
    pub file: Option<PathBuf>,
    /// The syntax of FILE when its extension does not say.
    #[arg(long, value_enum)]
    pub syntax: Option<Syntax>,
    /// The largest document to read, in bytes or with a unit (`64MiB`); the YAML node budget
    /// follows it. The default, 16 MiB, holds the largest estate mlzone supports (5,000
    /// projects).
    #[arg(long, value_name = "SIZE", value_parser = crate::input::parse_size)]
    pub max_input_size: Option<usize>,
}

impl DocumentArgs {
    /// The loader's limits, with the size limit given on the command line.
    pub(crate) fn limits(&self) -> mlzone_model::Limits {
        let mut limits = mlzone_model::Limits::default();
        if let Some(max) = self.max_input_size {
            limits.max_bytes = max;
        }
        limits
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Write a commented starter document.
    #[command(after_help = "Example:\n  mlzone init --preset private-restricted estate.yaml")]
    Init {
        /// Where to write it.
        #[arg(default_value = "mlzone.yaml")]
        path: PathBuf,
        /// The CAF archetype the document starts from.
        #[arg(long, value_enum, default_value_t = Preset::PrivateRestricted)]
        preset: Preset,
    },
    /// Load and validate a document; report every problem.
    #[command(
        after_help = "Exit status: 0 when clean or only warnings, 1 when errors were found, 2 when the input cannot be used.\n\nExample:\n  mlzone validate estate.yaml --format json"
    )]
    Validate {
        #[command(flatten)]
        document: DocumentArgs,
        /// How to print findings.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// Generate Bicep, ARM, role definitions, docs or pipelines into a directory.
    #[command(
        after_help = "Writes atomically and never outside DIR. With --check, writes nothing and exits 1 when DIR differs from what would be generated.\n\nExample:\n  mlzone generate estate.yaml --target all --out deploy/"
    )]
    Generate {
        #[command(flatten)]
        document: DocumentArgs,
        /// What to generate.
        #[arg(long, value_enum, default_value_t = TargetArg::All)]
        target: TargetArg,
        /// The directory to write into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Compare with DIR instead of writing; exit 1 on drift.
        #[arg(long)]
        check: bool,
        /// A directory of template overrides, laid out like the built-in templates.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
    /// Say whether a persona may perform an operation in an environment, and why; or, with
    /// `--policy`, whether a policy would deny the estate's resources, by which rule, and why.
    #[command(
        after_help = "Examples:\n  mlzone explain --persona data-scientist --env dev \\\n      --action Microsoft.MachineLearningServices/workspaces/computes/write\n  mlzone explain --policy Deny-Public-Endpoints --env prod\n  mlzone explain --policy Deny-MachineLearning-ComputeCluster-Scale --effect Deny \\\n      --param maxNodeCount=4 --param minNodeCount=0 \\\n      --param maxNodeIdleTimeInSecondsBeforeScaleDown=900 --resource cl-ds3-v2"
    )]
    Explain {
        #[command(flatten)]
        document: DocumentArgs,
        /// The persona, as named in the document.
        #[arg(long, required_unless_present = "policy", conflicts_with = "policy")]
        persona: Option<String>,
        /// The environment, as named in the document (with `--policy`: only its resources).
        #[arg(long, required_unless_present = "policy")]
        env: Option<String>,
        /// The Azure operation, such as `Microsoft.MachineLearningServices/workspaces/jobs/write`.
        #[arg(long, required_unless_present = "policy", conflicts_with = "policy")]
        action: Option<String>,
        /// Only this project (all projects when absent).
        #[arg(long, conflicts_with = "registry")]
        project: Option<String>,
        /// Ask about the model registry instead of the projects' workspaces (operations
        /// `Microsoft.MachineLearningServices/registries/…`).
        #[arg(long, conflicts_with = "policy")]
        registry: bool,
        /// A policy of mlzone's reference library: an Azure Landing Zones assignment's name,
        /// or a built-in or ALZ definition's or initiative's id or name.
        #[arg(long)]
        policy: Option<String>,
        /// With `--policy`: only the resources of this name (`mlw-…`, `cl-ds3-v2`, …).
        #[arg(long, requires = "policy")]
        resource: Option<String>,
        /// With `--policy`: a parameter value, `NAME=VALUE`, the value read as JSON when it
        /// is JSON (`4`, `["a","b"]`) and as a string otherwise; repeatable.
        #[arg(long = "param", value_name = "NAME=VALUE", requires = "policy")]
        params: Vec<String>,
        /// With `--policy`: the effect the definitions take where they accept it.
        #[arg(long, requires = "policy")]
        effect: Option<String>,
        /// How to print the answer.
        #[arg(long, value_enum, default_value_t = PlainFormat::Human)]
        format: PlainFormat,
    },
    /// List the operations a persona gains and loses from one environment to another.
    #[command(after_help = "Example:\n  mlzone diff --persona mlops-engineer --from dev --to prod")]
    Diff {
        #[command(flatten)]
        document: DocumentArgs,
        /// The persona, as named in the document.
        #[arg(long)]
        persona: String,
        /// The environment to compare from.
        #[arg(long)]
        from: String,
        /// The environment to compare to.
        #[arg(long)]
        to: String,
        /// Only this project (all projects when absent).
        #[arg(long, conflicts_with = "registry")]
        project: Option<String>,
        /// Compare at the model registry instead of the projects' workspaces.
        #[arg(long)]
        registry: bool,
        /// How to print the answer.
        #[arg(long, value_enum, default_value_t = PlainFormat::Human)]
        format: PlainFormat,
    },
    /// Audit a live estate: compare the exported role assignments, custom roles and
    /// resources with the document; or print the commands that export them.
    #[command(
        after_help = "Reads DIR as the export commands write it: one folder per environment holding role-assignments.json (or, exported with Resource Graph, role-assignments/page-N.json), role-definitions.json and resources/page-N.json. mlzone never calls Azure itself: `--print-commands` prints a POSIX shell script that exports, per environment's subscription, the role assignments (inherited ones included), the custom role definitions and the ML resources (Resource Graph, every page). An environment the document gives no subscription reads it from SUBSCRIPTION_<NAME>.\n\nExit status: 0 when the estate matches the document, 1 on drift (any finding), 2 when the document or the exports cannot be used.\n\nExamples:\n  mlzone audit --print-commands estate.yaml --from audit > export.sh\n  sh export.sh && mlzone audit estate.yaml --from audit\n  mlzone audit estate.yaml --from audit --format sarif > audit.sarif"
    )]
    Audit {
        #[command(flatten)]
        document: DocumentArgs,
        /// Print the export commands instead of auditing.
        #[arg(long)]
        print_commands: bool,
        /// With `--print-commands`: export the role assignments with the Azure CLI
        /// (inherited ones and principals' names included) or with a Resource Graph query
        /// (faster on large estates; no names, no assignments inherited from management
        /// groups). The audit reads either.
        #[arg(long, value_enum, value_name = "FROM", default_value_t = AssignmentsFrom::AzureCli, requires = "print_commands")]
        assignments: AssignmentsFrom,
        /// The folder of the exports: where the commands write them and the audit reads them.
        #[arg(long, value_name = "DIR", default_value = "audit")]
        from: String,
        /// How to print what was found.
        #[arg(long, value_enum, default_value_t = AuditFormat::Human)]
        format: AuditFormat,
    },
    /// Print the JSON Schema of the file format.
    Schema,
    /// Print the promotion graph of the environments.
    #[command(
        after_help = "Example:\n  mlzone graph estate.yaml --format dot | dot -Tsvg > graph.svg"
    )]
    Graph {
        #[command(flatten)]
        document: DocumentArgs,
        /// The graph syntax.
        #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
        format: GraphFormat,
    },
    /// Print the document with every default and preset written out.
    Show {
        #[command(flatten)]
        document: DocumentArgs,
        /// The syntax to print.
        #[arg(long, value_enum, default_value_t = Syntax::Yaml)]
        to: Syntax,
    },
    /// Print a shell completion script.
    #[command(after_help = "Example:\n  mlzone completions bash > /etc/bash_completion.d/mlzone")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// A document syntax.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Syntax {
    Yaml,
    Toml,
    Json,
}

impl From<Syntax> for Format {
    fn from(syntax: Syntax) -> Self {
        match syntax {
            Syntax::Yaml => Format::Yaml,
            Syntax::Toml => Format::Toml,
            Syntax::Json => Format::Json,
        }
    }
}

/// A CAF archetype.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Preset {
    PublicRestricted,
    PublicUnrestricted,
    PrivateRestricted,
    PrivateUnrestricted,
}

/// A generation target, or all of them.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum TargetArg {
    Bicep,
    Arm,
    Roles,
    Docs,
    Pipeline,
    Policy,
    All,
}

/// Plain answers: for people or for programs.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum PlainFormat {
    Human,
    Json,
}

/// How `audit --print-commands` exports the role assignments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AssignmentsFrom {
    /// `az role assignment list --all --include-inherited`.
    AzureCli,
    /// A Resource Graph `authorizationresources` query, in pages.
    ResourceGraph,
}

impl From<AssignmentsFrom> for mlzone_model::audit::AssignmentSource {
    fn from(from: AssignmentsFrom) -> Self {
        match from {
            AssignmentsFrom::AzureCli => Self::AzureCli,
            AssignmentsFrom::ResourceGraph => Self::ResourceGraph,
        }
    }
}

/// How `audit` prints what it found.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum AuditFormat {
    /// For people: findings on standard error (`--print-commands`: a shell script).
    Human,
    /// For programs: `{findings, errors}` on standard output (`--print-commands`: the
    /// commands).
    Json,
    /// A SARIF 2.1.0 log on standard output, for code scanning.
    Sarif,
}

/// A graph syntax.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum GraphFormat {
    Mermaid,
    Dot,
}

/// A failure that is not about the document: a file that cannot be read or written.
pub(crate) type Failure = Box<dyn std::error::Error>;

pub(crate) fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let global = cli.global;
    match cli.command {
        Command::Init { path, preset } => commands::init::run(&global, &path, preset),
        Command::Validate { document, format } => {
            commands::validate::run(&global, &document, format)
        }
        Command::Generate {
            document,
            target,
            out,
            check,
            templates,
        } => commands::generate::run(
            &global,
            &document,
            &commands::generate::Request {
                target,
                out,
                check,
                templates,
            },
        ),
        Command::Explain {
            document,
            persona,
            env,
            action,
            project,
            registry,
            policy,
            resource,
            params,
            effect,
            format,
        } => match (policy, persona, env, action) {
            (Some(policy), _, env, _) => commands::explain_policy::run(
                &document,
                &commands::explain_policy::Question {
                    policy: &policy,
                    env: env.as_deref(),
                    project: project.as_deref(),
                    resource: resource.as_deref(),
                    params: &params,
                    effect: effect.as_deref(),
                },
                format,
            ),
            (None, Some(persona), Some(env), Some(action)) => commands::explain::run(
                &document,
                &commands::explain::Question {
                    persona: &persona,
                    env: &env,
                    action: &action,
                    project: project.as_deref(),
                    registry,
                },
                format,
            ),
            _ => Err("`explain` needs `--persona`, `--env` and `--action`, or `--policy`".into()),
        },
        Command::Diff {
            document,
            persona,
            from,
            to,
            project,
            registry,
            format,
        } => commands::diff::run(
            &document,
            &commands::diff::Comparison {
                persona: &persona,
                from: &from,
                to: &to,
                project: project.as_deref(),
                registry,
            },
            format,
        ),
        Command::Audit {
            document,
            print_commands,
            assignments,
            from,
            format,
        } => {
            if print_commands {
                commands::audit::print_commands(&document, &from, assignments.into(), format)
            } else {
                commands::audit::run(&global, &document, &from, format)
            }
        }
        Command::Schema => commands::print(&mlzone_model::schema::json_schema_text()),
        Command::Graph { document, format } => commands::graph::run(&document, format),
        Command::Show { document, to } => commands::show::run(&document, to),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "mlzone", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    }
}
