//! Suppression by annotation: Manifesto's own style and the styles of four other linters, so
//! pasted real-world YAML stays quiet where its authors already silenced a check.
//!
//! Every style is read from the object's own annotations and from its pod template's annotations
//! (a Pod's template is the Pod itself). Other linters' ids are mapped to ours through each check's
//! [`aliases`](super::Check::aliases) (`tool:id`):
//!
//! | annotation | silences |
//! |---|---|
//! | `manifesto.io/ignore: "<id>,<id>"` (optional `manifesto.io/ignore-reason`) | the listed checks; `all` silences every check |
//! | `kube-score/ignore: "<id>,<id>"` | checks with a `kube-score:<id>` alias (`container-resources` also covers kube-score's ephemeral-storage checks, as kube-score does) |
//! | `ignore-check.kube-linter.io/<id>: "<reason>"` | checks with a `kube-linter:<id>` alias |
//! | `kube-linter.io/ignore-all` | every check with a `kube-linter:` alias |
//! | `polaris.fairwinds.com/exempt: "true"` | every check with a `polaris:` alias |
//! | `polaris.fairwinds.com/<id>-exempt: "true"` | checks with a `polaris:<id>` alias |
//! | `checkov.io/skip<N>: "<id>=<reason>"` (also `bridgecrew.io/skip<N>`, `cortex.io/skip<N>`) | checks with a `checkov:<id>` alias |
//!
//! The "ignore everything" annotations of the other linters only silence the checks those linters
//! also have: their authors said nothing about the rest.

use std::collections::BTreeMap;

use super::Finding;
use crate::model::Model;

/// Why `finding` is suppressed, if an annotation on its object (or its pod template) silences it.
/// The reason names the annotation, where it is written and the reason its authors gave.
pub(crate) fn reason(model: &Model, finding: &Finding) -> Option<String> {
    let object = model.get(&finding.object)?;
    let aliases = super::by_id(finding.check)
        .map(|c| c.aliases)
        .unwrap_or_default();
    let own = Some((object.annotations(), ""));
    let template = match object.pod_template() {
        Some(_) => object
            .pod_annotations()
            .map(|a| (a, " on the pod template")),
        None => None,
    };
    for (annotations, place) in [own, template].into_iter().flatten() {
        if let Some(why) = silenced_by(annotations, finding.check, aliases) {
            return Some(format!("{why}{place}"));
        }
    }
    None
}

/// The annotation in `annotations` that silences check `id` (with other linters' `aliases`), in
/// words, or `None`.
pub(crate) fn silenced_by(
    annotations: &BTreeMap<String, String>,
    id: &str,
    aliases: &[&str],
) -> Option<String> {
    let alias_of = |tool: &str, other: &str| {
        aliases
            .iter()
            .any(|a| a.strip_prefix(tool).and_then(|r| r.strip_prefix(':')) == Some(other))
    };
    let has_tool = |tool: &str| aliases.iter().any(|a| a.split(':').next() == Some(tool));
    let list = |value: &str| {
        value
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };

    if let Some(ids) = annotations.get("manifesto.io/ignore")
        && list(ids)
            .iter()
            .any(|i| i == id || i == "all" || alias_of("manifesto", i))
    {
        let why = annotations
            .get("manifesto.io/ignore-reason")
            .map(|r| r.trim())
            .filter(|r| !r.is_empty());
        return Some(match why {
            Some(why) => format!("manifesto.io/ignore: {why}"),
            None => "manifesto.io/ignore (no reason given)".to_owned(),
        });
    }
    if let Some(ids) = annotations.get("kube-score/ignore") {
        for other in list(ids) {
            let covers_storage = other == "container-resources"
                && aliases
                    .iter()
                    .any(|a| a.starts_with("kube-score:container-ephemeral-storage"));
            if alias_of("kube-score", &other) || covers_storage {
                return Some(format!("kube-score/ignore: {other}"));
            }
        }
    }
    for (key, value) in annotations {
        if let Some(other) = key.strip_prefix("ignore-check.kube-linter.io/")
            && alias_of("kube-linter", other)
        {
            return Some(with_reason(
                &format!("ignore-check.kube-linter.io/{other}"),
                value,
            ));
        }
    }
    if let Some(value) = annotations.get("kube-linter.io/ignore-all")
        && has_tool("kube-linter")
    {
        return Some(with_reason("kube-linter.io/ignore-all", value));
    }
    let is_true = |v: &String| v.trim().eq_ignore_ascii_case("true");
    if annotations
        .get("polaris.fairwinds.com/exempt")
        .is_some_and(is_true)
        && has_tool("polaris")
    {
        return Some("polaris.fairwinds.com/exempt".to_owned());
    }
    for (key, value) in annotations {
        let Some(other) = key
            .strip_prefix("polaris.fairwinds.com/")
            .and_then(|k| k.strip_suffix("-exempt"))
        else {
            continue;
        };
        if is_true(value) && alias_of("polaris", other) {
            return Some(format!("polaris.fairwinds.com/{other}-exempt"));
        }
    }
    for (key, value) in annotations {
        let is_skip = ["checkov.io/skip", "bridgecrew.io/skip", "cortex.io/skip"]
            .iter()
            .any(|p| {
                key.strip_prefix(p)
                    .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
            });
        if !is_skip {
            continue;
        }
        let (other, why) = match value.split_once('=') {
            Some((other, why)) => (other.trim(), why.trim()),
            None => (value.trim(), ""),
        };
        if alias_of("checkov", other) {
            return Some(with_reason(&format!("{key}: {other}"), why));
        }
    }
    None
}

