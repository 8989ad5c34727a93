//! The best-practice checklist: fifteen practices (rows) by workload (columns), each cell pass,
//! fail, not applicable or skipped, with the findings behind it and a one-line reason.
//!
//! Each row aggregates catalog checks (a cell fails when one of the row's checks has an
//! unsuppressed finding on the workload, whatever its severity, because the row asks whether the
//! practice is followed at all). Where no catalog check covers a practice exactly, the row reads the
//! model itself; each [`Row::rule`] says how, and the rules are repeated here:
//!
//! - `resources`: cpu-request-missing, memory-request-missing, memory-limit-missing, cpu-limit-missing.
//! - `liveness-probe`, `readiness-probe`: liveness-probe-missing, readiness-probe-missing; not
//!   applicable to Jobs and CronJobs, which run to completion.
//! - `named-ports`: every container port has a name, and named-ports-preferred finds no probe of the
//!   workload using a number. Numeric Service `targetPort`s and Ingress ports are that check's
//!   findings on the Service or Ingress, not on the workload. Not applicable without container ports.
//! - `labels`: the pods carry an `app` or `app.kubernetes.io/name` label, and
//!   selector-template-mismatch and label-value-invalid find nothing.
//! - `namespace`: default-namespace finds nothing.
//! - `configmap-config`: the containers read a ConfigMap (envFrom, configMapKeyRef, a configMap or
//!   projected volume) and configmap-ref-missing and configmap-key-missing find nothing; fails
//!   when environment variables are written inline and no ConfigMap is read; not applicable when
//!   the workload takes no configuration at all.
//! - `secrets-sensitive-data`: applies when the workload reads a Secret or has secret-like variables
//!   (names with PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, CREDENTIAL, ACCESS_KEY). Fails when
//!   such a variable is written inline or read from a ConfigMap, or when hardcoded-secret-env finds
//!   one, or sensitive-configmap-data flags a ConfigMap the workload reads. Not applicable otherwise.
//! - `rolling-update`: Deployments pass with RollingUpdate and fail with Recreate (plus
//!   rollout-strategy-recreate); DaemonSets fail with OnDelete; StatefulSets are not applicable
//!   (their ordered update replaces one pod at a time) unless they use OnDelete, which fails; bare
//!   Pods and ReplicaSets fail (they cannot roll out a new template); Jobs and CronJobs are not applicable.
//! - `max-unavailable-zero`: a Deployment's `maxUnavailable` resolved as the controller does (25% by
//!   default, percentages rounded down against `replicas`, 1 when surge and unavailable both resolve
//!   to 0) must be 0; Recreate fails. A DaemonSet must write `maxUnavailable: 0`. Not applicable to
//!   StatefulSets (at least one pod is always down during their update) and to kinds without rolling updates.
//! - `persistent-volumes`: applies to StatefulSets, to workloads that mount a PersistentVolumeClaim,
//!   and to workloads running a well-known datastore image (postgres, mysql, mongo, …). Passes when a
//!   claim (a volume or a volumeClaimTemplate) holds the data and pvc-ref-missing finds nothing.
//! - `anti-affinity`: applies to Deployments, StatefulSets and ReplicaSets with 2 or more written
//!   replicas (or wherever anti-affinity-missing reports, e.g. an HPA's minimum); fails on an
//!   anti-affinity-missing finding, and also when neither podAntiAffinity nor
//!   topologySpreadConstraints is written (the check itself looks at Deployments and StatefulSets only).
//! - `ingress-routing`: passes when an Ingress in the namespace routes to a Service that selects the
//!   pods; fails when no Ingress does but a NodePort or LoadBalancer Service exposes them directly;
//!   not applicable to internal workloads (no Ingress route, no externally exposed Service).
//! - `service-discovery`: fails when the workload's configuration (literal env values, command and
//!   args, the ConfigMap values it reads) hard-codes an IPv4 address (loopback, 0.0.0.0 and CIDR
//!   ranges aside), or when statefulset-service-missing finds its governing Service absent; passes
//!   when a Service gives the pods a DNS name or the configuration names Services; not applicable otherwise.
//! - `monitoring-annotations`: passes when the pods carry `prometheus.io/scrape: "true"`, a Service
//!   selecting them does, or a PodMonitor or ServiceMonitor selects them; not applicable to Jobs and CronJobs.
//!
//! A cell is skipped when every check its row depends on is disabled in the settings, or when an
//! annotation silenced the row's only findings (the reason quotes the annotation).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use k8s_openapi::api::core::v1::Container;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde::Serialize;

use crate::checks::{self, Finding, Settings};
use crate::model::{
    Model, Object, ObjectId, Resource, describe_int_or_string, resolve_int_or_percent,
    selector_matches,
};
use crate::source::Location;

/// One practice of the checklist.
#[derive(Debug, Serialize)]
pub struct Row {
    /// Stable id, e.g. `max-unavailable-zero`.
    pub id: &'static str,
    /// The practice in words, as the table shows it.
    pub title: &'static str,
    /// The catalog checks whose findings decide it (possibly none).
    pub checks: &'static [&'static str],
    /// How a cell is decided.
    pub rule: &'static str,
    /// The YAML that follows the practice, for improvement suggestions.
    pub fix: &'static str,
}

