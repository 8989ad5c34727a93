//! Helpers shared by the pod-security checks: the pods of the model, their containers, and the
//! effective value of a security setting (the container's value, else the pod's).

use k8s_openapi::api::core::v1::{PodSecurityContext, PodSpec, SecurityContext};
use k8s_openapi::api::rbac::v1::{RoleRef, Subject};

use super::{Check, Context, Finding};
use crate::model::{ContainerRef, Object, Resource};

/// A pod spec of the model (a bare Pod or a workload's template) with its containers.
pub(super) struct Pod<'a> {
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
    pub fn security_context(&self) -> Option<&'a PodSecurityContext> {
        self.spec.security_context.as_ref()
    }

    /// The path of a pod-level field, e.g. `spec.template.spec.hostNetwork`.
    pub fn field(&self, field: &str) -> String {
        format!("{}.{field}", self.path)
    }

    /// Whether the pod runs on Windows nodes (`spec.os.name` or a `kubernetes.io/os` node
    /// selector), where the Linux-only settings do not apply.
    pub fn is_windows(&self) -> bool {
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

/// The ServiceAccount the pod runs as (`default` when unset), and the field that names it, if any
/// (`serviceAccountName`, or the deprecated `serviceAccount`).
pub(super) fn service_account<'a>(pod: &Pod<'a>) -> (&'a str, Option<&'static str>) {
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

/// Every RoleBinding and ClusterRoleBinding of the model: the object, its subjects and its roleRef.
pub(super) fn bindings<'a>(
    ctx: &Context<'a>,
) -> impl Iterator<Item = (&'a Object, &'a [Subject], &'a RoleRef)> {
    ctx.model
        .objects
        .iter()
        .filter_map(|obj| match &obj.resource {
            Resource::RoleBinding(b) => {
                Some((obj, b.subjects.as_deref().unwrap_or_default(), &b.role_ref))
            }
            Resource::ClusterRoleBinding(b) => {
                Some((obj, b.subjects.as_deref().unwrap_or_default(), &b.role_ref))
            }
            _ => None,
        })
}

/// The namespace of a ServiceAccount subject of `binding` (a RoleBinding's own namespace when the
/// subject names none).
pub(super) fn subject_namespace<'a>(binding: &'a Object, subject: &'a Subject) -> &'a str {
    subject
        .namespace
        .as_deref()
        .filter(|ns| !ns.is_empty())
        .unwrap_or(binding.ns())
}

/// Whether a binding in the model grants a role to ServiceAccount `namespace/name`, directly or
/// through the `system:serviceaccounts` groups.
pub(super) fn is_bound(ctx: &Context, namespace: &str, name: &str) -> bool {
    bindings(ctx).any(|(binding, subjects, _)| {
        subjects.iter().any(|s| match s.kind.as_str() {
            "ServiceAccount" => s.name == name && subject_namespace(binding, s) == namespace,
            "Group" => {
                s.name == "system:serviceaccounts"
                    || s.name == format!("system:serviceaccounts:{namespace}")
            }
            _ => false,
        })
    })
}

/// Every pod spec of the model, in model order.
pub(super) fn pods<'a>(ctx: &Context<'a>) -> impl Iterator<Item = Pod<'a>> {
    ctx.model.pod_owners().filter_map(|obj| {
        let spec = obj.pod_spec()?;
        Some(Pod {
            obj,
            spec: spec.spec,
            path: spec.path,
            containers: obj.containers(),
        })
    })
}

/// The container's own securityContext.
pub(super) fn container_sc<'a>(c: &ContainerRef<'a>) -> Option<&'a SecurityContext> {
    c.container.security_context.as_ref()
}

/// The path of a container-level security field, e.g.
/// `spec.template.spec.containers[0].securityContext.privileged`.
pub(super) fn sc_path(c: &ContainerRef, field: &str) -> String {
    format!("{}.securityContext.{field}", c.path)
}

