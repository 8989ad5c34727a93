//! Helpers shared by the relationship, reference and syntax checks: quantities, percentages,
//! key references to ConfigMaps and Secrets, and a test harness.

use k8s_openapi::api::core::v1::PodSpec;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscalerSpec;
use k8s_openapi::api::policy::v1::PodDisruptionBudgetSpec;

use crate::model::{ContainerRef, Model, Object, ObjectId, Resource, selector_matches};

/// `container "web"` or `init container "setup"`, for messages.
pub(super) fn describe(c: &ContainerRef) -> String {
    let kind = if c.init {
        "init container"
    } else {
        "container"
    };
    format!("{kind} \"{}\"", c.container.name)
}

/// A path for a map key that may contain dots or slashes: `metadata.labels["app.kubernetes.io/name"]`.
pub(super) fn key_path(map_path: &str, key: &str) -> String {
    format!("{map_path}[\"{key}\"]")
}

/// Whether the object is managed by a controller (`ownerReferences` with `controller: true`), as
/// the ReplicaSets and Pods of a `kubectl get -o yaml` dump are.
pub(super) fn is_controlled(obj: &Object) -> bool {
    obj.resource
        .metadata()
        .owner_references
        .iter()
        .flatten()
        .any(|r| r.controller == Some(true))
}

/// A PodDisruptionBudget's spec.
pub(super) fn pdb_spec(obj: &Object) -> Option<&PodDisruptionBudgetSpec> {
    match &obj.resource {
        Resource::PodDisruptionBudget(pdb) => pdb.spec.as_ref(),
        _ => None,
    }
}

/// The objects running pods (workloads and bare Pods not managed by a controller) in the PDB's
/// namespace whose pod labels its selector matches. A PDB without a selector selects nothing; an
/// empty selector selects every pod of the namespace.
pub(super) fn pdb_targets<'a>(model: &'a Model, pdb: &Object) -> Vec<&'a Object> {
    let Some(selector) = pdb_spec(pdb).and_then(|s| s.selector.as_ref()) else {
        return Vec::new();
    };
    model
        .pod_owners()
        .filter(|o| o.namespace == pdb.namespace && !is_controlled(o))
        .filter(|o| {
            o.pod_labels()
                .is_some_and(|labels| selector_matches(selector, labels))
        })
        .collect()
}

/// The HorizontalPodAutoscaler in the model that scales `workload`, if any.
pub(super) fn hpa_for<'a>(
    model: &'a Model,
    workload: &Object,
) -> Option<(&'a Object, &'a HorizontalPodAutoscalerSpec)> {
    model
        .of_kind("HorizontalPodAutoscaler")
        .find_map(|o| match &o.resource {
            Resource::HorizontalPodAutoscaler(hpa)
                if o.namespace == workload.namespace
                    && ObjectId::new(
                        &hpa.spec.scale_target_ref.kind,
                        o.namespace.as_deref(),
                        &hpa.spec.scale_target_ref.name,
                    ) == workload.id =>
            {
                Some((o, &hpa.spec))
            }
            _ => None,
        })
}

/// The number of pods a percentage or count stands for out of `total`, rounded up as the
/// disruption controller does. `None` for a malformed percentage.
pub(super) fn scaled(value: &IntOrString, total: i32) -> Option<i32> {
    match value {
        IntOrString::Int(n) => Some(*n),
        IntOrString::String(s) => {
            let pct: i64 = s.strip_suffix('%')?.parse().ok()?;
            let total = i64::from(total);
            i32::try_from((pct * total + 99) / 100).ok()
        }
    }
}

/// `2` or `"50%"`, for messages.
pub(super) fn show_int_or_string(value: &IntOrString) -> String {
    match value {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => format!("\"{s}\""),
    }
}

/// A quantity split into its number and suffix, e.g. `("128", "Mi")`. `None` when it is not a
/// Kubernetes quantity.
pub(super) fn split_quantity(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_digit() || *c == '.' || ((*c == '+' || *c == '-') && *i == 0)))
        .map_or(text.len(), |(i, _)| i);
    let (number, suffix) = text.split_at(end);
    let digits = number.trim_start_matches(['+', '-']);
    if digits.is_empty() || digits == "." || digits.matches('.').count() > 1 {
        return None;
    }
    Some((number, suffix))
}

/// The value of a Kubernetes quantity in base units (cores for cpu, bytes for memory):
/// `500m` is 0.5, `1Gi` is 1073741824, `1e3` is 1000. `None` when it is not a quantity.
pub(super) fn parse_quantity(text: &str) -> Option<f64> {
    let (number, suffix) = split_quantity(text)?;
    let n: f64 = number.parse().ok()?;
    let factor = match suffix {
        "" => 1.0,
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024f64,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        exp if exp.starts_with(['e', 'E']) => 10f64.powi(exp[1..].parse().ok()?),
        _ => return None,
    };
    Some(n * factor)
}

/// Whether a referenced ConfigMap or Secret key comes from an env var or a volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct KeyRef {
    /// The referenced object's name.
    pub name: String,
    /// The key.
    pub key: String,
    /// `optional: true` was written.
    pub optional: bool,
    /// The path of the `key` field.
    pub path: String,
    /// The container that reads it through an env var (`None` for a volume).
    pub container: Option<String>,
}

