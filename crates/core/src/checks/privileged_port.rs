//! `privileged-port`: containerPort < 1024.

use super::support::containers::describe;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `privileged-port` check.
pub(crate) static CHECK: Check = Check {
    id: "privileged-port",
    rank: 1040,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Info,
    also: &[],
    enabled_by_default: false,
    summary: "containerPort < 1024",
    docs: DOCS,
    aliases: &["kube-linter:privileged-ports"],
    run,
};

const DOCS: &str = r#"## What it does

Flags every `containerPort` below 1024 (the "privileged" ports: 80, 443, 22…).
This check is off unless you turn it on.

## Why is this bad?

On Linux, binding a port below 1024 traditionally needs root or the `NET_BIND_SERVICE` capability.
An image that listens on port 80 therefore tends to run as root, or keeps a capability it otherwise would not need, which works against `runAsNonRoot: true` and dropping all capabilities.
Inside a pod there is no reason to use a low port: each pod has its own IP address, and a Service can map port 80 to any `targetPort`, so the app can listen on 8080 as an ordinary user.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginxinc/nginx-unprivileged:1.27
    ports:
    - name: http
      containerPort: 8080
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
```

Have the app listen on a port of 1024 or above, and let the Service keep the well-known port for clients.

## Known problems

Some container runtimes now set the sysctl `net.ipv4.ip_unprivileged_port_start=0` in each pod's network namespace, so any user may bind low ports there; on such clusters the port number alone says nothing about root.
That is why the check is opt-in.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        for c in obj.containers() {
            for (j, port) in c.container.ports.iter().flatten().enumerate() {
                let number = port.container_port;
                if !(1..1024).contains(&number) {
                    continue;
                }
                findings.push(
                    Finding::new(
                        &CHECK,
                        obj,
                        &format!("{}.ports[{j}].containerPort", c.path),
                        format!(
                            "{} listens on privileged port {number} (below 1024)",
                            describe(&c)
                        ),
                    )
                    .container(&c.container.name)
                    .help("listen on a port of 1024 or above and map the well-known port in the Service"),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ privileged-port` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
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
        - name: http
          containerPort: 80
# ^ privileged-port
        - name: metrics
          containerPort: 9113
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-unprivileged
spec:
  containers:
  - name: web
    image: nginxinc/nginx-unprivileged:1.27
    ports:
    - containerPort: 8080
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 8080
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn flags_ports_below_1024() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: web
    image: a
    ports:
    - containerPort: 443
    - containerPort: 1024
    - containerPort: 8080
"
            ),
            ["10 info container \"web\" listens on privileged port 443 (below 1024)"]
        );
    }
}