/// `container "web"` or `init container "setup"`, for messages.
pub(super) fn describe(c: &ContainerRef) -> String {
    let kind = if c.init {
        "init container"
    } else {
        "container"
    };
    format!("{kind} \"{}\"", c.container.name)
}

/// A security setting as it applies to one container, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Setting<T> {
    /// The value in force.
    pub value: T,
    /// The path of the field that sets it.
    pub path: String,
    /// Whether it comes from the pod-level securityContext (the container does not set it).
    pub from_pod: bool,
}

/// The value of `field` in force for container `c`: the container's securityContext wins over the
/// pod's (as for runAsUser, runAsGroup, runAsNonRoot, seccompProfile, seLinuxOptions and
/// windowsOptions). `None` when neither sets it.
pub(super) fn effective<T>(
    pod: &Pod,
    c: &ContainerRef,
    field: &str,
    in_container: impl Fn(&SecurityContext) -> Option<T>,
    in_pod: impl Fn(&PodSecurityContext) -> Option<T>,
) -> Option<Setting<T>> {
    if let Some(value) = container_sc(c).and_then(in_container) {
        return Some(Setting {
            value,
            path: sc_path(c, field),
            from_pod: false,
        });
    }
    let value = pod.security_context().and_then(in_pod)?;
    Some(Setting {
        value,
        path: pod.field(&format!("securityContext.{field}")),
        from_pod: true,
    })
}

/// " (set on the pod)" when the setting is inherited from the pod-level securityContext.
pub(super) fn inherited<T>(setting: &Setting<T>) -> &'static str {
    if setting.from_pod {
        " (inherited from the pod securityContext)"
    } else {
        ""
    }
}

