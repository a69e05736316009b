//! The bounds of free text and of an estate's size: the JSON Schema of the document states
//! them and resolution enforces them, so they live here, below both.

/// The longest display name (organisation, role display name).
pub const MAX_NAME_TEXT: usize = 128;
/// The longest description.
pub const MAX_DESCRIPTION: usize = 1024;
/// The most projects one estate may hold.
pub const MAX_PROJECTS: usize = 5000;

/// The longest Azure tag name.
pub(crate) const MAX_TAG_NAME: usize = 512;
/// The longest Azure tag value.
pub(crate) const MAX_TAG_VALUE: usize = 256;
/// The most tags Azure allows on one resource.
pub(crate) const MAX_TAGS: usize = 50;
