//! Long lists drawn a page at a time: the first rows, then "Show more" and "Show all".
//!
//! A review of a thousand objects holds thousands of findings; drawing every one at once keeps
//! the page busy for seconds. Lists and tables show [`FIRST_ROWS`] rows and grow on request.

use yew::prelude::*;

use crate::text::plural;

/// The rows a long list draws at first, and adds with each "Show more": a few screens' worth.
/// (At 200, the scores table and the findings list of 1,100 objects made the page's task that
/// shows a new review, and the layout after it, about 100 ms longer.)
pub const FIRST_ROWS: usize = 50;

/// How many of `total` rows a list shows: starts at `step`, grows by `step` or to everything on
/// request. Returns the rows to draw ([`rows_drawn`]) and the callback the [`ShowMore`] buttons
/// call with a new limit.
#[hook]
pub fn use_row_limit(step: usize, total: usize) -> (usize, Callback<usize>) {
    let limit = use_state_eq(|| step);
    let set = {
        let limit = limit.clone();
        Callback::from(move |next: usize| limit.set(next))
    };
    (rows_drawn(*limit, step, total), set)
}

/// The rows to draw of `total` under `limit`: all of them when fewer than half a `step` would be
/// left behind the buttons (a button for a handful of rows is more work than the rows).
pub fn rows_drawn(limit: usize, step: usize, total: usize) -> usize {
    if total <= limit + step / 2 {
        total
    } else {
        limit
    }
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

/// "Showing 50 of 5,600 findings" with "Show 50 more" and "Show all": nothing when every row
/// is drawn. "Show more" says how many rows it draws: a step, or the rest when fewer than half a
/// step would be left after it ([`rows_drawn`]).
#[component]
pub fn ShowMore(props: &ShowMoreProps) -> Html {
    let &ShowMoreProps {
        shown, total, step, ..
    } = props;
    if shown >= total {
        return Html::default();
    }
    let next = rows_drawn(shown + step, step, total);
    let more = next - shown;
    let show = |to: usize| {
        let on_show = props.on_show.clone();
        Callback::from(move |_: MouseEvent| on_show.emit(to))
    };
    html! {
        <div class="show-more" data-testid="show-more" data-shown={shown.to_string()} data-total={total.to_string()}>
            <span class="show-more-count">
                { format!("Showing {shown} of {}.", plural(total, &props.noun)) }
            </span>
            <button type="button" class="link-button" onclick={show(next)}>
                { format!("Show {more} more") }
            </button>
            if next < total {
                <button type="button" class="link-button" onclick={show(total)}>
                    { format!("Show all {total}") }
                </button>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::rows_drawn;

    #[test]
    fn a_list_hides_rows_only_when_at_least_half_a_step_would_be_hidden() {
        // The sample's 54 findings show whole; 5,600 show 50, then 100.
        assert_eq!(rows_drawn(50, 50, 54), 54);
        assert_eq!(rows_drawn(50, 50, 75), 75);
        assert_eq!(rows_drawn(50, 50, 76), 50);
        assert_eq!(rows_drawn(50, 50, 5_600), 50);
        assert_eq!(rows_drawn(100, 50, 5_600), 100);
        assert_eq!(rows_drawn(5_600, 50, 5_600), 5_600);
        assert_eq!(rows_drawn(50, 50, 0), 0);
    }
}
