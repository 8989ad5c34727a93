//! Pods as tiles, coloured by revision, each with its phase as a shape and a word; grouped by
//! ReplicaSet (Deployments), by ordinal (StatefulSets) or by node (DaemonSets).

use crate::shared::Shared;
use manifesto_core::rollout::{Phase, PodTile, Rollout, State, Traffic, WorkloadKind};
use yew::prelude::*;

/// The phase in words, as `kubectl get pods` would suggest it.
pub fn phase_label(phase: Phase) -> &'static str {
    match phase {
        Phase::Pending => "Pending",
        Phase::ContainerCreating => "ContainerCreating",
        Phase::RunningNotReady => "Running, not ready",
        Phase::Ready => "Ready",
        Phase::Available => "Available",
        Phase::Terminating => "Terminating",
    }
}

/// The phase as a CSS class suffix.
fn phase_key(phase: Phase) -> &'static str {
    match phase {
        Phase::Pending => "pending",
        Phase::ContainerCreating => "creating",
        Phase::RunningNotReady => "not-ready",
        Phase::Ready => "ready",
        Phase::Available => "available",
        Phase::Terminating => "terminating",
    }
}

/// A small shape per phase, so the phase never rests on colour alone.
pub fn phase_icon(phase: Phase) -> Html {
    let shape = match phase {
        Phase::Pending => html! {
            <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="1.5" stroke-dasharray="2.4 2" />
        },
        Phase::ContainerCreating => html! {
            <>
                <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="1.5" />
                <path d="M8 2 A6 6 0 0 1 8 14 Z" fill="currentColor" />
            </>
        },
        Phase::RunningNotReady => html! {
            <>
                <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="1.5" />
                <path d="M8 4.5 V9" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
                <circle cx="8" cy="11.4" r="1" fill="currentColor" />
            </>
        },
        Phase::Ready => html! {
            <circle cx="8" cy="8" r="6.5" fill="currentColor" />
        },
        Phase::Available => html! {
            <>
                <circle cx="8" cy="8" r="6.5" fill="currentColor" />
                <path d="M5 8.3 L7.1 10.4 L11.2 6" fill="none" stroke="var(--pod-check, #fff)" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
            </>
        },
        Phase::Terminating => html! {
            <>
                <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="1.5" />
                <path d="M5.6 5.6 L10.4 10.4 M10.4 5.6 L5.6 10.4" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
            </>
        },
    };
    html! {
        <svg class="pod-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            { shape }
        </svg>
    }
}

/// The part of a pod name worth showing on a small tile: the random suffix of a ReplicaSet's
/// (or ReplicationController's) pod, the whole name otherwise.
fn short_name(pod: &PodTile, kind: WorkloadKind) -> String {
    match kind {
        WorkloadKind::Deployment | WorkloadKind::DeploymentConfig => pod
            .name
            .strip_prefix(&pod.revision)
            .map(|s| s.trim_start_matches('-'))
            .filter(|s| !s.is_empty())
            .unwrap_or(&pod.name)
            .to_owned(),
        _ => pod.name.clone(),
    }
}

/// Whether the Services send this pod traffic.
fn serves(pod: &PodTile, traffic: &Traffic) -> bool {
    pod.phase.receives_traffic() && traffic.pods.contains(&pod.name)
}

/// One tile.
fn tile(pod: &PodTile, kind: WorkloadKind, traffic: &Traffic, revisions: (u32, u32)) -> Html {
    let version = if pod.updated { "new" } else { "old" };
    let revision = if pod.updated {
        revisions.1
    } else {
        revisions.0
    };
    let serving = serves(pod, traffic);
    let title = format!(
        "{} \u{2014} {} version (revision {revision}), {}{}",
        pod.name,
        version,
        phase_label(pod.phase),
        if serving { ", receives traffic" } else { "" }
    );
    html! {
        <li
            key={format!("{}/{}", pod.revision, pod.name)}
            class={classes!("pod", format!("pod-{version}"), format!("phase-{}", phase_key(pod.phase)), serving.then_some("serving"))}
            data-testid="rollout-pod"
            data-pod={pod.name.clone()}
            data-phase={format!("{:?}", pod.phase)}
            data-updated={pod.updated.to_string()}
            title={title}
        >
            <span class="pod-head">
                { phase_icon(pod.phase) }
                <span class="pod-version">{ format!("{version} \u{b7} r{revision}") }</span>
                if serving {
                    <span class="pod-traffic" aria-label="receives traffic">{ "\u{21c4}" }</span>
                }
            </span>
            <span class="pod-name">{ short_name(pod, kind) }</span>
            <span class="pod-phase">{ phase_label(pod.phase) }</span>
        </li>
    }
}

