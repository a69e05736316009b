//! Custom roles built from other roles: `base + add − remove`, resolved before use.
//!
//! A composed role is kept as a union of blocks: each base keeps its own NotActions, so a
//! base's subtraction never eats into another base's grants. `remove` subtracts from every
//! block. [`ResolvedRole::to_permissions`] turns the union into the single block an Azure role
//! definition holds, exactly or not at all.

use std::collections::BTreeMap;

use super::catalog::Catalog;
use super::evaluate::{PermissionSet, Plane};
use super::pattern::Pattern;
use super::{PermissionList, Permissions, builtin, library};

/// A role that extends others.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RoleSpec {
    /// The role's name (unique in a [`RoleGraph`], case-insensitively).
    pub name: String,
    /// The roles it extends: names in the graph, keys of the [`library`], or built-in role names.
    pub extends: Vec<String>,
    /// A block granted on top of the bases (its NotActions apply to itself only).
    pub add: Permissions,
    /// Patterns subtracted from everything (only the `notActions`/`notDataActions` of this
    /// block are read; put the patterns to remove there).
    pub remove: Permissions,
}

/// Where a base role was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleBase {
    /// Another role of the graph.
    Graph,
    /// A role of mlzone's [`library`].
    Library,
    /// An Azure built-in role.
    Builtin,
}

/// A role with its bases resolved: the union of its blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedRole {
    /// The role's name.
    pub name: String,
    /// The blocks whose union is the role's rights.
    pub blocks: Vec<Permissions>,
}

/// Why a role could not be resolved or flattened.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ComposeError {
    /// No role of that name in the graph.
    #[error("no role named `{name}`")]
    UnknownRole {
        /// The name asked for.
        name: String,
    },
    /// A base names no known role.
    #[error("role `{role}` extends `{base}`, which is not a known role")]
    UnknownBase {
        /// The extending role.
        role: String,
        /// The missing base.
        base: String,
    },
    /// A base is a built-in role whose permissions mlzone does not know.
    #[error("role `{role}` extends built-in role `{base}`, whose permissions are not embedded")]
    BaseWithoutPermissions {
        /// The extending role.
        role: String,
        /// The built-in base.
        base: String,
    },
    /// The roles extend each other in a cycle.
    #[error("roles extend each other in a cycle: {}", path.join(" -> "))]
    Cycle {
        /// The cycle, starting and ending with the same role.
        path: Vec<String>,
    },
    /// The union of blocks cannot be written as one block exactly.
    #[error(
        "role `{role}` cannot be written as one permission block: `{pattern}` of one base would also subtract from the role's other bases or its own actions"
    )]
    NotExpressible {
        /// The role.
        role: String,
        /// A subtracting pattern that would leak into other blocks.
        pattern: String,
    },
}

/// Composes `bases + add − remove` as a union of blocks (no name resolution).
pub fn compose(
    bases: &[&Permissions],
    add: &Permissions,
    remove: &Permissions,
) -> Vec<Permissions> {
    let mut blocks: Vec<Permissions> = bases.iter().map(|b| (*b).clone()).collect();
    if !add.is_empty() {
        blocks.push(add.clone());
    }
    subtract(&mut blocks, remove);
    blocks
}

fn subtract(blocks: &mut [Permissions], remove: &Permissions) {
    for block in blocks {
        block.not_actions.extend(remove.not_actions.iter().cloned());
        block
            .not_data_actions
            .extend(remove.not_data_actions.iter().cloned());
    }
}

/// A set of custom roles that may extend each other, the library and built-in roles.
#[derive(Clone, Debug, Default)]
pub struct RoleGraph {
    roles: BTreeMap<String, RoleSpec>,
}

impl RoleGraph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a role; returns the role it replaced, if any (names compare case-insensitively).
    pub fn insert(&mut self, spec: RoleSpec) -> Option<RoleSpec> {
        self.roles.insert(spec.name.to_ascii_lowercase(), spec)
    }

    /// The role named `name`.
    pub fn get(&self, name: &str) -> Option<&RoleSpec> {
        self.roles.get(&name.to_ascii_lowercase())
    }

    /// Resolves `name`: its bases (recursively) plus its own block, minus its removals.
    pub fn resolve(&self, name: &str) -> Result<ResolvedRole, ComposeError> {
        let spec = self.get(name).ok_or_else(|| ComposeError::UnknownRole {
            name: name.to_owned(),
        })?;
        let mut path = Vec::new();
        let blocks = self.resolve_spec(spec, &mut path)?;
        Ok(ResolvedRole {
            name: spec.name.clone(),
            blocks,
        })
    }

    /// Resolves every role of the graph, in name order, collecting every error.
    pub fn resolve_all(&self) -> Vec<Result<ResolvedRole, ComposeError>> {
        self.roles
            .values()
            .map(|spec| self.resolve(&spec.name))
            .collect()
    }

    fn resolve_spec(
        &self,
        spec: &RoleSpec,
        path: &mut Vec<String>,
    ) -> Result<Vec<Permissions>, ComposeError> {
        let key = spec.name.to_ascii_lowercase();
        if let Some(start) = path.iter().position(|p| p.eq_ignore_ascii_case(&key)) {
            let mut cycle: Vec<String> = path.get(start..).unwrap_or_default().to_vec();
            cycle.push(spec.name.clone());
            return Err(ComposeError::Cycle { path: cycle });
        }
        path.push(spec.name.clone());
        let mut blocks = Vec::new();
        for base in &spec.extends {
            blocks.extend(self.resolve_base(&spec.name, base, path)?);
        }
        path.pop();
        if !spec.add.is_empty() {
            blocks.push(spec.add.clone());
        }
        subtract(&mut blocks, &spec.remove);
        Ok(blocks)
    }

    fn resolve_base(
        &self,
        role: &str,
        base: &str,
        path: &mut Vec<String>,
    ) -> Result<Vec<Permissions>, ComposeError> {
        if let Some(spec) = self.get(base) {
            return self.resolve_spec(spec, path);
        }
        if let Some(found) = library::find(base) {
            return Ok(vec![found.permissions.clone()]);
        }
        match builtin::find(base) {
            Some(found) => match &found.permissions {
                Some(permissions) => Ok(vec![permissions.clone()]),
                None => Err(ComposeError::BaseWithoutPermissions {
                    role: role.to_owned(),
                    base: base.to_owned(),
                }),
            },
            None => Err(ComposeError::UnknownBase {
                role: role.to_owned(),
                base: base.to_owned(),
            }),
        }
    }

    /// Where `name` would be found as a base.
    pub fn base_kind(&self, name: &str) -> Option<RoleBase> {
        if self.get(name).is_some() {
            Some(RoleBase::Graph)
        } else if library::find(name).is_some() {
            Some(RoleBase::Library)
        } else if builtin::find(name).is_some() {
            Some(RoleBase::Builtin)
        } else {
            None
        }
    }
}

