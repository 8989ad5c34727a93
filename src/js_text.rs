//! Large texts from JavaScript into the page's memory.
//!
//! `String::from(JsString)` (wasm-bindgen's glue) copies a text into wasm one character at a time
//! in a JavaScript loop for as long as the characters are ASCII, which YAML mostly is; run once
//! on a 1.1 MB paste, before the loop is optimised, it was the largest part of the page's task
//! that takes the paste in. The browser's own `TextEncoder` encodes the whole text at once, and
//! the bytes are copied in with one `set`: that task is 5–10 ms shorter for 1,100 objects.

use js_sys::{JsString, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    type TextEncoder;

    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;

    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsString) -> Uint8Array;
}

/// `text` as a Rust string. A lone surrogate, which UTF-8 cannot hold, becomes U+FFFD, as with
/// `String::from`.
pub fn to_rust_string(text: &JsString) -> String {
    let bytes = TextEncoder::new().encode(text).to_vec();
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}
