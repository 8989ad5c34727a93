//! What the user is looking at: the file in the editor, the selected object, the ranges the
//! editor is asked to show, the right-hand view and the rollout moment.

use std::rc::Rc;

use manifesto_core::{Location, ObjectId};

use super::{AppState, EditorTarget, RolloutView, View};

impl AppState {
    /// [`super::Action::ShowFile`]: a file shown in the editor.
    pub(super) fn show_file(&mut self, id: u32) -> bool {
        if self.active == Some(id) || self.file(id).is_none() {
            return false;
        }
        self.active = Some(id);
        self.save_rev += 1;
        true
    }

    /// [`super::Action::Select`]: an object (or nothing) highlighted, the editor left alone.
    pub(super) fn select(&mut self, id: Option<ObjectId>) -> bool {
        if self.selected == id {
            return false;
        }
        self.selected = id;
        true
    }

    /// [`super::Action::Reveal`]: an object highlighted and its source selected in the editor.
    pub(super) fn reveal(&mut self, id: ObjectId) -> bool {
        let Some(object) = self.model.get(&id) else {
            return false;
        };
        let (start, end) = object.line_range();
        let Some(file) = self.file_named(&object.file).map(|f| f.id) else {
            return false;
        };
        self.show_range(file, start, end);
        self.selected = Some(id);
        true
    }

    /// [`super::Action::GoTo`]: a location's line selected in the editor.
    pub(super) fn go_to(&mut self, location: &Location) -> bool {
        let Some(file) = self.file_named(&location.file).map(|f| f.id) else {
            return false;
        };
        self.show_range(file, location.line, location.line);
        true
    }

    /// Shows `file` in the editor and asks it to select lines `start..=end`.
    fn show_range(&mut self, file: u32, start: usize, end: usize) {
        if self.active != Some(file) {
            self.active = Some(file);
            self.save_rev += 1;
        }
        let serial = self.serial();
        self.editor_target = Some(EditorTarget {
            serial,
            file,
            start,
            end,
        });
    }

    /// [`super::Action::SetView`]: another right-hand view.
    pub(super) fn set_view(&mut self, view: View) -> bool {
        if self.view == view {
            return false;
        }
        self.view = view;
        true
    }

    /// [`super::Action::ShowRollout`]: another moment of the rollout view.
    pub(super) fn show_rollout(&mut self, view: Option<Rc<RolloutView>>) -> bool {
        if self.rollout_view == view {
            return false;
        }
        self.rollout_view = view;
        true
    }
}

#[cfg(test)]
mod tests {
    use manifesto_core::ObjectId;
    use manifesto_core::samples::Sample;

    use super::super::testing::reduce;
    use super::super::{Action, AppState};

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
}
