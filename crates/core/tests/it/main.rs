//! Integration tests of the core: the real-world corpus (its graph and its findings snapshot), the
//! lesson packs, Secret masking and the generated docs.

mod corpus;
mod corpus_findings;
mod docs;
mod graph_corpus;
mod lessons;
mod secrets;
