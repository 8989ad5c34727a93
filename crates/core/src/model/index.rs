//! Lookups over the model's objects in constant or output-sensitive time: by id, by kind, by
//! namespace, the HorizontalPodAutoscalers by target, and the Services by selector label, so
//! that no question the model answers scans every object.

use foldhash::HashMap;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use super::{Model, Object, ObjectId, Resource, selector_matches};

/// The model's objects indexed once, the first time a lookup needs it. Every list holds indexes
/// into `Model::objects`, in model order.
#[derive(Debug, Clone, Default)]
pub(crate) struct ModelIndex {
    /// The last object of each id (as `kubectl apply` keeps the last definition).
    by_id: HashMap<String, usize>,
    /// The objects of each kind.
    by_kind: HashMap<String, Vec<usize>>,
    /// The objects of each namespace.
    by_namespace: HashMap<String, Vec<usize>>,
    /// The objects of each kind and namespace.
    by_kind_namespace: HashMap<(String, Option<String>), Vec<usize>>,
    /// The objects that run pods.
    pod_owners: Vec<usize>,
    /// The objects that run pods, by namespace and `key=value` pod label.
    pod_owners_by_label: HashMap<Option<String>, HashMap<String, Vec<usize>>>,
    /// The objects that run pods, by namespace.
    pod_owners_by_namespace: HashMap<Option<String>, Vec<usize>>,
    /// The HorizontalPodAutoscalers by the id their `scaleTargetRef` names.
    hpas_by_target: HashMap<ObjectId, Vec<usize>>,
    /// The Services with a non-empty selector, posted once under their namespace and the first
    /// `key=value` of their selector: a Service can only select labels that include that pair.
    services_by_label: HashMap<Option<String>, HashMap<String, Vec<usize>>>,
}

/// `key=value`, the posting key of one label (a label key cannot contain `=`).
fn pair(key: &str, value: &str) -> String {
    format!("{key}={value}")
}

impl ModelIndex {
    /// Indexes `objects`.
    pub(crate) fn new(objects: &[Object]) -> ModelIndex {
        let mut index = ModelIndex::default();
        for (i, obj) in objects.iter().enumerate() {
            index.by_id.insert(obj.id.as_str().to_owned(), i);
            index.by_kind.entry(obj.kind.clone()).or_default().push(i);
            if let Some(ns) = &obj.namespace {
                index.by_namespace.entry(ns.clone()).or_default().push(i);
            }
            index
                .by_kind_namespace
                .entry((obj.kind.clone(), obj.namespace.clone()))
                .or_default()
                .push(i);
            if obj.pod_spec().is_some() {
                index.pod_owners.push(i);
                index
                    .pod_owners_by_namespace
                    .entry(obj.namespace.clone())
                    .or_default()
                    .push(i);
                let postings = index
                    .pod_owners_by_label
                    .entry(obj.namespace.clone())
                    .or_default();
                for (k, v) in obj.pod_labels().into_iter().flatten() {
                    postings.entry(pair(k, v)).or_default().push(i);
                }
            }
            match &*obj.resource {
                Resource::HorizontalPodAutoscaler(hpa) => {
                    let target = &hpa.spec.scale_target_ref;
                    let id = ObjectId::new(&target.kind, obj.namespace.as_deref(), &target.name);
                    index.hpas_by_target.entry(id).or_default().push(i);
                }
                Resource::Service(svc) => {
                    let first = svc
                        .spec
                        .as_ref()
                        .and_then(|spec| spec.selector.as_ref())
                        .and_then(|sel| sel.iter().next());
                    if let Some((k, v)) = first {
                        index
                            .services_by_label
                            .entry(obj.namespace.clone())
                            .or_default()
                            .entry(pair(k, v))
                            .or_default()
                            .push(i);
                    }
                }
                _ => {}
            }
        }
        index
    }

