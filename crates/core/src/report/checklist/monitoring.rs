//! `monitoring-annotations`: the pods are scraped by Prometheus.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use super::{Row, Verdict, no_related};
use crate::model::{Model, Object, selector_matches};

/// The `monitoring-annotations` row.
pub(super) const ROW: Row = Row {
    id: "monitoring-annotations",
    title: "Monitoring annotations",
    checks: &[],
    rule: "the pods are scraped: prometheus.io/scrape \"true\" on the pods or their Service, or a PodMonitor or ServiceMonitor selects them; not applicable to Jobs",
    fix: "template:\n  metadata:\n    annotations:\n      prometheus.io/scrape: \"true\"\n      prometheus.io/port: \"8080\"\n      prometheus.io/path: /metrics\n",
    verdict: monitoring,
    judged_by_checks: false,
    related: no_related,
};

/// A LabelSelector read from raw JSON at `spec.selector` of a Prometheus Operator object.
fn raw_selector(object: &Object) -> Option<LabelSelector> {
    serde_json::from_value(object.raw.get("spec")?.get("selector")?.clone()).ok()
}

/// Whether a PodMonitor or ServiceMonitor watches `namespace` (its own namespace by default).
fn monitor_watches(monitor: &Object, namespace: &str) -> bool {
    let ns = monitor
        .raw
        .get("spec")
        .and_then(|s| s.get("namespaceSelector"));
    match ns {
        Some(sel) if sel.get("any").and_then(serde_json::Value::as_bool) == Some(true) => true,
        Some(sel) if sel.get("matchNames").is_some() => sel["matchNames"]
            .as_array()
            .is_some_and(|names| names.iter().any(|n| n.as_str() == Some(namespace))),
        _ => monitor.ns() == namespace,
    }
}

fn monitoring(object: &Object, model: &Model) -> Verdict {
    if matches!(object.kind.as_str(), "Job" | "CronJob") {
        return Verdict::Na(format!(
            "a {} runs to completion; it is not scraped",
            object.kind
        ));
    }
    let scrape = |annotations: Option<&BTreeMap<String, String>>| {
        annotations
            .and_then(|a| a.get("prometheus.io/scrape"))
            .cloned()
    };
    let pods = scrape(object.pod_annotations());
    let annotation_path = if object.kind == "Pod" {
        "metadata.annotations[\"prometheus.io/scrape\"]".to_owned()
    } else {
        format!(
            "{}.metadata.annotations[\"prometheus.io/scrape\"]",
            object
                .pod_spec()
                .map_or("spec.template.spec", |s| s.path)
                .trim_end_matches(".spec")
        )
    };
    match pods.as_deref() {
        Some("true") => {
            let annotations = object.pod_annotations();
            let detail: Vec<String> = ["port", "path"]
                .iter()
                .filter_map(|k| {
                    annotations
                        .and_then(|a| a.get(&format!("prometheus.io/{k}")))
                        .map(|v| format!("{k} {v}"))
                })
                .collect();
            let detail = if detail.is_empty() {
                String::new()
            } else {
                format!(" ({})", detail.join(", "))
            };
            return Verdict::Pass(format!(
                "pods annotated prometheus.io/scrape: \"true\"{detail}"
            ));
        }
        Some(other) => {
            return Verdict::Fail(
                format!("prometheus.io/scrape is \"{other}\": the pods are not scraped"),
                object.find(&annotation_path),
            );
        }
        None => {}
    }
    let services = model.services_selecting(object);
    if let Some(s) = services
        .iter()
        .find(|s| scrape(Some(s.annotations())).as_deref() == Some("true"))
    {
        return Verdict::Pass(format!(
            "Service {} is annotated prometheus.io/scrape: \"true\"",
            s.name
        ));
    }
    let labels = object.pod_labels().cloned().unwrap_or_default();
    for monitor in model.of_kind("PodMonitor") {
        if monitor_watches(monitor, object.ns())
            && raw_selector(monitor).is_some_and(|sel| selector_matches(&sel, &labels))
        {
            return Verdict::Pass(format!("PodMonitor {} selects its pods", monitor.name));
        }
    }
    for monitor in model.of_kind("ServiceMonitor") {
        let Some(sel) = raw_selector(monitor) else {
            continue;
        };
        if let Some(s) = services
            .iter()
            .find(|s| monitor_watches(monitor, object.ns()) && selector_matches(&sel, s.labels()))
        {
            return Verdict::Pass(format!(
                "ServiceMonitor {} selects Service {}",
                monitor.name, s.name
            ));
        }
    }
    Verdict::Fail(
        "no prometheus.io/scrape annotation on its pods or Service, and no PodMonitor or ServiceMonitor selects it".to_owned(),
        Some(object.locate(&object.pod_labels_path())),
    )
}
