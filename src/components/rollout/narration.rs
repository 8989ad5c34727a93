//! The words around the animation: what is rolled out and how long it takes (the summary), and
//! for the current step the controller's decision, its events, the traffic and the kubectl
//! commands a person would run.

use crate::shared::Shared;
use manifesto_core::rollout::{Rollout, State, Strategy, Traffic, WorkloadKind};
use yew::prelude::*;

/// `1 pod`, `3 pods`.
fn pods(n: u32) -> String {
    if n == 1 {
        "1 pod".to_owned()
    } else {
        format!("{n} pods")
    }
}

/// `40 s`, `10 min 20 s`.
fn duration(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// Props of [`Summary`].
#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// The rollout.
    pub rollout: Shared<Rollout>,
}

/// The strategy in one line: `RollingUpdate: maxSurge 1, maxUnavailable 0 (resolved) — at most
/// 3 pods, at least 2 available`.
fn strategy_line(r: &Rollout) -> String {
    match (r.kind, r.strategy) {
        (_, Strategy::Recreate) => format!(
            "Recreate: every old pod is removed before any new pod starts, so for a while no pod runs ({} replicas)",
            r.replicas
        ),
        (_, Strategy::OnDelete) => {
            "OnDelete: pods are replaced only when someone deletes them".to_owned()
        }
        (WorkloadKind::StatefulSet, _) => format!(
            "RollingUpdate{}: one ordinal at a time from the highest, at most {} unavailable, no surge",
            r.pod_management_policy
                .as_deref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default(),
            r.max_unavailable
        ),
        (WorkloadKind::DaemonSet, _) => format!(
            "RollingUpdate on {} nodes: maxSurge {}, maxUnavailable {} (resolved; DaemonSets round up)",
            r.replicas, r.max_surge, r.max_unavailable
        ),
        (WorkloadKind::Deployment | WorkloadKind::DeploymentConfig, _) => format!(
            "RollingUpdate: {} replicas, maxSurge {}, maxUnavailable {} (resolved; Deployments round surge up and unavailable down) \u{2014} at most {}, at least {} available",
            r.replicas,
            r.max_surge,
            r.max_unavailable,
            pods(r.max_total),
            r.min_available
        ),
    }
}

/// What is rolled out, the estimate and its assumptions, downtime over the whole rollout.
#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let r = &props.rollout;
    let change = match (&r.old_image, &r.new_image) {
        (Some(old), Some(new)) => html! {
            <>
                <code>{ old.clone() }</code>{ " \u{2192} " }<code>{ new.clone() }</code>
                if let Some(c) = &r.container {
                    <span class="muted">{ format!(" (container {c})") }</span>
                }
            </>
        },
        _ => html! { { "an edited pod template" } },
    };
    let downtime = if r.services.is_empty() {
        html! {
            <span class="downtime-unknown" data-testid="rollout-downtime" data-zero-downtime={r.zero_downtime.to_string()}>
                { format!("No Service selects these pods; at the worst moment {} Ready.", if r.lowest_serving == 1 { "1 pod is".to_owned() } else { format!("{} pods are", r.lowest_serving) }) }
            </span>
        }
    } else if r.zero_downtime {
        html! {
            <span class="badge badge-ok" data-testid="rollout-downtime" data-zero-downtime="true">
                { format!("zero downtime: at least {} serving at every moment", pods(r.lowest_serving)) }
            </span>
        }
    } else {
        html! {
            <span class="badge badge-bad" data-testid="rollout-downtime" data-zero-downtime="false">
                { "downtime: at some moment no pod serving" }
            </span>
        }
    };
    let estimate = if r.complete {
        format!("about {}", duration(r.estimated_seconds))
    } else {
        match r.progress_deadline_seconds {
            Some(_) => format!(
                "{} until the Deployment reports ProgressDeadlineExceeded; it never completes",
                duration(r.estimated_seconds)
            ),
            None => format!(
                "{} until it stops; it never completes",
                duration(r.estimated_seconds)
            ),
        }
    };
    html! {
        <div class="rollout-summary">
            <p class="summary-change">
                <strong>{ format!("{} {}", r.kind.as_str(), r.workload.name()) }</strong>
                { ": " }{ change }
            </p>
            <p class="summary-strategy">{ strategy_line(r) }</p>
            <p class="summary-facts">
                { downtime }
                <span class="estimate" data-testid="rollout-estimate">
                    { format!("Estimated duration: {estimate}") }
                </span>
            </p>
            <details class="assumptions">
                <summary>{ "How the estimate is made" }</summary>
                <ul>
                    { for r.assumptions.iter().map(|a| html! { <li>{ a.clone() }</li> }) }
                </ul>
            </details>
            if !r.notes.is_empty() {
                <ul class="rollout-notes">
                    { for r.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                </ul>
            }
        </div>
    }
}

