//! The Azure resource names a plan builds from the naming prefix, project, environment and
//! person, and the rules Azure puts on them.
//!
//! One scheme for every consumer: the validator checks these names and code generation
//! writes them, so a name the validator accepted is the name that gets deployed.
//!
//! Names are built from slugs (lowercase letters, digits, single hyphens), so they only ever
//! need shortening. A name longer than its resource's limit keeps its start and gets a short
//! suffix of letters derived from the whole name (`-` and four letters, or four letters where
//! hyphens are not allowed), so two long names rarely shorten to the same text and a shortened
//! compute name never ends in `-<digits>`. Collisions that remain (storage names drop hyphens,
//! so `a-bc` and `ab-c` meet) are reported by the validator.
//!
//! ```
//! use mlzone_model::naming::{self, ResourceKind};
//! assert_eq!(naming::workspace_name(Some("cont"), "churn", "dev"), "mlw-cont-churn-dev");
//! assert_eq!(naming::storage_name(Some("cont"), "churn", "dev"), "stcontchurndev");
//! assert!(ResourceKind::Storage.check("stcontchurndev").is_ok());
//! assert!(ResourceKind::Compute.check("alice-2").is_err());
//! ```

use strum::{Display, IntoStaticStr};

/// A kind of Azure resource whose name mlzone builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Display, IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum ResourceKind {
    /// An Azure Machine Learning workspace: 3–33 letters, digits, hyphens and underscores,
    /// starting with a letter or digit.
    Workspace,
    /// A storage account: 3–24 lowercase letters and digits.
    Storage,
    /// A key vault: 3–24 letters, digits and hyphens, starting with a letter, no `--`, not
    /// ending with a hyphen.
    KeyVault,
    /// A container registry: 5–50 letters and digits.
    ContainerRegistry,
    /// A compute instance or cluster: 3–24 letters, digits and hyphens, starting with a
    /// letter, not ending with `-` followed by digits.
    Compute,
}

impl ResourceKind {
    /// The shortest and longest name Azure accepts.
    pub fn length(self) -> (usize, usize) {
        match self {
            Self::Workspace => (3, 33),
            Self::Storage | Self::KeyVault | Self::Compute => (3, 24),
            Self::ContainerRegistry => (5, 50),
        }
    }

    /// How the kind is called in messages (`storage account`).
    pub fn label(self) -> &'static str {
        match self {
            Self::Workspace => "workspace",
            Self::Storage => "storage account",
            Self::KeyVault => "key vault",
            Self::ContainerRegistry => "container registry",
            Self::Compute => "compute",
        }
    }

    /// Whether the kind allows hyphens in names.
    fn hyphens(self) -> bool {
        matches!(self, Self::Workspace | Self::KeyVault | Self::Compute)
    }

    /// `Ok` when Azure accepts `name` for this kind; otherwise what is wrong, one lowercase
    /// clause (`is 25 characters long, more than 24`).
    pub fn check(self, name: &str) -> Result<(), String> {
        let (min, max) = self.length();
        let length = name.chars().count();
        if length < min {
            return Err(format!("is {length} characters long, less than {min}"));
        }
        if length > max {
            return Err(format!("is {length} characters long, more than {max}"));
        }
        let allowed = |c: char| match self {
            Self::Workspace => c.is_ascii_alphanumeric() || c == '-' || c == '_',
            Self::Storage => c.is_ascii_lowercase() || c.is_ascii_digit(),
            Self::ContainerRegistry => c.is_ascii_alphanumeric(),
            Self::KeyVault | Self::Compute => c.is_ascii_alphanumeric() || c == '-',
        };
        if let Some(bad) = name.chars().find(|&c| !allowed(c)) {
            return Err(format!(
                "holds `{bad}`, which a {} name cannot",
                self.label()
            ));
        }
        let first_is_letter = name.starts_with(|c: char| c.is_ascii_alphabetic());
        match self {
            Self::KeyVault | Self::Compute if !first_is_letter => {
                return Err("does not start with a letter".to_owned());
            }
            _ => {}
        }
        if self == Self::KeyVault && (name.ends_with('-') || name.contains("--")) {
            return Err("ends with a hyphen or holds `--`".to_owned());
        }
        if self == Self::Compute && ends_with_dash_digits(name) {
            return Err("ends with `-` followed by digits".to_owned());
        }
        Ok(())
    }
}

fn ends_with_dash_digits(name: &str) -> bool {
    let trimmed = name.trim_end_matches(|c: char| c.is_ascii_digit());
    trimmed.len() < name.len() && trimmed.ends_with('-')
}

/// The workspace of a project in an environment: `mlw-{prefix}-{project}-{environment}`.
pub fn workspace_name(prefix: Option<&str>, project: &str, environment: &str) -> String {
    fit(
        ResourceKind::Workspace,
        &join(&["mlw", prefix.unwrap_or_default(), project, environment]),
    )
}

