//! How the pipeline grows with the input: parse, graph, checks and the whole review of FeastFlow
//! repeated in many namespaces, at about 100, 1,000 and 10,000 objects:
//! `cargo bench -p manifesto-core --bench scale`. Each stage should grow linearly, and the review
//! of 10,000 objects should cost at most 1.5× their parse (`scripts/bench.sh` prints that table
//! for the native CLI).

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use manifesto_core::Model;
use manifesto_core::checks::{self, Context, Settings};
use manifesto_core::graph::{Graph, GraphOptions};
use manifesto_core::report::Review;

mod support {
    pub mod generate;
}

use support::generate::{Shape, file};

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn scale(c: &mut Criterion) {
    let settings = Settings::default();
    let mut group = c.benchmark_group("feastflow");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for n in SIZES {
        let source = file(Shape::FeastFlow, n);
        let model = Model::from_files(vec![source.clone()]);
        let objects = model.objects.len();
        group.bench_with_input(BenchmarkId::new("parse", objects), &source, |b, s| {
            b.iter(|| Model::from_files(vec![s.clone()]));
        });
        group.bench_with_input(BenchmarkId::new("graph", objects), &model, |b, m| {
            b.iter(|| Graph::build(m, &GraphOptions::default()));
        });
        group.bench_with_input(BenchmarkId::new("checks", objects), &model, |b, m| {
            b.iter(|| checks::run(&Context::new(m, &settings)));
        });
        group.bench_with_input(BenchmarkId::new("review", objects), &model, |b, m| {
            b.iter(|| Review::build(m, &settings));
        });
    }
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
