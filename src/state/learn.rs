//! The Learn view's state: the lesson packs (built-in and loaded from files), the level open,
//! the hints and solution shown, and the levels done in this browser. The conditions themselves
//! are evaluated by the core ([`manifesto_core::lesson::Level::evaluate`]) where they are shown.

use std::collections::BTreeSet;
use std::rc::Rc;
use strum::VariantArray;

use manifesto_core::Diagnostic;
use manifesto_core::lesson::{self, Level, Pack, PackFile};
use manifesto_core::share::{self, SharedLesson};
use manifesto_core::text_diff::FileChange;

use super::{AppState, FileEntry, LoadedFile, View};

/// The key a level's progress is kept under: `pack/level`.
pub fn level_key(pack: &str, level: &str) -> String {
    format!("{pack}/{level}")
}

/// A lesson pack loaded from a file, kept with its text so it survives a reload.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedPack {
    /// The file name it came from.
    pub name: String,
    /// The pack's text.
    pub text: String,
}

/// Everything the Learn view remembers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Learn {
    /// The built-in packs, then those loaded from files.
    pub packs: Rc<Vec<Pack>>,
    /// The packs loaded from files (name, text), to keep them across reloads.
    pub loaded: Vec<LoadedPack>,
    /// The level open: (pack id, level id).
    pub open: Option<(String, String)>,
    /// How many hints of the open level are shown.
    pub hints: usize,
    /// Whether the open level's solution is shown.
    pub solution: bool,
    /// The keys (`pack/level`) of the levels done in this browser.
    pub done: BTreeSet<String>,
    /// Why the last pack file could not be read (located diagnostics).
    pub errors: Vec<Diagnostic>,
    /// Set on the state of a share link: `open` and `loaded` are the link's lesson, applied
    /// over the Learn state kept in this browser by [`AppState::with_learn`].
    pub from_link: bool,
}

impl Learn {
    /// The built-in packs, the `loaded` packs that still read, and the progress `done`.
    pub fn restored(
        loaded: Vec<LoadedPack>,
        done: BTreeSet<String>,
        open: Option<(String, String)>,
    ) -> Self {
        let mut learn = Learn {
            packs: Rc::new(lesson::builtin()),
            done,
            ..Learn::default()
        };
        for pack in loaded {
            // A pack that no longer reads (the format changed) is dropped quietly.
            let _ = learn.add_pack(pack);
        }
        learn.errors.clear();
        learn.open = open.filter(|(p, l)| learn.level(p, l).is_some());
        learn
    }

    /// The pack with this id.
    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id == id)
    }

    /// The level `level` of the pack `pack`.
    pub fn level(&self, pack: &str, level: &str) -> Option<&Level> {
        self.pack(pack)?.levels.iter().find(|l| l.id == level)
    }

    /// The open level with its pack's id.
    pub fn open_level(&self) -> Option<(&str, &Level)> {
        let (pack, level) = self.open.as_ref()?;
        Some((pack.as_str(), self.level(pack, level)?))
    }

    /// The level after `level` in its pack (then the first of the next pack), if any.
    pub fn next_after(&self, pack: &str, level: &str) -> Option<(String, String)> {
        let mut found = false;
        for p in self.packs.iter() {
            for l in &p.levels {
                if found {
                    return Some((p.id.clone(), l.id.clone()));
                }
                found = p.id == pack && l.id == level;
            }
        }
        None
    }

    /// Reads a pack file: on success the pack joins the list (replacing one with its id).
    fn add_pack(&mut self, file: LoadedPack) -> Result<(), ()> {
        match lesson::parse_pack(&file.name, &file.text) {
            Ok(pack) => {
                let packs = Rc::make_mut(&mut self.packs);
                match packs.iter_mut().find(|p| p.id == pack.id) {
                    Some(existing) => *existing = pack,
                    None => packs.push(pack),
                }
                self.loaded.retain(|l| l.name != file.name);
                self.loaded.push(file);
                self.errors.clear();
                Ok(())
            }
            Err(diagnostics) => {
                self.errors = diagnostics;
                Err(())
            }
        }
    }
}

