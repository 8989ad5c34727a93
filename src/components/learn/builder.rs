//! "Teachers build levels": the current files become a level's start (and, once fixed, its
//! solution); its conditions are picked from a menu filled from the current analysis (this
//! finding must be gone, this object must exist); the pack is exported as a YAML file or added to
//! the list.

use js_sys::Array;
use manifesto_core::lesson::{self, Condition, Level, LevelKind, Pack, PackFile, Rule};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement, Url,
};
use yew::prelude::*;

use crate::state::{Action, AppContext, AppState, LearnAction, LoadedPack, Notice};

/// A condition the menu offers: its text and its rule.
fn offered(state: &AppState) -> Vec<Condition> {
    let mut out = Vec::new();
    for f in state
        .review
        .findings
        .iter()
        .filter(|f| f.suppressed.is_none())
    {
        let object = f.object.as_str().to_owned();
        let text = format!("No {} finding on {object}", f.check);
        if out.iter().all(|c: &Condition| c.text != text) {
            out.push(Condition {
                text,
                rule: Rule::NoFinding {
                    check: f.check.to_owned(),
                    object: Some(object),
                },
            });
        }
    }
    for o in &state.model.objects {
        out.push(Condition {
            text: format!("A {} named {} exists", o.id.kind(), o.id.name()),
            rule: Rule::Exists {
                kind: o.id.kind().to_owned(),
                name: Some(o.id.name().to_owned()),
            },
        });
    }
    out.push(Condition {
        text: "The manifests read without errors".to_owned(),
        rule: Rule::NoErrors,
    });
    out
}

/// A kebab-case id from a title (`level` when nothing is left).
fn slug(title: &str) -> String {
    let mut id = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_owned();
    if id.is_empty() {
        "level".to_owned()
    } else {
        id
    }
}

/// Offers `text` as a download named `name`.
fn download(text: &str, name: &str) -> Result<(), JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type("text/yaml");
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
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// The level being written.
#[derive(Clone, PartialEq, Default)]
struct Draft {
    pack_title: String,
    title: String,
    intro: String,
    goal: String,
    learned: String,
    start: Vec<PackFile>,
    solution: Vec<PackFile>,
    conditions: Vec<Condition>,
    levels: Vec<Level>,
}

impl Draft {
    /// What is missing before the level can be added, in words.
    fn missing(&self) -> Option<&'static str> {
        if self.title.trim().is_empty() {
            Some("a title")
        } else if self.goal.trim().is_empty() {
            Some("a goal")
        } else if self.start.is_empty() {
            Some("the starting files")
        } else if self.solution.is_empty() {
            Some("the solution's files")
        } else if self.conditions.is_empty() {
            Some("at least one condition")
        } else {
            None
        }
    }

    fn pack(&self) -> Pack {
        let title = if self.pack_title.trim().is_empty() {
            "My lessons"
        } else {
            self.pack_title.trim()
        };
        Pack {
            id: slug(title),
            title: title.to_owned(),
            summary: format!("{} written in Manifesto.", plural(self.levels.len())),
            levels: self.levels.clone(),
        }
    }
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 level".to_owned()
    } else {
        format!("{n} levels")
    }
}

fn files_of(state: &AppState) -> Vec<PackFile> {
    state
        .files
        .iter()
        .map(|f| PackFile {
            name: f.name.clone(),
            text: f.text.clone(),
        })
        .collect()
}

