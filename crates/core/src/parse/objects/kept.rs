//! Readings kept between analyses: reading the same files again reads only what changed, at once
//! or a slice at a time.

use std::rc::Rc;

use foldhash::{HashMap, HashMapExt};

use super::again::FileReading;
use super::{FileObjects, ParseOptions, model_from_parts};
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
        let mut reading = self.start(files, options);
        reading.step(usize::MAX);
        self.finish(reading, keep_up_to)
    }

    /// The same reading as [`KeptReadings::read`], done a slice at a time with
    /// [`SteppedReading::step`] and ended with [`KeptReadings::finish`], so a caller can do
    /// other work between the slices.
    pub fn start(&mut self, files: Vec<SourceFile>, options: &ParseOptions) -> SteppedReading {
        let previous = if self.options.as_ref() == Some(options) {
            std::mem::take(&mut self.files)
        } else {
            HashMap::new()
        };
        SteppedReading {
            total: files.iter().map(|f| f.text.len()).sum(),
            files,
            options: options.clone(),
            previous,
            done: Vec::new(),
            current: FileReading::default(),
            bytes_done: 0,
        }
    }

    /// The model of a reading stepped to its end (a reading not at its end reads the rest
    /// first), kept as [`KeptReadings::read`] keeps it.
    pub fn finish(&mut self, mut reading: SteppedReading, keep_up_to: usize) -> Model {
        reading.step(usize::MAX);
        let SteppedReading {
            files,
            options,
            done,
            total,
            ..
        } = reading;
        self.options = Some(options);
        if total > keep_up_to {
            // Nothing is kept: each reading moves into the model.
            self.files = HashMap::new();
            let parts = done.into_iter().map(|kept| match Rc::try_unwrap(kept) {
                Ok((_, part)) => part,
                Err(shared) => shared.1.model_part(),
            });
            return model_from_parts(files, parts);
        }
        let model = model_from_parts(files, done.iter().map(|kept| kept.1.model_part()));
        let names = model.files.iter().map(|f| f.name.clone());
        self.files = names.zip(done).collect();
        model
    }

    /// The reading kept of the file named `name`.
    pub fn kept(&self, name: &str) -> Option<&FileObjects> {
        self.files.get(name).map(|kept| &kept.1)
    }
}

/// A reading of a set of files under way ([`KeptReadings::start`]).
#[derive(Debug, Clone)]
pub struct SteppedReading {
    files: Vec<SourceFile>,
    options: ParseOptions,
    /// The last readings not yet taken, by file name.
    previous: HashMap<String, Rc<(String, FileObjects)>>,
    /// The files read, in order, with the text each read.
    done: Vec<Rc<(String, FileObjects)>>,
    /// The file being read (the one after `done`).
    current: FileReading,
    /// The text of the files in `done`, in bytes.
    bytes_done: usize,
    total: usize,
}

impl SteppedReading {
    /// Reads on until about `budget` bytes of text were read again (a file or a document kept
    /// from the last reading costs nothing); whether every file is read.
    pub fn step(&mut self, budget: usize) -> bool {
        let nothing_read = FileObjects::default();
        let mut left = budget;
        while let Some(file) = self.files.get(self.done.len()) {
            let last = self.previous.get(&file.name);
            if self.current.bytes == 0
                && let Some(kept) = last.filter(|kept| kept.0 == file.text)
            {
                self.done.push(kept.clone());
            } else {
                let before = self.current.bytes;
                let last_part = last.map_or(&nothing_read, |kept| &kept.1);
                let ended = self.current.advance(file, &self.options, last_part, left);
                left = left.saturating_sub(self.current.bytes - before);
                if !ended {
                    return false;
                }
                let part = std::mem::take(&mut self.current).finish(file, &self.options);
                self.done.push(Rc::new((file.text.clone(), part)));
            }
            self.previous.remove(&file.name);
            self.bytes_done += file.text.len();
        }
        true
    }

    /// The bytes of text gone through so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.bytes_done + self.current.bytes, self.total)
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

    #[test]
    fn a_reading_in_slices_gives_what_a_reading_at_once_gives() {
        let options = ParseOptions::default();
        let many: String = (0..50)
            .map(|i| config_map(&format!("m{i}")) + "---\n")
            .collect();
        let files = vec![
            SourceFile::new("a.yaml", config_map("a")),
            SourceFile::new("many.yaml", format!("{many}kind: [\n")),
            SourceFile::new("b.yaml", config_map("b")),
        ];
        let mut kept = KeptReadings::default();
        let mut reading = kept.start(files.clone(), &options);
        let mut steps = 0;
        let mut last = 0;
        while !reading.step(500) {
            steps += 1;
            let (done, total) = reading.progress();
            assert!(
                done > last && done < total,
                "each slice goes on: {done} of {total}"
            );
            last = done;
        }
        assert!(steps >= 5, "{steps} slices of about 500 bytes");
        let model = kept.finish(reading, usize::MAX);
        let fresh = parse_files_with(files.clone(), &options);
        let ids = |m: &crate::Model| {
            m.objects
                .iter()
                .map(|o| o.id.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&model), ids(&fresh));
        assert_eq!(model.diagnostics, fresh.diagnostics);

        // Read again after an edit of one document: only that document is read, in one slice.
        let mut edited = files.clone();
        edited[1] = SourceFile::new(
            "many.yaml",
            edited[1].text.replace("name: m7\n", "name: seven\n"),
        );
        let mut again = kept.start(edited.clone(), &options);
        assert!(again.step(500), "one document to read again");
        let model = kept.finish(again, usize::MAX);
        assert_eq!(kept.kept("many.yaml").unwrap().documents_read, 1);
        assert_eq!(ids(&model), ids(&parse_files_with(edited, &options)));
    }
}
