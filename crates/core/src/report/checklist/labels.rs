//! `labels`: the pods carry an app label, the selector matches and every label value is valid.

use super::{Row, Verdict, no_related};
use crate::model::{Model, Object};

/// The `labels` row.
pub(super) const ROW: Row = Row {
    id: "labels",
    title: "Labels",
    checks: &["selector-template-mismatch", "label-value-invalid"],
    rule: "the pods carry an app or app.kubernetes.io/name label, the selector matches the template and every label value is valid",
    fix: "metadata:\n  labels:\n    app: web\n",
    verdict: labels,
    judged_by_checks: false,
    related: no_related,
};

fn labels(object: &Object, _model: &Model) -> Verdict {
    let Some(labels) = object.pod_labels() else {
        return Verdict::Na("runs no pods".to_owned());
    };
    let app = ["app", "app.kubernetes.io/name"]
        .iter()
        .find_map(|k| labels.get(*k).map(|v| format!("{k}={v}")));
    match app {
        Some(app) => Verdict::Pass(format!("pods labelled {app}")),
        None => Verdict::Fail(
            "the pods carry neither an app nor an app.kubernetes.io/name label".to_owned(),
            Some(object.locate(&object.pod_labels_path())),
        ),
    }
}