/// The level builder, in the Learn tab.
#[component]
pub fn Builder() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let draft = use_state(Draft::default);
    let menu = offered(&state);
    let picked = use_state(|| 0usize);

    let edit = |set: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let value = e
                .target()
                .and_then(|t| {
                    t.clone()
                        .dyn_into::<HtmlInputElement>()
                        .map(|i| i.value())
                        .ok()
                        .or_else(|| t.dyn_into::<HtmlTextAreaElement>().map(|a| a.value()).ok())
                })
                .unwrap_or_default();
            let mut next = (*draft).clone();
            set(&mut next, value);
            draft.set(next);
        })
    };
    let take = |solution: bool| {
        let draft = draft.clone();
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            if solution {
                next.solution = files_of(&state)
            } else {
                next.start = files_of(&state)
            }
            draft.set(next);
        })
    };
    let onpick = {
        let picked = picked.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                picked.set(s.value().parse().unwrap_or(0));
            }
        })
    };
    let add_condition = {
        let draft = draft.clone();
        let chosen = menu.get(*picked).cloned();
        Callback::from(move |_: MouseEvent| {
            let Some(c) = chosen.clone() else { return };
            let mut next = (*draft).clone();
            if !next.conditions.contains(&c) {
                next.conditions.push(c);
            }
            draft.set(next);
        })
    };
    let add_level = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            if next.missing().is_some() {
                return;
            }
            let mut id = slug(&next.title);
            while next.levels.iter().any(|l| l.id == id) {
                id.push_str("-2");
            }
            next.levels.push(Level {
                id,
                kind: LevelKind::Level,
                title: next.title.trim().to_owned(),
                intro: if next.intro.trim().is_empty() {
                    next.goal.trim().to_owned()
                } else {
                    next.intro.trim().to_owned()
                },
                goal: next.goal.trim().to_owned(),
                view: None,
                files: std::mem::take(&mut next.start),
                conditions: std::mem::take(&mut next.conditions),
                hints: Vec::new(),
                solution: std::mem::take(&mut next.solution),
                learned: if next.learned.trim().is_empty() {
                    "Well done.".to_owned()
                } else {
                    next.learned.trim().to_owned()
                },
            });
            next.title.clear();
            next.intro.clear();
            next.goal.clear();
            next.learned.clear();
            draft.set(next);
        })
    };
    let export = {
        let draft = draft.clone();
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let pack = draft.pack();
            if let Err(e) = download(&lesson::to_yaml(&pack), &format!("{}.yaml", pack.id)) {
                state.dispatch(Action::Notify(Notice {
                    level: "warning",
                    text: format!("The pack could not be downloaded: {e:?}"),
                }));
            }
        })
    };
    let add_to_list = {
        let draft = draft.clone();
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let pack = draft.pack();
            state.dispatch(Action::Learn(LearnAction::LoadPack(LoadedPack {
                name: format!("{}.yaml", pack.id),
                text: lesson::to_yaml(&pack),
            })));
        })
    };
    let missing = draft.missing();

    html! {
        <details class="level-builder" data-testid="level-builder">
            <summary>{ "Build a level from your files" }</summary>
            <p class="muted">
                { "Load the manifests with the mistake, take them as the start, pick the conditions, then fix the files and take them as the solution." }
            </p>
            <label class="builder-field">{ "Pack title" }
                <input type="text" data-testid="builder-pack-title" value={draft.pack_title.clone()} oninput={edit(|d, v| d.pack_title = v)} />
            </label>
            <label class="builder-field">{ "Level title" }
                <input type="text" data-testid="builder-title" value={draft.title.clone()} oninput={edit(|d, v| d.title = v)} />
            </label>
            <label class="builder-field">{ "Introduction" }
                <textarea data-testid="builder-intro" rows="3" value={draft.intro.clone()} oninput={edit(|d, v| d.intro = v)} />
            </label>
            <label class="builder-field">{ "Goal" }
                <input type="text" data-testid="builder-goal" value={draft.goal.clone()} oninput={edit(|d, v| d.goal = v)} />
            </label>
            <label class="builder-field">{ "What the student learned" }
                <textarea data-testid="builder-learned" rows="2" value={draft.learned.clone()} oninput={edit(|d, v| d.learned = v)} />
            </label>
            <div class="builder-row">
                <button type="button" class="button" data-testid="builder-take-start" onclick={take(false)}>{ "Take the files as the start" }</button>
                <span class="muted">{ if draft.start.is_empty() { "no start yet".to_owned() } else { format!("{} file(s)", draft.start.len()) } }</span>
                <button type="button" class="button" data-testid="builder-take-solution" onclick={take(true)}>{ "Take the files as the solution" }</button>
                <span class="muted">{ if draft.solution.is_empty() { "no solution yet".to_owned() } else { format!("{} file(s)", draft.solution.len()) } }</span>
            </div>
            <div class="builder-row">
                <select data-testid="builder-condition-menu" onchange={onpick} aria-label="Condition">
                    { for menu.iter().enumerate().map(|(i, c)| html! {
                        <option value={i.to_string()} selected={i == *picked}>{ c.text.clone() }</option>
                    }) }
                </select>
                <button type="button" class="button" data-testid="builder-add-condition" onclick={add_condition}>{ "Add condition" }</button>
            </div>
            <ul class="builder-conditions">
                { for draft.conditions.iter().enumerate().map(|(i, c)| {
                    let draft = draft.clone();
                    let remove = Callback::from(move |_: MouseEvent| {
                        let mut next = (*draft).clone();
                        next.conditions.remove(i);
                        draft.set(next);
                    });
                    html! { <li data-testid="builder-condition">{ c.text.clone() }{ " " }<button type="button" class="link-button" onclick={remove}>{ "remove" }</button></li> }
                }) }
            </ul>
            <div class="builder-row">
                <button type="button" class="button" data-testid="builder-add-level" disabled={missing.is_some()} onclick={add_level}>{ "Add this level to the pack" }</button>
                if let Some(m) = missing {
                    <span class="muted">{ format!("Still needed: {m}.") }</span>
                }
            </div>
            <p>{ format!("The pack holds {}.", plural(draft.levels.len())) }</p>
            <div class="builder-row">
                <button type="button" class="button button-primary" data-testid="builder-export" disabled={draft.levels.is_empty()} onclick={export}>{ "Export the pack (.yaml)" }</button>
                <button type="button" class="button" data-testid="builder-add-pack" disabled={draft.levels.is_empty()} onclick={add_to_list}>{ "Add it to the list" }</button>
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kebab_case() {
        assert_eq!(
            slug("Make the Service find its pods!"),
            "make-the-service-find-its-pods"
        );
        assert_eq!(slug("  "), "level");
    }
}
