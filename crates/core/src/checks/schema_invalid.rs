//! `schema-invalid`: object fails the OpenAPI schema (unknown field, wrong type).

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `schema-invalid` check.
pub(crate) static CHECK: Check = Check {
    id: "schema-invalid",
    rank: 430,
    category: Category::Correctness,
    scope: Scope::Any,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "object fails the OpenAPI schema (unknown field, wrong type)",
    docs: DOCS,
    aliases: &["kube-linter:schema-validation"],
    run,
};

const DOCS: &str = r#"## What it does

Flags an object of a built-in kind (Deployment, Service, Ingress…) whose content does not fit the kind's schema: a field with the wrong type (`replicas: "3"`, `containerPort: http`), or a required field left out where the type insists on it. The Kubernetes types read most missing required strings as empty instead, such as a container's `name`, which `object-name-invalid` reports.
It points at the offending field.
The same problem is shown as a parse diagnostic; this check turns it into a finding on the object, so that it appears in the object's report and can be suppressed.

## Why is this bad?

The API server validates every object against the OpenAPI schema of its kind before storing it, and rejects the whole object on the first mismatch (`json: cannot unmarshal string into Go struct field ... of type int32`).
Nothing in the object is applied, and in a multi-document `kubectl apply` the other objects go ahead without it, leaving a half-deployed application.
It also blinds this tool: an object that does not fit its type can only be read as metadata, so the other checks skip it.
YAML's guessing of types is the usual cause: `"3"` is a string, `3` is a number, `on` and `yes` may become booleans, and `1.10` becomes the number 1.1.

## Example

```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "3"
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

Give the field the type the schema expects (quote strings that look like numbers or booleans, unquote numbers), or add the missing required field.

## Known problems

Only the first mismatch of each object is reported; fix it and run again to see the next one.
Unknown fields (a misspelled `replica:`) are not detected yet: the server drops them silently, or rejects them when field validation is strict.
Custom resources are checked only for their `metadata`, because their schema lives in a CRD.
An OpenShift DeploymentConfig is checked for the fields Manifesto models: `metadata`, `spec.replicas`, `spec.selector`, `spec.template`, `spec.strategy` (its type and `rollingParams` maxSurge, maxUnavailable and timeoutSeconds), `spec.minReadySeconds`, `spec.paused` and `status.latestVersion`.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in &ctx.model.objects {
        let Some(diag) = &obj.type_error else {
            continue;
        };
        // The reader words a type mismatch as "<Kind> <name>: `<path>` <message>".
        let prefix = format!("{} {}: ", obj.kind, obj.name);
        let what = diag.message.strip_prefix(&prefix).unwrap_or(&diag.message);
        let mut finding = Finding::new(
            &CHECK,
            obj,
            "",
            format!("{} does not fit its schema: {what}", obj.kind),
        )
        .help("give the field the type the schema expects, or add the missing required field");
        finding.location = diag.location.clone();
        findings.push(finding);
    }
    // The reader defaults a missing container name to "": the API server requires one.
    for obj in ctx.model.pod_owners() {
        for c in obj.containers() {
            if !c.container.name.trim().is_empty() {
                continue;
            }
            let kind = if c.init {
                "init container"
            } else {
                "container"
            };
            let image = c.container.image.as_deref().unwrap_or("no image");
            let field = if obj.find(&format!("{}.name", c.path)).is_some() {
                format!("{}.name", c.path)
            } else {
                c.path.to_string()
            };
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    &field,
                    format!("{} does not fit its schema: a {kind} ({image}) has no name, and every container needs one", obj.kind),
                )
                .help("give the container a name: lowercase letters, digits and dashes, unique in the pod"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ schema-invalid` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "3"
# ^ schema-invalid
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
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: http
# ^ schema-invalid
    targetPort: 8080
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: dont-fire-custom-resource
spec:
  replicas: "anything goes"
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
  - image: busybox:1.36
# ^ schema-invalid
    command: ["sleep", "3600"]
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
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: http
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn points_at_the_mistyped_field_with_the_reader_s_message() {
        let yaml = "apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: example/api:2.1
    ports:
    - containerPort: http
";
        let got = findings(&CHECK, yaml);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with(
                "10 error Pod does not fit its schema: `spec.containers[0].ports[0].containerPort`"
            ),
            "{got:?}"
        );
    }
}
