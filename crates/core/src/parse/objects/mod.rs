//! From documents to objects: identity (kind, name, namespace), `kind: List` items, conversion of
//! older apiVersions and deserialisation into the real Kubernetes types.

mod again;
mod fields;
mod kept;
mod reader;

pub use again::parse_file_again;
pub use fields::current_api_version;
pub use kept::{KeptReadings, SteppedReading};

use std::borrow::Cow;
use std::sync::Arc;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value as Json, json};

use super::tree::{Node, Seg, Value};
use crate::model::{
    DeploymentConfig, Model, Object, ObjectId, Resource, UnknownField, is_cluster_scoped,
};
use crate::source::{Diagnostic, Location, SourceFile};

/// How to read manifests: what `kubectl apply` would add to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseOptions {
    /// The namespace of namespaced objects that name none (`kubectl apply -n NS`); `default`
    /// unless given.
    pub default_namespace: String,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            default_namespace: "default".to_owned(),
        }
    }
}

impl ParseOptions {
    /// Options that put namespace-less namespaced objects in `namespace` (an empty text means
    /// `default`).
    pub fn with_namespace(namespace: &str) -> Self {
        let namespace = namespace.trim();
        ParseOptions {
            default_namespace: if namespace.is_empty() {
                "default".to_owned()
            } else {
                namespace.to_owned()
            },
        }
    }
}

/// Reads every file into a [`Model`] with the default [`ParseOptions`].
pub fn parse_files(files: Vec<SourceFile>) -> Model {
    parse_files_with(files, &ParseOptions::default())
}

impl FileObjects {
    /// A copy of the objects and problems, for a model: without what the next reading may keep
    /// (each document's text again), which the model never reads.
    fn model_part(&self) -> FileObjects {
        FileObjects {
            objects: self.objects.clone(),
            diagnostics: self.diagnostics.clone(),
            documents_read: self.documents_read,
            read: None,
        }
    }
}

/// Reads every file into a [`Model`]. Never fails: each problem becomes a located diagnostic and
/// the documents around it are still read.
pub fn parse_files_with(files: Vec<SourceFile>, options: &ParseOptions) -> Model {
    let parts: Vec<FileObjects> = files.iter().map(|f| parse_file(f, options)).collect();
    model_from_parts(files, parts)
}

/// What one file holds: its objects and the problems met reading it, in document order. Files
/// are read independently, so a caller can keep the parts of files that did not change and read
/// again only the edited one ([`model_from_parts`]); within an edited file, [`parse_file_again`]
/// reads again only the documents that changed.
#[derive(Debug, Clone, Default)]
pub struct FileObjects {
    /// The objects, in document order (a `List`'s items in place of the list).
    pub objects: Vec<Object>,
    /// The problems met, located in the file.
    pub diagnostics: Vec<Diagnostic>,
    /// How many documents this reading parsed (the others were kept from the last reading).
    pub documents_read: usize,
    /// What was read, document by document: what the next reading may keep.
    read: Option<again::ReadFile>,
}

/// Reads one file's documents into objects.
pub fn parse_file(file: &SourceFile, options: &ParseOptions) -> FileObjects {
    parse_file_again(file, options, &FileObjects::default())
}

/// The model of `files` from their parts ([`parse_file`] of each, in the same order): the same
/// model [`parse_files_with`] reads.
pub fn model_from_parts(
    files: Vec<SourceFile>,
    parts: impl IntoIterator<Item = FileObjects>,
) -> Model {
    let mut objects = Vec::new();
    let mut diagnostics = Vec::new();
    for part in parts {
        objects.extend(part.objects);
        diagnostics.extend(part.diagnostics);
    }
    diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
    Model {
        files,
        objects,
        diagnostics,
        index: std::sync::OnceLock::default(),
    }
}

fn read_document(
    file: &str,
    index: usize,
    node: Node,
    options: &ParseOptions,
    objects: &mut Vec<Object>,
    diags: &mut Vec<Diagnostic>,
) {
    let here = |pos| Location::new(file, pos);
    if !matches!(node.value, Value::Map(_)) {
        diags.push(Diagnostic::error(
            here(node.pos),
            "this document is not a Kubernetes object: an object is a mapping with apiVersion, kind and metadata",
        ));
        return;
    }
    let is_list = node.str_at("kind").is_some_and(|k| {
        k == "List" || (k.ends_with("List") && node.get(&[Seg::Key("items".into())]).is_some())
    });
    if is_list {
        match node.get(&[Seg::Key("items".into())]).map(|n| &n.value) {
            Some(Value::Seq(items)) => {
                for item in items {
                    read_document(file, index, item.clone(), options, objects, diags);
                }
            }
            Some(Value::Null) | None => {}
            Some(_) => diags.push(Diagnostic::error(
                here(node.pos),
                "`items` of a List must be a sequence of objects",
            )),
        }
        return;
    }
    if let Some(object) = read_object(file, index, node, options, diags) {
        objects.push(object);
    }
}

