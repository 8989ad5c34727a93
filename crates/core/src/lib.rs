//! The pure core of Manifesto.
//!
//! The modules follow the pipeline: [`source`] (text and positions), [`parse`] (YAML and JSON into
//! located objects), [`model`] (the typed objects and their families), then the analyses that read
//! a [`Model`]: the relationship graph, the rollout simulator, the best-practice checks and the
//! review report.
//!
//! The core has no web dependencies and performs no I/O: callers hand it text and get values back.

#![warn(missing_docs)]
#![warn(unreachable_pub)]

pub mod checks;
pub mod diff;
pub mod graph;
pub mod lesson;
pub mod listing;
pub mod markdown;
pub mod model;
pub mod parse;
pub mod report;
pub mod rollout;
pub mod samples;
pub mod share;
pub mod source;
pub mod text;
pub mod text_diff;
mod variants;

pub use model::{Model, Object, ObjectId, Resource, Snippets};
pub use source::{Diagnostic, LineIndex, Location, Pos, Severity, SourceFile};
