//! Hand-written rollout narratives against the controller: FeastFlow's review (section 2)
//! describes the backend's and the frontend's rolling updates step by step; this compares each
//! step with the passes the controller really makes.

use serde::Serialize;

use super::{Result, Rollout, RolloutOptions, State, pods, simulate};
use crate::model::{Model, ObjectId};

/// One step of a narrative and the pods it claims exist afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NarrativeStep {
    /// The step as written (or, for the controller, its decision).
    pub text: String,
    /// Old (v1) pods afterwards.
    pub old: u32,
    /// New (v2) pods afterwards.
    pub new: u32,
}

impl NarrativeStep {
    fn new(text: &str, old: u32, new: u32) -> Self {
        NarrativeStep {
            text: text.to_owned(),
            old,
            new,
        }
    }

    fn total(&self) -> u32 {
        self.old + self.new
    }
}

/// A narrative compared with the controller's sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NarrativeComparison {
    /// The Deployment.
    pub workload: ObjectId,
    /// Where the narrative comes from.
    pub source: String,
    /// The narrative's steps.
    pub claimed: Vec<NarrativeStep>,
    /// The controller's passes: decision and settled spec totals.
    pub actual: Vec<NarrativeStep>,
    /// Whether the narrative's states are exactly the controller's, in order.
    pub matches: bool,
    /// Where the narrative and the controller part ways, in plain words.
    pub differences: Vec<String>,
    /// What the narrative gets right.
    pub agreements: Vec<String>,
}

/// The review's frontend narrative (3 replicas, maxSurge 2, maxUnavailable 1).
pub fn frontend_narrative() -> Vec<NarrativeStep> {
    vec![
        NarrativeStep::new("Create 2 v2 pods → 5 total", 3, 2),
        NarrativeStep::new("Kill 1 v1 pod → 4 total (2 v1, 2 v2)", 2, 2),
        NarrativeStep::new("Create 1 v2 pod → 5 total (2 v1, 3 v2)", 2, 3),
        NarrativeStep::new("Kill 2 v1 pods → 3 v2 pods", 0, 3),
    ]
}

/// The review's backend narrative (2 replicas, maxSurge 1, maxUnavailable 0).
pub fn backend_narrative() -> Vec<NarrativeStep> {
    vec![
        NarrativeStep::new(
            "Creates 1 new pod (backend-v2) → Total 3 pods; waits for readiness probe",
            2,
            1,
        ),
        NarrativeStep::new("Terminates 1 old pod → 2 pods (1 v1, 1 v2)", 1, 1),
        NarrativeStep::new("Creates another v2 pod → 3 pods", 1, 2),
        NarrativeStep::new("Terminates last v1 pod → 2 v2 pods", 0, 2),
    ]
}

/// Compares `claimed` with the simulated rollout of a new image to `workload`.
pub fn compare_narrative(
    model: &Model,
    workload: &ObjectId,
    claimed: &[NarrativeStep],
    source: &str,
) -> Result<NarrativeComparison> {
    let rollout = simulate(model, workload, &RolloutOptions::default())?;
    Ok(compare(&rollout, claimed, source))
}

/// Both FeastFlow narratives of the review's section 2: frontend, then backend.
pub fn feastflow_review(model: &Model) -> Result<Vec<NarrativeComparison>> {
    let source = "feastflow-review.md, section 2";
    Ok(vec![
        compare_narrative(
            model,
            &ObjectId::new("Deployment", Some("feastflow"), "feastflow-frontend"),
            &frontend_narrative(),
            source,
        )?,
        compare_narrative(
            model,
            &ObjectId::new("Deployment", Some("feastflow"), "feastflow-backend"),
            &backend_narrative(),
            source,
        )?,
    ])
}

fn state(old: u32, new: u32) -> String {
    format!("{old} v1 + {new} v2 = {}", pods(old + new))
}

