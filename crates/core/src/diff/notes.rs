//! Notes on changes that do not do what their authors often expect: a ConfigMap or Secret edit
//! that running pods do not see, and edits the API server rejects.

use serde::Serialize;

use super::fields::{Change, ObjectChange};
use super::rollouts::RolloutChange;
use crate::graph::{Graph, Relation};
use crate::model::ObjectId;

/// A remark about one changed object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The object the note is about.
    pub object: ObjectId,
    /// What happens, and what to do about it.
    pub message: String,
}

/// The fields of a ConfigMap or Secret that pods read.
const DATA: [&str; 3] = ["data", "binaryData", "stringData"];

/// The fields of a StatefulSet spec the API server lets an update change.
const STATEFULSET_MUTABLE: [&str; 6] = [
    "spec.replicas",
    "spec.ordinals",
    "spec.template",
    "spec.updateStrategy",
    "spec.persistentVolumeClaimRetentionPolicy",
    "spec.minReadySeconds",
];

/// The notes for the changed objects, in their order.
pub(super) fn notes(
    objects: &[ObjectChange],
    rollouts: &[RolloutChange],
    new_graph: &Graph,
) -> Vec<Note> {
    let mut out = Vec::new();
    for change in objects.iter().filter(|c| c.change == Change::Changed) {
        match change.kind.as_str() {
            "ConfigMap" | "Secret" => config_notes(change, rollouts, new_graph, &mut out),
            "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" => {
                workload_notes(change, &mut out);
            }
            _ => {}
        }
    }
    out
}

