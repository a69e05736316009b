//! Codegen's own bookkeeping of names: the collision safety net and Bicep symbols.
//!
//! Every Azure name comes from `mlzone_model::naming`, which the validator checks too, so a
//! validated estate has no collisions. [`Registry`] records the names a plan hands out, per
//! Azure scope, and turns a collision the validator missed into an error instead of a
//! template Azure would refuse.

use std::hash::BuildHasher;
use std::sync::Arc;

use foldhash::{HashMap, HashSet};
use hashbrown::HashTable;

use mlzone_model::naming::{Name, Scope};

use crate::error::Error;
use crate::escape;

/// Names handed out so far, per Azure scope and namespace, to find collisions.
///
/// A 1000-project estate makes over fifty thousand claims, so a claim allocates nothing and
/// the table stays small enough for the cache: the lowercase names lie back to back in one
/// string, a claim is a few numbers, and the hash table holds only each claim's hash and
/// index. It is only asked whether a name is taken, never walked.
#[derive(Debug, Default)]
pub struct Registry {
    /// Each scope's number, in order of first claim.
    scopes: HashMap<Scope, u32>,
    /// Who claimed, each owner once per run of claims that share it.
    owners: Vec<Arc<str>>,
    /// Every claimed name, lowercase, back to back.
    text: String,
    claims: Vec<Claim>,
    table: HashTable<Slot>,
    hasher: foldhash::fast::FixedState,
}

/// One claimed name: where its text lies in [`Registry::text`], and whose it is.
#[derive(Debug, Clone, Copy)]
struct Claim {
    namespace: &'static str,
    scope: u32,
    owner: u32,
    start: u32,
    end: u32,
}

/// A claim's entry in the table: its hash, kept so that growing the table reads nothing else.
#[derive(Debug, Clone, Copy)]
struct Slot {
    hash: u64,
    claim: u32,
}

impl Registry {
    /// Records `name` in its scope and namespace for `owner`; a name already taken there
    /// (case-insensitively) by another owner is an [`Error::NameCollision`]. An owner
    /// claiming several names can be built once and shared (`Arc<str>`).
    pub fn claim(&mut self, name: &Name, owner: impl Into<Arc<str>>) -> Result<(), Error> {
        self.claim_in(
            &name.scope,
            name.rule.namespace,
            name.rule.what,
            &name.value,
            owner,
        )
    }

    /// Records `name` of kind `what` in `namespace` of `scope` for `owner`, like
    /// [`Registry::claim`], for names outside their rule's own scope.
    pub fn claim_in(
        &mut self,
        scope: &Scope,
        namespace: &'static str,
        what: &'static str,
        name: &str,
        owner: impl Into<Arc<str>>,
    ) -> Result<(), Error> {
        let owner = owner.into();
        let scope = self.scope_number(scope)?;
        let start = self.text.len();
        self.text.push_str(name);
        if let Some(added) = self.text.get_mut(start..) {
            added.make_ascii_lowercase();
        }
        let (Ok(start32), Ok(end32)) = (u32::try_from(start), u32::try_from(self.text.len()))
        else {
            return Err(overflow());
        };
        let Self {
            owners,
            text,
            claims,
            table,
            hasher,
            ..
        } = self;
        let lower = text.get(start..).unwrap_or_default();
        let hash = hasher.hash_one((scope, namespace, lower));
        let same = |slot: &Slot| {
            slot.hash == hash
                && claims.get(slot.claim as usize).is_some_and(|claim| {
                    claim.scope == scope
                        && claim.namespace == namespace
                        && text.get(claim.start as usize..claim.end as usize) == Some(lower)
                })
        };
        let first = table
            .find(hash, same)
            .and_then(|slot| claims.get(slot.claim as usize))
            .and_then(|claim| owners.get(claim.owner as usize));
        if let Some(first) = first {
            let taken = (*first != owner).then(|| Error::NameCollision {
                what,
                name: name.to_owned(),
                first: first.to_string(),
                second: owner.to_string(),
            });
            text.truncate(start);
            return taken.map_or(Ok(()), Err);
        }
        // Claims come in runs by one owner: keep it once per run.
        if !owners.last().is_some_and(|last| Arc::ptr_eq(last, &owner)) {
            owners.push(owner);
        }
        let (Ok(owner), Ok(claim)) = (u32::try_from(owners.len() - 1), u32::try_from(claims.len()))
        else {
            return Err(overflow());
        };
        claims.push(Claim {
            namespace,
            scope,
            owner,
            start: start32,
            end: end32,
        });
        table.insert_unique(hash, Slot { hash, claim }, |slot| slot.hash);
        Ok(())
    }

    /// The number of `scope`, numbering it if it is new.
    fn scope_number(&mut self, scope: &Scope) -> Result<u32, Error> {
        if let Some(&number) = self.scopes.get(scope) {
            return Ok(number);
        }
        let number = u32::try_from(self.scopes.len()).map_err(|_| overflow())?;
        self.scopes.insert(scope.clone(), number);
        Ok(number)
    }
}

/// More than four billion names or bytes of names: beyond any document mlzone loads.
fn overflow() -> Error {
    Error::Internal {
        what: "the name registry".to_owned(),
        message: "more names than it can count".to_owned(),
    }
}

/// Bicep symbols and ARM parameter names of one file: valid identifiers, unique
/// case-insensitively (ARM parameter names ignore case).
#[derive(Debug, Default)]
pub struct Symbols {
    /// Identifiers taken before this file's own, shared with the other files that start
    /// with them (see [`Symbols::on`]).
    base: Option<Arc<Symbols>>,
    taken: HashSet<String>,
}

impl Symbols {
    /// Symbols of a file that starts with those of `base` taken.
    pub fn on(base: &Arc<Symbols>) -> Self {
        Self {
            base: Some(Arc::clone(base)),
            taken: HashSet::default(),
        }
    }

    /// A fresh identifier derived from `words` (joined and camel-cased); a clash gets a number.
    pub fn fresh(&mut self, words: &str) -> String {
        let base = escape::bicep_identifier(words);
        if self.take(base.to_ascii_lowercase()) {
            return base;
        }
        let mut n = 2_usize;
        loop {
            let candidate = format!("{base}{n}");
            if self.take(candidate.to_ascii_lowercase()) {
                return candidate;
            }
            n += 1;
        }
    }

    /// Takes the lowercase identifier `key`, if nothing took it before.
    fn take(&mut self, key: String) -> bool {
        !self.is_taken(&key) && self.taken.insert(key)
    }

    fn is_taken(&self, key: &str) -> bool {
        self.taken.contains(key) || self.base.as_ref().is_some_and(|base| base.is_taken(key))
    }
}

#[cfg(test)]
mod tests;