/// What the Learn view can ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum LearnAction {
    /// Open a level: its starting files replace the workspace (undoable).
    Open {
        /// The pack's id.
        pack: String,
        /// The level's id.
        level: String,
    },
    /// Close the open level (the files stay).
    Close,
    /// Show one more hint.
    Hint,
    /// Show the solution.
    ShowSolution,
    /// Apply the solution to the files (undoable).
    ApplySolution,
    /// The open level's goal is met: remember it as done.
    Completed(String),
    /// Forget every level done.
    ResetProgress,
    /// Read a lesson pack file.
    LoadPack(LoadedPack),
}

/// The view a level asks for, by its key.
fn view_of(key: Option<&str>) -> Option<View> {
    View::VARIANTS
        .iter()
        .copied()
        .find(|v| Some(v.key()) == key)
}

impl AppState {
    /// Applies a Learn action to `self` (the next state); false when nothing changed.
    pub(super) fn reduce_learn(&mut self, action: LearnAction) -> bool {
        match action {
            LearnAction::Open { pack, level } => {
                let Some(found) = self.learn.level(&pack, &level).cloned() else {
                    return false;
                };
                self.remember(format!("Opened the level \u{201c}{}\u{201d}", found.title));
                let files = found.files.iter().map(|f| LoadedFile {
                    name: f.name.clone(),
                    text: f.text.clone(),
                    problem: None,
                });
                let entries: Vec<_> = files.map(|f| self.entry(f)).collect();
                self.active = entries.first().map(|f| f.id);
                self.files = Rc::new(entries);
                self.selected = None;
                self.files_replaced();
                let learn = Rc::make_mut(&mut self.learn);
                learn.open = Some((pack, level));
                learn.hints = 0;
                learn.solution = false;
                if let Some(view) = view_of(found.view.as_deref()) {
                    self.view = view;
                }
            }
            LearnAction::Close => {
                if self.learn.open.is_none() {
                    return false;
                }
                let learn = Rc::make_mut(&mut self.learn);
                learn.open = None;
                learn.hints = 0;
                learn.solution = false;
            }
            LearnAction::Hint => {
                let Some((_, level)) = self.learn.open_level() else {
                    return false;
                };
                if self.learn.hints >= level.hints.len() {
                    return false;
                }
                Rc::make_mut(&mut self.learn).hints += 1;
            }
            LearnAction::ShowSolution => {
                if self.learn.solution || self.learn.open.is_none() {
                    return false;
                }
                Rc::make_mut(&mut self.learn).solution = true;
            }
            LearnAction::ApplySolution => {
                let Some((_, level)) = self.learn.open_level() else {
                    return false;
                };
                if level.solution.is_empty() {
                    return false;
                }
                let solved = level.solved_files();
                let diff = level.solution_diff(&self.pack_files(), 0);
                if diff.is_empty() {
                    return false;
                }
                // The first file the solution changes or adds is shown.
                let shown = diff
                    .iter()
                    .find(|f| f.change != FileChange::Removed)
                    .map(|f| f.name.clone());
                self.remember("Applied the solution".to_owned());
                self.replace_with(solved);
                self.active = shown
                    .and_then(|name| self.file_named(&name).map(|f| f.id))
                    .or_else(|| self.files.first().map(|f| f.id));
                self.files_replaced();
            }
            LearnAction::Completed(key) => {
                if self.learn.done.contains(&key) {
                    return false;
                }
                Rc::make_mut(&mut self.learn).done.insert(key);
            }
            LearnAction::ResetProgress => {
                if self.learn.done.is_empty() {
                    return false;
                }
                Rc::make_mut(&mut self.learn).done.clear();
            }
            LearnAction::LoadPack(file) => {
                let _ = Rc::make_mut(&mut self.learn).add_pack(file);
            }
        }
        true
    }

    /// The files as a lesson's files.
    pub fn pack_files(&self) -> Vec<PackFile> {
        self.files
            .iter()
            .map(|f| PackFile {
                name: f.name.clone(),
                text: f.text.clone(),
            })
            .collect()
    }

