//! `container-port-invalid`: duplicate or over-15-character port names, containerPort 0, invalid targetPort name.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::support::containers::describe;
use super::{Category, Check, Context, Finding, Level, Scope};
use crate::model::Resource;

/// The `container-port-invalid` check.
pub(crate) static CHECK: Check = Check {
    id: "container-port-invalid",
    rank: 360,
    category: Category::Correctness,
    scope: Scope::PodSpecOrService,
    severity: Level::Error,
    also: &[],
    enabled_by_default: true,
    summary: "duplicate or over-15-character port names, ports outside 1-65535, invalid targetPort name",
    docs: DOCS,
    aliases: &[
        "kube-score:container-ports-check",
        "kube-linter:invalid-target-ports",
    ],
    run,
};

const DOCS: &str = r#"## What it does

Checks the `ports` of every container and the `targetPort` of every Service port:

- `containerPort` (and `hostPort`, when set) must be between 1 and 65535;
- a port `name` must be a valid port name: at most 15 characters, lowercase letters, digits and `-`, at least one letter, no `-` at either end and no `--`;
- a port name must be unique within the pod (across all its containers);
- a Service's named `targetPort` must follow the same port-name rules.

## Why is this bad?

Port names are how Services, probes and Ingresses refer to a port without hard-coding its number (`targetPort: http`).
Kubernetes uses the IANA service-name syntax for them, which is much stricter than other names: the 15-character limit catches many people out (`http-metrics-port` is 17).
The API server rejects a pod template with an invalid name, a duplicate name or a port number out of range, so the Deployment or Service is never created.
A Service whose `targetPort` has an invalid name is rejected the same way.

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
    ports:
    - name: http-metrics-port
      containerPort: 9090
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
    ports:
    - name: metrics
      containerPort: 9090
