//! `host-network`: hostNetwork: true.

use super::support::pods::host_namespace;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `host-network` check.
pub(crate) static CHECK: Check = Check {
    id: "host-network",
    rank: 880,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "hostNetwork: true",
    docs: DOCS,
    aliases: &[
        "kube-linter:host-network",
        "polaris:hostNetworkSet",
        "checkov:CKV_K8S_19",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags every pod spec (a Pod or a workload's pod template) that sets `hostNetwork: true`.

## Why is this bad?

A pod normally gets its own network namespace: its own IP address, interfaces and ports.
With `hostNetwork: true` it uses the node's network stack instead.
It can listen on any port of the node's addresses, see and sniff the node's traffic (with `NET_RAW`), reach services that listen only on the node's `localhost` (such as kube-proxy's metrics or a node-local agent), and escape NetworkPolicies, which most network plugins do not enforce on host-network pods.
Two replicas on the same node also clash on their ports.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: true
  containers:
  - name: web
    image: nginx:1.27
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
    ports:
    - containerPort: 80
```

Remove `hostNetwork: true` and reach the pod through a Service (a NodePort or LoadBalancer if it must be reachable from outside).

## Known problems

Network plugins (CNI daemons such as flannel or Calico), kube-proxy and some ingress controllers need the host network by design.
Suppress the finding on them with a written reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    host_namespace(
        ctx,
        &CHECK,
        "hostNetwork",
        |spec| spec.host_network,
        "pod shares the node's network namespace (hostNetwork: true)",
        "remove hostNetwork: true and expose the pod through a Service",
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ host-network` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      hostNetwork: true
# ^ host-network
      containers:
      - name: agent
        image: example/agent:1.4
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: node-report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          hostNetwork: true
# ^ host-network
          restartPolicy: OnFailure
          containers:
          - name: report
            image: example/report:1.0
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-explicit-false
spec:
  hostNetwork: false
  containers:
  - name: app
    image: example/app:1.0
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
        ports:
        - containerPort: 80
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_only_true() {
        let pod = |value: &str| {
            format!(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: {value}\n  containers:\n  - name: a\n    image: a\n"
            )
        };
        assert_eq!(
            findings(&CHECK, &pod("true")),
            ["6 error pod shares the node's network namespace (hostNetwork: true)"]
        );
        assert!(findings(&CHECK, &pod("false")).is_empty());
    }
}
