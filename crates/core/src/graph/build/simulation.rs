//! The objects' nodes and what the controllers would create from them: simulated ReplicaSets,
//! ReplicationControllers, Jobs and Pods, and `ownerReferences`.

use std::collections::BTreeMap;

use foldhash::{HashSet, HashSetExt};

use super::{Builder, PodInfo};
use crate::graph::operators::operator_pods;
use crate::graph::{MAX_SIMULATED_PODS, Relation};
use crate::model::{
    DEPLOYMENT_CONFIG_LABEL, DEPLOYMENT_LABEL, Object, ObjectId, Resource, is_cluster_scoped,
    replication_controller_name,
};
use crate::rollout::hash::{POD_TEMPLATE_HASH_LABEL, fnv1a32, pod_suffix, pod_template_hash};

impl<'m> Builder<'m> {
    pub(super) fn objects_and_simulated(&mut self) {
        for obj in self.objects() {
            for owner in owner_refs(obj) {
                self.written_children.insert(owner);
            }
            if let Resource::HorizontalPodAutoscaler(hpa) = &*obj.resource {
                let target = &hpa.spec.scale_target_ref;
                let id = ObjectId::new(&target.kind, Some(obj.ns()), &target.name);
                self.hpa_min
                    .insert(id, (hpa.spec.min_replicas.unwrap_or(1), obj.name.as_str()));
            }
        }
        for obj in self.objects() {
            let node = self.real_node(obj);
            if obj.kind == "Pod" && obj.pod_spec().is_some() {
                self.add_pod(obj, node);
            }
            if !self.written_children.contains(&obj.id) {
                self.simulate(obj);
            }
        }
    }

    /// How many pods a workload with `spec.replicas` runs, and why.
    fn replicas(&self, obj: &Object) -> (u32, String) {
        if let Some(n) = obj.written_replicas() {
            return (n.max(0) as u32, format!("spec.replicas {n}"));
        }
        if let Some((min, hpa)) = self.hpa_min.get(&obj.id) {
            return (
                (*min).max(0) as u32,
                format!(
                    "spec.replicas is unset, so HorizontalPodAutoscaler {hpa} starts it at minReplicas {min}"
                ),
            );
        }
        (1, "spec.replicas is unset, so 1".to_owned())
    }

