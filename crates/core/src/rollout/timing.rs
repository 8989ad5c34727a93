//! An estimate of wall-clock time, read from the manifests: how long a new pod takes to become
//! available and how long an old one takes to go away, with every assumption stated.

use k8s_openapi::api::core::v1::{PodTemplateSpec, Probe};

/// How long pods take, for one rollout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Timing {
    /// From creation to Ready.
    pub to_ready: u32,
    /// From creation to available (`to_ready + minReadySeconds`).
    pub to_available: u32,
    /// `terminationGracePeriodSeconds` of the old pods (default 30): the longest an old pod
    /// takes to stop.
    pub grace: u32,
    /// The assumptions, one sentence each.
    pub assumptions: Vec<String>,
}

impl Timing {
    /// The seconds from a pass to its settled state, one pod at a time: the grace period when it
    /// waits for an old pod to stop, or the time to available when it created pods, whichever is
    /// longer.
    pub(crate) fn settle_seconds(&self, waits_for_termination: bool, created_pods: bool) -> u32 {
        let stop = if waits_for_termination { self.grace } else { 0 };
        let start = if created_pods { self.to_available } else { 0 };
        stop.max(start)
    }
}

fn secs(v: Option<i32>, default: i32) -> u32 {
    v.unwrap_or(default).max(0) as u32
}

/// When a probe first succeeds `successThreshold` times in a row, counted from container start.
fn probe_success_at(probe: &Probe, earliest: u32) -> u32 {
    let delay = secs(probe.initial_delay_seconds, 0);
    let period = secs(probe.period_seconds, 10).max(1);
    let successes = secs(probe.success_threshold, 1).max(1);
    delay
        .max(earliest)
        .saturating_add((successes - 1).saturating_mul(period))
}

/// The timing of pods made from `new` replacing pods made from `old`.
pub(crate) fn timing(
    old: &PodTemplateSpec,
    new: &PodTemplateSpec,
    min_ready_seconds: u32,
    image_pull_seconds: u32,
) -> Timing {
    let mut assumptions = vec![format!(
        "pulling the image and starting the containers takes {image_pull_seconds} s (an assumption: large images or cold nodes take longer)"
    )];
    let mut slowest = 0;
    let mut reasons = Vec::new();
    for container in new.spec.iter().flat_map(|s| &s.containers) {
        let mut ready = 0;
        if let Some(startup) = &container.startup_probe {
            ready = probe_success_at(startup, 0);
            reasons.push(format!(
                "container {} passes its startupProbe after {ready} s (initialDelaySeconds {}, then every {} s)",
                container.name,
                secs(startup.initial_delay_seconds, 0),
                secs(startup.period_seconds, 10)
            ));
        }
        match &container.readiness_probe {
            Some(probe) => {
                ready = probe_success_at(probe, ready);
                reasons.push(format!(
                    "container {} is Ready {ready} s after it starts (readinessProbe initialDelaySeconds {}, periodSeconds {}, successThreshold {})",
                    container.name,
                    secs(probe.initial_delay_seconds, 0),
                    secs(probe.period_seconds, 10),
                    secs(probe.success_threshold, 1)
                ));
            }
            None => reasons.push(format!(
                "container {} has no readinessProbe, so it counts as Ready as soon as it runs (even if the app inside is not serving yet)",
                container.name
            )),
        }
        slowest = slowest.max(ready);
    }
    assumptions.extend(reasons);
    let to_ready = image_pull_seconds.saturating_add(slowest);
    if min_ready_seconds > 0 {
        assumptions.push(format!(
            "a Ready pod counts as available after minReadySeconds ({min_ready_seconds} s)"
        ));
    }
    let grace = old.spec.as_ref().map_or(30, |s| {
        s.termination_grace_period_seconds
            .map_or(30, |g| g.max(0) as u32)
    });
    Timing {
        to_ready,
        to_available: to_ready.saturating_add(min_ready_seconds),
        grace,
        assumptions,
    }
}

/// The sentence about the timing model, shared by every kind.
pub(crate) const PASS_MODEL: &str = "each pass waits for the pods it created to become available before the next pass runs (the ready-between-passes model); a real cluster re-runs the controller within milliseconds and overlaps some of these waits";
