//! The "Objects" view: the object list and the details of the selected object.

use yew::prelude::*;

use super::object_details::ObjectDetails;
use super::object_list::ObjectList;
use crate::state::AppContext;

/// The object list beside the selected object's details.
#[component]
pub fn ObjectsView() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let selected = state
        .selected
        .as_ref()
        .map(|id| AttrValue::from(id.as_str().to_owned()));
    html! {
        <div class="objects-view">
            <ObjectList />
            if let Some(id) = selected {
                <ObjectDetails key={id.to_string()} id={id.clone()} />
            }
        </div>
    }
}
