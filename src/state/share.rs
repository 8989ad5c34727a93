//! The workspace as a share link carries it: taken from the state, and a state made from it.

use std::rc::Rc;
use strum::VariantArray;

use manifesto_core::ObjectId;
use manifesto_core::rollout::{self, RolloutOptions, TemplateChange};
use manifesto_core::share::{
    self, SharedFile, SharedRollout, SharedSettings, Workspace, has_secret_values, redact_secrets,
};

use super::{AppState, LoadedFile, RolloutView, View};

impl AppState {
    /// The files as a share link carries them.
    fn shared_files(&self) -> Vec<SharedFile> {
        self.files
            .iter()
            .map(|f| SharedFile {
                name: f.name.clone(),
                text: f.text.clone(),
            })
            .collect()
    }

    /// The Compare view's baseline as a share link carries it.
    fn shared_baseline(&self) -> Option<Vec<SharedFile>> {
        let baseline = self.baseline.as_ref()?;
        Some(
            baseline
                .files
                .iter()
                .map(|(name, text)| SharedFile {
                    name: name.clone(),
                    text: text.clone(),
                })
                .collect(),
        )
    }

    /// Whether any Secret in the files, or in the baseline, holds a value.
    pub fn has_secret_values(&self) -> bool {
        has_secret_values(&self.shared_files())
            || self
                .shared_baseline()
                .is_some_and(|files| has_secret_values(&files))
    }

    /// What the user is looking at, with the Compare view's baseline when `with_baseline` is
    /// set, and every Secret value replaced by a placeholder when `redact` is set.
    pub fn snapshot(&self, redact: bool, with_baseline: bool) -> Workspace {
        let hide = |files: Vec<SharedFile>| {
            if redact {
                redact_secrets(&files)
            } else {
                files
            }
        };
        Workspace {
            files: hide(self.shared_files()),
            baseline: self.shared_baseline().filter(|_| with_baseline).map(hide),
            active_file: self.active_file().map(|f| f.name.clone()),
            view: Some(self.view.key().to_owned()),
            selected: self.selected.as_ref().map(|id| id.as_str().to_owned()),
            rollout: self.rollout_view.as_ref().map(|r| SharedRollout {
                workload: r.workload.as_str().to_owned(),
                tag: r.tag.clone(),
                fail_new: r.fail_new,
                undo: r.undo,
                step: r.step,
            }),
            settings: SharedSettings::of(&self.settings),
            lesson: self.shared_lesson(),
        }
    }

    /// The share link payload of what the user is looking at (see [`AppState::snapshot`]).
    pub fn share_payload(&self, redact: bool, with_baseline: bool) -> String {
        share::encode(&self.snapshot(redact, with_baseline))
    }

    /// A state showing a shared workspace. Nothing of it is saved until the user changes it.
    pub fn from_shared(workspace: Workspace) -> Self {
        let files = workspace
            .files
            .into_iter()
            .map(|f| LoadedFile {
                name: f.name,
                text: f.text,
                problem: None,
            })
            .collect();
        let baseline = workspace
            .baseline
            .map(|files| files.into_iter().map(|f| (f.name, f.text)).collect());
        let mut state = AppState::with_files(files, workspace.active_file.as_deref())
            .with_settings(workspace.settings.to_settings())
            .with_baseline(baseline);
        if let Some(view) = workspace
            .view
            .and_then(|key| View::VARIANTS.iter().copied().find(|v| v.key() == key))
        {
            state.view = view;
        }
        state.selected = workspace
            .selected
            .and_then(|id| state.model.get_str(&id).map(|o| o.id.clone()));
        state.rollout_view = workspace
            .rollout
            .and_then(|r| rollout_view(&state, r))
            .map(Rc::new);
        state.learn = Rc::new(super::Learn::of_link(workspace.lesson));
        state
    }
}

/// The rollout view of a shared rollout, simulated again (`None` when it no longer applies).
fn rollout_view(state: &AppState, shared: SharedRollout) -> Option<RolloutView> {
    let workload: ObjectId = state.model.get_str(&shared.workload)?.id.clone();
    let options = RolloutOptions {
        change: TemplateChange::NewImageTag(shared.tag.trim().to_owned()),
        fail_new: shared.fail_new,
        ..RolloutOptions::default()
    };
    let simulated = if shared.undo {
        rollout::simulate_undo(&state.model, &workload, &options)
    } else {
        rollout::simulate(&state.model, &workload, &options)
    }
    .ok()?;
    let step = shared.step.min(simulated.passes.len());
    let settled = match step {
        0 => simulated.initial.clone(),
        k => simulated
            .passes
            .get(k - 1)
            .map_or_else(|| simulated.last().clone(), |p| p.settled.clone()),
    };
    Some(RolloutView {
        workload,
        tag: shared.tag,
        fail_new: shared.fail_new,
        undo: shared.undo,
        step,
        replica_sets: (simulated.old_rs_name.clone(), simulated.new_rs_name.clone()),
        state: settled,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use manifesto_core::samples::Sample;

    #[test]
    fn a_shared_state_comes_back_as_it_was() {
        let mut state = AppState::with_sample(Sample::FeastFlow);
        state.view = View::Graph;
        state.selected = state
            .model
            .get_str("Deployment/feastflow/feastflow-backend")
            .map(|o| o.id.clone());
        let payload = state.share_payload(false, true);
        let back = AppState::from_shared(share::decode(&payload).expect("a workspace"));
        assert_eq!(back.view, View::Graph);
        assert_eq!(back.selected, state.selected);
        assert_eq!(back.files.len(), state.files.len());
        assert_eq!(back.save_rev, 0, "nothing to save until the user edits");
        let redacted = share::decode(&state.share_payload(true, true)).expect("a workspace");
        assert!(
            !redacted
                .files
                .iter()
                .any(|f| f.text.contains("ZmVhc3RmbG93LWRldi1wYXNzd29yZA=="))
        );
    }

    #[test]
    fn the_compare_baseline_travels_when_asked_and_its_secrets_are_hidden() {
        let before = AppState::with_sample(Sample::FeastFlow);
        let mut state = AppState::with_sample(Sample::FeastFlow);
        state.load_baseline(
            before
                .files
                .iter()
                .map(|f| (f.name.clone(), f.text.replace(":latest", ":v1.3.0")))
                .collect(),
        );
        let back = AppState::from_shared(
            share::decode(&state.share_payload(false, true)).expect("a workspace"),
        );
        let diff = back.diff.as_ref().expect("the diff is shown at once");
        assert!(
            diff.objects
                .iter()
                .any(|o| o.id.as_str() == "Deployment/feastflow/feastflow-backend"),
            "{:?}",
            diff.objects
        );
        let without = share::decode(&state.share_payload(false, false)).expect("a workspace");
        assert_eq!(without.baseline, None);
        let redacted = share::decode(&state.share_payload(true, true)).expect("a workspace");
        let baseline = redacted.baseline.expect("the baseline travels");
        assert!(
            !baseline
                .iter()
                .any(|f| f.text.contains("ZmVhc3RmbG93LWRldi1wYXNzd29yZA==")),
            "the baseline's Secret values are placeholders too"
        );
    }
}
