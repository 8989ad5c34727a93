//! The review settings: every check on or off, grouped by category with what to do about each
//! category, and the targeted Kubernetes version. The app keeps them in `localStorage`.

use manifesto_core::checks::{self, Category};
use manifesto_core::report::Review;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::shared::Shared;

use super::findings::{category_title, severity_badge};
use super::markdown;
use crate::state::{Action, AppContext, Notice};

/// The oldest Kubernetes version offered.
const OLDEST_MINOR: u32 = 16;
/// The newest Kubernetes version the checks know (what "newest" means).
const NEWEST_MINOR: u32 = 37;

/// Props of [`SettingsPanel`].
#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    /// The review (for the findings counts).
    pub review: Shared<Review>,
    /// "Learn more" about a check.
    pub on_learn: Callback<&'static str>,
}

/// The settings panel.
#[component]
pub fn SettingsPanel(props: &SettingsPanelProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let filter = use_state(String::new);
    let settings = &state.settings;

    let on_version = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let version = value
                .split_once('.')
                .and_then(|(major, minor)| Some((major.parse().ok()?, minor.parse().ok()?)))
                .filter(|&v| v != (1, NEWEST_MINOR));
            state.dispatch(Action::SetTargetVersion(version));
        })
    };
    let target = settings.target_version.unwrap_or((1, NEWEST_MINOR));
    let versions: Html = (OLDEST_MINOR..=NEWEST_MINOR)
        .rev()
        .map(|minor| {
            let value = format!("1.{minor}");
            let label = if minor == NEWEST_MINOR {
                format!("{value} (newest)")
            } else {
                value.clone()
            };
            html! { <option value={value} selected={target == (1, minor)}>{ label }</option> }
        })
        .collect();

    let on_namespace = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            state.dispatch(Action::SetDefaultNamespace(Some(value)));
        })
    };
    let on_export = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let text = checks::config::to_config(&state.settings);
            if super::export::download(&text, "manifesto.yaml", "application/yaml").is_err() {
                state.dispatch(Action::Notify(Notice {
                    level: "warning",
                    text: "The settings could not be offered as a download.".to_owned(),
                }));
            }
        })
    };
    let import_reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let on_import = {
        let state = state.clone();
        let import_reader = import_reader.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let name = file.name();
            let state = state.clone();
            let file = gloo::file::File::from(file);
            let reader = gloo::file::callbacks::read_as_text(&file, move |text| {
                let outcome = text.map_err(|e| e.to_string()).and_then(|text| {
                    checks::config::parse_config(&name, &text).map_err(|diags| {
                        diags
                            .iter()
                            .map(|d| format!("{}: {}", d.location, d.message))
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
                });
                match outcome {
                    Ok(settings) => state.dispatch(Action::ReplaceSettings(Box::new(settings))),
                    Err(why) => state.dispatch(Action::Notify(Notice {
                        level: "warning",
                        text: format!("The settings file was not imported: {why}"),
                    })),
                }
            });
            *import_reader.borrow_mut() = Some(reader);
        })
    };
    let namespace = settings
        .default_namespace
        .clone()
        .unwrap_or_else(|| "default".to_owned());

    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            filter.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let settings = state.settings.clone();
            for id in settings.disabled {
                state.dispatch(Action::SetCheckEnabled(id, true));
            }
            for id in settings.enabled {
                state.dispatch(Action::SetCheckEnabled(id, false));
            }
            state.dispatch(Action::SetTargetVersion(None));
            state.dispatch(Action::SetDefaultNamespace(None));
        })
    };
    let is_default = *settings == checks::Settings::default();

    let wanted = filter.trim().to_lowercase();
    let on_count = checks::ALL
        .iter()
        .filter(|c| settings.is_enabled(c))
        .count();
    let groups: Html = Category::ALL
        .into_iter()
        .map(|category| {
            let all: Vec<_> = checks::ALL.iter().copied().filter(|c| c.category == category).collect();
            let on = all.iter().filter(|c| settings.is_enabled(c)).count();
            let listed: Html = all
                .iter()
                .filter(|c| {
                    wanted.is_empty()
                        || c.id.contains(&wanted)
                        || c.summary.to_lowercase().contains(&wanted)
                })
                .map(|check| {
                    let id = check.id;
                    let enabled = settings.is_enabled(check);
                    let onchange = {
                        let state = state.clone();
                        Callback::from(move |e: Event| {
                            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                            state.dispatch(Action::SetCheckEnabled(id.to_owned(), on));
                        })
                    };
                    let learn = {
                        let on_learn = props.on_learn.clone();
                        Callback::from(move |_: MouseEvent| on_learn.emit(id))
                    };
                    let found = props.review.findings.iter().filter(|f| f.check == id).count();
                    let input_id = format!("rv-check-{id}");
                    html! {
                        <li class={classes!("rv-check", (!enabled).then_some("rv-off"))} data-check={id}>
                            <input
                                type="checkbox"
                                id={input_id.clone()}
                                checked={enabled}
                                {onchange}
                                data-testid="check-toggle"
                                data-check={id}
                            />
                            <div class="rv-check-text">
                                <label for={input_id}>
                                    <code>{ id }</code>
                                </label>
                                { " " }
                                { severity_badge(check.severity) }
                                if !check.enabled_by_default {
                                    <span class="rv-tag rv-opt-in" title="Off unless you turn it on">{ "opt-in" }</span>
                                }
                                if enabled && found > 0 {
                                    <span class="rv-tag">{ if found == 1 { "1 finding".to_owned() } else { format!("{found} findings") } }</span>
                                }
                                <div class="rv-check-summary">{ markdown::render(check.summary, 4) }</div>
                            </div>
                            <button type="button" class="icon-button rv-learn" onclick={learn} aria-label={format!("Learn more about {id}")} title={format!("Learn more about {id}")}>
                                { "?" }
                            </button>
                        </li>
                    }
                })
                .collect();
            html! {
                <fieldset class="rv-check-group" data-category={category.as_str()}>
                    <legend>
                        { category_title(category) }
                        <span class="note">{ format!(" · {on} of {} on", all.len()) }</span>
                    </legend>
                    <p class="rv-guidance">{ category.guidance() }</p>
                    <ul class="rv-check-list">{ listed }</ul>
                </fieldset>
            }
        })
        .collect();

    html! {
        <div class="rv-settings" data-testid="review-settings">
            <div class="rv-setting">
                <label for="rv-target-version">{ "Target Kubernetes version" }</label>
                <select id="rv-target-version" data-testid="target-version" onchange={on_version}>
                    { versions }
                </select>
                <p class="note">{ "Checks of deprecated and removed API versions judge the manifests against this version." }</p>
            </div>
            <div class="rv-setting">
                <label for="rv-default-namespace">{ "Namespace for objects without one" }</label>
                <input
                    type="text"
                    id="rv-default-namespace"
                    data-testid="default-namespace"
                    value={namespace}
                    spellcheck="false"
                    onchange={on_namespace}
                />
                <p class="note">{ "Where kubectl apply -n would put objects that name no namespace; their ids and links follow it." }</p>
            </div>
            <div class="rv-setting rv-setting-row">
                <input
                    type="search"
                    class="rv-search"
                    placeholder="Filter checks"
                    aria-label="Filter checks"
                    value={(*filter).clone()}
                    oninput={on_filter}
                />
                <span class="note">{ format!("{on_count} of {} checks on", checks::ALL.len()) }</span>
                <button type="button" class="button" onclick={on_reset} disabled={is_default}>{ "Reset to defaults" }</button>
            </div>
            <div class="rv-setting rv-setting-row">
                <button type="button" class="button" onclick={on_export} data-testid="settings-export">{ "Export .manifesto.yaml" }</button>
                <label class="button" for="rv-settings-import">{ "Import .manifesto.yaml" }</label>
                <input type="file" id="rv-settings-import" data-testid="settings-import" accept=".yaml,.yml" hidden=true onchange={on_import} />
            </div>
            <p class="note">{ "Your choices are kept in this browser; the file is the one the manifesto CLI reads." }</p>
            { groups }
        </div>
    }
}
