//! The difference between two listings of a public API, one item per line.

use std::collections::HashSet;

/// One line of a difference: an item only the old listing has, or only the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change<'a> {
    /// In the snapshot, not in the crate: removed, or changed (then an `Added` line with
    /// the same path is near it).
    Removed(&'a str),
    /// In the crate, not in the snapshot.
    Added(&'a str),
}

impl Change<'_> {
    /// The line as a unified diff prints it.
    pub fn line(&self) -> String {
        match self {
            Change::Removed(item) => format!("- {item}"),
            Change::Added(item) => format!("+ {item}"),
        }
    }
}

/// The items of `old` missing from `new` and the items of `new` missing from `old`, in the
/// order of the listings (both are sorted alike, so a changed item's old and new lines come
/// next to each other). An item's position is no part of the API: two listings with the
/// same items in another order have no changes.
pub fn changes<'a>(old: &'a str, new: &'a str) -> Vec<Change<'a>> {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    let in_old: HashSet<&str> = old.iter().copied().collect();
    let in_new: HashSet<&str> = new.iter().copied().collect();
    let mut changes = Vec::new();
    let (mut o, mut n) = (old.iter().peekable(), new.iter().peekable());
    loop {
        match (o.peek().copied(), n.peek().copied()) {
            (None, None) => break,
            (Some(a), Some(b)) if a == b => {
                o.next();
                n.next();
            }
            (Some(a), _) if !in_new.contains(a) => {
                changes.push(Change::Removed(a));
                o.next();
            }
            (_, Some(b)) if !in_old.contains(b) => {
                changes.push(Change::Added(b));
                n.next();
            }
            // Both lines are items of both listings, met in another order (or repeated):
            // nothing to report for either.
            _ => {
                o.next();
                n.next();
            }
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::{Change, changes};

    #[test]
    fn equal_listings_have_no_changes() {
        assert_eq!(changes("a\nb\n", "a\nb\n"), vec![]);
    }

    #[test]
    fn a_changed_item_is_removed_then_added_in_place() {
        let old = "pub fn m::a(x: u8)\npub fn m::b()\npub fn m::c()\n";
        let new = "pub fn m::a(x: u8)\npub fn m::b(y: u16)\npub fn m::c()\npub fn m::d()\n";
        assert_eq!(
            changes(old, new),
            vec![
                Change::Removed("pub fn m::b()"),
                Change::Added("pub fn m::b(y: u16)"),
                Change::Added("pub fn m::d()"),
            ]
        );
    }

    #[test]
    fn removed_items_at_either_end_are_reported() {
        assert_eq!(
            changes("a\nb\nc\n", "b\n"),
            vec![Change::Removed("a"), Change::Removed("c")]
        );
        assert_eq!(changes("", "x\n"), vec![Change::Added("x")]);
    }

    #[test]
    fn the_same_items_in_another_order_are_no_change() {
        assert_eq!(changes("a\nb\nc\n", "c\nb\na\n"), vec![]);
    }

    #[test]
    fn every_item_of_one_side_only_is_reported_once() {
        let old = "a\nx\nb\ny\nc\n";
        let new = "c\nz\nb\na\nw\n";
        let mut found = changes(old, new);
        found.sort_by_key(|change| change.line());
        assert_eq!(
            found,
            vec![
                Change::Added("w"),
                Change::Added("z"),
                Change::Removed("x"),
                Change::Removed("y"),
            ]
        );
    }
}
