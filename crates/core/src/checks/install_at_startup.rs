//! `install-at-startup`: a container installs software when it starts.

use super::support::containers::describe;
use super::{Category, Check, Context, Finding, Level, Scope};

/// The `install-at-startup` check.
pub(crate) static CHECK: Check = Check {
    id: "install-at-startup",
    rank: 620,
    category: Category::Reliability,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "a container installs software at start (pip install, apt-get install, curl … | sh)",
    docs: DOCS,
    aliases: &[],
    run,
};

const DOCS: &str = r#"## What it does

Flags a container (or init container) whose `command` or `args` install software when it starts: `pip install`, `apt-get install`, `apk add`, `yum install`, `npm install`, `gem install`, or a script fetched with `curl` or `wget` and piped into a shell.

## Why is this bad?

Every start then depends on a package index or a download site: a pod cannot start while it is down, slow or rate-limited, and each start may get a different version than the one tested.
A script piped from the network into a shell runs whatever that server returns, as the container's user.
Startup is slow, so rollouts and autoscaling are slow too.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: worker
spec:
  containers:
  - name: worker
    image: python:3.12-slim
    command: ["sh", "-c", "pip install celery==5.4.0 && celery -A tasks worker"]
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: worker
spec:
  containers:
  - name: worker
    image: registry.example.com/worker:1.4.0
    command: ["celery", "-A", "tasks", "worker"]
```

Install the software when building the image (a `RUN pip install …` line in its Dockerfile), and start only the program in the pod.
"#;

/// Commands that install software, as they appear in a shell line.
const INSTALLERS: &[&str] = &[
    "pip install",
    "pip3 install",
    "python -m pip install",
    "apt-get install",
    "apt install",
    "apk add",
    "yum install",
    "dnf install",
    "microdnf install",
    "zypper install",
    "npm install",
    "npm i ",
    "yarn add",
    "gem install",
    "go install",
    "cargo install",
];

/// What in `line` installs software, if anything.
fn installs(line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    let squeezed = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(found) = INSTALLERS.iter().find(|i| squeezed.contains(*i)) {
        return Some(found.trim().to_owned());
    }
    let fetch = ["curl ", "wget "].iter().find(|f| squeezed.contains(*f))?;
    let piped = ["| sh", "|sh", "| bash", "|bash", "| sudo sh", "| sudo bash"]
        .iter()
        .any(|p| squeezed.contains(p));
    piped.then(|| format!("{} … | sh", fetch.trim()))
}

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        for c in obj.containers() {
            let fields = [
                (
                    "command",
                    c.container.command.as_deref().unwrap_or_default(),
                ),
                ("args", c.container.args.as_deref().unwrap_or_default()),
            ];
            let found = fields.iter().find_map(|(field, words)| {
                let line = words.join(" ");
                installs(&line).map(|what| (*field, what))
            });
            let Some((field, what)) = found else { continue };
            findings.push(
                Finding::new(
                    &CHECK,
                    obj,
                    &format!("{}.{field}", c.path),
                    format!(
                        "{} runs `{what}` in its {field} at every start, so starting depends on a package server and may get untested versions",
                        describe(&c)
                    ),
                )
                .container(&c.container.name)
                .help("install the software when building the image, and start only the program"),
            );
        }
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ install-at-startup` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: jobs
spec:
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      initContainers:
      - name: tools
        image: debian:12
        command:
# ^ install-at-startup
        - sh
        - -c
        - apt-get update && apt-get install -y jq
      containers:
      - name: worker
        image: python:3.12-slim
        command: ["sh", "-c"]
        args:
# ^ install-at-startup
        - pip install celery==5.4.0 redis && celery -A tasks worker
      - name: agent
        image: alpine:3.20
        command: ["sh", "-c", "curl -fsSL https://install.example.com/agent.sh | sh && agent run"]
# ^ install-at-startup
      - name: dont-fire-health
        image: curlimages/curl:8.8.0
        command: ["sh", "-c", "while true; do curl -f http://localhost:8080/healthz; sleep 10; done"]
"#;

/// The fixture that must fire nothing.
#[cfg(test)]
pub(super) const CLEAN: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: jobs
spec:
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
      - name: worker
        image: registry.example.com/worker:1.4.0
        command: ["celery", "-A", "tasks", "worker"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installers_and_piped_downloads_are_recognised() {
        assert_eq!(
            installs("sh -c pip install flask && python app.py").as_deref(),
            Some("pip install")
        );
        assert_eq!(
            installs("apt-get update && apt-get  install -y curl").as_deref(),
            Some("apt-get install")
        );
        assert_eq!(
            installs("curl -sSL https://get.example.com | bash").as_deref(),
            Some("curl … | sh")
        );
        assert_eq!(installs("curl -f http://localhost:8080/healthz"), None);
        assert_eq!(installs("python app.py --pip-installed"), None);
    }
}
