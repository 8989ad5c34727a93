//! proportional (in progress).

/// A scaling event.
#[derive(Debug, Clone)]
pub struct ScalingEvent;
/// Scales during a rollout.
pub fn scale_during_rollout() {}
