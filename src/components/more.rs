//! Long lists drawn a page at a time: the first rows, then "Show more" and "Show all".
//!
//! A review of a thousand objects holds thousands of findings; drawing every one at once keeps
//! the page busy for seconds. Lists and tables show [`FIRST_ROWS`] rows and grow on request.

use yew::prelude::*;

use crate::text::plural;

/// The rows a long list draws at first, and adds with each "Show more".
pub const FIRST_ROWS: usize = 200;

/// How many rows a list shows: starts at `step`, grows by `step` or to everything on request.
/// Returns the current limit and the callback the [`ShowMore`] buttons call with a new one.
#[hook]
pub fn use_row_limit(step: usize) -> (usize, Callback<usize>) {
    let limit = use_state_eq(|| step);
    let set = {
        let limit = limit.clone();
        Callback::from(move |next: usize| limit.set(next))
    };
    (*limit, set)
}

/// Props of [`ShowMore`].
#[derive(Properties, PartialEq)]
pub struct ShowMoreProps {
    /// The rows drawn now.
    pub shown: usize,
    /// The rows there are.
    pub total: usize,
    /// The rows "Show more" adds.
    pub step: usize,
    /// What a row is, singular (`finding`); the plural adds an `s`.
    pub noun: AttrValue,
    /// Called with the new number of rows to draw.
    pub on_show: Callback<usize>,
}

/// "Showing 200 of 5,600 findings" with "Show 200 more" and "Show all": nothing when every row
/// is drawn.
#[component]
pub fn ShowMore(props: &ShowMoreProps) -> Html {
    let &ShowMoreProps {
        shown, total, step, ..
    } = props;
    if shown >= total {
        return Html::default();
    }
    let more = (total - shown).min(step);
    let show = |to: usize| {
        let on_show = props.on_show.clone();
        Callback::from(move |_: MouseEvent| on_show.emit(to))
    };
    html! {
        <div class="show-more" data-testid="show-more" data-shown={shown.to_string()} data-total={total.to_string()}>
            <span class="show-more-count">
                { format!("Showing {shown} of {}.", plural(total, &props.noun)) }
            </span>
            <button type="button" class="link-button" onclick={show(shown + more)}>
                { format!("Show {more} more") }
            </button>
            if shown + more < total {
                <button type="button" class="link-button" onclick={show(total)}>
                    { format!("Show all {total}") }
                </button>
            }
        </div>
    }
}
