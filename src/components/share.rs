//! The "Share" button and its dialog: the whole workspace as a link, Secret values replaced by
//! placeholders unless the user chooses otherwise, and the single file when the link is too long.

use manifesto_core::share::MAX_LINK;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::share::{FRAGMENT, page_address};
use crate::state::{Action, AppContext, Notice};

/// The header button that opens the share dialog.
#[component]
pub fn ShareButton() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let open = use_state_eq(|| false);
    let redact = use_state_eq(|| true);
    let with_baseline = use_state_eq(|| true);
    let copied = use_state_eq(|| false);
    let url_ref = use_node_ref();
    let exporting = use_state_eq(|| false);

    let toggle = {
        let (open, copied) = (open.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            copied.set(false);
            open.set(!*open);
        })
    };
    let button = html! {
        <button type="button" class="button" data-testid="share" onclick={toggle.clone()}
            aria-expanded={open.to_string()} title="Share this workspace as a link">{ "Share" }</button>
    };
    if !*open {
        return button;
    }

    let secrets = state.has_secret_values();
    let has_baseline = state.baseline.is_some();
    let payload = state.share_payload(secrets && *redact, has_baseline && *with_baseline);
    let url = format!("{}{FRAGMENT}{payload}", page_address());
    let too_long = url.len() > MAX_LINK;

    let on_redact = on_checkbox(&redact, &copied);
    let on_baseline = on_checkbox(&with_baseline, &copied);
    let on_copy = {
        let (url, copied, url_ref, state) =
            (url.clone(), copied.clone(), url_ref.clone(), state.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = url_ref.cast::<HtmlInputElement>() {
                input.select();
            }
            let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
                return;
            };
            let (copied, state) = (copied.clone(), state.clone());
            let promise = clipboard.write_text(&url);
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(promise).await {
                    Ok(_) => copied.set(true),
                    Err(_) => state.dispatch(Action::Notify(Notice {
                        level: "warning",
                        text: "The browser did not allow copying: the link is selected, copy it with Ctrl+C.".into(),
                    })),
                }
            });
        })
    };
    let on_download = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            if crate::hooks::bundle::download(&state).is_err() {
                state.dispatch(Action::Notify(Notice {
                    level: "warning",
                    text: "The workspace could not be downloaded.".into(),
                }));
            }
        })
    };
    let on_export = {
        let (state, busy) = (state.clone(), exporting.clone());
        Callback::from(move |_: MouseEvent| {
            let (state, busy, payload) = (state.clone(), busy.clone(), payload.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(why) = crate::hooks::html_export::download(payload).await {
                    state.dispatch(Action::Notify(Notice {
                        level: "warning",
                        text: format!("The single HTML file could not be made: {why}."),
                    }));
                }
                busy.set(false);
            });
        })
    };
    let on_select = Callback::from(|e: FocusEvent| {
        if let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        {
            input.select();
        }
    });
    let on_key = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
            }
        })
    };

    html! {
        <>
            { button }
            <div class="share-dialog" role="dialog" aria-label="Share this workspace" data-testid="share-dialog" onkeydown={on_key}>
                <div class="share-head">
                    <h2>{ "Share this workspace" }</h2>
                    <button type="button" class="icon-button" onclick={toggle} aria-label="Close" title="Close (Esc)">{ "✕" }</button>
                </div>
                <p class="note">
                    { "The link holds the files, the view, the selection, the review settings and the open level with its progress. They travel in the part after #, which browsers never send to a server." }
                </p>
                if has_baseline {
                    <label class="check">
                        <input type="checkbox" data-testid="share-baseline" checked={*with_baseline} onchange={on_baseline} />
                        { " Include the Compare view's baseline" }
                    </label>
                }
                if secrets {
                    <div class="share-secrets" data-testid="share-secrets">
                        <p>{ "These files hold Secret values." }</p>
                        <label class="check">
                            <input type="checkbox" data-testid="share-redact" checked={*redact} onchange={on_redact} />
                            { " Replace them with placeholders in the link" }
                        </label>
                    </div>
                }
                <div class="share-link">
                    <input type="text" readonly=true data-testid="share-url" value={url.clone()}
                        ref={url_ref} aria-label="Share link" onfocus={on_select} />
                    <button type="button" class="button button-primary" data-testid="share-copy" onclick={on_copy}>
                        { if *copied { "Copied" } else { "Copy link" } }
                    </button>
                </div>
                <p class="note" data-testid="share-size">{ format!("{} characters", url.len()) }</p>
                if too_long {
                    <div class="share-too-long" data-testid="share-too-long">
                        <p>{ format!("This link is longer than {} KB: some browsers and chat tools cut such links. Hand out the workspace as a file instead.", MAX_LINK / 1024) }</p>
                        <button type="button" class="button" onclick={on_download}>{ "Download the workspace" }</button>
                    </div>
                }
                <div class="share-file">
                    <button type="button" class={classes!("button", too_long.then_some("button-primary"))} data-testid="export-html"
                        onclick={on_export} disabled={*exporting}
                        title="The app and this workspace in one .html file that opens with no network (placeholders as for the link)">
                        { if *exporting { "Preparing the file…" } else { "Download as one HTML file" } }
                    </button>
                    <span class="note">{ " runs offline, from a USB stick or a course page" }</span>
                </div>
            </div>
        </>
    }
}

/// A checkbox's change handler that sets `flag` to its state (the link changes, so it is no
/// longer the one copied).
fn on_checkbox(flag: &UseStateHandle<bool>, copied: &UseStateHandle<bool>) -> Callback<Event> {
    let (flag, copied) = (flag.clone(), copied.clone());
    Callback::from(move |e: Event| {
        if let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        {
            copied.set(false);
            flag.set(input.checked());
        }
    })
}