/// The fifteen rows, in the review's order.
pub static ROWS: &[Row] = &[
    Row {
        id: "resources",
        title: "Resource requests/limits",
        checks: &[
            "cpu-request-missing",
            "memory-request-missing",
            "memory-limit-missing",
            "cpu-limit-missing",
        ],
        rule: "every container sets cpu and memory requests and limits (the four resource checks find nothing)",
        fix: "resources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n  limits:\n    cpu: 500m\n    memory: 256Mi\n",
    },
    Row {
        id: "liveness-probe",
        title: "Liveness probes",
        checks: &["liveness-probe-missing"],
        rule: "liveness-probe-missing finds nothing; not applicable to Jobs and CronJobs",
        fix: "livenessProbe:\n  httpGet:\n    path: /healthz\n    port: http\n  periodSeconds: 15\n",
    },
    Row {
        id: "readiness-probe",
        title: "Readiness probes",
        checks: &["readiness-probe-missing"],
        rule: "readiness-probe-missing finds nothing; not applicable to Jobs and CronJobs",
        fix: "readinessProbe:\n  httpGet:\n    path: /ready\n    port: http\n  periodSeconds: 10\n",
    },
    Row {
        id: "named-ports",
        title: "Named ports",
        checks: &["named-ports-preferred"],
        rule: "every container port has a name and no probe of the workload uses a port number; not applicable without container ports",
        fix: "ports:\n  - name: http\n    containerPort: 8080\n",
    },
    Row {
        id: "labels",
        title: "Labels",
        checks: &["selector-template-mismatch", "label-value-invalid"],
        rule: "the pods carry an app or app.kubernetes.io/name label, the selector matches the template and every label value is valid",
        fix: "metadata:\n  labels:\n    app: web\n",
    },
    Row {
        id: "namespace",
        title: "Namespaces",
        checks: &["default-namespace"],
        rule: "the workload names a namespace other than default",
        fix: "metadata:\n  namespace: shop\n",
    },
    Row {
        id: "configmap-config",
        title: "ConfigMap for config",
        checks: &["configmap-ref-missing", "configmap-key-missing"],
        rule: "configuration comes from a ConfigMap that exists, not from inline env values; not applicable without configuration",
        fix: "envFrom:\n  - configMapRef:\n      name: app-config\n",
    },
    Row {
        id: "secrets-sensitive-data",
        title: "Secrets for sensitive data",
        checks: &["hardcoded-secret-env", "sensitive-configmap-data"],
        rule: "secret-like values come from Secrets, never inline or from a ConfigMap; not applicable when the workload handles no sensitive data",
        fix: "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: app-secrets\n        key: DB_PASSWORD\n",
    },
    Row {
        id: "rolling-update",
        title: "Rolling update strategy",
        checks: &["rollout-strategy-recreate"],
        rule: "Deployments and DaemonSets roll out gradually; bare Pods and ReplicaSets cannot; not applicable to StatefulSets (ordered updates) and Jobs",
        fix: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0\n  selector:\n    matchLabels:\n      app: web\n  template: # the Pod's (or the ReplicaSet template's) metadata and spec\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: web:1.0.0\n",
    },
    Row {
        id: "max-unavailable-zero",
        title: "maxUnavailable = 0",
        checks: &[],
        rule: "maxUnavailable resolves to 0 as the controller computes it; not applicable to StatefulSets and kinds without rolling updates",
        fix: "strategy:\n  type: RollingUpdate\n  rollingUpdate:\n    maxSurge: 1\n    maxUnavailable: 0\n",
    },
    Row {
        id: "persistent-volumes",
        title: "Persistent volumes",
        checks: &["pvc-ref-missing"],
        rule: "stateful workloads (StatefulSets, claim mounts, datastore images) keep their data on a PersistentVolumeClaim that exists; not applicable to stateless ones",
        fix: "volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 5Gi\n",
    },
    Row {
        id: "anti-affinity",
        title: "Anti-affinity rules",
        checks: &["anti-affinity-missing"],
        rule: "podAntiAffinity or topologySpreadConstraints spread the pods and anti-affinity-missing finds nothing; applies to Deployments, StatefulSets and ReplicaSets with 2 or more replicas",
        fix: "affinity:\n  podAntiAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 100\n        podAffinityTerm:\n          labelSelector:\n            matchLabels:\n              app: web\n          topologyKey: kubernetes.io/hostname\n",
    },
    Row {
        id: "ingress-routing",
        title: "Ingress for routing",
        checks: &[],
        rule: "an Ingress routes to a Service selecting the pods; fails when a NodePort or LoadBalancer Service exposes them instead; not applicable to internal workloads",
        fix: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  name: http\n",
    },
    Row {
        id: "service-discovery",
        title: "Service discovery (DNS)",
        checks: &[
            "statefulset-service-missing",
            "statefulset-service-not-headless",
        ],
        rule: "no IP address is hard-coded in the configuration and the pods are reached through a Service name; not applicable when neither",
        fix: "env:\n  - name: API_URL\n    value: http://api:8080\n",
    },
    Row {
        id: "monitoring-annotations",
        title: "Monitoring annotations",
        checks: &[],
        rule: "the pods are scraped: prometheus.io/scrape \"true\" on the pods or their Service, or a PodMonitor or ServiceMonitor selects them; not applicable to Jobs",
        fix: "template:\n  metadata:\n    annotations:\n      prometheus.io/scrape: \"true\"\n      prometheus.io/port: \"8080\"\n      prometheus.io/path: /metrics\n",
    },
];

/// The row with this id.
pub fn row(id: &str) -> Option<&'static Row> {
    ROWS.iter().find(|r| r.id == id)
}

/// The result of one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The practice is followed.
    Pass,
    /// The practice is not followed.
    Fail,
    /// The practice does not apply to this workload.
    Na,
    /// Not decided: its checks are disabled, or an annotation silenced them.
    Skipped,
}

