//! Deterministic Azure names, stable GUIDs, and the checks that keep them unique.
//!
//! Names are built from the naming prefix, the project and the environment. A name that
//! must be unique across Azure (storage, key vault, registry, endpoints, compute instances)
//! always ends in a short hash of the tenant and the item, so two organisations with the same
//! prefix do not fight over it. Any other name gets a hash only when it is cut to Azure's
//! length limit, so the cut keeps it distinct. [`Registry`] then detects the collisions that
//! remain, case-insensitively, per Azure scope.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use crate::error::Error;
use crate::escape;

/// The UUIDv5 namespace of every GUID and hash mlzone derives.
pub const NAMESPACE: Uuid = Uuid::from_bytes([
    0x6d, 0x6c, 0x7a, 0x6f, 0x6e, 0x65, 0x4e, 0x53, 0x8a, 0x1c, 0x2f, 0x55, 0x0b, 0x3e, 0x71, 0x9d,
]);

/// Length of the hash appended to names that need one.
pub const HASH_LEN: usize = 5;
/// Length of the hash of names unique in a region across many estates (compute instances,
/// endpoints): 26⁸ values keep collisions unlikely among tens of thousands of names.
pub const LONG_HASH_LEN: usize = 8;

/// A UUIDv5 over `parts`, separated by a unit separator so that parts cannot run together.
pub fn stable_guid(parts: &[&str]) -> Uuid {
    Uuid::new_v5(&NAMESPACE, parts.join("\u{1f}").as_bytes())
}

/// `len` lowercase letters derived from `parts`: letters only, so a name that ends in one
/// never ends in `-<digits>` (a compute name rule) and never starts with a digit.
pub fn hash(parts: &[&str], len: usize) -> String {
    let bytes = *stable_guid(parts).as_bytes();
    let mut value = u128::from_be_bytes(bytes);
    let mut out = String::with_capacity(len);
    for _ in 0..len {
        let letter = u8::try_from(value % 26).unwrap_or(0);
        out.push(char::from(b'a' + letter));
        value /= 26;
    }
    out
}

/// Which characters a kind of name allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// Lowercase letters and digits only (storage accounts, registries).
    Compact,
    /// Lowercase letters, digits and single hyphens, starting with a letter and ending with a
    /// letter or digit.
    Hyphenated,
}

/// The rules of one kind of Azure name.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// What the name is of, for messages (`storage account`).
    pub what: &'static str,
    /// The short type prefix (`st`, `kv`, `mlw`).
    pub prefix: &'static str,
    /// The allowed characters.
    pub charset: Charset,
    /// The longest name Azure accepts.
    pub max: usize,
    /// Whether the name is unique across Azure (or a region) and always gets a hash.
    pub global: bool,
    /// Whether the estate's naming prefix goes after the type prefix.
    pub estate_prefix: bool,
    /// Length of the hash suffix.
    pub hash_len: usize,
}

/// Builds names from the estate's prefix and tenant.
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

/// A compute name (3–24 characters, starting with a letter, letters, digits and hyphens) that
/// does not end in `-<digits>`: the last hyphen before a final run of digits becomes `x`.
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

/// Names handed out so far, per Azure scope and kind, to find collisions.
#[derive(Debug, Default)]
pub struct Registry {
    taken: BTreeMap<(String, &'static str), BTreeMap<String, String>>,
}

impl Registry {
    /// Records `name` of kind `what` in `scope` for `owner`; a name already taken there
    /// (case-insensitively) by another owner is an [`Error::NameCollision`].
    pub fn claim(
        &mut self,
        scope: &str,
        what: &'static str,
        name: &str,
        owner: impl Into<String>,
    ) -> Result<(), Error> {
        let owner = owner.into();
        let names = self.taken.entry((scope.to_owned(), what)).or_default();
        match names.get(&name.to_ascii_lowercase()) {
            Some(first) if *first != owner => Err(Error::NameCollision {
                what,
                name: name.to_owned(),
                first: first.clone(),
                second: owner,
            }),
            Some(_) => Ok(()),
            None => {
                names.insert(name.to_ascii_lowercase(), owner);
                Ok(())
            }
        }
    }
}

/// Bicep symbols and ARM parameter names of one file: valid identifiers, unique
/// case-insensitively (ARM parameter names ignore case).
#[derive(Debug, Default)]
pub struct Symbols {
    taken: BTreeSet<String>,
}

impl Symbols {
    /// A fresh identifier derived from `words` (joined and camel-cased); a clash gets a number.
    pub fn fresh(&mut self, words: &str) -> String {
        let base = escape::bicep_identifier(words);
        let mut candidate = base.clone();
        let mut n = 2_usize;
        while !self.taken.insert(candidate.to_ascii_lowercase()) {
            candidate = format!("{base}{n}");
            n += 1;
        }
        candidate
    }
}
