//! Applying a template change and validating the result the way the API server does, and the
//! `kubectl` commands that would make the change.

use k8s_openapi::api::core::v1::PodTemplateSpec;

use super::{
    KubectlCommand, MAX_REPLICAS, Result, RolloutError, TemplateChange, WorkloadKind,
    image_with_tag,
};
use crate::model::Object;

/// What the change does to the template: the new template, plus the container and images when
/// the change is an image tag.
pub(crate) struct AppliedChange {
    pub template: PodTemplateSpec,
    pub container: Option<String>,
    pub old_image: Option<String>,
    pub new_image: Option<String>,
}

/// `spec.minReadySeconds` (default 0), with the API server's error in `errors` when negative.
pub(crate) fn min_ready_seconds(written: Option<i32>, errors: &mut Vec<String>) -> i32 {
    let min_ready = written.unwrap_or(0);
    if min_ready < 0 {
        errors.push(format!(
            "spec.minReadySeconds: Invalid value: {min_ready}: must be greater than or equal to 0"
        ));
    }
    min_ready
}

impl RolloutError {
    /// The API server's rejection of `object`, a `kind`, for the field `errors`.
    pub(crate) fn invalid(kind: &str, object: &Object, errors: Vec<String>) -> Self {
        RolloutError::Invalid {
            kind: kind.into(),
            name: crate::text::shorten(&object.name, 80),
            errors,
        }
    }
}

/// Rejects `object`, a `kind`, when validation found `errors`, then when it asks for more than
/// [`MAX_REPLICAS`] replicas (or nodes).
pub(crate) fn check_valid(
    kind: &str,
    object: &Object,
    errors: Vec<String>,
    replicas: u32,
) -> Result<()> {
    let mut errors = errors;
    // The API server validates the name first; a name it refuses would also make every pass
    // copy it (a 70,000-character name once cost gigabytes).
    let name = crate::text::name_to_validate(object);
    for error in crate::text::name_errors(&name, crate::text::NameFormat::Subdomain) {
        errors.insert(
            0,
            format!(
                "metadata.name: Invalid value: {:?}: {error}",
                crate::text::shorten(&object.name, 80)
            ),
        );
    }
    if !errors.is_empty() {
        return Err(RolloutError::invalid(kind, object, errors));
    }
    if replicas > MAX_REPLICAS {
        return Err(RolloutError::TooLarge {
            id: object.id.to_string(),
            replicas,
        });
    }
    Ok(())
}

/// Applies `change` to a workload's template.
pub(crate) fn apply_change(
    object: &Object,
    old: &PodTemplateSpec,
    change: &TemplateChange,
) -> Result<AppliedChange> {
    match change {
        TemplateChange::Template(t) => {
            let first = |t: &PodTemplateSpec| {
                t.spec
                    .as_ref()
                    .and_then(|s| s.containers.first())
                    .map(|c| (c.name.clone(), c.image.clone()))
            };
            let (container, old_image) = first(old).unzip();
            let new_image = first(t).and_then(|(_, i)| i);
            Ok(AppliedChange {
                template: (**t).clone(),
                container,
                old_image: old_image.flatten(),
                new_image,
            })
        }
        TemplateChange::NewImageTag(tag) => {
            let mut template = old.clone();
            let container = template
                .spec
                .as_mut()
                .and_then(|s| s.containers.first_mut())
                .ok_or_else(|| RolloutError::NoContainers {
                    id: object.id.to_string(),
                })?;
            let old_image = container.image.clone().unwrap_or_default();
            let new_image = image_with_tag(&old_image, tag);
            container.image = Some(new_image.clone());
            let name = container.name.clone();
            Ok(AppliedChange {
                template,
                container: Some(name),
                old_image: Some(old_image),
                new_image: Some(new_image),
            })
        }
    }
}

/// `kubectl` commands for a workload: change, watch, inspect history, undo.
pub(crate) fn commands(
    object: &Object,
    kind: WorkloadKind,
    applied: &AppliedChange,
) -> Vec<KubectlCommand> {
    let resource = format!("{}/{}", kind.as_str().to_lowercase(), object.name);
    let ns = object.ns();
    // `kubectl rollout` knows no DeploymentConfig; OpenShift's `oc` does.
    let kubectl = if kind == WorkloadKind::DeploymentConfig {
        "oc"
    } else {
        "kubectl"
    };
    let mut out = Vec::new();
    if let (Some(container), Some(image)) = (&applied.container, &applied.new_image) {
        out.push(KubectlCommand {
            command: format!("{kubectl} set image {resource} {container}={image} -n {ns}"),
            purpose: "change the image; the controller starts the rollout".to_owned(),
        });
    } else {
        out.push(KubectlCommand {
            command: format!("{kubectl} apply -f {}", object.file),
            purpose: "apply the edited template; the controller starts the rollout".to_owned(),
        });
    }
    out.push(KubectlCommand {
        command: format!("{kubectl} rollout status {resource} -n {ns}"),
        purpose: "watch the rollout until it completes or fails".to_owned(),
    });
    if kind == WorkloadKind::Deployment {
        out.push(KubectlCommand {
            command: format!("{kubectl} get rs -n {ns} -w"),
            purpose: "watch the old and new ReplicaSets scale".to_owned(),
        });
    } else if kind == WorkloadKind::DeploymentConfig {
        out.push(KubectlCommand {
            command: format!("{kubectl} get rc -n {ns} -w"),
            purpose: "watch the old and new ReplicationControllers scale".to_owned(),
        });
    } else {
        out.push(KubectlCommand {
            command: format!("{kubectl} get pods -n {ns} -w"),
            purpose: "watch the pods being replaced".to_owned(),
        });
    }
    out.push(KubectlCommand {
        command: format!("{kubectl} rollout history {resource} -n {ns}"),
        purpose: "list the revisions".to_owned(),
    });
    out.push(KubectlCommand {
        command: format!("{kubectl} rollout undo {resource} -n {ns}"),
        purpose: "go back to the previous revision".to_owned(),
    });
    out.push(KubectlCommand {
        command: format!("{kubectl} rollout undo {resource} --to-revision=1 -n {ns}"),
        purpose: "go back to a given revision".to_owned(),
    });
    if matches!(
        kind,
        WorkloadKind::Deployment | WorkloadKind::DeploymentConfig
    ) {
        out.push(KubectlCommand {
            command: format!("{kubectl} rollout pause {resource} -n {ns}"),
            purpose: "stop the rollout where it is (resume with kubectl rollout resume)".to_owned(),
        });
    }
    out
}

/// A count with its noun: `1 pod`, `2 pods`.
pub(crate) fn pods(n: u32) -> String {
    if n == 1 {
        "1 pod".to_owned()
    } else {
        format!("{n} pods")
    }
}
