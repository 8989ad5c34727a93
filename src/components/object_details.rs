//! Details of the selected object: where it is, its labels and, for ConfigMaps and Secrets,
//! its keys. Secret values stay masked until the user reveals one.

use std::collections::BTreeSet;

use manifesto_core::Object;
use manifesto_core::model::LAST_APPLIED;
use serde_json::Value;
use yew::prelude::*;

use crate::state::{Action, AppContext};
use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use manifesto_core::checks::deprecated_api_replacement;

use crate::text::masked;

/// Values longer than this are cut in the details.
const MAX_VALUE_CHARS: usize = 400;

/// Props of [`ObjectDetails`].
#[derive(Properties, PartialEq)]
pub struct ObjectDetailsProps {
    /// The object's id as text.
    pub id: AttrValue,
}

/// The details panel of one object (keyed by its id, so revealed values are forgotten when the
/// selection changes).
#[component]
pub fn ObjectDetails(props: &ObjectDetailsProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let revealed = use_state(BTreeSet::<String>::new);
    let Some(object) = state.model.get_str(&props.id) else {
        return html! {};
    };
    let (first, last) = object.line_range();
    // kubectl's last-applied-configuration repeats a Secret's data in clear.
    let annotations: Vec<(&String, String)> = object
        .annotations()
        .iter()
        .map(|(k, v)| {
            let hide = object.kind == "Secret" && k == LAST_APPLIED;
            (k, if hide { masked(v, 12) } else { v.clone() })
        })
        .collect();

    let on_show = {
        let state = state.clone();
        let id = object.id.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Reveal(id.clone())))
    };
    let on_close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Select(None)))
    };

    html! {
        <section class="details" aria-labelledby="details-title" data-testid="object-details">
            <div class="details-head">
                <h3 id="details-title">
                    <span class="object-kind">{ &object.kind }</span>{ " " }{ &object.name }
                </h3>
                <button type="button" class="icon-button" aria-label="Close the details" onclick={on_close}>{ "\u{d7}" }</button>
            </div>
            <dl class="facts">
                <dt>{ "apiVersion" }</dt>
                <dd>
                    <code>{ &object.api_version }</code>
                    if let Some(replacement) = deprecated_api_replacement(&object.api_version, &object.kind) {
                        { " " }<span class="badge badge-warning" title={format!("use {replacement}")}>{ "deprecated" }</span>
                    }
                </dd>
                <dt>{ "Namespace" }</dt>
                <dd>{ object.namespace.clone().unwrap_or_else(|| "(cluster-scoped)".into()) }</dd>
                <dt>{ "Source" }</dt>
                <dd>
                    <button type="button" class="link-button" onclick={on_show}>
                        { format!("{} lines {first}\u{2013}{last}", object.file) }
                    </button>
                </dd>
            </dl>
            { map_section("Labels", object.labels().iter()) }
            { map_section("Annotations", annotations.iter().map(|(k, v)| (*k, v))) }
            if object.kind == "ConfigMap" {
                { config_data(object) }
            }
            if object.kind == "Secret" {
                { secret_data(object, &revealed) }
            }
        </section>
    }
}

fn map_section<'a>(title: &str, entries: impl Iterator<Item = (&'a String, &'a String)>) -> Html {
    let entries: Vec<_> = entries.collect();
    if entries.is_empty() {
        return html! {};
    }
    html! {
        <>
            <h4>{ title }</h4>
            <ul class="pairs">
                { for entries.into_iter().map(|(k, v)| html! {
                    <li><code class="key">{ k }</code>{ " = " }<code>{ cut(v) }</code></li>
                }) }
            </ul>
        </>
    }
}

fn cut(value: &str) -> String {
    if value.chars().count() > MAX_VALUE_CHARS {
        let mut cut: String = value.chars().take(MAX_VALUE_CHARS).collect();
        cut.push('\u{2026}');
        cut
    } else {
        value.to_owned()
    }
}

fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn config_data(object: &Object) -> Html {
    let mut sections = Vec::new();
    for field in ["data", "binaryData"] {
        let Some(map) = object.raw.get(field).and_then(Value::as_object) else {
            continue;
        };
        sections.push(html! {
            <>
                <h4>{ field }<span class="count">{ map.len() }</span></h4>
                <ul class="pairs">
                    { for map.iter().map(|(k, v)| html! {
                        <li><code class="key">{ k }</code>{ " = " }<code class="value">{ cut(&as_text(v)) }</code></li>
                    }) }
                </ul>
            </>
        });
    }
    html! { <>{ for sections }</> }
}

/// A click that shows the Secret value of `slot`, or hides it again.
pub(crate) fn toggle_reveal(
    revealed: &UseStateHandle<BTreeSet<String>>,
    slot: &str,
) -> Callback<MouseEvent> {
    let (revealed, slot) = (revealed.clone(), slot.to_owned());
    Callback::from(move |_: MouseEvent| {
        let mut next = (*revealed).clone();
        if !next.remove(&slot) {
            next.insert(slot.clone());
        }
        revealed.set(next);
    })
}

fn secret_data(object: &Object, revealed: &UseStateHandle<BTreeSet<String>>) -> Html {
    let mut sections = Vec::new();
    for field in ["data", "stringData"] {
        let Some(map) = object.raw.get(field).and_then(Value::as_object) else {
            continue;
        };
        sections.push(html! {
            <>
                <h4>{ field }<span class="count">{ map.len() }</span></h4>
                <ul class="pairs secret-values">
                    { for map.iter().map(|(key, value)| {
                        let slot = format!("{field}.{key}");
                        let shown = revealed.contains(&slot);
                        let written = as_text(value);
                        let text = if !shown {
                            masked(&written, 12)
                        } else if field == "data" {
                            decoded(&written)
                        } else {
                            cut(&written)
                        };
                        let onclick = toggle_reveal(revealed, &slot);
                        html! {
                            <li>
                                <code class="key">{ key }</code>{ " = " }
                                <code
                                    class={classes!("value", (!shown).then_some("masked"))}
                                    data-testid="secret-value"
                                    data-key={key.clone()}
                                    data-revealed={shown.to_string()}
                                >{ text }</code>
                                <button
                                    type="button"
                                    class="reveal"
                                    data-testid="secret-reveal"
                                    aria-pressed={shown.to_string()}
                                    aria-label={format!("{} the value of {key}", if shown { "Hide" } else { "Reveal" })}
                                    {onclick}
                                >{ if shown { "Hide" } else { "Reveal" } }</button>
                            </li>
                        }
                    }) }
                </ul>
            </>
        });
    }
    if sections.is_empty() {
        return html! {};
    }
    html! {
        <>
            <p class="note">{ "Secret values are hidden; reveal one at a time. Values under data are shown base64-decoded." }</p>
            { for sections }
        </>
    }
}

/// Standard base64 as Secrets hold it, with or without padding.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A `data` value decoded from base64 when it is text, else described.
fn decoded(written: &str) -> String {
    let digits: String = written
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    match BASE64.decode(digits).ok() {
        Some(bytes) => match String::from_utf8(bytes) {
            Ok(text) => cut(&text),
            Err(err) => format!("(binary, {} bytes)", err.into_bytes().len()),
        },
        None => format!("{} (not valid base64)", cut(written)),
    }
}
