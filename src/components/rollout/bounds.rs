//! The two bounds a rolling update keeps: at most `replicas + maxSurge` pods, at least
//! `replicas − maxUnavailable` available, drawn as slots with the limits marked.

use crate::shared::Shared;
use manifesto_core::rollout::{Phase, Rollout, State, Strategy};
use yew::prelude::*;

/// Beyond this many slots the rows become plain bars.
const MAX_SLOTS: u32 = 30;

/// Props of [`Bounds`].
#[derive(Properties, PartialEq)]
pub struct BoundsProps {
    /// The rollout.
    pub rollout: Shared<Rollout>,
    /// The moment shown.
    pub state: Shared<State>,
}

/// What fills a slot.
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    Old,
    New,
    Terminating,
    Empty,
}

impl Slot {
    fn class(self) -> &'static str {
        match self {
            Slot::Old => "slot slot-old",
            Slot::New => "slot slot-new",
            Slot::Terminating => "slot slot-terminating",
            Slot::Empty => "slot",
        }
    }
}

/// One row: slots (or a bar), the limit marked, the numbers in words.
fn row(
    label: &str,
    fill: &[(Slot, u32)],
    scale: u32,
    limit: u32,
    limit_text: String,
    ok: bool,
) -> Html {
    let filled: u32 = fill.iter().map(|(_, n)| n).sum();
    let marker = format!(
        "left: calc({:.4}% - 1px)",
        100.0 * f64::from(limit) / f64::from(scale)
    );
    let body = if scale <= MAX_SLOTS {
        let mut slots: Vec<Html> = Vec::new();
        for (kind, n) in fill {
            for _ in 0..*n {
                slots.push(html! { <span class={kind.class()}></span> });
            }
        }
        for i in filled..scale {
            let beyond = i >= limit;
            slots.push(html! { <span class={classes!(Slot::Empty.class(), beyond.then_some("slot-beyond"))}></span> });
        }
        html! {
            <div class="slots" style={format!("grid-template-columns: repeat({scale}, minmax(0, 1fr))")}>
                { for slots }
            </div>
        }
    } else {
        html! {
            <div class="bar">
                { for fill.iter().map(|(kind, n)| html! {
                    <span class={kind.class()} style={format!("width: {:.4}%", 100.0 * f64::from(*n) / f64::from(scale))}></span>
                }) }
            </div>
        }
    };
    html! {
        <div class={classes!("bound", (!ok).then_some("bound-broken"))}>
            <span class="bound-label">{ label.to_owned() }</span>
            <div class="bound-track">
                { body }
                <span class="bound-marker" style={marker} aria-hidden="true"></span>
            </div>
            <span class="bound-text">{ limit_text }</span>
        </div>
    }
}

/// The bounds at one moment.
#[component]
pub fn Bounds(props: &BoundsProps) -> Html {
    let r = &props.rollout;
    let s = &props.state;
    let terminating = s
        .pods
        .iter()
        .filter(|p| p.phase == Phase::Terminating)
        .count() as u32;
    // The scale fits every moment of the rollout, so it does not jump between steps.
    let widest = r
        .states()
        .map(|st| {
            st.total()
                + st.pods
                    .iter()
                    .filter(|p| p.phase == Phase::Terminating)
                    .count() as u32
        })
        .max()
        .unwrap_or(0);
    let scale = r.max_total.max(widest).max(r.replicas).max(1);
    let counted = match r.kind.pod_set_kind() {
        Some(set) => format!("pods ({set} specs)"),
        None => "pods".to_owned(),
    };
    let surge = if r.max_surge > 0 {
        format!(" = {} + maxSurge {}", r.replicas, r.max_surge)
    } else {
        " (no surge)".to_owned()
    };
    let pods_text = format!(
        "{} {counted}{} \u{2014} at most {}{surge}",
        s.total(),
        if terminating > 0 {
            format!(", {terminating} terminating (not counted)")
        } else {
            String::new()
        },
        r.max_total
    );
    let available_text = if r.strategy == Strategy::Recreate {
        format!(
            "{} available \u{2014} Recreate keeps no minimum: every old pod goes first",
            s.available()
        )
    } else {
        format!(
            "{} available \u{2014} at least {} = {} \u{2212} maxUnavailable {}",
            s.available(),
            r.min_available,
            r.replicas,
            r.max_unavailable
        )
    };
    html! {
        <div class="bounds" data-testid="rollout-bounds" data-min-available={r.min_available.to_string()} data-max-total={r.max_total.to_string()}>
            { row(
                "Pods",
                &[(Slot::Old, s.old_total), (Slot::New, s.new_total), (Slot::Terminating, terminating)],
                scale,
                r.max_total,
                pods_text,
                s.total() <= r.max_total,
            ) }
            { row(
                "Available",
                &[(Slot::Old, s.old_ready), (Slot::New, s.new_ready)],
                scale,
                r.min_available,
                available_text,
                s.available() >= r.min_available,
            ) }
        </div>
    }
}
