//! What is read from the files: the model, the diagnostics, the review under the settings and
//! the difference from the baseline, rebuilt whenever the files or the settings change.
//!
//! Small workspaces are analysed at once, within the action that changed them. Above
//! [`ANALYSE_AT_ONCE_BYTES`] a change only records a request ([`AnalysisStatus`]): the page first
//! shows the new text and "Reading…" with the previous results marked stale, then
//! `use_analysis_scheduler` (in `hooks/`) sends the files to the analysis worker and dispatches
//! [`super::Action::Analyse`] after the next paint, which reads the files here ("Checking…"
//! follows). The worker's review comes as [`super::Action::Reviewed`] and shows with the files as
//! read, whichever comes first; without a worker, the next [`super::Action::Analyse`] reviews
//! them here. Every change bumps the request number, so an older request or review that comes
//! late does nothing: the results shown always come from the latest files.

use std::cell::RefCell;
use std::rc::Rc;

use manifesto_core::parse::{KeptReadings, SteppedReading};
use manifesto_core::report::Review;
use manifesto_core::{Diagnostic, Location, Model, SourceFile};

use super::AppState;

/// Workspaces up to this many bytes of text are analysed within the action that changed them
/// (a few milliseconds); larger ones wait for the scheduler, so the page can show the change first.
pub const ANALYSE_AT_ONCE_BYTES: usize = 64 * 1024;

/// A large workspace is read about this many bytes of text at a time (some 40 ms in the page),
/// so the page can paint and answer input between the slices.
pub const READ_STEP_BYTES: usize = 128 * 1024;

/// Workspaces up to this many bytes keep each file's objects between analyses (a second copy of
/// the model); larger ones are read whole each time, to keep memory bounded.
pub const KEEP_PARSES_UP_TO_BYTES: usize = 16 * 1024 * 1024;

/// Whether the results shown come from the latest files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AnalysisStatus {
    /// The number of the latest change to the files that asked for an analysis.
    pub requested: u64,
    /// The request the results shown come from.
    pub finished: u64,
    /// The bytes of text the pending (or last) analysis reads.
    pub bytes: usize,
    /// The files the pending (or last) analysis reads.
    pub files: usize,
    /// The bytes of text the pending analysis has read so far.
    pub bytes_read: usize,
    /// Whether the review shown was made by the analysis worker (off the page's thread).
    pub reviewed_in_worker: bool,
}

/// The files of a request being read, a slice at a time, with the readings it goes on from.
/// Shared by the states of one request (each action clones the state), and taken out when done.
#[derive(Debug)]
pub struct Reading {
    request: u64,
    files: Option<(SteppedReading, KeptReadings)>,
}

/// The files of a request as read: the model, the diagnostics and the objects kept for the next
/// reading, waiting for the review to show with them.
#[derive(Debug, Clone)]
pub struct Read {
    request: u64,
    model: Rc<Model>,
    diagnostics: Rc<Vec<Diagnostic>>,
    parsed: Rc<KeptReadings>,
}

impl AnalysisStatus {
    /// Whether an analysis is pending: the results shown are from older files.
    pub fn running(&self) -> bool {
        self.requested != self.finished
    }
}

impl AppState {
    /// The files changed: analyses them at once when they are small, otherwise records a request
    /// for the scheduler. (Typing reaches the state after a pause already: the editor waits for
    /// one before it sends the text.)
    pub(super) fn request_analysis(&mut self) {
        let status = &mut self.analysis;
        status.requested += 1;
        status.bytes_read = 0;
        self.read = None;
        self.reading = None;
        self.worker_review = None;
        status.files = self.files.len();
        status.bytes = self.files.iter().map(|f| f.text.len()).sum();
        if status.bytes <= ANALYSE_AT_ONCE_BYTES {
            self.analyse();
        }
    }

    /// The settings changed: the files are read again (`reread`: another namespace) or only
    /// reviewed again, at once in a small workspace. A large one, or one whose analysis is
    /// pending, asks for a new analysis, so the review the worker makes (or the page, in stages)
    /// is under the new settings.
    pub(super) fn settings_changed(&mut self, reread: bool) {
        if self.analysis.running() || self.analysis.bytes > ANALYSE_AT_ONCE_BYTES {
            self.request_analysis();
        } else if reread {
            self.analyse();
        } else {
            self.refresh_review();
        }
    }

    /// [`super::Action::Analyse`]: the next stage of the pending analysis, if `request` is still
    /// the latest: reading the files, then checking them and showing both.
    pub(super) fn analyse_requested(&mut self, request: u64) -> bool {
        if request != self.analysis.requested || !self.analysis.running() {
            return false;
        }
        match self.read.take() {
            Some(read) if read.request == request => self.show(read, None),
            _ => self.read_slice(request),
        }
        true
    }

