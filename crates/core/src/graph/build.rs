//! Building the graph: nodes for the objects and what the controllers would create from them,
//! then the edges and problems of each kind of reference.

use std::collections::{BTreeMap, HashMap, HashSet};

use k8s_openapi::api::core::v1::Container;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::index::PodLabelIndex;
use super::operators::{may_create_pods, operator_pods, operator_ports};
use super::{
    Edge, Graph, GraphNode, GraphOptions, Hop, MAX_SIMULATED_PODS, Problem, ProblemCode, Relation,
    TrafficPath,
};
use crate::model::{
    Model, Object, ObjectId, Resource, describe_label_map, describe_selector, is_cluster_scoped,
    map_selector_matches, selector_matches,
};
use crate::rollout::hash::{POD_TEMPLATE_HASH_LABEL, fnv1a32, pod_suffix, pod_template_hash};
use crate::source::Location;
use crate::text::closest;

/// Builds the graph of `model`.
pub(super) fn build(model: &Model, options: &GraphOptions) -> Graph {
    let mut b = Builder::new(model, *options);
    b.objects_and_simulated();
    b.owner_references();
    b.pod_spec_references();
    b.services();
    b.ingresses();
    b.autoscalers();
    b.disruption_budgets();
    b.network_policies();
    b.role_bindings();
    b.statefulset_services();
    b.service_monitors();
    b.problems
        .sort_by(|a, b| (&a.location, a.code, &a.object).cmp(&(&b.location, b.code, &b.object)));
    Graph::assemble(b.nodes, b.edges, b.problems, b.traffic)
}

/// A pod of the graph and the object whose pod spec it runs (itself, or its workload).
#[derive(Clone, Copy)]
struct PodInfo<'m> {
    node: usize,
    template: &'m Object,
}

/// What a reference by name from a pod spec points at.
struct PodRef<'a> {
    kind: &'static str,
    name: &'a str,
    optional: bool,
    relation: Relation,
    /// The field path of the name, for locations.
    field: String,
    /// The reference in words, relative to the container or pod spec, e.g. `envFrom[0].configMapRef`.
    what: String,
    /// The key read, for `configMapKeyRef` and `secretKeyRef`.
    key: Option<&'a str>,
    container: Option<&'a str>,
}

/// A service port resolved for the traffic paths.
struct Resolved<'m> {
    container: String,
    port: i32,
    port_name: Option<String>,
    template: &'m Object,
    /// A numeric port the pod's containers do not declare (they declare none): served anyway.
    undeclared: bool,
}

/// A numeric `targetPort` on pods whose containers declare no ports reaches the pod's first
/// container (the port is served whether or not it is declared).
fn undeclared_numeric<'m>(pods: &[PodInfo<'m>], target: &IntOrString) -> Option<Resolved<'m>> {
    let IntOrString::Int(n) = target else {
        return None;
    };
    pods.iter().find_map(|p| {
        if !declared_ports(p.template).is_empty() {
            return None;
        }
        let first = p.template.containers().into_iter().find(|c| !c.init)?;
        Some(Resolved {
            container: first.container.name.clone(),
            port: *n,
            port_name: None,
            template: p.template,
            undeclared: true,
        })
    })
}

struct Builder<'m> {
    options: GraphOptions,
    /// The objects by id; the last definition of an id wins, as on `kubectl apply`.
    objects: HashMap<&'m ObjectId, &'m Object>,
    /// The ids in the order they first appear.
    order: Vec<&'m ObjectId>,
    nodes: Vec<GraphNode>,
    index: HashMap<ObjectId, usize>,
    edges: Vec<Edge>,
    edge_index: HashMap<(ObjectId, ObjectId, Relation), usize>,
    problems: Vec<Problem>,
    traffic: Vec<TrafficPath>,
    /// The pods of each namespace.
    pods: BTreeMap<String, Vec<PodInfo<'m>>>,
    /// The pods of each namespace by label, for selectors.
    pod_labels: PodLabelIndex,
    /// The names of each (kind, namespace), for "did you mean".
    names: HashMap<(&'m str, &'m str), Vec<&'m str>>,
    /// Owners whose children are written in the manifests (through `ownerReferences`), so
    /// nothing is simulated for them.
    written_children: HashSet<ObjectId>,
    /// The `minReplicas` of the HorizontalPodAutoscaler targeting each workload.
    hpa_min: HashMap<ObjectId, (i32, &'m str)>,
    /// The pods each Service selects, and whether it has a selector at all.
    service_pods: HashMap<ObjectId, Vec<PodInfo<'m>>>,
}

impl<'m> Builder<'m> {
    fn new(model: &'m Model, options: GraphOptions) -> Self {
        let mut objects = HashMap::new();
        let mut order = Vec::new();
        for obj in &model.objects {
            if objects.insert(&obj.id, obj).is_none() {
                order.push(&obj.id);
            }
        }
        let mut names: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
        for id in &order {
            let obj = objects[id];
            names
                .entry((obj.kind.as_str(), obj.ns()))
                .or_default()
                .push(obj.name.as_str());
        }
        Builder {
            options,
            objects,
            order,
            nodes: Vec::new(),
            index: HashMap::new(),
            edges: Vec::new(),
            edge_index: HashMap::new(),
            problems: Vec::new(),
            traffic: Vec::new(),
            pods: BTreeMap::new(),
            pod_labels: PodLabelIndex::default(),
            names,
            written_children: HashSet::new(),
            hpa_min: HashMap::new(),
            service_pods: HashMap::new(),
        }
    }

