//! Revisions of a Deployment: what `kubectl rollout history` lists and what
//! `kubectl rollout undo [--to-revision=N]` does.
//!
//! Undo is client-side: kubectl copies an old ReplicaSet's template into the Deployment. The
//! controller then finds that ReplicaSet (its template matches), makes it the new one and
//! renumbers it to `max(old revisions) + 1`; its previous number moves to the
//! `deployment.kubernetes.io/revision-history` annotation. So revisions move: 1, 2, 3 → undo →
//! 1, 3, 4. Old ReplicaSets beyond `revisionHistoryLimit` are deleted once a rollout completes.

use k8s_openapi::api::core::v1::PodTemplateSpec;
use serde::Serialize;

use super::deployment::REVISION_ANNOTATION;
use super::hash::{revision_name, templates_equal};
use super::{Result, RolloutError, find_workload, image_with_tag};
use crate::model::{Model, ObjectId, Resource};

/// The most characters upstream keeps in the revision-history annotation.
const MAX_REVISION_HISTORY_CHARS: usize = 2000;

/// One ReplicaSet of the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    /// `deployment.kubernetes.io/revision`.
    pub revision: u32,
    /// The ReplicaSet's name.
    pub replica_set: String,
    /// The first container's image.
    pub image: Option<String>,
    /// `deployment.kubernetes.io/revision-history`: the numbers it had before.
    pub revision_history: Vec<u32>,
    /// Its pod template.
    #[serde(skip)]
    pub template: PodTemplateSpec,
}

/// What `kubectl rollout undo` did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UndoOutcome {
    /// kubectl's message: `deployment.apps/web rolled back` or
    /// `deployment.apps/web skipped rollback (current template already matches revision 3)`.
    pub message: String,
    /// Whether the template changed (and a rollout follows).
    pub rolled_back: bool,
    /// The revision that now runs.
    pub current: Revision,
}

/// A Deployment's ReplicaSets with their revisions; every change is assumed to roll out
/// completely before the next one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevisionHistory {
    /// The Deployment's name.
    pub deployment: String,
    /// Its namespace.
    pub namespace: String,
    /// `revisionHistoryLimit` (default 10): old ReplicaSets kept for rollback.
    pub limit: u32,
    /// `spec.paused`: kubectl refuses to roll a paused Deployment back.
    pub paused: bool,
    /// The live ReplicaSets, oldest first.
    pub replica_sets: Vec<Revision>,
    /// Index of the current (new) ReplicaSet in `replica_sets`.
    current: usize,
}

fn first_image(template: &PodTemplateSpec) -> Option<String> {
    template.spec.as_ref()?.containers.first()?.image.clone()
}

impl RevisionHistory {
    /// A Deployment created with `template`: one ReplicaSet at `revision`.
    pub fn new(
        deployment: &str,
        namespace: &str,
        template: PodTemplateSpec,
        revision: u32,
        limit: u32,
    ) -> Self {
        RevisionHistory {
            deployment: deployment.to_owned(),
            namespace: namespace.to_owned(),
            limit,
            paused: false,
            replica_sets: vec![Revision {
                revision,
                replica_set: revision_name(deployment, &template),
                image: first_image(&template),
                revision_history: Vec::new(),
                template,
            }],
            current: 0,
        }
    }

    /// The history of a Deployment in the model, as it is right after it was applied.
    pub fn of(model: &Model, workload: &ObjectId) -> Result<Self> {
        let object = find_workload(model, workload)?;
        let Resource::Deployment(d) = &*object.resource else {
            return Err(RolloutError::NotSimulatable {
                id: object.id.to_string(),
                kind: object.kind.clone(),
            });
        };
        let revision = object
            .annotations()
            .get(REVISION_ANNOTATION)
            .and_then(|r| r.parse().ok())
            .filter(|r| *r > 0 && *r < i32::MAX as u32)
            .unwrap_or(1);
        let limit = d.spec.revision_history_limit.unwrap_or(10).max(0) as u32;
        let mut history = RevisionHistory::new(
            &object.name,
            object.ns(),
            d.spec.template.clone(),
            revision,
            limit,
        );
        history.paused = d.spec.paused.unwrap_or(false);
        Ok(history)
    }

    /// The ReplicaSet that runs now.
    pub fn current(&self) -> &Revision {
        &self.replica_sets[self.current]
    }

