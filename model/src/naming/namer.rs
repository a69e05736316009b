//! Names from parts: the estate prefix, a tenant-keyed hash, Azure's length limits.

use super::hash::hash;
use super::rules::{Charset, Rule};

/// Builds names from the estate's naming prefix and tenant.
///
/// A name is the rule's type prefix, the estate prefix (when the rule takes it) and the parts,
/// joined with `-` (or run together for compact names), lowercased and cleaned. A name that
/// must be unique across Azure or a region ([`Rule::global`]) always ends in a hash of the
/// tenant and the parts, so two organisations with the same prefix do not fight over it; any
/// other name gets a hash only when it is cut to the rule's length limit, so the cut keeps it
/// distinct. The hash is letters only, and a compute name never ends in `-<digits>`.
///
/// ```
/// use mlzone_model::naming::{Namer, rules};
/// let namer = Namer::new(Some("cont"), "tenant");
/// assert_eq!(namer.name(&rules::WORKSPACE, &["churn", "dev"]), "mlw-cont-churn-dev");
/// assert_eq!(namer.name(&rules::PIPELINE_CLUSTER, &["train-2"]), "pl-trainx2");
/// ```
#[derive(Debug, Clone)]
pub struct Namer {
    prefix: Option<String>,
    tenant: String,
}

impl Namer {
    /// A namer for names with an optional `prefix`, hashed with `tenant`.
    pub fn new(prefix: Option<&str>, tenant: &str) -> Self {
        Self {
            prefix: prefix.map(str::to_owned),
            tenant: tenant.to_owned(),
        }
    }

    /// The name of kind `rule` for the item made of `parts` (after the estate prefix).
    pub fn name(&self, rule: &Rule, parts: &[&str]) -> String {
        self.name_keyed(rule, parts, &[])
    }

    /// Like [`Namer::name`], with `key` added to what the hash covers but not to the name
    /// (for names that must differ per project or environment without saying so).
    pub fn name_keyed(&self, rule: &Rule, parts: &[&str], key: &[&str]) -> String {
        let name = self.build(rule, parts, key);
        if rule.dash_digits_end {
            name
        } else {
            compute_name(&name)
        }
    }

    fn build(&self, rule: &Rule, parts: &[&str], key: &[&str]) -> String {
        let mut words: Vec<&str> = Vec::with_capacity(parts.len() + 2);
        words.push(rule.prefix);
        if let Some(prefix) = self.prefix.as_deref().filter(|_| rule.estate_prefix) {
            words.push(prefix);
        }
        words.extend(parts.iter().copied().filter(|p| !p.is_empty()));
        let separator = match rule.charset {
            Charset::Compact => "",
            Charset::Hyphenated => "-",
        };
        let full = clean(&words.join(separator), rule.charset);
        let needs_hash = rule.global || full.len() > rule.max;
        if !needs_hash {
            return full;
        }
        let mut hashed = vec![self.tenant.as_str(), rule.prefix];
        hashed.extend(words.iter().skip(1));
        hashed.push("\u{1e}");
        hashed.extend(key);
        let suffix = hash(&hashed, rule.hash_len);
        let room = rule.max.saturating_sub(rule.hash_len + separator.len());
        let mut head: String = full.chars().take(room).collect();
        while head.ends_with('-') {
            head.pop();
        }
        format!("{head}{separator}{suffix}")
    }
}

/// Lowercases `name` and keeps the characters of `charset`; hyphen runs collapse to one.
fn clean(name: &str, charset: Charset) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = c.to_ascii_lowercase();
        match (charset, c) {
            (_, 'a'..='z' | '0'..='9') => out.push(c),
            (Charset::Hyphenated, _) if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A compute name that does not end in `-<digits>`: the last hyphen before a final run of
/// digits becomes `x` (`pl-train-2` → `pl-trainx2`). [`Namer`] applies it to compute rules.
///
/// ```
/// use mlzone_model::naming::compute_name;
/// assert_eq!(compute_name("pl-train-2"), "pl-trainx2");
/// assert_eq!(compute_name("cl-ds3-v2"), "cl-ds3-v2");
/// ```
pub fn compute_name(name: &str) -> String {
    let trimmed = name.trim_end_matches(|c: char| c.is_ascii_digit());
    if trimmed.len() < name.len()
        && let Some(head) = trimmed.strip_suffix('-')
    {
        let digits = name.get(trimmed.len()..).unwrap_or_default();
        return format!("{head}x{digits}");
    }
    name.to_owned()
}
