//! Objects and fields: which objects were added, removed or changed, and which fields changed.
//!
//! Objects are compared as typed values (the k8s-openapi type serialised back to JSON), so key
//! order, quoting, comments and other formatting never count as a change. Objects of kinds the
//! core does not type are compared as written, with a scalar and its quoted form (`3`, `"3"`)
//! counting as equal. Secret values never leave this module: a Secret's fields show as
//! `hidden` and `changed`.

use foldhash::{HashMap, HashSet, HashSetExt};
use serde::Serialize;
use serde_json::Value;

use crate::model::{Model, Object, ObjectId, Resource};

/// How an object changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Change {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, with different content.
    Changed,
}

impl Change {
    /// `added`, `removed` or `changed`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One object that differs between the two versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectChange {
    /// The object's id (objects are matched by id).
    pub id: ObjectId,
    /// Its kind.
    pub kind: String,
    /// Added, removed or changed.
    pub change: Change,
    /// The changed fields (empty for added and removed objects).
    pub fields: Vec<FieldChange>,
    /// The file and first line of the object in the old version.
    pub old_at: Option<(String, usize)>,
    /// The file and first line of the object in the new version.
    pub new_at: Option<(String, usize)>,
}

/// One changed field of an object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The field's path, e.g. `spec.template.spec.containers[0].image`.
    pub path: String,
    /// The old value (`None` when the field was not set); `"hidden"` for a Secret value.
    pub old: Option<Value>,
    /// The new value (`None` when the field is no longer set); `"changed"` for a Secret value.
    pub new: Option<Value>,
    /// The line of the field (or its nearest written parent) in the old version.
    pub old_line: Option<usize>,
    /// The line of the field (or its nearest written parent) in the new version.
    pub new_line: Option<usize>,
    /// Whether the values are masked because they are a Secret's.
    pub masked: bool,
}

impl FieldChange {
    /// Whether the field is `prefix` or lies under it (`spec.template` holds
    /// `spec.template.spec.containers[0].image`).
    pub fn is_under(&self, prefix: &str) -> bool {
        path_is_under(&self.path, prefix)
    }
}

/// Whether `path` is `prefix` or lies under it.
pub(crate) fn path_is_under(path: &str, prefix: &str) -> bool {
    match path.strip_prefix(prefix) {
        Some(rest) => rest.is_empty() || rest.starts_with('.') || rest.starts_with('['),
        None => false,
    }
}

/// The objects of a model, each id once (the last definition wins, as in [`Model::get`]), in
/// model order of their first definition.
fn unique_objects(model: &Model) -> Vec<&Object> {
    let last = by_id(model);
    let mut seen = HashSet::new();
    model
        .objects
        .iter()
        .filter(|o| seen.insert(&o.id))
        .map(|o| last.get(&o.id).copied().unwrap_or(o))
        .collect()
}

/// Every object by id (the last definition of an id wins).
fn by_id(model: &Model) -> HashMap<&ObjectId, &Object> {
    model.objects.iter().map(|o| (&o.id, o)).collect()
}

/// The objects that differ: changed and added ones in the new version's order, then removed ones
/// in the old version's order.
pub fn compare_objects(old: &Model, new: &Model) -> Vec<ObjectChange> {
    let (old_ids, new_ids) = (by_id(old), by_id(new));
    let mut out = Vec::new();
    for object in unique_objects(new) {
        match old_ids.get(&object.id) {
            None => out.push(ObjectChange {
                id: object.id.clone(),
                kind: object.kind.clone(),
                change: Change::Added,
                fields: Vec::new(),
                old_at: None,
                new_at: Some(at(object)),
            }),
            Some(before) => {
                let fields = compare_fields(before, object);
                if !fields.is_empty() {
                    out.push(ObjectChange {
                        id: object.id.clone(),
                        kind: object.kind.clone(),
                        change: Change::Changed,
                        fields,
                        old_at: Some(at(before)),
                        new_at: Some(at(object)),
                    });
                }
            }
        }
    }
    for object in unique_objects(old) {
        if !new_ids.contains_key(&object.id) {
            out.push(ObjectChange {
                id: object.id.clone(),
                kind: object.kind.clone(),
                change: Change::Removed,
                fields: Vec::new(),
                old_at: Some(at(object)),
                new_at: None,
            });
        }
    }
    out
}

fn at(object: &Object) -> (String, usize) {
    (object.file.to_string(), object.pos.line)
}

