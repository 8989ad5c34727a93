//! `ssh-port`: a container exposes port 22.

use super::support::containers::describe;
use super::{Category, Check, Context, Finding, Level};

/// The `ssh-port` check.
pub static CHECK: Check = Check {
    id: "ssh-port",
    category: Category::Security,
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
