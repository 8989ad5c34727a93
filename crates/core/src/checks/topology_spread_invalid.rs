//! `topology-spread-invalid`: constraint lacks labelSelector or topologyKey, maxSkew is 0, or whenUnsatisfiable is bad.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::{describe_label_map, describe_selector, selector_matches};

/// The `topology-spread-invalid` check.
pub(crate) static CHECK: Check = Check {
    id: "topology-spread-invalid",
    rank: 450,
    category: Category::Correctness,
    scope: Scope::PodSpec,
    severity: Level::Error,
    also: &[Level::Warning],
    enabled_by_default: true,
    summary: "constraint lacks labelSelector or topologyKey, maxSkew is 0, or whenUnsatisfiable is bad",
    docs: DOCS,
    aliases: &["kube-score:pod-topology-spread-constraints"],
    run,
};

const DOCS: &str = r#"## What it does

Checks each entry of a pod's `topologySpreadConstraints`:

- `maxSkew` must be at least 1, `topologyKey` must not be empty, and `whenUnsatisfiable` must be `DoNotSchedule` or `ScheduleAnyway` (the API server rejects anything else: **error**);
- `minDomains` must be at least 1 and is only allowed with `DoNotSchedule` (**error**);
- a constraint without `labelSelector`, or whose `labelSelector` does not match the pod's own labels, spreads nothing (**warning**).

## Why is this bad?

A topology spread constraint asks the scheduler to spread a group of pods evenly across *domains* such as zones (`topology.kubernetes.io/zone`) or nodes (`kubernetes.io/hostname`).
`maxSkew` is the largest allowed difference in pod count between two domains, so 0 is meaningless and rejected; the other fields are validated the same way, and an invalid constraint makes the API server reject the whole workload.
The group of pods is chosen by `labelSelector`: without one, the constraint counts no pods at all, and with a selector that misses the pod's own labels the new pods are not counted either.
Both look fine and do nothing, so all replicas may still land in one zone and go down together.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      topologySpreadConstraints:
      - maxSkew: 0
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: DoNotSchedule
      containers:
      - name: web
        image: nginx:1.27
```

## Fix

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: ScheduleAnyway
        labelSelector:
          matchLabels:
            app: web
      containers:
      - name: web
        image: nginx:1.27
```

Use `maxSkew: 1`, a node label as `topologyKey`, `DoNotSchedule` or `ScheduleAnyway`, and a `labelSelector` that matches the pod's own labels.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        let Some(pod) = obj.pod_spec() else { continue };
        let labels = obj.pod_labels();
        for (i, tsc) in pod
            .spec
            .topology_spread_constraints
            .iter()
            .flatten()
            .enumerate()
        {
            let at = format!("{}.topologySpreadConstraints[{i}]", pod.path);
            let mut push = |field: &str, level: Level, message: String, help: &str| {
                findings.push(
                    Finding::new(&CHECK, obj, &format!("{at}.{field}"), message)
                        .severity(level)
                        .help(help),
                );
            };
            if tsc.max_skew < 1 {
                push(
                    "maxSkew",
                    Level::Error,
                    format!("maxSkew {} is invalid: it must be at least 1", tsc.max_skew),
                    "set maxSkew: 1 for an even spread",
                );
            }
            if tsc.topology_key.trim().is_empty() {
                push(
                    "topologyKey",
                    Level::Error,
                    "topologyKey is empty".to_owned(),
                    "set topologyKey to a node label, e.g. topology.kubernetes.io/zone",
                );
            }
            let when = tsc.when_unsatisfiable.as_str();
            if !matches!(when, "DoNotSchedule" | "ScheduleAnyway") {
                push(
                    "whenUnsatisfiable",
                    Level::Error,
                    format!("whenUnsatisfiable \"{when}\" is not DoNotSchedule or ScheduleAnyway"),
                    "use DoNotSchedule (hard) or ScheduleAnyway (soft)",
                );
            }
            if let Some(min) = tsc.min_domains {
                if min < 1 {
                    push(
                        "minDomains",
                        Level::Error,
                        format!("minDomains {min} is invalid: it must be at least 1"),
                        "remove minDomains or set it to 1 or more",
                    );
                } else if when == "ScheduleAnyway" {
                    push(
                        "minDomains",
                        Level::Error,
                        "minDomains is only allowed with whenUnsatisfiable DoNotSchedule"
                            .to_owned(),
                        "remove minDomains, or use whenUnsatisfiable: DoNotSchedule",
                    );
                }
            }
            match (&tsc.label_selector, labels) {
                (None, _) => push(
                    "labelSelector",
                    Level::Warning,
                    format!(
                        "constraint on {} has no labelSelector, so it counts no pods and spreads nothing",
                        tsc.topology_key
                    ),
                    "add a labelSelector that matches the pod's own labels",
                ),
                (Some(sel), Some(labels)) if !selector_matches(sel, labels) => push(
                    "labelSelector",
                    Level::Warning,
                    format!(
                        "labelSelector {} does not match the pod's labels {}, so these pods are not spread",
                        describe_selector(sel),
                        describe_label_map(labels)
                    ),
                    "make the labelSelector match the pod template's labels",
                ),
                _ => {}
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ topology-spread-invalid` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      topologySpreadConstraints:
      - maxSkew: 0
# ^ topology-spread-invalid
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels:
            app: web
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: ScheduleAnyWay
# ^ topology-spread-invalid
        labelSelector:
# ^ topology-spread-invalid
          matchLabels:
            app: website
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-api
spec:
  replicas: 3
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: DoNotSchedule
        minDomains: 3
        labelSelector:
          matchLabels:
            app: api
      containers:
      - name: api
        image: example/api:2.1
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: ScheduleAnyway
        labelSelector:
          matchLabels:
            app: web
      containers:
      - name: web
        image: nginx:1.27
"#;
