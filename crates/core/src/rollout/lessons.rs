//! lessons (in progress).
