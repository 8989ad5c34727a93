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

mod anti_affinity;
mod configmap_config;
mod ingress_routing;
mod labels;
mod max_unavailable_zero;
mod monitoring;
mod named_ports;
mod namespace;
mod persistent_volumes;
mod probes;
mod refs;
mod resources;
mod rolling_update;
mod secrets;
mod service_discovery;

use std::collections::BTreeSet;

use foldhash::{HashMap, HashMapExt};
use k8s_openapi::api::core::v1::Container;
use serde::{Deserialize, Serialize};

use crate::checks::{self, Finding, Settings};
use crate::model::{ContainerPath, Model, Object, ObjectId};
use crate::source::Location;

#[cfg(test)]
use self::service_discovery::hardcoded_ip;

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
    /// Decides a cell from the model alone, before the findings are read.
    #[serde(skip)]
    verdict: fn(&Object, &Model) -> Verdict,
    /// Whether the checks are the row's main judge: with every check disabled (or a finding
    /// silenced) the cell is skipped rather than decided by the model alone.
    #[serde(skip)]
    judged_by_checks: bool,
    /// Other objects whose findings count for a workload's cell.
    #[serde(skip)]
    related: fn(&Object, &Model) -> Vec<ObjectId>,
}

/// The fifteen rows, in the review's order.
pub static ROWS: &[Row] = &[
    resources::ROW,
    probes::LIVENESS_PROBE,
    probes::READINESS_PROBE,
    named_ports::ROW,
    labels::ROW,
    namespace::ROW,
    configmap_config::ROW,
    secrets::ROW,
    rolling_update::ROW,
    max_unavailable_zero::ROW,
    persistent_volumes::ROW,
    anti_affinity::ROW,
    ingress_routing::ROW,
    service_discovery::ROW,
    monitoring::ROW,
];

/// The row with this id.
pub fn row(id: &str) -> Option<&'static Row> {
    ROWS.iter().find(|r| r.id == id)
}

/// The result of one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
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
        self.into()
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The row id.
    #[serde(deserialize_with = "super::wire::id")]
    pub row: super::wire::StaticId,
    /// The workload.
    pub object: ObjectId,
    /// Pass, fail, N/A or skipped.
    pub result: Outcome,
    /// Why, in one line.
    pub reason: String,
    /// The checks consulted (enabled ones). Not in the cell's JSON: the wire form writes each
    /// distinct list once (see [`super::wire`]).
    #[serde(skip)]
    pub checks: Vec<&'static str>,
    /// Indexes (into the review's findings) of the findings behind the result.
    pub findings: Vec<usize>,
    /// The field the result is about, when the row read the model itself.
    pub at: Option<Location>,
}

/// The checklist: rows, workload columns and their cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Checklist {
    /// The rows' ids, in order.
    pub rows: Vec<&'static str>,
    /// The workloads (objects with a pod spec), in model order.
    pub columns: Vec<ObjectId>,
    /// Row-major: every row's cells in column order.
    pub cells: Vec<Cell>,
    /// The position of each column, so that [`Checklist::cell`] does not scan the cells.
    column_positions: HashMap<ObjectId, usize>,
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
        let mut by_object: HashMap<&ObjectId, Vec<usize>> = HashMap::with_capacity(columns.len());
        for (i, f) in findings.iter().enumerate() {
            by_object.entry(&f.object).or_default().push(i);
        }
        // Each column's own findings, looked up once rather than once per row.
        let own: Vec<&[usize]> = columns
            .iter()
            .map(|o| by_object.get(&o.id).map_or(&[][..], Vec::as_slice))
            .collect();
        let mut cells = Vec::with_capacity(ROWS.len() * columns.len());
        for row in ROWS {
            let checks = RowChecks::new(row, settings);
            for (object, own) in columns.iter().zip(&own) {
                let behind = Behind {
                    own,
                    by_object: &by_object,
                    findings,
                };
                cells.push(cell(row, &checks, object, model, &behind));
            }
        }
        Checklist::assemble(
            ROWS.iter().map(|r| r.id).collect(),
            columns.iter().map(|o| o.id.clone()).collect(),
            cells,
        )
    }

    /// The checklist of these rows, columns and (row-major) cells, with its index of columns.
    pub(super) fn assemble(
        rows: Vec<&'static str>,
        columns: Vec<ObjectId>,
        cells: Vec<Cell>,
    ) -> Checklist {
        let column_positions = columns
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        Checklist {
            rows,
            columns,
            cells,
            column_positions,
        }
    }

    /// The cell of `row` for the object with id `object` (`Kind/namespace/name`).
    pub fn cell(&self, row: &str, object: &str) -> Option<&Cell> {
        let r = self.rows.iter().position(|id| *id == row)?;
        let c = self.column_positions.get(object)?;
        self.cells
            .get(r * self.columns.len() + c)
            .filter(|cell| cell.row == row && cell.object.as_str() == object)
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

/// A finding behind a cell, with its place in the review.
type Indexed<'f> = (usize, &'f Finding);

/// The findings a cell may read: its object's own (their places in the review) and, for the
/// rows that count related objects, any object's.
struct Behind<'a, 'f> {
    own: &'a [usize],
    by_object: &'a HashMap<&'f ObjectId, Vec<usize>>,
    findings: &'f [Finding],
}

fn cell(
    row: &'static Row,
    checks: &RowChecks,
    object: &Object,
    model: &Model,
    behind: &Behind,
) -> Cell {
    let RowChecks { enabled, disabled } = checks;
    let related = (row.related)(object, model);
    // The findings on the object and its related objects, in the review's order.
    let mut indexes: Vec<usize> = behind.own.to_vec();
    if !related.is_empty() {
        indexes.extend(
            related
                .iter()
                .filter_map(|id| behind.by_object.get(id))
                .flatten(),
        );
        indexes.sort_unstable();
        indexes.dedup();
    }
    let (silenced, open): (Vec<Indexed>, Vec<Indexed>) = indexes
        .into_iter()
        .filter_map(|i| Some((i, behind.findings.get(i)?)))
        .filter(|(_, f)| enabled.contains(&f.check))
        .partition(|(_, f)| f.is_suppressed());
    let verdict = (row.verdict)(object, model);
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
    if enabled.is_empty() && !row.checks.is_empty() && row.judged_by_checks {
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

/// No other object counts for the cell: the workload's own findings decide.
fn no_related(_object: &Object, _model: &Model) -> Vec<ObjectId> {
    Vec::new()
}

/// The app containers (init containers aside) with their paths.
fn app_containers(object: &Object) -> Vec<(&Container, ContainerPath)> {
    object
        .containers()
        .into_iter()
        .filter(|c| !c.init)
        .map(|c| (c.container, c.path))
        .collect()
}

#[cfg(test)]
mod tests;
