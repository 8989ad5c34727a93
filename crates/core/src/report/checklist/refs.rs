//! What a workload's containers read, shared by the configuration rows (`configmap-config`,
//! `secrets-sensitive-data`, `service-discovery`).

use std::collections::BTreeSet;

use crate::model::Object;

/// What a workload's containers read: ConfigMaps, Secrets and inline values.
#[derive(Default)]
pub(super) struct Refs {
    /// ConfigMaps read by envFrom, configMapKeyRef or volumes.
    pub(super) configmaps: BTreeSet<String>,
    /// Secrets read by envFrom, secretKeyRef or volumes (image pull secrets aside).
    pub(super) secrets: BTreeSet<String>,
    /// Env vars read from a ConfigMap key: (variable, ConfigMap, key, path).
    pub(super) configmap_keys: Vec<(String, String, String, String)>,
    /// Env vars whose value is written inline: (variable, value, path).
    pub(super) literal: Vec<(String, String, String)>,
    /// ConfigMaps loaded whole by envFrom.
    pub(super) configmaps_whole: BTreeSet<String>,
}

impl Refs {
    pub(super) fn of(object: &Object) -> Refs {
        let mut refs = Refs::default();
        for c in object.containers() {
            for (i, env) in c.container.env.iter().flatten().enumerate() {
                let path = format!("{}.env[{i}]", c.path);
                if let Some(source) = &env.value_from {
                    if let Some(key) = &source.config_map_key_ref {
                        refs.configmaps.insert(key.name.clone());
                        refs.configmap_keys.push((
                            env.name.clone(),
                            key.name.clone(),
                            key.key.clone(),
                            path,
                        ));
                    } else if let Some(key) = &source.secret_key_ref {
                        refs.secrets.insert(key.name.clone());
                    }
                } else if let Some(value) = &env.value {
                    refs.literal.push((env.name.clone(), value.clone(), path));
                }
            }
            for from in c.container.env_from.iter().flatten() {
                if let Some(cm) = &from.config_map_ref {
                    refs.configmaps.insert(cm.name.clone());
                    refs.configmaps_whole.insert(cm.name.clone());
                }
                if let Some(secret) = &from.secret_ref {
                    refs.secrets.insert(secret.name.clone());
                }
            }
        }
        if let Some(spec) = object.pod_spec() {
            for volume in spec.spec.volumes.iter().flatten() {
                if let Some(cm) = &volume.config_map {
                    refs.configmaps.insert(cm.name.clone());
                }
                if let Some(name) = volume.secret.as_ref().and_then(|s| s.secret_name.as_ref()) {
                    refs.secrets.insert(name.clone());
                }
                for source in volume
                    .projected
                    .iter()
                    .flat_map(|p| p.sources.iter().flatten())
                {
                    if let Some(cm) = &source.config_map {
                        refs.configmaps.insert(cm.name.clone());
                    }
                    if let Some(secret) = &source.secret {
                        refs.secrets.insert(secret.name.clone());
                    }
                }
            }
        }
        refs
    }
}

pub(super) fn list(names: &BTreeSet<String>) -> String {
    names.iter().cloned().collect::<Vec<_>>().join(", ")
}
