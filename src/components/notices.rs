//! Messages at the top of the page: the "Undo" banner and notices (storage, skipped files).

use yew::prelude::*;

use crate::state::{Action, AppContext};

/// The undo banner and the notices, each dismissible.
#[component]
pub fn Notices() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let undo = state.undo.as_ref().map(|undo| {
        let on_undo = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::Undo))
        };
        let on_dismiss = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::DismissUndo))
        };
        html! {
            <div class="notice notice-info" data-testid="undo-banner">
                <span>{ format!("{}.", undo.message) }</span>
                <button type="button" class="button button-primary" data-testid="undo" onclick={on_undo}>{ "Undo" }</button>
                <button type="button" class="icon-button" aria-label="Dismiss" onclick={on_dismiss}>{ "\u{d7}" }</button>
            </div>
        }
    });
    html! {
        <div class="notices" role="status" aria-live="polite">
            { for undo }
            { for state.notices.iter().enumerate().map(|(index, notice)| {
                let on_dismiss = {
                    let state = state.clone();
                    Callback::from(move |_: MouseEvent| state.dispatch(Action::DismissNotice(index)))
                };
                html! {
                    <div class={classes!("notice", format!("notice-{}", notice.level))} data-testid="notice" data-level={notice.level}>
                        <span>{ &notice.text }</span>
                        <button type="button" class="icon-button" aria-label="Dismiss" onclick={on_dismiss}>{ "\u{d7}" }</button>
                    </div>
                }
            }) }
        </div>
    }
}
