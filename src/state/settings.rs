//! The review settings: checks on or off, the targeted Kubernetes version and the namespace of
//! objects that name none. The rules are the core's ([`Settings`]); this only says what must be
//! read again when they change.

use manifesto_core::checks::Settings;

use super::AppState;

impl AppState {
    /// The same state reviewed under `settings` (restored from storage at start).
    #[must_use]
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.replace_settings(settings);
        self
    }

    /// [`super::Action::ReplaceSettings`]: every setting at once; the files are read again when
    /// the namespace changes, else only reviewed again.
    pub(super) fn replace_settings(&mut self, settings: Settings) -> bool {
        if self.settings == settings {
            return false;
        }
        let reread = self.settings.default_namespace != settings.default_namespace;
        self.settings = settings;
        self.settings_changed(reread);
        true
    }

    /// [`super::Action::SetCheckEnabled`]: a check turned on or off.
    pub(super) fn set_check_enabled(&mut self, id: &str, on: bool) -> bool {
        if !self.settings.set_enabled(id, on) {
            return false;
        }
        self.settings_changed(false);
        true
    }

    /// [`super::Action::SetTargetVersion`]: another targeted Kubernetes version.
    pub(super) fn set_target_version(&mut self, version: Option<(u32, u32)>) -> bool {
        if self.settings.target_version == version {
            return false;
        }
        self.settings.target_version = version;
        self.settings_changed(false);
        true
    }

    /// [`super::Action::SetDefaultNamespace`]: another namespace for objects that name none;
    /// `default` and blanks mean none.
    pub(super) fn set_default_namespace(&mut self, namespace: Option<String>) -> bool {
        let namespace = namespace
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty() && n != "default");
        if self.settings.default_namespace == namespace {
            return false;
        }
        self.settings.default_namespace = namespace;
        self.settings_changed(true);
        true
    }
}

#[cfg(test)]
mod tests {
    use manifesto_core::checks;
    use manifesto_core::samples::Sample;

    use super::super::testing::{file, reduce};
    use super::super::{Action, AppState};

    #[test]
    fn disabling_a_check_reviews_again_without_it() {
        let state = AppState::with_sample(Sample::FeastFlow);
        let fired = |s: &AppState| {
            s.review
                .findings
                .iter()
                .filter(|f| f.check == "image-tag-mutable")
                .count()
        };
        assert!(fired(&state) > 0);
        let state = reduce(
            state,
            Action::SetCheckEnabled("image-tag-mutable".into(), false),
        );
        assert_eq!(fired(&state), 0);
        assert!(state.settings.disabled.contains("image-tag-mutable"));
        let state = reduce(
            state,
            Action::SetCheckEnabled("image-tag-mutable".into(), true),
        );
        assert!(fired(&state) > 0);
        assert!(state.settings.disabled.is_empty());
    }

    #[test]
    fn the_namespace_setting_moves_namespace_less_objects_and_their_ids() {
        let state = AppState::with_files(
            vec![file(
                "a.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n",
            )],
            None,
        );
        assert!(state.model.get_str("ConfigMap/default/settings").is_some());
        let state = reduce(state, Action::SetDefaultNamespace(Some("staging".into())));
        assert!(state.model.get_str("ConfigMap/staging/settings").is_some());
        assert_eq!(state.settings.default_namespace.as_deref(), Some("staging"));
        let state = reduce(state, Action::SetDefaultNamespace(Some("default".into())));
        assert!(state.model.get_str("ConfigMap/default/settings").is_some());
        assert_eq!(state.settings.default_namespace, None);
    }

    #[test]
    fn an_imported_configuration_replaces_the_settings_and_reads_the_files_again() {
        let state = AppState::with_files(
            vec![file(
                "a.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n",
            )],
            None,
        );
        let imported = checks::config::parse_config(
            "manifesto.yaml",
            "namespace: shop\nchecks: {disable: [default-namespace]}\n",
        )
        .expect("valid");
        let state = reduce(state, Action::ReplaceSettings(Box::new(imported)));
        assert!(state.model.get_str("ConfigMap/shop/settings").is_some());
        assert!(state.settings.disabled.contains("default-namespace"));
    }
}
