//! How long reading the largest corpus file takes: `cargo bench -p manifesto-core --bench parse`.

#![allow(missing_docs)]

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use manifesto_core::{Model, SourceFile};

fn parse_argo_cd(c: &mut Criterion) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/argo-cd-install.yaml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} is absent", path.display());
        return;
    };
    c.bench_function("parse argo-cd-install.yaml (1.9 MB)", |b| {
        b.iter(|| Model::from_files(vec![SourceFile::new("argo-cd-install.yaml", text.as_str())]));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = parse_argo_cd
}
criterion_main!(benches);
