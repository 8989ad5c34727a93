//! Readings kept between analyses: reading the same files again reads only what changed.

use std::collections::HashMap;
use std::rc::Rc;

use super::{FileObjects, ParseOptions, model_from_parts, parse_file_again};
use crate::model::Model;
use crate::source::SourceFile;

/// Each file's last reading, by file name, with the text it read.
#[derive(Debug, Clone, Default)]
pub struct KeptReadings {
    options: Option<ParseOptions>,
    files: HashMap<String, Rc<(String, FileObjects)>>,
}

impl KeptReadings {
    /// Reads `files` into the model [`super::parse_files_with`] gives, reading again only the
    /// files whose text changed since the last reading with the same options, and in those only
    /// the documents an edit touched ([`parse_file_again`]). This reading is kept for the next
    /// one when the files total at most `keep_up_to` bytes of text; larger ones keep nothing, so
    /// memory stays bounded.
    pub fn read(
        &mut self,
        files: Vec<SourceFile>,
        options: &ParseOptions,
        keep_up_to: usize,
    ) -> Model {
        let mut previous = if self.options.as_ref() == Some(options) {
            std::mem::take(&mut self.files)
        } else {
            HashMap::new()
        };
        let nothing_read = FileObjects::default();
        let readings: Vec<Rc<(String, FileObjects)>> = files
            .iter()
            .map(|file| match previous.remove(&file.name) {
                Some(kept) if kept.0 == file.text => kept,
                kept => {
                    let last = kept.as_ref().map_or(&nothing_read, |kept| &kept.1);
                    Rc::new((file.text.clone(), parse_file_again(file, options, last)))
                }
            })
            .collect();
        let bytes: usize = files.iter().map(|f| f.text.len()).sum();
        let model = model_from_parts(files, readings.iter().map(|kept| kept.1.clone()));
        self.options = Some(options.clone());
        self.files = if bytes <= keep_up_to {
            let names = model.files.iter().map(|f| f.name.clone());
            names.zip(readings).collect()
        } else {
            HashMap::new()
        };
        model
    }

    /// The reading kept of the file named `name`.
    pub fn kept(&self, name: &str) -> Option<&FileObjects> {
        self.files.get(name).map(|kept| &kept.1)
    }
}

#[cfg(test)]
mod tests {
    use super::KeptReadings;
    use crate::parse::{ParseOptions, parse_files_with};
    use crate::source::SourceFile;

    fn config_map(name: &str) -> String {
        format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n")
    }

    #[test]
    fn reading_again_gives_what_a_fresh_reading_gives() {
        let options = ParseOptions::default();
        let mut kept = KeptReadings::default();
        let first = vec![
            SourceFile::new("a.yaml", config_map("a")),
            SourceFile::new(
                "b.yaml",
                format!("{}---\n{}", config_map("b"), config_map("c")),
            ),
        ];
        let model = kept.read(first.clone(), &options, usize::MAX);
        assert_eq!(model.objects.len(), 3);
        let edited = vec![
            first[0].clone(),
            SourceFile::new(
                "b.yaml",
                format!("{}---\n{}", config_map("b"), config_map("d")),
            ),
            SourceFile::new("e.yaml", "kind: [\n"),
        ];
        let again = kept.read(edited.clone(), &options, usize::MAX);
        let fresh = parse_files_with(edited.clone(), &options);
        let ids = |m: &crate::Model| {
            m.objects
                .iter()
                .map(|o| o.id.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&again), ids(&fresh));
        assert_eq!(again.diagnostics, fresh.diagnostics);
        // Another namespace reads every file again.
        let elsewhere = ParseOptions::with_namespace("shop");
        let moved = kept.read(edited.clone(), &elsewhere, usize::MAX);
        assert_eq!(ids(&moved), ids(&parse_files_with(edited, &elsewhere)));
        assert!(ids(&moved).contains(&"ConfigMap/shop/a".to_owned()));
    }

    #[test]
    fn a_reading_over_the_limit_is_not_kept() {
        let mut kept = KeptReadings::default();
        let files = vec![SourceFile::new("a.yaml", config_map("a"))];
        kept.read(files.clone(), &ParseOptions::default(), 10);
        assert!(kept.files.is_empty());
        kept.read(files, &ParseOptions::default(), usize::MAX);
        assert_eq!(kept.files.len(), 1);
    }
}
