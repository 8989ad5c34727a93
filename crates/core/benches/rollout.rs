//! How long rollout simulations take: `cargo bench -p manifesto-core --bench rollout`.

#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use manifesto_core::rollout::{self, RolloutOptions};
use manifesto_core::samples::Sample;
use manifesto_core::{Model, ObjectId, SourceFile};

fn feastflow(c: &mut Criterion) {
    let model = Model::from_files(Sample::FeastFlow.files());
    let frontend = ObjectId::new("Deployment", Some("feastflow"), "feastflow-frontend");
    c.bench_function("simulate feastflow-frontend (3 replicas)", |b| {
        b.iter(|| rollout::simulate(&model, &frontend, &RolloutOptions::default()));
    });
}

/// The slowest order there is: one pod at a time over 500 replicas, 1000 passes.
fn one_at_a_time(c: &mut Criterion) {
    let yaml = "apiVersion: apps/v1
kind: Deployment
metadata: {name: big, namespace: demo}
spec:
  replicas: 500
  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}
  selector: {matchLabels: {app: big}}
  template:
    metadata: {labels: {app: big}}
    spec:
      containers: [{name: big, image: big:1}]
";
    let model = Model::from_files(vec![SourceFile::new("big.yaml", yaml)]);
    let id = ObjectId::new("Deployment", Some("demo"), "big");
    c.bench_function("simulate 500 replicas, surge 0, unavailable 1", |b| {
        b.iter(|| rollout::simulate(&model, &id, &RolloutOptions::default()));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = feastflow, one_at_a_time
}
criterion_main!(benches);