fn read_object(
    file: &str,
    document: usize,
    node: Node,
    options: &ParseOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<Object> {
    let here = |pos| Location::new(file, pos);
    let field = |path: &str| {
        let segs: Vec<Seg> = path.split('.').map(|k| Seg::Key(k.to_owned())).collect();
        let value = node.get(&segs).map(|n| &n.value);
        let pos = node.locate(&segs).0;
        (value, pos)
    };
    let mut missing = Vec::new();
    let mut text_of = |path: &str| match field(path) {
        (Some(Value::Str(s)), _) if !s.is_empty() => Some(s.clone()),
        (Some(Value::Null) | None, _) => {
            missing.push(path.to_owned());
            None
        }
        (Some(Value::Str(_)), pos) => {
            diags.push(Diagnostic::error(
                here(pos),
                format!("`{path}` must not be empty"),
            ));
            None
        }
        (Some(_), pos) => {
            diags.push(Diagnostic::error(
                here(pos),
                format!("`{path}` must be a string"),
            ));
            None
        }
    };
    let api_version = text_of("apiVersion");
    let kind = text_of("kind");
    let name = text_of("metadata.name");
    let written_namespace = match field("metadata.namespace") {
        (Some(Value::Str(s)), _) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    let generate_name = match field("metadata.generateName") {
        (Some(Value::Str(s)), _) => Some(s.clone()),
        _ => None,
    };
    let name = name.or_else(|| generate_name.inspect(|_| missing.retain(|m| m != "metadata.name")));
    if !missing.is_empty() {
        let what = match (&kind, &name) {
            (Some(k), Some(n)) => format!("{k} {n}"),
            (Some(k), None) => format!("this {k}"),
            _ => "this document".to_owned(),
        };
        let fields = missing
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(", ");
        diags.push(Diagnostic::error(
            here(node.pos),
            format!("{what} has no {fields}; every Kubernetes object needs apiVersion, kind and metadata.name"),
        ));
        return None;
    }
    let (api_version, kind, name) = (api_version?, kind?, name?);
    let namespace = if is_cluster_scoped(&kind) {
        None
    } else {
        Some(written_namespace.unwrap_or_else(|| options.default_namespace.clone()))
    };
    let raw = node.to_json();
    if let Some(right) = fields::wrong_api_version(&api_version, &kind) {
        let (pos, _) = node.locate(&[Seg::Key("apiVersion".into())]);
        diags.push(Diagnostic::error(
            here(pos),
            format!("{kind} {name}: apiVersion `{api_version}` does not serve kind {kind}; use `apiVersion: {right}`"),
        ));
    }
    if api_version == "networking.k8s.io/v1" && kind == "Ingress" {
        for path in fields::v1beta1_backends(&raw) {
            let (pos, _) = node.locate(&path);
            diags.push(Diagnostic::error(
                here(pos),
                format!(
                    "Ingress {name}: `{}` uses serviceName/servicePort, the v1beta1 shape; networking.k8s.io/v1 writes `service: {{name: web, port: {{number: 80}}}}` (or `port: {{name: http}}`)",
                    show_path(&path)
                ),
            ));
        }
    }
    let mut type_error = None;
    let mut ignored: Vec<Vec<Seg>> = Vec::new();
    let resource = match typed(&api_version, &kind, &raw, &mut ignored) {
        Ok(resource) => resource,
        Err((path, message)) => {
            let (pos, _) = node.locate(&path);
            let shown = show_path(&path);
            let diag = Diagnostic::error(here(pos), format!("{kind} {name}: `{shown}` {message}"));
            diags.push(diag.clone());
            type_error = Some(diag);
            Resource::Other(Box::new(metadata(&raw).unwrap_or_default()))
        }
    };
    let unknown_fields = if type_error.is_some() {
        Vec::new()
    } else {
        unknown_fields(file, &node, ignored)
    };
    Some(Object {
        id: ObjectId::new(&kind, namespace.as_deref(), &name),
        kind,
        api_version,
        namespace,
        name,
        file: file.into(),
        document,
        pos: node.pos,
        resource: Arc::new(resource),
        raw: Arc::new(raw),
        type_error,
        unknown_fields,
        tree: Arc::new(node),
    })
}

/// The ignored paths as located unknown fields, each with a "did you mean" from its written
/// siblings or the schemas' field names.
fn unknown_fields(file: &str, node: &Node, ignored: Vec<Vec<Seg>>) -> Vec<UnknownField> {
    let mut out: Vec<UnknownField> = ignored
        .into_iter()
        .filter_map(|path| {
            let Some(Seg::Key(key)) = path.last() else {
                return None;
            };
            let (pos, found) = node.locate(&path);
            if !found {
                // Added by a conversion, not written: not the user's field.
                return None;
            }
            let parent = &path[..path.len() - 1];
            let siblings: Vec<&str> = match node.get(parent).map(|n| &n.value) {
                Some(Value::Map(entries)) => entries.iter().map(|e| e.key.as_str()).collect(),
                _ => Vec::new(),
            };
            Some(UnknownField {
                suggestion: fields::suggest(key, &siblings),
                path: show_path(&path),
                location: Location::new(file, pos),
            })
        })
        .collect();
    out.sort_by(|a, b| a.location.cmp(&b.location));
    out.dedup_by(|a, b| a.location == b.location);
    out
}

fn show_path(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) if k.contains('.') => out.push_str(&format!("[\"{k}\"]")),
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() {
        "(object)".into()
    } else {
        out
    }
}

/// Why the content did not match its type: the path of the bad field and the message.
type TypeError = (Vec<Seg>, String);

/// Deserialises the content into the real type for its kind, converting older apiVersions.
fn typed(
    api_version: &str,
    kind: &str,
    raw: &Json,
    ignored: &mut Vec<Vec<Seg>>,
) -> Result<Resource, TypeError> {
    let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
    // Copied only for the kinds converted from an older shape.
    let mut value = Cow::Borrowed(raw);
    let resource = match (group, kind) {
        ("", "Namespace") => Resource::Namespace(Box::new(de(&value, "v1", ignored)?)),
        ("", "ConfigMap") => Resource::ConfigMap(Box::new(de(&value, "v1", ignored)?)),
        ("", "Secret") => Resource::Secret(Box::new(de(&value, "v1", ignored)?)),
        ("", "PersistentVolumeClaim") => {
            Resource::PersistentVolumeClaim(Box::new(de(&value, "v1", ignored)?))
        }
        ("", "PersistentVolume") => {
            Resource::PersistentVolume(Box::new(de(&value, "v1", ignored)?))
        }
        ("", "ServiceAccount") => Resource::ServiceAccount(Box::new(de(&value, "v1", ignored)?)),
        ("", "Pod") => Resource::Pod(Box::new(de(&value, "v1", ignored)?)),
        ("", "Service") => Resource::Service(Box::new(de(&value, "v1", ignored)?)),
        ("", "ReplicationController") => {
            default_map_selector(value.to_mut());
            Resource::ReplicationController(Box::new(de(&value, "v1", ignored)?))
        }
        // OpenShift 3 also served DeploymentConfigs under the legacy `v1`.
        ("apps.openshift.io" | "", "DeploymentConfig") => {
            default_map_selector(value.to_mut());
            Resource::DeploymentConfig(Box::new(deployment_config(&value, ignored)?))
        }
        ("storage.k8s.io", "StorageClass") => {
            Resource::StorageClass(Box::new(de(&value, "storage.k8s.io/v1", ignored)?))
        }
        ("apps" | "extensions", "ReplicaSet") => {
            default_selector(api_version, &mut value);
            Resource::ReplicaSet(Box::new(de(&value, "apps/v1", ignored)?))
        }
        ("apps" | "extensions", "Deployment") => {
            default_selector(api_version, &mut value);
            Resource::Deployment(Box::new(de(&value, "apps/v1", ignored)?))
        }
        ("apps", "StatefulSet") => {
            default_selector(api_version, &mut value);
            Resource::StatefulSet(Box::new(de(&value, "apps/v1", ignored)?))
        }
        ("apps" | "extensions", "DaemonSet") => {
            default_selector(api_version, &mut value);
            Resource::DaemonSet(Box::new(de(&value, "apps/v1", ignored)?))
        }
        ("batch", "Job") => Resource::Job(Box::new(de(&value, "batch/v1", ignored)?)),
        ("batch", "CronJob") => Resource::CronJob(Box::new(de(&value, "batch/v1", ignored)?)),
        ("networking.k8s.io" | "extensions", "Ingress") => {
            convert_ingress_v1beta1(value.to_mut());
            Resource::Ingress(Box::new(de(&value, "networking.k8s.io/v1", ignored)?))
        }
        ("networking.k8s.io", "IngressClass") => {
            Resource::IngressClass(Box::new(de(&value, "networking.k8s.io/v1", ignored)?))
        }
        ("networking.k8s.io" | "extensions", "NetworkPolicy") => {
            Resource::NetworkPolicy(Box::new(de(&value, "networking.k8s.io/v1", ignored)?))
        }
        ("autoscaling", "HorizontalPodAutoscaler") => {
            convert_hpa(api_version, value.to_mut());
            Resource::HorizontalPodAutoscaler(Box::new(de(&value, "autoscaling/v2", ignored)?))
        }
        ("policy", "PodDisruptionBudget") => {
            Resource::PodDisruptionBudget(Box::new(de(&value, "policy/v1", ignored)?))
        }
        ("rbac.authorization.k8s.io", "Role") => Resource::Role(Box::new(de(
            &value,
            "rbac.authorization.k8s.io/v1",
            ignored,
        )?)),
        ("rbac.authorization.k8s.io", "ClusterRole") => Resource::ClusterRole(Box::new(de(
            &value,
            "rbac.authorization.k8s.io/v1",
            ignored,
        )?)),
        ("rbac.authorization.k8s.io", "RoleBinding") => Resource::RoleBinding(Box::new(de(
            &value,
            "rbac.authorization.k8s.io/v1",
            ignored,
        )?)),
        ("rbac.authorization.k8s.io", "ClusterRoleBinding") => Resource::ClusterRoleBinding(
            Box::new(de(&value, "rbac.authorization.k8s.io/v1", ignored)?),
        ),
        _ => Resource::Other(Box::new(metadata(&value)?)),
    };
    Ok(resource)
}

/// Deserialises `value` as the current type whose apiVersion is `api_version`; the paths of the
/// fields the type does not know go to `ignored`.
fn de<T: DeserializeOwned>(
    value: &Json,
    api_version: &str,
    ignored: &mut Vec<Vec<Seg>>,
) -> Result<T, TypeError> {
    reader::read(value, None, Some(api_version), ignored).map_err(type_error)
}

/// Deserialises the `metadata` of `value` (an empty one when there is none), for a kind read as
/// metadata only, whose unknown fields are not reported.
fn metadata(value: &Json) -> Result<ObjectMeta, TypeError> {
    match value.get("metadata") {
        Some(meta) => {
            reader::read(meta, Some("metadata"), None, &mut Vec::new()).map_err(type_error)
        }
        None => Ok(ObjectMeta::default()),
    }
}

/// Deserialises a DeploymentConfig. Its own schema is not known here, so only the parts typed
/// with Kubernetes' types (metadata and the pod template) report unknown fields.
fn deployment_config(
    value: &Json,
    ignored: &mut Vec<Vec<Seg>>,
) -> Result<DeploymentConfig, TypeError> {
    let mut skipped = Vec::new();
    let typed: DeploymentConfig =
        reader::read(value, None, None, &mut skipped).map_err(type_error)?;
    let typed_part = |path: &Vec<Seg>| match path.as_slice() {
        [Seg::Key(first), ..] if first == "metadata" => true,
        [Seg::Key(first), Seg::Key(second), ..] => first == "spec" && second == "template",
        _ => false,
    };
    ignored.extend(skipped.into_iter().filter(typed_part));
    Ok(typed)
}

fn type_error(err: reader::ReadError) -> TypeError {
    let inner = err.message;
    let message = match inner.strip_prefix("missing field ") {
        Some(field) => format!(
            "is missing the required field {}",
            field.replace('`', "").trim()
        ),
        None => format!("has the wrong type: {inner}"),
    };
    (err.path.unwrap_or_default(), message)
}

/// Older workload apiVersions (extensions/v1beta1, apps/v1beta1, apps/v1beta2) defaulted
/// `spec.selector` to the template's labels; `apps/v1` requires it (and is not copied).
fn default_selector(api_version: &str, value: &mut Cow<Json>) {
    if api_version == "apps/v1" {
        return;
    }
    let Some(spec) = value.to_mut().get_mut("spec").and_then(Json::as_object_mut) else {
        return;
    };
    if spec.get("selector").is_none_or(Json::is_null) {
        let labels = spec
            .get("template")
            .and_then(|t| t.pointer("/metadata/labels"))
            .cloned();
        if let Some(labels) = labels {
            spec.insert("selector".into(), json!({ "matchLabels": labels }));
        }
    }
}

/// A ReplicationController's or DeploymentConfig's `spec.selector`, a plain label map, defaults
/// to the template's labels when absent or empty (the API server's defaulting, and OpenShift's).
fn default_map_selector(value: &mut Json) {
    let Some(spec) = value.get_mut("spec").and_then(Json::as_object_mut) else {
        return;
    };
    let written = spec
        .get("selector")
        .is_some_and(|s| !s.is_null() && s.as_object().is_none_or(|m| !m.is_empty()));
    if written {
        return;
    }
    let labels = spec
        .get("template")
        .and_then(|t| t.pointer("/metadata/labels"))
        .filter(|l| l.as_object().is_some_and(|m| !m.is_empty()))
        .cloned();
    if let Some(labels) = labels {
        spec.insert("selector".into(), labels);
    }
}

/// networking.k8s.io/v1beta1 and extensions/v1beta1 Ingress backends use `serviceName` and
/// `servicePort`; v1 uses `service.name` and `service.port`.
fn convert_ingress_v1beta1(value: &mut Json) {
    fn backend(b: &mut Json) {
        let Some(obj) = b.as_object_mut() else { return };
        if let Some(name) = obj.remove("serviceName") {
            let port = match obj.remove("servicePort") {
                Some(Json::Number(n)) => json!({ "number": n }),
                Some(Json::String(s)) => match s.parse::<i64>() {
                    Ok(n) => json!({ "number": n }),
                    Err(_) => json!({ "name": s }),
                },
                _ => json!({}),
            };
            obj.insert("service".into(), json!({ "name": name, "port": port }));
        }
    }
    let Some(spec) = value.get_mut("spec").and_then(Json::as_object_mut) else {
        return;
    };
    if let Some(b) = spec.remove("backend") {
        let mut b = b;
        backend(&mut b);
        spec.insert("defaultBackend".into(), b);
    }
    if let Some(b) = spec.get_mut("defaultBackend") {
        backend(b);
    }
    for rule in spec
        .get_mut("rules")
        .and_then(Json::as_array_mut)
        .into_iter()
        .flatten()
    {
        for path in rule
            .pointer_mut("/http/paths")
            .and_then(Json::as_array_mut)
            .into_iter()
            .flatten()
        {
            if let Some(b) = path.get_mut("backend") {
                backend(b);
            }
            if let Some(p) = path.as_object_mut() {
                p.entry("pathType")
                    .or_insert_with(|| json!("ImplementationSpecific"));
            }
        }
    }
}

/// autoscaling/v1 (`targetCPUUtilizationPercentage`) and v2beta1 (`targetAverageUtilization`)
/// metrics, in the v2 shape.
fn convert_hpa(api_version: &str, value: &mut Json) {
    let Some(spec) = value.get_mut("spec").and_then(Json::as_object_mut) else {
        return;
    };
    if api_version == "autoscaling/v1" {
        if let Some(cpu) = spec.remove("targetCPUUtilizationPercentage") {
            spec.insert(
                "metrics".into(),
                json!([{ "type": "Resource", "resource": { "name": "cpu", "target": { "type": "Utilization", "averageUtilization": cpu } } }]),
            );
        }
        return;
    }
    for metric in spec
        .get_mut("metrics")
        .and_then(Json::as_array_mut)
        .into_iter()
        .flatten()
    {
        let Some(res) = metric.get_mut("resource").and_then(Json::as_object_mut) else {
            continue;
        };
        if res.contains_key("target") {
            continue;
        }
        let mut target = Map::new();
        if let Some(u) = res.remove("targetAverageUtilization") {
            target.insert("type".into(), json!("Utilization"));
            target.insert("averageUtilization".into(), u);
        } else if let Some(v) = res.remove("targetAverageValue") {
            target.insert("type".into(), json!("AverageValue"));
            target.insert("averageValue".into(), v);
        }
        res.insert("target".into(), Json::Object(target));
    }
}

#[cfg(test)]
mod tests;
