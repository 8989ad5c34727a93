//! The review: every check's findings, the best-practice checklist, readiness scores, and their
//! exports (JSON, Markdown, SARIF 2.1.0, JUnit XML) plus the generated check catalog.
//!
//! [`Review::build`] runs the enabled checks over a [`Model`] and assembles the rest from their
//! findings; the renderers only read a [`Review`].

pub mod checklist;
pub mod docs;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod score;
mod summary;
pub mod wire;

use serde::{Deserialize, Serialize};

pub use checklist::{Cell, Checklist, Outcome, Row};
pub use score::ObjectScore;

use crate::checks::{self, Context, Finding, Level, Settings};
use crate::model::{Model, ObjectId};
use crate::source::Diagnostic;

/// The review of a set of manifests.
///
/// It also reads back from its serialised form, which the page's analysis worker sends (see
/// [`wire`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// Every finding of the enabled checks, sorted by file and position; suppressed ones are kept
    /// and marked with their reason.
    pub findings: Vec<Finding>,
    /// The best-practice checklist (workloads only).
    pub checklist: Checklist,
    /// One score per object, in model order.
    pub scores: Vec<ObjectScore>,
    /// The overall score out of 10 (see [`score::FORMULA`]).
    pub overall_score: f64,
    /// How the scores are computed.
    pub formula: &'static str,
    /// What each object is, in one line, in model order.
    pub objects: Vec<ObjectSummary>,
    /// Problems met while reading the input.
    pub diagnostics: Vec<Diagnostic>,
    /// The number of unsuppressed findings by severity, and of suppressed ones.
    pub counts: Counts,
}

/// An object of the review, described in one line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectSummary {
    /// `Kind/namespace/name`.
    pub id: ObjectId,
    /// The kind.
    pub kind: String,
    /// `metadata.name`.
    pub name: String,
    /// The file it is written in.
    pub file: String,
    /// The line it starts on.
    pub line: usize,
    /// What it is and does, e.g. `2 replicas of feastflow-backend:latest, RollingUpdate (maxSurge 1, maxUnavailable 0)`.
    pub summary: String,
}

/// Findings counted by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Unsuppressed errors.
    pub error: usize,
    /// Unsuppressed warnings.
    pub warning: usize,
    /// Unsuppressed info findings.
    pub info: usize,
    /// Findings silenced by an annotation.
    pub suppressed: usize,
}

impl Counts {
    /// Counts `findings`.
    pub fn of(findings: &[Finding]) -> Counts {
        let mut counts = Counts::default();
        for f in findings {
            match (f.is_suppressed(), f.severity) {
                (true, _) => counts.suppressed += 1,
                (false, Level::Error) => counts.error += 1,
                (false, Level::Warning) => counts.warning += 1,
                (false, Level::Info) => counts.info += 1,
            }
        }
        counts
    }

    /// Unsuppressed findings at `level` or above.
    pub fn at_least(&self, level: Level) -> usize {
        match level {
            Level::Error => self.error,
            Level::Warning => self.error + self.warning,
            Level::Info => self.error + self.warning + self.info,
        }
    }
}

impl Review {
    /// Runs every enabled check over `model` and builds the checklist and the scores.
    pub fn build(model: &Model, settings: &Settings) -> Review {
        let findings = checks::run(&Context::new(model, settings));
        Review::from_findings(model, settings, findings)
    }

    /// The review of `model` given the findings of its checks (as [`checks::run`] returns them).
    pub fn from_findings(model: &Model, settings: &Settings, findings: Vec<Finding>) -> Review {
        let checklist = Checklist::build(model, settings, &findings);
        let (scores, overall_score) = score::score(model, settings, &findings);
        let objects = summary::summaries(model);
        Review {
            counts: Counts::of(&findings),
            findings,
            checklist,
            scores,
            overall_score,
            formula: score::FORMULA,
            objects,
            diagnostics: model.diagnostics.clone(),
        }
    }

    /// The score of the object with this id.
    pub fn score_of(&self, object: &str) -> Option<&ObjectScore> {
        self.scores.iter().find(|s| s.object.as_str() == object)
    }

    /// The unsuppressed findings.
    pub fn open_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.is_suppressed())
    }

    /// The review as JSON (see [`json`]).
    pub fn to_json(&self) -> String {
        json::render(self)
    }

    /// The review as Markdown, fit to paste into a pull request (see [`markdown`]).
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }

    /// The findings as a SARIF 2.1.0 log (see [`sarif`]).
    pub fn to_sarif(&self) -> String {
        sarif::render(self)
    }

    /// The checks as JUnit XML (see [`junit`]).
    pub fn to_junit(&self) -> String {
        junit::render(self)
    }
}
