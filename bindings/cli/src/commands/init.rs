//! `mlzone init`: a commented starter document.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::{Failure, Global, Preset};

pub(crate) fn run(global: &Global, path: &Path, preset: Preset) -> Result<ExitCode, Failure> {
    let text = starter(preset_name(preset));
    // `create_new` refuses an existing file, even one created between a check and the write.
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(format!(
                "`{}` already exists; mlzone init never overwrites a file",
                path.display()
            )
            .into());
        }
        Err(error) => return Err(format!("cannot create `{}`: {error}", path.display()).into()),
    };
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    if !global.quiet {
        let shown = crate::terminal::escaped(&path.display().to_string()).into_owned();
        eprintln!("wrote {shown}; edit it, then run `mlzone validate {shown}`");
    }
    Ok(ExitCode::SUCCESS)
}

fn preset_name(preset: Preset) -> &'static str {
    match preset {
        Preset::PublicRestricted => "public-restricted",
        Preset::PublicUnrestricted => "public-unrestricted",
        Preset::PrivateRestricted => "private-restricted",
        Preset::PrivateUnrestricted => "private-unrestricted",
    }
}

/// The starter document for a preset. It loads as it is, and validation refuses its
/// placeholder tenant until the real one replaces it; the comments say what to fill in.
pub(crate) fn starter(preset: &str) -> String {
    format!(
        r#"# Editors complete this file when it starts with `# yaml-language-server: $schema=PATH`,
# PATH the JSON Schema that `mlzone schema > mlzone.schema.json` saves.
# An mlzone estate. `mlzone validate` checks it; `mlzone generate --target all --out deploy/`
# writes what deploys it. Everything left out comes from the preset and the CAF defaults:
# development, test and production promoted in that order with stakeholder approval before
# production, the five CAF personas, one compute instance per data scientist, a development
# cluster that scales to zero, idle shutdown of instances.

# Your organisation's name and Entra ID tenant id (`az account show --query tenantId`):
# `mlzone validate` refuses the all-zero placeholder until you replace it.
organisation: Contoso
tenant: 00000000-0000-0000-0000-000000000000
# The default Azure region.
location: westeurope
# public-restricted | public-unrestricted | private-restricted | private-unrestricted
preset: {preset}

# Uncomment to give each persona its Entra group per environment; without them the generated
# deployment asks for the group ids as parameters. A `personas` section merges into the five
# default personas: an entry replaces the persona of its name, `remove: true` drops one.
# personas:
#   data-scientist:
#     groups: {{dev: 11111111-1111-1111-1111-111111111111, test: 22222222-2222-2222-2222-222222222222, prod: 33333333-3333-3333-3333-333333333333}}
#   data-engineer:
#     groups: {{dev: 44444444-4444-4444-4444-444444444444, test: 55555555-5555-5555-5555-555555555555, prod: 66666666-6666-6666-6666-666666666666}}
#   mlops-engineer:
#     groups: {{dev: 77777777-7777-7777-7777-777777777777, test: 88888888-8888-8888-8888-888888888888, prod: 99999999-9999-9999-9999-999999999999}}
#   workspace-admin:
#     groups: {{dev: aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa, test: bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb, prod: cccccccc-cccc-cccc-cccc-cccccccccccc}}
#   stakeholder:
#     groups: {{test: dddddddd-dddd-dddd-dddd-dddddddddddd, prod: eeeeeeee-eeee-eeee-eeee-eeeeeeeeeeee}}

projects:
  # One workspace per project in each environment.
  - name: churn
    description: Predicts which customers are about to leave.
    repository: https://github.com/contoso/churn
    # Each data scientist gets a compute instance in development.
    # data-scientists:
    #   - name: alice
    #     object-id: ffffffff-ffff-ffff-ffff-ffffffffffff
"#
    )
}