/// The changed fields between two versions of one object.
pub fn compare_fields(old: &Object, new: &Object) -> Vec<FieldChange> {
    let lenient =
        matches!(*old.resource, Resource::Other(_)) || matches!(*new.resource, Resource::Other(_));
    let (a, b) = (typed_json(old), typed_json(new));
    let mut raw = Vec::new();
    walk(&mut String::new(), Some(&a), Some(&b), lenient, &mut raw);
    let secret = old.kind == "Secret" || new.kind == "Secret";
    raw.into_iter()
        .map(|(path, o, n)| {
            let masked = secret && is_secret_value(&path);
            let (o, n) = if masked {
                (
                    o.map(|_| Value::from("hidden")),
                    n.map(|_| Value::from("changed")),
                )
            } else {
                (o, n)
            };
            FieldChange {
                old_line: o.as_ref().map(|_| old.locate(&path).line),
                new_line: n.as_ref().map(|_| new.locate(&path).line),
                path,
                old: o,
                new: n,
                masked,
            }
        })
        .collect()
}

/// Whether a field of a Secret may hold a value: everything except its metadata (but the
/// last-applied annotation, which copies the data), `type` and `immutable`.
fn is_secret_value(path: &str) -> bool {
    let safe = ["apiVersion", "kind", "type", "immutable", "metadata"];
    let is_safe = safe.iter().any(|p| path_is_under(path, p));
    !is_safe || path.contains("last-applied-configuration") || path == "metadata"
}

/// The object as typed JSON, with the apiVersion as written (a converted object's typed value
/// carries the current one).
pub(crate) fn typed_json(object: &Object) -> Value {
    let typed = match &*object.resource {
        Resource::Namespace(r) => serde_json::to_value(r),
        Resource::ConfigMap(r) => serde_json::to_value(r),
        Resource::Secret(r) => serde_json::to_value(r),
        Resource::PersistentVolumeClaim(r) => serde_json::to_value(r),
        Resource::PersistentVolume(r) => serde_json::to_value(r),
        Resource::StorageClass(r) => serde_json::to_value(r),
        Resource::ServiceAccount(r) => serde_json::to_value(r),
        Resource::Pod(r) => serde_json::to_value(r),
        Resource::ReplicaSet(r) => serde_json::to_value(r),
        Resource::ReplicationController(r) => serde_json::to_value(r),
        Resource::Deployment(r) => serde_json::to_value(r),
        // Its type holds only the fields Manifesto models; triggers and hooks change too.
        #[allow(clippy::match_same_arms, reason = "kept apart from `Other` to say why")]
        Resource::DeploymentConfig(_) => Ok((*object.raw).clone()),
        Resource::StatefulSet(r) => serde_json::to_value(r),
        Resource::DaemonSet(r) => serde_json::to_value(r),
        Resource::Job(r) => serde_json::to_value(r),
        Resource::CronJob(r) => serde_json::to_value(r),
        Resource::Service(r) => serde_json::to_value(r),
        Resource::Ingress(r) => serde_json::to_value(r),
        Resource::IngressClass(r) => serde_json::to_value(r),
        Resource::HorizontalPodAutoscaler(r) => serde_json::to_value(r),
        Resource::PodDisruptionBudget(r) => serde_json::to_value(r),
        Resource::NetworkPolicy(r) => serde_json::to_value(r),
        Resource::Role(r) => serde_json::to_value(r),
        Resource::ClusterRole(r) => serde_json::to_value(r),
        Resource::RoleBinding(r) => serde_json::to_value(r),
        Resource::ClusterRoleBinding(r) => serde_json::to_value(r),
        Resource::Other(_) => Ok((*object.raw).clone()),
    };
    let mut value = typed.unwrap_or_else(|_| (*object.raw).clone());
    if let Value::Object(map) = &mut value {
        map.insert(
            "apiVersion".to_owned(),
            Value::from(object.api_version.clone()),
        );
    }
    value
}

type RawChange = (String, Option<Value>, Option<Value>);

/// Compares two values field by field, appending `(path, old, new)` for every difference.
fn walk(
    path: &mut String,
    old: Option<&Value>,
    new: Option<&Value>,
    lenient: bool,
    out: &mut Vec<RawChange>,
) {
    match (old, new) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let len = path.len();
                push_key(path, key);
                walk(path, a.get(key), b.get(key), lenient, out);
                path.truncate(len);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => {
            for i in 0..a.len().max(b.len()) {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(path, a.get(i), b.get(i), lenient, out);
                path.truncate(len);
            }
        }
        (a, b) => {
            let same = match (a, b) {
                (Some(a), Some(b)) => a == b || (lenient && same_scalar(a, b)),
                (None, None) => true,
                _ => false,
            };
            if !same {
                out.push((path.clone(), a.cloned(), b.cloned()));
            }
        }
    }
}

/// A scalar and its quoted form (`3` and `"3"`, `true` and `"true"`).
fn same_scalar(a: &Value, b: &Value) -> bool {
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    matches!((text(a), text(b)), (Some(x), Some(y)) if x == y)
}

