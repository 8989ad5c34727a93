//! The workspace as one downloadable `.json` file, which the upload reads back into its files.
//!
//! ```json
//! {"manifestoWorkspace": 1, "active": "a.yaml", "files": [{"name": "a.yaml", "text": "…"}]}
//! ```

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use web_sys::{Blob, BlobPropertyBag, Url};

use crate::state::{AppState, FileEntry, LoadedFile};

/// The name of the downloaded file.
pub const FILE_NAME: &str = "manifesto-workspace.json";

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Bundle {
    /// The format's version; its presence marks the file as a workspace.
    manifesto_workspace: u32,
    #[serde(default)]
    active: Option<String>,
    files: Vec<BundleFile>,
}

#[derive(Serialize, Deserialize)]
struct BundleFile {
    name: String,
    text: String,
}

/// The loaded files as a bundle.
pub fn to_json(state: &AppState) -> String {
    files_to_json(&state.files, state.active_file().map(|f| f.name.as_str()))
}

/// These files as a bundle, `active` the one shown.
pub fn files_to_json(files: &[Rc<FileEntry>], active: Option<&str>) -> String {
    let bundle = Bundle {
        manifesto_workspace: 1,
        active: active.map(str::to_owned),
        files: files
            .iter()
            .map(|f| BundleFile {
                name: f.name.clone(),
                text: f.text.clone(),
            })
            .collect(),
    };
    serde_json::to_string(&bundle).unwrap_or_default()
}

/// A URL of the bundle as a `Blob`, to download (revoke it when done).
pub fn blob_url(json: &str) -> Result<String, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(json));
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    Url::create_object_url_with_blob(&blob)
}

/// The files of a bundle, when `text` is one (a manifest in JSON is not).
pub fn parse(text: &str) -> Option<Vec<LoadedFile>> {
    if !text.contains("\"manifestoWorkspace\"") {
        return None;
    }
    let bundle = serde_json::from_str::<Bundle>(text).ok()?;
    Some(
        bundle
            .files
            .into_iter()
            .map(|f| LoadedFile {
                name: f.name,
                text: f.text,
                problem: None,
            })
            .collect(),
    )
}

/// Offers the workspace as a download.
pub fn download(state: &AppState) -> Result<(), JsValue> {
    crate::components::review::export::download(&to_json(state), FILE_NAME, "application/json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_reads_back_into_its_files() {
        let state = AppState::with_files(
            vec![
                LoadedFile {
                    name: "a.yaml".into(),
                    text: "kind: A\n".into(),
                    problem: None,
                },
                LoadedFile {
                    name: "dir/b.json".into(),
                    text: "{\"kind\": \"B\"}".into(),
                    problem: None,
                },
            ],
            Some("dir/b.json"),
        );
        let files = parse(&to_json(&state)).expect("a bundle");
        let read: Vec<_> = files.iter().map(|f| (&*f.name, &*f.text)).collect();
        assert_eq!(
            read,
            [("a.yaml", "kind: A\n"), ("dir/b.json", "{\"kind\": \"B\"}")]
        );
        assert!(parse("{\"kind\": \"ConfigMap\", \"files\": []}").is_none());
    }
}
