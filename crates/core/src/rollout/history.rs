//! history (in progress).

/// A revision.
#[derive(Debug, Clone)]
pub struct Revision;
/// A history.
#[derive(Debug, Clone)]
pub struct RevisionHistory;
/// An undo outcome.
#[derive(Debug, Clone)]
pub struct UndoOutcome;