    /// The files become exactly `files`: a file of the same name keeps its id (and, when its
    /// text is the same, its entry), the others are added, and files not in `files` go.
    fn replace_with(&mut self, files: Vec<PackFile>) {
        let mut entries = Vec::with_capacity(files.len());
        for file in files {
            let entry = match self.files.iter().find(|e| e.name == file.name) {
                Some(old) if old.text == file.text => old.clone(),
                Some(old) => Rc::new(FileEntry {
                    id: old.id,
                    name: file.name,
                    text: file.text,
                    load_problem: None,
                }),
                None => self.entry(LoadedFile {
                    name: file.name,
                    text: file.text,
                    problem: None,
                }),
            };
            entries.push(entry);
        }
        self.files = Rc::new(entries);
    }

    /// The same state with the Learn view's packs and progress restored. On the state of a
    /// share link, the link's level is the one open (none when it carries no lesson, so the
    /// shared files never show an unrelated level's goals) and its pack joins the list; the
    /// levels done stay as kept.
    #[must_use]
    pub fn with_learn(mut self, mut learn: Learn) -> Self {
        if self.learn.from_link {
            for pack in self.learn.loaded.clone() {
                let _ = learn.add_pack(pack);
            }
            learn.open = self
                .learn
                .open
                .clone()
                .filter(|(p, l)| learn.level(p, l).is_some());
            learn.hints = 0;
            learn.solution = false;
            // The link's progress joins the one kept here.
            learn.done.extend(self.learn.done.iter().cloned());
        }
        self.learn = Rc::new(learn);
        self
    }

    /// The level open, as a share link carries it: with its pack as a file when that is not
    /// one of the built-in packs (or differs from it) and fits the pack size bound.
    pub(super) fn shared_lesson(&self) -> Option<SharedLesson> {
        let (pack_id, level) = self.learn.open_level()?;
        let pack = self.learn.pack(pack_id)?;
        let builtin = lesson::builtin().into_iter().any(|b| b == *pack);
        let pack_yaml = if builtin {
            None
        } else {
            let yaml = lesson::to_yaml(pack);
            if yaml.len() > lesson::MAX_PACK_BYTES {
                return None;
            }
            Some(yaml)
        };
        let done = pack
            .levels
            .iter()
            .filter(|l| self.learn.done.contains(&level_key(pack_id, &l.id)))
            .map(|l| l.id.clone())
            .collect();
        Some(SharedLesson {
            pack: pack_id.to_owned(),
            level: level.id.clone(),
            pack_yaml,
            done,
        })
    }
}

impl AppState {
    /// The share link payload that opens the first level of `pack` in any browser: that
    /// level's starting files on the view it asks for, with the pack itself in the link (so
    /// every level of it joins the student's list). `None` when the pack has no level or is too
    /// large to travel.
    pub fn lesson_link_payload(pack: &Pack) -> Option<String> {
        let level = pack.levels.first()?;
        let files = level
            .files
            .iter()
            .map(|f| LoadedFile {
                name: f.name.clone(),
                text: f.text.clone(),
                problem: None,
            })
            .collect();
        let mut state = AppState::with_files(files, None);
        if let Some(view) = view_of(level.view.as_deref()) {
            state.view = view;
        }
        state.learn = Rc::new(Learn {
            packs: Rc::new(vec![pack.clone()]),
            open: Some((pack.id.clone(), level.id.clone())),
            ..Learn::default()
        });
        let workspace = state.snapshot(false, false);
        workspace.lesson.as_ref()?;
        Some(share::encode(&workspace))
    }
}

