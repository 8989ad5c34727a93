//! `job-restart-policy`: Job/CronJob pods need OnFailure or Never; long-running controllers need Always.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `job-restart-policy` check.
pub(crate) static CHECK: Check = Check {
    id: "job-restart-policy",
    rank: 480,
    category: Category::Correctness,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "a Job or CronJob pod needs restartPolicy OnFailure or Never, other controllers need Always",
    docs: DOCS,
    aliases: &[
        "kube-score:cronjob-restartpolicy",
        "kube-linter:restart-policy",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Checks the pod template's `restartPolicy` against what its controller accepts:

- a Job's or CronJob's pods must set `OnFailure` or `Never`;
- a Deployment's, ReplicaSet's, StatefulSet's, DaemonSet's, ReplicationController's or DeploymentConfig's pods must use `Always` (the default).

Bare Pods may use any policy and are not checked.

## Why is this bad?

`restartPolicy` tells the kubelet what to do when a container exits.
A Job runs to completion, so its pods must be allowed to stop: with `Always` the container would restart forever and the Job would never finish.
When a Job template leaves `restartPolicy` out, it defaults to `Always`, and the API server rejects the Job with `Unsupported value: "Always"`.
The opposite holds for long-running controllers: a Deployment exists to keep pods running, so it accepts only `Always` and rejects `Never` or `OnFailure`.

## Example

```yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      containers:
      - name: migrate
        image: example/migrate:3.0
```

## Fix

```yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: example/migrate:3.0
```

Set `restartPolicy: Never` (a failed pod is replaced, up to `backoffLimit`) or `OnFailure` (the container restarts in the same pod) on Job templates; remove it, or set `Always`, on long-running controllers.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        let Some(pod) = obj.pod_spec() else { continue };
        let policy = pod.spec.restart_policy.as_deref();
        let path = format!("{}.restartPolicy", pod.path);
        let finding = match &*obj.resource {
            Resource::Job(_) | Resource::CronJob(_) => match policy {
                Some("OnFailure" | "Never") => continue,
                None => Finding::new(
                    &CHECK,
                    obj,
                    &path,
                    format!(
                        "{} pod template sets no restartPolicy, so it defaults to Always, which a {} rejects",
                        obj.kind, obj.kind
                    ),
                ),
                Some(other) => Finding::new(
                    &CHECK,
                    obj,
                    &path,
                    format!("restartPolicy \"{other}\" is not allowed in a {}: use OnFailure or Never", obj.kind),
                ),
            }
            .help("set restartPolicy: Never (or OnFailure) in the pod template"),
            Resource::Deployment(_)
            | Resource::DeploymentConfig(_)
            | Resource::ReplicaSet(_)
            | Resource::ReplicationController(_)
            | Resource::StatefulSet(_)
            | Resource::DaemonSet(_) => {
                match policy {
                    None | Some("Always") => continue,
                    Some(other) => Finding::new(
                        &CHECK,
                        obj,
                        &path,
                        format!("restartPolicy \"{other}\" is not allowed in a {}: only Always is", obj.kind),
                    )
                    .help("remove restartPolicy (it defaults to Always), or run the task as a Job"),
                }
            }
            _ => continue,
        };
        findings.push(finding);
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ job-restart-policy` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  backoffLimit: 2
  template:
    spec:
# ^ job-restart-policy
      containers:
      - name: migrate
        image: example/migrate:3.0
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: cleanup
spec:
  schedule: "*/30 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Always
# ^ job-restart-policy
          containers:
          - name: cleanup
            image: example/cleanup:1.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  replicas: 2
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      restartPolicy: OnFailure
# ^ job-restart-policy
      containers:
      - name: worker
        image: example/worker:2.0
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-one-shot
spec:
  restartPolicy: Never
  containers:
  - name: task
    image: busybox:1.36
    command: ["echo", "done"]
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: batch-worker
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: batch-worker
    spec:
      restartPolicy: Never
# ^ job-restart-policy
      containers:
      - name: worker
        image: example/worker:2.0
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: example/migrate:3.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  replicas: 2
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
      - name: worker
        image: example/worker:2.0
"#;
