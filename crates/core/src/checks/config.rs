//! The configuration file, `.manifesto.yaml`: which checks run and how loud they are, the target
//! Kubernetes version, the apply-time namespace, files to leave out and per-check options.
//! Read from text (the caller finds and reads the file); every mistake is a located diagnostic
//! with a "did you mean".

use super::{ALL, Level, Settings, named_by};
use crate::parse::tree::{Node, Value};
use crate::parse::yaml::read_documents;
use crate::source::{Diagnostic, Location, Pos};
use crate::text::closest;

/// The file name looked for from the current folder upwards.
pub const FILE_NAME: &str = ".manifesto.yaml";

/// The keys of the file, with what each holds (for "did you mean" and `config init`).
const TOP_KEYS: &[&str] = &[
    "checks",
    "kubernetesVersion",
    "namespace",
    "ignore",
    "options",
];
const CHECKS_KEYS: &[&str] = &["enable", "disable", "severity"];
/// Per-check options: (check id, option keys).
const OPTIONS: &[(&str, &[&str])] = &[("recommended-labels", &["required"])];

/// A commented configuration file with every key, as `manifesto config init` writes it.
pub const TEMPLATE: &str = r#"# Manifesto configuration: found from the current folder upwards, or given with --config.
# Every key is optional; `manifesto checks list` lists the check ids.

checks:
  # Opt-in checks to run too (or `all` to run every check).
  enable: []
  # Checks to turn off.
  disable: []
  # Severity overrides: error, warning or info.
  severity: {}
  #   replicas-single: info

# The Kubernetes version the manifests target (deprecated and removed APIs are judged by it).
# kubernetesVersion: "1.29"

# The namespace of objects that name none, as `kubectl apply -n NS` gives them.
namespace: default

# Files and folders to leave out, as globs: `*` (no `/`), `**` (anything), `?`.
ignore: []
#  - charts/**/templates/tests/*.yaml

# Options of single checks.
options:
  recommended-labels:
    # The labels every workload, Service and Ingress must carry.
    required:
      - app.kubernetes.io/name
      - app.kubernetes.io/instance
"#;

/// Reads a configuration file's text into settings. `file` names it in diagnostics. Every
/// problem (syntax, unknown key or check id, wrong type) is an error diagnostic; the settings are
/// returned only when there is none.
pub fn parse_config(file: &str, text: &str) -> Result<Settings, Vec<Diagnostic>> {
    let mut reader = Reader {
        file,
        errors: Vec::new(),
    };
    let mut settings = Settings::default();
    let docs = read_documents(text);
    for doc in &docs {
        match &doc.result {
            Ok(node) => reader.top(node, &mut settings),
            Err(err) => reader.error(err.pos, format!("YAML syntax error: {}", err.message)),
        }
    }
    if reader.errors.is_empty() {
        Ok(settings)
    } else {
        Err(reader.errors)
    }
}

