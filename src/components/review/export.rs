//! Downloading the review as Markdown, JSON or SARIF. The file is made in the page (a `blob:` URL
//! and an `<a download>`); nothing goes over the network.

use strum::VariantArray;

use gloo::timers::callback::Timeout;
use js_sys::Array;
use manifesto_core::report::Review;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};
use yew::prelude::*;

use crate::shared::Shared;

use crate::state::{Action, AppContext, Notice};

/// One export format, in the order the buttons show them (`Format::VARIANTS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
enum Format {
    Markdown,
    Json,
    Sarif,
}

impl Format {
    fn key(self) -> &'static str {
        self.into()
    }

    fn label(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Json => "JSON",
            Format::Sarif => "SARIF",
        }
    }

    fn file_name(self) -> &'static str {
        match self {
            Format::Markdown => "manifesto-review.md",
            Format::Json => "manifesto-review.json",
            Format::Sarif => "manifesto-review.sarif",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::Json => "application/json",
            Format::Sarif => "application/sarif+json",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Format::Markdown => "The review as Markdown, to paste into a pull request",
            Format::Json => "Everything the review holds, as JSON",
            Format::Sarif => "The findings as SARIF 2.1.0, for code-scanning tools",
        }
    }

    fn render(self, review: &Review) -> String {
        match self {
            Format::Markdown => review.to_markdown(),
            Format::Json => review.to_json(),
            Format::Sarif => review.to_sarif(),
        }
    }
}

/// Offers `text` as a download named `name`.
pub(crate) fn download(text: &str, name: &str, mime: &str) -> Result<(), JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        Blob::new_with_str_sequence_and_options(&Array::of1(&JsValue::from_str(text)), &options)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    body.append_child(&anchor)?;
    anchor.click();
    body.remove_child(&anchor)?;
    // The browser reads the blob after the click returns; free it a little later.
    Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Props of [`ExportButtons`].
#[derive(Properties, PartialEq)]
pub struct ExportButtonsProps {
    /// The review.
    pub review: Shared<Review>,
}

/// The download buttons.
#[component]
pub fn ExportButtons(props: &ExportButtonsProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let buttons: Html = Format::VARIANTS
        .iter()
        .copied()
        .map(|format| {
            let onclick = {
                let review = props.review.clone();
                let state = state.clone();
                Callback::from(move |_: MouseEvent| {
                    let text = format.render(&review);
                    if download(&text, format.file_name(), format.mime()).is_err() {
                        state.dispatch(Action::Notify(Notice {
                            level: "warning",
                            text: format!(
                                "The {} export could not be downloaded in this browser.",
                                format.label()
                            ),
                        }));
                    }
                })
            };
            html! {
                <button
                    type="button"
                    class="button"
                    data-testid={format!("export-{}", format.key())}
                    title={format!("{} ({})", format.hint(), format.file_name())}
                    {onclick}
                >
                    { format.label() }
                </button>
            }
        })
        .collect();
    html! {
        <div class="rv-export" role="group" aria-label="Download the review">
            <span class="note">{ "Download" }</span>
            { buttons }
        </div>
    }
}