    /// The objects in the order they first appear (last definition of each id).
    fn objects(&self) -> Vec<&'m Object> {
        self.order.iter().map(|id| self.objects[id]).collect()
    }

    fn exists(&self, id: &ObjectId) -> bool {
        self.objects.contains_key(id)
    }

    /// Whether a controller creates `id` (e.g. a claim of a StatefulSet's `volumeClaimTemplates`).
    fn is_simulated(&self, id: &ObjectId) -> bool {
        self.index.get(id).is_some_and(|&i| self.nodes[i].simulated)
    }

    // ----- nodes -----------------------------------------------------------------------------

    fn push_node(&mut self, node: GraphNode) -> usize {
        if let Some(&i) = self.index.get(&node.id) {
            return i;
        }
        let i = self.nodes.len();
        self.index.insert(node.id.clone(), i);
        self.nodes.push(node);
        i
    }

    fn real_node(&mut self, obj: &Object) -> usize {
        let labels = if obj.kind == "Pod" {
            obj.pod_labels().cloned().unwrap_or_default()
        } else {
            obj.labels().clone()
        };
        self.push_node(GraphNode {
            id: obj.id.clone(),
            kind: obj.kind.clone(),
            namespace: obj.namespace.clone(),
            name: obj.name.clone(),
            simulated: false,
            missing: false,
            builtin: false,
            source: Some(obj.location()),
            owner: None,
            labels,
        })
    }

    /// A node the cluster would create, owned by `owner`, from the field `field` of `obj`.
    fn simulated_node(
        &mut self,
        kind: &str,
        name: &str,
        owner: &ObjectId,
        obj: &Object,
        field: &str,
        labels: BTreeMap<String, String>,
    ) -> usize {
        let namespace = obj.namespace.clone();
        self.push_node(GraphNode {
            id: ObjectId::new(kind, namespace.as_deref(), name),
            kind: kind.to_owned(),
            namespace,
            name: name.to_owned(),
            simulated: true,
            missing: false,
            builtin: false,
            source: Some(obj.locate(field)),
            owner: Some(owner.clone()),
            labels,
        })
    }

    /// The node for an object that is referenced but not loaded: missing, or built-in.
    fn absent_node(
        &mut self,
        kind: &str,
        namespace: Option<&str>,
        name: &str,
        builtin: bool,
    ) -> ObjectId {
        let id = ObjectId::new(kind, namespace, name);
        self.push_node(GraphNode {
            id: id.clone(),
            kind: kind.to_owned(),
            namespace: namespace.map(str::to_owned),
            name: name.to_owned(),
            simulated: false,
            missing: !builtin,
            builtin,
            source: None,
            owner: None,
            labels: BTreeMap::new(),
        });
        id
    }

    // ----- edges and problems ----------------------------------------------------------------

    fn edge(
        &mut self,
        from: &ObjectId,
        to: &ObjectId,
        relation: Relation,
        ok: bool,
        reason: String,
        location: Option<Location>,
    ) {
        let key = (from.clone(), to.clone(), relation);
        if let Some(&i) = self.edge_index.get(&key) {
            let edge = &mut self.edges[i];
            edge.ok &= ok;
            if !edge.reason.split("; ").any(|r| r == reason)
                && edge.reason.matches("; ").count() < 5
            {
                edge.reason.push_str("; ");
                edge.reason.push_str(&reason);
            }
            return;
        }
        self.edge_index.insert(key, self.edges.len());
        self.edges.push(Edge {
            from: from.clone(),
            to: to.clone(),
            relation,
            ok,
            reason,
            location,
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn problem(
        &mut self,
        obj: &Object,
        code: ProblemCode,
        field: &str,
        message: String,
        suggestion: Option<String>,
        container: Option<&str>,
        definite: bool,
    ) {
        let message = match &suggestion {
            Some(s) => format!("{message}; did you mean `{s}`?"),
            None => message,
        };
        self.problems.push(Problem {
            object: obj.id.clone(),
            code,
            message,
            suggestion,
            field: field.to_owned(),
            location: obj.locate(field),
            container: container.map(str::to_owned),
            definite,
            advisory: false,
        });
    }

    /// Marks the last problem as advice only (see [`Problem::advisory`]).
    fn advisory(&mut self) {
        if let Some(p) = self.problems.last_mut() {
            p.advisory = true;
            p.definite = false;
        }
    }

    /// An existing name of `kind` in `namespace` one or two edits away from `name`.
    fn similar_name(&self, kind: &str, namespace: &str, name: &str) -> Option<String> {
        let candidates = self.names.get(&(kind, namespace))?;
        closest(name, candidates.iter().copied()).map(str::to_owned)
    }

    /// The namespaces other than `namespace` that hold a `kind` named `name`.
    fn elsewhere(&self, kind: &str, namespace: &str, name: &str) -> Vec<&'m str> {
        let mut out: Vec<&str> = self
            .objects
            .values()
            .filter(|o| o.kind == kind && o.name == name && o.ns() != namespace)
            .map(|o| o.ns())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// ", but a ConfigMap of that name exists in namespace x (… only its own namespace)".
    fn elsewhere_note(&self, kind: &str, namespace: &str, name: &str, who: &str) -> String {
        match self.elsewhere(kind, namespace, name).as_slice() {
            [] => String::new(),
            found => format!(
                " (a {kind} of that name exists in namespace {}, but {who} only reaches its own namespace)",
                found.join(", ")
            ),
        }
    }

    // ----- objects and what the controllers create -------------------------------------------

    fn objects_and_simulated(&mut self) {
        for obj in self.objects() {
            for owner in owner_refs(obj) {
                self.written_children.insert(owner);
            }
            if let Resource::HorizontalPodAutoscaler(hpa) = &obj.resource {
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

    /// How many pods a Deployment, ReplicaSet or StatefulSet runs, and why.
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
        match &obj.resource {
            Resource::Deployment(d) => {
                let hash = pod_template_hash(&d.spec.template);
                let rs_name = format!("{}-{hash}", obj.name);
                let mut labels = template_labels;
                labels.insert(POD_TEMPLATE_HASH_LABEL.to_owned(), hash.clone());
                let rs = self.simulated_node(
                    "ReplicaSet",
                    &rs_name,
                    &obj.id,
                    obj,
                    "spec.template",
                    labels.clone(),
                );
                let rs_id = self.nodes[rs].id.clone();
                self.edge(
                    &obj.id,
                    &rs_id,
                    Relation::Owns,
                    true,
                    format!("spec.template: a Deployment runs its pod template through a ReplicaSet (pod-template-hash {hash})"),
                    Some(obj.locate("spec.template")),
                );
                let (n, why) = self.replicas(obj);
                self.simulate_pods(obj, &rs_id, &rs_name, n, &why, labels, "spec.template");
            }
            Resource::ReplicaSet(_) => {
                let (n, why) = self.replicas(obj);
                self.simulate_pods(
                    obj,
                    &obj.id,
                    &obj.name,
                    n,
                    &why,
                    template_labels,
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
                    template_labels,
                    "spec.template",
                );
            }
            Resource::Job(j) => {
                let (n, why) = job_pods(
                    j.spec.as_ref().and_then(|s| s.parallelism),
                    j.spec.as_ref().and_then(|s| s.completions),
                );
                let labels = job_pod_labels(template_labels, &obj.name);
                self.simulate_pods(obj, &obj.id, &obj.name, n, &why, labels, "spec.template");
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
                    labels,
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
        labels: BTreeMap<String, String>,
        field: &str,
    ) {
        if obj.pod_spec().is_none() {
            return;
        }
        let mut used = HashSet::new();
        let mut counter = 0;
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
            let location = obj
                .find("spec.replicas")
                .or_else(|| Some(obj.locate(field)));
            self.edge(
                owner,
                &pod_id,
                Relation::Owns,
                true,
                format!("{why} ({} of {n})", i + 1),
                location,
            );
        }
    }

    /// Written `metadata.ownerReferences` to loaded objects.
    fn owner_references(&mut self) {
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

    // ----- references from pod specs --------------------------------------------------------

    fn pod_spec_references(&mut self) {
        for obj in self.objects() {
            let Some(spec_ref) = obj.pod_spec() else {
                continue;
            };
            let (spec, p) = (spec_ref.spec, spec_ref.path);
            let claim_templates: Vec<&str> = match &obj.resource {
                Resource::StatefulSet(s) => s
                    .spec
                    .volume_claim_templates
                    .iter()
                    .flatten()
                    .filter_map(|t| t.metadata.name.as_deref())
                    .collect(),
                _ => Vec::new(),
            };
            let mut refs: Vec<PodRef> = Vec::new();
            for (i, volume) in spec.volumes.iter().flatten().enumerate() {
                let v = format!("{p}.volumes[{i}]");
                if let Some(cm) = &volume.config_map {
                    refs.push(PodRef {
                        kind: "ConfigMap",
                        name: &cm.name,
                        optional: cm.optional == Some(true),
                        relation: Relation::Mounts,
                        field: format!("{v}.configMap.name"),
                        what: format!("volume {} configMap", volume.name),
                        key: None,
                        container: None,
                    });
                }
                if let Some(name) = volume
                    .secret
                    .as_ref()
                    .and_then(|s| s.secret_name.as_deref())
                {
                    refs.push(PodRef {
                        kind: "Secret",
                        name,
                        optional: volume.secret.as_ref().and_then(|s| s.optional) == Some(true),
                        relation: Relation::Mounts,
                        field: format!("{v}.secret.secretName"),
                        what: format!("volume {} secret", volume.name),
                        key: None,
                        container: None,
                    });
                }
                if let Some(pvc) = &volume.persistent_volume_claim
                    && !claim_templates.contains(&pvc.claim_name.as_str())
                {
                    refs.push(PodRef {
                        kind: "PersistentVolumeClaim",
                        name: &pvc.claim_name,
                        optional: false,
                        relation: Relation::Mounts,
                        field: format!("{v}.persistentVolumeClaim.claimName"),
                        what: format!("volume {} persistentVolumeClaim", volume.name),
                        key: None,
                        container: None,
                    });
                }
                let sources = volume
                    .projected
                    .as_ref()
                    .and_then(|pr| pr.sources.as_deref())
                    .unwrap_or_default();
                for (j, source) in sources.iter().enumerate() {
                    if let Some(cm) = &source.config_map {
                        refs.push(PodRef {
                            kind: "ConfigMap",
                            name: &cm.name,
                            optional: cm.optional == Some(true),
                            relation: Relation::Mounts,
                            field: format!("{v}.projected.sources[{j}].configMap.name"),
                            what: format!("volume {} projected configMap", volume.name),
                            key: None,
                            container: None,
                        });
                    }
                    if let Some(secret) = &source.secret {
                        refs.push(PodRef {
                            kind: "Secret",
                            name: &secret.name,
                            optional: secret.optional == Some(true),
                            relation: Relation::Mounts,
                            field: format!("{v}.projected.sources[{j}].secret.name"),
                            what: format!("volume {} projected secret", volume.name),
                            key: None,
                            container: None,
                        });
                    }
                }
            }
            for c in obj.containers() {
                let name = c.container.name.as_str();
                for (k, from) in c.container.env_from.iter().flatten().enumerate() {
                    if let Some(cm) = &from.config_map_ref {
                        refs.push(PodRef {
                            kind: "ConfigMap",
                            name: &cm.name,
                            optional: cm.optional == Some(true),
                            relation: Relation::Env,
                            field: format!("{}.envFrom[{k}].configMapRef.name", c.path),
                            what: format!("envFrom[{k}].configMapRef"),
                            key: None,
                            container: Some(name),
                        });
                    }
                    if let Some(secret) = &from.secret_ref {
                        refs.push(PodRef {
                            kind: "Secret",
                            name: &secret.name,
                            optional: secret.optional == Some(true),
                            relation: Relation::Env,
                            field: format!("{}.envFrom[{k}].secretRef.name", c.path),
                            what: format!("envFrom[{k}].secretRef"),
                            key: None,
                            container: Some(name),
                        });
                    }
                }
                for (k, var) in c.container.env.iter().flatten().enumerate() {
                    let Some(from) = &var.value_from else {
                        continue;
                    };
                    if let Some(cm) = &from.config_map_key_ref {
                        refs.push(PodRef {
                            kind: "ConfigMap",
                            name: &cm.name,
                            optional: cm.optional == Some(true),
                            relation: Relation::Env,
                            field: format!("{}.env[{k}].valueFrom.configMapKeyRef.name", c.path),
                            what: format!("env {} valueFrom.configMapKeyRef", var.name),
                            key: Some(&cm.key),
                            container: Some(name),
                        });
                    }
                    if let Some(secret) = &from.secret_key_ref {
                        refs.push(PodRef {
                            kind: "Secret",
                            name: &secret.name,
                            optional: secret.optional == Some(true),
                            relation: Relation::Env,
                            field: format!("{}.env[{k}].valueFrom.secretKeyRef.name", c.path),
                            what: format!("env {} valueFrom.secretKeyRef", var.name),
                            key: Some(&secret.key),
                            container: Some(name),
                        });
                    }
                }
            }
            let service_account = match (&spec.service_account_name, &spec.service_account) {
                (Some(name), _) => Some((name, "serviceAccountName")),
                (None, Some(name)) => Some((name, "serviceAccount")),
                (None, None) => None,
            };
            if let Some((name, key)) = service_account {
                refs.push(PodRef {
                    kind: "ServiceAccount",
                    name,
                    optional: false,
                    relation: Relation::Uses,
                    field: format!("{p}.{key}"),
                    what: key.to_owned(),
                    key: None,
                    container: None,
                });
            }
            for (k, secret) in spec.image_pull_secrets.iter().flatten().enumerate() {
                refs.push(PodRef {
                    kind: "Secret",
                    name: &secret.name,
                    optional: false,
                    relation: Relation::Uses,
                    field: format!("{p}.imagePullSecrets[{k}].name"),
                    what: format!("imagePullSecrets[{k}]"),
                    key: None,
                    container: None,
                });
            }
            for r in refs {
                self.pod_reference(obj, r);
            }
        }
    }

    fn pod_reference(&mut self, obj: &Object, r: PodRef) {
        if r.name.is_empty() {
            return;
        }
        let ns = obj.ns();
        let id = ObjectId::new(r.kind, Some(ns), r.name);
        let prefix = r
            .container
            .map(|c| format!("container {c}: "))
            .unwrap_or_default();
        let key = r.key.map(|k| format!(" key {k}")).unwrap_or_default();
        let described = format!("{prefix}{} \"{}\"{key}", r.what, r.name);
        let short = format!("{prefix}{} \"{}\"", r.what, r.name);
        let location = Some(obj.locate(&r.field));
        if self.exists(&id) || self.is_simulated(&id) {
            self.edge(&obj.id, &id, r.relation, true, described, location);
            return;
        }
        if builtin(r.kind, ns, r.name) {
            let to = self.absent_node(r.kind, Some(ns), r.name, true);
            let reason = format!("{described} (Kubernetes creates it in every namespace)");
            self.edge(&obj.id, &to, r.relation, true, reason, location);
            return;
        }
        let to = self.absent_node(r.kind, Some(ns), r.name, false);
        if r.optional {
            let reason =
                format!("{short} is not defined in namespace {ns}, and it is optional: true");
            self.edge(&obj.id, &to, r.relation, true, reason, location);
            return;
        }
        let reason = format!("{short} is not defined in namespace {ns}");
        self.edge(&obj.id, &to, r.relation, false, reason, location);
        let code = match r.kind {
            "ConfigMap" => ProblemCode::ConfigmapRefMissing,
            "Secret" => ProblemCode::SecretRefMissing,
            "PersistentVolumeClaim" => ProblemCode::PvcRefMissing,
            _ => ProblemCode::ServiceaccountMissing,
        };
        let note = self.elsewhere_note(r.kind, ns, r.name, "a pod");
        let message = format!(
            "{prefix}{} names {} \"{}\", not found in the loaded manifests for namespace {ns}{note}",
            r.what, r.kind, r.name
        );
        let suggestion = self.similar_name(r.kind, ns, r.name);
        self.problem(obj, code, &r.field, message, suggestion, r.container, false);
    }

    // ----- selectors -------------------------------------------------------------------------

    /// The pods of `namespace` whose labels `matches` accepts, in the order they were added.
    /// `required` are `key=value` labels every accepted pod carries (possibly none): only the
    /// pods with the rarest of them are tried.
    fn select(
        &self,
        namespace: &str,
        required: &[(&str, &str)],
        matches: impl Fn(&BTreeMap<String, String>) -> bool,
    ) -> Vec<PodInfo<'m>> {
        let Some(pods) = self.pods.get(namespace) else {
            return Vec::new();
        };
        let accept = |p: &&PodInfo<'m>| matches(&self.nodes[p.node].labels);
        match self.pod_labels.candidates(namespace, required) {
            Some(positions) => positions
                .iter()
                .filter_map(|&i| pods.get(i))
                .filter(accept)
                .copied()
                .collect(),
            None => pods.iter().filter(accept).copied().collect(),
        }
    }

    /// A `Selects` edge from `obj` to each pod of `matched`, for `reason`, located at `field`.
    fn selects_edges(&mut self, obj: &Object, matched: &[PodInfo<'m>], field: &str, reason: &str) {
        let location = Some(obj.locate(field));
        for pod in matched {
            let pod_id = self.nodes[pod.node].id.clone();
            let reason = match operator_pods(pod.template) {
                Some(made) => format!(
                    "{reason} (the pod comes from {} {}, made by the {})",
                    pod.template.kind, pod.template.name, made.operator
                ),
                None => reason.to_owned(),
            };
            self.edge(
                &obj.id,
                &pod_id,
                Relation::Selects,
                true,
                reason,
                location.clone(),
            );
        }
    }

    /// The problem `code` at `field` of `obj`, whose `selector` (e.g. `selector app=web`) matches
    /// no pod of namespace `ns`: definite when the loaded manifests run pods there, with the
    /// closest labels they carry as a suggestion.
    fn selects_no_pod(
        &mut self,
        obj: &Object,
        code: ProblemCode,
        field: &str,
        selector: &str,
        ns: &str,
        required: &[(&str, &str)],
    ) {
        let suggestion = self.label_suggestion(ns, required);
        let definite = self.has_pods(ns);
        let makers = self.pod_makers(ns);
        if !makers.is_empty() {
            let message = format!(
                "cannot tell whether {selector} matches a pod in namespace {ns}: {} may create the pods, and Manifesto cannot model {}",
                makers.join(", "),
                if makers.len() == 1 { "it" } else { "them" }
            );
            self.problem(obj, code, field, message, suggestion, None, false);
            self.advisory();
            return;
        }
        let message = if definite {
            format!("{selector} matches no pod in namespace {ns}")
        } else {
            format!("{selector} matches no pod: the loaded manifests run no pod in namespace {ns}")
        };
        self.problem(obj, code, field, message, suggestion, None, definite);
    }

    /// The custom resources of namespace `ns` that Manifesto cannot model but that may create
    /// pods (e.g. `Kafka/data/events`), at most five, then a count of the others.
    fn pod_makers(&self, ns: &str) -> Vec<String> {
        let mut makers: Vec<String> = self
            .objects()
            .into_iter()
            .filter(|o| o.ns() == ns && may_create_pods(o))
            .map(|o| format!("{} {}", o.kind, o.name))
            .collect();
        if makers.len() > 5 {
            let more = makers.len() - 5;
            makers.truncate(5);
            makers.push(format!("{more} more custom resources"));
        }
        makers
    }

    fn has_pods(&self, namespace: &str) -> bool {
        self.pods.get(namespace).is_some_and(|p| !p.is_empty())
    }

    /// A `key=value` label of the namespace's pods one typo away from a required one that no pod
    /// carries.
    fn label_suggestion(&self, namespace: &str, required: &[(&str, &str)]) -> Option<String> {
        let pods = self.pods.get(namespace)?;
        let labels: Vec<&BTreeMap<String, String>> =
            pods.iter().map(|p| &self.nodes[p.node].labels).collect();
        label_suggestion(&labels, required)
    }

    fn services(&mut self) {
        for obj in self.objects() {
            let Resource::Service(svc) = &obj.resource else {
                continue;
            };
            let Some(spec) = &svc.spec else { continue };
            if spec.type_.as_deref() == Some("ExternalName") {
                continue;
            }
            let Some(selector) = spec.selector.as_ref().filter(|s| !s.is_empty()) else {
                continue;
            };
            let ns = obj.ns();
            let described = describe_label_map(selector);
            let required: Vec<(&str, &str)> = selector
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let matched = self.select(ns, &required, |labels| {
                map_selector_matches(selector, labels)
            });
            let reason = format!("spec.selector {described} matches the pod's labels");
            self.selects_edges(obj, &matched, "spec.selector", &reason);
            if matched.is_empty() {
                self.selects_no_pod(
                    obj,
                    ProblemCode::ServiceSelectsNoPods,
                    "spec.selector",
                    &format!("selector {described}"),
                    ns,
                    &required,
                );
            } else {
                self.target_ports(obj, &matched);
            }
            self.service_pods.insert(obj.id.clone(), matched);
        }
    }

    /// Each port's `targetPort` must be declared by the containers of every selected workload.
    fn target_ports(&mut self, obj: &'m Object, matched: &[PodInfo<'m>]) {
        let Resource::Service(svc) = &obj.resource else {
            return;
        };
        let ports = svc
            .spec
            .as_ref()
            .and_then(|s| s.ports.as_deref())
            .unwrap_or_default();
        let mut templates: Vec<&Object> = Vec::new();
        for pod in matched {
            if !templates.iter().any(|t| t.id == pod.template.id) {
                templates.push(pod.template);
            }
        }
        for (i, port) in ports.iter().enumerate() {
            let target = effective_target_port(port);
            let protocol = port.protocol.as_deref().unwrap_or("TCP");
            let unresolved: Vec<&Object> = templates
                .iter()
                .copied()
                .filter(|t| resolve_port(t, &target, protocol).is_none())
                .collect();
            if unresolved.is_empty() {
                continue;
            }
            let field = obj
                .find(&format!("spec.ports[{i}].targetPort"))
                .map(|_| format!("spec.ports[{i}].targetPort"))
                .unwrap_or_else(|| format!("spec.ports[{i}].port"));
            if let IntOrString::Int(n) = &target
                && unresolved.iter().all(|t| declared_ports(t).is_empty())
            {
                // Undeclared numeric ports are served: containerPort is documentation.
                let who = unresolved
                    .iter()
                    .map(|t| t.id.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                let message = format!(
                    "targetPort {n} ({protocol}) reaches the containers of {who}, which declare no ports: declare containerPort {n} for readability"
                );
                self.problem(
                    obj,
                    ProblemCode::ServiceTargetportUnresolved,
                    &field,
                    message,
                    None,
                    None,
                    false,
                );
                self.advisory();
                continue;
            }
            let who = unresolved
                .iter()
                .map(|t| t.id.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let declared = unresolved
                .iter()
                .flat_map(|t| declared_ports(t))
                .map(|(_, p)| describe_container_port(&p))
                .collect::<Vec<_>>();
            let declared = if declared.is_empty() {
                "none".to_owned()
            } else {
                dedup_join(declared)
            };
            let (message, suggestion, definite) = match &target {
                IntOrString::String(name) => {
                    let names: Vec<String> = unresolved
                        .iter()
                        .flat_map(|t| declared_ports(t))
                        .filter_map(|(_, p)| p.name)
                        .collect();
                    let suggestion =
                        closest(name, names.iter().map(String::as_str)).map(str::to_owned);
                    (
                        format!(
                            "targetPort {name} ({protocol}) is not a port name declared by the containers of {who} (declared: {declared})"
                        ),
                        suggestion,
                        true,
                    )
                }
                IntOrString::Int(n) => (
                    format!(
                        "targetPort {n} ({protocol}) is not among the containerPorts declared by {who} (declared: {declared})"
                    ),
                    None,
                    false,
                ),
            };
            self.problem(
                obj,
                ProblemCode::ServiceTargetportUnresolved,
                &field,
                message,
                suggestion,
                None,
                definite,
            );
        }
    }

    // ----- ingresses -------------------------------------------------------------------------

    fn ingresses(&mut self) {
        for obj in self.objects() {
            let Resource::Ingress(ing) = &obj.resource else {
                continue;
            };
            let Some(spec) = &ing.spec else { continue };
            for b in obj.ingress_backends() {
                let Some(service) = &b.backend.service else {
                    continue;
                };
                let (host, path) = if b.is_default {
                    ("*", "/*")
                } else {
                    (b.host.unwrap_or("*"), b.http_path.unwrap_or("/"))
                };
                self.ingress_backend(obj, service, &b.path, host, path);
            }
            for (i, tls) in spec.tls.iter().flatten().enumerate() {
                let Some(secret) = tls.secret_name.as_deref().filter(|s| !s.is_empty()) else {
                    continue;
                };
                self.ingress_tls(obj, i, secret);
            }
        }
    }

    fn ingress_backend(
        &mut self,
        obj: &'m Object,
        backend: &k8s_openapi::api::networking::v1::IngressServiceBackend,
        base: &str,
        host: &str,
        path: &str,
    ) {
        let ns = obj.ns();
        let port_number = backend.port.as_ref().and_then(|p| p.number);
        let port_name = backend.port.as_ref().and_then(|p| p.name.clone());
        let port_text = port_number
            .map(|n| n.to_string())
            .or(port_name.clone())
            .unwrap_or_else(|| "?".to_owned());
        let route = match base
            .strip_prefix("spec.")
            .and_then(|b| b.strip_suffix(".backend"))
        {
            Some(rule) => format!("{rule}: host {host}, path {path}"),
            None => "defaultBackend".to_owned(),
        };
        let svc_id = ObjectId::new("Service", Some(ns), &backend.name);
        let name_field = format!("{base}.service.name");
        let mut hops = vec![Hop {
            step: "ingress",
            label: format!("{host}{path}"),
            object: Some(obj.id.clone()),
            ok: true,
        }];
        let location = Some(obj.locate(&name_field));
        let service_hop = format!("Service {} port {port_text}", backend.name);
        let Some(svc_obj) = self.objects.get(&svc_id).copied() else {
            let to = self.absent_node("Service", Some(ns), &backend.name, false);
            let reason = format!(
                "{route} → service \"{}\" port {port_text}, not defined in namespace {ns}",
                backend.name
            );
            self.edge(&obj.id, &to, Relation::Routes, false, reason, location);
            let note = self.elsewhere_note("Service", ns, &backend.name, "an Ingress");
            let message = format!(
                "backend service \"{}\" is not found in the loaded manifests for namespace {ns}{note}",
                backend.name
            );
            let suggestion = self.similar_name("Service", ns, &backend.name);
            self.problem(
                obj,
                ProblemCode::IngressBackendServiceMissing,
                &name_field,
                message,
                suggestion,
                None,
                true,
            );
            hops.push(Hop {
                step: "service",
                label: service_hop,
                object: Some(to),
                ok: false,
            });
            let broken = format!("Service {} is not defined in namespace {ns}", backend.name);
            self.push_traffic(obj, host, path, hops, Some(broken));
            return;
        };
        let Resource::Service(svc) = &svc_obj.resource else {
            return;
        };
        let ports = svc
            .spec
            .as_ref()
            .and_then(|s| s.ports.as_deref())
            .unwrap_or_default();
        let found = ports.iter().find(|p| match (port_number, &port_name) {
            (Some(n), _) => p.port == n,
            (None, Some(name)) => p.name.as_deref() == Some(name.as_str()),
            (None, None) => ports.len() == 1,
        });
        let Some(service_port) = found else {
            let exposed = ports
                .iter()
                .map(|p| match &p.name {
                    Some(name) => format!("{}/{name}", p.port),
                    None => p.port.to_string(),
                })
                .collect::<Vec<_>>()
                .join(", ");
            let exposed = if exposed.is_empty() {
                "no port".to_owned()
            } else {
                exposed
            };
            let reason = format!(
                "{route} → service \"{}\" port {port_text}, which the Service does not expose (it exposes {exposed})",
                backend.name
            );
            self.edge(&obj.id, &svc_id, Relation::Routes, false, reason, location);
            let (field, suggestion) = match (port_number, &port_name) {
                (Some(_), _) => (format!("{base}.service.port.number"), None),
                (None, Some(name)) => (
                    format!("{base}.service.port.name"),
                    closest(name, ports.iter().filter_map(|p| p.name.as_deref()))
                        .map(str::to_owned),
                ),
                (None, None) => (format!("{base}.service"), None),
            };
            let message = format!(
                "service \"{}\" has no port {port_text} (it exposes {exposed})",
                backend.name
            );
            self.problem(
                obj,
                ProblemCode::IngressBackendPortMissing,
                &field,
                message,
                suggestion,
                None,
                true,
            );
            hops.push(Hop {
                step: "service",
                label: service_hop,
                object: Some(svc_id),
                ok: false,
            });
            let broken = format!("Service {} has no port {port_text}", backend.name);
            self.push_traffic(obj, host, path, hops, Some(broken));
            return;
        };
        let reason = format!("{route} → service \"{}\" port {port_text}", backend.name);
        self.edge(&obj.id, &svc_id, Relation::Routes, true, reason, location);
        hops.push(Hop {
            step: "service",
            label: service_hop,
            object: Some(svc_id.clone()),
            ok: true,
        });
        let target = effective_target_port(service_port);
        let target_text = match &target {
            IntOrString::Int(n) => n.to_string(),
            IntOrString::String(s) => s.clone(),
        };
        let protocol = service_port.protocol.as_deref().unwrap_or("TCP");
        let selected = self.service_pods.get(&svc_id).cloned();
        let target_label = format!("targetPort {target_text}");
        let broken = match selected {
            None => Some(format!(
                "Service {} has no selector: its endpoints are managed outside the loaded manifests",
                backend.name
            )),
            Some(pods) if pods.is_empty() => {
                Some(format!("Service {} selects no pod", backend.name))
            }
            Some(pods) => {
                let resolved = pods.iter().find_map(|p| {
                    resolve_port(p.template, &target, protocol).map(|(container, cp)| Resolved {
                        container,
                        port: cp.container_port,
                        port_name: cp.name,
                        template: p.template,
                        undeclared: false,
                    })
                });
                hops.push(Hop {
                    step: "targetPort",
                    label: target_label.clone(),
                    object: Some(svc_id.clone()),
                    ok: true,
                });
                let resolved = resolved.or_else(|| undeclared_numeric(&pods, &target));
                match resolved {
                    Some(r) => {
                        let label = match &r.port_name {
                            Some(name) => format!("containerPort {} ({name})", r.port),
                            None if r.undeclared => {
                                format!("port {} (not declared as a containerPort)", r.port)
                            }
                            None => format!("containerPort {}", r.port),
                        };
                        hops.push(Hop {
                            step: "containerPort",
                            label,
                            object: Some(r.template.id.clone()),
                            ok: true,
                        });
                        hops.push(Hop {
                            step: "container",
                            label: format!("container {} of {}", r.container, r.template.id),
                            object: Some(r.template.id.clone()),
                            ok: true,
                        });
                        None
                    }
                    None => {
                        hops.push(Hop {
                            step: "containerPort",
                            label: format!("containerPort {target_text}"),
                            object: None,
                            ok: false,
                        });
                        Some(format!(
                            "no container selected by Service {} declares port {target_text}",
                            backend.name
                        ))
                    }
                }
            }
        };
        if broken.is_some() && !hops.iter().any(|h| h.step == "targetPort") {
            hops.push(Hop {
                step: "targetPort",
                label: target_label,
                object: Some(svc_id),
                ok: false,
            });
        }
        self.push_traffic(obj, host, path, hops, broken);
    }

    fn push_traffic(
        &mut self,
        obj: &Object,
        host: &str,
        path: &str,
        hops: Vec<Hop>,
        broken: Option<String>,
    ) {
        self.traffic.push(TrafficPath {
            ingress: obj.id.clone(),
            host: host.to_owned(),
            path: path.to_owned(),
            hops,
            broken,
        });
    }

    fn ingress_tls(&mut self, obj: &Object, i: usize, secret: &str) {
        let ns = obj.ns();
        let field = format!("spec.tls[{i}].secretName");
        let id = ObjectId::new("Secret", Some(ns), secret);
        let location = Some(obj.locate(&field));
        let described = format!("tls[{i}].secretName \"{secret}\"");
        if self.exists(&id) {
            self.edge(&obj.id, &id, Relation::Routes, true, described, location);
            return;
        }
        let issuer = ["cert-manager.io/cluster-issuer", "cert-manager.io/issuer"]
            .into_iter()
            .find(|a| obj.annotations().contains_key(*a));
        let to = self.absent_node("Secret", Some(ns), secret, false);
        if let Some(annotation) = issuer {
            let reason = format!("{described}: cert-manager creates it (annotation {annotation})");
            self.edge(&obj.id, &to, Relation::Routes, true, reason, location);
            return;
        }
        let reason = format!("{described} is not defined in namespace {ns}");
        self.edge(&obj.id, &to, Relation::Routes, false, reason, location);
        let message = format!(
            "tls[{i}].secretName names Secret \"{secret}\", not found in the loaded manifests for namespace {ns}"
        );
        let suggestion = self.similar_name("Secret", ns, secret);
        self.problem(
            obj,
            ProblemCode::IngressTlsSecretMissing,
            &field,
            message,
            suggestion,
            None,
            false,
        );
    }

    // ----- autoscalers, budgets, policies ----------------------------------------------------

    fn autoscalers(&mut self) {
        for obj in self.objects() {
            let Resource::HorizontalPodAutoscaler(hpa) = &obj.resource else {
                continue;
            };
            let ns = obj.ns();
            let target = &hpa.spec.scale_target_ref;
            if target.name.is_empty() || target.kind.is_empty() {
                let message =
                    "spec.scaleTargetRef names no workload, so the autoscaler scales nothing"
                        .to_owned();
                self.problem(
                    obj,
                    ProblemCode::HpaTargetMissing,
                    "spec.scaleTargetRef",
                    message,
                    None,
                    None,
                    true,
                );
                continue;
            }
            let id = ObjectId::new(&target.kind, Some(ns), &target.name);
            let location = Some(obj.locate("spec.scaleTargetRef.name"));
            let min = hpa.spec.min_replicas.unwrap_or(1);
            let max = hpa.spec.max_replicas;
            if self.exists(&id) {
                let reason = format!(
                    "spec.scaleTargetRef {} \"{}\": between minReplicas {min} and maxReplicas {max}",
                    target.kind, target.name
                );
                self.edge(&obj.id, &id, Relation::Scales, true, reason, location);
                continue;
            }
            let to = self.absent_node(&target.kind, Some(ns), &target.name, false);
            let reason = format!(
                "spec.scaleTargetRef {} \"{}\" is not defined in namespace {ns}",
                target.kind, target.name
            );
            self.edge(&obj.id, &to, Relation::Scales, false, reason, location);
            let mut other_kinds: Vec<&str> = self
                .objects
                .values()
                .filter(|o| {
                    o.name == target.name
                        && o.ns() == ns
                        && o.kind != target.kind
                        && o.has_replicas()
                })
                .map(|o| o.kind.as_str())
                .collect();
            other_kinds.sort_unstable();
            let note = match other_kinds.first() {
                Some(kind) => format!(" (a {kind} of that name exists: check scaleTargetRef.kind)"),
                None => self.elsewhere_note(&target.kind, ns, &target.name, "an autoscaler"),
            };
            let message = format!(
                "scaleTargetRef names {} \"{}\", not found in the loaded manifests for namespace {ns}{note}",
                target.kind, target.name
            );
            let suggestion = self.similar_name(&target.kind, ns, &target.name);
            self.problem(
                obj,
                ProblemCode::HpaTargetMissing,
                "spec.scaleTargetRef.name",
                message,
                suggestion,
                None,
                true,
            );
        }
    }

    fn disruption_budgets(&mut self) {
        for obj in self.objects() {
            let Resource::PodDisruptionBudget(pdb) = &obj.resource else {
                continue;
            };
            let ns = obj.ns();
            let selector = pdb.spec.as_ref().and_then(|s| s.selector.as_ref());
            let Some(selector) = selector else {
                let message =
                    "no spec.selector: a PodDisruptionBudget without a selector protects no pod"
                        .to_owned();
                self.problem(
                    obj,
                    ProblemCode::PdbSelectsNothing,
                    "spec",
                    message,
                    None,
                    None,
                    true,
                );
                continue;
            };
            let described = describe_selector(selector);
            let matched = self.select(ns, &required_labels(selector), |labels| {
                selector_matches(selector, labels)
            });
            let reason = format!("spec.selector {described} matches the pod's labels");
            self.selects_edges(obj, &matched, "spec.selector", &reason);
            if matched.is_empty() {
                self.selects_no_pod(
                    obj,
                    ProblemCode::PdbSelectsNothing,
                    "spec.selector",
                    &format!("selector {described}"),
                    ns,
                    &required_labels(selector),
                );
            }
        }
    }

    fn network_policies(&mut self) {
        for obj in self.objects() {
            let Resource::NetworkPolicy(np) = &obj.resource else {
                continue;
            };
            let ns = obj.ns();
            let empty = LabelSelector::default();
            let spec = np.spec.as_ref();
            let selector = spec.and_then(|s| s.pod_selector.as_ref()).unwrap_or(&empty);
            let selects_all = is_empty_selector(selector);
            let described = describe_selector(selector);
            let matched = self.select(ns, &required_labels(selector), |labels| {
                selector_matches(selector, labels)
            });
            let reason = if selects_all {
                "spec.podSelector is empty, so it selects every pod in the namespace".to_owned()
            } else {
                format!("spec.podSelector {described} matches the pod's labels")
            };
            self.selects_edges(obj, &matched, "spec.podSelector", &reason);
            if matched.is_empty() && !selects_all {
                self.selects_no_pod(
                    obj,
                    ProblemCode::NetworkpolicySelectsNothing,
                    "spec.podSelector",
                    &format!("podSelector {described}"),
                    ns,
                    &required_labels(selector),
                );
            }
            if !self.has_pods(ns) {
                continue;
            }
            let Some(spec) = spec else { continue };
            let mut peers = Vec::new();
            for (i, rule) in spec.ingress.iter().flatten().enumerate() {
                for (j, peer) in rule.from.iter().flatten().enumerate() {
                    peers.push((format!("spec.ingress[{i}].from[{j}].podSelector"), peer));
                }
            }
            for (i, rule) in spec.egress.iter().flatten().enumerate() {
                for (j, peer) in rule.to.iter().flatten().enumerate() {
                    peers.push((format!("spec.egress[{i}].to[{j}].podSelector"), peer));
                }
            }
            for (field, peer) in peers {
                if peer.namespace_selector.is_some() {
                    continue;
                }
                let Some(selector) = peer.pod_selector.as_ref().filter(|s| !is_empty_selector(s))
                else {
                    continue;
                };
                if !self
                    .select(ns, &required_labels(selector), |labels| {
                        selector_matches(selector, labels)
                    })
                    .is_empty()
                {
                    continue;
                }
                let described = describe_selector(selector);
                let suggestion = self.label_suggestion(ns, &required_labels(selector));
                let makers = self.pod_makers(ns);
                let message = if makers.is_empty() {
                    format!("peer podSelector {described} matches no pod in namespace {ns}")
                } else {
                    format!(
                        "cannot tell whether peer podSelector {described} matches a pod in namespace {ns}: {} may create the pods",
                        makers.join(", ")
                    )
                };
                self.problem(
                    obj,
                    ProblemCode::NetworkpolicyPeerSelectsNothing,
                    &field,
                    message,
                    suggestion,
                    None,
                    true,
                );
                if !makers.is_empty() {
                    self.advisory();
                }
            }
        }
    }

    // ----- RBAC, StatefulSet services, ServiceMonitors ---------------------------------------

    fn role_bindings(&mut self) {
        for obj in self.objects() {
            let (role_ref, subjects, namespace) = match &obj.resource {
                Resource::RoleBinding(rb) => (&rb.role_ref, rb.subjects.as_deref(), Some(obj.ns())),
                Resource::ClusterRoleBinding(crb) => (&crb.role_ref, crb.subjects.as_deref(), None),
                _ => continue,
            };
            let role_ns = if role_ref.kind == "Role" {
                namespace
            } else {
                None
            };
            if !role_ref.name.is_empty() {
                let id = ObjectId::new(&role_ref.kind, role_ns, &role_ref.name);
                let location = Some(obj.locate("roleRef.name"));
                let described = format!("roleRef {} \"{}\"", role_ref.kind, role_ref.name);
                if self.exists(&id) {
                    self.edge(&obj.id, &id, Relation::Uses, true, described, location);
                } else if builtin(&role_ref.kind, role_ns.unwrap_or(""), &role_ref.name) {
                    let to = self.absent_node(&role_ref.kind, role_ns, &role_ref.name, true);
                    let reason = format!("{described} (built into every cluster)");
                    self.edge(&obj.id, &to, Relation::Uses, true, reason, location);
                } else {
                    let to = self.absent_node(&role_ref.kind, role_ns, &role_ref.name, false);
                    let place = role_ns
                        .map(|ns| format!(" for namespace {ns}"))
                        .unwrap_or_default();
                    let reason = format!("{described} is not in the loaded manifests{place}");
                    self.edge(&obj.id, &to, Relation::Uses, false, reason, location);
                    let message = format!(
                        "roleRef names {} \"{}\", not found in the loaded manifests{place}",
                        role_ref.kind, role_ref.name
                    );
                    let suggestion =
                        self.similar_name(&role_ref.kind, role_ns.unwrap_or(""), &role_ref.name);
                    self.problem(
                        obj,
                        ProblemCode::RbacBindingRefMissing,
                        "roleRef.name",
                        message,
                        suggestion,
                        None,
                        false,
                    );
                }
            }
            for (i, subject) in subjects.unwrap_or_default().iter().enumerate() {
                if subject.kind != "ServiceAccount" || subject.name.is_empty() {
                    continue;
                }
                let Some(sub_ns) = subject.namespace.as_deref().or(namespace) else {
                    continue;
                };
                let id = ObjectId::new("ServiceAccount", Some(sub_ns), &subject.name);
                let field = format!("subjects[{i}].name");
                let location = Some(obj.locate(&field));
                let described = format!(
                    "subjects[{i}] ServiceAccount \"{}\" in namespace {sub_ns}",
                    subject.name
                );
                if self.exists(&id) {
                    self.edge(&obj.id, &id, Relation::Uses, true, described, location);
                } else if builtin("ServiceAccount", sub_ns, &subject.name) {
                    let to = self.absent_node("ServiceAccount", Some(sub_ns), &subject.name, true);
                    let reason = format!("{described} (Kubernetes creates it in every namespace)");
                    self.edge(&obj.id, &to, Relation::Uses, true, reason, location);
                } else {
                    let to = self.absent_node("ServiceAccount", Some(sub_ns), &subject.name, false);
                    let reason = format!("{described} is not in the loaded manifests");
                    self.edge(&obj.id, &to, Relation::Uses, false, reason, location);
                    let message = format!(
                        "subjects[{i}] names ServiceAccount \"{}\", not found in the loaded manifests for namespace {sub_ns}",
                        subject.name
                    );
                    let suggestion = self.similar_name("ServiceAccount", sub_ns, &subject.name);
                    self.problem(
                        obj,
                        ProblemCode::RbacSubjectMissing,
                        &field,
                        message,
                        suggestion,
                        None,
                        false,
                    );
                }
            }
        }
    }

    fn statefulset_services(&mut self) {
        for obj in self.objects() {
            let Resource::StatefulSet(s) = &obj.resource else {
                continue;
            };
            let Some(name) = s.spec.service_name.as_deref().filter(|n| !n.is_empty()) else {
                continue;
            };
            let ns = obj.ns();
            let id = ObjectId::new("Service", Some(ns), name);
            let location = Some(obj.locate("spec.serviceName"));
            let described = format!("spec.serviceName \"{name}\"");
            match self.objects.get(&id).copied() {
                Some(svc_obj) => {
                    let headless = match &svc_obj.resource {
                        Resource::Service(svc) => {
                            svc.spec.as_ref().and_then(|s| s.cluster_ip.as_deref()) == Some("None")
                        }
                        _ => false,
                    };
                    let reason =
                        format!("{described}: the Service that gives each pod its DNS name");
                    self.edge(&obj.id, &id, Relation::Uses, true, reason, location);
                    if !headless {
                        let message = format!(
                            "serviceName \"{name}\" names a Service that is not headless (no clusterIP: None), so the pods get no stable DNS names"
                        );
                        self.problem(
                            obj,
                            ProblemCode::StatefulsetServiceNotHeadless,
                            "spec.serviceName",
                            message,
                            None,
                            None,
                            true,
                        );
                    }
                }
                None => {
                    let to = self.absent_node("Service", Some(ns), name, false);
                    let reason = format!("{described} is not defined in namespace {ns}");
                    self.edge(&obj.id, &to, Relation::Uses, false, reason, location);
                    let note = self.elsewhere_note("Service", ns, name, "a StatefulSet");
                    let message = format!(
                        "serviceName \"{name}\" names a Service not found in the loaded manifests for namespace {ns}{note}"
                    );
                    let suggestion = self.similar_name("Service", ns, name);
                    self.problem(
                        obj,
                        ProblemCode::StatefulsetServiceMissing,
                        "spec.serviceName",
                        message,
                        suggestion,
                        None,
                        true,
                    );
                }
            }
        }
    }

    fn service_monitors(&mut self) {
        for obj in self.objects() {
            if obj.kind != "ServiceMonitor" {
                continue;
            }
            let spec = &obj.raw["spec"];
            let Ok(selector) = serde_json::from_value::<LabelSelector>(spec["selector"].clone())
            else {
                continue;
            };
            let namespace_selector = &spec["namespaceSelector"];
            let any = namespace_selector["any"].as_bool() == Some(true);
            let names: Vec<&str> = namespace_selector["matchNames"]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
                .unwrap_or_default();
            let in_scope = |o: &Object| {
                any || (names.is_empty() && o.ns() == obj.ns()) || names.contains(&o.ns())
            };
            let services: Vec<&Object> = self
                .objects()
                .into_iter()
                .filter(|o| o.kind == "Service" && in_scope(o))
                .collect();
            let described = describe_selector(&selector);
            let location = Some(obj.locate("spec.selector"));
            let mut matched = 0;
            for svc in &services {
                if selector_matches(&selector, svc.labels()) {
                    matched += 1;
                    let reason = format!("spec.selector {described} matches the Service's labels");
                    self.edge(
                        &obj.id,
                        &svc.id,
                        Relation::Selects,
                        true,
                        reason,
                        location.clone(),
                    );
                }
            }
            if matched == 0 && !services.is_empty() {
                let labels: Vec<&BTreeMap<String, String>> =
                    services.iter().map(|s| s.labels()).collect();
                let suggestion = label_suggestion(&labels, &required_labels(&selector));
                let scope = if any {
                    "any namespace".to_owned()
                } else if names.is_empty() {
                    format!("namespace {}", obj.ns())
                } else {
                    format!("namespaces {}", names.join(", "))
                };
                let message = format!("selector {described} matches no Service in {scope}");
                self.problem(
                    obj,
                    ProblemCode::ServicemonitorSelectsNothing,
                    "spec.selector",
                    message,
                    suggestion,
                    None,
                    true,
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

/// Objects every cluster has although no manifest writes them.
fn builtin(kind: &str, namespace: &str, name: &str) -> bool {
    match kind {
        "ServiceAccount" => name == "default",
        "ConfigMap" => name == "kube-root-ca.crt",
        "ClusterRole" => {
            matches!(name, "cluster-admin" | "admin" | "edit" | "view")
                || name.starts_with("system:")
        }
        "Role" => {
            namespace == "kube-system"
                && (name.starts_with("system:")
                    || name == "extension-apiserver-authentication-reader")
        }
        _ => false,
    }
}

fn is_empty_selector(selector: &LabelSelector) -> bool {
    selector.match_labels.as_ref().is_none_or(|m| m.is_empty())
        && selector
            .match_expressions
            .as_ref()
            .is_none_or(|e| e.is_empty())
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

/// The `key=value` pairs a selector requires (`matchLabels`, and `In` with one value).
fn required_labels(selector: &LabelSelector) -> Vec<(&str, &str)> {
    let mut out: Vec<(&str, &str)> = selector
        .match_labels
        .iter()
        .flatten()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    for req in selector.match_expressions.iter().flatten() {
        if req.operator == "In"
            && let Some([value]) = req.values.as_deref()
        {
            out.push((req.key.as_str(), value.as_str()));
        }
    }
    out
}

/// For the first required `key=value` that no label set carries, an existing `key=value` one typo
/// away (in the value, else in the key).
fn label_suggestion(
    labels: &[&BTreeMap<String, String>],
    required: &[(&str, &str)],
) -> Option<String> {
    for (key, value) in required {
        if labels
            .iter()
            .any(|l| l.get(*key).map(String::as_str) == Some(*value))
        {
            continue;
        }
        let values: Vec<&str> = labels
            .iter()
            .filter_map(|l| l.get(*key))
            .map(String::as_str)
            .collect();
        if let Some(v) = closest(value, values) {
            return Some(format!("{key}={v}"));
        }
        let keys: Vec<&str> = labels
            .iter()
            .flat_map(|l| l.iter())
            .filter(|(_, v)| v.as_str() == *value)
            .map(|(k, _)| k.as_str())
            .collect();
        if let Some(k) = closest(key, keys) {
            return Some(format!("{k}={value}"));
        }
    }
    None
}

/// The ports a pod's serving containers declare (containers, and init containers that keep
/// running as sidecars), with the container's name.
fn declared_ports(obj: &Object) -> Vec<(String, k8s_openapi::api::core::v1::ContainerPort)> {
    if let Some(ports) = operator_ports(obj) {
        return ports;
    }
    obj.containers()
        .into_iter()
        .filter(|c| !c.init || is_sidecar(c.container))
        .flat_map(|c| {
            let name = c.container.name.clone();
            c.container
                .ports
                .iter()
                .flatten()
                .map(move |p| (name.clone(), p.clone()))
        })
        .collect()
}

fn is_sidecar(container: &Container) -> bool {
    container.restart_policy.as_deref() == Some("Always")
}

/// The container port a Service's `targetPort` lands on in `obj`'s pods: by name (and
/// protocol) for a named port, by number for a numeric one.
fn resolve_port(
    obj: &Object,
    target: &IntOrString,
    protocol: &str,
) -> Option<(String, k8s_openapi::api::core::v1::ContainerPort)> {
    declared_ports(obj).into_iter().find(|(_, p)| {
        let same_protocol = p.protocol.as_deref().unwrap_or("TCP") == protocol;
        same_protocol
            && match target {
                IntOrString::Int(n) => p.container_port == *n,
                IntOrString::String(name) => p.name.as_deref() == Some(name.as_str()),
            }
    })
}

fn describe_container_port(port: &k8s_openapi::api::core::v1::ContainerPort) -> String {
    match &port.name {
        Some(name) => format!("{}/{name}", port.container_port),
        None => port.container_port.to_string(),
    }
}

/// A Service port's `targetPort`: unset or `0` mean the same as `port`, as the API server defaults
/// it.
fn effective_target_port(port: &k8s_openapi::api::core::v1::ServicePort) -> IntOrString {
    match &port.target_port {
        None | Some(IntOrString::Int(0)) => IntOrString::Int(port.port),
        Some(IntOrString::String(s)) if s.is_empty() => IntOrString::Int(port.port),
        Some(target) => target.clone(),
    }
}

fn dedup_join(mut items: Vec<String>) -> String {
    let mut seen = HashSet::new();
    items.retain(|i| seen.insert(i.clone()));
    items.join(", ")
}
