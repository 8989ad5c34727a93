//! The application state: the loaded files, the model read from them and what the user is
//! looking at, changed only through [`Action`]s.
//!
//! # How a view reads the state and dispatches actions
//!
//! The root component ([`crate::app::App`]) owns one [`AppState`] in a `use_reducer` and shares
//! the handle through a `ContextProvider<AppContext>`. A view takes it from the context:
//!
//! ```no_run
//! use yew::prelude::*;
//! use manifesto_app::state::{Action, AppContext};
//!
//! #[component]
//! pub fn GraphView() -> Html {
//!     let state = use_context::<AppContext>().expect("AppContext is provided by App");
//!     // Read: the model (Rc, cheap to clone; compare with Rc::ptr_eq to memoise work on it),
//!     // the selected object, the diagnostics.
//!     let model = state.model.clone();
//!     let selected = state.selected.clone();
//!     // Write: dispatch an action. `Action::Select` highlights an object everywhere;
//!     // `Action::Reveal` also shows its source in the editor.
//!     let onclick = {
//!         let state = state.clone();
//!         Callback::from(move |_| state.dispatch(Action::Select(None)))
//!     };
//!     html! { <section onclick={onclick}>{ model.objects.len() }</section> }
//! }
//! ```
//!
//! Views never parse or check text themselves: the reducer calls the core
//! ([`Model::from_files`]) whenever the files change, and views read `state.model`.
//! Work derived from the model (graphs, reports) belongs in a `use_memo` keyed on the model's
//! `Rc` pointer, so it runs once per analysis rather than once per render.
//!
//! # Where the reducer's pieces live
//!
//! [`AppState::reduce`](Reducible::reduce) hands each action to one method, written in an
//! `impl AppState` block in a module by subject: `files` (typing, loading, renaming, removing,
//! undo), `navigation` (the file shown, selection, editor ranges, views), `settings` (checks,
//! target version, namespace), `notices`, `baseline` (the Compare view's baseline), `learn`
//! and `share`; `analysis` rebuilds the model, the review and the diff after a change.

mod analysis;
mod baseline;
mod files;
mod learn;
mod navigation;
mod notices;
mod settings;
mod share;
#[cfg(test)]
mod testing;

use std::cell::RefCell;
use std::rc::Rc;

pub use analysis::{AnalysisStatus, KEEP_PARSES_UP_TO_BYTES};
pub use baseline::Baseline;
pub use files::sample_files;
pub use learn::{Learn, LearnAction, LoadedPack, level_key};
use manifesto_core::checks::Settings;
use manifesto_core::diff::Diff;
use manifesto_core::parse::KeptReadings;
use manifesto_core::report::Review;
use manifesto_core::samples::Sample;
use manifesto_core::{Diagnostic, Location, Model, ObjectId, Pos};
use yew::prelude::*;

/// The handle every component takes from the context.
pub type AppContext = UseReducerHandle<AppState>;

/// One loaded file. The `id` stays the same when the file is renamed or edited.
// `Eq` lets `Rc<FileEntry>` compare by pointer first, so comparing shared file lists is cheap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    /// Stable identity within this session.
    pub id: u32,
    /// The name shown in every location (a relative path for files from a folder).
    pub name: String,
    /// The current text.
    pub text: String,
    /// A problem met while loading the file (invalid UTF-8), kept while the replaced
    /// characters are still in the text.
    pub load_problem: Option<LoadProblem>,
}

/// The loaded files, in load order. Each file is shared on its own, so an edit copies only the
/// file edited (and the list of pointers), not every file's text.
pub type Files = Rc<Vec<Rc<FileEntry>>>;

/// A problem met while reading a file's bytes, located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    /// Where in the file.
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
}

/// A file read from the user's disk, before it joins the loaded files.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFile {
    /// Its name or relative path.
    pub name: String,
    /// Its decoded text.
    pub text: String,
    /// A problem met while decoding it.
    pub problem: Option<LoadProblem>,
}

/// The views of the right-hand column, in tab order (`View::VARIANTS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum View {
    /// The object list.
    Objects,
    /// The relationship graph.
    Graph,
    /// The rolling-update simulator.
    Rollout,
    /// The best-practice review.
    Review,
    /// The difference from a baseline.
    Compare,
    /// Lessons: guided levels and find-the-bug challenges.
    Learn,
}

