//! What to roll out: the workload and the new image tag.

use crate::shared::Shared;
use manifesto_core::rollout::{Simulatable, Strategy, WorkloadKind};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props of [`Picker`].
#[derive(Properties, PartialEq)]
pub struct PickerProps {
    /// The workloads that roll out.
    pub workloads: Shared<Vec<Simulatable>>,
    /// The workload shown.
    pub selected: Option<AttrValue>,
    /// The new image tag.
    pub tag: AttrValue,
    /// Another workload was picked (its id).
    pub on_pick: Callback<String>,
    /// The tag was edited.
    pub on_tag: Callback<String>,
}

/// `Deployment feastflow-backend (RollingUpdate, 2 replicas)`.
fn describe(w: &Simulatable) -> String {
    let pods = match (w.kind, w.replicas) {
        (WorkloadKind::DaemonSet, _) | (_, None) => "one pod per node".to_owned(),
        (_, Some(1)) => "1 replica".to_owned(),
        (_, Some(n)) => format!("{n} replicas"),
    };
    let strategy = match w.strategy {
        Strategy::RollingUpdate => "RollingUpdate",
        Strategy::Recreate => "Recreate",
        Strategy::OnDelete => "OnDelete",
    };
    format!("{} {} ({strategy}, {pods})", w.kind.as_str(), w.id.name())
}

/// The workload `<select>` and the tag input.
#[component]
pub fn Picker(props: &PickerProps) -> Html {
    let onchange = {
        let on_pick = props.on_pick.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                on_pick.emit(select.value());
            }
        })
    };
    let oninput = {
        let on_tag = props.on_tag.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                on_tag.emit(input.value());
            }
        })
    };
    let selected = props.selected.clone().unwrap_or_default();
    html! {
        <div class="rollout-picker">
            <label class="control">
                <span class="control-label">{ "Workload" }</span>
                <select data-testid="rollout-workload" {onchange} disabled={props.workloads.is_empty()}>
                    { for props.workloads.iter().map(|w| {
                        let id = w.id.as_str().to_owned();
                        let is_selected = id == selected.as_str();
                        html! {
                            <option key={id.clone()} value={id.clone()} selected={is_selected} title={id.clone()}>
                                { describe(w) }
                            </option>
                        }
                    }) }
                </select>
            </label>
            <label class="control">
                <span class="control-label">{ "New image tag" }</span>
                <input
                    class="rollout-tag"
                    data-testid="rollout-tag"
                    type="text"
                    size="10"
                    spellcheck="false"
                    autocomplete="off"
                    value={props.tag.clone()}
                    {oninput}
                />
            </label>
        </div>
    }
}
