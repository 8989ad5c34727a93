use std::path::Path;

use super::*;
use crate::checks;
use crate::samples::Sample;
use crate::{Model, SourceFile};

#[test]
fn ids_and_ranks_are_unique_ids_kebab_case_and_documented() {
    let mut seen = std::collections::BTreeSet::new();
    let mut ranks = std::collections::BTreeMap::new();
    let mut problems = Vec::new();
    for check in ALL {
        if !seen.insert(check.id) {
            problems.push(format!("{}: duplicate id", check.id));
        }
        if let Some(other) = ranks.insert(check.rank, check.id) {
            problems.push(format!(
                "{}: rank {} is taken by {other}",
                check.id, check.rank
            ));
        }
        let kebab = check
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !kebab || check.id.starts_with('-') || check.id.ends_with('-') {
            problems.push(format!("{}: id is not kebab-case", check.id));
        }
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Fix",
        ] {
            if !check.docs.contains(heading) {
                problems.push(format!("{}: docs lack `{heading}`", check.id));
            }
        }
        if check.summary.ends_with('.')
            || check.summary.chars().next().is_some_and(char::is_uppercase)
        {
            problems.push(format!(
                "{}: summary must be lowercase with no trailing period",
                check.id
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} registry problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// Tests over groups of checks: what fires on FeastFlow and on the corpus.

/// The checks of this group that fire on each FeastFlow workload, with default settings.
const GROUP: &[&str] = &[
    "readiness-probe-missing",
    "liveness-probe-missing",
    "probes-identical",
    "probe-timing-risky",
    "replicas-single",
    "hpa-min-replicas-low",
    "hpa-min-equals-max",
    "pdb-missing",
    "pdb-unhealthy-eviction-policy-unset",
    "anti-affinity-missing",
    "topology-spread-missing",
    "rollout-strategy-recreate",
    "rollout-params-risky",
    "image-tag-mutable",
    "image-digest-missing",
    "image-pull-policy",
    "priority-class-unset",
    "cronjob-deadline-unset",
    "job-ttl-unset",
    "pod-unmanaged",
    "node-affinity-missing",
    "dns-config-options-missing",
    "cpu-request-missing",
    "memory-request-missing",
    "memory-limit-missing",
    "cpu-limit-missing",
    "requests-equal-limits",
    "ephemeral-storage-unset",
];

fn fired(files: Vec<SourceFile>, object: &str) -> Vec<(&'static str, Level)> {
    let model = Model::from_files(files);
    let settings = Settings::default();
    let ctx = Context::new(&model, &settings);
    let mut fired: Vec<(&'static str, Level)> = GROUP
        .iter()
        .filter_map(|id| checks::by_id(id))
        .filter(|c| settings.is_enabled(c))
        .flat_map(|c| (c.run)(&ctx))
        .filter(|f| f.object.as_str() == object)
        .map(|f| (f.check, f.severity))
        .collect();
    fired.sort();
    fired.dedup();
    fired
}

#[test]
fn feastflow_backend_is_flagged_only_for_its_latest_tag_missing_pdb_and_spreading() {
    let fired = fired(
        Sample::FeastFlow.files(),
        "Deployment/feastflow/feastflow-backend",
    );
    assert_eq!(
        fired,
        [
            ("ephemeral-storage-unset", Level::Info),
            ("image-tag-mutable", Level::Error),
            ("pdb-missing", Level::Warning),
            ("topology-spread-missing", Level::Info),
        ]
    );
}

#[test]
fn feastflow_frontend_also_lacks_anti_affinity() {
    let fired = fired(
        Sample::FeastFlow.files(),
        "Deployment/feastflow/feastflow-frontend",
    );
    assert_eq!(
        fired,
        [
            ("anti-affinity-missing", Level::Warning),
            ("ephemeral-storage-unset", Level::Info),
            ("image-tag-mutable", Level::Error),
            ("pdb-missing", Level::Warning),
            ("topology-spread-missing", Level::Info),
        ]
    );
}

#[test]
fn feastflow_postgres_single_replica_needs_no_pdb_or_anti_affinity() {
    let fired = fired(Sample::FeastFlow.files(), "StatefulSet/feastflow/postgres");
    assert_eq!(
        fired,
        [
            ("ephemeral-storage-unset", Level::Info),
            ("image-pull-policy", Level::Info)
        ]
    );
}

#[test]
fn feastflow_bare_pod_behind_the_backend_service_lacks_probes() {
    let mut files = Sample::FeastFlow.files();
    files.extend(Sample::PodsVsReplicaSets.files());
    let fired = fired(files, "Pod/feastflow/feastflow-backend-pod");
    assert_eq!(
        fired,
        [
            ("ephemeral-storage-unset", Level::Info),
            ("image-tag-mutable", Level::Error),
            ("liveness-probe-missing", Level::Info),
            ("pod-unmanaged", Level::Info),
            ("readiness-probe-missing", Level::Warning),
        ]
    );
}

#[test]
fn feastflow_findings_point_at_the_offending_fields() {
    let files = Sample::FeastFlow.files();
    let line_of = |file: &str, needle: &str| {
        let text = &files
            .iter()
            .find(|f| f.name == file)
            .expect("a FeastFlow file")
            .text;
        text.lines()
            .position(|l| l.contains(needle))
            .expect("the needle")
            + 1
    };
    let model = Model::from_files(files.clone());
    let settings = Settings::default();
    let ctx = Context::new(&model, &settings);
    let find = |id: &str, object: &str| {
        let check = checks::by_id(id).expect("a registered check");
        (check.run)(&ctx)
            .into_iter()
            .find(|f| f.object.as_str() == object)
            .expect("a finding")
    };

    let tag = find(
        "image-tag-mutable",
        "Deployment/feastflow/feastflow-frontend",
    );
    assert_eq!(
        tag.message,
        "image \"feastflow-frontend:latest\" uses a mutable tag"
    );
    assert_eq!(tag.container.as_deref(), Some("frontend"));
    assert_eq!(
        (&*tag.location.file, tag.location.line),
        (
            "08-frontend-deployment.yaml",
            line_of(
                "08-frontend-deployment.yaml",
                "image: feastflow-frontend:latest"
            )
        )
    );

    let pdb = find("pdb-missing", "Deployment/feastflow/feastflow-backend");
    assert!(
        pdb.message
            .starts_with("deployment runs 2 replicas but no PodDisruptionBudget"),
        "{}",
        pdb.message
    );
    assert_eq!(
        pdb.location.line,
        line_of("06-backend-deployment.yaml", "replicas: 2")
    );
}

/// The risky DaemonSets of the corpus trip the host and privilege checks.
#[test]
fn the_corpus_daemonsets_fire() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .ok()
            .map(|t| SourceFile::new(name, t))
    };
    let (Some(sysdig), Some(flannel)) =
        (read("sysdig-daemonset-crlf.yaml"), read("kube-flannel.yml"))
    else {
        eprintln!("skipping: the corpus folder {} is absent", dir.display());
        return;
    };
    let model = Model::from_files(vec![sysdig, flannel]);
    let settings = Settings::default();
    let ctx = Context::new(&model, &settings);
    let fired = |id: &str, file: &str| {
        let check = by_id(id).expect("a registered check");
        (check.run)(&ctx)
            .iter()
            .filter(|f| &*f.location.file == file)
            .count()
    };
    for id in [
        "privileged-container",
        "host-network",
        "host-pid",
        "docker-socket-mounted",
        "host-path-volume",
    ] {
        assert!(
            fired(id, "sysdig-daemonset-crlf.yaml") > 0,
            "{id} is silent on the sysdig agent"
        );
    }
    assert!(
        fired("capabilities-added", "kube-flannel.yml") > 0,
        "capabilities-added is silent on flannel"
    );
}

/// FeastFlow: the Ingress without TLS and the committed Secret are reported; the env vars,
/// which all come from secretRef/secretKeyRef, and the ConfigMap are not.
#[test]
fn feastflow_secrets_and_tls() {
    let model = Model::from_files(Sample::FeastFlow.files());
    let settings = Settings::default();
    let ctx = Context::new(&model, &settings);
    let fired = |id: &str| -> Vec<String> {
        let check = by_id(id).expect("a registered check");
        (check.run)(&ctx)
            .iter()
            .map(|f| f.object.to_string())
            .collect()
    };
    assert_eq!(
        fired("ingress-no-tls"),
        ["Ingress/feastflow/feastflow-ingress"]
    );
    assert_eq!(
        fired("secret-literal-in-manifest"),
        ["Secret/feastflow/feastflow-secrets"]
    );
    assert_eq!(fired("hardcoded-secret-env"), Vec::<String>::new());
    assert_eq!(fired("sensitive-configmap-data"), Vec::<String>::new());
    assert_eq!(fired("default-namespace"), Vec::<String>::new());
}
