//! Helpers shared by the probe, replica, rollout, image and resource checks: which Services send
//! traffic to a workload, which HorizontalPodAutoscaler scales it, how many replicas it runs at
//! least, and how to read image references and resource quantities.

use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscalerSpec;
use k8s_openapi::api::core::v1::Container;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::model::{ContainerRef, Model, Object, Resource, map_selector_matches, selector_matches};

/// The topology key of a node: spreading over it puts pods on different machines.
pub(super) const HOSTNAME_KEY: &str = "kubernetes.io/hostname";

/// The long-running containers of an object: its regular containers, not its init containers.
pub(super) fn regular_containers(obj: &Object) -> Vec<ContainerRef<'_>> {
    obj.containers().into_iter().filter(|c| !c.init).collect()
}

/// Whether the object runs pods that are meant to keep running (serve, consume, watch), as
/// opposed to Jobs and CronJobs, whose pods run to completion.
pub(super) fn is_long_running(obj: &Object) -> bool {
    match &obj.resource {
        Resource::Pod(pod) => pod
            .spec
            .as_ref()
            .and_then(|s| s.restart_policy.as_deref())
            .is_none_or(|p| p == "Always"),
        Resource::Deployment(_)
        | Resource::ReplicaSet(_)
        | Resource::StatefulSet(_)
        | Resource::DaemonSet(_) => true,
        _ => false,
    }
}

/// The Services in the object's namespace whose selector matches its pod labels (Services
/// without a selector, and ExternalName Services, select no pods).
pub(super) fn services_selecting<'a>(model: &'a Model, obj: &Object) -> Vec<&'a Object> {
    let Some(labels) = obj.pod_labels() else {
        return Vec::new();
    };
    model
        .of_kind("Service")
        .filter(|svc| svc.namespace == obj.namespace)
        .filter(|svc| {
            let Resource::Service(s) = &svc.resource else {
                return false;
            };
            let Some(spec) = &s.spec else { return false };
            if spec.type_.as_deref() == Some("ExternalName") {
                return false;
            }
            spec.selector
                .as_ref()
                .is_some_and(|sel| !sel.is_empty() && map_selector_matches(sel, labels))
        })
        .collect()
}

/// `Service "a"` or `Services "a", "b"`.
pub(super) fn describe_services(services: &[&Object]) -> String {
    let names: Vec<String> = services.iter().map(|s| format!("\"{}\"", s.name)).collect();
    if names.len() == 1 {
        format!("Service {}", names[0])
    } else {
        format!("Services {}", names.join(", "))
    }
}

/// The HorizontalPodAutoscaler whose `scaleTargetRef` names this object (same namespace, kind
/// and name), with its spec.
pub(super) fn hpa_targeting<'a>(
    model: &'a Model,
    obj: &Object,
) -> Option<(&'a Object, &'a HorizontalPodAutoscalerSpec)> {
    model
        .of_kind("HorizontalPodAutoscaler")
        .filter(|h| h.namespace == obj.namespace)
        .find_map(|h| {
            let Resource::HorizontalPodAutoscaler(hpa) = &h.resource else {
                return None;
            };
            let spec = &hpa.spec;
            let target = &spec.scale_target_ref;
            (target.kind == obj.kind && target.name == obj.name).then_some((h, spec))
        })
}

/// The fewest replicas a Deployment or StatefulSet runs, and where that number comes from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Replicas<'a> {
    /// The number.
    pub count: i32,
    /// The HorizontalPodAutoscaler that sets it (its `minReplicas`), if one targets the workload.
    pub hpa: Option<&'a Object>,
    /// Whether `spec.replicas` is written (when no HPA sets the number).
    pub written: bool,
}

impl Replicas<'_> {
    /// `3 replicas`, `1 replica (spec.replicas is not set)`, `at least 2 replicas (HPA "web")`.
    pub fn describe(&self) -> String {
        let noun = if self.count == 1 {
            "replica"
        } else {
            "replicas"
        };
        match self.hpa {
            Some(hpa) => format!(
                "at least {} {noun} (minReplicas of HPA \"{}\")",
                self.count, hpa.name
            ),
            None if self.written => format!("{} {noun}", self.count),
            None => format!(
                "{} {noun} (spec.replicas is not set, so it defaults to 1)",
                self.count
            ),
        }
    }
}