impl Outcome {
    /// `pass`, `fail`, `na` or `skipped`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Na => "na",
            Outcome::Skipped => "skipped",
        }
    }

    /// ✅, ❌, N/A or skipped, as the Markdown table shows it.
    pub fn symbol(self) -> &'static str {
        match self {
            Outcome::Pass => "✅",
            Outcome::Fail => "❌",
            Outcome::Na => "N/A",
            Outcome::Skipped => "skipped",
        }
    }
}

/// One cell: a practice for one workload.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// The row id.
    pub row: &'static str,
    /// The workload.
    pub object: ObjectId,
    /// Pass, fail, N/A or skipped.
    pub result: Outcome,
    /// Why, in one line.
    pub reason: String,
    /// The checks consulted (enabled ones).
    pub checks: Vec<&'static str>,
    /// Indexes (into the review's findings) of the findings behind the result.
    pub findings: Vec<usize>,
    /// The field the result is about, when the row read the model itself.
    pub at: Option<Location>,
}

/// The checklist: rows, workload columns and their cells.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checklist {
    /// The rows' ids, in order.
    pub rows: Vec<&'static str>,
    /// The workloads (objects with a pod spec), in model order.
    pub columns: Vec<ObjectId>,
    /// Row-major: every row's cells in column order.
    pub cells: Vec<Cell>,
}

impl Checklist {
    /// Builds the checklist from the model and the findings of every enabled check.
    pub fn build(model: &Model, settings: &Settings, findings: &[Finding]) -> Checklist {
        let mut seen = BTreeSet::new();
        let columns: Vec<&Object> = model
            .pod_owners()
            .filter(|o| seen.insert(o.id.clone()))
            .map(|o| model.get(&o.id).unwrap_or(o))
            .collect();
        // The findings of each object, indexed once: a cell reads only its object's findings.
        let mut by_object: HashMap<&ObjectId, Vec<usize>> = HashMap::new();
        for (i, f) in findings.iter().enumerate() {
            by_object.entry(&f.object).or_default().push(i);
        }
        let mut cells = Vec::new();
        for row in ROWS {
            let checks = RowChecks::new(row, settings);
            for object in &columns {
                cells.push(cell(row, &checks, object, model, findings, &by_object));
            }
        }
        Checklist {
            rows: ROWS.iter().map(|r| r.id).collect(),
            columns: columns.iter().map(|o| o.id.clone()).collect(),
            cells,
        }
    }

    /// The cell of `row` for the object with id `object` (`Kind/namespace/name`).
    pub fn cell(&self, row: &str, object: &str) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| c.row == row && c.object.as_str() == object)
    }

    /// The cells of one row, in column order.
    pub fn row_cells<'a>(&'a self, row: &'a str) -> impl Iterator<Item = &'a Cell> + 'a {
        self.cells.iter().filter(move |c| c.row == row)
    }
}

/// What the model alone says about a cell.
enum Verdict {
    /// The practice is followed, as far as the model shows.
    Pass(String),
    /// It is not.
    Fail(String, Option<Location>),
    /// It does not apply.
    Na(String),
}

/// A row's checks split by the settings: the enabled ones and the others.
struct RowChecks {
    enabled: Vec<&'static str>,
    disabled: Vec<&'static str>,
}

impl RowChecks {
    fn new(row: &'static Row, settings: &Settings) -> Self {
        let enabled: Vec<&'static str> = row
            .checks
            .iter()
            .copied()
            .filter(|id| checks::by_id(id).is_some_and(|c| settings.is_enabled(c)))
            .collect();
        let disabled: Vec<&'static str> = row
            .checks
            .iter()
            .copied()
            .filter(|id| !enabled.contains(id))
            .collect();
        RowChecks { enabled, disabled }
    }
}

fn cell(
    row: &'static Row,
    checks: &RowChecks,
    object: &Object,
    model: &Model,
    findings: &[Finding],
    by_object: &HashMap<&ObjectId, Vec<usize>>,
) -> Cell {
    let RowChecks { enabled, disabled } = checks;
    let related = related_objects(row.id, object, model);
    // The findings on the object and its related objects, in the review's order.
    let mut indexes: Vec<usize> = std::iter::once(&object.id)
        .chain(related.iter())
        .filter_map(|id| by_object.get(id))
        .flatten()
        .copied()
        .collect();
    indexes.sort_unstable();
    indexes.dedup();
    let behind: Vec<(usize, &Finding)> = indexes
        .into_iter()
        .filter_map(|i| Some((i, findings.get(i)?)))
        .filter(|(_, f)| enabled.contains(&f.check))
        .collect();
    let open: Vec<(usize, &Finding)> = behind
        .iter()
        .copied()
        .filter(|(_, f)| !f.is_suppressed())
        .collect();
    let silenced: Vec<(usize, &Finding)> = behind
        .iter()
        .copied()
        .filter(|(_, f)| f.is_suppressed())
        .collect();
    let verdict = verdict(row.id, object, model);
    let mut cell = Cell {
        row: row.id,
        object: object.id.clone(),
        result: Outcome::Pass,
        reason: String::new(),
        checks: enabled.clone(),
        findings: Vec::new(),
        at: None,
    };
    if let Some((_, first)) = open.first() {
        cell.result = Outcome::Fail;
        let mut reason = match &verdict {
            Verdict::Fail(why, _) => format!("{why}; {}: {}", first.check, first.message),
            _ => format!("{}: {}", first.check, first.message),
        };
        if open.len() > 1 {
            reason.push_str(&format!(" (and {} more)", open.len() - 1));
        }
        cell.reason = reason;
        cell.findings = open.iter().map(|(i, _)| *i).collect();
        cell.at = Some(first.location.clone());
        return cell;
    }
    if let Verdict::Na(why) = verdict {
        cell.result = Outcome::Na;
        cell.reason = why;
        return cell;
    }
    if let Some((_, first)) = silenced.first() {
        cell.result = Outcome::Skipped;
        cell.reason = format!(
            "{} silenced by {}",
            first.check,
            first.suppressed.as_deref().unwrap_or("an annotation")
        );
        cell.findings = silenced.iter().map(|(i, _)| *i).collect();
        return cell;
    }
    if enabled.is_empty() && !row.checks.is_empty() && depends_on_checks(row.id) {
        cell.result = Outcome::Skipped;
        cell.reason = format!("{} disabled in the settings", row.checks.join(", "));
        return cell;
    }
    match verdict {
        Verdict::Fail(why, at) => {
            cell.result = Outcome::Fail;
            cell.reason = why;
            cell.at = at;
        }
        Verdict::Pass(why) | Verdict::Na(why) => {
            cell.reason = why;
            if !disabled.is_empty() {
                cell.reason
                    .push_str(&format!(" ({} disabled)", disabled.join(", ")));
            }
        }
    }
    cell
}

