//! `unknown-field`: a field the schema of a built-in kind does not know.

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `unknown-field` check.
pub(crate) static CHECK: Check = Check {
    id: "unknown-field",
    rank: 440,
    category: Category::Correctness,
    scope: Scope::Any,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "a field the kind's schema does not know (a typo such as `replica` or `contianers`)",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags every field of a built-in kind (Deployment, Service, Ingress…) that its schema does not know, at the line of its key, with the closest known field name.
Custom resources are not checked: their schema is in a CustomResourceDefinition.
An OpenShift DeploymentConfig is checked in its `metadata` and pod template (`spec.template`) only.

## Why is this bad?

A misspelt field is not an error in YAML, so it is easy to miss: `replica: 3` leaves the Deployment at 1 replica, `contianers:` leaves a pod without its sidecar, and a misplaced `resources:` sets no limits at all.
`kubectl apply` refuses unknown fields with strict field validation (the default since Kubernetes 1.27), and older clients or other tools drop them silently, so the object runs without what was written.
kubeconform's strict mode reports the same problem.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replica: 3
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
      containers:
      - name: web
        image: nginx:1.27
```

Correct the field's name (the finding suggests the closest known one), or move it to where the schema has it.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        for field in &obj.unknown_fields {
            let hint = field
                .suggestion
                .as_ref()
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            let help = match &field.suggestion {
                Some(s) => format!("rename it to `{s}`"),
                None => format!(
                    "remove it, or move it to where the {} schema has it",
                    obj.kind
                ),
            };
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    "",
                    format!(
                        "unknown field `{}` in {} {}{hint}",
                        field.path, obj.kind, obj.name
                    ),
                )
                .at(field.location.clone())
                .help(help),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ unknown-field` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"# The typos the peers' test suites use: spec.replica, contianers, spec.invalidField.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: carts
  namespace: sock-shop
spec:
  replica: 3
# ^ unknown-field
  selector:
    matchLabels:
      name: carts
  template:
    metadata:
      labels:
        name: carts
    spec:
      contianers:
# ^ unknown-field
      - name: carts
        image: weaveworksdemos/carts:0.4.8
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
  namespace: sock-shop
spec:
  invalidField: true
# ^ unknown-field
  selector:
    name: carts
  ports:
  - port: 80
---
# Custom resources are checked against their CRD, not here.
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: dont-fire-carts
  namespace: sock-shop
spec:
  selector:
    matchLabels:
      name: carts
  endpoints:
  - port: web
    anyField: ok
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: carts
  namespace: sock-shop
spec:
  replicas: 3
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
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn typos_are_located_with_a_suggestion_and_custom_resources_are_left_alone() {
        let yaml = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replica: 3
  invalidField: x
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      contianers: []
      containers:
      - name: web
        image: nginx:1.27
        resources: {limits: {cpu: 1}}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec: {anything: goes}
";
        assert_eq!(
            findings(&CHECK, yaml),
            [
                "5 error unknown field `spec.replica` in Deployment web; did you mean `replicas`?",
                "6 error unknown field `spec.invalidField` in Deployment web",
                "11 error unknown field `spec.template.spec.contianers` in Deployment web; did you mean `containers`?",
            ]
        );
    }
}