    /// Reads the next slice of the files of `request`; once they are all read, they wait for
    /// their review (or show with the worker's, come already).
    fn read_slice(&mut self, request: u64) {
        let reading = match &self.reading {
            Some(reading) if reading.borrow().request == request => reading.clone(),
            _ => {
                let reading = Rc::new(RefCell::new(Reading {
                    request,
                    files: Some(self.start_reading()),
                }));
                self.reading = Some(reading.clone());
                reading
            }
        };
        let mut reading = reading.borrow_mut();
        let Some((stepped, _)) = reading.files.as_mut() else {
            return;
        };
        let ended = stepped.step(READ_STEP_BYTES);
        self.analysis.bytes_read = stepped.progress().0;
        if !ended {
            return;
        }
        let Some((stepped, parsed)) = reading.files.take() else {
            return;
        };
        drop(reading);
        self.reading = None;
        let read = self.finish_reading(request, stepped, parsed);
        match self.worker_review.take() {
            Some((reviewed, review)) if reviewed == request => self.show(read, Some(review)),
            _ => self.read = Some(read),
        }
    }

    /// [`super::Action::Reviewed`]: the analysis worker's review of the files of `request`. It
    /// shows with the files as read, once they are (and is kept until then); an older request's
    /// review does nothing.
    pub(super) fn reviewed(&mut self, request: u64, review: Rc<Review>) -> bool {
        if request != self.analysis.requested || !self.analysis.running() {
            return false;
        }
        match self.read.take() {
            Some(read) if read.request == request => {
                self.show(read, Some(review));
                true
            }
            read => {
                self.read = read;
                self.worker_review = Some((request, review));
                true
            }
        }
    }

    /// How many objects the pending analysis is checking, once it has read the files.
    pub fn checking_objects(&self) -> Option<usize> {
        self.read.as_ref().map(|read| read.model.objects.len())
    }

    /// The request whose files are read and being checked, if any.
    pub(super) fn checking_request(&self) -> Option<u64> {
        self.read.as_ref().map(|read| read.request)
    }

    /// Reads the files and checks them at once.
    pub(super) fn analyse(&mut self) {
        let read = self.read_files();
        self.show(read, None);
    }

    /// Reads the files again, at once: the model and the diagnostics.
    fn read_files(&self) -> Read {
        let (stepped, parsed) = self.start_reading();
        self.finish_reading(self.analysis.requested, stepped, parsed)
    }

    /// A reading of the files as they are, going on from the last one: files not edited since
    /// the last analysis are not read again, nor the documents an edit did not touch.
    fn start_reading(&self) -> (SteppedReading, KeptReadings) {
        let sources: Vec<SourceFile> = self
            .files
            .iter()
            .map(|f| SourceFile::new(f.name.clone(), f.text.clone()))
            .collect();
        let mut parsed = (*self.parsed).clone();
        let stepped = parsed.start(sources, &self.settings.parse_options());
        (stepped, parsed)
    }