/// Rows whose checks are the main judge: with every check disabled (or a finding silenced) the
/// cell is skipped rather than decided by the model alone.
fn depends_on_checks(row: &str) -> bool {
    matches!(
        row,
        "resources" | "liveness-probe" | "readiness-probe" | "namespace" | "anti-affinity"
    )
}

/// Other objects whose findings count for a workload's cell: the ConfigMaps it reads, for
/// `secrets-sensitive-data` (a credential in a ConfigMap the workload loads).
fn related_objects(row: &str, object: &Object, model: &Model) -> Vec<ObjectId> {
    if row != "secrets-sensitive-data" {
        return Vec::new();
    }
    let refs = Refs::of(object);
    refs.configmaps
        .iter()
        .map(|name| ObjectId::new("ConfigMap", object.namespace.as_deref(), name))
        .filter(|id| model.get(id).is_some())
        .collect()
}

fn verdict(row: &str, object: &Object, model: &Model) -> Verdict {
    let kind = object.kind.as_str();
    let batch = matches!(kind, "Job" | "CronJob");
    match row {
        "resources" => {
            Verdict::Pass("every container sets cpu and memory requests and limits".to_owned())
        }
        "liveness-probe" if batch => Verdict::Na(format!(
            "a {kind} runs to completion; probes are for long-running pods"
        )),
        "liveness-probe" => Verdict::Pass("every container has a liveness probe".to_owned()),
        "readiness-probe" if batch => Verdict::Na(format!(
            "a {kind} runs to completion; probes are for long-running pods"
        )),
        "readiness-probe" => Verdict::Pass("every container has a readiness probe".to_owned()),
        "named-ports" => named_ports(object),
        "labels" => labels(object),
        "namespace" => Verdict::Pass(format!("in namespace {}", object.ns())),
        "configmap-config" => configmap_config(object),
        "secrets-sensitive-data" => secrets(object, model),
        "rolling-update" => rolling_update(object),
        "max-unavailable-zero" => max_unavailable_zero(object),
        "persistent-volumes" => persistent_volumes(object),
        "anti-affinity" => anti_affinity(object),
        "ingress-routing" => ingress_routing(object, model),
        "service-discovery" => service_discovery(object, model),
        "monitoring-annotations" => monitoring(object, model),
        _ => Verdict::Na("unknown row".to_owned()),
    }
}

/// The app containers (init containers aside) with their paths.
fn app_containers(object: &Object) -> Vec<(&Container, String)> {
    object
        .containers()
        .into_iter()
        .filter(|c| !c.init)
        .map(|c| (c.container, c.path))
        .collect()
}

fn named_ports(object: &Object) -> Verdict {
    let mut names = Vec::new();
    for (container, path) in app_containers(object) {
        for (i, port) in container.ports.iter().flatten().enumerate() {
            match port.name.as_deref().filter(|n| !n.is_empty()) {
                Some(name) => names.push(name.to_owned()),
                None => {
                    return Verdict::Fail(
                        format!(
                            "container \"{}\" port {} has no name",
                            container.name, port.container_port
                        ),
                        Some(object.locate(&format!("{path}.ports[{i}]"))),
                    );
                }
            }
        }
    }
    if names.is_empty() {
        Verdict::Na("declares no container ports".to_owned())
    } else {
        Verdict::Pass(format!(
            "every container port is named ({})",
            names.join(", ")
        ))
    }
}

