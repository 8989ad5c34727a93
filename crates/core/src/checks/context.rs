//! What checks read: the model, the user's settings and the relationship graph.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

use super::support::pods::Pod;
use super::{Check, Finding, Level};
use crate::graph::{Graph, GraphOptions, Problem, ProblemCode};
use crate::model::{Model, Object};

/// The user's choices: checks turned on or off, and the Kubernetes version the manifests target.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    /// Checks turned off although on by default.
    pub disabled: BTreeSet<String>,
    /// Opt-in checks turned on.
    pub enabled: BTreeSet<String>,
    /// The target Kubernetes version as (major, minor); `None` means the newest.
    pub target_version: Option<(u32, u32)>,
    /// Severity overrides by check id (`--severity ID=warning`).
    pub severity: BTreeMap<String, Level>,
    /// The namespace of namespaced objects that name none (`kubectl apply -n`); `None` means
    /// `default`. Callers pass it to the parser ([`crate::parse::ParseOptions`]).
    pub default_namespace: Option<String>,
    /// Files to leave out, as glob patterns over their names (`*` any text but `/`, `**` any
    /// text, `?` one character); callers apply them when reading.
    pub ignore_paths: Vec<String>,
    /// The labels `recommended-labels` requires; empty means its defaults
    /// (`app.kubernetes.io/name` and `app.kubernetes.io/instance`).
    pub required_labels: Vec<String>,
}

impl Settings {
    /// The parse options these settings imply (the apply-time namespace).
    pub fn parse_options(&self) -> crate::parse::ParseOptions {
        self.default_namespace
            .as_deref()
            .map(crate::parse::ParseOptions::with_namespace)
            .unwrap_or_default()
    }

    /// Whether `name` (a file name as given) matches one of [`Settings::ignore_paths`].
    pub fn is_ignored(&self, name: &str) -> bool {
        let name = name.trim_start_matches("./");
        self.ignore_paths
            .iter()
            .any(|p| crate::text::glob_matches(p.trim_start_matches("./"), name))
    }

    /// The severity the user chose for the check with this id (or one of its old ids).
    pub fn severity_of(&self, id: &str) -> Option<Level> {
        if let Some(level) = self.severity.get(id) {
            return Some(*level);
        }
        let check = super::by_id(id)?;
        check
            .old_ids()
            .find_map(|old| self.severity.get(old).copied())
    }

    /// Whether `check` runs under these settings.
    pub fn is_enabled(&self, check: &Check) -> bool {
        let named = |ids: &BTreeSet<String>| ids.iter().any(|id| check.is_named(id));
        if check.enabled_by_default {
            !named(&self.disabled)
        } else {
            named(&self.enabled)
        }
    }

    /// Turns the check `id` on or off, recording only a departure from its default (an
    /// on-by-default check goes into [`Settings::disabled`], an opt-in one into
    /// [`Settings::enabled`]). Returns whether the settings changed: `false` for an unknown id
    /// or a check already in that state.
    pub fn set_enabled(&mut self, id: &str, on: bool) -> bool {
        let Some(check) = super::by_id(id) else {
            return false;
        };
        match (check.enabled_by_default, on) {
            (true, true) => self.disabled.remove(check.id),
            (true, false) => self.disabled.insert(check.id.to_owned()),
            (false, true) => self.enabled.insert(check.id.to_owned()),
            (false, false) => self.enabled.remove(check.id),
        }
    }
}

/// Everything a check may read.
pub struct Context<'a> {
    /// The objects.
    pub model: &'a Model,
    /// The user's settings.
    pub settings: &'a Settings,
    /// The relationship graph, built the first time a check asks for it.
    graph: OnceCell<Graph>,
    /// The pod specs with their containers, found the first time a check asks for them.
    pods: OnceCell<Vec<Pod<'a>>>,
}

impl<'a> Context<'a> {
    /// A context over `model` with `settings`.
    pub fn new(model: &'a Model, settings: &'a Settings) -> Self {
        Context {
            model,
            settings,
            graph: OnceCell::new(),
            pods: OnceCell::new(),
        }
    }

    /// Every pod spec of the model (a bare Pod or a workload's template) with its containers, in
    /// model order: found once and shared by the many checks that read pods.
    pub(crate) fn pods(&self) -> &[Pod<'a>] {
        self.pods.get_or_init(|| {
            self.model
                .pod_owners()
                .filter_map(|obj| {
                    let spec = obj.pod_spec()?;
                    Some(Pod {
                        obj,
                        spec: spec.spec,
                        path: spec.path,
                        containers: obj.containers(),
                    })
                })
                .collect()
        })
    }

    /// The relationship graph of the model (with the default [`GraphOptions`]), built once and
    /// shared by every check that reads relationships.
    pub fn graph(&self) -> &Graph {
        self.graph
            .get_or_init(|| Graph::build(self.model, &GraphOptions::default()))
    }

    /// The graph's problems with `code`, each with the object it is attached to.
    pub fn graph_problems(&self, code: ProblemCode) -> Vec<(&'a Object, &Problem)> {
        let model = self.model;
        self.graph()
            .problems_with(code)
            .filter_map(|p| Some((model.get(&p.object)?, p)))
            .collect()
    }

    /// A finding of `check` for each of the graph's problems with `code`, at the problem's field,
    /// with its message; problems the manifests alone cannot confirm (`definite: false`) get
    /// `uncertain` as their severity, and advice (`advisory: true`) is info.
    pub(crate) fn graph_findings(
        &self,
        check: &Check,
        code: ProblemCode,
        uncertain: Level,
        help: impl Fn(&Problem) -> String,
    ) -> Vec<Finding> {
        self.graph_problems(code)
            .into_iter()
            .map(|(obj, p)| {
                let mut finding =
                    Finding::new(check, obj, &p.field, p.message.clone()).help(help(p));
                if p.advisory {
                    finding = finding.severity(Level::Info);
                } else if !p.definite {
                    finding = finding.severity(uncertain);
                }
                if let Some(container) = &p.container {
                    finding = finding.container(container);
                }
                finding
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Settings;
    use crate::checks::by_id;

    #[test]
    fn set_enabled_records_only_departures_from_the_default() {
        let mut settings = Settings::default();
        let on = by_id("anti-affinity-missing").expect("an on-by-default check");
        let opt_in = by_id("image-digest-missing").expect("an opt-in check");
        assert!(on.enabled_by_default && !opt_in.enabled_by_default);

        assert!(!settings.set_enabled(on.id, true), "already on");
        assert!(settings.set_enabled(on.id, false));
        assert!(!settings.is_enabled(on));
        assert!(settings.disabled.contains(on.id));
        assert!(settings.set_enabled(on.id, true));
        assert!(settings.is_enabled(on));

        assert!(settings.set_enabled(opt_in.id, true));
        assert!(settings.is_enabled(opt_in));
        assert!(!settings.set_enabled(opt_in.id, true), "already on");
        assert!(settings.set_enabled(opt_in.id, false));
        assert_eq!(settings, Settings::default());

        assert!(!settings.set_enabled("no-such-check", false));
        assert_eq!(settings, Settings::default());
    }
}
