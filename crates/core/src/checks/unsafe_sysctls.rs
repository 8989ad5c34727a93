//! `unsafe-sysctls`: unsafe sysctls set.

use super::support::pods::pods;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `unsafe-sysctls` check.
pub(crate) static CHECK: Check = Check {
    id: "unsafe-sysctls",
    rank: 950,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "unsafe sysctls set",
    docs: DOCS,
    aliases: &["kube-linter:unsafe-sysctls"],
    run,
};

/// The sysctls the kubelet allows by default (Kubernetes 1.32 and later).
const SAFE: &[&str] = &[
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.ping_group_range",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
    "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
];

const DOCS: &str = r#"## What it does

Flags every sysctl in a pod's `securityContext.sysctls` that is not on Kubernetes' safe list:
`kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`, `net.ipv4.ip_local_reserved_ports`, `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.ping_group_range`, `net.ipv4.tcp_syncookies`, `net.ipv4.tcp_keepalive_time`, `net.ipv4.tcp_keepalive_intvl`, `net.ipv4.tcp_keepalive_probes`, `net.ipv4.tcp_fin_timeout`, `net.ipv4.tcp_rmem` and `net.ipv4.tcp_wmem`.

## Why is this bad?

Sysctls are kernel settings.
The safe ones are isolated per pod: changing them cannot affect other pods or the node.
An unsafe one (for example `net.core.somaxconn`, `kernel.msgmax` or `vm.max_map_count`) is either shared with the whole node or can starve it of resources.
The kubelet therefore rejects pods that set one: the pod is scheduled but fails with `SysctlForbidden`, unless an administrator started that node's kubelet with `--allowed-unsafe-sysctls`.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: redis
spec:
  securityContext:
    sysctls:
    - name: net.core.somaxconn
      value: "1024"
  containers:
  - name: redis
    image: redis:7.2
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: redis
spec:
  securityContext:
    sysctls:
    - name: net.ipv4.ip_local_port_range
      value: "1024 65535"
  containers:
  - name: redis
    image: redis:7.2
```

Remove unsafe sysctls; if the workload truly needs one, ask the cluster administrator for a dedicated, allowlisted and tainted node pool.

## Known problems

The safe list grows with Kubernetes versions (`tcp_rmem` and `tcp_wmem` since 1.32, the keepalive settings since 1.29); older clusters reject some of these too.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx) {
        let sysctls = pod.security_context().and_then(|sc| sc.sysctls.as_ref());
        for (i, sysctl) in sysctls.into_iter().flatten().enumerate() {
            // Sysctl names may also be written with slashes: `net/core/somaxconn`.
            let name = sysctl.name.replace('/', ".");
            if SAFE.contains(&name.as_str()) {
                continue;
            }
            findings.push(
                Finding::new(
                    &CHECK,
                    pod.obj,
                    &pod.field(&format!("securityContext.sysctls[{i}].name")),
                    format!("pod sets unsafe sysctl {name}, which the kubelet rejects unless allowlisted on the node"),
                )
                .help("remove the sysctl, or run the pod on nodes whose kubelet allows it (--allowed-unsafe-sysctls)"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ unsafe-sysctls` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
spec:
  serviceName: redis
  replicas: 3
  selector:
    matchLabels:
      app: redis
  template:
    metadata:
      labels:
        app: redis
    spec:
      securityContext:
        sysctls:
        - name: net.ipv4.tcp_syncookies
          value: "1"
        - name: net.core.somaxconn
# ^ unsafe-sysctls
          value: "1024"
        - name: vm.overcommit_memory
# ^ unsafe-sysctls
          value: "1"
      containers:
      - name: redis
        image: redis:7.2
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-safe
spec:
  securityContext:
    sysctls:
    - name: net.ipv4.ip_local_port_range
      value: "1024 65535"
  containers:
  - name: app
    image: example/app:1.0
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  securityContext:
    sysctls:
    - name: net.ipv4.tcp_keepalive_time
      value: "600"
  containers:
  - name: api
    image: example/api:3.1
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_sysctls_outside_the_safe_list() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    sysctls:
    - name: net/ipv4/tcp_syncookies
      value: \"1\"
    - name: kernel.msgmax
      value: \"65536\"
  containers:
  - name: a
    image: a
"
            ),
            [
                "10 error pod sets unsafe sysctl kernel.msgmax, which the kubelet rejects unless allowlisted on the node"
            ]
        );
    }
}
