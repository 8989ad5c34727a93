//! What is read from the files: the model, the diagnostics, the review under the settings and
//! the difference from the baseline, rebuilt whenever the files or the settings change.

use std::rc::Rc;

use manifesto_core::report::Review;
use manifesto_core::{Diagnostic, Location, Model, SourceFile};

use super::AppState;

impl AppState {
    /// Reads the files again: the model, the diagnostics, and a selection that still exists.
    pub(super) fn analyse(&mut self) {
        let sources = self
            .files
            .iter()
            .map(|f| SourceFile::new(f.name.clone(), f.text.clone()))
            .collect();
        let model = Model::from_files_with(sources, &self.settings.parse_options());
        let mut diagnostics: Vec<Diagnostic> = self
            .files
            .iter()
            .filter_map(|f| {
                let problem = f.load_problem.as_ref()?;
                Some(Diagnostic::error(
                    Location::new(&f.name, problem.pos),
                    problem.message.clone(),
                ))
            })
            .collect();
        diagnostics.extend(model.diagnostics.iter().cloned());
        // File order as loaded, then position.
        let order = |name: &str| {
            self.files
                .iter()
                .position(|f| f.name == name)
                .unwrap_or(usize::MAX)
        };
        diagnostics.sort_by(|a, b| {
            (order(&a.location.file), a.location.line, a.location.column).cmp(&(
                order(&b.location.file),
                b.location.line,
                b.location.column,
            ))
        });
        if let Some(id) = &self.selected
            && model.get(id).is_none()
        {
            self.selected = None;
        }
        self.model = Rc::new(model);
        self.diagnostics = Rc::new(diagnostics);
        self.refresh_review();
    }

    /// Reviews the model again under the current settings.
    pub(super) fn refresh_review(&mut self) {
        self.review = Rc::new(Review::build(&self.model, &self.settings));
        self.refresh_diff();
    }

    /// Compares the current files with the baseline again, if there is one.
    pub(super) fn refresh_diff(&mut self) {
        self.baseline = self.baseline.as_ref().map(|b| b.under(&self.settings));
        self.diff = self
            .baseline
            .as_ref()
            .map(|b| Rc::new(b.diff(&self.model, &self.review)));
    }
}