```

Shorten the port name to at most 15 lowercase letters, digits and dashes, keep names unique in the pod, and use port numbers from 1 to 65535.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        let mut seen: BTreeMap<&str, String> = BTreeMap::new();
        for c in obj.containers() {
            for (j, port) in c.container.ports.iter().flatten().enumerate() {
                let at = format!("{}.ports[{j}]", c.path);
                let mut push = |field: &str, message: String, help: &str| {
                    findings.push(
                        Finding::new(&CHECK, obj, &format!("{at}.{field}"), message)
                            .container(&c.container.name)
                            .help(help),
                    );
                };
                if !(1..=65535).contains(&port.container_port) {
                    push(
                        "containerPort",
                        format!(
                            "{} has containerPort {}, outside 1-65535",
                            describe(&c),
                            port.container_port
                        ),
                        "set containerPort to the port the process listens on (1-65535)",
                    );
                }
                if let Some(host) = port
                    .host_port
                    .filter(|p| *p != 0 && !(1..=65535).contains(p))
                {
                    push(
                        "hostPort",
                        format!("{} has hostPort {host}, outside 1-65535", describe(&c)),
                        "use a hostPort between 1 and 65535, or remove it",
                    );
                }
                let Some(name) = port.name.as_deref() else {
                    continue;
                };
                if let Some(problem) = port_name_problem(name) {
                    push(
                        "name",
                        format!("port name \"{name}\" {problem}"),
                        "use at most 15 lowercase letters, digits and dashes, e.g. http or metrics",
                    );
                } else if let Some(owner) = seen.get(name) {
                    push(
                        "name",
                        format!("port name \"{name}\" is already used by {owner} in this pod"),
                        "give each port of the pod its own name",
                    );
                } else {
                    seen.insert(name, describe(&c));
                }
            }
        }
    }
    for obj in ctx.model.of_kind("Service") {
        let Resource::Service(svc) = &*obj.resource else {
            continue;
        };
        for (i, port) in svc
            .spec
            .iter()
            .flat_map(|s| s.ports.iter().flatten())
            .enumerate()
        {
            let at = |field: &str| format!("spec.ports[{i}].{field}");
            if !(1..=65535).contains(&port.port) {
                findings.push(
                    Finding::new(
                        &CHECK,
                        obj,
                        &at("port"),
                        format!("port {} is outside 1-65535", port.port),
                    )
                    .help("use a port between 1 and 65535"),
                );
            }
            if let Some(node_port) = port
                .node_port
                .filter(|p| *p != 0 && !(1..=65535).contains(p))
            {
                findings.push(
                    Finding::new(&CHECK, obj, &at("nodePort"), format!("nodePort {node_port} is outside 1-65535"))
                        .help("use a nodePort in the cluster's range (30000-32767 by default), or remove it"),
                );
            }
            // 0 means "the same as port", as the API server defaults it.
            if let Some(IntOrString::Int(n)) = &port.target_port
                && *n != 0
                && !(1..=65535).contains(n)
            {
                findings.push(
                    Finding::new(&CHECK, obj, &at("targetPort"), format!("targetPort {n} is outside 1-65535"))
                        .help("point targetPort at the port the container listens on (1-65535) or at its name"),
                );
            }
            let Some(IntOrString::String(name)) = &port.target_port else {
                continue;
            };
            if let Some(problem) = port_name_problem(name) {
                findings.push(
                    Finding::new(&CHECK, obj, &format!("spec.ports[{i}].targetPort"), format!("targetPort name \"{name}\" {problem}"))
                        .help("use the name of a container port (at most 15 lowercase letters, digits and dashes) or a port number"),
                );
            }
        }
    }
    findings
}

/// Why `name` is not a valid port name (IANA service name), if it is not.
fn port_name_problem(name: &str) -> Option<String> {
    let len = name.chars().count();
    if len > 15 {
        return Some(format!("is {len} characters long, more than 15"));
    }
    if name.is_empty() {
        return Some("is empty".to_owned());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Some(format!(
            "contains \"{c}\" (only lowercase letters, digits and - are allowed)"
        ));
    }
    if !name.chars().any(|c| c.is_ascii_lowercase()) {
        return Some("has no letter (a name made of digits looks like a port number)".to_owned());
    }
    if name.starts_with('-') || name.ends_with('-') || name.contains("--") {
        return Some("must not start or end with - or contain --".to_owned());
    }
    None
}

/// The fixture that must fire exactly on the lines marked `# ^ container-port-invalid` under them; objects named
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
        ports:
        - name: http
          containerPort: 8080
        - name: http-metrics-port
# ^ container-port-invalid
          containerPort: 9090
      - name: sidecar
        image: example/proxy:1.0
        ports:
        - name: http
# ^ container-port-invalid
          containerPort: 8081
        - name: admin
          containerPort: 0
# ^ container-port-invalid
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - name: http
    port: 80
    targetPort: HTTP
# ^ container-port-invalid
  - name: dont-fire-metrics
    port: 9090
    targetPort: metrics
  - name: admin
    port: 8443
    targetPort: 123456
# ^ container-port-invalid
  - name: dont-fire-same-as-port
    port: 8080
    targetPort: 0
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
        ports:
        - name: http
          containerPort: 8080
        - name: metrics
          containerPort: 9090
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - name: http
    port: 80
    targetPort: http
"#;

#[cfg(test)]
mod tests {
    use super::port_name_problem;

    #[test]
    fn iana_service_names() {
        assert_eq!(port_name_problem("http"), None);
        assert_eq!(port_name_problem("grpc-web-2"), None);
        assert_eq!(
            port_name_problem("http-metrics-port").as_deref(),
            Some("is 17 characters long, more than 15")
        );
        assert_eq!(
            port_name_problem("HTTP").as_deref(),
            Some("contains \"H\" (only lowercase letters, digits and - are allowed)")
        );
        assert_eq!(
            port_name_problem("8080").as_deref(),
            Some("has no letter (a name made of digits looks like a port number)")
        );
        assert_eq!(
            port_name_problem("a--b").as_deref(),
            Some("must not start or end with - or contain --")
        );
    }
}
