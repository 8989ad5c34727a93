//! The loaded files: typing, loading, adding, renaming and removing them, and undoing the last
//! destructive change.

use crate::text::plural;
use std::rc::Rc;

use manifesto_core::samples::Sample;
use manifesto_core::{Pos, SourceFile};

use super::{AppState, FileEntry, LoadProblem, LoadedFile, UndoEntry};

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

impl AppState {
    /// [`super::Action::SetText`]: the user typed. Only the edited file is copied; the others
    /// stay shared with the previous state.
    pub(super) fn set_text(&mut self, file: u32, text: String) -> bool {
        let Some(index) = self.files.iter().position(|f| f.id == file) else {
            return false;
        };
        let old = &self.files[index];
        if old.text == text {
            return false;
        }
        let load_problem = old
            .load_problem
            .clone()
            .filter(|_| still_has_replacements(&text));
        let entry = FileEntry {
            id: old.id,
            name: old.name.clone(),
            text,
            load_problem,
        };
        Rc::make_mut(&mut self.files)[index] = Rc::new(entry);
        // Undoing now would also throw away this edit.
        self.undo = None;
        self.save_rev += 1;
        self.request_analysis();
        true
    }

    /// [`super::Action::LoadSample`]: every file replaced by a built-in sample.
    pub(super) fn load_sample(&mut self, sample: Sample) -> bool {
        let loaded = sample_files(sample);
        let unchanged = self.files.len() == loaded.len()
            && self
                .files
                .iter()
                .zip(&loaded)
                .all(|(f, s)| f.name == s.name && f.text == s.text);
        if unchanged {
            self.undo = None;
        } else {
            self.remember(format!(
                "Loaded the sample \u{201c}{}\u{201d}",
                sample.title()
            ));
        }
        let entries: Vec<_> = loaded.into_iter().map(|f| self.entry(f)).collect();
        self.active = entries.first().map(|f| f.id);
        self.files = Rc::new(entries);
        self.selected = None;
        self.files_replaced();
        true
    }

    /// [`super::Action::AddFiles`]: files read from disk join (or replace) the loaded ones.
    pub(super) fn add_files(&mut self, files: Vec<LoadedFile>, replace: bool) -> bool {
        if files.is_empty() {
            return false;
        }
        if replace {
            self.remember(format!(
                "Replaced the files with {}",
                plural(files.len(), "file")
            ));
            self.files = Rc::new(Vec::new());
            self.selected = None;
        } else {
            self.undo = None;
        }
        let mut first = None;
        for file in files {
            first.get_or_insert(self.put_file(file));
        }
        self.active = first;
        self.files_replaced();
        true
    }

    /// Puts `file` in place of the loaded file with its name (keeping that file's id), or adds
    /// it; returns its id.
    pub(super) fn put_file(&mut self, file: LoadedFile) -> u32 {
        match self.files.iter().position(|f| f.name == file.name) {
            Some(index) => {
                let id = self.files[index].id;
                Rc::make_mut(&mut self.files)[index] = Rc::new(FileEntry {
                    id,
                    name: file.name,
                    text: file.text,
                    load_problem: file.problem,
                });
                id
            }
            None => {
                let entry = self.entry(file);
                let id = entry.id;
                Rc::make_mut(&mut self.files).push(entry);
                id
            }
        }
    }

    /// [`super::Action::NewFile`]: an empty file, shown.
    pub(super) fn new_file(&mut self) -> bool {
        self.undo = None;
        let name = self.free_name("untitled.yaml", None);
        let entry = self.entry(LoadedFile {
            name,
            text: String::new(),
            problem: None,
        });
        self.active = Some(entry.id);
        Rc::make_mut(&mut self.files).push(entry);
        self.files_replaced();
        true
    }