struct Reader<'a> {
    file: &'a str,
    errors: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, pos: Pos, message: String) {
        self.errors
            .push(Diagnostic::error(Location::new(self.file, pos), message));
    }

    /// The entries of a mapping, or an error saying `what` must be one.
    fn map<'n>(&mut self, node: &'n Node, what: &str) -> &'n [crate::parse::tree::Entry] {
        match &node.value {
            Value::Map(entries) => entries,
            Value::Null => &[],
            _ => {
                self.error(node.pos, format!("`{what}` must be a mapping"));
                &[]
            }
        }
    }

    fn unknown_key(&mut self, pos: Pos, key: &str, place: &str, known: &[&str]) {
        let hint = closest(key, known.iter().copied()).map_or_else(
            || format!(" (known keys: {})", known.join(", ")),
            |k| format!("; did you mean `{k}`?"),
        );
        self.error(pos, format!("unknown key `{key}` in {place}{hint}"));
    }

    fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(n) => Some(n.to_string()),
            Value::Float(f) => Some(f.to_string()),
            _ => {
                self.error(node.pos, format!("`{what}` must be a string"));
                None
            }
        }
    }

    /// A list of strings (a single string counts as a list of one).
    fn list(&mut self, node: &Node, what: &str) -> Vec<(Pos, String)> {
        match &node.value {
            Value::Null => Vec::new(),
            Value::Seq(items) => items
                .iter()
                .filter_map(|i| Some((i.pos, self.text(i, what)?)))
                .collect(),
            _ => self
                .text(node, what)
                .map(|t| vec![(node.pos, t)])
                .unwrap_or_default(),
        }
    }

    /// A check id (or an old one); an unknown id is an error with a suggestion.
    fn check_id(&mut self, pos: Pos, id: &str) -> bool {
        if !named_by(id).is_empty() {
            return true;
        }
        let hint = closest(id, ALL.iter().map(|c| c.id)).map_or_else(
            || "; `manifesto checks list` lists every check".to_owned(),
            |c| format!("; did you mean `{c}`?"),
        );
        self.error(pos, format!("unknown check `{id}`{hint}"));
        false
    }

    fn top(&mut self, node: &Node, settings: &mut Settings) {
        for entry in self.map(node, "the configuration") {
            let v = &entry.value;
            match entry.key.as_str() {
                "checks" => self.checks(v, settings),
                "kubernetesVersion" => {
                    if let Some(text) = self.text(v, "kubernetesVersion") {
                        match parse_version(&text) {
                            Some(version) => settings.target_version = Some(version),
                            None => self.error(
                                v.pos,
                                format!("kubernetesVersion `{text}` is not MAJOR.MINOR, such as \"1.29\""),
                            ),
                        }
                    }
                }
                "namespace" => {
                    if let Some(ns) = self.text(v, "namespace") {
                        settings.default_namespace = Some(ns);
                    }
                }
                "ignore" => {
                    settings.ignore_paths =
                        self.list(v, "ignore").into_iter().map(|(_, p)| p).collect();
                }
                "options" => self.options(v, settings),
                other => self.unknown_key(entry.key_pos, other, "the configuration", TOP_KEYS),
            }
        }
    }

    fn checks(&mut self, node: &Node, settings: &mut Settings) {
        for entry in self.map(node, "checks") {
            let v = &entry.value;
            match entry.key.as_str() {
                "enable" => {
                    for (pos, id) in self.list(v, "checks.enable") {
                        if id == "all" {
                            settings.enabled.extend(ALL.iter().map(|c| c.id.to_owned()));
                        } else if self.check_id(pos, &id) {
                            settings.enabled.insert(id);
                        }
                    }
                }
                "disable" => {
                    for (pos, id) in self.list(v, "checks.disable") {
                        if self.check_id(pos, &id) {
                            settings.disabled.insert(id);
                        }
                    }
                }
                "severity" => {
                    for e in self.map(v, "checks.severity") {
                        if !self.check_id(e.key_pos, &e.key) {
                            continue;
                        }
                        let Some(level) = self.text(&e.value, "severity") else {
                            continue;
                        };
                        match Level::parse(&level) {
                            Some(level) => {
                                settings.severity.insert(e.key.clone(), level);
                            }
                            None => self.error(
                                e.value.pos,
                                format!(
                                        "severity `{level}` is not one of error, warning, info{}",
                                        ["error", "warning", "info"]
                                            .into_iter()
                                            .find(|l| !level.is_empty()
                                                && l.starts_with(level.as_str()))
                                            .or_else(|| closest(
                                                &level,
                                                ["error", "warning", "info"]
                                            ))
                                            .map(|l| format!("; did you mean `{l}`?"))
                                            .unwrap_or_default()
                                    ),
                            ),
                        }
                    }
                }
                other => self.unknown_key(entry.key_pos, other, "checks", CHECKS_KEYS),
            }
        }
    }

    fn options(&mut self, node: &Node, settings: &mut Settings) {
        for entry in self.map(node, "options") {
            let Some((_, keys)) = OPTIONS.iter().find(|(id, _)| *id == entry.key) else {
                if self.check_id(entry.key_pos, &entry.key) {
                    self.error(
                        entry.key_pos,
                        format!("check `{}` has no options", entry.key),
                    );
                }
                continue;
            };
            for option in self.map(&entry.value, &entry.key) {
                match (entry.key.as_str(), option.key.as_str()) {
                    ("recommended-labels", "required") => {
                        settings.required_labels = self
                            .list(&option.value, "required")
                            .into_iter()
                            .map(|(_, l)| l)
                            .collect();
                    }
                    (id, other) => {
                        let place = format!("the options of {id}");
                        self.unknown_key(option.key_pos, other, &place, keys);
                    }
                }
            }
        }
    }
}

