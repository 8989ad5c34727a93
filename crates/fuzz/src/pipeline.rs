//! The whole pipeline, as the app and the CLI run it: model, graph and layout, every check, the
//! review and every export, every rollout (each workload, change, undo, a failing version, a
//! scale during the rollout, the revision history) and every lesson.

use manifesto_core::checks::{self, Context, Settings};
use manifesto_core::graph::{self, Graph, GraphOptions, LayoutOptions};
use manifesto_core::report::Review;
use manifesto_core::rollout::{self, Experiment, RevisionHistory, RolloutOptions};
use manifesto_core::{Model, Resource, SourceFile};

/// Runs everything on `files`; returns a number derived from the outputs so that nothing is
/// optimised away.
pub(crate) fn exercise(files: Vec<SourceFile>) -> usize {
    let model = Model::from_files(files);
    let mut size = 0;
    for d in &model.diagnostics {
        size += d.render(model.file(&d.location.file)).len();
    }
    let graph = Graph::build(&model, &GraphOptions::default());
    let layout = graph::layout(&graph, &LayoutOptions::default());
    size += graph::to_dot(&graph).len() + graph::to_mermaid(&graph).len();
    size += serde_json::to_string(&graph).map_or(0, |s| s.len());
    size += serde_json::to_string(&layout).map_or(0, |s| s.len());

    let settings = Settings {
        enabled: checks::ALL.iter().map(|c| c.id.to_owned()).collect(),
        ..Settings::default()
    };
    let findings = checks::run(&Context::new(&model, &settings));
    let review = Review::from_findings(&model, &settings, findings);
    size += review.to_markdown().len()
        + review.to_json().len()
        + review.to_sarif().len()
        + review.to_junit().len();

    for workload in rollout::simulatable(&model) {
        let id = &workload.id;
        for fail_new in [false, true] {
            let options = RolloutOptions {
                fail_new,
                nodes: 7,
                ..RolloutOptions::default()
            };
            if let Ok(r) = rollout::simulate(&model, id, &options) {
                size += r.passes.len() + serde_json::to_string(&r).map_or(0, |s| s.len());
            }
            if let Ok(r) = rollout::simulate_undo(&model, id, &options) {
                size += r.passes.len();
            }
            if let Ok(s) = rollout::scale_during_rollout(&model, id, &options, 2, Some(1)) {
                size += format!("{s:?}").len();
            }
        }
        if let Ok(mut history) = RevisionHistory::of(&model, id) {
            history.set_image("v9");
            size += history.table().len();
            size += usize::from(history.undo(None).is_ok());
        }
    }
    for object in &model.objects {
        if matches!(
            *object.resource,
            Resource::Pod(_) | Resource::ReplicaSet(_) | Resource::Deployment(_)
        ) {
            for experiment in [Experiment::DeletePod, Experiment::ChangeImage] {
                if let Ok(lesson) = rollout::lesson(&model, &object.id, experiment) {
                    size += lesson.steps.len();
                }
            }
        }
    }
    if let Ok(review) = rollout::feastflow_review(&model) {
        size += review.len();
    }
    size
}
