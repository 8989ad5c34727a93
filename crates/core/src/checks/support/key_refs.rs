//! The keys a pod spec reads from ConfigMaps and Secrets.

use k8s_openapi::api::core::v1::{KeyToPath, PodSpec};

use super::did_you_mean;
use crate::checks::{Check, Context, Finding};
use crate::model::{Object, ObjectId, Resource};

/// Whether a referenced ConfigMap or Secret key comes from an env var or a volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyRef {
    /// The referenced object's name.
    pub name: String,
    /// The key.
    pub key: String,
    /// `optional: true` was written.
    pub optional: bool,
    /// The path of the `key` field.
    pub path: String,
    /// The container that reads it through an env var (`None` for a volume).
    pub container: Option<String>,
}

/// Which kind of object a key reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefKind {
    /// `configMapKeyRef`, `configMap` volumes and projections.
    ConfigMap,
    /// `secretKeyRef`, `secret` volumes and projections.
    Secret,
}

/// Every key a pod spec reads from a ConfigMap or a Secret: env `valueFrom` key refs, and the
/// `items` of `configMap`/`secret` volumes and of projected volumes.
pub(crate) fn key_refs(obj: &Object, kind: RefKind) -> Vec<KeyRef> {
    let mut refs = Vec::new();
    let Some(pod) = obj.pod_spec() else {
        return refs;
    };
    for c in obj.containers() {
        for (i, env) in c.container.env.iter().flatten().enumerate() {
            let Some(from) = &env.value_from else {
                continue;
            };
            let (field, name, key, optional) = match kind {
                RefKind::ConfigMap => match &from.config_map_key_ref {
                    Some(r) => ("configMapKeyRef", &r.name, &r.key, r.optional),
                    None => continue,
                },
                RefKind::Secret => match &from.secret_key_ref {
                    Some(r) => ("secretKeyRef", &r.name, &r.key, r.optional),
                    None => continue,
                },
            };
            refs.push(KeyRef {
                name: name.clone(),
                key: key.clone(),
                optional: optional == Some(true),
                path: format!("{}.env[{i}].valueFrom.{field}.key", c.path),
                container: Some(c.container.name.clone()),
            });
        }
    }
    volume_key_refs(pod.spec, pod.path, kind, &mut refs);
    refs
}

fn volume_key_refs(spec: &PodSpec, path: &str, kind: RefKind, refs: &mut Vec<KeyRef>) {
    let mut push = |name: &str, items: Option<&Vec<KeyToPath>>, optional, at: String| {
        for (k, item) in items.into_iter().flatten().enumerate() {
            refs.push(KeyRef {
                name: name.to_owned(),
                key: item.key.clone(),
                optional: optional == Some(true),
                path: format!("{at}.items[{k}].key"),
                container: None,
            });
        }
    };
    for (i, volume) in spec.volumes.iter().flatten().enumerate() {
        let at = format!("{path}.volumes[{i}]");
        match kind {
            RefKind::ConfigMap => {
                if let Some(cm) = &volume.config_map {
                    push(
                        &cm.name,
                        cm.items.as_ref(),
                        cm.optional,
                        format!("{at}.configMap"),
                    );
                }
            }
            RefKind::Secret => {
                if let Some(s) = &volume.secret {
                    let name = s.secret_name.as_deref().unwrap_or_default();
                    push(name, s.items.as_ref(), s.optional, format!("{at}.secret"));
                }
            }
        }
        for (j, source) in volume
            .projected
            .iter()
            .flat_map(|p| p.sources.iter().flatten())
            .enumerate()
        {
            let at = format!("{at}.projected.sources[{j}]");
            match kind {
                RefKind::ConfigMap => {
                    if let Some(cm) = &source.config_map {
                        push(
                            &cm.name,
                            cm.items.as_ref(),
                            cm.optional,
                            format!("{at}.configMap"),
                        );
                    }
                }
                RefKind::Secret => {
                    if let Some(s) = &source.secret {
                        push(
                            &s.name,
                            s.items.as_ref(),
                            s.optional,
                            format!("{at}.secret"),
                        );
                    }
                }
            }
        }
    }
}

/// A finding of `check` for each required key reference of `kind` whose object is in the model
/// but lacks the key; `keys_of` lists the keys of the referenced object (`None` skips it), and the
/// help asks to add the key to `add_to` (`its data`).
pub(crate) fn missing_key_findings(
    ctx: &Context,
    check: &Check,
    kind: RefKind,
    keys_of: impl for<'a> Fn(&'a Resource) -> Option<Vec<&'a str>>,
    add_to: &str,
) -> Vec<Finding> {
    let kind_name = match kind {
        RefKind::ConfigMap => "ConfigMap",
        RefKind::Secret => "Secret",
    };
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        for r in key_refs(obj, kind) {
            if r.optional || r.name.is_empty() {
                continue;
            }
            let id = ObjectId::new(kind_name, obj.namespace.as_deref(), &r.name);
            let Some(keys) = ctx.model.get(&id).and_then(|o| keys_of(&o.resource)) else {
                continue;
            };
            if keys.contains(&r.key.as_str()) {
                continue;
            }
            let hint = did_you_mean(&r.key, keys.iter().copied());
            let mut finding = Finding::new(
                check,
                obj,
                &r.path,
                format!("{kind_name} \"{}\" has no key \"{}\"{hint}", r.name, r.key),
            )
            .help(format!(
                "use one of the keys of {kind_name} \"{}\" or add \"{}\" to {add_to}",
                r.name, r.key
            ));
            if let Some(c) = &r.container {
                finding = finding.container(c);
            }
            findings.push(finding);
        }
    }
    findings
}
