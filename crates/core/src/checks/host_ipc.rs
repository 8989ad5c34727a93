//! `host-ipc`: hostIPC: true.

use super::support::pods::host_namespace;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `host-ipc` check.
pub(crate) static CHECK: Check = Check {
    id: "host-ipc",
    rank: 900,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "hostIPC: true",
    docs: DOCS,
    aliases: &[
        "kube-linter:host-ipc",
        "polaris:hostIPCSet",
        "checkov:CKV_K8S_18",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags every pod spec (a Pod or a workload's pod template) that sets `hostIPC: true`.

## Why is this bad?

Processes can talk through System V shared memory segments, semaphores and message queues.
A pod normally gets its own IPC namespace; with `hostIPC: true` it shares the node's.
It can then read and write the shared memory of processes on the node and in other host-IPC pods, which may hold data such as database buffers, and tamper with their semaphores.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  hostIPC: true
  containers:
  - name: cache
    image: example/cache:1.0
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  containers:
  - name: cache
    image: example/cache:1.0
```

Remove `hostIPC: true`; containers of the same pod already share an IPC namespace.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    host_namespace(
        ctx,
        &CHECK,
        "hostIPC",
        |spec| spec.host_ipc,
        "pod shares the node's IPC namespace (hostIPC: true)",
        "remove hostIPC: true; containers of one pod already share IPC",
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ host-ipc` under them; objects named
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
      hostIPC: true
# ^ host-ipc
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
          hostIPC: true
# ^ host-ipc
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
  hostIPC: false
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
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostIPC: {value}\n  containers:\n  - name: a\n    image: a\n"
            )
        };
        assert_eq!(
            findings(&CHECK, &pod("true")),
            ["6 error pod shares the node's IPC namespace (hostIPC: true)"]
        );
        assert!(findings(&CHECK, &pod("false")).is_empty());
    }
}