    /// The revision numbers, ascending, as `kubectl rollout history` lists them.
    pub fn revisions(&self) -> Vec<u32> {
        let mut out: Vec<u32> = self.replica_sets.iter().map(|r| r.revision).collect();
        out.sort_unstable();
        out
    }

    /// `kubectl rollout history deployment/NAME` output.
    pub fn table(&self) -> String {
        let mut out = format!(
            "deployment.apps/{}\nREVISION  CHANGE-CAUSE\n",
            self.deployment
        );
        for revision in self.revisions() {
            out.push_str(&format!("{revision:<9} <none>\n"));
        }
        out
    }

    /// The Deployment's template becomes `template` and the rollout completes: the controller
    /// reuses the oldest ReplicaSet with an equal template (renumbering it) or creates one, then
    /// deletes old ReplicaSets beyond the limit. Returns the current revision.
    pub fn apply(&mut self, template: PodTemplateSpec) -> &Revision {
        if templates_equal(&self.current().template, &template) {
            return self.current();
        }
        let next = self
            .replica_sets
            .iter()
            .map(|r| r.revision)
            .max()
            .unwrap_or(0)
            + 1;
        match self
            .replica_sets
            .iter()
            .position(|r| templates_equal(&r.template, &template))
        {
            Some(i) => {
                let rs = &mut self.replica_sets[i];
                rs.revision_history.push(rs.revision);
                while rs
                    .revision_history
                    .iter()
                    .map(|r| r.to_string().len() + 1)
                    .sum::<usize>()
                    > MAX_REVISION_HISTORY_CHARS + 1
                {
                    rs.revision_history.remove(0);
                }
                rs.revision = next;
                self.current = i;
            }
            None => {
                self.replica_sets.push(Revision {
                    revision: next,
                    replica_set: revision_name(&self.deployment, &template),
                    image: first_image(&template),
                    revision_history: Vec::new(),
                    template,
                });
                self.current = self.replica_sets.len() - 1;
            }
        }
        self.cleanup();
        self.current()
    }

    /// `kubectl set image` on the first container with a new tag, then a complete rollout.
    pub fn set_image(&mut self, tag: &str) -> &Revision {
        let mut template = self.current().template.clone();
        if let Some(c) = template
            .spec
            .as_mut()
            .and_then(|s| s.containers.first_mut())
        {
            c.image = Some(image_with_tag(c.image.as_deref().unwrap_or_default(), tag));
        }
        self.apply(template)
    }

    /// `cleanupDeployment`: deletes the old ReplicaSets with the lowest revisions beyond the
    /// limit (they all have 0 replicas once a rollout is complete).
    fn cleanup(&mut self) {
        let old = self.replica_sets.len() - 1;
        let surplus = old.saturating_sub(self.limit as usize);
        if surplus == 0 {
            return;
        }
        let current_name = self.current().replica_set.clone();
        let mut olds: Vec<(u32, String)> = self
            .replica_sets
            .iter()
            .filter(|r| r.replica_set != current_name)
            .map(|r| (r.revision, r.replica_set.clone()))
            .collect();
        olds.sort();
        let doomed: Vec<String> = olds
            .into_iter()
            .take(surplus)
            .map(|(_, name)| name)
            .collect();
        self.replica_sets
            .retain(|r| !doomed.contains(&r.replica_set));
        self.current = self
            .replica_sets
            .iter()
            .position(|r| r.replica_set == current_name)
            .unwrap_or(0);
    }