/// Appends a key to a path: `.key`, or `["key"]` when the key holds a dot, slash or bracket.
fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push_str(&format!("[{}]", Value::from(key)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{feastflow, feastflow_edits, feastflow_with, model};

    #[track_caller]
    fn changes(old: &Model, new: &Model) -> Vec<(String, String)> {
        compare_objects(old, new)
            .into_iter()
            .map(|c| (c.id.to_string(), c.change.as_str().to_owned()))
            .collect()
    }

    #[test]
    fn an_image_bump_changes_one_field_with_its_lines() {
        let old = feastflow();
        let new = feastflow_with(
            "06-backend-deployment.yaml",
            "image: feastflow-backend:latest",
            "image: feastflow-backend:v1.4.0",
        );
        let diff = compare_objects(&old, &new);
        assert_eq!(diff.len(), 1);
        assert_eq!(
            diff[0].id.as_str(),
            "Deployment/feastflow/feastflow-backend"
        );
        assert_eq!(diff[0].change, Change::Changed);
        let field = &diff[0].fields[0];
        assert_eq!(diff[0].fields.len(), 1);
        assert_eq!(field.path, "spec.template.spec.containers[0].image");
        assert_eq!(field.old, Some(Value::from("feastflow-backend:latest")));
        assert_eq!(field.new, Some(Value::from("feastflow-backend:v1.4.0")));
        assert_eq!(field.old_line, Some(34));
        assert_eq!(field.new_line, Some(34));
    }

    #[test]
    fn formatting_alone_is_no_change() {
        let old = model(&[(
            "a.yaml",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {app: web, tier: \"front\"}\nspec:\n  ports:\n  - port: 80\n    targetPort: 8080\n  selector:\n    app: web\n",
        )]);
        let new = model(&[(
            "b.yaml",
            "# the web Service\nkind: Service\napiVersion: \"v1\"\nmetadata:\n  labels:\n    tier: front\n    app: 'web'\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - targetPort: 8080\n    port: 80 # http\n",
        )]);
        assert_eq!(changes(&old, &new), Vec::<(String, String)>::new());
    }

    #[test]
    fn untyped_kinds_treat_quoted_scalars_as_equal() {
        let cr = |v: &str| {
            model(&[(
                "cr.yaml",
                &format!(
                    "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: {v}\n"
                ),
            )])
        };
        assert!(compare_objects(&cr("3"), &cr("\"3\"")).is_empty());
        let diff = compare_objects(&cr("3"), &cr("4"));
        assert_eq!(diff[0].fields[0].path, "spec.size");
    }

    #[test]
    fn added_and_removed_objects_are_matched_by_id() {
        let old = model(&[(
            "a.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n",
        )]);
        let new = model(&[(
            "a.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
        )]);
        assert_eq!(
            changes(&old, &new),
            vec![
                ("ConfigMap/default/c".to_owned(), "added".to_owned()),
                ("ConfigMap/default/a".to_owned(), "removed".to_owned()),
            ]
        );
    }

    #[test]
    fn secret_values_are_masked() {
        let old = feastflow();
        let new = feastflow_edits(&[
            (
                "02-secrets.yaml",
                "DB_PASSWORD: ZmVhc3RmbG93LWRldi1wYXNzd29yZA==",
                "DB_PASSWORD: bmV3LXBhc3N3b3Jk",
            ),
            (
                "02-secrets.yaml",
                "# change-me-feastflow-jwt-signing-key",
                "\nstringData:\n  API_KEY: plain-text-key",
            ),
        ]);
        let diff = compare_objects(&old, &new);
        assert_eq!(diff.len(), 1);
        let text = serde_json::to_string(&diff).unwrap_or_default();
        assert!(!text.contains("bmV3LXBhc3N3b3Jk"), "{text}");
        assert!(!text.contains("ZmVhc3RmbG93"), "{text}");
        assert!(!text.contains("plain-text-key"), "{text}");
        let paths: Vec<&str> = diff[0].fields.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["data.DB_PASSWORD", "stringData"]);
        assert!(diff[0].fields.iter().all(|f| f.masked));
        assert_eq!(diff[0].fields[0].new, Some(Value::from("changed")));
    }

    #[test]
    fn keys_with_dots_are_quoted_in_paths() {
        let old = feastflow();
        let new = feastflow_with(
            "06-backend-deployment.yaml",
            "prometheus.io/port: \"5000\"",
            "prometheus.io/port: \"5001\"",
        );
        let diff = compare_objects(&old, &new);
        assert_eq!(
            diff[0].fields[0].path,
            "spec.template.metadata.annotations[\"prometheus.io/port\"]"
        );
        assert_eq!(diff[0].fields[0].new_line, Some(29));
    }

    #[test]
    fn paths_under_a_prefix() {
        assert!(path_is_under("spec.template.spec", "spec.template"));
        assert!(path_is_under("spec.template", "spec.template"));
        assert!(!path_is_under("spec.templates", "spec.template"));
        assert!(path_is_under("data[\"a.b\"]", "data"));
    }
}
