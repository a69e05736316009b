//! Stable GUIDs and the short letter hashes names end in.

use uuid::Uuid;

/// The UUIDv5 namespace of every GUID and hash mlzone derives.
pub const NAMESPACE: Uuid = Uuid::from_bytes([
    0x6d, 0x6c, 0x7a, 0x6f, 0x6e, 0x65, 0x4e, 0x53, 0x8a, 0x1c, 0x2f, 0x55, 0x0b, 0x3e, 0x71, 0x9d,
]);

/// Length of the hash appended to names that need one.
pub const HASH_LEN: usize = 5;

/// Length of the hash of names unique in a region across many estates (compute instances,
/// endpoints): 26⁸ values keep collisions unlikely among tens of thousands of names (five
/// letters collided in a 1000-project estate).
pub const LONG_HASH_LEN: usize = 8;

/// A UUIDv5 over `parts`, separated by a unit separator so that parts cannot run together.
///
/// ```
/// use mlzone_model::naming::stable_guid;
/// assert_eq!(stable_guid(&["a", "b"]), stable_guid(&["a", "b"]));
/// assert_ne!(stable_guid(&["a", "b"]), stable_guid(&["ab"]));
/// ```
pub fn stable_guid(parts: &[&str]) -> Uuid {
    guid_of(parts.iter().copied())
}

/// [`stable_guid`] of the parts an iterator gives.
fn guid_of<'a>(parts: impl IntoIterator<Item = &'a str>) -> Uuid {
    let mut joined = String::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            joined.push('\u{1f}');
        }
        joined.push_str(part);
    }
    Uuid::new_v5(&NAMESPACE, joined.as_bytes())
}

/// `len` lowercase letters derived from `parts`: letters only, so a name that ends in one
/// never ends in `-<digits>` (a compute name rule) and never starts with a digit.
///
/// ```
/// use mlzone_model::naming::hash;
/// let h = hash(&["tenant", "st", "churn"], 5);
/// assert_eq!(h.len(), 5);
/// assert!(h.chars().all(|c| c.is_ascii_lowercase()));
/// ```
pub fn hash(parts: &[&str], len: usize) -> String {
    let mut out = String::with_capacity(len);
    push_hash(&mut out, parts.iter().copied(), len);
    out
}

/// Appends [`hash`] of `parts` to `out`.
pub(super) fn push_hash<'a>(
    out: &mut String,
    parts: impl IntoIterator<Item = &'a str>,
    len: usize,
) {
    let mut value = u128::from_be_bytes(*guid_of(parts).as_bytes());
    for _ in 0..len {
        let letter = u8::try_from(value % 26).unwrap_or(0);
        out.push(char::from(b'a' + letter));
        value /= 26;
    }
}
