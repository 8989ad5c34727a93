//! The controller's decisions in words: a terse decision with its arithmetic, and a narration in
//! plain words for students.

use super::controller::{Cluster, RecreateStep, RollingTrace};
use super::pods;

/// `1 pod exists`, `3 pods exist`.
fn pods_exist(n: u32) -> String {
    if n == 1 {
        "1 pod exists".to_owned()
    } else {
        format!("{n} pods exist")
    }
}

/// The old pod sets (ReplicaSets) that still have pods, as words.
fn old_label(before: &Cluster) -> String {
    let set = before.driver.set_kind();
    let active: Vec<&str> = before
        .rss
        .iter()
        .filter(|r| !r.is_new && r.spec > 0)
        .map(|r| r.name.as_str())
        .collect();
    match active.as_slice() {
        [one] => format!("the old {set} {one}"),
        _ => format!("the old {set}s"),
    }
}

fn new_name(cluster: &Cluster) -> &str {
    cluster
        .new_index()
        .map_or(cluster.new_name.as_str(), |i| cluster.rss[i].name.as_str())
}

/// Decision and narration of one `rolloutRolling` pass (also of a pass that changed nothing:
/// then the narration says why).
pub(crate) fn rolling(trace: &RollingTrace, before: &Cluster, after: &Cluster) -> (String, String) {
    let r = trace.replicas;
    let max_total = trace.max_total;
    let surge = max_total - r;
    let new = new_name(after);
    let (set, abbrev) = (after.driver.set_kind(), after.driver.set_abbrev());
    let mut decision = Vec::new();
    let mut words = Vec::new();

    if let Some(size) = trace.created {
        let olds = trace.olds_at_creation;
        if size > 0 {
            let cap = if olds + size < max_total {
                format!("; capped at replicas {r}")
            } else {
                String::new()
            };
            decision.push(format!(
                "create new {abbrev} at {size} (total {olds} < {max_total}{cap})"
            ));
            words.push(format!(
                "Creates the new {set} {new} with {}: {} and up to {max_total} are allowed ({r} replicas + maxSurge {surge}).",
                pods(size),
                pods_exist(olds)
            ));
        } else {
            decision.push(format!(
                "create new {abbrev} at 0 (total {olds} ≥ {max_total})"
            ));
            words.push(format!(
                "Creates the new {set} {new} with 0 pods: {} already exist and at most {max_total} are allowed, so there is no room for a new pod yet.",
                pods(olds)
            ));
        }
    } else if trace.new_from < trace.new_to {
        let added = trace.new_to - trace.new_from;
        let capped = trace.total + added < max_total;
        let cap = if capped {
            format!("; capped at replicas {r}")
        } else {
            String::new()
        };
        decision.push(format!(
            "new {}→{} (total {} < {max_total}{cap}); return",
            trace.new_from, trace.new_to, trace.total
        ));
        let stop = if capped {
            format!(", and the new {set} never grows beyond the {r} replicas")
        } else {
            String::new()
        };
        words.push(format!(
            "Adds {} to the new {set} ({} → {}): {} and up to {max_total} are allowed{stop}. It does not wait for new pods to become ready: growing is limited by pod counts, not readiness. Having scaled up, the pass ends; old pods are never removed in the same pass.",
            pods(added),
            trace.new_from,
            trace.new_to,
            pods_exist(trace.total)
        ));
    } else if trace.new_from > trace.new_to {
        decision.push(format!(
            "new {}→{} (above replicas); return",
            trace.new_from, trace.new_to
        ));
        words.push(format!(
            "Shrinks the new {set} from {} to the {r} replicas the {} wants.",
            trace.new_from,
            after.driver.kind().as_str()
        ));
    }

    if let Some(old) = &trace.old {
        let removed = old.cleaned + old.scaled;
        let label = old_label(before);
        let arithmetic = format!(
            "max_scaled_down = {}−{}−{} = {}",
            old.all, old.min_available, old.new_unavailable, old.max_scaled_down
        );
        if removed > 0 {
            let cleaned = if old.cleaned > 0 {
                format!("; {} unavailable first", old.cleaned)
            } else {
                String::new()
            };
            let availability = if old.scaled > 0 {
                format!("; available {} > {}", old.available, old.min_available)
            } else {
                String::new()
            };
            decision.push(format!(
                "scale old {}→{} ({arithmetic}{availability}{cleaned})",
                old.old_from, old.old_to
            ));
            let mut sentence = String::new();
            if trace.created.is_some() {
                sentence.push_str(&format!(
                    "Because this pass created the {set} rather than scaled it, it goes on to the old pods in the same pass: it ",
                ));
            } else {
                sentence.push_str("Then it ");
            }
            if trace.created.is_none() && trace.new_from == trace.new_to {
                sentence = String::from("It ");
            }
            sentence.push_str(&format!(
                "removes {} from {label} ({} → {})",
                pods(removed),
                old.old_from,
                old.old_to
            ));
            if old.scaled > 0 {
                sentence.push_str(&format!(
                    ": {} available and only {} must stay available",
                    if old.available == 1 {
                        "1 pod is".to_owned()
                    } else {
                        format!("{} pods are", old.available)
                    },
                    old.min_available
                ));
                if old.new_unavailable > 0 {
                    sentence.push_str(&format!(
                        ", counting the {} new {} not ready yet against the budget",
                        old.new_unavailable,
                        if old.new_unavailable == 1 {
                            "pod that is"
                        } else {
                            "pods that are"
                        }
                    ));
                }
            }
            if old.cleaned > 0 {
                sentence.push_str(&format!(
                    "; {} of them {} not available, and unavailable old pods go first, even when availability is at the minimum",
                    old.cleaned,
                    if old.cleaned == 1 { "was" } else { "were" }
                ));
            }
            sentence.push('.');
            words.push(sentence);
        } else {
            let why = if old.max_scaled_down <= 0 {
                if old.new_unavailable > 0 {
                    format!(
                        "{} of the new pods {} not available yet, and removing an old pod would leave fewer than {} available",
                        old.new_unavailable,
                        if old.new_unavailable == 1 {
                            "is"
                        } else {
                            "are"
                        },
                        old.min_available
                    )
                } else {
                    format!(
                        "only {} and {} must stay available",
                        pods_exist(old.all),
                        old.min_available
                    )
                }
            } else {
                format!(
                    "only {} are available and {} must stay available",
                    old.available, old.min_available
                )
            };
            let avail = if old.max_scaled_down > 0 {
                format!("; available {} ≤ {}", old.available, old.min_available)
            } else {
                String::new()
            };
            decision.push(format!("old untouched ({arithmetic}{avail})"));
            words.push(format!("It cannot remove an old pod yet: {why}."));
        }
    }

    if !trace.changed() {
        if after.complete() {
            return (
                "nothing to do: complete".to_owned(),
                format!(
                    "Nothing left to do: {new} has all {} available and no old pod is left.",
                    pods(r)
                ),
            );
        }
        let mut why = Vec::new();
        if trace.new_to >= r {
            why.push(format!("The new {set} already asks for all {}.", pods(r)));
        } else {
            why.push(format!(
                "The new {set} cannot grow: {} and at most {max_total} are allowed.",
                pods_exist(trace.total)
            ));
        }
        why.extend(words);
        why.push(
            "The new pods never become ready, so nothing changes any more: the rollout is stuck until the change is fixed or undone."
                .to_owned(),
        );
        decision.insert(0, "no change: stuck".to_owned());
        return (decision.join("; "), why.join(" "));
    }
    (decision.join(" and "), words.join(" "))
}

