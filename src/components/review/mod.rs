//! The best-practice review view (a placeholder until the view lands).

use yew::prelude::*;

use crate::state::AppContext;

/// The best-practice review of the loaded objects.
#[component]
pub fn ReviewView() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let objects = state.model.objects.len();
    html! {
        <section class="placeholder-view" data-view="review" aria-label="The best-practice review">
            <p>{ "The best-practice review view is coming." }</p>
            <p class="note">{ format!("It will cover the {objects} objects loaded now.") }</p>
        </section>
    }
}