fn labels(object: &Object) -> Verdict {
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

/// What a workload's containers read: ConfigMaps, Secrets and inline values.
#[derive(Default)]
struct Refs {
    /// ConfigMaps read by envFrom, configMapKeyRef or volumes.
    configmaps: BTreeSet<String>,
    /// Secrets read by envFrom, secretKeyRef or volumes (image pull secrets aside).
    secrets: BTreeSet<String>,
    /// Env vars read from a ConfigMap key: (variable, ConfigMap, key, path).
    configmap_keys: Vec<(String, String, String, String)>,
    /// Env vars whose value is written inline: (variable, value, path).
    literal: Vec<(String, String, String)>,
    /// ConfigMaps loaded whole by envFrom.
    configmaps_whole: BTreeSet<String>,
}

impl Refs {
    fn of(object: &Object) -> Refs {
        let mut refs = Refs::default();
        for c in object.containers() {
            for (i, env) in c.container.env.iter().flatten().enumerate() {
                let path = format!("{}.env[{i}]", c.path);
                if let Some(source) = &env.value_from {
                    if let Some(key) = &source.config_map_key_ref {
                        refs.configmaps.insert(key.name.clone());
                        refs.configmap_keys.push((
                            env.name.clone(),
                            key.name.clone(),
                            key.key.clone(),
                            path,
                        ));
                    } else if let Some(key) = &source.secret_key_ref {
                        refs.secrets.insert(key.name.clone());
                    }
                } else if let Some(value) = &env.value {
                    refs.literal.push((env.name.clone(), value.clone(), path));
                }
            }
            for from in c.container.env_from.iter().flatten() {
                if let Some(cm) = &from.config_map_ref {
                    refs.configmaps.insert(cm.name.clone());
                    refs.configmaps_whole.insert(cm.name.clone());
                }
                if let Some(secret) = &from.secret_ref {
                    refs.secrets.insert(secret.name.clone());
                }
            }
        }
        if let Some(spec) = object.pod_spec() {
            for volume in spec.spec.volumes.iter().flatten() {
                if let Some(cm) = &volume.config_map {
                    refs.configmaps.insert(cm.name.clone());
                }
                if let Some(name) = volume.secret.as_ref().and_then(|s| s.secret_name.as_ref()) {
                    refs.secrets.insert(name.clone());
                }
                for source in volume
                    .projected
                    .iter()
                    .flat_map(|p| p.sources.iter().flatten())
                {
                    if let Some(cm) = &source.config_map {
                        refs.configmaps.insert(cm.name.clone());
                    }
                    if let Some(secret) = &source.secret {
                        refs.secrets.insert(secret.name.clone());
                    }
                }
            }
        }
        refs
    }
}

fn list(names: &BTreeSet<String>) -> String {
    names.iter().cloned().collect::<Vec<_>>().join(", ")
}

fn configmap_config(object: &Object) -> Verdict {
    let refs = Refs::of(object);
    if !refs.configmaps.is_empty() {
        let noun = if refs.configmaps.len() == 1 {
            "ConfigMap"
        } else {
            "ConfigMaps"
        };
        return Verdict::Pass(format!(
            "reads configuration from {noun} {}",
            list(&refs.configmaps)
        ));
    }
    match refs.literal.first() {
        Some((name, _, path)) => Verdict::Fail(
            format!(
                "{} environment variable{} written inline (first: {name}) and no ConfigMap is read",
                refs.literal.len(),
                if refs.literal.len() == 1 {
                    " is"
                } else {
                    "s are"
                }
            ),
            Some(object.locate(path)),
        ),
        None => Verdict::Na(
            "takes no configuration through env values, ConfigMaps or config volumes".to_owned(),
        ),
    }
}

/// Whether an environment variable's name says it holds a credential: the one rule every check
/// uses ([`crate::checks::is_secret_name`]).
pub(crate) fn secret_like(name: &str) -> bool {
    crate::checks::is_secret_name(name)
}

/// Whether a literal value could be a credential (not empty, a number, a boolean or a path).
fn credential_value(value: &str) -> bool {
    let v = value.trim();
    !(v.is_empty()
        || v.parse::<f64>().is_ok()
        || matches!(v, "true" | "false")
        || v.starts_with('/'))
}

fn secrets(object: &Object, model: &Model) -> Verdict {
    let refs = Refs::of(object);
    if let Some((name, _, path)) = refs
        .literal
        .iter()
        .find(|(n, v, _)| secret_like(n) && credential_value(v))
    {
        return Verdict::Fail(
            format!("{name} is written inline instead of coming from a Secret"),
            Some(object.locate(path)),
        );
    }
    if let Some((name, cm, key, path)) = refs
        .configmap_keys
        .iter()
        .find(|(n, _, k, _)| secret_like(n) || secret_like(k))
    {
        return Verdict::Fail(
            format!("{name} comes from ConfigMap {cm} (key {key}), which is not meant for secrets"),
            Some(object.locate(path)),
        );
    }
    for cm in &refs.configmaps_whole {
        let id = ObjectId::new("ConfigMap", object.namespace.as_deref(), cm);
        let Some(Resource::ConfigMap(map)) = model.get(&id).map(|o| &o.resource) else {
            continue;
        };
        if let Some(key) = map
            .data
            .iter()
            .flatten()
            .map(|(k, _)| k)
            .find(|k| secret_like(k))
        {
            return Verdict::Fail(
                format!("loads ConfigMap {cm} whole, and its key {key} looks like a credential"),
                model.get(&id).map(|o| o.locate(&format!("data.{key}"))),
            );
        }
    }
    if !refs.secrets.is_empty() {
        let noun = if refs.secrets.len() == 1 {
            "Secret"
        } else {
            "Secrets"
        };
        return Verdict::Pass(format!(
            "sensitive values come from {noun} {}",
            list(&refs.secrets)
        ));
    }
    if let Some((name, _, _)) = refs.literal.iter().find(|(n, _, _)| secret_like(n)) {
        return Verdict::Pass(format!(
            "{name} looks secret-like but holds no credential value"
        ));
    }
    Verdict::Na(
        "handles no sensitive data: reads no Secret and has no secret-like variable".to_owned(),
    )
}

fn rolling_update(object: &Object) -> Verdict {
    match &object.resource {
        Resource::Deployment(d) => {
            let strategy = d.spec.strategy.as_ref();
            match strategy.and_then(|s| s.type_.as_deref()) {
                Some("Recreate") => Verdict::Fail(
                    "strategy Recreate stops every pod before starting the new ones".to_owned(),
                    Some(object.locate("spec.strategy.type")),
                ),
                Some(t) => Verdict::Pass(format!("strategy {t}")),
                None => Verdict::Pass("strategy RollingUpdate (the default)".to_owned()),
            }
        }
        Resource::DaemonSet(d) => match d.spec.update_strategy.as_ref().and_then(|s| s.type_.as_deref()) {
            Some("OnDelete") => Verdict::Fail(
                "updateStrategy OnDelete: pods change only when someone deletes them".to_owned(),
                Some(object.locate("spec.updateStrategy.type")),
            ),
            _ => Verdict::Pass("updateStrategy RollingUpdate".to_owned()),
        },
        Resource::StatefulSet(s) => match s.spec.update_strategy.as_ref().and_then(|s| s.type_.as_deref()) {
            Some("OnDelete") => Verdict::Fail(
                "updateStrategy OnDelete: pods change only when someone deletes them".to_owned(),
                Some(object.locate("spec.updateStrategy.type")),
            ),
            _ => Verdict::Na("a StatefulSet replaces its pods one at a time in ordinal order; surge-based rolling updates do not apply".to_owned()),
        },
        Resource::ReplicaSet(_) => Verdict::Fail(
            "a ReplicaSet cannot roll out a new template: running pods keep the old one; use a Deployment".to_owned(),
            Some(object.locate("kind")),
        ),
        Resource::Pod(_) => Verdict::Fail(
            "a bare Pod cannot be rolled out: updating it means deleting it; use a Deployment".to_owned(),
            Some(object.locate("kind")),
        ),
        _ => Verdict::Na(format!("a {} runs to completion; there is nothing to roll out", object.kind)),
    }
}

fn max_unavailable_zero(object: &Object) -> Verdict {
    match &object.resource {
        Resource::Deployment(d) => {
            let strategy = d.spec.strategy.as_ref();
            if strategy.and_then(|s| s.type_.as_deref()) == Some("Recreate") {
                return Verdict::Fail(
                    "strategy Recreate: every pod is down during an update".to_owned(),
                    Some(object.locate("spec.strategy.type")),
                );
            }
            let replicas = d.spec.replicas.unwrap_or(1);
            let rolling = strategy.and_then(|s| s.rolling_update.as_ref());
            let default = IntOrString::String("25%".to_owned());
            let written_unavailable = rolling.and_then(|r| r.max_unavailable.as_ref());
            let unavailable_value = written_unavailable.unwrap_or(&default);
            let surge_value = rolling
                .and_then(|r| r.max_surge.as_ref())
                .unwrap_or(&default);
            let (Some(mut unavailable), Some(surge)) = (
                resolve_int_or_percent(unavailable_value, replicas, false),
                resolve_int_or_percent(surge_value, replicas, true),
            ) else {
                return Verdict::Fail(
                    format!(
                        "maxUnavailable {} cannot be read as a number or a percentage",
                        describe_int_or_string(unavailable_value)
                    ),
                    Some(object.locate("spec.strategy.rollingUpdate.maxUnavailable")),
                );
            };
            let both_zero = unavailable == 0 && surge == 0;
            if both_zero {
                unavailable = 1;
            }
            let written = describe_int_or_string(unavailable_value);
            let how = match (written_unavailable, unavailable_value) {
                (None, _) => {
                    format!("maxUnavailable is not written: the default 25% of {replicas} replicas")
                }
                (Some(_), IntOrString::String(_)) => {
                    format!("maxUnavailable {written} of {replicas} replicas")
                }
                (Some(_), IntOrString::Int(_)) => format!("maxUnavailable {written}"),
            };
            let at = object
                .find("spec.strategy.rollingUpdate.maxUnavailable")
                .or_else(|| object.find("spec.strategy"));
            if unavailable == 0 {
                let why = if matches!(unavailable_value, IntOrString::Int(_)) {
                    format!("{how}: a pod stops only after its replacement is ready")
                } else {
                    format!(
                        "{how} rounds down to 0: a pod stops only after its replacement is ready"
                    )
                };
                Verdict::Pass(why)
            } else if both_zero {
                Verdict::Fail(
                    format!(
                        "{how} and maxSurge both resolve to 0, so the controller lets 1 pod be unavailable"
                    ),
                    at,
                )
            } else {
                let of = if matches!(unavailable_value, IntOrString::Int(_)) {
                    String::new()
                } else {
                    format!(" (resolves to {unavailable})")
                };
                Verdict::Fail(
                    format!(
                        "{how}{of}: up to {unavailable} of {replicas} pods may be down during a rollout"
                    ),
                    at,
                )
            }
        }
        Resource::DaemonSet(d) => {
            let strategy = d.spec.update_strategy.as_ref();
            if strategy.and_then(|s| s.type_.as_deref()) == Some("OnDelete") {
                return Verdict::Na("updateStrategy OnDelete: no automatic rollout".to_owned());
            }
            let written = strategy
                .and_then(|s| s.rolling_update.as_ref())
                .and_then(|r| r.max_unavailable.as_ref());
            match written {
                Some(IntOrString::Int(0)) => Verdict::Pass("maxUnavailable 0: each node's pod is surged before it stops".to_owned()),
                Some(IntOrString::String(s)) if s.trim() == "0%" => {
                    Verdict::Pass("maxUnavailable 0%: each node's pod is surged before it stops".to_owned())
                }
                Some(v) => Verdict::Fail(
                    format!("maxUnavailable {}: that many nodes lose their pod at once during a rollout", describe_int_or_string(v)),
                    object.find("spec.updateStrategy.rollingUpdate.maxUnavailable"),
                ),
                None => Verdict::Fail(
                    "maxUnavailable is not written: the default 1 takes one node's pod down at a time".to_owned(),
                    Some(object.locate("spec.updateStrategy")),
                ),
            }
        }
        Resource::StatefulSet(_) => Verdict::Na(
            "a StatefulSet stops each pod before recreating it (maxUnavailable is at least 1)"
                .to_owned(),
        ),
        _ => Verdict::Na(format!("a {} has no rolling update to tune", object.kind)),
    }
}

/// Image names of well-known datastores (the last path segment of the repository starts with one).
const DATASTORES: &[&str] = &[
    "postgres",
    "mysql",
    "mariadb",
    "mongo",
    "cassandra",
    "elasticsearch",
    "opensearch",
    "cockroach",
    "etcd",
    "zookeeper",
    "kafka",
    "rabbitmq",
    "minio",
    "influxdb",
    "neo4j",
    "couchdb",
    "clickhouse",
    "timescale",
];

/// The datastore an image runs, if it is one.
fn datastore(image: &str) -> Option<&'static str> {
    let repo = image.split('@').next().unwrap_or(image);
    let last = repo.rsplit('/').next().unwrap_or(repo);
    let name = last.split(':').next().unwrap_or(last);
    DATASTORES.iter().copied().find(|d| name.starts_with(d))
}