/// Which kind of object a key reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RefKind {
    /// `configMapKeyRef`, `configMap` volumes and projections.
    ConfigMap,
    /// `secretKeyRef`, `secret` volumes and projections.
    Secret,
}

/// Every key a pod spec reads from a ConfigMap or a Secret: env `valueFrom` key refs, and the
/// `items` of `configMap`/`secret` volumes and of projected volumes.
pub(super) fn key_refs(obj: &Object, kind: RefKind) -> Vec<KeyRef> {
    let mut refs = Vec::new();
    let Some(pod) = obj.pod_spec() else {
        return refs;
    };
    for c in obj.containers() {
        for (i, env) in c.container.env.iter().flatten().enumerate() {
            let Some(from) = &env.value_from else {
                continue;
            };
            let (field, name, key, optional) = match kind {
                RefKind::ConfigMap => match &from.config_map_key_ref {
                    Some(r) => ("configMapKeyRef", &r.name, &r.key, r.optional),
                    None => continue,
                },
                RefKind::Secret => match &from.secret_key_ref {
                    Some(r) => ("secretKeyRef", &r.name, &r.key, r.optional),
                    None => continue,
                },
            };
            refs.push(KeyRef {
                name: name.clone(),
                key: key.clone(),
                optional: optional == Some(true),
                path: format!("{}.env[{i}].valueFrom.{field}.key", c.path),
                container: Some(c.container.name.clone()),
            });
        }
    }
    volume_key_refs(pod.spec, pod.path, kind, &mut refs);
    refs
}

fn volume_key_refs(spec: &PodSpec, path: &str, kind: RefKind, refs: &mut Vec<KeyRef>) {
    let mut push = |name: &str,
                    items: Option<&Vec<k8s_openapi::api::core::v1::KeyToPath>>,
                    optional,
                    at: String| {
        for (k, item) in items.into_iter().flatten().enumerate() {
            refs.push(KeyRef {
                name: name.to_owned(),
                key: item.key.clone(),
                optional: optional == Some(true),
                path: format!("{at}.items[{k}].key"),
                container: None,
            });
        }
    };
    for (i, volume) in spec.volumes.iter().flatten().enumerate() {
        let at = format!("{path}.volumes[{i}]");
        match kind {
            RefKind::ConfigMap => {
                if let Some(cm) = &volume.config_map {
                    push(
                        &cm.name,
                        cm.items.as_ref(),
                        cm.optional,
                        format!("{at}.configMap"),
                    );
                }
            }
            RefKind::Secret => {
                if let Some(s) = &volume.secret {
                    let name = s.secret_name.as_deref().unwrap_or_default();
                    push(name, s.items.as_ref(), s.optional, format!("{at}.secret"));
                }
            }
        }
        for (j, source) in volume
            .projected
            .iter()
            .flat_map(|p| p.sources.iter().flatten())
            .enumerate()
        {
            let at = format!("{at}.projected.sources[{j}]");
            match kind {
                RefKind::ConfigMap => {
                    if let Some(cm) = &source.config_map {
                        push(
                            &cm.name,
                            cm.items.as_ref(),
                            cm.optional,
                            format!("{at}.configMap"),
                        );
                    }
                }
                RefKind::Secret => {
                    if let Some(s) = &source.secret {
                        push(
                            &s.name,
                            s.items.as_ref(),
                            s.optional,
                            format!("{at}.secret"),
                        );
                    }
                }
            }
        }
    }
}

/// A short "did you mean" suffix: `; did you mean "DB_HOST"?` or nothing.
pub(super) fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    crate::text::closest(wanted, candidates)
        .map(|c| format!("; did you mean \"{c}\"?"))
        .unwrap_or_default()
}

#[cfg(test)]
pub(super) mod testing {
    use super::super::{Check, Context, Settings};
    use crate::{Model, SourceFile};

    /// The findings of `check` on `yaml`, as `"<line> <severity> <message>"`.
    pub fn findings(check: &Check, yaml: &str) -> Vec<String> {
        findings_with(check, yaml, &Settings::default())
    }

    /// Like [`findings`], under `settings`.
    pub fn findings_with(check: &Check, yaml: &str, settings: &Settings) -> Vec<String> {
        let model = Model::from_files(vec![SourceFile::new("test.yaml", yaml)]);
        (check.run)(&Context::new(&model, settings))
            .iter()
            .map(|f| format!("{} {} {}", f.location.line, f.severity.as_str(), f.message))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_in_base_units() {
        assert_eq!(parse_quantity("500m"), Some(0.5));
        assert_eq!(parse_quantity("1Gi"), Some(1073741824.0));
        assert_eq!(parse_quantity("1G"), Some(1e9));
        assert_eq!(parse_quantity("1.5"), Some(1.5));
        assert_eq!(parse_quantity("1e3"), Some(1000.0));
        assert_eq!(parse_quantity("12x"), None);
        assert_eq!(parse_quantity(""), None);
        assert_eq!(split_quantity("128Mi"), Some(("128", "Mi")));
    }

    #[test]
    fn percentages_round_up() {
        assert_eq!(scaled(&IntOrString::String("50%".into()), 3), Some(2));
        assert_eq!(scaled(&IntOrString::String("10%".into()), 1), Some(1));
        assert_eq!(scaled(&IntOrString::String("0%".into()), 5), Some(0));
        assert_eq!(scaled(&IntOrString::String("half".into()), 5), None);
    }
}