    fn simulate(&mut self, obj: &'m Object) {
        let template_labels = obj.pod_labels().cloned().unwrap_or_default();
        match &*obj.resource {
            Resource::Deployment(d) => {
                let hash = pod_template_hash(&d.spec.template);
                let mut labels = template_labels;
                labels.insert(POD_TEMPLATE_HASH_LABEL.to_owned(), hash.clone());
                self.simulate_pod_set(
                    obj,
                    "ReplicaSet",
                    &format!("{}-{hash}", obj.name),
                    &labels,
                    format!("spec.template: a Deployment runs its pod template through a ReplicaSet (pod-template-hash {hash})"),
                );
            }
            Resource::DeploymentConfig(dc) => {
                let version = dc.latest_version();
                let rc_name = replication_controller_name(&obj.name, version);
                let mut labels = template_labels;
                labels.insert(DEPLOYMENT_CONFIG_LABEL.to_owned(), obj.name.clone());
                labels.insert(DEPLOYMENT_LABEL.to_owned(), rc_name.clone());
                let which = if dc.status.as_ref().and_then(|s| s.latest_version).is_some() {
                    format!("status.latestVersion {version}")
                } else {
                    "version 1, which the first apply creates".to_owned()
                };
                self.simulate_pod_set(
                    obj,
                    "ReplicationController",
                    &rc_name,
                    &labels,
                    format!("spec.template: a DeploymentConfig runs each version of its pod template through a ReplicationController named <name>-<version> ({which})"),
                );
            }
            Resource::ReplicaSet(_) | Resource::ReplicationController(_) => {
                let (n, why) = self.replicas(obj);
                self.simulate_pods(
                    obj,
                    &obj.id,
                    &obj.name,
                    n,
                    &why,
                    &template_labels,
                    "spec.template",
                );
            }
            Resource::StatefulSet(s) => {
                let (n, why) = self.replicas(obj);
                let start = s
                    .spec
                    .ordinals
                    .as_ref()
                    .and_then(|o| o.start)
                    .unwrap_or(0)
                    .max(0) as u32;
                let templates = s.spec.volume_claim_templates.as_deref().unwrap_or_default();
                for ordinal in start..start.saturating_add(n.min(MAX_SIMULATED_PODS)) {
                    let pod_name = format!("{}-{ordinal}", obj.name);
                    let mut labels = template_labels.clone();
                    labels.insert(
                        "statefulset.kubernetes.io/pod-name".to_owned(),
                        pod_name.clone(),
                    );
                    labels.insert(
                        "apps.kubernetes.io/pod-index".to_owned(),
                        ordinal.to_string(),
                    );
                    let pod = self.simulated_node(
                        "Pod",
                        &pod_name,
                        &obj.id,
                        obj,
                        "spec.template",
                        labels,
                    );
                    let pod_id = self.nodes[pod].id.clone();
                    self.add_pod(obj, pod);
                    self.edge(
                        &obj.id,
                        &pod_id,
                        Relation::Owns,
                        true,
                        format!("{why}: a StatefulSet names its pods by ordinal (this is ordinal {ordinal})"),
                        Some(obj.locate("spec.replicas")),
                    );
                    for (t, template) in templates.iter().enumerate() {
                        let Some(claim) = template.metadata.name.as_deref() else {
                            continue;
                        };
                        let field = format!("spec.volumeClaimTemplates[{t}]");
                        let pvc_name = format!("{claim}-{pod_name}");
                        let pvc_labels = template.metadata.labels.clone().unwrap_or_default();
                        let pvc = self.simulated_node(
                            "PersistentVolumeClaim",
                            &pvc_name,
                            &obj.id,
                            obj,
                            &field,
                            pvc_labels,
                        );
                        let pvc_id = self.nodes[pvc].id.clone();
                        self.edge(
                            &obj.id,
                            &pvc_id,
                            Relation::Owns,
                            true,
                            format!(
                                "{field} \"{claim}\": one claim per pod, named <template>-<pod>"
                            ),
                            Some(obj.locate(&field)),
                        );
                        self.edge(
                            &pod_id,
                            &pvc_id,
                            Relation::Mounts,
                            true,
                            format!("volumeClaimTemplates \"{claim}\" gives pod {pod_name} its own claim"),
                            Some(obj.locate(&field)),
                        );
                    }
                }
            }
            Resource::DaemonSet(_) => {
                let n = self.options.daemonset_nodes;
                let why = format!("one pod per node, on a cluster of {n} nodes");
                self.simulate_pods(
                    obj,
                    &obj.id,
                    &obj.name,
                    n,
                    &why,
                    &template_labels,
                    "spec.template",
                );
            }
            Resource::Job(j) => {
                let (n, why) = job_pods(
                    j.spec.as_ref().and_then(|s| s.parallelism),
                    j.spec.as_ref().and_then(|s| s.completions),
                );
                let labels = job_pod_labels(template_labels, &obj.name);
                self.simulate_pods(obj, &obj.id, &obj.name, n, &why, &labels, "spec.template");
            }
            Resource::CronJob(c) => {
                let job_name = format!("{}-{}", obj.name, job_number(obj.id.as_str()));
                let job = self.simulated_node(
                    "Job",
                    &job_name,
                    &obj.id,
                    obj,
                    "spec.jobTemplate",
                    BTreeMap::new(),
                );
                let job_id = self.nodes[job].id.clone();
                self.edge(
                    &obj.id,
                    &job_id,
                    Relation::Owns,
                    true,
                    format!(
                        "spec.jobTemplate: the CronJob creates a Job at each time of spec.schedule \"{}\" (one shown)",
                        c.spec.schedule
                    ),
                    Some(obj.locate("spec.jobTemplate")),
                );
                let spec = c.spec.job_template.spec.as_ref();
                let (n, why) = job_pods(
                    spec.and_then(|s| s.parallelism),
                    spec.and_then(|s| s.completions),
                );
                let labels = job_pod_labels(template_labels, &job_name);
                self.simulate_pods(
                    obj,
                    &job_id,
                    &job_name,
                    n,
                    &why,
                    &labels,
                    "spec.jobTemplate.spec.template",
                );
            }
            _ => self.simulate_operator(obj),
        }
    }

