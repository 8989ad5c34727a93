//! How long building and laying out the relationship graph of the largest corpus file takes:
//! `cargo bench -p manifesto-core --bench graph`.

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use manifesto_core::graph::{Graph, GraphOptions, LayoutOptions, layout};
use manifesto_core::{Model, SourceFile};

fn graph_argo_cd(c: &mut Criterion) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/argo-cd-install.yaml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} is absent", path.display());
        return;
    };
    let model = Model::from_files(vec![SourceFile::new("argo-cd-install.yaml", text)]);
    let options = GraphOptions::default();
    let graph = Graph::build(&model, &options);
    c.bench_function("graph build, argo-cd-install.yaml (1.9 MB)", |b| {
        b.iter(|| Graph::build(&model, &options));
    });
    c.bench_function("graph layout, argo-cd-install.yaml (1.9 MB)", |b| {
        b.iter(|| layout(&graph, &LayoutOptions::default()));
    });
    c.bench_function("graph build + layout, argo-cd-install.yaml (1.9 MB)", |b| {
        b.iter(|| layout(&Graph::build(&model, &options), &LayoutOptions::default()));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = graph_argo_cd
}
criterion_main!(benches);
