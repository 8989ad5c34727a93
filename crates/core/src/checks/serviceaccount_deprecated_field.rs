//! `serviceaccount-deprecated-field`: uses serviceAccount rather than serviceAccountName.

use super::{Category, Check, Context, Finding, Level, Scope};

/// The `serviceaccount-deprecated-field` check.
pub(crate) static CHECK: Check = Check {
    id: "serviceaccount-deprecated-field",
    rank: 310,
    category: Category::Hygiene,
    scope: Scope::PodSpec,
    severity: Level::Warning,
    also: &[],
    enabled_by_default: true,
    summary: "uses serviceAccount rather than serviceAccountName",
    docs: DOCS,
    aliases: &["kube-linter:deprecated-service-account-field"],
    run,
};

const DOCS: &str = r#"## What it does

Flags a pod spec that sets the old `serviceAccount` field.
When it also sets `serviceAccountName` to a different value, the message says so.

## Why is this bad?

`serviceAccount` is a deprecated alias of `serviceAccountName`, kept only so that very old manifests still load.
The API server copies one into the other, and when both are written `serviceAccountName` wins, so a `serviceAccount` that disagrees is silently ignored.
Readers and tools that look only at `serviceAccountName` will assume the pod runs as the `default` ServiceAccount, with the wrong permissions in mind.

## Example

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: reporter
spec:
  serviceAccount: reporter
  containers:
  - name: reporter
    image: example/reporter:1.2
```

## Fix

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: reporter
spec:
  serviceAccountName: reporter
  containers:
  - name: reporter
    image: example/reporter:1.2
```

Rename `serviceAccount` to `serviceAccountName`.
"#;

fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        let Some(pod) = obj.pod_spec() else { continue };
        let Some(old) = &pod.spec.service_account else {
            continue;
        };
        let path = format!("{}.serviceAccount", pod.path);
        let finding = match pod.spec.service_account_name.as_deref() {
            Some(name) if name != old => Finding::new(
                &CHECK,
                obj,
                &path,
                format!("deprecated serviceAccount \"{old}\" disagrees with serviceAccountName \"{name}\", which wins"),
            )
            .help("delete serviceAccount and keep only serviceAccountName"),
            Some(_) => Finding::new(
                &CHECK,
                obj,
                &path,
                format!("serviceAccount \"{old}\" is a deprecated copy of serviceAccountName"),
            )
            .help("delete serviceAccount; serviceAccountName already says the same"),
            None => Finding::new(
                &CHECK,
                obj,
                &path,
                format!("serviceAccount \"{old}\" uses the deprecated field; write serviceAccountName instead"),
            )
            .help(format!("rename serviceAccount to serviceAccountName: {old}")),
        };
        findings.push(finding);
    }
    findings
}

/// The fixture that must fire exactly on the lines marked `# ^ serviceaccount-deprecated-field` under them; objects named
/// `dont-fire-*` must stay silent.
#[cfg(test)]
pub(super) const FIRES: &str = r#"apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccount: reporter
# ^ serviceaccount-deprecated-field
          restartPolicy: OnFailure
          containers:
          - name: report
            image: example/reporter:1.2
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-reporter
spec:
  serviceAccountName: reporter
  containers:
  - name: report
    image: example/reporter:1.2
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
      serviceAccountName: api
      containers:
      - name: api
        image: example/api:2.1
"#;

#[cfg(test)]
mod tests {
    use super::super::support::testing::findings;
    use super::CHECK;

    #[test]
    fn names_both_accounts_when_they_disagree() {
        let yaml = "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  serviceAccount: old
  serviceAccountName: new
  containers:
  - name: c
    image: busybox
";
        assert_eq!(
            findings(&CHECK, yaml),
            [
                "6 warning deprecated serviceAccount \"old\" disagrees with serviceAccountName \"new\", which wins"
            ]
        );
    }
}
