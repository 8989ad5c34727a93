//! The real-world corpus in `../shared/corpus`: every file reads with no error and the objects of
//! each kind number what its README lists.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use manifesto_core::{Model, SourceFile};

/// The corpus folder, or `None` (with a message) when it is absent.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: the corpus folder {} is absent", dir.display());
        None
    }
}

/// Every manifest file of the corpus, with its path relative to the corpus folder.
pub fn corpus_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable corpus folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "LICENSES") {
                    stack.push(path);
                }
            } else if path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            {
                let rel = path
                    .strip_prefix(dir)
                    .expect("inside the corpus")
                    .display()
                    .to_string();
                out.push((rel, path));
            }
        }
    }
    out.sort();
    out
}

/// The whole corpus as one model.
pub fn corpus_model(dir: &Path) -> Model {
    let files = corpus_files(dir)
        .into_iter()
        .map(|(name, path)| {
            SourceFile::new(
                name,
                std::fs::read_to_string(path).expect("utf-8 corpus file"),
            )
        })
        .collect();
    Model::from_files(files)
}

/// The README's "documents by kind" column, per file: `Deployment 3, Service 3` and, for Lists,
/// `List 1 (items: Deployment 3, ...)`, whose items are what the model holds.
fn expected_counts(readme: &str) -> BTreeMap<String, BTreeMap<String, usize>> {
    let mut out = BTreeMap::new();
    for line in readme.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let file = cells[1].trim_matches('`').to_owned();
        let counts_cell = cells[cells.len() - 3];
        let counts_cell = match counts_cell.find("(items:") {
            Some(i) => counts_cell[i + 7..]
                .trim_end_matches([')', ' '])
                .split(')')
                .next()
                .unwrap_or(""),
            None => counts_cell,
        };
        let mut counts = BTreeMap::new();
        for part in counts_cell.split([',', ';']) {
            let mut words = part.split_whitespace();
            if let (Some(kind), Some(n)) = (words.next(), words.next())
                && let (true, Ok(n)) = (
                    kind.chars().next().is_some_and(char::is_uppercase),
                    n.parse::<usize>(),
                )
            {
                counts.insert(kind.to_owned(), n);
            }
        }
        out.insert(file, counts);
    }
    out
}

#[test]
fn every_corpus_file_reads_with_the_listed_objects_and_no_error() {
    let Some(dir) = corpus_dir() else { return };
    let readme = std::fs::read_to_string(dir.join("README.md")).expect("the corpus README");
    let expected = expected_counts(&readme);
    let files = corpus_files(&dir);
    assert_eq!(files.len(), 34, "the README lists 34 manifest files");
    let mut problems = Vec::new();
    for (name, path) in files {
        let text = std::fs::read_to_string(&path).expect("utf-8");
        let model = Model::from_files(vec![SourceFile::new(name.clone(), text)]);
        for d in model
            .diagnostics
            .iter()
            .filter(|d| d.severity == manifesto_core::Severity::Error)
        {
            problems.push(format!("{}: {}", d.location, d.message));
        }
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for o in &model.objects {
            *counts.entry(o.kind.clone()).or_default() += 1;
        }
        match expected.get(&name) {
            Some(want) if want == &counts => {}
            Some(want) => problems.push(format!(
                "{name}: objects by kind {counts:?}, README lists {want:?}"
            )),
            None => problems.push(format!("{name}: not listed in the README")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