    /// `kubectl rollout undo` (`to_revision` `None` or 0: the previous revision), followed by the
    /// controller's rollout.
    pub fn undo(&mut self, to_revision: Option<u32>) -> Result<UndoOutcome> {
        if self.paused {
            return Err(RolloutError::Paused(self.deployment.clone()));
        }
        let wanted = to_revision.unwrap_or(0);
        let target = if wanted == 0 {
            let mut by_revision: Vec<&Revision> = self.replica_sets.iter().collect();
            by_revision.sort_by_key(|r| r.revision);
            if by_revision.len() < 2 {
                return Err(RolloutError::UnknownRevision(0));
            }
            by_revision[by_revision.len() - 2].clone()
        } else {
            self.replica_sets
                .iter()
                .find(|r| r.revision == wanted)
                .cloned()
                .ok_or(RolloutError::UnknownRevision(wanted))?
        };
        let resource = format!("deployment.apps/{}", self.deployment);
        if templates_equal(&self.current().template, &target.template) {
            return Ok(UndoOutcome {
                message: format!(
                    "{resource} skipped rollback (current template already matches revision {})",
                    target.revision
                ),
                rolled_back: false,
                current: self.current().clone(),
            });
        }
        let current = self.apply(target.template).clone();
        Ok(UndoOutcome {
            message: format!("{resource} rolled back"),
            rolled_back: true,
            current,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{Container, PodSpec};

    fn template(image: &str) -> PodTemplateSpec {
        PodTemplateSpec {
            metadata: None,
            spec: Some(PodSpec {
                containers: vec![Container {
                    name: "app".into(),
                    image: Some(image.into()),
                    ..Default::default()
                }],
                ..Default::default()
            }),
        }
    }

    fn images(history: &RevisionHistory) -> Vec<(u32, String)> {
        let mut out: Vec<(u32, String)> = history
            .replica_sets
            .iter()
            .map(|r| (r.revision, r.image.clone().unwrap_or_default()))
            .collect();
        out.sort();
        out
    }

    /// The worked example of §2.6: revisions move on every undo.
    #[test]
    fn undo_renumbers_the_reused_replica_set() {
        let mut h = RevisionHistory::new("web", "demo", template("app:a"), 1, 10);
        h.apply(template("app:b"));
        h.apply(template("app:c"));
        assert_eq!(h.revisions(), [1, 2, 3]);
        let b = h.replica_sets[1].replica_set.clone();

        let out = h.undo(None).expect("undo to B");
        assert_eq!(out.message, "deployment.apps/web rolled back");
        assert_eq!(h.revisions(), [1, 3, 4]);
        assert_eq!(h.current().image.as_deref(), Some("app:b"));
        // The same ReplicaSet, renumbered: its old number is in the revision-history annotation.
        assert_eq!(h.current().replica_set, b);
        assert_eq!(h.current().revision_history, [2]);

        h.undo(None).expect("undo to C");
        assert_eq!(h.revisions(), [1, 4, 5]);
        assert_eq!(h.current().image.as_deref(), Some("app:c"));

        h.undo(Some(1)).expect("undo to A");
        assert_eq!(h.revisions(), [4, 5, 6]);
        assert_eq!(
            images(&h),
            [
                (4, "app:b".into()),
                (5, "app:c".into()),
                (6, "app:a".into())
            ]
        );

        let err = h.undo(Some(2)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unable to find specified revision 2 in history"
        );
    }

    #[test]
    fn undo_to_the_current_template_is_skipped() {
        let mut h = RevisionHistory::new("web", "demo", template("app:a"), 1, 10);
        h.apply(template("app:b"));
        let out = h.undo(Some(2)).expect("skips");
        assert!(!out.rolled_back);
        assert_eq!(
            out.message,
            "deployment.apps/web skipped rollback (current template already matches revision 2)"
        );
        assert_eq!(h.revisions(), [1, 2]);
    }

    #[test]
    fn the_history_limit_deletes_the_oldest_replica_sets() {
        let mut h = RevisionHistory::new("web", "demo", template("app:1"), 1, 2);
        for tag in ["2", "3", "4", "5"] {
            h.set_image(tag);
        }
        assert_eq!(h.revisions(), [3, 4, 5]);
        let mut none = RevisionHistory::new("web", "demo", template("app:1"), 1, 0);
        none.set_image("2");
        assert_eq!(none.revisions(), [2]);
        assert_eq!(
            none.undo(None).unwrap_err(),
            RolloutError::UnknownRevision(0)
        );
    }

    #[test]
    fn a_paused_deployment_cannot_be_rolled_back() {
        let mut h = RevisionHistory::new("web", "demo", template("app:a"), 1, 10);
        h.apply(template("app:b"));
        h.paused = true;
        assert_eq!(
            h.undo(None).unwrap_err().to_string(),
            "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again"
        );
    }

    #[test]
    fn the_history_table_reads_like_kubectl() {
        let mut h = RevisionHistory::new("web", "demo", template("app:a"), 1, 10);
        h.set_image("b");
        assert_eq!(
            h.table(),
            "deployment.apps/web\nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n"
        );
    }
}