/// A ConfigMap or Secret whose data changed: pods that read it through env keep the old values
/// until they restart; mounted files change in place.
fn config_notes(
    change: &ObjectChange,
    rollouts: &[RolloutChange],
    graph: &Graph,
    out: &mut Vec<Note>,
) {
    if !change
        .fields
        .iter()
        .any(|f| DATA.iter().any(|d| f.is_under(d)))
    {
        return;
    }
    let rolling = |id: &ObjectId| rollouts.iter().any(|r| &r.workload == id);
    let readers = |relation: Relation| -> Vec<ObjectId> {
        let mut ids: Vec<ObjectId> = graph
            .incoming(&change.id)
            .filter(|e| e.relation == relation)
            .map(|e| graph.root_owner(&e.from).clone())
            .filter(|id| !rolling(id))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    let what = &change.kind;
    let env = readers(Relation::Env);
    if !env.is_empty() {
        out.push(Note {
            object: change.id.clone(),
            message: format!(
                "{} read{} this {what} through environment variables, which are set when a container starts: running pods keep the old values until they restart (`kubectl rollout restart`); a checksum of the {what} in a pod template annotation (e.g. `checksum/config`) makes every edit roll them",
                list(&env),
                if env.len() == 1 { "s" } else { "" },
            ),
        });
    }
    let mounts = readers(Relation::Mounts);
    if !mounts.is_empty() {
        out.push(Note {
            object: change.id.clone(),
            message: format!(
                "{} mount{} this {what} as files: the kubelet updates them in running pods within about a minute (never for `subPath` mounts), and the application sees the change only if it reads the files again",
                list(&mounts),
                if mounts.len() == 1 { "s" } else { "" },
            ),
        });
    }
}

/// Immutable fields of workloads.
fn workload_notes(change: &ObjectChange, out: &mut Vec<Note>) {
    let kind = &change.kind;
    if change.fields.iter().any(|f| f.is_under("spec.selector")) {
        out.push(Note {
            object: change.id.clone(),
            message: format!(
                "the API server rejects this change: `spec.selector` of a {kind} is immutable (`field is immutable`); to change it, delete the {kind} and create it again (its pods go too), or keep the selector and add labels to the pod template only"
            ),
        });
    }
    if kind == "StatefulSet" {
        let mut forbidden: Vec<&str> = change
            .fields
            .iter()
            .filter(|f| f.is_under("spec") && !f.is_under("spec.selector"))
            .filter(|f| !STATEFULSET_MUTABLE.iter().any(|m| f.is_under(m)))
            .map(|f| top_field(&f.path))
            .collect();
        forbidden.dedup();
        if !forbidden.is_empty() {
            out.push(Note {
                object: change.id.clone(),
                message: format!(
                    "the API server rejects this change to {}: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden; to change them, delete the StatefulSet with `--cascade=orphan` (its pods and claims stay) and create it again",
                    forbidden.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
                ),
            });
        }
    }
}

/// `spec.volumeClaimTemplates[0].spec.resources` → `spec.volumeClaimTemplates`.
fn top_field(path: &str) -> &str {
    let rest = path.strip_prefix("spec.").unwrap_or(path);
    let end = rest
        .find(['.', '['])
        .map_or(path.len(), |i| i + (path.len() - rest.len()));
    &path[..end]
}

/// `a`, `a and b`, `a, b and c`.
fn list(ids: &[ObjectId]) -> String {
    let names: Vec<String> = ids.iter().map(ToString::to_string).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::fields::compare_objects;
    use crate::diff::rollouts::rollouts;
    use crate::diff::test_support::{feastflow, feastflow_edits, feastflow_with, model};
    use crate::graph::GraphOptions;
    use crate::model::Model;

    #[track_caller]
    fn notes_of(new: &Model) -> Vec<String> {
        notes_between(&feastflow(), new)
    }

    #[track_caller]
    fn notes_between(old: &Model, new: &Model) -> Vec<String> {
        let objects = compare_objects(old, new);
        let (rolls, _) = rollouts(old, new, &objects);
        let graph = Graph::build(new, &GraphOptions::default());
        notes(&objects, &rolls, &graph)
            .into_iter()
            .map(|n| format!("{}: {}", n.object, n.message))
            .collect()
    }

    #[test]
    fn a_configmap_edit_read_through_env_needs_a_restart() {
        let new = feastflow_with(
            "01-configmap.yaml",
            "LOG_LEVEL: \"info\"",
            "LOG_LEVEL: \"debug\"",
        );
        let notes = notes_of(&new);
        assert_eq!(notes.len(), 1, "{notes:?}");
        let note = &notes[0];
        assert!(
            note.starts_with("ConfigMap/feastflow/feastflow-config: "),
            "{note}"
        );
        for reader in [
            "Deployment/feastflow/feastflow-backend",
            "Deployment/feastflow/feastflow-frontend",
            "StatefulSet/feastflow/postgres",
        ] {
            assert!(note.contains(reader), "{reader} missing from {note}");
        }
        assert!(note.contains("until they restart"), "{note}");
        assert!(note.contains("checksum"), "{note}");
    }

    #[test]
    fn workloads_that_roll_anyway_are_not_listed() {
        let new = feastflow_edits(&[
            (
                "01-configmap.yaml",
                "LOG_LEVEL: \"info\"",
                "LOG_LEVEL: \"debug\"",
            ),
            (
                "06-backend-deployment.yaml",
                "feastflow-backend:latest",
                "feastflow-backend:v2",
            ),
        ]);
        let notes = notes_of(&new);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(!notes[0].contains("feastflow-backend"), "{}", notes[0]);
        assert!(notes[0].contains("feastflow-frontend"), "{}", notes[0]);
    }

    #[test]
    fn a_changed_deployment_selector_is_rejected() {
        let new = feastflow_edits(&[(
            "06-backend-deployment.yaml",
            "      component: backend\n  template",
            "      component: backnd\n  template",
        )]);
        let notes = notes_of(&new);
        assert!(
            notes.iter().any(|n| n
                .starts_with("Deployment/feastflow/feastflow-backend: the API server rejects")
                && n.contains("spec.selector")),
            "{notes:?}"
        );
    }

    #[test]
    fn a_changed_volume_claim_template_is_rejected() {
        let sts = |size: &str| {
            model(&[(
                "db.yaml",
                &format!(
                    "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {{app: db}}\n  template:\n    metadata:\n      labels: {{app: db}}\n    spec:\n      containers:\n      - name: db\n        image: postgres:16\n  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: {size}\n"
                ),
            )])
        };
        let notes = notes_between(&sts("5Gi"), &sts("10Gi"));
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].starts_with("StatefulSet/default/db: the API server rejects this change to `spec.volumeClaimTemplates`"), "{notes:?}");
    }

    #[test]
    fn a_replicas_change_has_no_note() {
        let new = feastflow_with("06-backend-deployment.yaml", "replicas: 2", "replicas: 3");
        assert!(notes_of(&new).is_empty());
    }

    #[test]
    fn top_fields() {
        assert_eq!(
            top_field("spec.volumeClaimTemplates[0].spec"),
            "spec.volumeClaimTemplates"
        );
        assert_eq!(top_field("spec.serviceName"), "spec.serviceName");
    }
}