/// Props of [`PodTiles`].
#[derive(Properties, PartialEq)]
pub struct PodTilesProps {
    /// The rollout.
    pub rollout: Shared<Rollout>,
    /// The moment shown.
    pub state: Shared<State>,
}

/// The pods of one moment.
#[component]
pub fn PodTiles(props: &PodTilesProps) -> Html {
    let rollout = &props.rollout;
    let state = &props.state;
    let kind = rollout.kind;
    if state.pods.is_empty() && state.total() > 0 {
        return html! {
            <p class="pods-too-many">
                { format!("{} pods: too many to draw one by one; the counts and the chart show them.", state.total()) }
            </p>
        };
    }
    let tiles = |pods: &mut dyn Iterator<Item = &PodTile>| -> Html {
        let tiles: Vec<Html> = pods
            .map(|p| tile(p, kind, &state.traffic, rollout.revisions))
            .collect();
        if tiles.is_empty() {
            html! { <p class="pods-none">{ "no pods" }</p> }
        } else {
            html! { <ul class="pod-list">{ for tiles }</ul> }
        }
    };
    let groups = match kind {
        WorkloadKind::Deployment | WorkloadKind::DeploymentConfig => {
            let mut names = vec![rollout.old_rs_name.clone(), rollout.new_rs_name.clone()];
            for pod in &state.pods {
                if !names.contains(&pod.revision) {
                    names.push(pod.revision.clone());
                }
            }
            names.dedup();
            names
                .iter()
                .map(|name| {
                    let is_new = *name == rollout.new_rs_name;
                    let (version, revision, image, spec, available) = if is_new {
                        ("new", rollout.revisions.1, rollout.new_image.clone(), state.new_total, state.new_ready)
                    } else {
                        ("old", rollout.revisions.0, rollout.old_image.clone(), state.old_total, state.old_ready)
                    };
                    html! {
                        <div key={name.clone()} class={classes!("pod-group", format!("group-{version}"))} data-replicaset={name.clone()}>
                            <div class="group-head">
                                <span class="group-swatch" aria-hidden="true"></span>
                                <span class="group-title">{ format!("{version} ReplicaSet") }</span>
                                <code class="group-name">{ name.clone() }</code>
                                <span class="group-meta">
                                    { format!("revision {revision}") }
                                    if let Some(image) = image {
                                        { " \u{b7} " }<code>{ image }</code>
                                    }
                                </span>
                                <span class="group-count">{ format!("spec.replicas {spec} \u{b7} {available} available") }</span>
                            </div>
                            { tiles(&mut state.pods.iter().filter(|p| p.revision == *name)) }
                        </div>
                    }
                })
                .collect::<Html>()
        }
        WorkloadKind::StatefulSet => html! {
            <div class="pod-group group-ordinals">
                <div class="group-head">
                    <span class="group-title">{ "Pods by ordinal" }</span>
                    <span class="group-meta">
                        { format!("replaced from the highest ordinal down{}", rollout.partition.filter(|p| *p > 0).map(|p| format!(", down to the partition {p}")).unwrap_or_default()) }
                    </span>
                </div>
                { tiles(&mut state.pods.iter()) }
            </div>
        },
        WorkloadKind::DaemonSet => {
            // Every node from the start, so a node whose pod is being replaced keeps its place.
            let mut nodes: Vec<String> = Vec::new();
            for pod in rollout.initial.pods.iter().chain(&state.pods) {
                let node = pod.node.clone().unwrap_or_default();
                if !nodes.contains(&node) {
                    nodes.push(node);
                }
            }
            html! {
                <div class="pod-nodes">
                    { for nodes.iter().map(|node| html! {
                        <div key={node.clone()} class="pod-group group-node" data-node={node.clone()}>
                            <div class="group-head"><span class="group-title">{ node.clone() }</span></div>
                            { tiles(&mut state.pods.iter().filter(|p| p.node.as_deref().unwrap_or_default() == node)) }
                        </div>
                    }) }
                </div>
            }
        }
    };
    html! {
        <div class={classes!("pods", format!("pods-{}", kind.as_str().to_lowercase()))}>
            { groups }
            <PhaseLegend />
        </div>
    }
}

/// What each shape means.
#[component]
fn PhaseLegend() -> Html {
    const PHASES: [Phase; 6] = [
        Phase::Pending,
        Phase::ContainerCreating,
        Phase::RunningNotReady,
        Phase::Ready,
        Phase::Available,
        Phase::Terminating,
    ];
    html! {
        <ul class="phase-legend" aria-label="Pod phases">
            { for PHASES.iter().map(|&p| html! {
                <li class={format!("phase-{}", phase_key(p))}>{ phase_icon(p) }{ phase_label(p) }</li>
            }) }
            <li class="legend-traffic"><span aria-hidden="true">{ "\u{21c4}" }</span>{ "receives traffic" }</li>
        </ul>
    }
}
