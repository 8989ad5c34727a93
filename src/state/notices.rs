//! The messages shown at the top of the page until dismissed.

use super::{AppState, Notice};

impl AppState {
    /// [`super::Action::Notify`]: a message shown, once.
    pub(super) fn notify(&mut self, notice: Notice) -> bool {
        if self.notices.contains(&notice) {
            return false;
        }
        self.notices.push(notice);
        true
    }

    /// [`super::Action::DismissNotice`]: the message at `index` hidden.
    pub(super) fn dismiss_notice(&mut self, index: usize) -> bool {
        if index >= self.notices.len() {
            return false;
        }
        self.notices.remove(index);
        true
    }
}
