//! Reading the paths given on the command line into source files.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use manifesto_core::parse::ParseOptions;
use manifesto_core::{Diagnostic, Model, SourceFile};

/// How `parse`, `graph` and `rollout` read the manifests: the apply-time namespace and the
/// configuration file, whose `namespace` and `ignore` apply (its checks do not matter there).
#[derive(clap::Args, Debug)]
pub(crate) struct ReadArgs {
    /// The namespace of objects that name none, as `kubectl apply -n NS` gives them (over the
    /// configuration file's).
    #[arg(long, short = 'n', value_name = "NS")]
    pub namespace: Option<String>,
    /// The configuration file (default: `.manifesto.yaml` in the current folder or a parent).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl ReadArgs {
    /// The model of `paths`, read with the configuration file's namespace and ignored paths,
    /// and `--namespace` over them.
    pub(crate) fn load(&self, paths: &[PathBuf]) -> Result<Model> {
        let mut settings = crate::config_cmd::load_settings(self.config.as_deref())?;
        if let Some(ns) = &self.namespace {
            settings.default_namespace = Some(ns.clone());
        }
        load_with(paths, &settings)
    }
}

/// Reads files, folders (recursively: `.yaml`, `.yml`, `.json`, in name order) and `-` (standard
/// input) into a model. Invalid UTF-8 is read with replacement and reported as a diagnostic.
/// Namespaced objects that name no namespace go to `namespace` (`default` when `None`), as with
/// `kubectl apply -n`.
pub(crate) fn load(paths: &[PathBuf], namespace: Option<&str>) -> Result<Model> {
    let settings = manifesto_core::checks::Settings {
        default_namespace: namespace.map(str::to_owned),
        ..Default::default()
    };
    load_with(paths, &settings)
}

/// Like [`load`], with the namespace and the ignored paths of `settings` (ignored paths apply
/// to the files found in folders; a file named on the command line is always read).
pub(crate) fn load_with(
    paths: &[PathBuf],
    settings: &manifesto_core::checks::Settings,
) -> Result<Model> {
    let mut files = Vec::new();
    let mut read_diagnostics: Vec<Diagnostic> = Vec::new();
    for path in paths {
        let mut add = |name: String, bytes: Vec<u8>| {
            let (file, diag) = SourceFile::from_bytes(name, &bytes);
            files.push(file);
            read_diagnostics.extend(diag);
        };
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            add("<stdin>".to_owned(), bytes);
        } else if path.is_dir() {
            for file in manifest_files(path)? {
                let shown = file
                    .strip_prefix(path)
                    .unwrap_or(&file)
                    .display()
                    .to_string();
                if settings.is_ignored(&shown) || settings.is_ignored(&file.display().to_string()) {
                    continue;
                }
                let bytes = std::fs::read(&file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
                add(file.display().to_string(), bytes);
            }
        } else if path.exists() {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            add(path.display().to_string(), bytes);
        } else {
            bail!("{}: no such file or folder", path.display());
        }
    }
    let options: ParseOptions = settings.parse_options();
    let mut model = Model::from_files_with(files, &options);
    model.diagnostics.extend(read_diagnostics);
    model
        .diagnostics
        .sort_by(|a, b| a.location.cmp(&b.location));
    Ok(model)
}

/// The manifest files under `dir`, recursively, sorted by path.
fn manifest_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .with_context(|| format!("cannot read folder {}", dir.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}