    /// The index of the object with id `id` (the last definition).
    pub(crate) fn id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The objects of `kind`.
    pub(crate) fn kind(&self, kind: &str) -> &[usize] {
        self.by_kind
            .get(kind)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The objects of `namespace`.
    pub(crate) fn namespace(&self, namespace: &str) -> &[usize] {
        self.by_namespace
            .get(namespace)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The objects that run pods.
    pub(crate) fn pod_owners(&self) -> &[usize] {
        &self.pod_owners
    }

    /// The objects of `kind` in `namespace` (`None`: without a namespace).
    pub(crate) fn kind_in(&self, kind: &str, namespace: Option<&str>) -> &[usize] {
        self.by_kind_namespace
            .get(&(kind.to_owned(), namespace.map(str::to_owned)))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The objects of `namespace` that run pods and may match a selector requiring every
    /// `key=value` of `required` (a superset of those that do: the shortest posting list, or every
    /// pod owner of the namespace when `required` is empty), in model order.
    pub(crate) fn pod_owner_candidates(
        &self,
        namespace: Option<&str>,
        required: &[(&str, &str)],
    ) -> &[usize] {
        let namespace = namespace.map(str::to_owned);
        if required.is_empty() {
            return self
                .pod_owners_by_namespace
                .get(&namespace)
                .map(Vec::as_slice)
                .unwrap_or_default();
        }
        let Some(postings) = self.pod_owners_by_label.get(&namespace) else {
            return &[];
        };
        required
            .iter()
            .map(|(k, v)| {
                postings
                    .get(&pair(k, v))
                    .map(Vec::as_slice)
                    .unwrap_or_default()
            })
            .min_by_key(|list| list.len())
            .unwrap_or_default()
    }

    /// The HorizontalPodAutoscalers whose target has id `id`.
    pub(crate) fn hpas_targeting(&self, id: &ObjectId) -> &[usize] {
        self.hpas_by_target
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The Services of `namespace` that may select `labels` (a superset of those that do), in
    /// model order.
    pub(crate) fn service_candidates<'a>(
        &self,
        namespace: Option<&str>,
        labels: impl Iterator<Item = (&'a String, &'a String)>,
    ) -> Vec<usize> {
        let Some(postings) = self.services_by_label.get(&namespace.map(str::to_owned)) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = labels
            .filter_map(|(k, v)| postings.get(&pair(k, v)))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out
    }
}

/// The `key=value` labels every pod a selector matches carries: its `matchLabels`, and each `In`
/// with a single value.
pub(crate) fn required_labels(selector: &LabelSelector) -> Vec<(&str, &str)> {
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

impl Model {
    /// The objects of `kind` in `namespace` (`None`: those without a namespace), in model order.
    pub(crate) fn of_kind_in<'a>(
        &'a self,
        kind: &str,
        namespace: Option<&str>,
    ) -> impl Iterator<Item = &'a Object> + 'a {
        self.at(self.index().kind_in(kind, namespace))
    }

    /// The objects of `namespace` that run pods whose labels `selector` matches, in model order.
    pub(crate) fn pod_owners_selected(
        &self,
        namespace: Option<&str>,
        selector: &LabelSelector,
    ) -> Vec<&Object> {
        let required = required_labels(selector);
        self.at(self.index().pod_owner_candidates(namespace, &required))
            .filter(|o| {
                o.pod_labels()
                    .is_some_and(|labels| selector_matches(selector, labels))
            })
            .collect()
    }

    /// The model's index, built on first use (the objects do not change after reading).
    pub(crate) fn index(&self) -> &ModelIndex {
        self.index.get_or_init(|| ModelIndex::new(&self.objects))
    }

    /// The objects at `indexes`.
    pub(crate) fn at<'a>(&'a self, indexes: &'a [usize]) -> impl Iterator<Item = &'a Object> + 'a {
        indexes.iter().filter_map(|&i| self.objects.get(i))
    }
}