    /// The model and diagnostics of a reading (read to its end first).
    fn finish_reading(
        &self,
        request: u64,
        stepped: SteppedReading,
        mut parsed: KeptReadings,
    ) -> Read {
        let model = parsed.finish(stepped, KEEP_PARSES_UP_TO_BYTES);
        let mut diagnostics: Vec<Diagnostic> = self
            .files
            .iter()
            .filter_map(|f| {
                let problem = f.load_problem.as_ref()?;
                Some(Diagnostic::error(
                    Location::new(f.name.as_str(), problem.pos),
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
        Read {
            request,
            model: Rc::new(model),
            diagnostics: Rc::new(diagnostics),
            parsed: Rc::new(parsed),
        }
    }

    /// Shows what was read with its review (made here unless the worker's is given), and keeps a
    /// selection that still exists.
    fn show(&mut self, read: Read, review: Option<Rc<Review>>) {
        let Read {
            request,
            model,
            diagnostics,
            parsed,
        } = read;
        if let Some(id) = &self.selected
            && model.get(id).is_none()
        {
            self.selected = None;
        }
        self.model = model;
        self.diagnostics = diagnostics;
        self.parsed = parsed;
        self.read = None;
        self.analysis.finished = request;
        match review {
            Some(review) => {
                self.review = review;
                self.analysis.reviewed_in_worker = true;
                self.refresh_diff();
            }
            None => self.refresh_review(),
        }
    }

    /// Reviews the model again under the current settings.
    pub(super) fn refresh_review(&mut self) {
        self.review = Rc::new(Review::build(&self.model, &self.settings));
        self.analysis.reviewed_in_worker = false;
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

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use manifesto_core::report::Review;
    use manifesto_core::{Model, SourceFile};

    use super::super::testing::{NS, file, reduce};
    use super::super::{Action, AppState};
    use super::{ANALYSE_AT_ONCE_BYTES, READ_STEP_BYTES};

    /// `count` Namespaces, one document each: over the at-once limit when `count` is large.
    fn namespaces(count: usize) -> String {
        (0..count)
            .map(|i| format!("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n{i}\n---\n"))
            .collect()
    }

    fn typed(state: AppState, text: String) -> AppState {
        let file = state.active.unwrap();
        reduce(state, Action::SetText { file, text })
    }

    #[test]
    fn a_small_workspace_is_analysed_at_once() {
        let state = typed(
            AppState::with_files(vec![file("a.yaml", "")], None),
            NS.into(),
        );
        assert!(!state.analysis.running());
        assert_eq!(state.model.objects.len(), 1);
    }

    #[test]
    fn a_large_workspace_keeps_its_results_until_the_latest_request_runs() {
        let state = AppState::with_files(vec![file("a.yaml", NS)], None);
        let big = namespaces(2000);
        assert!(big.len() > ANALYSE_AT_ONCE_BYTES);

        let state = typed(state, big.clone());
        assert!(
            state.analysis.running(),
            "the analysis waits for the scheduler"
        );
        assert_eq!(
            state.model.objects.len(),
            1,
            "the previous results stay shown"
        );
        let first = state.analysis.requested;

        let newer = format!("{big}{}", namespaces(1).replace("n0", "extra"));
        let state = typed(state, newer);
        let latest = state.analysis.requested;
        assert!(latest > first);

        // The older request fires late: it changes nothing.
        let state = reduce(state, Action::Analyse(first));
        assert!(state.analysis.running());
        assert_eq!(state.model.objects.len(), 1);

        // The first stage reads the files; the model shown stays the previous one.
        let state = reduce(state, Action::Analyse(latest));
        assert!(state.analysis.running());
        assert_eq!(state.checking_objects(), Some(2001));
        assert_eq!(state.model.objects.len(), 1, "shown with its review only");
        let state = reduce(state, Action::Analyse(first));
        assert_eq!(
            state.checking_objects(),
            Some(2001),
            "an older request still changes nothing"
        );

        // The second checks them and shows the model with its review.
        let state = reduce(state, Action::Analyse(latest));
        assert!(!state.analysis.running());
        assert_eq!(state.checking_objects(), None);
        assert_eq!(
            state.model.objects.len(),
            2001,
            "the results are the latest text's"
        );
        assert_eq!(state.review.objects.len(), 2001, "and so is the review");
    }
    #[test]
    fn a_large_workspace_is_read_a_slice_at_a_time() {
        let state = AppState::with_files(vec![file("a.yaml", NS)], None);
        let big = namespaces(6000);
        assert!(big.len() > 2 * READ_STEP_BYTES);
        let mut state = typed(state, big.clone());
        let request = state.analysis.requested;
        let mut slices = Vec::new();
        while state.checking_objects().is_none() {
            state = reduce(state, Action::Analyse(request));
            slices.push(state.analysis.bytes_read);
            assert_eq!(
                state.model.objects.len(),
                1,
                "the previous results stay shown"
            );
            assert!(slices.len() < 10, "the reading ends: {slices:?}");
        }
        assert!(slices.len() >= 3, "{slices:?}");
        assert!(
            slices.windows(2).all(|w| w[0] < w[1]),
            "each slice goes on: {slices:?}"
        );
        assert!(slices[0] <= READ_STEP_BYTES + 100);
        assert_eq!(state.checking_objects(), Some(6000));

        // A newer edit starts a reading of its own; the older one's slices are dropped.
        let state = typed(
            state,
            format!("{big}{}", namespaces(1).replace("n0", "extra")),
        );
        assert_eq!(state.analysis.bytes_read, 0);
        let newer = state.analysis.requested;
        let state = reduce(state, Action::Analyse(request));
        assert_eq!(
            state.analysis.bytes_read, 0,
            "the older request does nothing"
        );
        let mut state = reduce(state, Action::Analyse(newer));
        while state.analysis.running() {
            state = reduce(state, Action::Analyse(newer));
        }
        assert_eq!(state.model.objects.len(), 6001);
    }

    /// The review the worker would send for the files of `state`.
    fn worker_review(state: &AppState) -> Rc<Review> {
        let sources = state
            .files
            .iter()
            .map(|f| SourceFile::new(f.name.clone(), f.text.clone()))
            .collect();
        let model = Model::from_files(sources);
        Rc::new(Review::build(&model, &state.settings))
    }

    #[test]
    fn the_workers_review_shows_with_the_files_of_its_request_only() {
        let state = AppState::with_files(vec![file("a.yaml", NS)], None);
        let state = typed(state, namespaces(2000));
        let first = state.analysis.requested;
        let first_review = worker_review(&state);
        let state = typed(state, namespaces(2001));
        let latest = state.analysis.requested;
        let review = worker_review(&state);

        // An older request's review changes nothing, before or after the reading.
        let state = reduce(state, Action::Reviewed(first, first_review.clone()));
        let state = reduce(state, Action::Analyse(latest));
        assert_eq!(state.checking_objects(), Some(2001));
        let state = reduce(state, Action::Reviewed(first, first_review));
        assert!(state.analysis.running());

        // The latest one shows with the model, without a review made here.
        let state = reduce(state, Action::Reviewed(latest, review.clone()));
        assert!(!state.analysis.running());
        assert!(Rc::ptr_eq(&state.review, &review));
        assert!(state.analysis.reviewed_in_worker);
        assert_eq!(state.model.objects.len(), 2001);

        // A small edit is reviewed here, at once, and says so.
        let state = typed(state, NS.into());
        assert!(!state.analysis.running());
        assert!(!state.analysis.reviewed_in_worker);
    }

    #[test]
    fn a_review_that_comes_before_the_reading_waits_for_it() {
        let state = AppState::with_files(vec![file("a.yaml", NS)], None);
        let state = typed(state, namespaces(2000));
        let request = state.analysis.requested;
        let review = worker_review(&state);
        let state = reduce(state, Action::Reviewed(request, review.clone()));
        assert!(state.analysis.running(), "kept until the files are read");
        assert_eq!(state.model.objects.len(), 1);
        let state = reduce(state, Action::Analyse(request));
        assert!(!state.analysis.running());
        assert!(Rc::ptr_eq(&state.review, &review));
        assert_eq!(state.model.objects.len(), 2000);
    }
}

#[cfg(test)]
mod cache_tests {
    use manifesto_core::parse::FileObjects;

    use super::super::testing::{NS, file, reduce};
    use super::super::{Action, AppState};

    /// The kept reading of the file named `name`.
    fn part<'a>(state: &'a AppState, name: &str) -> &'a FileObjects {
        state
            .parsed
            .kept(name)
            .expect("the file's objects are kept")
    }

    #[test]
    fn editing_one_file_reads_only_that_file_again() {
        let other = NS.replace("name: a", "name: b");
        let state = AppState::with_files(vec![file("a.yaml", NS), file("b.yaml", &other)], None);
        let a: *const FileObjects = part(&state, "a.yaml");
        let b: *const FileObjects = part(&state, "b.yaml");
        let id = state.files[0].id;
        let edited = NS.replace("name: a", "name: c");
        let state = reduce(
            state,
            Action::SetText {
                file: id,
                text: edited,
            },
        );

        assert!(
            std::ptr::eq(b, part(&state, "b.yaml")),
            "b.yaml was not read again"
        );
        assert!(
            !std::ptr::eq(a, part(&state, "a.yaml")),
            "a.yaml was read again"
        );
        let ids: Vec<_> = state.model.objects.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["Namespace/c", "Namespace/b"]);
    }

    #[test]
    fn editing_one_document_reads_only_that_document_again() {
        let three: String = ["a", "b", "c"]
            .iter()
            .map(|name| NS.replace("name: a", &format!("name: {name}")))
            .collect::<Vec<_>>()
            .join("---\n");
        let state = AppState::with_files(vec![file("a.yaml", &three)], None);
        assert_eq!(part(&state, "a.yaml").documents_read, 3);
        let id = state.files[0].id;
        let text = three.replace("name: b", "name: bee");
        let state = reduce(state, Action::SetText { file: id, text });

        assert_eq!(
            part(&state, "a.yaml").documents_read,
            1,
            "only the edited document"
        );
        let ids: Vec<_> = state.model.objects.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["Namespace/a", "Namespace/bee", "Namespace/c"]);
    }

    #[test]
    fn a_new_namespace_setting_reads_every_file_again() {
        let config_map = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";
        let state = AppState::with_files(vec![file("a.yaml", config_map)], None);
        let state = reduce(state, Action::SetDefaultNamespace(Some("shop".into())));
        assert_eq!(state.model.objects[0].id.as_str(), "ConfigMap/shop/c");
    }
}
