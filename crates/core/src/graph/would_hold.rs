//! What the cluster would hold for a node that is not written: the object a controller would
//! create (a ReplicaSet, a Pod, a Job, a claim), or one that is referenced or built in.

use serde_json::{Map, Value};

use super::{Graph, GraphNode};
use crate::model::Model;
use crate::parse::current_api_version;

/// The object the cluster would hold for `node`, as JSON: its apiVersion and kind, its
/// metadata (name, namespace, labels, the controller that owns it) and, for what a controller
/// creates, the spec it copies from the object it comes from.
///
/// ```
/// use manifesto_core::graph::{Graph, GraphOptions, would_hold};
/// use manifesto_core::{Model, samples::Sample};
///
/// let model = Model::from_files(Sample::FeastFlow.files());
/// let graph = Graph::build(&model, &GraphOptions::default());
/// let pod = graph.node_str("Pod/feastflow/postgres-0").unwrap();
/// let held = would_hold(pod, &graph, &model);
/// assert_eq!(held["metadata"]["ownerReferences"][0]["kind"], "StatefulSet");
/// ```
pub fn would_hold(node: &GraphNode, graph: &Graph, model: &Model) -> Value {
    let mut metadata = Map::new();
    metadata.insert("name".into(), node.name.clone().into());
    if let Some(ns) = &node.namespace {
        metadata.insert("namespace".into(), ns.clone().into());
    }
    if !node.labels.is_empty() {
        let labels: Map<String, Value> = node
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone().into()))
            .collect();
        metadata.insert("labels".into(), labels.into());
    }
    if let Some(owner) = &node.owner {
        let mut reference = Map::new();
        reference.insert("kind".into(), owner.kind().into());
        reference.insert("name".into(), owner.name().into());
        reference.insert("controller".into(), true.into());
        metadata.insert(
            "ownerReferences".into(),
            Value::Array(vec![reference.into()]),
        );
    }
    let mut out = Map::new();
    // A kind the table does not know is most likely a core one (the graph simulates and
    // references built-in kinds).
    let api_version = current_api_version(&node.kind).unwrap_or("v1");
    out.insert("apiVersion".into(), api_version.into());
    out.insert("kind".into(), node.kind.clone().into());
    out.insert("metadata".into(), metadata.into());
    if let Some(spec) = copied_spec(node, graph, model) {
        out.insert("spec".into(), spec);
    }
    out.into()
}

/// The value at a dotted path of plain keys (`spec.template.spec`).
fn at_path<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.')
        .filter(|s| !s.is_empty())
        .try_fold(value, |v, key| v.get(key))
}

/// The spec a controller would give a simulated node, copied from the written object it comes
/// from.
fn copied_spec(node: &GraphNode, graph: &Graph, model: &Model) -> Option<Value> {
    if !node.state.is_simulated() {
        return None;
    }
    let root = model.get(graph.root_owner(&node.id))?;
    match node.kind.as_str() {
        "Pod" => {
            let path = root.pod_spec()?.path;
            at_path(&root.raw, path).cloned()
        }
        "ReplicaSet" | "ReplicationController" => {
            let replicas = graph.pods_of(&node.id).len();
            let mut spec = Map::new();
            spec.insert("replicas".into(), replicas.into());
            if let Some(selector) = at_path(&root.raw, "spec.selector") {
                spec.insert("selector".into(), selector.clone());
            }
            if let Some(template) = at_path(&root.raw, "spec.template") {
                spec.insert("template".into(), template.clone());
            }
            Some(spec.into())
        }
        "Job" => at_path(&root.raw, "spec.jobTemplate.spec").cloned(),
        "PersistentVolumeClaim" => at_path(&root.raw, "spec.volumeClaimTemplates")?
            .as_array()?
            .iter()
            .find(|t| {
                t.pointer("/metadata/name")
                    .and_then(Value::as_str)
                    .is_some_and(|claim| node.name.starts_with(&format!("{claim}-")))
            })
            .and_then(|t| t.get("spec"))
            .cloned(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::GraphOptions;
    use crate::{Model, SourceFile};

    #[test]
    fn a_cronjobs_job_copies_its_template_and_a_missing_object_has_no_spec() {
        let text = "\
apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
  namespace: ops
spec:
  schedule: \"0 3 * * *\"
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: backup
            image: example/backup:1.0
            envFrom:
            - secretRef:
                name: backup-credentials
";
        let model = Model::from_files(vec![SourceFile::new("cron.yaml", text)]);
        let graph = Graph::build(&model, &GraphOptions::default());
        let job = graph
            .nodes()
            .iter()
            .find(|n| n.kind == "Job")
            .expect("a simulated Job");
        let held = would_hold(job, &graph, &model);
        assert_eq!(held["apiVersion"], "batch/v1");
        assert_eq!(held["metadata"]["ownerReferences"][0]["name"], "backup");
        assert_eq!(held["spec"]["backoffLimit"], 2);
        let missing = graph
            .nodes()
            .iter()
            .find(|n| n.state.is_missing())
            .expect("the missing Secret");
        assert_eq!(
            would_hold(missing, &graph, &model),
            serde_json::json!({
                "apiVersion": "v1",
                "kind": "Secret",
                "metadata": {"name": "backup-credentials", "namespace": "ops"}
            })
        );
    }
}
