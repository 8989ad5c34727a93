//! Proportional scaling (`scale()` in `sync.go`): what the Deployment controller does when
//! `spec.replicas` changes in the middle of a rollout (or while it is paused). A change of
//! `replicas` alone is a scaling event, not a rollout: no new ReplicaSet is created; the extra
//! (or missing) pods are spread over the active ReplicaSets in proportion to their size.

use serde::Serialize;

use super::deployment::{self, Start};
use super::fenceposts::{self, Round};
use super::{Result, RolloutError, RolloutOptions, find_workload};
use crate::model::{Model, ObjectId, Resource};

/// One ReplicaSet as proportional scaling sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplicaSetSize {
    /// Its name.
    pub name: String,
    /// `spec.replicas`.
    pub replicas: u32,
    /// `status.availableReplicas`.
    pub available: u32,
    /// `deployment.kubernetes.io/desired-replicas`, if set.
    pub desired_replicas: Option<u32>,
    /// `deployment.kubernetes.io/max-replicas`, if set.
    pub max_replicas: Option<u32>,
    /// Whether it is the Deployment's new ReplicaSet.
    pub is_new: bool,
}

impl ReplicaSetSize {
    /// A ReplicaSet with the annotations a Deployment of `replicas` and surge `surge` writes.
    pub fn annotated(
        name: &str,
        replicas: u32,
        is_new: bool,
        deployment_replicas: u32,
        surge: u32,
    ) -> Self {
        ReplicaSetSize {
            name: name.to_owned(),
            replicas,
            available: replicas,
            desired_replicas: Some(deployment_replicas),
            max_replicas: Some(deployment_replicas.saturating_add(surge)),
            is_new,
        }
    }
}

/// Go's `math.Round` on a non-negative ratio: half away from zero, in integers.
fn round_ratio(numerator: u64, denominator: u64) -> u64 {
    (2 * numerator + denominator) / (2 * denominator)
}

/// `getReplicaSetFraction`.
fn fraction(rs: &ReplicaSetSize, replicas: u32, surge: u32, status_replicas: u32) -> i64 {
    if replicas == 0 {
        return -i64::from(rs.replicas);
    }
    let annotated = match rs.max_replicas {
        Some(m) if m > 0 => m,
        _ => status_replicas,
    };
    if annotated == 0 {
        return 0;
    }
    let target = round_ratio(
        u64::from(rs.replicas) * (u64::from(replicas) + u64::from(surge)),
        u64::from(annotated),
    );
    target as i64 - i64::from(rs.replicas)
}

/// `scale()`: the new `spec.replicas` of each ReplicaSet (given oldest first, as the slice is
/// ordered) when the Deployment asks for `replicas` pods with a resolved surge of `surge`.
/// `rolling` is false for a Recreate Deployment, which only resizes a lone active ReplicaSet or
/// empties the old ones once the new one is saturated.
pub fn scale(sets: &[ReplicaSetSize], replicas: u32, surge: u32, rolling: bool) -> Vec<u32> {
    let mut sizes: Vec<u32> = sets.iter().map(|r| r.replicas).collect();
    let active: Vec<usize> = (0..sets.len()).filter(|&i| sets[i].replicas > 0).collect();
    let new = sets.iter().position(|r| r.is_new);
    // FindActiveOrLatest: one active ReplicaSet takes everything; with none, the new one (or
    // the newest old one) does.
    let lone = match active.as_slice() {
        [] => new.or_else(|| (0..sets.len()).rev().find(|&i| !sets[i].is_new)),
        [one] => Some(*one),
        _ => None,
    };
    if let Some(i) = lone {
        sizes[i] = replicas;
        return sizes;
    }
    if let Some(n) = new {
        let rs = &sets[n];
        let saturated = rs.replicas == replicas
            && rs.desired_replicas == Some(replicas)
            && rs.available == replicas;
        if saturated {
            for (i, size) in sizes.iter_mut().enumerate() {
                if i != n {
                    *size = 0;
                }
            }
            return sizes;
        }
    }
    if !rolling {
        return sizes;
    }
    let total: u64 = active.iter().map(|&i| u64::from(sets[i].replicas)).sum();
    let allowed = if replicas > 0 {
        replicas.saturating_add(surge)
    } else {
        0
    };
    let to_add = i64::from(allowed) - total as i64;
    if to_add == 0 {
        return sizes;
    }
    let mut order = active.clone();
    // Largest first; on a tie newer first when scaling up, older first when scaling down.
    if to_add > 0 {
        order.sort_by(|&a, &b| sets[b].replicas.cmp(&sets[a].replicas).then(b.cmp(&a)));
    } else {
        order.sort_by(|&a, &b| sets[b].replicas.cmp(&sets[a].replicas).then(a.cmp(&b)));
    }
    let status_replicas = u32::try_from(total).unwrap_or(u32::MAX);
    let mut added: i64 = 0;
    let mut new_sizes: Vec<i64> = sizes.iter().map(|&s| i64::from(s)).collect();
    for &i in &order {
        let rs = &sets[i];
        let proportion = if rs.replicas == 0 || to_add == added {
            0
        } else {
            let f = fraction(rs, replicas, surge, status_replicas);
            let still = to_add - added;
            if to_add > 0 {
                f.min(still)
            } else {
                f.max(still)
            }
        };
        new_sizes[i] = i64::from(rs.replicas) + proportion;
        added += proportion;
    }
    if let Some(&first) = order.first() {
        new_sizes[first] = (new_sizes[first] + to_add - added).max(0);
    }
    new_sizes
        .into_iter()
        .map(|s| u32::try_from(s.max(0)).unwrap_or(u32::MAX))
        .collect()
}

