//! Security settings of a container: where they are written and which value is in force.

use k8s_openapi::api::core::v1::{PodSecurityContext, SecurityContext};

use super::pods::Pod;
use crate::model::ContainerRef;

/// The container's own securityContext.
pub(crate) fn container_sc<'a>(c: &ContainerRef<'a>) -> Option<&'a SecurityContext> {
    c.container.security_context.as_ref()
}

/// The path of a container-level security field, e.g.
/// `spec.template.spec.containers[0].securityContext.privileged`.
pub(crate) fn sc_path(c: &ContainerRef, field: &str) -> String {
    format!("{}.securityContext.{field}", c.path)
}

/// A security setting as it applies to one container, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Setting<T> {
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
pub(crate) fn effective<T>(
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

/// The `runAsUser` in force for container `c`.
pub(crate) fn run_as_user(pod: &Pod, c: &ContainerRef) -> Option<Setting<i64>> {
    effective(
        pod,
        c,
        "runAsUser",
        |sc| sc.run_as_user,
        |sc| sc.run_as_user,
    )
}

/// The `runAsGroup` in force for container `c`.
pub(crate) fn run_as_group(pod: &Pod, c: &ContainerRef) -> Option<Setting<i64>> {
    effective(
        pod,
        c,
        "runAsGroup",
        |sc| sc.run_as_group,
        |sc| sc.run_as_group,
    )
}

/// The `runAsNonRoot` in force for container `c`.
pub(crate) fn run_as_non_root(pod: &Pod, c: &ContainerRef) -> Option<Setting<bool>> {
    effective(
        pod,
        c,
        "runAsNonRoot",
        |sc| sc.run_as_non_root,
        |sc| sc.run_as_non_root,
    )
}

/// " (set on the pod)" when the setting is inherited from the pod-level securityContext.
pub(crate) fn inherited<T>(setting: &Setting<T>) -> &'static str {
    if setting.from_pod {
        " (inherited from the pod securityContext)"
    } else {
        ""
    }
}

/// Container runtime sockets: whoever can talk to one can start a privileged container on the node.
pub(crate) fn is_runtime_socket(path: &str) -> bool {
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
pub(crate) fn capability(name: &str) -> String {
    let upper = name.trim().to_ascii_uppercase();
    upper
        .strip_prefix("CAP_")
        .map(str::to_owned)
        .unwrap_or(upper)
}

#[cfg(test)]
mod tests {
    use super::super::pods::pods;
    use super::*;
    use crate::checks::{Context, Settings};
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
                    pod,
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
            pod,
            &pod.containers[0],
            "runAsNonRoot",
            |sc| sc.run_as_non_root,
            |sc| sc.run_as_non_root,
        );
        assert_eq!(non_root.map(|s| (s.value, s.from_pod)), Some((true, true)));
        let group = effective(
            pod,
            &pod.containers[0],
            "runAsGroup",
            |sc| sc.run_as_group,
            |sc| sc.run_as_group,
        );
        assert_eq!(group, None);
    }
}
