//! `service-targetport-unresolved`: named targetPort (name+protocol) not declared by any selected container; numeric one not among declared containerPorts.

use super::{Category, Check, Context, Finding, Level, Scope};
use crate::graph::ProblemCode;

/// The `service-targetport-unresolved` check.
pub(crate) static CHECK: Check = Check {
    id: "service-targetport-unresolved",
    rank: 40,
    category: Category::Correctness,
    scope: Scope::Kind("Service"),
    severity: Level::Error,
    also: &[Level::Warning, Level::Info],
    enabled_by_default: true,
    summary: "named targetPort (name+protocol) not declared by any selected container; numeric one not among declared containerPorts",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

For every port of a Service that selects pods, follows its `targetPort` (which defaults to `port`) into the containers of every workload the Service selects.
A named `targetPort` must be the `name` of a container port with the same protocol; this is an error.
A numeric `targetPort` should be one of the declared `containerPort`s; this is a warning.
When a name is a typo away from a declared one, the message says which.

## Why is this bad?

Traffic to a Service goes through two ports: the Service's `port`, which clients call, and the `targetPort`, where the pod listens.
A named `targetPort` such as `http` is looked up in each pod separately: a pod whose containers declare no port with that name gets no endpoint for this Service port, so no traffic reaches it, and no error is reported anywhere.
A numeric `targetPort` is sent to the pod as is.
Declaring `containerPort` is informational for numbers (a container can listen on a port it does not declare), so a numeric mismatch is a warning: but it usually means the Service and the container disagree about the port, and connections are refused.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
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
        ports:
        - name: web
          containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - port: 80
    targetPort: http
```

## Fix

```yaml
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - port: 80
    targetPort: web
```

Point `targetPort` at a port name (or number) the selected containers declare, or declare that port in the container.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    ctx.graph_findings(&CHECK, ProblemCode::ServiceTargetportUnresolved, Level::Warning, |p| {
        match (&p.suggestion, p.definite) {
            (Some(name), _) => format!("use targetPort `{name}`, the port name the containers declare"),
            (None, true) => "name a container port like the targetPort, or point targetPort at a declared port name".to_owned(),
            (None, false) => "declare the port as a containerPort, or point targetPort at the port the container listens on".to_owned(),
        }
    })
}

/// The fixture that must fire exactly on the lines marked `# ^ service-targetport-unresolved` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
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
        ports:
        - name: http
          containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - name: web
    port: 80
    targetPort: htp
# ^ service-targetport-unresolved
  - name: metrics
    port: 9090
    targetPort: 9090
# ^ service-targetport-unresolved
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-api
spec:
  selector:
    app: api
  ports:
  - name: web
    port: 80
    targetPort: http
  - name: direct
    port: 8080
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
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
        ports:
        - name: http
          containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - name: web
    port: 80
    targetPort: http
---
# targetPort 0 is what the API server reads as "the same as port".
apiVersion: apps/v1
kind: Deployment
metadata:
  name: carts
spec:
  selector:
    matchLabels:
      name: carts
  template:
    metadata:
      labels:
        name: carts
    spec:
      containers:
      - name: carts
        image: weaveworksdemos/carts:0.4.8
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: carts
spec:
  selector:
    name: carts
  ports:
  - port: 80
    targetPort: 0
---
# The operator's Prometheus pods declare the port "web" (9090).
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata:
  name: k8s
spec:
  replicas: 1
---
apiVersion: v1
kind: Service
metadata:
  name: prometheus-operated-web
spec:
  selector:
    prometheus: k8s
  ports:
  - port: 9090
    targetPort: web
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Settings;
    use crate::{Model, SourceFile};

    #[test]
    fn a_named_port_is_an_error_and_a_numeric_one_a_warning() {
        let yaml = "
apiVersion: v1
kind: Pod
metadata: {name: api, labels: {app: api}}
spec:
  containers: [{name: api, image: api, ports: [{name: web, containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{name: a, port: 80, targetPort: http}, {name: b, port: 81, targetPort: 9090}]
";
        let model = Model::from_files(vec![SourceFile::new("a.yaml", yaml)]);
        let findings = run(&Context::new(&model, &Settings::default()));
        let levels: Vec<Level> = findings.iter().map(|f| f.severity).collect();
        assert_eq!(levels, [Level::Error, Level::Warning]);
        assert!(
            findings[0].message.contains("targetPort http (TCP)"),
            "{}",
            findings[0].message
        );
        assert!(
            findings[1].message.contains("declared: 8080/web"),
            "{}",
            findings[1].message
        );
    }
}