/// Decision and narration of one `rolloutRecreate` pass.
pub(crate) fn recreate(step: &RecreateStep, before: &Cluster, after: &Cluster) -> (String, String) {
    let new = new_name(after);
    let (set, abbrev) = (after.driver.set_kind(), after.driver.set_abbrev());
    match step {
        RecreateStep::ScaledDownOld(n) => (
            format!("scale old {n}→0"),
            format!(
                "Recreate removes all {} at once ({} → 0), before any new pod exists. Until the new pods are ready nothing serves: this is the downtime Recreate accepts in exchange for never running two versions together.",
                pods(*n),
                old_label(before)
            ),
        ),
        RecreateStep::WaitingForTermination(n) => (
            format!("wait: {n} old pods still terminating"),
            format!(
                "Waits: {} of the old version are still terminating.",
                pods(*n)
            ),
        ),
        RecreateStep::CreatedNew(n) => (
            format!("create new {abbrev} at {n}"),
            format!(
                "Every old pod is gone, so it creates the new {set} {new} with all {} at once.",
                pods(*n)
            ),
        ),
        RecreateStep::ScaledNew(from, to) => (
            format!("new {from}→{to}"),
            format!("Scales the new {set} {new} from {from} to {to}."),
        ),
        RecreateStep::Nothing => {
            if after.complete() {
                (
                    "nothing to do: complete".to_owned(),
                    format!(
                        "Nothing left to do: {new} has all {} available.",
                        pods(after.replicas)
                    ),
                )
            } else {
                (
                    "no change: stuck".to_owned(),
                    format!(
                        "The new {set} {new} has all {} but they never become ready: nothing serves, and the rollout is stuck until the change is fixed or undone.",
                        pods(after.replicas)
                    ),
                )
            }
        }
    }
}