/// The settings as a configuration file that [`parse_config`] reads back to the same settings
/// (for exporting the page's settings).
pub fn to_config(settings: &Settings) -> String {
    fn quoted(text: &str) -> String {
        serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
    }
    fn list<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
        let items: Vec<String> = items.into_iter().map(|i| quoted(i)).collect();
        format!("[{}]", items.join(", "))
    }
    let mut out =
        String::from("# Manifesto configuration (see `manifesto config init` for every key).\n");
    out.push_str("checks:\n");
    out.push_str(&format!("  enable: {}\n", list(&settings.enabled)));
    out.push_str(&format!("  disable: {}\n", list(&settings.disabled)));
    if settings.severity.is_empty() {
        out.push_str("  severity: {}\n");
    } else {
        out.push_str("  severity:\n");
        for (id, level) in &settings.severity {
            out.push_str(&format!("    {}: {}\n", quoted(id), level.as_str()));
        }
    }
    if let Some((major, minor)) = settings.target_version {
        out.push_str(&format!("kubernetesVersion: \"{major}.{minor}\"\n"));
    }
    if let Some(ns) = &settings.default_namespace {
        out.push_str(&format!("namespace: {}\n", quoted(ns)));
    }
    out.push_str(&format!("ignore: {}\n", list(&settings.ignore_paths)));
    if !settings.required_labels.is_empty() {
        out.push_str(&format!(
            "options:\n  recommended-labels:\n    required: {}\n",
            list(&settings.required_labels)
        ));
    }
    out
}

/// `1.29` (or `v1.29`) as (1, 29).
pub fn parse_version(text: &str) -> Option<(u32, u32)> {
    let trimmed = text.trim().trim_start_matches('v');
    let (major, minor) = trimmed.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        match parse_config(".manifesto.yaml", text) {
            Ok(_) => Vec::new(),
            Err(diags) => diags
                .iter()
                .map(|d| format!("{} {}", d.location, d.message))
                .collect(),
        }
    }

    #[test]
    fn the_template_reads_as_the_defaults_plus_its_labels() {
        let settings = parse_config(FILE_NAME, TEMPLATE).expect("the template is valid");
        assert_eq!(settings.default_namespace.as_deref(), Some("default"));
        assert_eq!(settings.required_labels.len(), 2);
        assert!(settings.enabled.is_empty() && settings.disabled.is_empty());
    }

    #[test]
    fn every_setting_is_read() {
        let settings = parse_config(
            FILE_NAME,
            "checks:\n  enable: [pdb-missing]\n  disable: [image-digest-missing]\n  severity: {replicas-single: info}\nkubernetesVersion: \"1.25\"\nnamespace: shop\nignore: [charts/**]\noptions:\n  recommended-labels: {required: [team]}\n",
        )
        .expect("valid");
        assert!(settings.enabled.contains("pdb-missing"));
        assert!(settings.disabled.contains("image-digest-missing"));
        assert_eq!(settings.severity.get("replicas-single"), Some(&Level::Info));
        assert_eq!(settings.target_version, Some((1, 25)));
        assert_eq!(settings.default_namespace.as_deref(), Some("shop"));
        assert!(settings.is_ignored("charts/web/templates/a.yaml"));
        assert_eq!(settings.required_labels, ["team"]);
        let all = parse_config(FILE_NAME, "checks: {enable: all}\n").expect("valid");
        assert_eq!(all.enabled.len(), ALL.len());
    }

    #[test]
    fn exported_settings_read_back_the_same() {
        let settings = parse_config(
            FILE_NAME,
            "checks:\n  enable: [pdb-missing]\n  disable: [image-digest-missing]\n  severity: {replicas-single: info}\nkubernetesVersion: \"1.25\"\nnamespace: shop\nignore: [\"charts/**\"]\noptions:\n  recommended-labels: {required: [team]}\n",
        )
        .expect("valid");
        let text = to_config(&settings);
        assert_eq!(
            parse_config(FILE_NAME, &text).expect("valid export"),
            settings,
            "{text}"
        );
        let defaults = to_config(&Settings::default());
        assert_eq!(
            parse_config(FILE_NAME, &defaults).expect("valid"),
            Settings::default()
        );
    }

    #[test]
    fn unknown_keys_and_ids_are_located_with_a_suggestion() {
        assert_eq!(
            errors("checks:\n  disabel: [pdb-missing]\n  enable: [pdb-mising]\nnamepsace: x\n"),
            [
                ".manifesto.yaml:2:3 unknown key `disabel` in checks; did you mean `disable`?",
                ".manifesto.yaml:3:12 unknown check `pdb-mising`; did you mean `pdb-missing`?",
                ".manifesto.yaml:4:1 unknown key `namepsace` in the configuration; did you mean `namespace`?",
            ]
        );
        assert_eq!(
            errors("checks:\n  severity: {replicas-single: warn}\n"),
            [
                ".manifesto.yaml:2:31 severity `warn` is not one of error, warning, info; did you mean `warning`?"
            ]
        );
        assert!(!errors("checks: [\n").is_empty());
    }
}
