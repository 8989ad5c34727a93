//! Integration tests of the core: per-check fixtures and the real-world corpus.

mod corpus;
mod fixtures;
