//! The relationship graph view (a placeholder until the view lands).

use yew::prelude::*;

use crate::state::AppContext;

/// The relationship graph of the loaded objects.
#[component]
pub fn GraphView() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let objects = state.model.objects.len();
    html! {
        <section class="placeholder-view" data-view="graph" aria-label="The relationship graph">
            <p>{ "The relationship graph view is coming." }</p>
            <p class="note">{ format!("It will cover the {objects} objects loaded now.") }</p>
        </section>
    }
}
