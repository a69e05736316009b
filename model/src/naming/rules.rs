//! The rules of each kind of Azure name mlzone builds: one constant per kind.
//!
//! Limits follow `reference/azure/resources.md`. The characters are mlzone's own, narrower
//! than Azure's: names are lowercase letters and digits, with single hyphens where the kind
//! allows them.

use super::hash::{HASH_LEN, LONG_HASH_LEN};

/// Which characters a kind of name allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Charset {
    /// Lowercase letters and digits only (storage accounts, registries).
    Compact,
    /// Lowercase letters, digits and single hyphens, starting with a letter and ending with a
    /// letter or digit.
    Hyphenated,
}

/// Where Azure wants a kind of name to be unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Uniqueness {
    /// Across Azure (the name is a DNS label).
    Azure,
    /// In a region.
    Region,
    /// In a subscription.
    Subscription,
    /// In a resource group.
    ResourceGroup,
    /// In a workspace.
    Workspace,
}

/// The rules of one kind of Azure name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rule {
    /// What the name is of, for messages (`storage account`).
    pub what: &'static str,
    /// The short type prefix (`st`, `kv`, `mlw`).
    pub prefix: &'static str,
    /// The allowed characters.
    pub charset: Charset,
    /// The shortest name Azure accepts.
    pub min: usize,
    /// The longest name Azure accepts.
    pub max: usize,
    /// Whether the name is unique across Azure (or a region) and so always gets a hash.
    pub global: bool,
    /// Whether the estate's naming prefix goes after the type prefix.
    pub estate_prefix: bool,
    /// Length of the hash suffix.
    pub hash_len: usize,
    /// Whether Azure accepts a name that ends in `-` and digits (compute names may not).
    pub dash_digits_end: bool,
    /// Where the name must be unique.
    pub unique_in: Uniqueness,
    /// The names a name must differ from in its scope: kinds that share a namespace
    /// (instances and clusters are all computes of a workspace) share this label.
    pub namespace: &'static str,
}

impl Rule {
    /// `Ok` when `name` follows the rule; otherwise what is wrong, one lowercase clause
    /// (`is 25 characters long, more than 24`).
    ///
    /// ```
    /// use mlzone_model::naming::rules::{CLUSTER, STORAGE};
    /// assert!(STORAGE.check("stcontchurndevabcde").is_ok());
    /// assert!(STORAGE.check("st-x").is_err());
    /// assert!(CLUSTER.check("cl-2").is_err());
    /// ```
    pub fn check(&self, name: &str) -> Result<(), String> {
        let length = name.chars().count();
        if length < self.min {
            return Err(format!(
                "is {length} characters long, less than {}",
                self.min
            ));
        }
        if length > self.max {
            return Err(format!(
                "is {length} characters long, more than {}",
                self.max
            ));
        }
        let allowed = |c: char| match self.charset {
            Charset::Compact => c.is_ascii_lowercase() || c.is_ascii_digit(),
            Charset::Hyphenated => c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-',
        };
        if let Some(bad) = name.chars().find(|&c| !allowed(c)) {
            return Err(format!("holds `{bad}`, which a {} name cannot", self.what));
        }
        if self.charset == Charset::Hyphenated {
            if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
                return Err("does not start with a letter".to_owned());
            }
            if name.ends_with('-') || name.contains("--") {
                return Err("ends with a hyphen or holds `--`".to_owned());
            }
        }
        if !self.dash_digits_end && ends_with_dash_digits(name) {
            return Err("ends with `-` followed by digits".to_owned());
        }
        Ok(())
    }
}

/// Whether `name` ends in `-` followed by one or more digits.
pub(crate) fn ends_with_dash_digits(name: &str) -> bool {
    let trimmed = name.trim_end_matches(|c: char| c.is_ascii_digit());
    trimmed.len() < name.len() && trimmed.ends_with('-')
}

const fn rule(
    what: &'static str,
    prefix: &'static str,
    charset: Charset,
    (min, max): (usize, usize),
    unique_in: Uniqueness,
) -> Rule {
    Rule {
        what,
        prefix,
        charset,
        min,
        max,
        global: false,
        estate_prefix: true,
        hash_len: HASH_LEN,
        dash_digits_end: true,
        unique_in,
        namespace: what,
    }
}

const fn long_hash(rule: Rule) -> Rule {
    Rule {
        hash_len: LONG_HASH_LEN,
        ..rule
    }
}

const fn global(rule: Rule) -> Rule {
    Rule {
        global: true,
        ..rule
    }
}

const fn local(rule: Rule) -> Rule {
    Rule {
        estate_prefix: false,
        ..rule
    }
}

const fn compute(rule: Rule) -> Rule {
    Rule {
        dash_digits_end: false,
        namespace: "compute",
        ..rule
    }
}

/// Resource groups: 1–90 characters, unique in the subscription.
pub const RESOURCE_GROUP: Rule = rule(
    "resource group",
    "rg",
    Charset::Hyphenated,
    (1, 90),
    Uniqueness::Subscription,
);

