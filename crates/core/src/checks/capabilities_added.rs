//! `capabilities-added`: dangerous capabilities added (SYS_ADMIN, NET_ADMIN, ALL…).

use super::support::containers::describe;

use super::support::pods::pods;

use super::support::security_context::{capability, container_sc, sc_path};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `capabilities-added` check.
pub(crate) static CHECK: Check = Check {
    id: "capabilities-added",
    rank: 870,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[Level::Warning],
    enabled_by_default: true,
    summary: "dangerous capabilities added (SYS_ADMIN, NET_ADMIN, ALL…)",
    docs: DOCS,
    aliases: &[
        "kube-linter:privilege-escalation-container",
        "polaris:dangerousCapabilities",
        "polaris:insecureCapabilities",
        "checkov:CKV_K8S_25",
        "checkov:CKV_K8S_39",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags every capability a container (init containers included) adds in `securityContext.capabilities.add`:

- `SYS_ADMIN` and `ALL` are errors;
- every other capability, such as `NET_ADMIN`, `NET_RAW` or `SYS_PTRACE`, is a warning;
- `NET_BIND_SERVICE` passes: it only allows listening on ports below 1024, and the Pod Security Standards' *restricted* profile allows it.

## Why is this bad?

Each capability hands the container one slice of root's power over the node's kernel.
`SYS_ADMIN` is "the new root": it allows mounting filesystems, many namespace operations and a long list of other privileged calls, and most container escapes need it.
`ALL` gives every capability, which is nearly as bad as `privileged: true`.
`NET_ADMIN` lets the container reconfigure the network of its pod (or of the node, with `hostNetwork`), `NET_RAW` lets it forge packets, and `SYS_PTRACE` lets it read the memory of other processes it can see.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      capabilities:
        add: ["SYS_ADMIN", "NET_ADMIN"]
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      capabilities:
        drop: ["ALL"]
        add: ["NET_BIND_SERVICE"] # enough to listen on port 80
```

Remove added capabilities the process does not need; never add `SYS_ADMIN` or `ALL` to an application container.

## Known problems

Network plugins, VPN sidecars and service-mesh init containers (which write iptables rules) legitimately need `NET_ADMIN` and `NET_RAW`.
Suppress the finding on them with a written reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx) {
        for c in &pod.containers {
            let Some(added) = container_sc(c)
                .and_then(|sc| sc.capabilities.as_ref())
                .and_then(|caps| caps.add.as_ref())
            else {
                continue;
            };
            for (i, name) in added.iter().enumerate() {
                let cap = capability(name);
                let (level, message, help) = match cap.as_str() {
                    "NET_BIND_SERVICE" => continue,
                    "ALL" => (
                        Level::Error,
                        format!("{} adds ALL capabilities", describe(c)),
                        "remove ALL and add only the capabilities the process needs",
                    ),
                    "SYS_ADMIN" => (
                        Level::Error,
                        format!("{} adds capability SYS_ADMIN", describe(c)),
                        "remove SYS_ADMIN; find the narrower capability or host mount the process needs",
                    ),
                    _ => (
                        Level::Warning,
                        format!("{} adds capability {cap}", describe(c)),
                        "remove the capability unless the process needs it, and document why",
                    ),
                };
                findings.push(
                    Finding::new(
                        &CHECK,
                        pod.obj,
                        &sc_path(c, &format!("capabilities.add[{i}]")),
                        message,
                    )
                    .container(&c.container.name)
                    .severity(level)
                    .help(help),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ capabilities-added` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: vpn-gateway
spec:
  selector:
    matchLabels:
      app: vpn-gateway
  template:
    metadata:
      labels:
        app: vpn-gateway
    spec:
      containers:
      - name: vpn
        image: example/vpn:2.0
        securityContext:
          capabilities:
            add:
            - NET_ADMIN
# ^ capabilities-added
            - SYS_ADMIN
# ^ capabilities-added
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-low-port
spec:
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      capabilities:
        drop: ["ALL"]
        add: ["NET_BIND_SERVICE"]
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        securityContext:
          capabilities:
            drop: ["ALL"]
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[track_caller]
    fn check(input: &str, expected: &[&str]) {
        assert_eq!(findings(&CHECK, input), expected);
    }

    #[test]
    fn sys_admin_and_all_are_errors_others_warnings() {
        check(
            "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: mesh-init
    image: a
    securityContext:
      capabilities:
        add:
        - NET_ADMIN
        - CAP_SYS_ADMIN
  containers:
  - name: web
    image: b
    securityContext:
      capabilities:
        drop: [ALL]
        add: [NET_BIND_SERVICE, all]
",
            &[
                "12 warning init container \"mesh-init\" adds capability NET_ADMIN",
                "13 error init container \"mesh-init\" adds capability SYS_ADMIN",
                "20 error container \"web\" adds ALL capabilities",
            ],
        );
    }
}
