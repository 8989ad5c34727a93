//! Texts copied from JavaScript into the page's memory, in headless Chromium: the same string
//! whatever its characters, as the editor's text reaches the reducer.

#![cfg(target_arch = "wasm32")]

use js_sys::JsString;
use manifesto_app::js_text::to_rust_string;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_text_arrives_whole_whatever_its_characters() {
    for text in [
        "",
        "apiVersion: v1\nkind: ConfigMap\n",
        "metadata:\n  labels:\n    team: müller\n    region: 東京\n  annotations:\n    note: \"🚀\"\n",
    ] {
        assert_eq!(to_rust_string(&JsString::from(text)), text);
    }
    let large = "key: value\n".repeat(100_000);
    assert_eq!(to_rust_string(&JsString::from(large.as_str())), large);
}

#[wasm_bindgen_test]
fn a_lone_surrogate_becomes_the_replacement_character() {
    // "a\u{D800}b" cannot be written in Rust: JavaScript strings can hold it.
    let text = JsString::from_char_code(&[0x61, 0xD800, 0x62]);
    assert_eq!(to_rust_string(&text), "a\u{FFFD}b");
    assert_eq!(to_rust_string(&text), String::from(&text));
}
