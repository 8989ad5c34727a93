//! `host-pid`: hostPID: true.

use super::support::pods::host_namespace;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `host-pid` check.
pub(crate) static CHECK: Check = Check {
    id: "host-pid",
    rank: 890,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "hostPID: true",
    docs: DOCS,
    aliases: &[
        "kube-linter:host-pid",
        "polaris:hostPIDSet",
        "checkov:CKV_K8S_17",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags every pod spec (a Pod or a workload's pod template) that sets `hostPID: true`.

## Why is this bad?

A pod normally sees only its own processes.
With `hostPID: true` it shares the node's process namespace: it sees every process on the node, including those of other pods, with their command lines (which often hold passwords and tokens) and environment.
A process running as root can signal or kill them, and with `SYS_PTRACE` attach to them and read their memory; `nsenter -t 1` from a privileged container gives a root shell on the node.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostPID: true
  containers:
  - name: debug
    image: busybox:1.36
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  shareProcessNamespace: true # see the other containers of this pod only
  containers:
  - name: debug
    image: busybox:1.36
```

Remove `hostPID: true`; use `shareProcessNamespace` if containers of one pod need to see each other's processes.

## Known problems

Node monitoring and security agents (for example node exporters or runtime-security tools) read the node's processes by design.
Suppress the finding on them with a written reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    host_namespace(
        ctx,
        &CHECK,
        "hostPID",
        |spec| spec.host_pid,
        "pod shares the node's process namespace (hostPID: true)",
        "remove hostPID: true",
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ host-pid` under them; objects named
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
      hostPID: true
# ^ host-pid
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
          hostPID: true
# ^ host-pid
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
  hostPID: false
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
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: {value}\n  containers:\n  - name: a\n    image: a\n"
            )
        };
        assert_eq!(
            findings(&CHECK, &pod("true")),
            ["6 error pod shares the node's process namespace (hostPID: true)"]
        );
        assert!(findings(&CHECK, &pod("false")).is_empty());
    }
}
