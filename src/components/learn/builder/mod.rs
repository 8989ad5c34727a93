//! "Teachers build levels": the current files become a level's start (and, once fixed, its
//! solution); its conditions are picked from a menu the core fills from the current analysis
//! (this finding must be gone, this edge of the graph must exist, this object must exist), its
//! hints written in the order they are revealed; the pack is exported as a YAML file or as a
//! share link that opens its first level, or added to the list.

mod draft;

use manifesto_core::graph::{Graph, GraphOptions};
use manifesto_core::lesson::{self, Condition, Rule};
use manifesto_core::share::MAX_LINK;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use self::draft::{Draft, keep, kept};
use crate::hooks::share::{FRAGMENT, page_address};
use crate::shared::Shared;
use crate::state::{Action, AppContext, AppState, LearnAction, LoadedPack, Notice};
use crate::text::plural;

/// The groups of the condition menu, by the rule's kind: (key, label).
const GROUPS: [(&str, &str); 4] = [
    ("no_finding", "A finding must be gone"),
    ("edge", "An edge of the graph must exist"),
    ("exists", "An object must exist"),
    ("other", "Other"),
];

/// The menu group of a rule.
fn group_of(rule: &Rule) -> &'static str {
    match rule {
        Rule::NoFinding { .. } => "no_finding",
        Rule::Edge { .. } => "edge",
        Rule::Exists { .. } => "exists",
        _ => "other",
    }
}

/// The pack as YAML, if it reads back (else the first error, located in the generated text).
fn pack_yaml(draft: &Draft) -> Result<(lesson::Pack, String), String> {
    let pack = draft.pack();
    let yaml = lesson::to_yaml(&pack);
    let name = format!("{}.yaml", pack.id);
    match lesson::parse_pack(&name, &yaml) {
        Ok(_) => Ok((pack, yaml)),
        Err(errors) => Err(errors.first().map_or_else(
            || "the pack does not read back".to_owned(),
            |d| d.message.clone(),
        )),
    }
}

/// The value of the input or text area an event came from.
fn value_of(e: &InputEvent) -> String {
    e.target()
        .and_then(|t| {
            t.clone()
                .dyn_into::<HtmlInputElement>()
                .map(|i| i.value())
                .ok()
                .or_else(|| t.dyn_into::<HtmlTextAreaElement>().map(|a| a.value()).ok())
        })
        .unwrap_or_default()
}

