//! The sample picker: loads a built-in sample over the current files (which "Undo" restores).

use manifesto_core::samples::Sample;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::state::{Action, AppContext};

/// A `<select>` of the built-in samples.
#[component]
pub fn SamplePicker() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(sample) = Sample::from_key(&select.value()) {
                state.dispatch(Action::LoadSample(sample));
            }
            // Back to the prompt, so the same sample can be loaded again.
            select.set_value("");
        })
    };
    html! {
        <label class="control">
            <span class="control-label">{ "Sample" }</span>
            <select data-testid="sample-picker" {onchange} title="Replace the files with a built-in sample">
                <option value="" selected=true disabled=true>{ "Load a sample\u{2026}" }</option>
                { for Sample::ALL.iter().map(|s| html! {
                    <option value={s.key()}>{ s.title() }</option>
                }) }
            </select>
        </label>
    }
}
