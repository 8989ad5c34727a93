//! The model: every object the user's manifests define, typed with the real Kubernetes types
//! where the kind is known, each with its source location.

mod labels;
mod object;
mod resource;
mod workload;

pub use labels::{describe_label_map, describe_selector, map_selector_matches, selector_matches};
pub use object::{Object, ObjectId};
pub use resource::{Resource, is_cluster_scoped};
pub use workload::{ContainerRef, PodSpecRef};

use crate::source::{Diagnostic, SourceFile};

/// Everything read from a set of files: the files themselves, the objects they define (in file
/// and document order) and the diagnostics met while reading them.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The files, in the order given.
    pub files: Vec<SourceFile>,
    /// The objects, in file and document order.
    pub objects: Vec<Object>,
    /// Problems met while reading, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Model {
    /// Reads every file. Never fails: what cannot be read becomes a diagnostic.
    pub fn from_files(files: Vec<SourceFile>) -> Model {
        crate::parse::parse_files(files)
    }

    /// The object with this id (the last one, if the id is defined twice).
    pub fn get(&self, id: &ObjectId) -> Option<&Object> {
        self.objects.iter().rev().find(|o| &o.id == id)
    }

    /// The object with this id given as text (`Kind/namespace/name` or `Kind/name`).
    pub fn get_str(&self, id: &str) -> Option<&Object> {
        self.objects.iter().rev().find(|o| o.id.as_str() == id)
    }

    /// The file with this name.
    pub fn file(&self, name: &str) -> Option<&SourceFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// The objects of one kind, e.g. `"Service"`.
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Object> + 'a {
        self.objects.iter().filter(move |o| o.kind == kind)
    }

    /// The objects in one namespace.
    pub fn in_namespace<'a>(&'a self, namespace: &'a str) -> impl Iterator<Item = &'a Object> + 'a {
        self.objects.iter().filter(move |o| o.namespace.as_deref() == Some(namespace))
    }

    /// The objects that run pods (workloads and bare Pods), in model order.
    pub fn pod_owners(&self) -> impl Iterator<Item = &Object> {
        self.objects.iter().filter(|o| o.pod_spec().is_some())
    }

    /// The namespaces that objects live in, sorted, without duplicates.
    pub fn namespaces(&self) -> Vec<String> {
        let mut names: Vec<String> = self.objects.iter().filter_map(|o| o.namespace.clone()).collect();
        names.sort();
        names.dedup();
        names
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == crate::Severity::Error)
    }
}
