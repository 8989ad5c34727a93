//! `env-duplicate-key`: same environment-variable name twice in one container.

use std::collections::BTreeMap;

use super::support::containers::describe;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `env-duplicate-key` check.
pub(crate) static CHECK: Check = Check {
    id: "env-duplicate-key",
    rank: 370,
    category: Category::Correctness,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "same environment-variable name twice in one container",
    docs: DOCS,
    aliases: &[
        "kube-score:environment-variable-key-duplication",
        "kube-linter:duplicate-env-var",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Flags an environment variable whose `name` appears more than once in the `env` list of one container (init containers included).
It points at the second and every later entry.

## Why is this bad?

The API server accepts the duplicate, and the container sees only one value: the last entry in the list wins.
Whoever edits the first entry will wonder why the change has no effect.
Worse, `kubectl apply` merges `env` lists by name, so after a later apply the container may end up with a value that appears nowhere in the file as you read it.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    env:
    - name: LOG_LEVEL
      value: info
    - name: LOG_LEVEL
      value: debug
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
    image: example/api:2.1
    env:
    - name: LOG_LEVEL
      value: debug
```

Keep one entry per variable name, with the value you want.

## Known problems

A variable set both in `env` and through `envFrom` is not a duplicate: `env` wins by design, and this check ignores it.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        for c in obj.containers() {
            let mut first: BTreeMap<&str, usize> = BTreeMap::new();
            for (i, env) in c.container.env.iter().flatten().enumerate() {
                match first.get(env.name.as_str()) {
                    None => {
                        first.insert(&env.name, i);
                    }
                    Some(&earlier) => findings.push(
                        Finding::new(
                            &CHECK,
                            obj,
                            &format!("{}.env[{i}].name", c.path),
                            format!(
                                "{} sets env var \"{}\" twice (env[{earlier}] and env[{i}]); only the last value is used",
                                describe(&c),
                                env.name
                            ),
                        )
                        .container(&c.container.name)
                        .help(format!("delete one of the \"{}\" entries and keep the value you want", env.name)),
                    ),
                }
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ env-duplicate-key` under them; objects named
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
        image: example/api:2.1
        env:
        - name: LOG_LEVEL
          value: info
        - name: DB_HOST
          value: postgres
        - name: LOG_LEVEL
# ^ env-duplicate-key
          value: debug
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-worker
spec:
  containers:
  - name: worker
    image: example/worker:2.1
    env:
    - name: LOG_LEVEL
      value: info
  - name: sidecar
    image: example/sidecar:1.0
    env:
    - name: LOG_LEVEL
      value: debug
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
        image: example/api:2.1
        envFrom:
        - configMapRef:
            name: api-defaults
        env:
        - name: LOG_LEVEL
          value: debug
        - name: DB_HOST
          value: postgres
"#;
