//! The rules conditions are made of, and how each is decided against the analysis.

use foldhash::{HashMap, HashMapExt};
use serde::Serialize;

use crate::graph::{Graph, GraphOptions, Relation};
use crate::model::{Model, ObjectId};
use crate::parse::tree::{Seg, parse_path};
use crate::report::Review;
use crate::rollout::{self, RolloutOptions};
use crate::source::Severity;

/// How a condition is decided. Object ids are written `Kind/namespace/name` (or `Kind/name` for
/// cluster-scoped kinds), as everywhere in Manifesto.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// No open (unsuppressed) finding of `check`, on `object` when given.
    NoFinding {
        /// A check id, e.g. `service-selects-no-pods`.
        check: String,
        /// Only findings on this object count.
        object: Option<String>,
    },
    /// `from` has a working edge of `relation` to `to` (or, with `pods`, to one of the pods of
    /// the workload `to`).
    Edge {
        /// The object that points.
        from: String,
        /// How it points.
        relation: Relation,
        /// The object pointed at, or the workload whose pods are pointed at.
        to: String,
        /// `to` is a workload and the edge goes to one of its pods.
        pods: bool,
    },
    /// While the rollout of `workload` runs, it never has fewer than `min` available pods.
    Rollout {
        /// A Deployment, StatefulSet or DaemonSet.
        workload: String,
        /// The fewest available pods allowed at any moment.
        min: u32,
        /// Simulate a new version that never becomes ready.
        fail_new: bool,
    },
    /// The workload asks for exactly this many replicas (`spec.replicas`, 1 when unwritten).
    Replicas {
        /// The workload.
        workload: String,
        /// The replicas wanted.
        count: u32,
    },
    /// An object of `kind` (named `name` when given) exists in the manifests.
    Exists {
        /// The kind, e.g. `PodDisruptionBudget`.
        kind: String,
        /// Its `metadata.name`.
        name: Option<String>,
    },
    /// The field at `path` of `object` has this value (written as text: `"3"`, `"true"`).
    Field {
        /// The object.
        object: String,
        /// A field path, e.g. `spec.template.spec.containers[0].image`.
        path: String,
        /// The value, compared as text.
        equals: String,
    },
    /// The manifests read without error diagnostics.
    NoErrors,
}

impl Rule {
    /// A plain-words text for the rule, a default for a condition a teacher picks from a menu
    /// (e.g. `no service-selects-no-pods finding on Service/default/web`).
    pub fn describe(&self) -> String {
        match self {
            Rule::NoFinding { check, object } => match object {
                Some(o) => format!("no {check} finding on {o}"),
                None => format!("no {check} finding"),
            },
            Rule::Edge {
                from,
                relation,
                to,
                pods,
            } => {
                let to = if *pods {
                    format!("the pods of {to}")
                } else {
                    to.clone()
                };
                format!("{from} {} {to}", relation.as_str())
            }
            Rule::Rollout {
                workload,
                min,
                fail_new,
            } => format!(
                "{workload} keeps at least {min} available pods during a rollout{}",
                if *fail_new {
                    " of a version that never becomes ready"
                } else {
                    ""
                }
            ),
            Rule::Replicas { workload, count } => format!("{workload} asks for {count} replicas"),
            Rule::Exists { kind, name } => match name {
                Some(n) => format!("a {kind} named {n} exists"),
                None => format!("a {kind} exists"),
            },
            Rule::Field {
                object,
                path,
                equals,
            } => format!("{path} of {object} is {equals}"),
            Rule::NoErrors => "the manifests read without errors".to_owned(),
        }
    }
}

/// The analysis the rules read, with the graph and the rollouts computed on first use.
pub(crate) struct Analysis<'a> {
    model: &'a Model,
    review: &'a Review,
    graph: Option<Graph>,
    rollouts: HashMap<(String, bool), Option<u32>>,
}

impl<'a> Analysis<'a> {
    pub(crate) fn new(model: &'a Model, review: &'a Review) -> Self {
        Analysis {
            model,
            review,
            graph: None,
            rollouts: HashMap::new(),
        }
    }

    fn graph(&mut self) -> &Graph {
        let model = self.model;
        self.graph
            .get_or_insert_with(|| Graph::build(model, &GraphOptions::default()))
    }

    /// The fewest available pods during the rollout of `workload`, if it can be simulated.
    fn lowest_available(&mut self, workload: &str, fail_new: bool) -> Option<u32> {
        let model = self.model;
        *self
            .rollouts
            .entry((workload.to_owned(), fail_new))
            .or_insert_with(|| {
                let id = model.get_str(workload)?.id.clone();
                let options = RolloutOptions {
                    fail_new,
                    ..RolloutOptions::default()
                };
                let rollout = rollout::simulate(model, &id, &options).ok()?;
                rollout.states().map(rollout::State::available).min()
            })
    }

    /// Whether `rule` holds.
    pub(crate) fn holds(&mut self, rule: &Rule) -> bool {
        match rule {
            Rule::NoFinding { check, object } => !self.review.findings.iter().any(|f| {
                f.suppressed.is_none()
                    && f.check == check.as_str()
                    && object.as_deref().is_none_or(|o| f.object.as_str() == o)
            }),
            Rule::Edge {
                from,
                relation,
                to,
                pods,
            } => {
                let graph = self.graph();
                let Some(from) = graph.node_str(from).map(|n| n.id.clone()) else {
                    return false;
                };
                let targets: Vec<ObjectId> = match graph.node_str(to) {
                    None => return false,
                    Some(node) if *pods => graph
                        .pods_of(&node.id)
                        .iter()
                        .map(|p| p.id.clone())
                        .collect(),
                    Some(node) => vec![node.id.clone()],
                };
                graph
                    .outgoing(&from)
                    .any(|e| e.ok && e.relation == *relation && targets.contains(&e.to))
            }
            Rule::Rollout {
                workload,
                min,
                fail_new,
            } => self
                .lowest_available(workload, *fail_new)
                .is_some_and(|low| low >= *min),
            Rule::Replicas { workload, count } => self.model.get_str(workload).is_some_and(|o| {
                o.has_replicas()
                    && i64::from(o.written_replicas().unwrap_or(1)) == i64::from(*count)
            }),
            Rule::Exists { kind, name } => self
                .model
                .of_kind(kind)
                .any(|o| name.as_deref().is_none_or(|n| o.name == n)),
            Rule::Field {
                object,
                path,
                equals,
            } => self
                .model
                .get_str(object)
                .and_then(|o| json_at(&o.raw, &parse_path(path)))
                .is_some_and(|v| text_of(v) == *equals),
            Rule::NoErrors => !self
                .model
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error),
        }
    }
}

/// The JSON value at `segs`.
fn json_at<'v>(value: &'v serde_json::Value, segs: &[Seg]) -> Option<&'v serde_json::Value> {
    let mut value = value;
    for seg in segs {
        value = match seg {
            Seg::Key(k) => value.get(k.as_str())?,
            Seg::Index(i) => value.get(*i)?,
        };
    }
    Some(value)
}

/// A scalar as text: strings as they are, other values as JSON.
fn text_of(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
