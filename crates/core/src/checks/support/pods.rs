//! The pod specs of the model, the ServiceAccount they run as and the volumes they mount.

use k8s_openapi::api::core::v1::{PodSecurityContext, PodSpec};

use crate::checks::{Check, Context, Finding};
use crate::model::{ContainerRef, Object};

/// A pod spec of the model (a bare Pod or a workload's template) with its containers.
pub(crate) struct Pod<'a> {
    /// The object that runs the pods.
    pub obj: &'a Object,
    /// The pod spec.
    pub spec: &'a PodSpec,
    /// Where the pod spec is written, e.g. `spec.template.spec`.
    pub path: &'static str,
    /// Init containers first, then the app containers.
    pub containers: Vec<ContainerRef<'a>>,
}

impl<'a> Pod<'a> {
    /// The pod-level securityContext.
    pub(crate) fn security_context(&self) -> Option<&'a PodSecurityContext> {
        self.spec.security_context.as_ref()
    }

    /// The path of a pod-level field, e.g. `spec.template.spec.hostNetwork`.
    pub(crate) fn field(&self, field: &str) -> String {
        format!("{}.{field}", self.path)
    }

    /// Whether the pod runs on Windows nodes (`spec.os.name` or a `kubernetes.io/os` node
    /// selector), where the Linux-only settings do not apply.
    pub(crate) fn is_windows(&self) -> bool {
        let by_os = self.spec.os.as_ref().is_some_and(|os| os.name == "windows");
        let by_selector = self
            .spec
            .node_selector
            .as_ref()
            .and_then(|s| s.get("kubernetes.io/os"))
            .is_some_and(|os| os == "windows");
        by_os || by_selector
    }
}

/// Every pod spec of the model, in model order (see [`Context::pods`]).
pub(crate) fn pods<'c, 'a>(ctx: &'c Context<'a>) -> std::slice::Iter<'c, Pod<'a>> {
    ctx.pods().iter()
}

/// The ServiceAccount the pod runs as (`default` when unset), and the field that names it, if any
/// (`serviceAccountName`, or the deprecated `serviceAccount`).
pub(crate) fn service_account<'a>(pod: &Pod<'a>) -> (&'a str, Option<&'static str>) {
    let spec = pod.spec;
    let named = |v: &'a Option<String>| v.as_deref().filter(|n| !n.is_empty());
    if let Some(name) = named(&spec.service_account_name) {
        (name, Some("serviceAccountName"))
    } else if let Some(name) = named(&spec.service_account) {
        (name, Some("serviceAccount"))
    } else {
        ("default", None)
    }
}

/// The findings of a host-namespace check: one for every pod spec whose `field` is `true`.
pub(crate) fn host_namespace(
    ctx: &Context,
    check: &'static Check,
    field: &str,
    get: impl Fn(&PodSpec) -> Option<bool>,
    message: &str,
    help: &str,
) -> Vec<Finding> {
    pods(ctx)
        .filter(|pod| get(pod.spec) == Some(true))
        .map(|pod| Finding::new(check, pod.obj, &pod.field(field), message).help(help))
        .collect()
}

/// The containers that mount the volume named `volume`, each with whether some mount of it is
/// writable (not `readOnly: true`).
pub(crate) fn mounts_of<'p, 'a>(
    pod: &'p Pod<'a>,
    volume: &str,
) -> Vec<(&'p ContainerRef<'a>, bool)> {
    pod.containers
        .iter()
        .filter_map(|c| {
            let mounts: Vec<_> = c
                .container
                .volume_mounts
                .iter()
                .flatten()
                .filter(|m| m.name == volume)
                .collect();
            (!mounts.is_empty()).then(|| (c, mounts.iter().any(|m| m.read_only != Some(true))))
        })
        .collect()
}