fn persistent_volumes(object: &Object) -> Verdict {
    let Some(spec) = object.pod_spec() else {
        return Verdict::Na("runs no pods".to_owned());
    };
    let mut claims: Vec<String> = spec
        .spec
        .volumes
        .iter()
        .flatten()
        .filter_map(|v| {
            v.persistent_volume_claim
                .as_ref()
                .map(|c| format!("PersistentVolumeClaim {}", c.claim_name))
        })
        .collect();
    if let Resource::StatefulSet(s) = &object.resource {
        for t in s.spec.volume_claim_templates.iter().flatten() {
            claims.push(format!(
                "volumeClaimTemplate {}",
                t.metadata.name.as_deref().unwrap_or("(unnamed)")
            ));
        }
    }
    let store = app_containers(object).into_iter().find_map(|(c, path)| {
        c.image
            .as_deref()
            .and_then(datastore)
            .map(|d| (d, c.image.clone().unwrap_or_default(), path))
    });
    let statefulset = matches!(object.resource, Resource::StatefulSet(_));
    if !claims.is_empty() {
        return Verdict::Pass(format!("keeps its data on {}", claims.join(", ")));
    }
    if let Some((name, image, path)) = store {
        return Verdict::Fail(
            format!(
                "runs {name} ({image}) with no PersistentVolumeClaim: its data is lost with the pod"
            ),
            Some(object.locate(&format!("{path}.image"))),
        );
    }
    if statefulset {
        return Verdict::Fail(
            "a StatefulSet with no PersistentVolumeClaim or volumeClaimTemplate: its data is lost with the pod".to_owned(),
            Some(object.locate("spec")),
        );
    }
    Verdict::Na("stateless: mounts no PersistentVolumeClaim and runs no datastore image".to_owned())
}