impl View {
    /// The stable key (`objects`, `graph`, `rollout`, `review`), used in `data-view`.
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The tab's label.
    pub fn title(self) -> &'static str {
        match self {
            View::Objects => "Objects",
            View::Graph => "Graph",
            View::Rollout => "Rollout",
            View::Review => "Review",
            View::Compare => "Compare",
            View::Learn => "Learn",
        }
    }
}

/// A request to the editor: show `file` and select lines `start..=end`.
#[derive(Debug, Clone, PartialEq)]
pub struct EditorTarget {
    /// Increases with every request, so the same range can be asked for twice.
    pub serial: u64,
    /// The file to show.
    pub file: u32,
    /// The first line to select (1-based).
    pub start: usize,
    /// The last line to select (1-based, inclusive).
    pub end: usize,
}

/// What an "Undo" restores.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoEntry {
    /// What was done, e.g. `Removed 3 files`.
    pub message: String,
    /// The files before it was done.
    pub files: Files,
    /// The active file before it was done.
    pub active: Option<u32>,
}

/// A message shown at the top of the page until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// `warning` or `info`.
    pub level: &'static str,
    /// The message.
    pub text: String,
}

/// The moment the rollout view shows: its choices (so it comes back to them) and the state at
/// that step (so the graph can draw the same ReplicaSets with their pods).
#[derive(Debug, Clone, PartialEq)]
pub struct RolloutView {
    /// The workload rolling out.
    pub workload: ObjectId,
    /// The new image tag.
    pub tag: String,
    /// Whether the new version never becomes ready.
    pub fail_new: bool,
    /// Whether `kubectl rollout undo` is shown.
    pub undo: bool,
    /// The step shown: 0 before the change, k once pass k has settled.
    pub step: usize,
    /// The old and the new ReplicaSet (or revision) names.
    pub replica_sets: (String, String),
    /// The state at that step: counts, and pods with their ReplicaSet or revision.
    pub state: manifesto_core::rollout::State,
}

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The loaded files, in load order.
    pub files: Files,
    /// The file shown in the editor.
    pub active: Option<u32>,
    /// The model read from the files.
    pub model: Rc<Model>,
    /// The model's diagnostics plus those met while loading files, in file order.
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// The object the user is looking at, shared by every view.
    pub selected: Option<ObjectId>,
    /// The view shown in the right-hand column.
    pub view: View,
    /// The last request to show a range in the editor.
    pub editor_target: Option<EditorTarget>,
    /// Increases whenever the files change other than by typing in the editor, so the editor
    /// knows to reload its text.
    pub content_rev: u64,
    /// Increases whenever the files or the active file change (for saving).
    pub save_rev: u64,
    /// What the last destructive action can restore.
    pub undo: Option<UndoEntry>,
    /// Messages for the user (storage unavailable, files skipped…).
    pub notices: Vec<Notice>,
    /// Whether uploads and drops replace the loaded files instead of adding to them.
    pub replace_on_load: bool,
    /// Which checks run and the Kubernetes version targeted (kept in `localStorage`).
    pub settings: Settings,
    /// The review of the model under the settings, rebuilt whenever either changes.
    pub review: Rc<Review>,
    /// The moment the rollout view shows; `None` until it has shown one.
    pub rollout_view: Option<Rc<RolloutView>>,
    /// The files the Compare view compares with, once the user takes them as the baseline.
    pub baseline: Option<Rc<Baseline>>,
    /// The difference from the baseline to the current files, rebuilt with the review.
    pub diff: Option<Rc<Diff>>,
    /// The Learn view: lesson packs, the open level and the progress.
    pub learn: Rc<Learn>,
    /// Whether the results shown come from the files as they are, or an analysis is pending.
    pub analysis: AnalysisStatus,
    /// Each file's objects from the last analysis, reused for files not edited since.
    parsed: Rc<KeptReadings>,
    /// The files of the pending request as read, waiting for their review before they show.
    read: Option<analysis::Read>,
    /// The files of the pending request being read, a slice at a time.
    reading: Option<Rc<RefCell<analysis::Reading>>>,
    /// The analysis worker's review of the pending request, come before its files were read.
    worker_review: Option<(u64, Rc<Review>)>,
    next_id: u32,
    next_serial: u64,
}

