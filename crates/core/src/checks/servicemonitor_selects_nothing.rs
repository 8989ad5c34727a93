//! `servicemonitor-selects-nothing`: prometheus operator servicemonitor matches no service.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `servicemonitor-selects-nothing` check.
pub(crate) static CHECK: Check = Check {
    id: "servicemonitor-selects-nothing",
    rank: 1200,
    category: Category::Correctness,
    scope: Scope::Kind("ServiceMonitor"),
    severity: Level::Info,
    also: &[],
    enabled_by_default: true,
    summary: "prometheus operator servicemonitor matches no service",
    docs: DOCS,
    aliases: &["kube-linter:dangling-servicemonitor"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a Prometheus Operator `ServiceMonitor` whose `spec.selector` matches the labels of no Service in the namespaces it watches: its own namespace, or those of `spec.namespaceSelector` (`matchNames`, or `any: true`).
It only speaks when the loaded manifests hold Services in those namespaces.

## Why is this bad?

A ServiceMonitor tells Prometheus what to scrape: it selects **Services** by label (not pods, not Deployments), then scrapes the pods behind them on the named `endpoints[].port`.
If it matches no Service, Prometheus gets no target and the metrics silently never appear; dashboards and alerts built on them stay empty.
A frequent cause is putting the labels on the Deployment and forgetting them on the Service.

## Example

```yaml
apiVersion: v1
kind: Service
metadata:
  name: api
  labels:
    app: api
spec:
  selector:
    app: api
  ports:
  - name: metrics
    port: 9090
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api-server
  endpoints:
  - port: metrics
```

## Fix

```yaml
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  endpoints:
  - port: metrics
```

Make `spec.selector` match the labels in the Service's `metadata.labels`.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(
        &CHECK,
        ProblemCode::ServicemonitorSelectsNothing,
        Level::Info,
        |p| match &p.suggestion {
            Some(label) => format!("change the selector to `{label}`, a label the Services carry"),
            None => "match the labels in the Service's metadata.labels (not the pods')".to_owned(),
        },
    )
}

/// The fixture that must fire exactly on the lines marked `# ^ servicemonitor-selects-nothing` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: api
  labels:
    app: api
spec:
  selector:
    app: api
  ports:
  - name: metrics
    port: 9090
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: api
spec:
  selector:
# ^ servicemonitor-selects-nothing
    matchLabels:
      app: api-server
  endpoints:
  - port: metrics
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: dont-fire-api
spec:
  selector:
    matchLabels:
      app: api
  endpoints:
  - port: metrics
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: dont-fire-elsewhere
spec:
  namespaceSelector:
    matchNames:
    - monitoring
  selector:
    matchLabels:
      app: billing
  endpoints:
  - port: metrics
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Service
metadata:
  name: api
  labels:
    app: api
spec:
  selector:
    app: api
  ports:
  - name: metrics
    port: 9090
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  endpoints:
  - port: metrics
"#;
