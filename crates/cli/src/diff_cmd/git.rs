//! Reading the old version of the paths from a git revision, with the `git` command.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use manifesto_core::parse::ParseOptions;
use manifesto_core::{Diagnostic, Model, SourceFile};

/// Runs `git args…` in the current folder and returns its standard output.
fn git(args: &[&str]) -> Result<Vec<u8>> {
    let output = Command::new("git")
        .args(args)
        .output()
        .context("cannot run git (is it installed?)")?;
    if !output.status.success() {
        bail!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}

/// Whether a file is a manifest, as the folders given on the command line are read.
fn is_manifest(path: &str) -> bool {
    Path::new(path)
        .extension()
        .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
}

/// The manifests under `paths` as they are in `rev`: for a folder, every `.yaml`, `.yml` and
/// `.json` file under it; a path that does not exist in `rev` contributes nothing (its objects are
/// new). Namespaced objects that name no namespace go to `namespace` (`default` when `None`).
pub(super) fn load_revision(
    rev: &str,
    paths: &[PathBuf],
    namespace: Option<&str>,
) -> Result<Model> {
    if rev.starts_with('-') {
        bail!("invalid --base `{rev}`: a revision cannot start with `-`");
    }
    git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])
    .with_context(|| format!("unknown revision `{rev}`"))?;
    let mut files = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for path in paths {
        let path = path.to_string_lossy();
        // Names are relative to the current folder, like the paths given.
        let listing = git(&["ls-tree", "-r", "--name-only", "-z", rev, "--", &path])?;
        let mut names: Vec<String> = listing
            .split(|&b| b == 0)
            .filter(|n| !n.is_empty())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .filter(|n| is_manifest(n) || n.as_str() == path)
            .collect();
        names.sort();
        for name in names {
            let bytes = git(&["show", &format!("{rev}:./{name}")])?;
            let (file, diag) = SourceFile::from_bytes(format!("{rev}:{name}"), &bytes);
            files.push(file);
            diagnostics.extend(diag);
        }
    }
    let mut options = ParseOptions::default();
    if let Some(ns) = namespace {
        ns.clone_into(&mut options.default_namespace);
    }
    let mut model = Model::from_files_with(files, &options);
    model.diagnostics.extend(diagnostics);
    Ok(model)
}
