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
//! use crate::state::{Action, AppContext};
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

mod baseline;
mod learn;
mod share;

use std::rc::Rc;

pub use baseline::Baseline;
pub use learn::{Learn, LearnAction, LoadedPack, level_key};
use manifesto_core::checks::{self, Settings};
use manifesto_core::diff::Diff;
use manifesto_core::report::Review;
use manifesto_core::samples::Sample;
use manifesto_core::{Diagnostic, Location, Model, ObjectId, Pos, SourceFile};
use yew::prelude::*;

/// The handle every component takes from the context.
pub type AppContext = UseReducerHandle<AppState>;

/// One loaded file. The `id` stays the same when the file is renamed or edited.
#[derive(Debug, Clone, PartialEq)]
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

/// A problem met while reading a file's bytes, located in the file.
#[derive(Debug, Clone, PartialEq)]
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

impl LoadedFile {
    /// Decodes raw bytes the way the core does, keeping its diagnostic for invalid UTF-8.
    pub fn from_bytes(name: String, bytes: &[u8]) -> Self {
        let (file, diagnostic) = SourceFile::from_bytes(name, bytes);
        LoadedFile {
            name: file.name,
            text: file.text,
            problem: diagnostic.map(|d| LoadProblem {
                pos: Pos::new(d.location.line, d.location.column),
                message: d.message,
            }),
        }
    }
}

/// The views of the right-hand column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// Every view, in tab order.
    pub const ALL: [View; 6] = [
        View::Objects,
        View::Graph,
        View::Rollout,
        View::Review,
        View::Compare,
        View::Learn,
    ];

    /// The stable key (`objects`, `graph`, `rollout`, `review`), used in `data-view`.
    pub fn key(self) -> &'static str {
        match self {
            View::Objects => "objects",
            View::Graph => "graph",
            View::Rollout => "rollout",
            View::Review => "review",
            View::Compare => "compare",
            View::Learn => "learn",
        }
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
    pub files: Rc<Vec<FileEntry>>,
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
    pub files: Rc<Vec<FileEntry>>,
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
            && same_rc(&self.baseline, &other.baseline)
            && same_rc(&self.diff, &other.diff)
            && Rc::ptr_eq(&self.learn, &other.learn)
    }
}

