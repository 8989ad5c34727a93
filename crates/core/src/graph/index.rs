//! The graph's pods indexed by namespace and label, so that a selector is evaluated against the
//! pods that carry its rarest required label rather than against every pod of the namespace.

use std::collections::BTreeMap;

use foldhash::HashMap;

/// Namespace → `key=value` → positions of the pods that carry that label, in the namespace's pod
/// list (ascending).
#[derive(Debug, Default)]
pub(super) struct PodLabelIndex {
    namespaces: HashMap<String, HashMap<String, Vec<usize>>>,
}

/// `key=value` (a label key cannot contain `=`).
fn pair(key: &str, value: &str) -> String {
    format!("{key}={value}")
}

impl PodLabelIndex {
    /// Records that the pod at `position` of `namespace`'s pod list carries `labels`.
    pub(super) fn add(
        &mut self,
        namespace: &str,
        position: usize,
        labels: &BTreeMap<String, String>,
    ) {
        let postings = self.namespaces.entry(namespace.to_owned()).or_default();
        for (k, v) in labels {
            postings.entry(pair(k, v)).or_default().push(position);
        }
    }

    /// The positions of the pods of `namespace` that carry every label of `required` may be
    /// among: the shortest posting list of those labels (ascending), or `None` when `required` is
    /// empty and every pod is a candidate. The caller still checks each candidate.
    pub(super) fn candidates(
        &self,
        namespace: &str,
        required: &[(&str, &str)],
    ) -> Option<&[usize]> {
        if required.is_empty() {
            return None;
        }
        let Some(postings) = self.namespaces.get(namespace) else {
            return Some(&[]);
        };
        let mut best: &[usize] = &[];
        for (i, (k, v)) in required.iter().enumerate() {
            let list = postings
                .get(&pair(k, v))
                .map(Vec::as_slice)
                .unwrap_or_default();
            if i == 0 || list.len() < best.len() {
                best = list;
            }
        }
        Some(best)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_rarest_required_label_gives_the_candidates() {
        let mut index = PodLabelIndex::default();
        index.add("a", 0, &labels(&[("tier", "web"), ("app", "x")]));
        index.add("a", 1, &labels(&[("tier", "web"), ("app", "y")]));
        index.add("b", 0, &labels(&[("tier", "web"), ("app", "y")]));
        assert_eq!(index.candidates("a", &[("tier", "web")]), Some(&[0, 1][..]));
        assert_eq!(
            index.candidates("a", &[("tier", "web"), ("app", "y")]),
            Some(&[1][..])
        );
        assert_eq!(index.candidates("a", &[("app", "z")]), Some(&[][..]));
        assert_eq!(index.candidates("c", &[("app", "y")]), Some(&[][..]));
        assert_eq!(index.candidates("a", &[]), None);
    }
}