/// The findings of a host-namespace check: one for every pod spec whose `field` is `true`.
pub(super) fn host_namespace(
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
pub(super) fn mounts_of<'p, 'a>(
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

/// Container runtime sockets: whoever can talk to one can start a privileged container on the node.
pub(super) fn is_runtime_socket(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    [
        "docker.sock",
        "containerd.sock",
        "crio.sock",
        "cri-dockerd.sock",
        "podman.sock",
    ]
    .iter()
    .any(|sock| path.rsplit('/').next() == Some(sock))
}

/// A capability name as the kernel knows it: upper case, without a `CAP_` prefix.
pub(super) fn capability(name: &str) -> String {
    let upper = name.trim().to_ascii_uppercase();
    upper
        .strip_prefix("CAP_")
        .map(str::to_owned)
        .unwrap_or(upper)
}

/// Test helpers: run one check over some YAML.
#[cfg(test)]
pub(super) mod testing {
    use crate::checks::{Check, Context, Settings};
    use crate::{Model, SourceFile};

    /// The findings of `check` over `yaml`, each as `"<line> <severity> <message>"`.
    pub fn findings(check: &Check, yaml: &str) -> Vec<String> {
        let model = Model::from_files(vec![SourceFile::new("test.yaml", yaml)]);
        let settings = Settings::default();
        (check.run)(&Context::new(&model, &settings))
            .iter()
            .map(|f| format!("{} {} {}", f.location.line, f.severity.as_str(), f.message))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::checks::{Settings, by_id};
    use crate::{Model, SourceFile};

    const POD: &str = "\
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsUser: 1000
    runAsNonRoot: true
  containers:
  - name: a
    image: a
    securityContext:
      runAsUser: 2000
  - name: b
    image: b
";

    #[test]
    fn the_container_value_wins_over_the_pod_value() {
        let model = Model::from_files(vec![SourceFile::new("p.yaml", POD)]);
        let settings = Settings::default();
        let ctx = Context::new(&model, &settings);
        let pod = pods(&ctx).next().expect("one pod");
        let users: Vec<_> = pod
            .containers
            .iter()
            .map(|c| {
                effective(
                    &pod,
                    c,
                    "runAsUser",
                    |sc| sc.run_as_user,
                    |sc| sc.run_as_user,
                )
            })
            .collect();
        assert_eq!(
            users,
            [
                Some(Setting {
                    value: 2000,
                    path: "spec.containers[0].securityContext.runAsUser".into(),
                    from_pod: false
                }),
                Some(Setting {
                    value: 1000,
                    path: "spec.securityContext.runAsUser".into(),
                    from_pod: true
                }),
            ]
        );
        let non_root = effective(
            &pod,
            &pod.containers[0],
            "runAsNonRoot",
            |sc| sc.run_as_non_root,
            |sc| sc.run_as_non_root,
        );
        assert_eq!(non_root.map(|s| (s.value, s.from_pod)), Some((true, true)));
        let group = effective(
            &pod,
            &pod.containers[0],
            "runAsGroup",
            |sc| sc.run_as_group,
            |sc| sc.run_as_group,
        );
        assert_eq!(group, None);
    }

    /// The first YAML block after `heading` in `docs`.
    fn yaml_after<'d>(docs: &'d str, heading: &str) -> Option<&'d str> {
        let rest = &docs[docs.find(heading)?..];
        let start = rest.find("```yaml\n")? + "```yaml\n".len();
        let end = rest[start..].find("```")?;
        Some(&rest[start..start + end])
    }

    /// The docs of the pod-security checks tell the truth: the example fires and the fix is quiet.
    #[test]
    fn the_docs_examples_fire_and_the_fixes_do_not() {
        let ids = [
            "privileged-container",
            "privilege-escalation-allowed",
            "run-as-root",
            "uid-gid-low",
            "root-fs-writable",
            "security-context-missing",
            "seccomp-unset",
            "capabilities-not-dropped",
            "capabilities-added",
            "host-network",
            "host-pid",
            "host-ipc",
            "host-port",
            "host-path-volume",
            "docker-socket-mounted",
            "proc-mount-unmasked",
            "unsafe-sysctls",
            "windows-host-process",
            "sa-token-automount",
            "default-service-account",
            "secret-in-env",
        ];
        let mut problems = Vec::new();
        for id in ids {
            let check = by_id(id).expect("a registered check");
            let (Some(example), Some(fix)) = (
                yaml_after(check.docs, "## Example"),
                yaml_after(check.docs, "## Fix"),
            ) else {
                problems.push(format!(
                    "{id}: docs lack an example or a fix in a yaml block"
                ));
                continue;
            };
            let model = Model::from_files(vec![SourceFile::new("example.yaml", example)]);
            if !model.diagnostics.is_empty() {
                problems.push(format!(
                    "{id}: the example does not read cleanly: {:?}",
                    model.diagnostics
                ));
            }
            if testing::findings(check, example).is_empty() {
                problems.push(format!("{id}: the example does not fire"));
            }
            let fired = testing::findings(check, fix);
            if !fired.is_empty() {
                problems.push(format!("{id}: the fix fires: {fired:?}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// The risky DaemonSets of the corpus trip the host and privilege checks.
    #[test]
    fn the_corpus_daemonsets_fire() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name))
                .ok()
                .map(|t| SourceFile::new(name, t))
        };
        let (Some(sysdig), Some(flannel)) =
            (read("sysdig-daemonset-crlf.yaml"), read("kube-flannel.yml"))
        else {
            eprintln!("skipping: the corpus folder {} is absent", dir.display());
            return;
        };
        let model = Model::from_files(vec![sysdig, flannel]);
        let settings = Settings::default();
        let ctx = Context::new(&model, &settings);
        let fired = |id: &str, file: &str| {
            let check = by_id(id).expect("a registered check");
            (check.run)(&ctx)
                .iter()
                .filter(|f| f.location.file == file)
                .count()
        };
        for id in [
            "privileged-container",
            "host-network",
            "host-pid",
            "docker-socket-mounted",
            "host-path-volume",
        ] {
            assert!(
                fired(id, "sysdig-daemonset-crlf.yaml") > 0,
                "{id} is silent on the sysdig agent"
            );
        }
        assert!(
            fired("capabilities-added", "kube-flannel.yml") > 0,
            "capabilities-added is silent on flannel"
        );
    }
}
