//! Where the Services in front of a workload send traffic during its rollout: to the Ready,
//! non-terminating pods of either version that their selectors match.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::PodTemplateSpec;

use super::{MAX_TILES, Phase, PodTile, State, Traffic};
use crate::model::{Model, Object, Resource, map_selector_matches};

/// The Services in front of a workload and whether they select its old and new pods.
#[derive(Debug, Clone, Default)]
pub(crate) struct Endpoints {
    /// `namespace/name` of every Service selecting old or new pods.
    pub services: Vec<String>,
    old_selected: bool,
    new_selected: bool,
}

impl Endpoints {
    /// The Services in the workload's namespace whose selector matches the old or the new pod
    /// labels. A Service without a selector selects no pods.
    pub(super) fn new(
        model: &Model,
        workload: &Object,
        old_labels: &BTreeMap<String, String>,
        new_labels: &BTreeMap<String, String>,
    ) -> Self {
        let mut endpoints = Endpoints::default();
        for service in model
            .of_kind("Service")
            .filter(|s| s.namespace == workload.namespace)
        {
            let Resource::Service(svc) = &*service.resource else {
                continue;
            };
            let Some(selector) = svc.spec.as_ref().and_then(|s| s.selector.as_ref()) else {
                continue;
            };
            if selector.is_empty() {
                continue;
            }
            let old = map_selector_matches(selector, old_labels);
            let new = map_selector_matches(selector, new_labels);
            if old || new {
                endpoints
                    .services
                    .push(format!("{}/{}", service.ns(), service.name));
                endpoints.old_selected |= old;
                endpoints.new_selected |= new;
            }
        }
        endpoints
    }

    /// The Services over a workload's pods before (`old`) and after (`new`) a template change,
    /// matched against each template's labels.
    pub(super) fn between(
        model: &Model,
        workload: &Object,
        old: &PodTemplateSpec,
        new: &PodTemplateSpec,
    ) -> Self {
        let labels = |t: &PodTemplateSpec| {
            t.metadata
                .as_ref()
                .and_then(|m| m.labels.clone())
                .unwrap_or_default()
        };
        Endpoints::new(model, workload, &labels(old), &labels(new))
    }

    /// The traffic over these pods.
    pub(super) fn traffic(&self, pods: &[PodTile]) -> Traffic {
        let mut traffic = Traffic {
            services: self.services.clone(),
            ..Traffic::default()
        };
        if self.services.is_empty() {
            return traffic;
        }
        for pod in pods.iter().filter(|p| p.phase.receives_traffic()) {
            let selected = if pod.updated {
                self.new_selected
            } else {
                self.old_selected
            };
            if !selected {
                continue;
            }
            if pod.updated {
                traffic.new += 1;
            } else {
                traffic.old += 1;
            }
            if pods.len() <= MAX_TILES {
                traffic.pods.push(pod.name.clone());
            }
        }
        traffic
    }

    /// The traffic when pods are only counted: `old` and `new` pods receive traffic if a
    /// Service selects them (no pod names).
    pub(super) fn counted(&self, old: u32, new: u32) -> Traffic {
        let serves = !self.services.is_empty();
        Traffic {
            services: self.services.clone(),
            pods: Vec::new(),
            old: if serves && self.old_selected { old } else { 0 },
            new: if serves && self.new_selected { new } else { 0 },
        }
    }

    /// A state from pods counted by version and phase, `(updated, phase, how many)`: counts
    /// and traffic, no tiles (for states beyond [`MAX_TILES`] pods).
    pub(super) fn counted_state(
        &self,
        groups: impl IntoIterator<Item = (bool, Phase, u32)>,
    ) -> State {
        // [live, available, serving] for old and new.
        let mut counts = [[0u32; 3]; 2];
        for (updated, phase, n) in groups {
            let c = &mut counts[usize::from(updated)];
            c[0] += if phase == Phase::Terminating { 0 } else { n };
            c[1] += if phase.is_available() { n } else { 0 };
            c[2] += if phase.receives_traffic() { n } else { 0 };
        }
        let [old, new] = counts;
        State {
            old_total: old[0],
            old_ready: old[1],
            new_total: new[0],
            new_ready: new[1],
            pods: Vec::new(),
            traffic: self.counted(old[2], new[2]),
            ready: old[2] + new[2],
        }
    }

    /// A state from the pods: counts of non-terminating and available pods by version, tiles
    /// (within [`MAX_TILES`]) and traffic.
    pub(super) fn state(&self, pods: &[PodTile]) -> State {
        let mut state = self.state_with_totals(pods, None);
        let live = |updated: bool| {
            pods.iter()
                .filter(|p| p.updated == updated && p.phase != Phase::Terminating)
                .count() as u32
        };
        state.old_total = live(false);
        state.new_total = live(true);
        state
    }

    /// A state whose totals are given (a Deployment counts ReplicaSet specs, not pods).
    pub(super) fn state_with_totals(&self, pods: &[PodTile], totals: Option<(u32, u32)>) -> State {
        let available = |updated: bool| {
            pods.iter()
                .filter(|p| p.updated == updated && p.phase.is_available())
                .count() as u32
        };
        let (old_total, new_total) = totals.unwrap_or((0, 0));
        State {
            old_total,
            old_ready: available(false),
            new_total,
            new_ready: available(true),
            pods: if pods.len() <= MAX_TILES {
                pods.to_vec()
            } else {
                Vec::new()
            },
            traffic: self.traffic(pods),
            ready: pods.iter().filter(|p| p.phase.receives_traffic()).count() as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_past_the_tile_limit_agrees_with_the_tiles() {
        let phases = [
            Phase::Available,
            Phase::Terminating,
            Phase::Ready,
            Phase::ContainerCreating,
            Phase::RunningNotReady,
        ];
        let pods: Vec<PodTile> = (0..MAX_TILES * 3)
            .map(|i| PodTile {
                name: format!("p{i}"),
                revision: "r".into(),
                updated: i % 3 == 0,
                ordinal: None,
                node: None,
                phase: phases[i % phases.len()],
            })
            .collect();
        for (old_selected, new_selected) in [(true, true), (true, false), (false, true)] {
            let endpoints = Endpoints {
                services: vec!["ns/web".into()],
                old_selected,
                new_selected,
            };
            let counted = endpoints.counted_state(pods.iter().map(|p| (p.updated, p.phase, 1)));
            let mut drawn = endpoints.state(&pods);
            drawn.traffic.pods.clear();
            assert!(counted.pods.is_empty());
            assert_eq!(counted, drawn);
        }
    }
}