impl PartialEq for AppState {
    /// Cheap: the files, model and diagnostics compare by pointer (the reducer replaces them
    /// whenever they change).
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.files, &other.files)
            && Rc::ptr_eq(&self.model, &other.model)
            && Rc::ptr_eq(&self.diagnostics, &other.diagnostics)
            && self.active == other.active
            && self.selected == other.selected
            && self.view == other.view
            && self.editor_target == other.editor_target
            && self.content_rev == other.content_rev
            && self.save_rev == other.save_rev
            && self.undo == other.undo
            && self.notices == other.notices
            && self.replace_on_load == other.replace_on_load
            && self.rollout_view == other.rollout_view
            && Rc::ptr_eq(&self.review, &other.review)
            && self.settings == other.settings
            && same_rc(self.baseline.as_ref(), other.baseline.as_ref())
            && same_rc(self.diff.as_ref(), other.diff.as_ref())
            && Rc::ptr_eq(&self.learn, &other.learn)
            && self.analysis == other.analysis
            && self.checking_request() == other.checking_request()
    }
}

/// Whether two optional `Rc`s are both absent or the same allocation.
fn same_rc<T>(a: Option<&Rc<T>>, b: Option<&Rc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Everything that can change the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The user edited a file's text in the editor.
    SetText {
        /// The file's id.
        file: u32,
        /// Its new text.
        text: String,
    },
    /// Replace every file by a built-in sample.
    LoadSample(Sample),
    /// Add files read from disk (a file with a loaded file's name replaces it), or replace
    /// everything with them when `replace` is set.
    AddFiles {
        /// The files.
        files: Vec<LoadedFile>,
        /// Whether to drop the files loaded before.
        replace: bool,
    },
    /// Add an empty file.
    NewFile,
    /// Show a file in the editor.
    ShowFile(u32),
    /// Rename a file.
    RenameFile {
        /// The file's id.
        file: u32,
        /// Its new name.
        name: String,
    },
    /// Remove one file.
    RemoveFile(u32),
    /// Remove every file.
    RemoveAll,
    /// Restore what the last destructive action removed.
    Undo,
    /// Hide the "Undo" banner.
    DismissUndo,
    /// Highlight an object (or nothing) without moving the editor.
    Select(Option<ObjectId>),
    /// Highlight an object and select its source in the editor.
    Reveal(ObjectId),
    /// Show a location in the editor (selects its line).
    GoTo(Location),
    /// Switch the right-hand view.
    SetView(View),
    /// Show a message.
    Notify(Notice),
    /// Hide the message at this index.
    DismissNotice(usize),
    /// Choose whether uploads replace the loaded files.
    SetReplaceOnLoad(bool),
    /// Turn a check on or off (by id).
    SetCheckEnabled(String, bool),
    /// Choose the targeted Kubernetes version as (major, minor); `None` means the newest.
    SetTargetVersion(Option<(u32, u32)>),
    /// Choose the namespace of objects that name none (`kubectl apply -n`); `None` means
    /// `default`. Object ids and links follow it.
    SetDefaultNamespace(Option<String>),
    /// Replace every review setting at once (an imported `.manifesto.yaml`).
    ReplaceSettings(Box<Settings>),
    /// The rollout view shows another moment.
    ShowRollout(Option<Rc<RolloutView>>),
    /// Take the files as they are now as the Compare view's baseline.
    TakeBaseline,
    /// Make these files (name, text) the Compare view's baseline; the workspace stays as it is.
    LoadBaseline(Vec<(String, String)>),
    /// Drop the baseline.
    ClearBaseline,
    /// Something in the Learn view.
    Learn(LearnAction),
    /// Analyse the files now, if this request (an [`AnalysisStatus::requested`]) is still the
    /// latest; a newer change supersedes it and it does nothing.
    Analyse(u64),
    /// The analysis worker's review of the files of this request; it shows only if the request
    /// is still the latest.
    Reviewed(u64, Rc<Review>),
}

impl Default for AppState {
    fn default() -> Self {
        AppState::with_files(Vec::new(), None)
    }
}