impl ResolvedRole {
    /// The role compiled over `catalog`.
    pub fn permission_set<'c>(&self, catalog: &'c Catalog) -> PermissionSet<'c> {
        PermissionSet::union(catalog, &self.blocks)
    }

    /// The role as one block with the same meaning.
    ///
    /// When no block's subtraction touches what another block grants (unless that block
    /// subtracts it too, as it does a role's own `not-actions`), the lists are simply
    /// concatenated. Otherwise each plane whose patterns all stay inside `catalog` is written
    /// as the explicit list of operations it grants; a plane that reaches beyond the catalog
    /// cannot be rewritten exactly, and that is an error.
    pub fn to_permissions(&self, catalog: &Catalog) -> Result<Permissions, ComposeError> {
        let compiled: Vec<Vec<Vec<Pattern>>> = self
            .blocks
            .iter()
            .map(|block| {
                PermissionList::ALL
                    .iter()
                    .map(|&list| block.list(list).iter().map(|p| Pattern::new(p)).collect())
                    .collect()
            })
            .collect();
        let mut out = Permissions::default();
        let set = self.permission_set(catalog);
        for plane in [Plane::Control, Plane::Data] {
            let (grants, removes) = (plane.grants(), plane.removes());
            let grant_lists = |i: usize| list_of(&compiled, i, grants);
            // A removal leaks when it may take away what another block grants and that block
            // does not remove it itself; a role's own `not-actions` sit in every block.
            let leak = (0..compiled.len()).find_map(|i| {
                list_of(&compiled, i, removes).iter().find(|removal| {
                    (0..compiled.len()).filter(|&j| j != i).any(|j| {
                        interacts(removal, grant_lists(j))
                            && !covered(removal, list_of(&compiled, j, removes))
                    })
                })
            });
            let (out_grants, out_removes) = match plane {
                Plane::Control => (&mut out.actions, &mut out.not_actions),
                Plane::Data => (&mut out.data_actions, &mut out.not_data_actions),
            };
            match leak {
                None => {
                    for block in &self.blocks {
                        push_unique(out_grants, block.list(grants));
                        push_unique(out_removes, block.list(removes));
                    }
                }
                Some(removal) => {
                    let known = |provider: &str| catalog.covers_provider(provider);
                    let outside = (0..compiled.len())
                        .flat_map(|i| grant_lists(i).iter())
                        .find(|p| p.over().iter().any(|s| s.reaches_outside(known)));
                    if outside.is_some() {
                        return Err(ComposeError::NotExpressible {
                            role: self.name.clone(),
                            pattern: removal.as_str().to_owned(),
                        });
                    }
                    let ops = catalog.operations();
                    out_grants.extend(
                        set.granted_set(plane)
                            .iter()
                            .filter_map(|i| ops.get(i))
                            .map(|op| op.name().to_owned()),
                    );
                }
            }
        }
        Ok(out)
    }
}

fn list_of(compiled: &[Vec<Vec<Pattern>>], block: usize, list: PermissionList) -> &[Pattern] {
    let position = PermissionList::ALL.iter().position(|&l| l == list);
    compiled
        .get(block)
        .zip(position)
        .and_then(|(lists, p)| lists.get(p))
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// True when `removal` may subtract something one of `grants` grants.
fn interacts(removal: &Pattern, grants: &[Pattern]) -> bool {
    let removal_shapes = removal.over();
    grants.iter().any(|grant| {
        grant
            .over()
            .iter()
            .any(|g| removal_shapes.iter().any(|r| r.intersects(g)))
    })
}

/// True when `removals` remove everything `removal` matches (proven on shapes; false when
/// it cannot be proven).
fn covered(removal: &Pattern, removals: &[Pattern]) -> bool {
    removal.over().iter().all(|shape| {
        removals
            .iter()
            .any(|other| other.under().iter().any(|u| shape.is_subset_of(u)))
    })
}

fn push_unique(out: &mut Vec<String>, items: &[String]) {
    for item in items {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(item)) {
            out.push(item.clone());
        }
    }
}