    /// The StatefulSet and pods an operator creates from one of its custom resources
    /// (prometheus-operator's Prometheus, Alertmanager, ThanosRuler).
    fn simulate_operator(&mut self, obj: &'m Object) {
        let Some(made) = operator_pods(obj) else {
            return;
        };
        let sts = self.simulated_node(
            "StatefulSet",
            &made.statefulset,
            &obj.id,
            obj,
            "spec",
            made.labels.clone(),
        );
        let sts_id = self.nodes[sts].id.clone();
        self.edge(
            &obj.id,
            &sts_id,
            Relation::Owns,
            true,
            format!(
                "the {} creates StatefulSet {} for {} {}",
                made.operator, made.statefulset, obj.kind, obj.name
            ),
            Some(obj.locate("spec")),
        );
        let (n, why) = made.replicas;
        for ordinal in 0..n.min(MAX_SIMULATED_PODS) {
            let pod_name = format!("{}-{ordinal}", made.statefulset);
            let mut labels = made.labels.clone();
            labels.insert(
                "statefulset.kubernetes.io/pod-name".to_owned(),
                pod_name.clone(),
            );
            let pod = self.simulated_node("Pod", &pod_name, &sts_id, obj, "spec", labels);
            let pod_id = self.nodes[pod].id.clone();
            self.add_pod(obj, pod);
            let location = obj
                .find("spec.replicas")
                .or_else(|| Some(obj.locate("spec")));
            self.edge(
                &sts_id,
                &pod_id,
                Relation::Owns,
                true,
                format!("{why}: pod {} of {n}", ordinal + 1),
                location,
            );
        }
    }

    /// The pod set `name` of kind `kind` that `obj`'s controller creates from its template (a
    /// Deployment's ReplicaSet, a DeploymentConfig's ReplicationController), owned by `obj` for
    /// `reason`, and its pods, which carry `labels`.
    fn simulate_pod_set(
        &mut self,
        obj: &'m Object,
        kind: &str,
        name: &str,
        labels: &BTreeMap<String, String>,
        reason: String,
    ) {
        let set = self.simulated_node(kind, name, &obj.id, obj, "spec.template", labels.clone());
        let set_id = self.nodes[set].id.clone();
        self.edge(
            &obj.id,
            &set_id,
            Relation::Owns,
            true,
            reason,
            Some(obj.locate("spec.template")),
        );
        let (n, why) = self.replicas(obj);
        self.simulate_pods(obj, &set_id, name, n, &why, labels, "spec.template");
    }

    /// Records `node` as a pod of `obj`'s namespace that runs `obj`'s pod template.
    fn add_pod(&mut self, obj: &'m Object, node: usize) {
        let pods = self.pods.entry(obj.ns().to_owned()).or_default();
        self.pod_labels
            .add(obj.ns(), pods.len(), &self.nodes[node].labels);
        pods.push(PodInfo {
            node,
            template: obj,
        });
    }

