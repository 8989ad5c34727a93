//! `capabilities-not-dropped`: capabilities not dropped (ALL, or at least NET_RAW).

use super::support::containers::describe;

use super::support::pods::pods;

use super::support::security_context::{capability, container_sc, sc_path};
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `capabilities-not-dropped` check.
pub(crate) static CHECK: Check = Check {
    id: "capabilities-not-dropped",
    rank: 860,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "capabilities not dropped (ALL, or at least NET_RAW)",
    docs: DOCS,
    aliases: &[
        "kube-linter:drop-net-raw-capability",
        "checkov:CKV_K8S_28",
        "checkov:CKV_K8S_37",
        "polaris:insecureCapabilities",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags every Linux container, init containers included, whose `securityContext.capabilities.drop` contains neither `ALL` nor `NET_RAW`.

## Why is this bad?

Linux splits root's power into about forty capabilities, and container runtimes grant a default set of them (such as `CHOWN`, `DAC_OVERRIDE`, `SETUID`, `KILL` and `NET_RAW`) even to non-root processes that gain them through setuid binaries or file capabilities.
Most applications need none of them.
`NET_RAW` is the worst of the defaults: it lets a process craft raw packets, which is enough to spoof traffic or run ARP and DNS spoofing attacks against other pods on the node.
Dropping `ALL` removes the whole set; you then add back only what the process needs.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:3.1
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:3.1
    securityContext:
      capabilities:
        drop: ["ALL"]
```

Drop `ALL` capabilities and add back only the ones the process needs (for example `NET_BIND_SERVICE` to listen on a port below 1024).

## Known problems

Capabilities can be set only on containers, not on the pod, so every container needs its own `drop` list.
A privileged container gets every capability whatever it drops; `privileged-container` reports that.
Windows pods are skipped: capabilities are Linux-only.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx).filter(|p| !p.is_windows()) {
        for c in &pod.containers {
            let dropped: Vec<String> = container_sc(c)
                .and_then(|sc| sc.capabilities.as_ref())
                .and_then(|caps| caps.drop.as_ref())
                .map(|drop| drop.iter().map(|d| capability(d)).collect())
                .unwrap_or_default();
            if dropped.iter().any(|d| d == "ALL" || d == "NET_RAW") {
                continue;
            }
            let message = if dropped.is_empty() {
                format!(
                    "{} drops no capabilities, so it keeps the runtime's default set including NET_RAW",
                    describe(c)
                )
            } else {
                format!(
                    "{} drops {} but neither ALL nor NET_RAW",
                    describe(c),
                    dropped.join(", ")
                )
            };
            findings.push(
                Finding::new(&CHECK, pod.obj, &sc_path(c, "capabilities.drop"), message)
                    .container(&c.container.name)
                    .help("add securityContext.capabilities.drop: [\"ALL\"] and add back only what the process needs"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ capabilities-not-dropped` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
# ^ capabilities-not-dropped
        image: example/api:3.1
      - name: proxy
        image: envoyproxy/envoy:v1.31
        securityContext:
          capabilities:
            drop: ["CHOWN", "SETUID"]
# ^ capabilities-not-dropped
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-drops-net-raw
spec:
  containers:
  - name: app
    image: example/app:1.0
    securityContext:
      capabilities:
        drop: ["NET_RAW"]
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: example/api:3.1
        securityContext:
          capabilities:
            drop: ["ALL"]
            add: ["NET_BIND_SERVICE"]
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
    fn all_or_net_raw_pass_in_any_spelling() {
        check(
            "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: all
    image: a
    securityContext:
      capabilities:
        drop: [all]
  - name: raw
    image: b
    securityContext:
      capabilities:
        drop: [CAP_NET_RAW]
  - name: other
    image: c
    securityContext:
      capabilities:
        drop: [CHOWN]
  - name: none
    image: d
",
            &[
                "21 info container \"other\" drops CHOWN but neither ALL nor NET_RAW",
                "22 info container \"none\" drops no capabilities, so it keeps the runtime's default set including NET_RAW",
            ],
        );
    }
}
