//! Commands and their arguments.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mlzone_model::Format;

use crate::input;
use crate::report::{self, OutputFormat};

/// Validate and generate an Azure Machine Learning estate from one document.
///
/// With no FILE, commands use the embedded default topology: the CAF private, restricted
/// setup with development, test and production.
#[derive(Debug, Parser)]
#[command(name = "mlzone", version, about, long_about = None, after_help = EXAMPLES)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "Examples:
  mlzone validate                       validate the embedded default topology
  mlzone validate estate.yaml           validate a document
  mlzone validate estate.yaml --format json
  mlzone show estate.yaml --to toml     print the document with every default written out
  mlzone schema > mlzone.schema.json    the JSON Schema of the file format";

#[derive(Debug, Subcommand)]
enum Command {
    /// Load a document and report every problem in it.
    Validate {
        /// The document (YAML, TOML or JSON); the embedded default topology when absent.
        file: Option<PathBuf>,
        /// The syntax of FILE when its extension does not say.
        #[arg(long, value_enum)]
        syntax: Option<Syntax>,
        /// How to print findings.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// Print the document with every default and preset written out.
    Show {
        /// The document; the embedded default topology when absent.
        file: Option<PathBuf>,
        /// The syntax of FILE when its extension does not say.
        #[arg(long, value_enum)]
        syntax: Option<Syntax>,
        /// The syntax to print.
        #[arg(long, value_enum, default_value_t = Syntax::Yaml)]
        to: Syntax,
    },
    /// Print the JSON Schema of the file format.
    Schema,
}

/// A document syntax.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Syntax {
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

/// A failure that is not about the document: output could not be written, and the like.
pub(crate) type Failure = Box<dyn std::error::Error>;

pub(crate) fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Validate {
            file,
            syntax,
            format,
        } => {
            let input = input::read(file.as_deref(), syntax.map(Format::from))?;
            Ok(report::validate(&input, format))
        }
        Command::Show { file, syntax, to } => {
            let input = input::read(file.as_deref(), syntax.map(Format::from))?;
            match input.load() {
                Ok(loaded) => {
                    let text = loaded.estate.to_document().to_text(to.into())?;
                    std::io::stdout().lock().write_all(text.as_bytes())?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(diagnostics) => Ok(report::failed_load(&input, &diagnostics)),
            }
        }
        Command::Schema => {
            let text = mlzone_model::schema::json_schema_text();
            std::io::stdout().lock().write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