    /// `n` pods named `<prefix>-<suffix>`, owned by `owner`, running `obj`'s pod template.
    #[allow(clippy::too_many_arguments)]
    fn simulate_pods(
        &mut self,
        obj: &'m Object,
        owner: &ObjectId,
        prefix: &str,
        n: u32,
        why: &str,
        labels: &BTreeMap<String, String>,
        field: &str,
    ) {
        if obj.pod_spec().is_none() {
            return;
        }
        let mut used = HashSet::new();
        let mut counter = 0;
        // Every pod's edge points at the same field: the replicas, or the template.
        let location = obj
            .find("spec.replicas")
            .unwrap_or_else(|| obj.locate(field));
        for i in 0..n.min(MAX_SIMULATED_PODS) {
            // The same names as the rollout simulator gives: `<owner>-<suffix of owner and counter>`.
            let mut name = format!("{prefix}-{}", pod_suffix(prefix, counter));
            counter += 1;
            while !used.insert(name.clone()) {
                name = format!("{prefix}-{}", pod_suffix(prefix, counter));
                counter += 1;
            }
            let pod = self.simulated_node("Pod", &name, owner, obj, field, labels.clone());
            let pod_id = self.nodes[pod].id.clone();
            self.add_pod(obj, pod);
            self.edge(
                owner,
                &pod_id,
                Relation::Owns,
                true,
                format!("{why} ({} of {n})", i + 1),
                Some(location.clone()),
            );
        }
    }

    /// Written `metadata.ownerReferences` to loaded objects.
    pub(super) fn owner_references(&mut self) {
        for obj in self.objects() {
            let refs = obj
                .resource
                .metadata()
                .owner_references
                .as_deref()
                .unwrap_or_default();
            for (i, r) in refs.iter().enumerate() {
                let ns = (!is_cluster_scoped(&r.kind)).then(|| obj.ns());
                let owner = ObjectId::new(&r.kind, ns, &r.name);
                if !self.exists(&owner) {
                    continue;
                }
                if let Some(&n) = self.index.get(&obj.id)
                    && (self.nodes[n].owner.is_none() || r.controller == Some(true))
                {
                    self.nodes[n].owner = Some(owner.clone());
                }
                let field = format!("metadata.ownerReferences[{i}]");
                let reason = format!("{field} names {} {}", r.kind, r.name);
                self.edge(
                    &owner,
                    &obj.id,
                    Relation::Owns,
                    true,
                    reason,
                    Some(obj.locate(&field)),
                );
            }
        }
    }
}

/// The owners named by an object's `ownerReferences`.
fn owner_refs(obj: &Object) -> Vec<ObjectId> {
    obj.resource
        .metadata()
        .owner_references
        .iter()
        .flatten()
        .map(|r| {
            ObjectId::new(
                &r.kind,
                (!is_cluster_scoped(&r.kind)).then(|| obj.ns()),
                &r.name,
            )
        })
        .collect()
}

/// A stable stand-in for the number a CronJob puts in its Jobs' names (the scheduled time, in
/// minutes since 1970): eight digits, a function of `seed` only.
fn job_number(seed: &str) -> u32 {
    29_000_000 + fnv1a32(seed.as_bytes()) % 1_000_000
}

/// How many pods a Job runs at once: `parallelism` (default 1), at most `completions`.
fn job_pods(parallelism: Option<i32>, completions: Option<i32>) -> (u32, String) {
    let p = parallelism.unwrap_or(1).max(0) as u32;
    match completions {
        Some(c) if (c.max(0) as u32) < p => (
            c.max(0) as u32,
            format!("spec.completions {c} caps parallelism {p}"),
        ),
        _ if parallelism.is_some() => (p, format!("spec.parallelism {p}")),
        _ => (1, "spec.parallelism is unset, so 1".to_owned()),
    }
}

/// The labels of a Job's pods: its template's labels plus the two the Job controller adds.
fn job_pod_labels(
    mut labels: BTreeMap<String, String>,
    job_name: &str,
) -> BTreeMap<String, String> {
    labels.insert(
        "batch.kubernetes.io/job-name".to_owned(),
        job_name.to_owned(),
    );
    labels.insert("job-name".to_owned(), job_name.to_owned());
    labels
}