/// The fewest replicas a Deployment or StatefulSet runs: an HPA's `minReplicas` (default 1) when
/// one targets it, else `spec.replicas` (default 1). `None` for other kinds.
pub(super) fn min_replicas<'a>(model: &'a Model, obj: &Object) -> Option<Replicas<'a>> {
    if !matches!(
        obj.resource,
        Resource::Deployment(_) | Resource::StatefulSet(_)
    ) {
        return None;
    }
    if let Some((hpa, spec)) = hpa_targeting(model, obj) {
        return Some(Replicas {
            count: spec.min_replicas.unwrap_or(1),
            hpa: Some(hpa),
            written: true,
        });
    }
    let written = obj.written_replicas();
    Some(Replicas {
        count: written.unwrap_or(1),
        hpa: None,
        written: written.is_some(),
    })
}

/// Where a replica-count finding points: `spec.replicas` when written, else the object's name.
pub(super) fn replicas_path(obj: &Object, replicas: &Replicas<'_>) -> &'static str {
    if replicas.hpa.is_none() && obj.find("spec.replicas").is_some() {
        "spec.replicas"
    } else {
        "metadata.name"
    }
}

/// The PodDisruptionBudgets in the object's namespace whose selector matches its pod labels.
/// A PDB without a selector selects nothing; an empty selector selects every pod (policy/v1).
pub(super) fn pdbs_covering<'a>(model: &'a Model, obj: &Object) -> Vec<&'a Object> {
    let Some(labels) = obj.pod_labels() else {
        return Vec::new();
    };
    model
        .of_kind("PodDisruptionBudget")
        .filter(|p| p.namespace == obj.namespace)
        .filter(|p| {
            let Resource::PodDisruptionBudget(pdb) = &p.resource else {
                return false;
            };
            pdb.spec
                .as_ref()
                .and_then(|s| s.selector.as_ref())
                .is_some_and(|sel| selector_matches(sel, labels))
        })
        .collect()
}

/// An image reference split into its parts: `registry/path:tag@digest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ImageRef<'a> {
    /// Everything before the tag and digest, e.g. `ghcr.io/acme/web`.
    pub name: &'a str,
    /// The tag, if written.
    pub tag: Option<&'a str>,
    /// The digest (`sha256:…`), if written.
    pub digest: Option<&'a str>,
}

/// Splits an image reference. The tag is what follows the last `:` after the last `/`, so a
/// registry port (`localhost:5000/web`) is not mistaken for a tag.
pub(super) fn parse_image(image: &str) -> ImageRef<'_> {
    let (rest, digest) = match image.split_once('@') {
        Some((rest, digest)) => (rest, Some(digest)),
        None => (image, None),
    };
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    match rest[last_slash..].rfind(':') {
        Some(i) => ImageRef {
            name: &rest[..last_slash + i],
            tag: Some(&rest[last_slash + i + 1..]),
            digest,
        },
        None => ImageRef {
            name: rest,
            tag: None,
            digest,
        },
    }
}

/// Which half of a container's `resources`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Requests,
    Limits,
}

/// The quantity a container writes for `resource` (`cpu`, `memory`, `ephemeral-storage`).
pub(super) fn quantity<'a>(
    container: &'a Container,
    side: Side,
    resource: &str,
) -> Option<&'a str> {
    let resources = container.resources.as_ref()?;
    let map = match side {
        Side::Requests => resources.requests.as_ref()?,
        Side::Limits => resources.limits.as_ref()?,
    };
    map.get(resource).map(|q| q.0.as_str())
}

/// A resource quantity in base units (cores, bytes): `500m` is 0.5, `1Gi` is 1073741824.
/// `None` when it is not a valid quantity.
pub(super) fn parse_quantity(text: &str) -> Option<f64> {
    let text = text.trim();
    let split = text
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .len();
    let (number, suffix) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
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
        "Ki" => 1024.0,
        "Mi" => 1024.0 * 1024.0,
        "Gi" => 1024.0 * 1024.0 * 1024.0,
        "Ti" => 1024.0_f64.powi(4),
        "Pi" => 1024.0_f64.powi(5),
        "Ei" => 1024.0_f64.powi(6),
        _ => return None,
    };
    Some(number * factor)
}