/// Where traffic goes at one moment.
fn traffic_line(label: &str, traffic: &Traffic, state: &State, has_services: bool) -> Html {
    if !has_services {
        let ready = state
            .pods
            .iter()
            .filter(|p| p.phase.receives_traffic())
            .count();
        return html! {
            <li>{ format!("{label}: no Service selects these pods ({ready} Ready)") }</li>
        };
    }
    let serving = traffic.serving();
    if serving == 0 {
        return html! {
            <li class="traffic-none">
                { format!("{label}: ") }
                <strong class="badge badge-bad">{ "downtime: no pod serving" }</strong>
            </li>
        };
    }
    html! {
        <li>
            { format!("{label}: {} receive traffic ({} old, {} new)", pods(serving), traffic.old, traffic.new) }
        </li>
    }
}

/// Props of [`Narration`].
#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    /// The rollout.
    pub rollout: Shared<Rollout>,
    /// The step shown.
    pub step: usize,
}

/// The current step in words, then the commands.
#[component]
pub fn Narration(props: &NarrationProps) -> Html {
    let r = &props.rollout;
    let step = props.step;
    let last = r.passes.len();
    let has_services = !r.services.is_empty();
    let elapsed: u32 = r.passes.iter().take(step).map(|p| p.seconds).sum();
    let body = match step.checked_sub(1).and_then(|i| r.passes.get(i)) {
        None => {
            let first = r.commands.first();
            html! {
                <>
                    <p>
                        { format!(
                            "{} of the {} {} run {}.",
                            pods(r.initial.old_total),
                            r.kind.pod_set_kind().map_or("old revision".to_owned(), |set| format!("old {set}")),
                            r.old_rs_name,
                            r.old_image.as_deref().unwrap_or("the current template")
                        ) }
                        if last > 0 {
                            { format!(" The change starts a rollout of {}; press Play or Step to follow the controller.", if last == 1 { "1 pass".to_owned() } else { format!("{last} passes") }) }
                        } else {
                            { " The change starts no rollout (see the notes above)." }
                        }
                    </p>
                    if let Some(c) = first {
                        <p class="command-line"><code>{ c.command.clone() }</code><span class="muted">{ format!(" \u{2014} {}", c.purpose) }</span></p>
                    }
                    <ul class="traffic">
                        { traffic_line("Now", &r.initial.traffic, &r.initial, has_services) }
                    </ul>
                </>
            }
        }
        Some(pass) => html! {
            <>
                <p class="decision"><span class="muted">{ "Decision: " }</span><code>{ pass.decision.clone() }</code></p>
                <p class="narration-text">{ pass.narration.clone() }</p>
                if !pass.events.is_empty() {
                    <div class="events">
                        <span class="events-title">{ "Events" }</span>
                        <ul>
                            { for pass.events.iter().map(|e| html! { <li><code>{ e.clone() }</code></li> }) }
                        </ul>
                    </div>
                }
                <ul class="traffic" data-testid="rollout-traffic">
                    { traffic_line("Right after the pass", &pass.after.traffic, &pass.after, has_services) }
                    { traffic_line("Once settled", &pass.settled.traffic, &pass.settled, has_services) }
                </ul>
                <p class="timing muted">
                    { format!("This pass takes about {}; {} since the change.", duration(pass.seconds), duration(elapsed)) }
                </p>
            </>
        },
    };
    let outcome = (step == last).then(|| outcome(r));
    html! {
        <div class="narration" data-testid="rollout-narration">
            { body }
            { outcome.unwrap_or_default() }
            <details class="commands" open=true>
                <summary>{ "kubectl commands" }</summary>
                <ul>
                    { for r.commands.iter().map(|c| html! {
                        <li><code>{ c.command.clone() }</code><span class="muted">{ format!(" \u{2014} {}", c.purpose) }</span></li>
                    }) }
                </ul>
            </details>
        </div>
    }
}

/// How the rollout ends: complete, or stuck with its condition.
fn outcome(r: &Rollout) -> Html {
    let c = &r.condition;
    let condition = format!("{}={} {}", c.type_, c.status, c.reason);
    if r.complete {
        return html! {
            <div class="outcome outcome-ok" data-testid="rollout-outcome">
                <p><strong>{ "Rollout complete." }</strong>{ " " }<code>{ condition }</code></p>
                <p class="muted">{ c.message.clone() }</p>
            </div>
        };
    }
    let deadline = r
        .progress_deadline_seconds
        .map(|s| {
            format!(
                "After progressDeadlineSeconds ({}) without progress: ",
                duration(s)
            )
        })
        .unwrap_or_default();
    html! {
        <div class="outcome outcome-stuck" data-testid="rollout-outcome" role="status">
            <p><strong>{ "Stuck." }</strong>{ " " }{ r.stall.clone().unwrap_or_default() }</p>
            <p>{ deadline }<code>{ condition }</code></p>
            <p class="muted">{ c.message.clone() }</p>
            if r.kind == WorkloadKind::Deployment {
                <p>{ "Nothing rolls back by itself: the condition is only a signal. Fix the image or run " }<code>{ "kubectl rollout undo" }</code>{ "." }</p>
            }
        </div>
    }
}