impl Learn {
    /// The Learn state a share link carries, to be applied by [`AppState::with_learn`].
    pub fn of_link(lesson: Option<SharedLesson>) -> Self {
        let mut learn = Learn {
            from_link: true,
            ..Learn::default()
        };
        if let Some(shared) = lesson {
            if let Some(text) = shared.pack_yaml {
                learn.loaded.push(LoadedPack {
                    name: format!("{}.yaml", shared.pack),
                    text,
                });
            }
            learn.done = shared
                .done
                .iter()
                .map(|level| level_key(&shared.pack, level))
                .collect();
            learn.open = Some((shared.pack, shared.level));
        }
        learn
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Action;
    use yew::Reducible;

    fn reduce(state: AppState, action: LearnAction) -> AppState {
        (*Rc::new(state).reduce(Action::Learn(action))).clone()
    }

    fn first_level(state: &AppState) -> (String, Level) {
        let pack = &state.learn.packs[0];
        (pack.id.clone(), pack.levels[0].clone())
    }

    #[test]
    fn opening_a_level_loads_its_files_and_undo_restores_the_workspace() {
        let state = AppState::with_sample(manifesto_core::samples::Sample::FeastFlow)
            .with_learn(Learn::restored(Vec::new(), BTreeSet::new(), None));
        let before = state.files.len();
        let (pack, level) = first_level(&state);
        let state = reduce(
            state,
            LearnAction::Open {
                pack: pack.clone(),
                level: level.id.clone(),
            },
        );
        let names: Vec<_> = state.files.iter().map(|f| f.name.clone()).collect();
        let wanted: Vec<_> = level.files.iter().map(|f| f.name.clone()).collect();
        assert_eq!(names, wanted);
        assert_eq!(state.learn.open, Some((pack, level.id.clone())));
        let state = (*Rc::new(state).reduce(Action::Undo)).clone();
        assert_eq!(state.files.len(), before);
    }

    #[test]
    fn the_solution_meets_the_goal_and_hints_come_one_at_a_time() {
        let state =
            AppState::default().with_learn(Learn::restored(Vec::new(), BTreeSet::new(), None));
        let (pack, level) = first_level(&state);
        let state = reduce(
            state,
            LearnAction::Open {
                pack,
                level: level.id.clone(),
            },
        );
        let goals = level.evaluate(&state.model, &state.review);
        assert!(goals.iter().any(|g| !g.done), "{goals:?}");
        if !level.hints.is_empty() {
            let state = reduce(state.clone(), LearnAction::Hint);
            assert_eq!(state.learn.hints, 1);
        }
        let state = reduce(state, LearnAction::ApplySolution);
        let goals = level.evaluate(&state.model, &state.review);
        assert!(goals.iter().all(|g| g.done), "{goals:?}");
    }

    #[test]
    fn a_bad_pack_file_reports_located_errors_and_a_good_one_joins_the_list() {
        let state =
            AppState::default().with_learn(Learn::restored(Vec::new(), BTreeSet::new(), None));
        let count = state.learn.packs.len();
        let state = reduce(
            state,
            LearnAction::LoadPack(LoadedPack {
                name: "bad.yaml".into(),
                text: "id: [unclosed\n".into(),
            }),
        );
        assert!(!state.learn.errors.is_empty());
        assert_eq!(&*state.learn.errors[0].location.file, "bad.yaml");
        assert_eq!(state.learn.packs.len(), count);
        let mut copy = state.learn.packs[0].clone();
        copy.id = "copied".into();
        let text = lesson::to_yaml(&copy);
        let state = reduce(
            state,
            LearnAction::LoadPack(LoadedPack {
                name: "copied.yaml".into(),
                text,
            }),
        );
        assert!(state.learn.errors.is_empty(), "{:?}", state.learn.errors);
        assert_eq!(state.learn.packs.len(), count + 1);
        assert!(state.learn.pack("copied").is_some());
    }

    fn shared(state: &AppState) -> manifesto_core::share::Workspace {
        manifesto_core::share::decode(&state.share_payload(false, false)).expect("a workspace")
    }

    #[test]
    fn a_shared_level_opens_over_the_one_kept_and_the_progress_stays() {
        let kept = || {
            Learn::restored(
                Vec::new(),
                BTreeSet::from(["kept/progress".to_owned()]),
                None,
            )
        };
        let state = AppState::default().with_learn(kept());
        let pack = state.learn.packs[0].clone();
        let (first, second) = (pack.levels[0].id.clone(), pack.levels[1].id.clone());
        let mut state = reduce(
            state,
            LearnAction::Open {
                pack: pack.id.clone(),
                level: second.clone(),
            },
        );
        // The sharer has done the first level.
        Rc::make_mut(&mut state.learn)
            .done
            .insert(level_key(&pack.id, &first));
        let link = shared(&state);
        let lesson = link.lesson.clone().expect("the lesson travels");
        assert_eq!(
            (lesson.pack.as_str(), lesson.level.as_str()),
            (pack.id.as_str(), second.as_str())
        );
        assert_eq!(
            lesson.pack_yaml, None,
            "a built-in pack is named, not copied"
        );
        assert_eq!(
            lesson.done,
            vec![first.clone()],
            "with the sharer's progress"
        );
        // The student's browser has another level open.
        let mut theirs = kept();
        theirs.open = Some((pack.id.clone(), first.clone()));
        let opened = AppState::from_shared(link).with_learn(theirs.clone());
        assert_eq!(opened.learn.open, Some((pack.id.clone(), second)));
        assert!(opened.learn.done.contains("kept/progress"));
        assert!(
            opened.learn.done.contains(&level_key(&pack.id, &first)),
            "the sharer's progress shows: {:?}",
            opened.learn.done
        );
        assert_eq!(opened.files.len(), state.files.len());
        // A link without a lesson does not show the kept level's goals over its files.
        let plain = AppState::default().with_learn(kept());
        let opened = AppState::from_shared(shared(&plain)).with_learn(theirs);
        assert_eq!(opened.learn.open, None);
        assert!(opened.learn.done.contains("kept/progress"));
    }

    #[test]
    fn a_teachers_pack_travels_in_the_link() {
        let state =
            AppState::default().with_learn(Learn::restored(Vec::new(), BTreeSet::new(), None));
        let mut copy = state.learn.packs[0].clone();
        copy.id = "teacher".into();
        copy.title = "A teacher's pack".into();
        let level = copy.levels[0].id.clone();
        let state = reduce(
            state,
            LearnAction::LoadPack(LoadedPack {
                name: "teacher.yaml".into(),
                text: lesson::to_yaml(&copy),
            }),
        );
        let state = reduce(
            state,
            LearnAction::Open {
                pack: "teacher".into(),
                level: level.clone(),
            },
        );
        let link = shared(&state);
        assert!(link.lesson.as_ref().is_some_and(|l| l.pack_yaml.is_some()));
        let opened = AppState::from_shared(link).with_learn(Learn::restored(
            Vec::new(),
            BTreeSet::new(),
            None,
        ));
        assert_eq!(opened.learn.open, Some(("teacher".into(), level)));
        assert_eq!(
            opened.learn.pack("teacher").map(|p| p.title.as_str()),
            Some("A teacher's pack")
        );
        assert!(opened.learn.open_level().is_some());
    }

    #[test]
    fn applying_the_solution_makes_the_files_the_solved_ones_and_undo_restores_them() {
        let state =
            AppState::default().with_learn(Learn::restored(Vec::new(), BTreeSet::new(), None));
        let (pack, level) = first_level(&state);
        let state = reduce(
            state,
            LearnAction::Open {
                pack,
                level: level.id.clone(),
            },
        );
        // The student adds a file of their own.
        let mut mine = state.clone();
        mine.put_file(LoadedFile {
            name: "mine.yaml".into(),
            text: "kind: ConfigMap\n".into(),
            problem: None,
        });
        let before: Vec<_> = mine.files.iter().map(|f| f.name.clone()).collect();
        let applied = reduce(mine, LearnAction::ApplySolution);
        assert_eq!(applied.pack_files(), level.solved_files());
        assert!(applied.undo.is_some());
        assert!(
            reduce(applied.clone(), LearnAction::ApplySolution).files == applied.files,
            "nothing left to apply"
        );
        let undone = (*Rc::new(applied).reduce(Action::Undo)).clone();
        let after: Vec<_> = undone.files.iter().map(|f| f.name.clone()).collect();
        assert_eq!(after, before);
    }

    #[test]
    fn a_lesson_link_opens_the_first_level_of_a_teachers_pack() {
        let state =
            AppState::default().with_learn(Learn::restored(Vec::new(), BTreeSet::new(), None));
        let mut pack = state.learn.packs[0].clone();
        pack.id = "class".into();
        pack.levels.truncate(2);
        let payload = AppState::lesson_link_payload(&pack).expect("a link");
        let link = manifesto_core::share::decode(&payload).expect("a workspace");
        let opened = AppState::from_shared(link).with_learn(Learn::restored(
            Vec::new(),
            BTreeSet::new(),
            None,
        ));
        assert_eq!(
            opened.learn.open,
            Some(("class".into(), pack.levels[0].id.clone()))
        );
        assert_eq!(opened.learn.pack("class"), Some(&pack));
        assert_eq!(opened.pack_files(), pack.levels[0].files);
        let empty = Pack {
            levels: Vec::new(),
            ..pack
        };
        assert_eq!(AppState::lesson_link_payload(&empty), None);
    }
}
