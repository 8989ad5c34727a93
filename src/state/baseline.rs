//! The baseline of the Compare view: the files as they were when the user took it, read once
//! with their graph and review, so each edit only analyses the current files; taking and
//! dropping it.

use std::rc::Rc;

use manifesto_core::checks::Settings;
use manifesto_core::diff::{self, Diff, Side};
use manifesto_core::graph::{Graph, GraphOptions};
use manifesto_core::report::Review;
use manifesto_core::{Model, SourceFile};

use super::AppState;

/// The "before" side of the comparison.
#[derive(Debug)]
pub struct Baseline {
    /// The files as taken: name and text.
    pub files: Vec<(String, String)>,
    /// The objects read from them.
    pub model: Model,
    /// Their graph.
    pub graph: Graph,
    /// Their review under `settings`.
    pub review: Review,
    /// The settings the review was built with.
    pub settings: Settings,
}

impl Baseline {
    /// Reads `files` as the baseline, reviewed under `settings`.
    pub fn new(files: Vec<(String, String)>, settings: &Settings) -> Self {
        let model = Model::from_files_with(
            files
                .iter()
                .map(|(name, text)| SourceFile::new(name.clone(), text.clone()))
                .collect(),
            &settings.parse_options(),
        );
        let (graph, review) = diff::analyse(&model, settings);
        Baseline {
            files,
            model,
            graph,
            review,
            settings: settings.clone(),
        }
    }

    /// The same baseline reviewed under `settings` (itself when they are the ones it has).
    pub fn under(self: &Rc<Self>, settings: &Settings) -> Rc<Self> {
        if &self.settings == settings {
            return self.clone();
        }
        Rc::new(Baseline::new(self.files.clone(), settings))
    }

    /// The difference from the baseline to the current `model` and its `review`.
    pub fn diff(&self, model: &Model, review: &Review) -> Diff {
        let graph = Graph::build(model, &GraphOptions::default());
        Diff::between(
            Side {
                model: &self.model,
                graph: &self.graph,
                review: &self.review,
            },
            Side {
                model,
                graph: &graph,
                review,
            },
        )
    }
}

impl AppState {
    /// The same state with `files` (name, text) as the baseline (none when empty).
    #[must_use]
    pub fn with_baseline(mut self, files: Option<Vec<(String, String)>>) -> Self {
        if let Some(files) = files {
            self.baseline = Some(Rc::new(Baseline::new(files, &self.settings)));
            self.refresh_diff();
        }
        self
    }

    /// [`super::Action::TakeBaseline`]: the files as they are now become the baseline.
    pub(super) fn take_baseline(&mut self) -> bool {
        let files = self
            .files
            .iter()
            .map(|f| (f.name.clone(), f.text.clone()))
            .collect();
        self.load_baseline(files)
    }

    /// [`super::Action::LoadBaseline`]: files loaded as "before" become the baseline; the
    /// workspace stays as it is.
    pub(super) fn load_baseline(&mut self, files: Vec<(String, String)>) -> bool {
        self.baseline = Some(Rc::new(Baseline::new(files, &self.settings)));
        self.refresh_diff();
        true
    }

    /// [`super::Action::ClearBaseline`]: the baseline dropped.
    pub(super) fn clear_baseline(&mut self) -> bool {
        if self.baseline.is_none() {
            return false;
        }
        self.baseline = None;
        self.diff = None;
        true
    }
}
