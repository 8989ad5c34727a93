//! Old pods, new pods and available pods over the passes, with the bounds and the current step.

use crate::shared::Shared;
use manifesto_core::rollout::{Rollout, State};
use yew::prelude::*;

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 170.0;
const LEFT: f64 = 30.0;
const RIGHT: f64 = 112.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 24.0;

/// Props of [`Chart`].
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// The rollout.
    pub rollout: Shared<Rollout>,
    /// The step shown.
    pub step: usize,
}

/// Every moment with its x position: the initial state at 0, pass k right after at k − ½ and
/// settled at k.
fn moments(r: &Rollout) -> Vec<(f64, &State)> {
    let mut out = vec![(0.0, &r.initial)];
    for (i, pass) in r.passes.iter().enumerate() {
        let k = (i + 1) as f64;
        out.push((k - 0.5, &pass.after));
        out.push((k, &pass.settled));
    }
    out
}

/// The line chart.
#[component]
pub fn Chart(props: &ChartProps) -> Html {
    let r = &props.rollout;
    let passes = r.passes.len();
    if passes == 0 {
        return Html::default();
    }
    let points = moments(r);
    let ymax = f64::from(
        points
            .iter()
            .map(|(_, s)| s.total().max(s.available()))
            .max()
            .unwrap_or(0)
            .max(r.max_total)
            .max(1),
    );
    let x = |step: f64| LEFT + (WIDTH - LEFT - RIGHT) * step / passes as f64;
    let y = |v: u32| TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - f64::from(v) / ymax);
    let line = |value: &dyn Fn(&State) -> u32| -> String {
        points
            .iter()
            .map(|(step, s)| format!("{:.1},{:.1}", x(*step), y(value(s))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let old = line(&|s| s.old_total);
    let new = line(&|s| s.new_total);
    let available = line(&|s| s.available());
    let label_every = passes.div_ceil(12).max(1);
    let current = x(props.step as f64);
    let rule = |value: u32, text: String, class: &'static str| {
        html! {
            <g class={class}>
                <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={y(value).to_string()} y2={y(value).to_string()} />
                <text x={(WIDTH - RIGHT + 6.0).to_string()} y={(y(value) + 3.5).to_string()} text-anchor="start">{ text }</text>
            </g>
        }
    };
    let dots = |value: &dyn Fn(&State) -> u32, class: &'static str| -> Html {
        points
            .iter()
            .filter(|(step, _)| step.fract() == 0.0)
            .map(|(step, s)| {
                html! { <circle class={class} cx={format!("{:.1}", x(*step))} cy={format!("{:.1}", y(value(s)))} r="2.6" /> }
            })
            .collect()
    };
    let summary = format!(
        "Chart of old, new and available pods over {passes} passes; the current step is {}.",
        props.step
    );
    html! {
        <figure class="rollout-chart" data-testid="rollout-chart">
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
                if props.step > 0 {
                    <rect class="chart-current-band" x={format!("{:.1}", x(props.step as f64 - 1.0))} y={TOP.to_string()}
                        width={format!("{:.1}", current - x(props.step as f64 - 1.0))} height={(HEIGHT - TOP - BOTTOM).to_string()} />
                }
                <line class="chart-axis" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={(HEIGHT - BOTTOM).to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
                <line class="chart-axis" x1={LEFT.to_string()} x2={LEFT.to_string()} y1={TOP.to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
                { for (0..=ymax as u32).filter(|v| ymax <= 12.0 || v % (ymax as u32).div_ceil(6) == 0).map(|v| html! {
                    <text class="chart-tick" x={(LEFT - 6.0).to_string()} y={(y(v) + 3.5).to_string()} text-anchor="end">{ v }</text>
                }) }
                { for (0..=passes).filter(|k| k % label_every == 0 || *k == passes).map(|k| html! {
                    <text class="chart-tick" x={x(k as f64).to_string()} y={(HEIGHT - BOTTOM + 15.0).to_string()} text-anchor="middle">{ k }</text>
                }) }
                { rule(r.max_total, format!("at most {}", r.max_total), "chart-rule chart-max") }
                if r.min_available > 0 && r.min_available != r.max_total {
                    { rule(r.min_available, format!("at least {} available", r.min_available), "chart-rule chart-min") }
                }
                <polyline class="chart-line chart-old" points={old} />
                <polyline class="chart-line chart-new" points={new} />
                <polyline class="chart-line chart-available" points={available} />
                { dots(&|s| s.old_total, "chart-dot chart-old") }
                { dots(&|s| s.new_total, "chart-dot chart-new") }
                <line class="chart-current" x1={format!("{current:.1}")} x2={format!("{current:.1}")} y1={(TOP - 4.0).to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
            </svg>
            <figcaption class="chart-legend">
                <span class="legend-old">{ "old pods" }</span>
                <span class="legend-new">{ "new pods" }</span>
                <span class="legend-available">{ "available" }</span>
                <span class="legend-note">{ "x: pass (the half steps are the moments right after each pass); y: pods" }</span>
            </figcaption>
        </figure>
    }
}
