//! Reviewing a change: what differs between two versions of the manifests and what applying the
//! new version will do to the cluster.
//!
//! [`Diff::compute`] compares an old and a new [`Model`]:
//!
//! - the objects added, removed and changed, matched by id, with their changed fields by path
//!   (typed values are compared, so formatting is never a change, and Secret values are masked);
//! - the workloads whose pod template changed, with their rollout simulated from the old version
//!   to the new one by the engine of [`crate::rollout`];
//! - the links of the graph that appear or disappear;
//! - the findings introduced and fixed, and the scores that move;
//! - notes on changes that do not do what their authors often expect.
//!
//! ```no_run
//! use manifesto_core::checks::Settings;
//! use manifesto_core::diff::Diff;
//! use manifesto_core::{Model, samples::Sample};
//!
//! let old = Model::from_files(Sample::FeastFlow.files());
//! let new = old.clone();
//! let diff = Diff::compute(&old, &new, &Settings::default());
//! assert!(diff.is_empty());
//! ```

mod edges;
mod fields;
mod findings;
mod ghosts;
mod notes;
mod rollouts;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;

use serde::Serialize;

pub use edges::{EdgeChanges, EdgeRef, compare_edges, links};
pub use fields::{Change, FieldChange, ObjectChange, compare_fields, compare_objects};
pub use findings::{FindingChanges, ScoreChange, compare_findings, compare_scores};
pub use ghosts::{EdgeKey, GraphDelta, graph_delta};
pub use notes::Note;
pub use rollouts::{RolloutChange, simulate_change};

use crate::checks::{Level, Settings};
use crate::graph::{Graph, GraphOptions};
use crate::model::Model;
use crate::report::Review;

/// One version of the manifests with what the diff reads from it: its model, graph and review.
/// Callers that keep a baseline build its side once and reuse it.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The objects.
    pub model: &'a Model,
    /// Their graph (built with the default options).
    pub graph: &'a Graph,
    /// Their review.
    pub review: &'a Review,
}

/// The graph and review of a model, for a [`Side`].
pub fn analyse(model: &Model, settings: &Settings) -> (Graph, Review) {
    (
        Graph::build(model, &GraphOptions::default()),
        Review::build(model, settings),
    )
}

/// The difference between two versions of the manifests, and its consequences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// Objects added, removed or changed: new version's order, then removed ones.
    pub objects: Vec<ObjectChange>,
    /// The workloads that will roll out.
    pub rollouts: Vec<RolloutChange>,
    /// Links that appear and disappear.
    pub edges: EdgeChanges,
    /// Findings introduced and fixed.
    pub findings: FindingChanges,
    /// Scores that move, the overall score last (object `overall`).
    pub scores: Vec<ScoreChange>,
    /// Remarks on surprising changes.
    pub notes: Vec<Note>,
}

impl Diff {
    /// Compares `old` and `new`, building both graphs and reviews.
    pub fn compute(old: &Model, new: &Model, settings: &Settings) -> Diff {
        let (old_graph, old_review) = analyse(old, settings);
        let (new_graph, new_review) = analyse(new, settings);
        Diff::between(
            Side {
                model: old,
                graph: &old_graph,
                review: &old_review,
            },
            Side {
                model: new,
                graph: &new_graph,
                review: &new_review,
            },
        )
    }

    /// Compares two sides whose graphs and reviews are already built.
    pub fn between(old: Side<'_>, new: Side<'_>) -> Diff {
        let objects = compare_objects(old.model, new.model);
        let (rollouts, mut notes) = rollouts::rollouts(old.model, new.model, &objects);
        let mut all_notes = notes::notes(&objects, &rollouts, new.graph);
        all_notes.append(&mut notes);
        Diff {
            rollouts,
            edges: compare_edges(old.graph, new.graph),
            findings: compare_findings(old.review, new.review),
            scores: compare_scores(old.review, new.review),
            notes: all_notes,
            objects,
        }
    }

    /// Whether the two versions define the same objects with the same content.
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// The introduced findings at `level` or above.
    pub fn introduced_at_least(&self, level: Level) -> usize {
        self.findings
            .introduced
            .iter()
            .filter(|f| f.severity <= level)
            .count()
    }

    /// The object change for `id`, if it changed.
    pub fn object(&self, id: &str) -> Option<&ObjectChange> {
        self.objects.iter().find(|o| o.id.as_str() == id)
    }
}
