//! Codegen's own bookkeeping of names: the collision safety net and Bicep symbols.
//!
//! Every Azure name comes from `mlzone_model::naming`, which the validator checks too, so a
//! validated estate has no collisions. [`Registry`] records the names a plan hands out, per
//! Azure scope, and turns a collision the validator missed into an error instead of a
//! template Azure would refuse.

use std::collections::hash_map::Entry;
use std::sync::Arc;

use foldhash::{HashMap, HashSet};

use mlzone_model::naming::{Name, Scope};

use crate::error::Error;
use crate::escape;

/// Names handed out so far, per Azure scope and namespace, to find collisions.
///
/// Hashed, not ordered: it is only asked whether a name is taken, and a 1000-project
/// estate's tree of long, common-prefixed scope strings made every claim slower.
#[derive(Debug, Default)]
pub struct Registry {
    taken: HashMap<Scope, HashMap<&'static str, HashMap<String, Arc<str>>>>,
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
        let namespaces = match self.taken.get_mut(scope) {
            Some(namespaces) => namespaces,
            None => self.taken.entry(scope.clone()).or_default(),
        };
        let names = namespaces.entry(namespace).or_default();
        // One probe of the table: it is large and cold in a big estate.
        match names.entry(name.to_ascii_lowercase()) {
            Entry::Occupied(first) if *first.get() != owner => Err(Error::NameCollision {
                what,
                name: name.to_owned(),
                first: first.get().to_string(),
                second: owner.to_string(),
            }),
            Entry::Occupied(_) => Ok(()),
            Entry::Vacant(slot) => {
                slot.insert(owner);
                Ok(())
            }
        }
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