/// The storage account of a project in an environment: `st{prefix}{project}{environment}`
/// without hyphens.
pub fn storage_name(prefix: Option<&str>, project: &str, environment: &str) -> String {
    fit(
        ResourceKind::Storage,
        &compact(&["st", prefix.unwrap_or_default(), project, environment]),
    )
}

/// The key vault of a project in an environment: `kv-{prefix}-{project}-{environment}`.
pub fn key_vault_name(prefix: Option<&str>, project: &str, environment: &str) -> String {
    fit(
        ResourceKind::KeyVault,
        &join(&["kv", prefix.unwrap_or_default(), project, environment]),
    )
}

/// The container registry of a project in an environment: `cr{prefix}{project}{environment}`
/// without hyphens.
pub fn container_registry_name(prefix: Option<&str>, project: &str, environment: &str) -> String {
    fit(
        ResourceKind::ContainerRegistry,
        &compact(&["cr", prefix.unwrap_or_default(), project, environment]),
    )
}

/// The compute instance of a data scientist in a project's workspace of an environment:
/// `{person}-{project}-{environment}`.
pub fn compute_instance_name(project: &str, environment: &str, person: &str) -> String {
    fit(
        ResourceKind::Compute,
        &join(&[person, project, environment]),
    )
}

/// A development cluster of a VM size: `cl-{size}` with the size lowercased, the
/// `Standard_` prefix dropped and `_` written `-` (`Standard_DS3_v2` → `cl-ds3-v2`).
pub fn cluster_name(vm_size: &str) -> String {
    let size = vm_size.to_ascii_lowercase();
    let size = size.strip_prefix("standard_").unwrap_or(&size);
    fit(
        ResourceKind::Compute,
        &join(&["cl", &size.replace('_', "-")]),
    )
}

/// The cluster of a production pipeline: `pl-{pipeline}`.
pub fn pipeline_cluster_name(pipeline: &str) -> String {
    fit(ResourceKind::Compute, &join(&["pl", pipeline]))
}

/// The non-empty parts joined with `-`.
fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("-")
}

/// The parts concatenated, hyphens dropped.
fn compact(parts: &[&str]) -> String {
    parts.concat().replace('-', "")
}

/// `name` shortened to the kind's length limit with a suffix derived from the whole name.
fn fit(kind: ResourceKind, name: &str) -> String {
    let (_, max) = kind.length();
    if name.chars().count() <= max {
        return name.to_owned();
    }
    let suffix = letters(name);
    let separator = if kind.hyphens() { "-" } else { "" };
    let keep = max.saturating_sub(suffix.len() + separator.len());
    let start: String = name.chars().take(keep).collect();
    let start = start.trim_end_matches('-');
    format!("{start}{separator}{suffix}")
}

/// Four lowercase letters from an FNV-1a hash of `name`.
fn letters(name: &str) -> String {
    let mut hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let mut out = String::with_capacity(4);
    for _ in 0..4 {
        let letter = u8::try_from(hash % 26).unwrap_or(0);
        out.push(char::from(b'a' + letter));
        hash /= 26;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_kept() {
        assert_eq!(workspace_name(None, "churn", "prod"), "mlw-churn-prod");
        assert_eq!(
            key_vault_name(Some("wgb"), "churn", "prod"),
            "kv-wgb-churn-prod"
        );
        assert_eq!(
            container_registry_name(Some("wgb"), "a-b", "dev"),
            "crwgbabdev"
        );
        assert_eq!(
            compute_instance_name("churn", "dev", "alice"),
            "alice-churn-dev"
        );
        assert_eq!(cluster_name("Standard_NC6s_v3"), "cl-nc6s-v3");
        assert_eq!(pipeline_cluster_name("scoring"), "pl-scoring");
    }

    #[test]
    fn long_names_fit_and_stay_valid() {
        let long = "a-very-long-project-name-for-fraud-01";
        for (kind, name) in [
            (
                ResourceKind::Workspace,
                workspace_name(Some("wgb"), long, "prod"),
            ),
            (
                ResourceKind::Storage,
                storage_name(Some("wgb"), long, "prod"),
            ),
            (
                ResourceKind::KeyVault,
                key_vault_name(Some("wgb"), long, "prod"),
            ),
            (
                ResourceKind::Compute,
                compute_instance_name(long, "dev", "scientist-001"),
            ),
        ] {
            assert!(kind.check(&name).is_ok(), "{kind}: {name}");
        }
        assert_ne!(
            storage_name(None, "project-00001-long-name", "dev"),
            storage_name(None, "project-00002-long-name", "dev")
        );
    }

    #[test]
    fn rules_of_each_kind() {
        assert!(ResourceKind::Storage.check("ab").is_err());
        assert!(ResourceKind::Storage.check("st-x-dev").is_err());
        assert!(ResourceKind::Compute.check("scoring-2").is_err());
        assert!(ResourceKind::Compute.check("2scoring").is_err());
        assert!(ResourceKind::KeyVault.check("kv--x").is_err());
        assert!(ResourceKind::ContainerRegistry.check("crab").is_err());
        assert!(ResourceKind::Workspace.check("mlw_ok-1").is_ok());
    }
}