/// `annotation: "reason"`, or the annotation with "(no reason given)".
fn with_reason(annotation: &str, reason: &str) -> String {
    let reason = reason.trim();
    if reason.is_empty() {
        format!("{annotation} (no reason given)")
    } else {
        format!("{annotation}: {reason}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{Check, Finding};
    use crate::model::Model;
    use crate::source::SourceFile;

    /// A finding of the check `id` on the first object of `yaml`, and why it is suppressed.
    #[track_caller]
    fn check(yaml: &str, id: &str, expected: Option<&str>) {
        let model = Model::from_files(vec![SourceFile::new("t.yaml", yaml)]);
        assert!(model.diagnostics.is_empty(), "{:?}", model.diagnostics);
        let check: &Check = crate::checks::by_id(id).expect("a registered check");
        let finding = Finding::new(check, &model.objects[0], "metadata.name", "test");
        assert_eq!(reason(&model, &finding).as_deref(), expected);
    }

    fn deployment(object_annotations: &str, template_annotations: &str) -> String {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations:\n    note: keep\n{object_annotations}\
             spec:\n  selector:\n    matchLabels: {{app: web}}\n  template:\n    metadata:\n      labels: {{app: web}}\n      annotations:\n        note: keep\n{template_annotations}\
             \x20   spec:\n      containers:\n        - name: web\n          image: nginx\n"
        )
    }

    #[test]
    fn manifesto_ignore_with_and_without_a_reason() {
        let with = deployment(
            "    manifesto.io/ignore: \"image-tag-mutable, cpu-limit-missing\"\n    manifesto.io/ignore-reason: pinned by the CD pipeline\n",
            "",
        );
        check(
            &with,
            "image-tag-mutable",
            Some("manifesto.io/ignore: pinned by the CD pipeline"),
        );
        check(
            &with,
            "cpu-limit-missing",
            Some("manifesto.io/ignore: pinned by the CD pipeline"),
        );
        check(&with, "cpu-request-missing", None);
        let without = deployment("    manifesto.io/ignore: all\n", "");
        check(
            &without,
            "host-network",
            Some("manifesto.io/ignore (no reason given)"),
        );
    }

    #[test]
    fn kube_score_ignore_maps_through_aliases_on_the_object_and_the_template() {
        let on_object = deployment(
            "    kube-score/ignore: pod-networkpolicy,container-image-tag\n",
            "",
        );
        check(
            &on_object,
            "image-tag-mutable",
            Some("kube-score/ignore: container-image-tag"),
        );
        check(
            &on_object,
            "pod-not-isolated",
            Some("kube-score/ignore: pod-networkpolicy"),
        );
        check(&on_object, "readiness-probe-missing", None);
        let on_template = deployment("", "        kube-score/ignore: container-resources\n");
        check(
            &on_template,
            "cpu-request-missing",
            Some("kube-score/ignore: container-resources on the pod template"),
        );
        check(
            &on_template,
            "ephemeral-storage-unset",
            Some("kube-score/ignore: container-resources on the pod template"),
        );
        check(&on_template, "image-tag-mutable", None);
    }

    #[test]
    fn kube_linter_per_check_and_ignore_all() {
        let one = deployment(
            "    ignore-check.kube-linter.io/latest-tag: \"tags are pinned by digest at deploy\"\n",
            "",
        );
        check(
            &one,
            "image-tag-mutable",
            Some("ignore-check.kube-linter.io/latest-tag: tags are pinned by digest at deploy"),
        );
        check(&one, "run-as-root", None);
        let empty_reason = deployment(
            "",
            "        ignore-check.kube-linter.io/run-as-non-root: \"\"\n",
        );
        check(
            &empty_reason,
            "run-as-root",
            Some(
                "ignore-check.kube-linter.io/run-as-non-root (no reason given) on the pod template",
            ),
        );
        let all = deployment("    kube-linter.io/ignore-all: \"helm test pod\"\n", "");
        check(
            &all,
            "image-tag-mutable",
            Some("kube-linter.io/ignore-all: helm test pod"),
        );
        // kube-linter has no check for an unset ephemeral-storage request, so its ignore-all says nothing about ours.
        check(&all, "ephemeral-storage-unset", None);
    }

    #[test]
    fn polaris_exempt_all_and_per_check() {
        let all = deployment("    polaris.fairwinds.com/exempt: \"true\"\n", "");
        check(
            &all,
            "image-tag-mutable",
            Some("polaris.fairwinds.com/exempt"),
        );
        check(&all, "anti-affinity-missing", None);
        let one = deployment(
            "",
            "        polaris.fairwinds.com/tagNotSpecified-exempt: \"true\"\n",
        );
        check(
            &one,
            "image-tag-mutable",
            Some("polaris.fairwinds.com/tagNotSpecified-exempt on the pod template"),
        );
        let not_true = deployment(
            "    polaris.fairwinds.com/tagNotSpecified-exempt: \"false\"\n",
            "",
        );
        check(&not_true, "image-tag-mutable", None);
    }

    #[test]
    fn checkov_and_bridgecrew_skips_with_reasons() {
        let skip = deployment(
            "    checkov.io/skip1: CKV_K8S_20=escalation needed by the init script\n    checkov.io/skip2: CKV_K8S_14\n",
            "",
        );
        check(
            &skip,
            "privilege-escalation-allowed",
            Some("checkov.io/skip1: CKV_K8S_20: escalation needed by the init script"),
        );
        check(
            &skip,
            "image-tag-mutable",
            Some("checkov.io/skip2: CKV_K8S_14 (no reason given)"),
        );
        check(&skip, "run-as-root", None);
        let bridgecrew = deployment(
            "",
            "        bridgecrew.io/skip3: CKV_K8S_23=runs as root by design\n",
        );
        check(
            &bridgecrew,
            "run-as-root",
            Some("bridgecrew.io/skip3: CKV_K8S_23: runs as root by design on the pod template"),
        );
        let not_a_skip = deployment("    checkov.io/skipper: CKV_K8S_23\n", "");
        check(&not_a_skip, "run-as-root", None);
    }

    #[test]
    fn a_service_reads_only_its_own_annotations() {
        let yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    kube-score/ignore: service-type\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80}]\n";
        check(
            yaml,
            "service-exposure-type",
            Some("kube-score/ignore: service-type"),
        );
        check(yaml, "service-selects-no-pods", None);
    }
}