/// The level builder, in the Learn tab.
#[component]
pub fn Builder() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let draft = use_state(kept);
    let open = use_state_eq(|| false);
    let picked = use_state(|| 0usize);
    let hint_text = use_state(String::new);
    // The last link made, with the pack it was made for.
    let link = use_state(|| None::<(lesson::Pack, Result<String, String>)>);
    let problem = use_state(|| None::<String>);

    // The draft outlives the view: it is kept whenever it changes.
    use_effect_with((*draft).clone(), keep);

    // The graph is built only while the builder is open, once per model.
    let graph = use_memo((Shared::new(&state.model), *open), |(model, open)| {
        open.then(|| Graph::build(&model.0, &GraphOptions::default()))
    });
    let menu: Vec<Condition> = graph
        .as_ref()
        .as_ref()
        .map(|g| lesson::offered_conditions(&state.model, &state.review, g))
        .unwrap_or_default();

    let edit = |set: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*draft).clone();
            set(&mut next, value_of(&e));
            draft.set(next);
        })
    };
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(details) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                open.set(details.has_attribute("open"));
            }
        })
    };
    let take = |solution: bool| {
        let (state, draft) = (state.clone(), draft.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            if solution {
                next.solution = state.pack_files();
            } else {
                next.start = state.pack_files();
            }
            draft.set(next);
        })
    };
    let on_kind = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                let mut next = (*draft).clone();
                next.challenge = s.value() == "challenge";
                draft.set(next);
            }
        })
    };
    let on_view = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                let mut next = (*draft).clone();
                next.view = Some(s.value()).filter(|v| !v.is_empty());
                draft.set(next);
            }
        })
    };
    let on_pick = {
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
            next.add_condition(c);
            draft.set(next);
        })
    };
    let on_hint_text = {
        let hint_text = hint_text.clone();
        Callback::from(move |e: InputEvent| hint_text.set(value_of(&e)))
    };
    let add_hint = {
        let (draft, hint_text) = (draft.clone(), hint_text.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            next.add_hint(&hint_text);
            if next != *draft {
                hint_text.set(String::new());
                draft.set(next);
            }
        })
    };
    let add_level = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            if next.add_level() {
                draft.set(next);
            }
        })
    };
    let export = {
        let (draft, state, problem) = (draft.clone(), state.clone(), problem.clone());
        Callback::from(move |_: MouseEvent| match pack_yaml(&draft) {
            Ok((pack, yaml)) => {
                problem.set(None);
                if let Err(e) = crate::components::review::export::download(
                    &yaml,
                    &format!("{}.yaml", pack.id),
                    "text/yaml",
                ) {
                    state.dispatch(Action::Notify(Notice {
                        level: "warning",
                        text: format!("The pack could not be downloaded: {e:?}"),
                    }));
                }
            }
            Err(why) => problem.set(Some(why)),
        })
    };
    let share = {
        let (draft, link, problem) = (draft.clone(), link.clone(), problem.clone());
        Callback::from(move |_: MouseEvent| match pack_yaml(&draft) {
            Ok((pack, _)) => {
                problem.set(None);
                let made = AppState::lesson_link_payload(&pack)
                    .map(|payload| format!("{}{FRAGMENT}{payload}", page_address()))
                    .ok_or_else(|| {
                        format!(
                            "The pack is too large for a link (over {} KB): export it as a file.",
                            lesson::MAX_PACK_BYTES / 1024
                        )
                    });
                link.set(Some((pack, made)));
            }
            Err(why) => problem.set(Some(why)),
        })
    };
    let add_to_list = {
        let (draft, state, problem) = (draft.clone(), state.clone(), problem.clone());
        Callback::from(move |_: MouseEvent| match pack_yaml(&draft) {
            Ok((pack, yaml)) => {
                problem.set(None);
                state.dispatch(Action::Learn(LearnAction::LoadPack(LoadedPack {
                    name: format!("{}.yaml", pack.id),
                    text: yaml,
                })));
            }
            Err(why) => problem.set(Some(why)),
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
    let missing = draft.missing();
    let d = &*draft;
    let shared = match link.as_ref().filter(|(pack, _)| *pack == d.pack()) {
        None => Html::default(),
        Some((_, Ok(url))) => html! {
            <div class="builder-share">
                <p class="muted">{ "This link opens the pack's first level, with every level of the pack in the list. It carries the files as they are: write secret values as obvious fakes." }</p>
                <div class="builder-row">
                    <input type="text" readonly=true data-testid="builder-share-url" value={url.clone()} aria-label="Lesson link" onfocus={on_select} />
                </div>
                if url.len() > MAX_LINK {
                    <p class="muted" data-testid="builder-share-too-long">{ format!("The link is longer than {} KB: some chat tools cut such links. Export the pack as a file as well.", MAX_LINK / 1024) }</p>
                }
            </div>
        },
        Some((_, Err(why))) => {
            html! { <p class="notice notice-warning" role="alert" data-testid="builder-problem">{ why.clone() }</p> }
        }
    };

    let remover = |i: usize, what: fn(&mut Draft, usize)| {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            what(&mut next, i);
            draft.set(next);
        })
    };

    html! {
        <details class="level-builder" data-testid="level-builder" ontoggle={on_toggle}>
            <summary>{ "Build a level from your files" }</summary>
            <p class="muted">
                { "Load the manifests with the mistake and take them as the start; fix them and take them as the solution. \
                   Pick the conditions from what Manifesto sees in the files now: a finding while it is there, an edge once it works." }
            </p>
            <label class="builder-field">{ "Pack title" }
                <input type="text" data-testid="builder-pack-title" value={d.pack_title.clone()} oninput={edit(|d, v| d.pack_title = v)} />
            </label>
            <label class="builder-field">{ "Level title" }
                <input type="text" data-testid="builder-title" value={d.title.clone()} oninput={edit(|d, v| d.title = v)} />
            </label>
            <div class="builder-row">
                <label>{ "Kind " }
                    <select data-testid="builder-kind" onchange={on_kind}>
                        <option value="level" selected={!d.challenge}>{ "Guided level" }</option>
                        <option value="challenge" selected={d.challenge}>{ "Challenge (problems not named)" }</option>
                    </select>
                </label>
                <label>{ "Opens on " }
                    <select data-testid="builder-view" onchange={on_view}>
                        <option value="" selected={d.view.is_none()}>{ "the current view" }</option>
                        { for ["objects", "graph", "rollout", "review"].into_iter().map(|v| html! {
                            <option value={v} selected={d.view.as_deref() == Some(v)}>{ v }</option>
                        }) }
                    </select>
                </label>
            </div>
            <label class="builder-field">{ "Introduction" }
                <textarea data-testid="builder-intro" rows="3" value={d.intro.clone()} oninput={edit(|d, v| d.intro = v)} />
            </label>
            <label class="builder-field">{ "Goal" }
                <input type="text" data-testid="builder-goal" value={d.goal.clone()} oninput={edit(|d, v| d.goal = v)} />
            </label>
            <label class="builder-field">{ "What the student learned" }
                <textarea data-testid="builder-learned" rows="2" value={d.learned.clone()} oninput={edit(|d, v| d.learned = v)} />
            </label>
            <div class="builder-row">
                <button type="button" class="button" data-testid="builder-take-start" onclick={take(false)}>{ "Take the files as the start" }</button>
                <span class="muted" data-testid="builder-start-count">{ if d.start.is_empty() { "no start yet".to_owned() } else { format!("{} file(s)", d.start.len()) } }</span>
                <button type="button" class="button" data-testid="builder-take-solution" onclick={take(true)}>{ "Take the files as the solution" }</button>
                <span class="muted" data-testid="builder-solution-count">{ if d.solution.is_empty() { "no solution yet".to_owned() } else { format!("{} file(s)", d.solution.len()) } }</span>
            </div>

            <h4>{ "Conditions" }</h4>
            <div class="builder-row">
                <select data-testid="builder-condition-menu" onchange={on_pick} aria-label="Condition">
                    { for GROUPS.iter().map(|(key, label)| html! {
                        <optgroup label={*label}>
                            { for menu.iter().enumerate().filter(|(_, c)| group_of(&c.rule) == *key).map(|(i, c)| html! {
                                <option value={i.to_string()} selected={i == *picked} data-rule={*key}>{ c.text.clone() }</option>
                            }) }
                        </optgroup>
                    }) }
                </select>
                <button type="button" class="button" data-testid="builder-add-condition" onclick={add_condition}>{ "Add condition" }</button>
            </div>
            <ul class="builder-conditions">
                { for d.conditions.iter().enumerate().map(|(i, c)| html! {
                    <li data-testid="builder-condition" data-rule={group_of(&c.rule)}>
                        { c.text.clone() }{ " " }
                        <button type="button" class="link-button" data-testid="builder-condition-remove"
                            onclick={remover(i, |d, i| { d.conditions.remove(i); })}>{ "remove" }</button>
                    </li>
                }) }
            </ul>

            <h4>{ "Hints" }</h4>
            <p class="muted">{ "Revealed one at a time, in this order." }</p>
            <ol class="builder-hints">
                { for d.hints.iter().enumerate().map(|(i, h)| html! {
                    <li data-testid="builder-hint">
                        <span data-testid="builder-hint-text">{ h.clone() }</span>{ " " }
                        if i > 0 {
                            <button type="button" class="link-button" data-testid="builder-hint-up"
                                onclick={remover(i, Draft::raise_hint)}>{ "move up" }</button>{ " " }
                        }
                        <button type="button" class="link-button" data-testid="builder-hint-remove"
                            onclick={remover(i, |d, i| { d.hints.remove(i); })}>{ "remove" }</button>
                    </li>
                }) }
            </ol>
            <div class="builder-row">
                <input type="text" data-testid="builder-hint-input" aria-label="Hint" placeholder="A hint"
                    value={(*hint_text).clone()} oninput={on_hint_text} />
                <button type="button" class="button" data-testid="builder-add-hint" disabled={!d.hint_room()} onclick={add_hint}>{ "Add hint" }</button>
            </div>

            <div class="builder-row">
                <button type="button" class="button" data-testid="builder-add-level" disabled={missing.is_some()} onclick={add_level}>{ "Add this level to the pack" }</button>
                if let Some(m) = missing {
                    <span class="muted">{ format!("Still needed: {m}.") }</span>
                }
            </div>
            <p data-testid="builder-pack-size">{ format!("The pack holds {}.", plural(d.levels.len(), "level")) }</p>
            <ol class="builder-levels">
                { for d.levels.iter().zip(&d.verdicts).enumerate().map(|(i, (level, verdict))| html! {
                    <li data-testid="builder-level" data-level={level.id.clone()} data-works={verdict.is_none().to_string()}>
                        { level.title.clone() }
                        { format!(" ({} conditions, {} hints)", level.conditions.len(), level.hints.len()) }
                        if let Some(why) = verdict {
                            <span class="muted">{ format!(" \u{2014} {why}") }</span>
                        }
                        { " " }
                        <button type="button" class="link-button" data-testid="builder-level-remove" onclick={remover(i, Draft::remove_level)}>{ "remove" }</button>
                    </li>
                }) }
            </ol>
            <div class="builder-row">
                <button type="button" class="button button-primary" data-testid="builder-export" disabled={d.levels.is_empty()} onclick={export}>{ "Export the pack (.yaml)" }</button>
                <button type="button" class="button" data-testid="builder-share" disabled={d.levels.is_empty()} onclick={share}>{ "Share as a link" }</button>
                <button type="button" class="button" data-testid="builder-add-pack" disabled={d.levels.is_empty()} onclick={add_to_list}>{ "Add it to the list" }</button>
            </div>
            if let Some(why) = &*problem {
                <p class="notice notice-warning" role="alert" data-testid="builder-problem">{ format!("The pack cannot be exported: {why}.") }</p>
            }
            { shared }
        </details>
    }
}
