//! FeastFlow and edited copies of it, for the tests of every diff module.

use crate::model::Model;
use crate::samples::Sample;
use crate::source::SourceFile;

/// FeastFlow as shipped.
pub(super) fn feastflow() -> Model {
    Model::from_files(Sample::FeastFlow.files())
}

/// FeastFlow with each `(file, from, to)` edit applied once; panics when `from` is not in the
/// file, so a test cannot silently compare a copy that was not edited.
#[track_caller]
pub(super) fn feastflow_edits(edits: &[(&str, &str, &str)]) -> Model {
    let mut files = Sample::FeastFlow.files();
    for (name, from, to) in edits {
        let file = files
            .iter_mut()
            .find(|f| f.name == *name)
            .unwrap_or_else(|| panic!("no file {name}"));
        assert!(file.text.contains(from), "{name} has no {from:?}");
        *file = SourceFile::new(file.name.clone(), file.text.replacen(from, to, 1));
    }
    Model::from_files(files)
}

/// FeastFlow with one edit.
#[track_caller]
pub(super) fn feastflow_with(file: &str, from: &str, to: &str) -> Model {
    feastflow_edits(&[(file, from, to)])
}

/// A model of the given `(name, text)` files.
pub(super) fn model(files: &[(&str, &str)]) -> Model {
    Model::from_files(
        files
            .iter()
            .map(|(name, text)| SourceFile::new(*name, *text))
            .collect(),
    )
}
