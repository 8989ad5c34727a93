//! `manifesto parse`: the objects and the diagnostics.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use crate::input::ReadArgs;
use crate::terminal::{one_line, safe};

/// Prints the objects and diagnostics; exit 1 when there is an error diagnostic.
pub(crate) fn run(paths: &[PathBuf], as_json: bool, read: &ReadArgs) -> Result<ExitCode> {
    let model = read.load(paths)?;
    if as_json {
        let objects: Vec<_> = model
            .objects
            .iter()
            .map(|o| {
                json!({
                    "id": o.id, "kind": o.kind, "apiVersion": o.api_version, "namespace": o.namespace,
                    "name": o.name, "file": o.file, "line": o.pos.line,
                })
            })
            .collect();
        let out = json!({ "objects": objects, "diagnostics": model.diagnostics });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        for o in &model.objects {
            println!(
                "{}:{}  {}  ({})",
                one_line(&o.file),
                o.pos.line,
                one_line(o.id.as_str()),
                one_line(&o.api_version)
            );
        }
        let mut snippets = manifesto_core::Snippets::new(&model);
        for d in &model.diagnostics {
            eprint!("{}", safe(&snippets.render(d)));
        }
        println!(
            "{} objects, {} diagnostics",
            model.objects.len(),
            model.diagnostics.len()
        );
    }
    let code = if model.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends with this command: see `check_cmd::run`.
    std::mem::forget(model);
    Ok(code)
}