    /// [`super::Action::RenameFile`]: a new name, made unique.
    pub(super) fn rename_file(&mut self, file: u32, name: &str) -> bool {
        let name = name.trim();
        if name.is_empty() {
            return false;
        }
        let name = self.free_name(name, Some(file));
        let Some(index) = self.files.iter().position(|f| f.id == file) else {
            return false;
        };
        if self.files[index].name == name {
            return false;
        }
        Rc::make_mut(&mut Rc::make_mut(&mut self.files)[index]).name = name;
        self.undo = None;
        self.files_replaced();
        true
    }

    /// [`super::Action::RemoveFile`]: one file removed; a neighbour is shown if it was.
    pub(super) fn remove_file(&mut self, id: u32) -> bool {
        let Some(index) = self.files.iter().position(|f| f.id == id) else {
            return false;
        };
        self.remember(format!("Removed {}", self.files[index].name));
        Rc::make_mut(&mut self.files).remove(index);
        if self.active == Some(id) {
            let neighbour = index.min(self.files.len().saturating_sub(1));
            self.active = self.files.get(neighbour).map(|f| f.id);
        }
        self.files_replaced();
        true
    }

    /// [`super::Action::RemoveAll`]: every file removed.
    pub(super) fn remove_all(&mut self) -> bool {
        if self.files.is_empty() {
            return false;
        }
        self.remember(format!("Removed {}", plural(self.files.len(), "file")));
        self.files = Rc::new(Vec::new());
        self.active = None;
        self.selected = None;
        self.files_replaced();
        true
    }

    /// [`super::Action::Undo`]: the files as they were before the last destructive action.
    pub(super) fn undo(&mut self) -> bool {
        let Some(undo) = self.undo.take() else {
            return false;
        };
        self.files = undo.files;
        self.active = undo.active;
        self.files_replaced();
        true
    }

    /// [`super::Action::DismissUndo`]: the "Undo" banner hidden.
    pub(super) fn dismiss_undo(&mut self) -> bool {
        self.undo.take().is_some()
    }

    /// [`super::Action::SetReplaceOnLoad`]: whether uploads replace the loaded files.
    pub(super) fn set_replace_on_load(&mut self, replace: bool) -> bool {
        if self.replace_on_load == replace {
            return false;
        }
        self.replace_on_load = replace;
        true
    }

    /// Records the files as they are, so the destructive action about to be done can be
    /// undone (there is nothing to undo when no file is loaded).
    pub(super) fn remember(&mut self, message: String) {
        self.undo = (!self.files.is_empty()).then(|| UndoEntry {
            message,
            files: self.files.clone(),
            active: self.active,
        });
    }

    /// The files changed by something other than typing.
    pub(super) fn files_replaced(&mut self) {
        self.content_rev += 1;
        self.save_rev += 1;
        self.request_analysis();
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
        #[allow(
            clippy::maybe_infinite_iter,
            reason = "only finitely many names are taken"
        )]
        (2..)
            .map(|n| format!("{stem}-{n}{ext}"))
            .find(|name| !taken(name))
            .unwrap_or_else(|| wanted.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use manifesto_core::samples::Sample;

    use super::super::testing::{NS, file, reduce};
    use super::super::{Action, AppState, LoadedFile};

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
        assert_eq!(&*state.model.objects[0].file, "dir/ns.yaml");
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
            .map(|d| (&*d.location.file, d.location.line, d.location.column))
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
    fn removing_the_active_file_shows_a_neighbour() {
        let state =
            AppState::with_files(vec![file("a", ""), file("b", ""), file("c", "")], Some("c"));
        let c = state.active.unwrap();
        let state = reduce(state, Action::RemoveFile(c));
        assert_eq!(state.active_file().unwrap().name, "b");
    }

    #[test]
    fn typing_copies_only_the_edited_file() {
        let before = AppState::with_files(vec![file("a.yaml", ""), file("b.yaml", NS)], None);
        let a = before.files[0].id;
        let after = reduce(
            before.clone(),
            Action::SetText {
                file: a,
                text: NS.into(),
            },
        );
        assert!(Rc::ptr_eq(&before.files[1], &after.files[1]));
        assert_eq!(
            before.files[0].text, "",
            "the previous state keeps its text"
        );
        assert_eq!(after.files[0].text, NS);
    }
}
