//! `ssh-port`: a container exposes port 22.

use super::support::containers::describe;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `ssh-port` check.
pub(crate) static CHECK: Check = Check {
    id: "ssh-port",
    rank: 1030,
    category: Category::Security,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "a container exposes port 22",
    docs: DOCS,
    aliases: &["kube-linter:ssh-port"],
    run,
};

const DOCS: &str = r#"## What it does

Flags every container that declares TCP port 22, the SSH port, in its `ports`.

## Why is this bad?

Port 22 usually means an SSH server runs inside the container.
That is one more network service with credentials to steal and a patch level to keep up with, and it lets people change a running pod by hand, so the pod no longer matches its image and manifest.
Kubernetes already gives authenticated, audited access to a container: `kubectl exec` (and `kubectl debug`, `kubectl cp`, `kubectl port-forward`), all controlled by RBAC.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: toolbox
spec:
  containers:
  - name: toolbox
    image: example/toolbox:1.0
    ports:
    - containerPort: 22
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: toolbox
spec:
  containers:
  - name: toolbox
    image: example/toolbox:1.0
```

Remove the SSH server and its port; use `kubectl exec -it toolbox -- sh` for interactive access.

## Known problems

A Git server or an SFTP service legitimately listens on 22; suppress the finding on it with a reason.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        for c in obj.containers() {
            for (j, port) in c.container.ports.iter().flatten().enumerate() {
                let tcp = port.protocol.as_deref().is_none_or(|p| p == "TCP");
                if port.container_port != 22 || !tcp {
                    continue;
                }
                findings.push(
                    Finding::new(
                        &CHECK,
                        obj,
                        &format!("{}.ports[{j}].containerPort", c.path),
                        format!("{} exposes port 22 (ssh)", describe(&c)),
                    )
                    .container(&c.container.name)
                    .help("remove the SSH server and use kubectl exec for access"),
                );
            }
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ ssh-port` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: git-server
spec:
  selector:
    matchLabels:
      app: git-server
  template:
    metadata:
      labels:
        app: git-server
    spec:
      containers:
      - name: sshd
        image: example/git-server:2.4
        ports:
        - name: ssh
          containerPort: 22
# ^ ssh-port
        - name: http
          containerPort: 8080
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-high-ssh-port
spec:
  containers:
  - name: sshd
    image: example/git-server:2.4
    ports:
    - containerPort: 2222
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
    fn flags_tcp_port_22_only() {
        assert_eq!(
            findings(
                &CHECK,
                "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: git
    image: a
    ports:
    - containerPort: 22
    - containerPort: 22
      protocol: UDP
    - containerPort: 2222
"
            ),
            ["10 warning container \"git\" exposes port 22 (ssh)"]
        );
    }
}