/// Nested deployments of a project: 1–64 characters, without the estate prefix.
pub const DEPLOYMENT: Rule = local(rule(
    "deployment",
    "mlzone",
    Charset::Hyphenated,
    (1, 64),
    Uniqueness::ResourceGroup,
));

/// Azure Machine Learning workspaces: 3–33 characters, unique in the resource group.
pub const WORKSPACE: Rule = rule(
    "workspace",
    "mlw",
    Charset::Hyphenated,
    (3, 33),
    Uniqueness::ResourceGroup,
);

/// Storage accounts: 3–24 lowercase letters and digits, unique in Azure.
pub const STORAGE: Rule = global(rule(
    "storage account",
    "st",
    Charset::Compact,
    (3, 24),
    Uniqueness::Azure,
));

/// Key vaults: 3–24 characters, unique in Azure.
pub const KEY_VAULT: Rule = global(rule(
    "key vault",
    "kv",
    Charset::Hyphenated,
    (3, 24),
    Uniqueness::Azure,
));

/// Container registries: 5–50 letters and digits, unique in Azure.
pub const CONTAINER_REGISTRY: Rule = global(rule(
    "container registry",
    "cr",
    Charset::Compact,
    (5, 50),
    Uniqueness::Azure,
));

/// Application Insights components: 1–63 characters, unique in the resource group.
pub const APP_INSIGHTS: Rule = rule(
    "application insights component",
    "appi",
    Charset::Hyphenated,
    (1, 63),
    Uniqueness::ResourceGroup,
);

/// Log Analytics workspaces: 4–63 characters, unique in the resource group.
pub const LOG_ANALYTICS: Rule = rule(
    "log analytics workspace",
    "log",
    Charset::Hyphenated,
    (4, 63),
    Uniqueness::ResourceGroup,
);

/// Private endpoints: 2–64 characters, unique in the resource group.
pub const PRIVATE_ENDPOINT: Rule = rule(
    "private endpoint",
    "pe",
    Charset::Hyphenated,
    (2, 64),
    Uniqueness::ResourceGroup,
);

/// Compute instances: 3–24 characters, unique in the region, always hashed with the project
/// and environment (which the name does not show).
pub const COMPUTE_INSTANCE: Rule = long_hash(local(global(compute(rule(
    "compute instance",
    "ci",
    Charset::Hyphenated,
    (3, 24),
    Uniqueness::Region,
)))));

/// Development clusters: 3–24 characters, unique in the workspace.
pub const CLUSTER: Rule = local(compute(rule(
    "cluster",
    "cl",
    Charset::Hyphenated,
    (3, 24),
    Uniqueness::Workspace,
)));

/// Clusters of production pipelines: 3–24 characters, unique in the workspace.
pub const PIPELINE_CLUSTER: Rule = local(compute(rule(
    "pipeline cluster",
    "pl",
    Charset::Hyphenated,
    (3, 24),
    Uniqueness::Workspace,
)));

/// Online endpoints: 3–32 characters, unique in the region.
pub const ONLINE_ENDPOINT: Rule = long_hash(global(rule(
    "online endpoint",
    "oe",
    Charset::Hyphenated,
    (3, 32),
    Uniqueness::Region,
)));

/// Batch endpoints: 3–32 characters, unique in the region.
pub const BATCH_ENDPOINT: Rule = long_hash(global(rule(
    "batch endpoint",
    "be",
    Charset::Hyphenated,
    (3, 32),
    Uniqueness::Region,
)));

/// Azure Load Testing resources: 3–64 characters, unique in the resource group.
pub const LOAD_TEST: Rule = rule(
    "load testing resource",
    "lt",
    Charset::Hyphenated,
    (3, 64),
    Uniqueness::ResourceGroup,
);

/// Machine learning registries: 3–33 characters (Azure's pattern
/// `^[a-zA-Z0-9][a-zA-Z0-9\-_]{2,32}$`), always hashed: a registry's name is how every
/// workspace of the tenant addresses it (`azureml://registries/{name}/…`).
pub const ML_REGISTRY: Rule = global(rule(
    "machine learning registry",
    "mlr",
    Charset::Hyphenated,
    (3, 33),
    Uniqueness::Azure,
));

/// Every rule, for tests and documentation.
pub const ALL: [Rule; 16] = [
    RESOURCE_GROUP,
    DEPLOYMENT,
    WORKSPACE,
    STORAGE,
    KEY_VAULT,
    CONTAINER_REGISTRY,
    APP_INSIGHTS,
    LOG_ANALYTICS,
    PRIVATE_ENDPOINT,
    COMPUTE_INSTANCE,
    CLUSTER,
    PIPELINE_CLUSTER,
    ONLINE_ENDPOINT,
    BATCH_ENDPOINT,
    LOAD_TEST,
    ML_REGISTRY,
];
