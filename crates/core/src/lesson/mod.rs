//! Lessons: packs of guided levels and find-the-bug challenges, each with starting manifests and
//! goal conditions checked against the analysis (the review, the graph, the rollout simulator).
//!
//! A [`Pack`] is written as a YAML file (documented in `docs/lessons.md`) and read with
//! [`parse_pack`], which reports located errors; [`to_yaml`] writes one back. The packs shipped
//! with Manifesto are in [`builtin`].
//!
//! ```no_run
//! use manifesto_core::lesson;
//!
//! let packs = lesson::builtin();
//! let level = &packs[0].levels[0];
//! for goal in level.check_files(&level.files) {
//!     println!("[{}] {}", if goal.done { "x" } else { " " }, goal.text);
//! }
//! ```

mod builtin;
mod export;
mod format;
mod offer;
mod rule;

use serde::Serialize;

use crate::checks::Settings;
use crate::model::Model;
use crate::report::Review;
use crate::source::SourceFile;
use crate::text_diff::{self, FileDiff};

pub use builtin::{SOURCES, builtin};
pub use export::to_yaml;
pub use format::{
    MAX_CONDITIONS, MAX_FILES, MAX_HINTS, MAX_LEVELS, MAX_PACK_BYTES, MAX_TEXT_BYTES, parse_pack,
};
pub use offer::offered_conditions;
pub use rule::Rule;

/// A sequence of levels on one subject.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pack {
    /// A stable id (kebab-case), e.g. `basics`.
    pub id: String,
    /// The title shown in the list.
    pub title: String,
    /// One or two sentences about what the pack teaches.
    pub summary: String,
    /// The levels, in order.
    pub levels: Vec<Level>,
}

/// Whether a level teaches one idea or hides planted mistakes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum LevelKind {
    /// A guided level: an introduction, a goal and its conditions.
    Level,
    /// A find-the-bug challenge: each condition is one planted problem, not named to the student.
    Challenge,
}

impl LevelKind {
    /// `level` or `challenge`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One file of a level: a name and its manifest text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackFile {
    /// The file name, e.g. `web.yaml`.
    pub name: String,
    /// The manifest text.
    pub text: String,
}

/// One level or challenge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Level {
    /// A stable id, unique in its pack.
    pub id: String,
    /// Level or challenge.
    pub kind: LevelKind,
    /// The title.
    pub title: String,
    /// The introduction: plain paragraphs separated by blank lines.
    pub intro: String,
    /// The goal in one or two sentences.
    pub goal: String,
    /// The view to show on open: `objects`, `graph`, `rollout` or `review`.
    pub view: Option<String>,
    /// The starting manifests.
    pub files: Vec<PackFile>,
    /// What must hold for the level to be done.
    pub conditions: Vec<Condition>,
    /// Hints, revealed one at a time.
    pub hints: Vec<String>,
    /// The files after the fix: each replaces the starting file of the same name (or is added).
    pub solution: Vec<PackFile>,
    /// The "done" message: what the student just learned.
    pub learned: String,
}

/// One condition of a goal: the text shown to the student and the rule that decides it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Condition {
    /// What the student reads, e.g. "The Service finds its pods".
    pub text: String,
    /// How it is decided.
    pub rule: Rule,
}

/// Whether one condition holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalState {
    /// The condition's text.
    pub text: String,
    /// Whether it holds.
    pub done: bool,
}

/// For challenges: how many planted problems are fixed, without naming them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Conditions that hold.
    pub fixed: usize,
    /// All conditions.
    pub total: usize,
}

impl Level {
    /// Evaluates every condition against the analysis of the current files.
    pub fn evaluate(&self, model: &Model, review: &Review) -> Vec<GoalState> {
        let mut analysis = rule::Analysis::new(model, review);
        self.conditions
            .iter()
            .map(|c| GoalState {
                text: c.text.clone(),
                done: analysis.holds(&c.rule),
            })
            .collect()
    }

    /// How many conditions hold, out of all.
    pub fn progress(&self, goals: &[GoalState]) -> Progress {
        Progress {
            fixed: goals.iter().filter(|g| g.done).count(),
            total: goals.len(),
        }
    }

    /// Analyses `files` with the default settings and evaluates the conditions against them.
    pub fn check_files(&self, files: &[PackFile]) -> Vec<GoalState> {
        let model = model_of(files);
        let review = Review::build(&model, &Settings::default());
        self.evaluate(&model, &review)
    }

    /// The starting files with the solution applied: each solution file replaces the starting
    /// file of the same name, or is added after them.
    pub fn solved_files(&self) -> Vec<PackFile> {
        let mut out = self.files.clone();
        for fix in &self.solution {
            match out.iter_mut().find(|f| f.name == fix.name) {
                Some(file) => file.text.clone_from(&fix.text),
                None => out.push(fix.clone()),
            }
        }
        out
    }

    /// The solution as changes to `current` (the student's files): how each file differs from
    /// the level's solved files ([`Level::solved_files`]), with `context` unchanged lines around
    /// each change; files the solved level has and `current` lacks are added, and files only
    /// `current` has are removed. Applying it makes the files equal to the solved files.
    pub fn solution_diff(&self, current: &[PackFile], context: usize) -> Vec<FileDiff> {
        let solved = self.solved_files();
        text_diff::diff_files(&named(current), &named(&solved), context)
    }

    /// Checks that the level works as a lesson: its starting files leave at least one condition
    /// unmet, and its solution meets them all. The error says what is wrong, in words.
    pub fn verify(&self) -> Result<(), String> {
        let start = self.check_files(&self.files);
        if start.iter().all(|g| g.done) {
            return Err(format!(
                "level {}: the starting files already meet every condition",
                self.id
            ));
        }
        let solved = self.check_files(&self.solved_files());
        let unmet: Vec<&str> = solved
            .iter()
            .filter(|g| !g.done)
            .map(|g| g.text.as_str())
            .collect();
        if !unmet.is_empty() {
            return Err(format!(
                "level {}: the solution leaves unmet: {}",
                self.id,
                unmet.join("; ")
            ));
        }
        Ok(())
    }
}

/// Each file as (name, text).
fn named(files: &[PackFile]) -> Vec<(&str, &str)> {
    files
        .iter()
        .map(|f| (f.name.as_str(), f.text.as_str()))
        .collect()
}

/// The model of a level's files.
pub fn model_of(files: &[PackFile]) -> Model {
    Model::from_files(
        files
            .iter()
            .map(|f| SourceFile::new(f.name.clone(), f.text.clone()))
            .collect(),
    )
}

#[cfg(test)]
mod tests;