/// Whether two optional `Rc`s are both absent or the same allocation.
fn same_rc<T>(a: &Option<Rc<T>>, b: &Option<Rc<T>>) -> bool {
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

    /// The same state reviewed under `settings` (restored from storage at start).
    pub fn with_settings(mut self, settings: Settings) -> Self {
        if self.settings != settings {
            let reparse = self.settings.default_namespace != settings.default_namespace;
            self.settings = settings;
            if reparse {
                self.analyse();
            } else {
                self.refresh_review();
            }
        }
        self
    }

    /// The file shown in the editor.
    pub fn active_file(&self) -> Option<&FileEntry> {
        self.active.and_then(|id| self.file(id))
    }

    /// The file with this id.
    pub fn file(&self, id: u32) -> Option<&FileEntry> {
        self.files.iter().find(|f| f.id == id)
    }

    /// The file with this name.
    pub fn file_named(&self, name: &str) -> Option<&FileEntry> {
        self.files.iter().find(|f| f.name == name)
    }

    fn entry(&mut self, file: LoadedFile) -> FileEntry {
        let id = self.next_id;
        self.next_id += 1;
        FileEntry {
            id,
            name: file.name,
            text: file.text,
            load_problem: file.problem,
        }
    }

    fn serial(&mut self) -> u64 {
        let serial = self.next_serial;
        self.next_serial += 1;
        serial
    }

    /// Reads the files again: the model, the diagnostics, and a selection that still exists.
    fn analyse(&mut self) {
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
    fn refresh_review(&mut self) {
        self.review = Rc::new(Review::build(&self.model, &self.settings));
        self.refresh_diff();
    }

    /// Compares the current files with the baseline again, if there is one.
    fn refresh_diff(&mut self) {
        self.baseline = self.baseline.as_ref().map(|b| b.under(&self.settings));
        self.diff = self
            .baseline
            .as_ref()
            .map(|b| Rc::new(b.diff(&self.model, &self.review)));
    }

    /// The same state with `files` (name, text) as the baseline (none when empty).
    pub fn with_baseline(mut self, files: Option<Vec<(String, String)>>) -> Self {
        if let Some(files) = files {
            self.baseline = Some(Rc::new(Baseline::new(files, &self.settings)));
            self.refresh_diff();
        }
        self
    }

    /// Records the files as they are, so the destructive action about to be done can be
    /// undone (there is nothing to undo when no file is loaded).
    fn remember(&mut self, message: String) {
        self.undo = (!self.files.is_empty()).then(|| UndoEntry {
            message,
            files: self.files.clone(),
            active: self.active,
        });
    }

    /// The files changed by something other than typing.
    fn files_replaced(&mut self) {
        self.content_rev += 1;
        self.save_rev += 1;
        self.analyse();
    }

    /// A name not used by any loaded file, based on `wanted`.
    fn free_name(&self, wanted: &str, except: Option<u32>) -> String {
        let taken = |name: &str| {
            self.files
                .iter()
                .any(|f| f.name == name && Some(f.id) != except)
        };
        if !taken(wanted) {
            return wanted.to_owned();
        }
        let (stem, ext) = match wanted.rfind('.') {
            Some(dot) if dot > 0 => wanted.split_at(dot),
            _ => (wanted, ""),
        };
        (2..)
            .map(|n| format!("{stem}-{n}{ext}"))
            .find(|name| !taken(name))
            .unwrap_or_else(|| wanted.to_owned())
    }
}

/// A sample's files, ready to load.
pub fn sample_files(sample: Sample) -> Vec<LoadedFile> {
    sample
        .files()
        .into_iter()
        .map(|f| LoadedFile {
            name: f.name,
            text: f.text,
            problem: None,
        })
        .collect()
}

/// Whether the replaced-character mark of a load problem is still in the text.
fn still_has_replacements(text: &str) -> bool {
    text.contains('\u{fffd}')
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetText { file, text } => {
                let Some(entry) = Rc::make_mut(&mut next.files)
                    .iter_mut()
                    .find(|f| f.id == file)
                else {
                    return self;
                };
                if entry.text == text {
                    return self;
                }
                entry.text = text;
                if entry.load_problem.is_some() && !still_has_replacements(&entry.text) {
                    entry.load_problem = None;
                }
                // Undoing now would also throw away this edit.
                next.undo = None;
                next.save_rev += 1;
                next.analyse();
            }
            Action::LoadSample(sample) => {
                let loaded = sample_files(sample);
                let unchanged = next.files.len() == loaded.len()
                    && next
                        .files
                        .iter()
                        .zip(&loaded)
                        .all(|(f, s)| f.name == s.name && f.text == s.text);
                if unchanged {
                    next.undo = None;
                } else {
                    next.remember(format!(
                        "Loaded the sample \u{201c}{}\u{201d}",
                        sample.title()
                    ));
                }
                let entries: Vec<FileEntry> = loaded.into_iter().map(|f| next.entry(f)).collect();
                next.active = entries.first().map(|f| f.id);
                next.files = Rc::new(entries);
                next.selected = None;
                next.files_replaced();
            }
            Action::AddFiles { files, replace } => {
                if files.is_empty() {
                    return self;
                }
                if replace {
                    next.remember(format!(
                        "Replaced the files with {}",
                        plural(files.len(), "file")
                    ));
                    next.files = Rc::new(Vec::new());
                    next.selected = None;
                } else {
                    next.undo = None;
                }
                let mut first = None;
                for file in files {
                    let existing = next.files.iter().position(|f| f.name == file.name);
                    let id = match existing {
                        Some(index) => {
                            let entry = &mut Rc::make_mut(&mut next.files)[index];
                            entry.text = file.text;
                            entry.load_problem = file.problem;
                            entry.id
                        }
                        None => {
                            let entry = next.entry(file);
                            let id = entry.id;
                            Rc::make_mut(&mut next.files).push(entry);
                            id
                        }
                    };
                    first.get_or_insert(id);
                }
                next.active = first;
                next.files_replaced();
            }
            Action::NewFile => {
                next.undo = None;
                let name = next.free_name("untitled.yaml", None);
                let entry = next.entry(LoadedFile {
                    name,
                    text: String::new(),
                    problem: None,
                });
                next.active = Some(entry.id);
                Rc::make_mut(&mut next.files).push(entry);
                next.files_replaced();
            }
            Action::ShowFile(id) => {
                if next.active == Some(id) || next.file(id).is_none() {
                    return self;
                }
                next.active = Some(id);
                next.save_rev += 1;
            }
            Action::RenameFile { file, name } => {
                let name = name.trim();
                if name.is_empty() {
                    return self;
                }
                let name = next.free_name(name, Some(file));
                let Some(entry) = Rc::make_mut(&mut next.files)
                    .iter_mut()
                    .find(|f| f.id == file)
                else {
                    return self;
                };
                if entry.name == name {
                    return self;
                }
                entry.name = name;
                next.undo = None;
                next.files_replaced();
            }
            Action::RemoveFile(id) => {
                let Some(index) = next.files.iter().position(|f| f.id == id) else {
                    return self;
                };
                next.remember(format!("Removed {}", next.files[index].name));
                Rc::make_mut(&mut next.files).remove(index);
                if next.active == Some(id) {
                    let neighbour = index.min(next.files.len().saturating_sub(1));
                    next.active = next.files.get(neighbour).map(|f| f.id);
                }
                next.files_replaced();
            }
            Action::RemoveAll => {
                if next.files.is_empty() {
                    return self;
                }
                next.remember(format!("Removed {}", plural(next.files.len(), "file")));
                next.files = Rc::new(Vec::new());
                next.active = None;
                next.selected = None;
                next.files_replaced();
            }
            Action::Undo => {
                let Some(undo) = next.undo.take() else {
                    return self;
                };
                next.files = undo.files;
                next.active = undo.active;
                next.files_replaced();
            }
            Action::DismissUndo => {
                if next.undo.is_none() {
                    return self;
                }
                next.undo = None;
            }
            Action::Select(id) => {
                if next.selected == id {
                    return self;
                }
                next.selected = id;
            }
            Action::Reveal(id) => {
                let Some(object) = next.model.get(&id) else {
                    return self;
                };
                let (start, end) = object.line_range();
                let Some(file) = next.file_named(&object.file).map(|f| f.id) else {
                    return self;
                };
                if next.active != Some(file) {
                    next.active = Some(file);
                    next.save_rev += 1;
                }
                let serial = next.serial();
                next.editor_target = Some(EditorTarget {
                    serial,
                    file,
                    start,
                    end,
                });
                next.selected = Some(id);
            }
            Action::GoTo(location) => {
                let Some(file) = next.file_named(&location.file).map(|f| f.id) else {
                    return self;
                };
                if next.active != Some(file) {
                    next.active = Some(file);
                    next.save_rev += 1;
                }
                let serial = next.serial();
                next.editor_target = Some(EditorTarget {
                    serial,
                    file,
                    start: location.line,
                    end: location.line,
                });
            }
            Action::SetView(view) => {
                if next.view == view {
                    return self;
                }
                next.view = view;
            }
            Action::Notify(notice) => {
                if next.notices.contains(&notice) {
                    return self;
                }
                next.notices.push(notice);
            }
            Action::DismissNotice(index) => {
                if index >= next.notices.len() {
                    return self;
                }
                next.notices.remove(index);
            }
            Action::TakeBaseline => {
                let files = next
                    .files
                    .iter()
                    .map(|f| (f.name.clone(), f.text.clone()))
                    .collect();
                next.baseline = Some(Rc::new(Baseline::new(files, &next.settings)));
                next.refresh_diff();
            }
            Action::LoadBaseline(files) => {
                next.baseline = Some(Rc::new(Baseline::new(files, &next.settings)));
                next.refresh_diff();
            }
            Action::ClearBaseline => {
                if next.baseline.is_none() {
                    return self;
                }
                next.baseline = None;
                next.diff = None;
            }
            Action::ShowRollout(view) => {
                if next.rollout_view == view {
                    return self;
                }
                next.rollout_view = view;
            }
            Action::SetReplaceOnLoad(replace) => {
                if next.replace_on_load == replace {
                    return self;
                }
                next.replace_on_load = replace;
            }
            Action::SetCheckEnabled(id, on) => {
                let Some(check) = checks::by_id(&id) else {
                    return self;
                };
                let settings = &mut next.settings;
                let changed = match (check.enabled_by_default, on) {
                    (true, true) => settings.disabled.remove(check.id),
                    (true, false) => settings.disabled.insert(check.id.to_owned()),
                    (false, true) => settings.enabled.insert(check.id.to_owned()),
                    (false, false) => settings.enabled.remove(check.id),
                };
                if !changed {
                    return self;
                }
                next.refresh_review();
            }
            Action::SetTargetVersion(version) => {
                if next.settings.target_version == version {
                    return self;
                }
                next.settings.target_version = version;
                next.refresh_review();
            }
            Action::ReplaceSettings(settings) => {
                if next.settings == *settings {
                    return self;
                }
                let reparse = next.settings.default_namespace != settings.default_namespace;
                next.settings = *settings;
                if reparse {
                    next.analyse();
                } else {
                    next.refresh_review();
                }
            }
            Action::SetDefaultNamespace(namespace) => {
                let namespace = namespace
                    .map(|n| n.trim().to_owned())
                    .filter(|n| !n.is_empty() && n != "default");
                if next.settings.default_namespace == namespace {
                    return self;
                }
                next.settings.default_namespace = namespace;
                next.analyse();
            }
            Action::Learn(action) => {
                if !next.reduce_learn(action) {
                    return self;
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: AppState, action: Action) -> AppState {
        (*Rc::new(state).reduce(action)).clone()
    }

    fn file(name: &str, text: &str) -> LoadedFile {
        LoadedFile {
            name: name.into(),
            text: text.into(),
            problem: None,
        }
    }

    const NS: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n";

    #[test]
    fn typing_reanalyses() {
        let state = AppState::with_files(vec![file("a.yaml", "")], None);
        let id = state.active.unwrap();
        let state = reduce(
            state,
            Action::SetText {
                file: id,
                text: NS.into(),
            },
        );
        assert_eq!(state.model.objects[0].id.as_str(), "Namespace/a");
        assert_eq!(state.content_rev, 0, "typing does not reload the editor");
    }

    #[test]
    fn removing_all_can_be_undone() {
        let state = AppState::with_sample(Sample::FeastFlow);
        let count = state.model.objects.len();
        let state = reduce(state, Action::RemoveAll);
        assert!(state.model.objects.is_empty());
        assert_eq!(state.undo.as_ref().unwrap().message, "Removed 11 files");
        let state = reduce(state, Action::Undo);
        assert_eq!(state.model.objects.len(), count);
        assert!(state.undo.is_none());
    }

    #[test]
    fn typing_after_a_removal_drops_the_undo() {
        let state = AppState::with_files(vec![file("a.yaml", NS), file("b.yaml", "")], None);
        let (a, b) = (state.files[0].id, state.files[1].id);
        let state = reduce(state, Action::RemoveFile(a));
        assert_eq!(state.undo.as_ref().unwrap().message, "Removed a.yaml");
        let state = reduce(
            state,
            Action::SetText {
                file: b,
                text: NS.into(),
            },
        );
        assert!(state.undo.is_none(), "undo would throw the edit away");
    }

    #[test]
    fn added_file_with_a_loaded_name_replaces_it() {
        let state = AppState::with_files(vec![file("a.yaml", "x: 1\n"), file("b.yaml", NS)], None);
        let state = reduce(
            state,
            Action::AddFiles {
                files: vec![file("a.yaml", NS)],
                replace: false,
            },
        );
        assert_eq!(state.files.len(), 2);
        assert_eq!(state.active_file().unwrap().name, "a.yaml");
        assert_eq!(state.active_file().unwrap().text, NS);
    }

    #[test]
    fn rename_keeps_names_unique_and_moves_locations() {
        let state = AppState::with_files(vec![file("a.yaml", NS), file("b.yaml", "")], None);
        let b = state.files[1].id;
        let state = reduce(
            state,
            Action::RenameFile {
                file: b,
                name: "a.yaml".into(),
            },
        );
        assert_eq!(state.files[1].name, "a-2.yaml");
        let a = state.files[0].id;
        let state = reduce(
            state,
            Action::RenameFile {
                file: a,
                name: "dir/ns.yaml".into(),
            },
        );
        assert_eq!(state.model.objects[0].file, "dir/ns.yaml");
    }

    #[test]
    fn invalid_utf8_is_reported_until_fixed() {
        let loaded = LoadedFile::from_bytes(
            "bad.yaml".into(),
            b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \xffx\n",
        );
        let state = AppState::with_files(vec![loaded], None);
        let located: Vec<_> = state
            .diagnostics
            .iter()
            .map(|d| (d.location.file.as_str(), d.location.line, d.location.column))
            .collect();
        assert!(
            located.contains(&("bad.yaml", 4, 9)),
            "{:?}",
            state.diagnostics
        );
        assert!(
            state
                .diagnostics
                .iter()
                .any(|d| d.message.contains("UTF-8")),
            "{:?}",
            state.diagnostics
        );
        let id = state.active.unwrap();
        let state = reduce(
            state,
            Action::SetText {
                file: id,
                text: NS.into(),
            },
        );
        assert!(state.diagnostics.is_empty(), "{:?}", state.diagnostics);
    }

    #[test]
    fn reveal_targets_the_object_lines() {
        let state = AppState::with_sample(Sample::FeastFlow);
        let id = ObjectId::new("Deployment", Some("feastflow"), "feastflow-backend");
        let state = reduce(state, Action::Reveal(id.clone()));
        let target = state.editor_target.clone().unwrap();
        assert_eq!(
            state.active_file().unwrap().name,
            "06-backend-deployment.yaml"
        );
        let (start, end) = state.model.get(&id).unwrap().line_range();
        assert_eq!((target.start, target.end), (start, end));
        assert_eq!(state.selected, Some(id));
    }

    #[test]
    fn disabling_a_check_reviews_again_without_it() {
        let state = AppState::with_sample(Sample::FeastFlow);
        let fired = |s: &AppState| {
            s.review
                .findings
                .iter()
                .filter(|f| f.check == "image-tag-mutable")
                .count()
        };
        assert!(fired(&state) > 0);
        let state = reduce(
            state,
            Action::SetCheckEnabled("image-tag-mutable".into(), false),
        );
        assert_eq!(fired(&state), 0);
        assert!(state.settings.disabled.contains("image-tag-mutable"));
        let state = reduce(
            state,
            Action::SetCheckEnabled("image-tag-mutable".into(), true),
        );
        assert!(fired(&state) > 0);
        assert!(state.settings.disabled.is_empty());
    }

    #[test]
    fn removing_the_active_file_shows_a_neighbour() {
        let state =
            AppState::with_files(vec![file("a", ""), file("b", ""), file("c", "")], Some("c"));
        let c = state.active.unwrap();
        let state = reduce(state, Action::RemoveFile(c));
        assert_eq!(state.active_file().unwrap().name, "b");
    }

    #[test]
    fn the_namespace_setting_moves_namespace_less_objects_and_their_ids() {
        let state = AppState::with_files(
            vec![file(
                "a.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n",
            )],
            None,
        );
        assert!(state.model.get_str("ConfigMap/default/settings").is_some());
        let state = reduce(state, Action::SetDefaultNamespace(Some("staging".into())));
        assert!(state.model.get_str("ConfigMap/staging/settings").is_some());
        assert_eq!(state.settings.default_namespace.as_deref(), Some("staging"));
        let state = reduce(state, Action::SetDefaultNamespace(Some("default".into())));
        assert!(state.model.get_str("ConfigMap/default/settings").is_some());
        assert_eq!(state.settings.default_namespace, None);
    }

    #[test]
    fn an_imported_configuration_replaces_the_settings_and_reads_the_files_again() {
        let state = AppState::with_files(
            vec![file(
                "a.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n",
            )],
            None,
        );
        let imported = checks::config::parse_config(
            "manifesto.yaml",
            "namespace: shop\nchecks: {disable: [default-namespace]}\n",
        )
        .expect("valid");
        let state = reduce(state, Action::ReplaceSettings(Box::new(imported)));
        assert!(state.model.get_str("ConfigMap/shop/settings").is_some());
        assert!(state.settings.disabled.contains("default-namespace"));
    }
}
