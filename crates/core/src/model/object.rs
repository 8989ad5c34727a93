//! One object of the manifests, with where it was written.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::resource::Resource;
use crate::parse::tree::{Node, Seg, path_steps};
use crate::source::{Diagnostic, Location, Pos};

/// The id of an object everywhere (UI, CLI, tests): `Kind/namespace/name`, or `Kind/name` for
/// cluster-scoped kinds. Shared text: a copy (every edge, finding and index holds some) costs no
/// allocation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ObjectId(Arc<str>);

impl ObjectId {
    /// The id of an object of `kind` named `name`, in `namespace` unless cluster-scoped.
    pub fn new(kind: &str, namespace: Option<&str>, name: &str) -> Self {
        match namespace {
            Some(ns) => ObjectId(format!("{kind}/{ns}/{name}").into()),
            None => ObjectId(format!("{kind}/{name}").into()),
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The kind part of the id.
    pub fn kind(&self) -> &str {
        self.0.split('/').next().unwrap_or_default()
    }

    /// The name part of the id.
    pub fn name(&self) -> &str {
        self.0.rsplit('/').next().unwrap_or_default()
    }
}

/// Lookups by the id's text: an `ObjectId` hashes and compares as its text.
impl std::borrow::Borrow<str> for ObjectId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ObjectId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A field that the schema of its kind does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownField {
    /// Its path, e.g. `spec.replica`.
    pub path: String,
    /// Where its key is written.
    pub location: Location,
    /// A known field name close to it, e.g. `replicas`.
    pub suggestion: Option<String>,
}

/// An object defined in the manifests.
#[derive(Debug, Clone)]
pub struct Object {
    /// `Kind/namespace/name` or `Kind/name`.
    pub id: ObjectId,
    /// The kind, e.g. `Deployment`.
    pub kind: String,
    /// The apiVersion as written (e.g. `extensions/v1beta1`), even when the content was converted.
    pub api_version: String,
    /// The namespace; `None` for cluster-scoped kinds, the apply-time namespace (`default` unless
    /// [`crate::parse::ParseOptions`] says otherwise) when a namespaced object names none.
    pub namespace: Option<String>,
    /// `metadata.name`.
    pub name: String,
    /// The name of the file it was written in (shared with every location in it).
    pub file: Arc<str>,
    /// 0-based index of its document in the file.
    pub document: usize,
    /// Where the object starts (its first key).
    pub pos: Pos,
    /// The typed content; shared, so copies of a reading kept for the next one (and the model
    /// made from it) cost no copy of it.
    pub resource: Arc<Resource>,
    /// The content as plain JSON (as written, before any conversion); shared, so copies of a
    /// reading kept for the next one cost no copy of it.
    pub raw: Arc<serde_json::Value>,
    /// Why the content of a built-in kind did not fit its type, if it did not (the object is then
    /// read as [`Resource::Other`]); the same diagnostic is in the model's diagnostics.
    pub type_error: Option<Diagnostic>,
    /// The fields of a built-in kind that its schema does not know (`spec.replica`), which the
    /// API server's strict field validation refuses; empty for custom resources.
    pub unknown_fields: Vec<UnknownField>,
    /// The located tree the object was read from.
    pub(crate) tree: Arc<Node>,
}

impl Object {
    /// Where the object starts.
    pub fn location(&self) -> Location {
        Location::new(self.file.clone(), self.pos)
    }

    /// Whether a controller manages the object (`ownerReferences` with `controller: true`), as it
    /// does the ReplicaSets and Pods of a `kubectl get -o yaml` dump.
    pub fn is_controlled(&self) -> bool {
        self.resource
            .metadata()
            .owner_references
            .iter()
            .flatten()
            .any(|r| r.controller == Some(true))
    }

    /// The location of the field at `path` (e.g. `spec.template.spec.containers[0].image`, or
    /// `metadata.annotations["a.b/c"]`): the key's position for a mapping key, the item's for a
    /// sequence index. A field that is not written points at its nearest written ancestor.
    pub fn locate(&self, path: &str) -> Location {
        Location::new(
            self.file.clone(),
            self.tree.locate_steps(path_steps(path)).0,
        )
    }

    /// Like [`Object::locate`], but `None` when the field itself is not written.
    pub fn find(&self, path: &str) -> Option<Location> {
        let (pos, found) = self.tree.locate_steps(path_steps(path));
        found.then(|| Location::new(self.file.clone(), pos))
    }

    /// The location for a path given as steps.
    pub fn locate_segs(&self, segs: &[Seg]) -> Location {
        Location::new(self.file.clone(), self.tree.locate(segs).0)
    }

    /// The object's labels (empty when none).
    pub fn labels(&self) -> &BTreeMap<String, String> {
        static EMPTY: BTreeMap<String, String> = BTreeMap::new();
        self.resource.metadata().labels.as_ref().unwrap_or(&EMPTY)
    }

    /// The object's annotations (empty when none).
    pub fn annotations(&self) -> &BTreeMap<String, String> {
        static EMPTY: BTreeMap<String, String> = BTreeMap::new();
        self.resource
            .metadata()
            .annotations
            .as_ref()
            .unwrap_or(&EMPTY)
    }

    /// The namespace, or `""` for a cluster-scoped object.
    pub fn ns(&self) -> &str {
        self.namespace.as_deref().unwrap_or("")
    }

    /// The line range `(first, last)` of the object's text in its file (1-based, inclusive),
    /// from its first key to the last line holding one of its values.
    pub fn line_range(&self) -> (usize, usize) {
        fn last_line(node: &Node) -> usize {
            use crate::parse::tree::Value;
            match &node.value {
                Value::Seq(items) => items.iter().map(last_line).max().unwrap_or(node.pos.line),
                Value::Map(entries) => entries
                    .iter()
                    .map(|e| last_line(&e.value))
                    .max()
                    .unwrap_or(node.pos.line),
                _ => node.pos.line,
            }
        }
        (self.pos.line, last_line(&self.tree).max(self.pos.line))
    }
}
