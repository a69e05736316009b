//! Uses mlzone next to its own use of serde, uuid and toml (at other patch versions than the
//! workspace's lock), the way an application embedding mlzone would.

use std::error::Error;

use mlzone_model::builder::{EstateBuilder, ProjectBuilder};
use mlzone_model::validate::validate;

#[derive(serde::Deserialize)]
struct Settings {
    organisation: String,
    tenant: uuid::Uuid,
}

fn main() -> Result<(), Box<dyn Error>> {
    let settings: Settings = toml::from_str(
        "organisation = \"Contoso\"\ntenant = \"467096de-d9e3-4d6f-89d6-ef231900a05a\"\n",
    )?;
    let estate = EstateBuilder::new(
        settings.organisation,
        settings.tenant.to_string(),
        "westeurope",
    )
    .project(ProjectBuilder::new("churn"))
    .build()?;
    let validated = validate(estate)?;
    let templates = mlzone_codegen::Templates::builtin()?;
    let files = mlzone_codegen::generate(&validated, &[mlzone_codegen::Target::Roles], &templates)?;
    println!("{} files", files.iter().count());
    Ok(())
}
