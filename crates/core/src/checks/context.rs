//! What checks read: the model, the user's settings and the relationship graph.

use std::cell::OnceCell;
use std::collections::BTreeSet;

use super::Check;
use crate::graph::{Graph, GraphOptions};
use crate::model::Model;

/// The user's choices: checks turned on or off, and the Kubernetes version the manifests target.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Checks turned off although on by default.
    pub disabled: BTreeSet<String>,
    /// Opt-in checks turned on.
    pub enabled: BTreeSet<String>,
    /// The target Kubernetes version as (major, minor); `None` means the newest.
    pub target_version: Option<(u32, u32)>,
}

impl Settings {
    /// Whether `check` runs under these settings.
    pub fn is_enabled(&self, check: &Check) -> bool {
        if check.enabled_by_default { !self.disabled.contains(check.id) } else { self.enabled.contains(check.id) }
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
}

impl<'a> Context<'a> {
    /// A context over `model` with `settings`.
    pub fn new(model: &'a Model, settings: &'a Settings) -> Self {
        Context { model, settings, graph: OnceCell::new() }
    }

    /// The relationship graph of the model (with the default [`GraphOptions`]), built once and
    /// shared by every check that reads relationships.
    pub fn graph(&self) -> &Graph {
        self.graph.get_or_init(|| Graph::build(self.model, &GraphOptions::default()))
    }
}