/// The comparison of a narrative with a simulated rollout.
pub fn compare(rollout: &Rollout, claimed: &[NarrativeStep], source: &str) -> NarrativeComparison {
    let actual: Vec<NarrativeStep> = rollout
        .passes
        .iter()
        .map(|p| NarrativeStep {
            text: p.decision.clone(),
            old: p.settled.old_total,
            new: p.settled.new_total,
        })
        .collect();
    let states = |steps: &[NarrativeStep]| steps.iter().map(|s| (s.old, s.new)).collect::<Vec<_>>();
    let matches = states(claimed) == states(&actual);
    let mut differences = Vec::new();
    let mut agreements = Vec::new();
    let initial = NarrativeStep::new(
        "start",
        rollout.initial.old_total,
        rollout.initial.new_total,
    );

    for (i, step) in claimed.iter().enumerate() {
        match actual
            .iter()
            .position(|a| (a.old, a.new) == (step.old, step.new))
        {
            Some(j) => agreements.push(format!(
                "“{}”: the controller has {} after pass {}",
                step.text,
                state(step.old, step.new),
                j + 1
            )),
            None => {
                let previous = if i == 0 { &initial } else { &claimed[i - 1] };
                let from = actual
                    .iter()
                    .position(|a| (a.old, a.new) == (previous.old, previous.new))
                    .map_or(0, |j| j + 1)
                    .min(rollout.passes.len().saturating_sub(1));
                let mut text = format!(
                    "“{}” claims {}; the controller never has that state.",
                    step.text,
                    state(step.old, step.new)
                );
                if let Some(pass) = rollout.passes.get(from) {
                    let before = if from == 0 {
                        &rollout.initial
                    } else {
                        &rollout.passes[from - 1].settled
                    };
                    let both_ways = pass.settled.new_total > before.new_total
                        && pass.settled.old_total < before.old_total;
                    if both_ways {
                        text.push_str(&format!(
                            " Pass {} creates the new ReplicaSet at {} and scales the old one from {} to {} in the same pass, without waiting for a v2 pod to be ready: {} available pods are more than the {} that must stay available. Only the pass that creates the new ReplicaSet moves both ways; every later pass moves in one direction.",
                            pass.number,
                            pass.settled.new_total,
                            before.old_total,
                            pass.settled.old_total,
                            before.available(),
                            rollout.min_available
                        ));
                    } else {
                        text.push_str(&format!(
                            " Pass {} goes to {} instead.",
                            pass.number,
                            state(pass.settled.old_total, pass.settled.new_total)
                        ));
                    }
                }
                differences.push(text);
            }
        }
    }

    // When the most pods exist.
    let claimed_peak = claimed.iter().position(|s| s.total() == rollout.max_total);
    let actual_peak = rollout
        .passes
        .iter()
        .position(|p| p.after.total() == rollout.max_total);
    if let (Some(c), Some(a)) = (claimed_peak, actual_peak) {
        let claimed_state = (claimed[c].old, claimed[c].new);
        let pass = &rollout.passes[a];
        let actual_state = (pass.after.old_total, pass.after.new_total);
        if claimed_state != actual_state {
            let before = if a == 0 {
                &rollout.initial
            } else {
                &rollout.passes[a - 1].settled
            };
            differences.push(format!(
                "{} do exist, but later and differently: in pass {} the new ReplicaSet grows from {} to {} ({}) while its new pods are still starting; growing waits for room under replicas + maxSurge, not for readiness.",
                pods(rollout.max_total),
                pass.number,
                before.new_total,
                pass.after.new_total,
                state(actual_state.0, actual_state.1)
            ));
        }
    }

    // How the last old pods go.
    if let Some(last) = rollout.passes.last() {
        let before = if rollout.passes.len() > 1 {
            &rollout.passes[rollout.passes.len() - 2].settled
        } else {
            &rollout.initial
        };
        let removed = before.old_total.saturating_sub(last.settled.old_total);
        let claimed_removed = match claimed {
            [.., a, b] => a.old.saturating_sub(b.old),
            _ => 0,
        };
        if removed > 1 && last.settled.new_total == before.new_total {
            let sentence = format!(
                "the last {removed} v1 pods go together in pass {}, once the v2 pods are available",
                last.number
            );
            if claimed_removed == removed {
                agreements.push(sentence);
            } else {
                differences.push(sentence);
            }
        }
    }

    let peak = rollout.states().map(State::total).max().unwrap_or(0);
    let floor = rollout.states().map(State::available).min().unwrap_or(0);
    if claimed.iter().all(|s| s.total() <= rollout.max_total) && peak <= rollout.max_total {
        agreements.push(format!(
            "the spec total never exceeds {} (replicas + maxSurge) and availability never drops below {} (it bottoms out at {floor})",
            rollout.max_total, rollout.min_available
        ));
    }
    if rollout.max_unavailable == 0 {
        agreements.push(
            "with maxUnavailable 0 no old pod goes before a new one is available: the controller really does wait for readiness before each removal"
                .to_owned(),
        );
    }
    if matches {
        agreements.insert(
            0,
            format!(
                "the narrative matches the controller's order exactly: {}",
                std::iter::once(&initial)
                    .chain(&actual)
                    .map(|s| format!("{}+{}", s.old, s.new))
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
        );
    } else {
        differences.insert(
            0,
            format!(
                "the controller's sequence of spec totals is {}; the narrative's is {}",
                std::iter::once(rollout.initial.total())
                    .chain(rollout.passes.iter().map(|p| p.after.total()))
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" → "),
                std::iter::once(initial.total())
                    .chain(claimed.iter().map(NarrativeStep::total))
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
        );
    }
    NarrativeComparison {
        workload: rollout.workload.clone(),
        source: source.to_owned(),
        claimed: claimed.to_vec(),
        actual,
        matches,
        differences,
        agreements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::Sample;

    #[test]
    fn the_frontend_narrative_differs_from_the_controller() {
        let model = Model::from_files(Sample::FeastFlow.files());
        let [frontend, backend] = feastflow_review(&model)
            .expect("both deployments")
            .try_into()
            .expect("two");
        assert!(!frontend.matches);
        let actual: Vec<(u32, u32)> = frontend.actual.iter().map(|s| (s.old, s.new)).collect();
        assert_eq!(actual, [(2, 2), (2, 3), (0, 3)]);
        assert_eq!(
            frontend.differences[0],
            "the controller's sequence of spec totals is 3 → 4 → 5 → 3; the narrative's is 3 → 5 → 4 → 5 → 3"
        );
        assert!(frontend.differences[1].starts_with("“Create 2 v2 pods → 5 total” claims 3 v1 + 2 v2 = 5 pods; the controller never has that state. Pass 1 creates the new ReplicaSet at 2 and scales the old one from 3 to 2 in the same pass"), "{}", frontend.differences[1]);
        assert!(
            frontend
                .differences
                .iter()
                .any(|d| d.contains("in pass 2 the new ReplicaSet grows from 2 to 3")),
            "{:?}",
            frontend.differences
        );
        assert!(
            frontend
                .agreements
                .iter()
                .any(|a| a.contains("the last 2 v1 pods go together in pass 3")),
            "{:?}",
            frontend.agreements
        );

        assert!(backend.matches, "{:?}", backend.differences);
        assert!(backend.differences.is_empty());
        assert!(
            backend.agreements[0].contains("2+0 → 2+1 → 1+1 → 1+2 → 0+2"),
            "{}",
            backend.agreements[0]
        );
    }
}
