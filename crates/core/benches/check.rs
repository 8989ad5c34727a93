//! How long the review takes: every enabled check, the checklist and the scores, on FeastFlow and
//! on the whole corpus read as one model: `cargo bench -p manifesto-core --bench check`.

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use manifesto_core::checks::{self, Context, Settings};
use manifesto_core::report::Review;
use manifesto_core::samples::Sample;
use manifesto_core::{Model, SourceFile};

/// Every manifest file under `dir`, recursively (licences aside), as source files.
fn corpus(dir: &Path) -> Vec<SourceFile> {
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() && path.file_name().is_some_and(|n| n != "LICENSES") {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some(SourceFile::new(
                p.strip_prefix(dir).unwrap_or(&p).display().to_string(),
                text,
            ))
        })
        .collect()
}

fn check(c: &mut Criterion) {
    let settings = Settings::default();
    let feastflow = Model::from_files(Sample::FeastFlow.files());
    c.bench_function("review FeastFlow (11 files)", |b| {
        b.iter(|| Review::build(&feastflow, &settings));
    });
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if !dir.is_dir() {
        eprintln!(
            "skipping the corpus benchmarks: {} is absent",
            dir.display()
        );
        return;
    }
    let model = Model::from_files(corpus(&dir));
    c.bench_function("run every enabled check over the corpus", |b| {
        b.iter(|| checks::run(&Context::new(&model, &settings)));
    });
    c.bench_function("review the corpus (checks, checklist, scores)", |b| {
        b.iter(|| Review::build(&model, &settings));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = check
}
criterion_main!(benches);
