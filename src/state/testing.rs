//! Helpers for the reducer's tests.

use std::rc::Rc;

use yew::Reducible;

use super::{Action, AppState, LoadedFile};

/// The state after `action`.
pub fn reduce(state: AppState, action: Action) -> AppState {
    (*Rc::new(state).reduce(action)).clone()
}

/// A file without load problem.
pub fn file(name: &str, text: &str) -> LoadedFile {
    LoadedFile {
        name: name.into(),
        text: text.into(),
        problem: None,
    }
}

/// A file holding one Namespace, `a`.
pub const NS: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n";
