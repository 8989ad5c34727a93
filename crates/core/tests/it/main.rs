//! Integration tests of the core: per-check fixtures and the real-world corpus.

mod corpus;
mod corpus_findings;
mod docs;
mod fixtures;
mod graph_corpus;
mod lessons;
mod secrets;