fn anti_affinity(object: &Object) -> Verdict {
    if !object.has_replicas() {
        let why = match object.kind.as_str() {
            "DaemonSet" => "a DaemonSet already runs one pod per node".to_owned(),
            kind => format!("a {kind} runs no replicas to spread"),
        };
        return Verdict::Na(why);
    }
    let replicas = object.written_replicas().unwrap_or(1);
    if replicas < 2 {
        return Verdict::Na(format!("{replicas} replica: nothing to spread"));
    }
    let spec = object.pod_spec().map(|s| s.spec);
    let anti = spec
        .and_then(|s| s.affinity.as_ref())
        .and_then(|a| a.pod_anti_affinity.as_ref());
    let why = match anti {
        Some(a) => {
            let terms: Vec<String> = a
                .required_during_scheduling_ignored_during_execution
                .iter()
                .flatten()
                .map(|t| format!("required on {}", t.topology_key))
                .chain(
                    a.preferred_during_scheduling_ignored_during_execution
                        .iter()
                        .flatten()
                        .map(|t| format!("preferred on {}", t.pod_affinity_term.topology_key)),
                )
                .collect();
            format!(
                "{replicas} replicas spread by podAntiAffinity ({})",
                terms.join(", ")
            )
        }
        None if spec.is_some_and(|s| {
            s.topology_spread_constraints
                .as_ref()
                .is_some_and(|t| !t.is_empty())
        }) =>
        {
            format!("{replicas} replicas spread by topologySpreadConstraints")
        }
        None => {
            return Verdict::Fail(
                format!(
                    "{replicas} replicas and neither podAntiAffinity nor topologySpreadConstraints spreads them over nodes"
                ),
                Some(object.locate(object.pod_spec().map_or("spec", |s| s.path))),
            );
        }
    };
    Verdict::Pass(why)
}

fn service_type(service: &Object) -> &str {
    match &service.resource {
        Resource::Service(s) => s
            .spec
            .as_ref()
            .and_then(|s| s.type_.as_deref())
            .unwrap_or("ClusterIP"),
        _ => "",
    }
}

/// Every Service backend of an Ingress, with the host and path that lead to it.
fn ingress_routes(ingress: &Object) -> Vec<(String, String)> {
    ingress
        .ingress_backends()
        .into_iter()
        .filter_map(|b| {
            let svc = b.backend.service.as_ref()?;
            let route = if b.is_default {
                "(default backend)".to_owned()
            } else {
                format!("{}{}", b.host.unwrap_or("*"), b.http_path.unwrap_or("/"))
            };
            Some((svc.name.clone(), route))
        })
        .collect()
}