/// An `IntOrString` as written: `1` or `25%`.
pub(super) fn describe_int_or_string(value: &IntOrString) -> String {
    match value {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

/// Resolves `maxSurge` or `maxUnavailable` against `replicas` the way the Deployment controller
/// does: a percentage rounds up for surge and down for unavailable. `None` if it is not a number
/// or a percentage.
pub(super) fn resolve_int_or_percent(
    value: &IntOrString,
    replicas: i32,
    round_up: bool,
) -> Option<i32> {
    match value {
        IntOrString::Int(n) => Some(*n),
        IntOrString::String(s) => {
            let percent: i64 = s.strip_suffix('%')?.trim().parse().ok()?;
            let scaled = percent * i64::from(replicas);
            let value = if round_up {
                (scaled + 99).div_euclid(100)
            } else {
                scaled.div_euclid(100)
            };
            i32::try_from(value).ok()
        }
    }
}

/// The findings of one check's `run` over one YAML text, in the order it reports them (for the
/// checks' unit tests).
#[cfg(test)]
pub(super) fn run_on(
    run: fn(&super::Context) -> Vec<super::Finding>,
    yaml: &str,
) -> Vec<super::Finding> {
    let model = Model::from_files(vec![crate::SourceFile::new("test.yaml", yaml)]);
    run(&super::Context::new(&model, &super::Settings::default()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceFile;
    use crate::checks::{self, Context, Level, Settings};
    use crate::samples::Sample;

    #[test]
    fn image_references_split_into_name_tag_and_digest() {
        let image = |name, tag, digest| ImageRef { name, tag, digest };
        assert_eq!(parse_image("nginx"), image("nginx", None, None));
        assert_eq!(
            parse_image("nginx:1.27"),
            image("nginx", Some("1.27"), None)
        );
        assert_eq!(
            parse_image("localhost:5000/web"),
            image("localhost:5000/web", None, None)
        );
        assert_eq!(
            parse_image("localhost:5000/web:v2"),
            image("localhost:5000/web", Some("v2"), None)
        );
        assert_eq!(
            parse_image("web@sha256:abc"),
            image("web", None, Some("sha256:abc"))
        );
        assert_eq!(
            parse_image("web:1@sha256:abc"),
            image("web", Some("1"), Some("sha256:abc"))
        );
    }

    #[test]
    fn quantities_parse_to_base_units() {
        assert_eq!(parse_quantity("500m"), Some(0.5));
        assert_eq!(parse_quantity("2"), Some(2.0));
        assert_eq!(parse_quantity("1Gi"), Some(1024.0 * 1024.0 * 1024.0));
        assert_eq!(parse_quantity("1G"), Some(1e9));
        assert_eq!(parse_quantity("1e3"), Some(1000.0));
        assert_eq!(parse_quantity("2E"), Some(2e18));
        assert_eq!(parse_quantity("ten"), None);
    }

    #[test]
    fn percentages_round_up_for_surge_and_down_for_unavailable() {
        let pct = IntOrString::String("25%".into());
        assert_eq!(resolve_int_or_percent(&pct, 3, true), Some(1));
        assert_eq!(resolve_int_or_percent(&pct, 3, false), Some(0));
        assert_eq!(resolve_int_or_percent(&pct, 8, false), Some(2));
        assert_eq!(
            resolve_int_or_percent(&IntOrString::Int(2), 3, false),
            Some(2)
        );
        assert_eq!(
            resolve_int_or_percent(&IntOrString::String("lots".into()), 3, false),
            None
        );
    }

    /// The checks of this group that fire on each FeastFlow workload, with default settings.
    const GROUP: &[&str] = &[
        "readiness-probe-missing",
        "liveness-probe-missing",
        "probes-identical",
        "probe-timing-risky",
        "replicas-single",
        "hpa-min-replicas-low",
        "hpa-min-equals-max",
        "pdb-missing",
        "pdb-unhealthy-eviction-policy-unset",
        "anti-affinity-missing",
        "topology-spread-missing",
        "rollout-strategy-recreate",
        "rollout-params-risky",
        "image-tag-mutable",
        "image-digest-missing",
        "image-pull-policy",
        "priority-class-unset",
        "cronjob-deadline-unset",
        "job-ttl-unset",
        "pod-unmanaged",
        "node-affinity-missing",
        "dns-config-options-missing",
        "cpu-request-missing",
        "memory-request-missing",
        "memory-limit-missing",
        "cpu-limit-missing",
        "requests-equal-limits",
        "ephemeral-storage-unset",
    ];

    fn fired(files: Vec<SourceFile>, object: &str) -> Vec<(&'static str, Level)> {
        let model = Model::from_files(files);
        let settings = Settings::default();
        let ctx = Context::new(&model, &settings);
        let mut fired: Vec<(&'static str, Level)> = GROUP
            .iter()
            .filter_map(|id| checks::by_id(id))
            .filter(|c| settings.is_enabled(c))
            .flat_map(|c| (c.run)(&ctx))
            .filter(|f| f.object.as_str() == object)
            .map(|f| (f.check, f.severity))
            .collect();
        fired.sort();
        fired.dedup();
        fired
    }

    #[test]
    fn feastflow_backend_is_flagged_only_for_its_latest_tag_missing_pdb_and_spreading() {
        let fired = fired(
            Sample::FeastFlow.files(),
            "Deployment/feastflow/feastflow-backend",
        );
        assert_eq!(
            fired,
            [
                ("ephemeral-storage-unset", Level::Info),
                ("image-tag-mutable", Level::Error),
                ("pdb-missing", Level::Warning),
                ("topology-spread-missing", Level::Info),
            ]
        );
    }

    #[test]
    fn feastflow_frontend_also_lacks_anti_affinity() {
        let fired = fired(
            Sample::FeastFlow.files(),
            "Deployment/feastflow/feastflow-frontend",
        );
        assert_eq!(
            fired,
            [
                ("anti-affinity-missing", Level::Warning),
                ("ephemeral-storage-unset", Level::Info),
                ("image-tag-mutable", Level::Error),
                ("pdb-missing", Level::Warning),
                ("topology-spread-missing", Level::Info),
            ]
        );
    }

    #[test]
    fn feastflow_postgres_single_replica_needs_no_pdb_or_anti_affinity() {
        let fired = fired(Sample::FeastFlow.files(), "StatefulSet/feastflow/postgres");
        assert_eq!(
            fired,
            [
                ("ephemeral-storage-unset", Level::Info),
                ("image-pull-policy", Level::Info)
            ]
        );
    }

    #[test]
    fn feastflow_bare_pod_behind_the_backend_service_lacks_probes() {
        let mut files = Sample::FeastFlow.files();
        files.extend(Sample::PodsVsReplicaSets.files());
        let fired = fired(files, "Pod/feastflow/feastflow-backend-pod");
        assert_eq!(
            fired,
            [
                ("ephemeral-storage-unset", Level::Info),
                ("image-tag-mutable", Level::Error),
                ("liveness-probe-missing", Level::Info),
                ("pod-unmanaged", Level::Info),
                ("readiness-probe-missing", Level::Warning),
            ]
        );
    }

    #[test]
    fn feastflow_findings_point_at_the_offending_fields() {
        let files = Sample::FeastFlow.files();
        let line_of = |file: &str, needle: &str| {
            let text = &files
                .iter()
                .find(|f| f.name == file)
                .expect("a FeastFlow file")
                .text;
            text.lines()
                .position(|l| l.contains(needle))
                .expect("the needle")
                + 1
        };
        let model = Model::from_files(files.clone());
        let settings = Settings::default();
        let ctx = Context::new(&model, &settings);
        let find = |id: &str, object: &str| {
            let check = checks::by_id(id).expect("a registered check");
            (check.run)(&ctx)
                .into_iter()
                .find(|f| f.object.as_str() == object)
                .expect("a finding")
        };

        let tag = find(
            "image-tag-mutable",
            "Deployment/feastflow/feastflow-frontend",
        );
        assert_eq!(
            tag.message,
            "image \"feastflow-frontend:latest\" uses a mutable tag"
        );
        assert_eq!(tag.container.as_deref(), Some("frontend"));
        assert_eq!(
            (tag.location.file.as_str(), tag.location.line),
            (
                "08-frontend-deployment.yaml",
                line_of(
                    "08-frontend-deployment.yaml",
                    "image: feastflow-frontend:latest"
                )
            )
        );

        let pdb = find("pdb-missing", "Deployment/feastflow/feastflow-backend");
        assert!(
            pdb.message
                .starts_with("deployment runs 2 replicas but no PodDisruptionBudget"),
            "{}",
            pdb.message
        );
        assert_eq!(
            pdb.location.line,
            line_of("06-backend-deployment.yaml", "replicas: 2")
        );
    }
}