/// A change of `spec.replicas` in the middle of a rollout and what the controller does with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScalingEvent {
    /// The Deployment.
    pub workload: ObjectId,
    /// `spec.replicas` before.
    pub from_replicas: u32,
    /// `spec.replicas` after.
    pub to_replicas: u32,
    /// maxSurge resolved for the new replica count.
    pub max_surge: u32,
    /// How many rollout passes had run when the replicas changed.
    pub after_pass: usize,
    /// The ReplicaSets before, oldest first.
    pub before: Vec<ReplicaSetSize>,
    /// The ReplicaSets after, same order.
    pub after: Vec<ReplicaSetSize>,
    /// The events the controller records.
    pub events: Vec<String>,
    /// What happened, in plain words.
    pub narration: String,
}

/// Simulates the rollout of `options.change` to a Deployment for `after_pass` passes (all of
/// them, to completion or to where it gets stuck, when `None`), then a change of `spec.replicas`
/// to `replicas`.
pub fn scale_during_rollout(
    model: &Model,
    workload: &ObjectId,
    options: &RolloutOptions,
    replicas: u32,
    after_pass: Option<usize>,
) -> Result<ScalingEvent> {
    let object = find_workload(model, workload)?;
    let Resource::Deployment(d) = &*object.resource else {
        return Err(RolloutError::NotSimulatable {
            id: object.id.to_string(),
            kind: object.kind.clone(),
        });
    };
    let (rollout, cluster, settings) =
        deployment::run(model, object, d, options, Start::Change, after_pass)?;
    let rolling = settings.strategy == super::Strategy::RollingUpdate;
    let surge = if rolling {
        let written = d
            .spec
            .strategy
            .as_ref()
            .and_then(|s| s.rolling_update.as_ref())
            .and_then(|r| r.max_surge.clone());
        let written = written.unwrap_or_else(|| {
            k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::String("25%".into())
        });
        fenceposts::scaled_value(&written, replicas, Round::Up).unwrap_or(0)
    } else {
        0
    };
    let before: Vec<ReplicaSetSize> = cluster
        .rss
        .iter()
        .map(|r| ReplicaSetSize {
            name: r.name.clone(),
            replicas: r.spec,
            available: r.available(),
            desired_replicas: Some(r.desired),
            max_replicas: Some(r.max_replicas),
            is_new: r.is_new,
        })
        .collect();
    let sizes = scale(&before, replicas, surge, rolling);
    let mut events = Vec::new();
    let mut after = before.clone();
    for (rs, size) in after.iter_mut().zip(&sizes) {
        if rs.replicas != *size {
            let direction = if rs.replicas < *size { "up" } else { "down" };
            events.push(format!(
                "Scaled {direction} replica set {} to {size} from {}",
                rs.name, rs.replicas
            ));
        }
        rs.replicas = *size;
        rs.desired_replicas = Some(replicas);
        rs.max_replicas = Some(replicas.saturating_add(surge));
    }
    let describe = |sets: &[ReplicaSetSize]| {
        sets.iter()
            .filter(|r| r.replicas > 0 || r.is_new)
            .map(|r| {
                format!(
                    "{} {} ({})",
                    if r.is_new { "new" } else { "old" },
                    r.replicas,
                    r.name
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let narration = format!(
        "spec.replicas changes from {} to {replicas} after pass {}: a scaling event, not a rollout, so no ReplicaSet is created. {} The ReplicaSets go from {} to {}.",
        settings.replicas,
        rollout.passes.len(),
        if before.iter().filter(|r| r.replicas > 0).count() > 1 {
            format!(
                "With more than one active ReplicaSet the controller spreads the change in proportion to their sizes, within replicas + maxSurge = {}; leftovers go to the largest ReplicaSet.",
                replicas.saturating_add(surge)
            )
        } else {
            "With a single active ReplicaSet, that one takes the new size.".to_owned()
        },
        describe(&before),
        describe(&after)
    );
    Ok(ScalingEvent {
        workload: object.id.clone(),
        from_replicas: settings.replicas,
        to_replicas: replicas,
        max_surge: surge,
        after_pass: rollout.passes.len(),
        before,
        after,
        events,
        narration,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ReplicaSets oldest first: (replicas, is_new), annotated for a Deployment of
    /// `old_replicas` with surge `old_surge`.
    #[track_caller]
    fn check(
        sets: &[(u32, bool)],
        old_replicas: u32,
        old_surge: u32,
        replicas: u32,
        surge: u32,
        expected: &[u32],
    ) {
        let sets: Vec<ReplicaSetSize> = sets
            .iter()
            .enumerate()
            .map(|(i, (n, is_new))| {
                ReplicaSetSize::annotated(&format!("rs-{i}"), *n, *is_new, old_replicas, old_surge)
            })
            .collect();
        assert_eq!(scale(&sets, replicas, surge, true), expected);
    }

    #[test]
    fn upstream_test_scale_vectors() {
        check(&[(10, true)], 10, 0, 12, 0, &[12]);
        check(&[(10, true)], 10, 0, 5, 0, &[5]);
        check(&[(3, false), (2, true)], 5, 0, 10, 0, &[6, 4]);
        check(&[(3, false), (2, true)], 5, 0, 3, 0, &[2, 1]);
        check(&[(1, false), (8, true)], 9, 0, 4, 0, &[0, 4]);
        check(
            &[(2, false), (3, false), (2, true)],
            7,
            0,
            10,
            0,
            &[3, 4, 3],
        );
        check(
            &[(3, false), (8, false), (2, true)],
            13,
            0,
            8,
            0,
            &[2, 5, 1],
        );
        // Leftovers: 3 → 4 goes to the newest, 3 → 2 comes from the oldest.
        check(&[(1, false), (1, false), (1, true)], 3, 0, 4, 0, &[1, 1, 2]);
        check(&[(1, false), (1, false), (1, true)], 3, 0, 2, 0, &[0, 1, 1]);
        // No new ReplicaSet: the newest old one takes the extra pod.
        check(&[(2, false), (2, false)], 4, 0, 5, 0, &[2, 3]);
        check(&[(1, false), (2, false), (3, true)], 6, 0, 0, 0, &[0, 0, 0]);
        check(&[(0, false), (0, false), (0, true)], 6, 0, 6, 0, &[0, 0, 6]);
        check(&[(6, false), (6, true)], 10, 2, 20, 2, &[11, 11]);
        check(&[(8, false), (5, true)], 10, 3, 50, 6, &[34, 22]);
        check(&[(3, false), (7, false)], 10, 0, 14, 0, &[4, 10]);
    }

    #[test]
    fn a_saturated_but_broken_new_replica_set_leaves_old_pods_alone() {
        let mut sets = vec![
            ReplicaSetSize::annotated("old", 1, false, 2, 1),
            ReplicaSetSize::annotated("new", 2, true, 2, 1),
        ];
        sets[1].available = 0;
        assert_eq!(scale(&sets, 2, 1, true), [1, 2]);
        sets[1].available = 2;
        assert_eq!(scale(&sets, 2, 1, true), [0, 2]);
    }
}
