//! `host-port`: container sets hostPort.

use super::support::containers::describe;

use super::support::pods::pods;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `host-port` check.
pub(crate) static CHECK: Check = Check {
    id: "host-port",
    rank: 910,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "container sets hostPort",
    docs: DOCS,
    aliases: &["polaris:hostPortSet", "checkov:CKV_K8S_26"],
    run,
};

const DOCS: &str = r#"## What it does

Flags every container port, init containers included, that sets a `hostPort`.

## Why is this bad?

`hostPort` opens a port on the node's own IP address and forwards it to the container.
The pod is then reachable from anywhere that can reach the node, outside any Service and often around NetworkPolicies and firewalls that only consider Services.
It also limits scheduling: only one pod per node can hold a given host port, so a Deployment with more replicas than nodes leaves pods `Pending`, and a rolling update can stall while the old pod still holds the port.

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
      hostPort: 8080
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
    image: nginx:1.27
    ports:
    - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
```

Remove `hostPort` and expose the pod through a Service (ClusterIP, NodePort or LoadBalancer).

## Known problems

Some ingress controllers and node agents run as DaemonSets with host ports on purpose.
Suppress the finding on them with a written reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for pod in pods(ctx) {
        for c in &pod.containers {
            for (j, port) in c.container.ports.iter().flatten().enumerate() {
                let Some(host_port) = port.host_port.filter(|p| *p != 0) else {
                    continue;
                };
                findings.push(
                    Finding::new(
                        &CHECK,
                        pod.obj,
                        &format!("{}.ports[{j}].hostPort", c.path),
                        format!(
                            "{} binds host port {host_port} (containerPort {})",
                            describe(c),
                            port.container_port
                        ),
                    )
                    .container(&c.container.name)
                    .help("remove hostPort and expose the pod through a Service"),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ host-port` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ingress
spec:
  selector:
    matchLabels:
      app: ingress
  template:
    metadata:
      labels:
        app: ingress
    spec:
      containers:
      - name: controller
        image: example/ingress-controller:1.11
        ports:
        - name: http
          containerPort: 80
          hostPort: 80
# ^ host-port
        - name: https
          containerPort: 443
          hostPort: 443
# ^ host-port
        - name: metrics
          containerPort: 10254
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-container-port-only
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
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
    fn flags_each_host_port() {
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
    - containerPort: 80
      hostPort: 8080
    - containerPort: 443
    - containerPort: 9090
      hostPort: 0
"
            ),
            ["11 warning container \"web\" binds host port 8080 (containerPort 80)"]
        );
    }
}
