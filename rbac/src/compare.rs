//! Comparing permission sets: `A ⊆ B` and `A − B`.
//!
//! Over the catalog both answers are exact. Patterns that can match operations of providers
//! the catalog does not hold (`*`, `*/read`, `Microsoft.Compute/*`) are compared by their
//! shapes: `A ⊆ B` is claimed only when it is proven, and what could not be proven is listed.

use super::catalog::Catalog;
use super::evaluate::{Block, PermissionSet, Plane};
use super::pattern::{Pattern, Shape};
use super::{Operation, PermissionList};

/// A pattern of `A` that may grant operations outside the catalog which `B` was not shown
/// to grant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unproven {
    /// The block of `A` holding the pattern.
    pub block: usize,
    /// The list holding it (`actions` or `dataActions`).
    pub list: PermissionList,
    /// Its position in that list.
    pub index: usize,
    /// The pattern as written.
    pub pattern: String,
}

/// What `A` grants that `B` does not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference<'c> {
    /// Catalog operations granted by `A` and not by `B`, control then data, in catalog order.
    pub operations: Vec<&'c Operation>,
    /// Patterns of `A` reaching beyond the catalog whose coverage by `B` is not proven.
    pub unproven: Vec<Unproven>,
}

impl Difference<'_> {
    /// True when `A ⊆ B` is proven.
    pub fn is_empty(&self) -> bool {
        self.operations.is_empty() && self.unproven.is_empty()
    }

    /// True when the answer is exact: nothing beyond the catalog was left unproven.
    pub fn is_exact(&self) -> bool {
        self.unproven.is_empty()
    }
}

/// True when everything `a` grants is proven to be granted by `b`.
///
/// Exact over the catalog of `a`; beyond it, false unless proven (see [`difference`]).
pub fn is_subset(a: &PermissionSet<'_>, b: &PermissionSet<'_>) -> bool {
    let catalog_part = if std::ptr::eq(a.catalog(), b.catalog()) {
        [Plane::Control, Plane::Data]
            .into_iter()
            .all(|plane| a.granted_set(plane).is_subset(b.granted_set(plane)))
    } else {
        a.granted_operations().iter().all(|op| b.grants(op.name()))
    };
    catalog_part && outside_gaps(a, b).next().is_none()
}

/// What `a` grants that `b` does not: exact over the catalog of `a`, conservative beyond it.
pub fn difference<'c>(a: &PermissionSet<'c>, b: &PermissionSet<'_>) -> Difference<'c> {
    let ops = a.catalog().operations();
    let operations = if std::ptr::eq(a.catalog(), b.catalog()) {
        [Plane::Control, Plane::Data]
            .into_iter()
            .flat_map(|plane| {
                a.granted_set(plane)
                    .difference(b.granted_set(plane))
                    .collect::<Vec<_>>()
            })
            .filter_map(|i| ops.get(i))
            .collect()
    } else {
        a.granted_operations()
            .into_iter()
            .filter(|op| !b.grants(op.name()))
            .collect()
    };
    Difference {
        operations,
        unproven: outside_gaps(a, b).collect(),
    }
}

/// The grant patterns of `a` that may reach beyond the catalog and are not proven covered by `b`.
fn outside_gaps<'a>(
    a: &'a PermissionSet<'_>,
    b: &'a PermissionSet<'_>,
) -> impl Iterator<Item = Unproven> + 'a {
    let catalog = a.catalog();
    a.blocks().iter().enumerate().flat_map(move |(bi, block)| {
        [Plane::Control, Plane::Data]
            .into_iter()
            .flat_map(move |plane| {
                block
                    .list(plane.grants())
                    .iter()
                    .enumerate()
                    .filter(move |(_, pattern)| !covered(catalog, block, pattern, plane, b))
                    .map(move |(index, pattern)| Unproven {
                        block: bi,
                        list: plane.grants(),
                        index,
                        pattern: pattern.as_str().to_owned(),
                    })
            })
    })
}

/// True when the part of `pattern` (granted by `block` of A) beyond the catalog is proven
/// granted by `b`, or there is no such part.
fn covered(
    catalog: &Catalog,
    block: &Block,
    pattern: &Pattern,
    plane: Plane,
    b: &PermissionSet<'_>,
) -> bool {
    let known = |provider: &str| catalog.covers_provider(provider);
    let own_removals = block.list(plane.removes());
    pattern
        .over()
        .iter()
        .filter(|shape| shape.reaches_outside(known))
        .all(|shape| {
            within_any(shape, own_removals)
                || b.blocks()
                    .iter()
                    .any(|other| block_covers(other, shape, plane, own_removals, &known))
        })
}

/// True when `shape` lies inside the under-approximation of one of `patterns`.
fn within_any(shape: &Shape, patterns: &[Pattern]) -> bool {
    patterns
        .iter()
        .any(|p| p.under().iter().any(|u| shape.is_subset_of(u)))
}

/// True when `block` of B grants all of `shape` beyond the catalog, except what A's own
/// removals take away anyway.
fn block_covers(
    block: &Block,
    shape: &Shape,
    plane: Plane,
    own_removals: &[Pattern],
    known: &impl Fn(&str) -> bool,
) -> bool {
    let granted = within_any(shape, block.list(plane.grants()));
    granted
        && block.list(plane.removes()).iter().all(|removal| {
            removal.over().iter().all(|r| {
                !r.reaches_outside(known) || !r.intersects(shape) || within_any(r, own_removals)
            })
        })
}
