//! Python binding of mlzone.