impl AppState {
    /// A state holding these files (name, text, load problem) with `active` shown.
    pub fn with_files(files: Vec<LoadedFile>, active: Option<&str>) -> Self {
        let mut state = AppState {
            files: Rc::new(Vec::new()),
            active: None,
            model: Rc::new(Model::default()),
            diagnostics: Rc::new(Vec::new()),
            selected: None,
            view: View::Objects,
            editor_target: None,
            content_rev: 0,
            save_rev: 0,
            undo: None,
            notices: Vec::new(),
            replace_on_load: false,
            settings: Settings::default(),
            review: Rc::new(Review::build(&Model::default(), &Settings::default())),
            rollout_view: None,
            baseline: None,
            diff: None,
            learn: Rc::default(),
            analysis: AnalysisStatus::default(),
            parsed: Rc::default(),
            read: None,
            reading: None,
            worker_review: None,
            next_id: 1,
            next_serial: 1,
        };
        let entries = files
            .into_iter()
            .map(|f| state.entry(f))
            .collect::<Vec<_>>();
        state.active = active
            .and_then(|name| entries.iter().find(|f| f.name == name))
            .or(entries.first())
            .map(|f| f.id);
        state.files = Rc::new(entries);
        state.analyse();
        state
    }

    /// A state holding a built-in sample.
    pub fn with_sample(sample: Sample) -> Self {
        AppState::with_files(sample_files(sample), None)
    }

    /// The file shown in the editor.
    pub fn active_file(&self) -> Option<&FileEntry> {
        self.active.and_then(|id| self.file(id))
    }

    /// The file with this id.
    pub fn file(&self, id: u32) -> Option<&FileEntry> {
        self.files.iter().find(|f| f.id == id).map(|f| &**f)
    }

    /// The file with this name.
    pub fn file_named(&self, name: &str) -> Option<&FileEntry> {
        self.files.iter().find(|f| f.name == name).map(|f| &**f)
    }

    /// A new file entry with a fresh id.
    fn entry(&mut self, file: LoadedFile) -> Rc<FileEntry> {
        let id = self.next_id;
        self.next_id += 1;
        Rc::new(FileEntry {
            id,
            name: file.name,
            text: file.text,
            load_problem: file.problem,
        })
    }

    /// A fresh serial for an editor request.
    fn serial(&mut self) -> u64 {
        let serial = self.next_serial;
        self.next_serial += 1;
        serial
    }
}

impl Reducible for AppState {
    type Action = Action;

    /// Applies `action` to a copy of the state; the state itself when nothing changed, so views
    /// do not render again.
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let changed = match action {
            Action::SetText { file, text } => next.set_text(file, text),
            Action::LoadSample(sample) => next.load_sample(sample),
            Action::AddFiles { files, replace } => next.add_files(files, replace),
            Action::NewFile => next.new_file(),
            Action::ShowFile(id) => next.show_file(id),
            Action::RenameFile { file, name } => next.rename_file(file, &name),
            Action::RemoveFile(id) => next.remove_file(id),
            Action::RemoveAll => next.remove_all(),
            Action::Undo => next.undo(),
            Action::DismissUndo => next.dismiss_undo(),
            Action::Select(id) => next.select(id),
            Action::Reveal(id) => next.reveal(id),
            Action::GoTo(location) => next.go_to(&location),
            Action::SetView(view) => next.set_view(view),
            Action::Notify(notice) => next.notify(notice),
            Action::DismissNotice(index) => next.dismiss_notice(index),
            Action::TakeBaseline => next.take_baseline(),
            Action::LoadBaseline(files) => next.load_baseline(files),
            Action::ClearBaseline => next.clear_baseline(),
            Action::ShowRollout(view) => next.show_rollout(view),
            Action::SetReplaceOnLoad(replace) => next.set_replace_on_load(replace),
            Action::SetCheckEnabled(id, on) => next.set_check_enabled(&id, on),
            Action::SetTargetVersion(version) => next.set_target_version(version),
            Action::ReplaceSettings(settings) => next.replace_settings(*settings),
            Action::SetDefaultNamespace(namespace) => next.set_default_namespace(namespace),
            Action::Learn(action) => next.reduce_learn(action),
            Action::Analyse(request) => next.analyse_requested(request),
            Action::Reviewed(request, review) => next.reviewed(request, review),
        };
        if changed { Rc::new(next) } else { self }
    }
}
