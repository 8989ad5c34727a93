//! The code editor on the page: CodeMirror 6, bundled from npm into `editor/dist/editor.js`
//! (`editor/src/editor.js`, built by `scripts/setup.sh`) and loaded by index.html as the global
//! `ManifestoEditor`. This module is the only code that calls it.

use js_sys::{Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// One editor on the page.
    #[derive(Clone)]
    pub type EditorHandle;

    #[wasm_bindgen(catch, js_namespace = ManifestoEditor, js_name = create)]
    fn create_editor(parent: &web_sys::Element, options: &Object) -> Result<EditorHandle, JsValue>;

    /// The text.
    #[wasm_bindgen(method)]
    pub fn text(this: &EditorHandle) -> String;

    /// The text as the page's JavaScript holds it: kept as it is without being copied into the
    /// page's memory (one copy less of a large file, e.g. for saving it).
    #[wasm_bindgen(method, js_name = text)]
    pub fn text_js(this: &EditorHandle) -> js_sys::JsString;

    /// Replaces the text as the page does (not heard as an edit), with an undo history of its
    /// own and the cursor at the top.
    #[wasm_bindgen(method, js_name = setText)]
    pub fn set_text(this: &EditorHandle, text: &str);

    #[wasm_bindgen(method, js_name = setProblems)]
    fn set_problems_json(this: &EditorHandle, problems: JsValue);

    /// Shades lines `first..=last` (the selected object); `0, 0` shades none.
    #[wasm_bindgen(method, js_name = setObjectLines)]
    pub fn set_object_lines(this: &EditorHandle, first: u32, last: u32);

    /// Selects lines `first..=last` and scrolls them into view, focusing the editor if `focus`.
    #[wasm_bindgen(method, js_name = selectLines)]
    pub fn select_lines(this: &EditorHandle, first: u32, last: u32, focus: bool);

    /// Sets the editor's accessible name.
    #[wasm_bindgen(method, js_name = setLabel)]
    pub fn set_label(this: &EditorHandle, label: &str);

    /// Removes the editor from the page.
    #[wasm_bindgen(method)]
    pub fn destroy(this: &EditorHandle);
}

/// A problem marked in the text: underlined from its column, with a marker in the gutter and
/// its message on hover.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// What is wrong.
    pub message: String,
    /// Whether the mark offers "Open" (the editor's `on_open` hears its index).
    pub open: bool,
}

/// What the editor tells the page.
pub struct Listeners {
    /// The user changed the text; `true` when pasted or dropped, `false` when typed.
    pub on_change: Closure<dyn FnMut(bool)>,
    /// The user moved the cursor (or typed) on this 1-based line.
    pub on_cursor: Closure<dyn FnMut(u32)>,
    /// The editor lost the focus.
    pub on_blur: Closure<dyn FnMut()>,
    /// "Open" was chosen on the problem with this index (of the last [`EditorHandle::set_problems`]).
    pub on_open: Closure<dyn FnMut(u32)>,
}

impl Problem {
    /// A problem at `location` that offers nothing to open.
    pub fn at(
        location: &manifesto_core::Location,
        severity: &'static str,
        message: String,
    ) -> Self {
        Problem {
            line: location.line,
            column: location.column,
            severity,
            message,
            open: false,
        }
    }
}

impl EditorHandle {
    /// A new editor in `parent` holding `text`; `label` is its accessible name. `None` when the
    /// editor's script is missing from the page.
    pub fn create(
        parent: &web_sys::Element,
        text: &str,
        label: &str,
        placeholder: &str,
        listeners: &Listeners,
    ) -> Option<EditorHandle> {
        let options = Object::new();
        let set = |key: &str, value: &JsValue| {
            let _ = Reflect::set(&options, &key.into(), value);
        };
        set("text", &text.into());
        set("label", &label.into());
        set("placeholder", &placeholder.into());
        set("onChange", listeners.on_change.as_ref());
        set("onCursor", listeners.on_cursor.as_ref());
        set("onBlur", listeners.on_blur.as_ref());
        set("onOpen", listeners.on_open.as_ref());
        create_editor(parent, &options)
            .inspect_err(|e| gloo::console::error!("the editor did not start:", e))
            .ok()
    }

    /// Marks `problems` in the text, replacing the marks before.
    pub fn set_problems(&self, problems: &[Problem]) {
        let json = serde_json::to_string(problems).unwrap_or_else(|_| "[]".to_owned());
        let value = js_sys::JSON::parse(&json).unwrap_or_else(|_| js_sys::Array::new().into());
        self.set_problems_json(value);
    }
}
