//! "Download as one HTML file": the page's own script, WebAssembly and styles, fetched from
//! where the page came from (or read from this very file when it is one) and written into a
//! single `.html` with the workspace, which runs from `file://` with no network at all.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::Document;

/// The name of the downloaded file.
pub const FILE_NAME: &str = "manifesto.html";

/// The ids of the data blocks a single file keeps its parts in.
pub(crate) const GLUE_ID: &str = "manifesto-glue";
const WASM_ID: &str = "manifesto-wasm";
const EDITOR_ID: &str = "manifesto-editor";
const CSS_ID: &str = "manifesto-css";
const WORKSPACE_ID: &str = "manifesto-workspace";

/// The loader: puts the workspace in the address (where the app reads share links), then
/// starts the app from the inlined bytes.
const LOADER: &str = r##"
const bytes = (id) => Uint8Array.from(atob(document.getElementById(id).textContent.trim()), (c) => c.charCodeAt(0));
if (!location.hash.startsWith("#share=")) {
  const hash = "#share=" + document.getElementById("manifesto-workspace").textContent.trim();
  try { history.replaceState(null, "", hash); } catch { location.hash = hash; }
}
await new Promise((loaded, failed) => {
  const editor = document.createElement("script");
  editor.src = URL.createObjectURL(new Blob([bytes("manifesto-editor")], { type: "text/javascript" }));
  editor.onload = loaded;
  editor.onerror = failed;
  document.head.append(editor);
});
const glue = URL.createObjectURL(new Blob([bytes("manifesto-glue")], { type: "text/javascript" }));
const init = (await import(glue)).default;
await init({ module_or_path: bytes("manifesto-wasm") });
"##;

/// The parts of the app, in base64 (scripts and WebAssembly) and as text (styles).
struct Parts {
    glue: String,
    wasm: String,
    /// The code editor's script (`ManifestoEditor`).
    editor: String,
    css: String,
}

fn document() -> Result<Document, String> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".to_owned())
}

fn text_of(document: &Document, id: &str) -> Option<String> {
    document
        .get_element_by_id(id)
        .and_then(|e| e.text_content())
}

/// The link by which Trunk's page preloads its module script (the wasm's JavaScript).
pub(crate) const MODULE_SCRIPT_LINK: &str = "link[rel=modulepreload][href$='.js']";

/// The attribute `name` of the first element `selector` finds.
pub(crate) fn attribute_of(document: &Document, selector: &str, name: &str) -> Option<String> {
    document
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute(name))
}

async fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let response = gloo::net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    response.binary().await.map_err(|e| format!("{url}: {e}"))
}

/// The app's parts: from this file's data blocks, or fetched from the page's own files.
async fn parts() -> Result<Parts, String> {
    let document = document()?;
    if let (Some(glue), Some(wasm), Some(editor), Some(css)) = (
        text_of(&document, GLUE_ID),
        text_of(&document, WASM_ID),
        text_of(&document, EDITOR_ID),
        text_of(&document, CSS_ID),
    ) {
        return Ok(Parts {
            glue,
            wasm,
            editor,
            css,
        });
    }
    let glue_url = attribute_of(&document, MODULE_SCRIPT_LINK, "href")
        .ok_or("the page does not name its script")?;
    let wasm_url = attribute_of(&document, "link[rel=preload][href$='.wasm']", "href")
        .ok_or("the page does not name its WebAssembly")?;
    let editor_url = attribute_of(&document, "script[src*='editor']", "src")
        .ok_or("the page does not name its editor")?;
    let glue = STANDARD.encode(fetch(&glue_url).await?);
    let editor = STANDARD.encode(fetch(&editor_url).await?);
    let wasm = STANDARD.encode(fetch(&wasm_url).await?);
    let mut css = String::new();
    let sheets = document
        .query_selector_all("link[rel=stylesheet]")
        .map_err(|_| "the page's styles cannot be listed")?;
    for i in 0..sheets.length() {
        let Some(href) = sheets
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.get_attribute("href"))
        else {
            continue;
        };
        css.push_str(&String::from_utf8_lossy(&fetch(&href).await?));
        css.push('\n');
    }
    Ok(Parts {
        glue,
        wasm,
        editor,
        css,
    })
}

/// A nonce for the loader script, so the file's policy allows it and nothing else inline.
fn nonce() -> String {
    (0..4)
        .map(|_| {
            format!(
                "{:08x}",
                (js_sys::Math::random() * f64::from(u32::MAX)) as u32
            )
        })
        .collect()
}

/// The single file: the app's parts, the loader and the share payload of the workspace.
fn assemble(parts: &Parts, payload: &str) -> String {
    let nonce = nonce();
    // Styles cannot close their element early.
    let css = parts.css.replace("</", "<\\/");
    format!(
        r#"<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-{nonce}' blob: 'wasm-unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>Manifesto — Kubernetes manifest explorer</title>
    <style id="{CSS_ID}">{css}</style>
  </head>
  <body>
    <script type="application/octet-stream" id="{WORKSPACE_ID}">{payload}</script>
    <script type="application/octet-stream" id="{EDITOR_ID}">{editor}</script>
    <script type="application/octet-stream" id="{GLUE_ID}">{glue}</script>
    <script type="application/octet-stream" id="{WASM_ID}">{wasm}</script>
    <script type="module" nonce="{nonce}">{LOADER}</script>
  </body>
</html>
"#,
        glue = parts.glue,
        wasm = parts.wasm,
        editor = parts.editor,
    )
}

/// Offers `html` as a download.
fn offer(html: &str) -> Result<(), JsValue> {
    crate::components::review::export::download(html, FILE_NAME, "text/html")
}

/// Builds the single file holding the workspace `payload` (a share payload) and offers it as a
/// download; the error says why it could not be made.
pub async fn download(payload: String) -> Result<(), String> {
    let parts = parts().await?;
    offer(&assemble(&parts, &payload)).map_err(|_| "the browser refused the download".to_owned())
}
