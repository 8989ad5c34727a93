//! The rolling-update simulator view (a placeholder until the view lands).

use yew::prelude::*;

use crate::state::AppContext;

/// The rolling-update simulator of the loaded objects.
#[component]
pub fn RolloutPanel() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let objects = state.model.objects.len();
    html! {
        <section class="placeholder-view" data-view="rollout" aria-label="The rolling-update simulator">
            <p>{ "The rolling-update simulator view is coming." }</p>
            <p class="note">{ format!("It will cover the {objects} objects loaded now.") }</p>
        </section>
    }
}