fn ingress_routing(object: &Object, model: &Model) -> Verdict {
    let services = model.services_selecting(object);
    let names: BTreeSet<&str> = services.iter().map(|s| s.name.as_str()).collect();
    for ingress in model.of_kind_in("Ingress", Some(object.ns())) {
        if let Some((service, route)) = ingress_routes(ingress)
            .into_iter()
            .find(|(s, _)| names.contains(s.as_str()))
        {
            return Verdict::Pass(format!(
                "Ingress {} routes {route} to Service {service}",
                ingress.name
            ));
        }
    }
    if let Some(exposed) = services
        .iter()
        .find(|s| matches!(service_type(s), "NodePort" | "LoadBalancer"))
    {
        return Verdict::Fail(
            format!(
                "no Ingress routes to it, but {} Service {} exposes it outside the cluster directly",
                service_type(exposed),
                exposed.name
            ),
            Some(exposed.locate("spec.type")),
        );
    }
    Verdict::Na(
        "internal: no Ingress routes to it and no Service exposes it outside the cluster"
            .to_owned(),
    )
}

/// The first hard-coded IPv4 address in `text` (loopback, 0.0.0.0 and CIDR ranges aside).
pub(crate) fn hardcoded_ip(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.');
        if bytes[i].is_ascii_digit() && boundary {
            let mut j = i;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b'.') {
                j += 1;
            }
            let candidate = text[i..j].trim_end_matches('.');
            let parts: Vec<&str> = candidate.split('.').collect();
            let octets = parts.len() == 4
                && parts.iter().all(|p| {
                    !p.is_empty() && p.len() <= 3 && p.parse::<u16>().is_ok_and(|n| n <= 255)
                });
            let end = i + candidate.len();
            let followed_ok =
                end >= bytes.len() || !(bytes[end].is_ascii_alphanumeric() || bytes[end] == b'/');
            if octets && followed_ok && !(candidate.starts_with("127.") || candidate == "0.0.0.0") {
                return Some(candidate.to_owned());
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    None
}

/// Host names that URLs in `text` point at (`scheme://host[:port]`).
fn url_hosts(text: &str) -> Vec<String> {
    text.split("://")
        .skip(1)
        .filter_map(|rest| {
            let host: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
                .collect();
            (!host.is_empty()).then_some(host)
        })
        .collect()
}

fn service_discovery(object: &Object, model: &Model) -> Verdict {
    let refs = Refs::of(object);
    let mut values: Vec<(String, String, Location)> = Vec::new();
    for (name, value, path) in &refs.literal {
        values.push((format!("env {name}"), value.clone(), object.locate(path)));
    }
    for c in object.containers() {
        for (field, items) in [
            ("command", &c.container.command),
            ("args", &c.container.args),
        ] {
            for (i, item) in items.iter().flatten().enumerate() {
                values.push((
                    format!("{field} of container \"{}\"", c.container.name),
                    item.clone(),
                    object.locate(&format!("{}.{field}[{i}]", c.path)),
                ));
            }
        }
    }
    let read_keys: BTreeMap<&str, BTreeSet<&str>> =
        refs.configmap_keys
            .iter()
            .fold(BTreeMap::new(), |mut m, (_, cm, key, _)| {
                m.entry(cm.as_str()).or_default().insert(key.as_str());
                m
            });
    for name in &refs.configmaps {
        let id = ObjectId::new("ConfigMap", object.namespace.as_deref(), name);
        let Some(cm_object) = model.get(&id) else {
            continue;
        };
        let Resource::ConfigMap(cm) = &cm_object.resource else {
            continue;
        };
        let whole = refs.configmaps_whole.contains(name);
        for (key, value) in cm.data.iter().flatten() {
            if whole
                || read_keys
                    .get(name.as_str())
                    .is_some_and(|keys| keys.contains(key.as_str()))
            {
                values.push((
                    format!("ConfigMap {name} key {key}"),
                    value.clone(),
                    cm_object.locate(&format!("data[\"{key}\"]")),
                ));
            }
        }
    }
    if let Some((what, ip, at)) = values
        .iter()
        .find_map(|(what, v, at)| hardcoded_ip(v).map(|ip| (what, ip, at)))
    {
        return Verdict::Fail(
            format!("{what} hard-codes the address {ip}; use a Service name"),
            Some(at.clone()),
        );
    }
    let services = model.services_selecting(object);
    // Whether the namespace holds a Service of this name (looked up by id, not by a scan).
    let is_service = |name: &str| {
        model
            .get(&ObjectId::new("Service", Some(object.ns()), name))
            .is_some_and(|o| o.kind == "Service" && o.namespace.as_deref() == Some(object.ns()))
    };
    let mut named: BTreeSet<String> = BTreeSet::new();
    for (_, value, _) in &values {
        for host in url_hosts(value)
            .into_iter()
            .chain(std::iter::once(value.trim().to_owned()))
        {
            let first = host.split('.').next().unwrap_or_default();
            if (host == first || host.contains(".svc")) && is_service(first) {
                named.insert(first.to_owned());
            }
        }
    }
    let mut parts = Vec::new();
    if let Some(s) = services.first() {
        parts.push(format!(
            "reachable as {}.{}.svc through Service {}",
            s.name,
            object.ns(),
            s.name
        ));
    }
    if !named.is_empty() {
        parts.push(format!("calls {} by name", list(&named)));
    }
    if parts.is_empty() {
        return Verdict::Na(
            "no Service selects it and its configuration names no Service".to_owned(),
        );
    }
    Verdict::Pass(parts.join("; "))
}

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
        Some(sel) if sel.get("any").and_then(|a| a.as_bool()) == Some(true) => true,
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
                .map(|s| s.path)
                .unwrap_or("spec.template.spec")
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

#[cfg(test)]
mod tests;
