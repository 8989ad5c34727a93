//! The source lines diagnostics and findings show, each file indexed once, the first time one of
//! its lines is asked for: rendering many of them costs one pass over each file, not one per
//! line shown.

use foldhash::{HashMap, HashMapExt};

use super::Model;
use crate::source::{Diagnostic, LineIndex, SourceFile};

/// The lines of a model's files, as snippets show them (Secret values masked).
pub struct Snippets<'m> {
    files: HashMap<&'m str, (&'m SourceFile, Option<LineIndex>)>,
}

impl<'m> Snippets<'m> {
    /// The snippets of `model`'s files; nothing is indexed yet.
    pub fn new(model: &'m Model) -> Self {
        let mut files = HashMap::new();
        for file in &model.files {
            // The first file of a name wins, as `Model::file` finds it.
            files.entry(file.name.as_str()).or_insert((file, None));
        }
        Snippets { files }
    }

    /// The 1-based `line` of the file named `file` as a snippet shows it.
    pub fn line(&mut self, file: &str, line: usize) -> Option<String> {
        let (file, index) = self.files.get_mut(file)?;
        let file: &'m SourceFile = file;
        index
            .get_or_insert_with(|| LineIndex::new(&file.text))
            .snippet(&file.text, line)
    }

    /// `diagnostic` rendered with its source line, as [`Diagnostic::render`] does.
    pub fn render(&mut self, diagnostic: &Diagnostic) -> String {
        let line = self.line(&diagnostic.location.file, diagnostic.location.line);
        diagnostic.render_line(line.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_as_the_diagnostic_does_with_secret_lines_masked() {
        let text = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: hunter2-plaintext\n  password: again\n";
        let model = Model::from_files(vec![SourceFile::new("s.yaml", text)]);
        let mut snippets = Snippets::new(&model);
        assert!(
            !model.diagnostics.is_empty(),
            "the duplicate key is reported"
        );
        for d in &model.diagnostics {
            let file = model.file(&d.location.file);
            assert_eq!(snippets.render(d), d.render(file));
            assert!(!snippets.render(d).contains("hunter2"));
        }
        assert_eq!(snippets.line("missing.yaml", 1), None);
        assert_eq!(snippets.line("s.yaml", 2).as_deref(), Some("kind: Secret"));
    }
}
