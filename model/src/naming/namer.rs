//! Names from parts: the estate prefix, a tenant-keyed hash, Azure's length limits.

use super::hash::push_hash;
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
        let mut name = self.build(rule, parts, key);
        if !rule.dash_digits_end {
            make_compute_name(&mut name);
        }
        name
    }

    /// The words of a name: the type prefix, the estate prefix when the rule takes it, and
    /// the non-empty parts.
    fn words<'a>(
        &'a self,
        rule: &'a Rule,
        parts: &'a [&'a str],
    ) -> impl Iterator<Item = &'a str> + Clone {
        let estate = self.prefix.as_deref().filter(|_| rule.estate_prefix);
        std::iter::once(rule.prefix)
            .chain(estate)
            .chain(parts.iter().copied().filter(|p| !p.is_empty()))
    }

    // One allocation for the name, one for the hash input when there is a hash: this runs
    // for every resource of every plan and validation.
    fn build(&self, rule: &Rule, parts: &[&str], key: &[&str]) -> String {
        let separator = match rule.charset {
            Charset::Compact => "",
            Charset::Hyphenated => "-",
        };
        let words = self.words(rule, parts);
        let mut name = String::with_capacity(words.clone().map(|w| w.len() + 1).sum());
        for (i, word) in words.clone().enumerate() {
            if i > 0 {
                push_clean(&mut name, separator, rule.charset);
            }
            push_clean(&mut name, word, rule.charset);
        }
        trim_hyphens(&mut name);
        if !rule.global && name.len() <= rule.max {
            return name;
        }
        let hashed = [self.tenant.as_str()]
            .into_iter()
            .chain(words)
            .chain(["\u{1e}"])
            .chain(key.iter().copied());
        let room = rule.max.saturating_sub(rule.hash_len + separator.len());
        // After cleaning the name is ASCII, so a byte cut is a character cut.
        name.truncate(room);
        trim_hyphens(&mut name);
        name.push_str(separator);
        push_hash(&mut name, hashed, rule.hash_len);
        name
    }
}

/// Appends `text` to `out` lowercased, keeping the characters of `charset`; other characters
/// become one hyphen in a hyphenated name (none at the start, never two in a row).
fn push_clean(out: &mut String, text: &str, charset: Charset) {
    for c in text.chars() {
        let c = c.to_ascii_lowercase();
        match (charset, c) {
            (_, 'a'..='z' | '0'..='9') => out.push(c),
            (Charset::Hyphenated, _) if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
}

fn trim_hyphens(name: &mut String) {
    while name.ends_with('-') {
        name.pop();
    }
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
    let mut name = name.to_owned();
    make_compute_name(&mut name);
    name
}

/// [`compute_name`] in place.
fn make_compute_name(name: &mut String) {
    let digits_start = name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits_start < name.len() && name[..digits_start].ends_with('-') {
        name.replace_range(digits_start - 1..digits_start, "x");
    }
}
