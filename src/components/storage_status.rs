//! Whether the files are kept in this browser: a hidden status for assistive technology and
//! tests, and a warning with a "Download workspace" button when saving failed.

use yew::prelude::*;

use crate::hooks::bundle;
use crate::hooks::storage::SaveStatus;
use crate::state::{Action, AppContext, Notice};

/// Props of [`StorageStatus`].
#[derive(Properties, PartialEq)]
pub struct StorageStatusProps {
    /// How the last save went.
    pub status: SaveStatus,
}

/// The save status, and the warning when the files are only in memory.
#[component]
pub fn StorageStatus(props: &StorageStatusProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let (key, label) = match &props.status {
        SaveStatus::Saved => ("saved", "Your files are saved in this browser."),
        SaveStatus::Saving => ("saving", "Saving your files in this browser\u{2026}"),
        SaveStatus::Failed(_) => ("failed", "Your files are not saved."),
    };
    let status = html! {
        <p class="visually-hidden" data-testid="save-status" data-state={key}>{ label }</p>
    };
    let SaveStatus::Failed(why) = &props.status else {
        return status;
    };
    let on_download = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            if bundle::download(&state).is_err() {
                state.dispatch(Action::Notify(Notice {
                    level: "warning",
                    text: "The workspace could not be downloaded in this browser.".into(),
                }));
            }
        })
    };
    html! {
        <>
            { status }
            <div class="notice notice-warning storage-problem" role="alert" data-testid="notice" data-level="warning" data-kind="storage">
                <span>{ format!(
                    "Your files cannot be kept in this browser ({why}). They are still here in this page until you close it: download them to keep them, and upload the file later to get them back."
                ) }</span>
                <button type="button" class="button button-primary" data-testid="download-workspace" onclick={on_download}>
                    { "Download workspace" }
                </button>
            </div>
        </>
    }
}
