//! `secrets-sensitive-data`: secret-like values come from Secrets, never inline or from a
//! ConfigMap.

use super::refs::{Refs, list};
use super::{Row, Verdict};
use crate::model::{Model, Object, ObjectId, Resource};

/// The `secrets-sensitive-data` row.
pub(super) const ROW: Row = Row {
    id: "secrets-sensitive-data",
    title: "Secrets for sensitive data",
    checks: &["hardcoded-secret-env", "sensitive-configmap-data"],
    rule: "secret-like values come from Secrets, never inline or from a ConfigMap; not applicable when the workload handles no sensitive data",
    fix: "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: app-secrets\n        key: DB_PASSWORD\n",
    verdict: secrets,
    judged_by_checks: false,
    related: related_configmaps,
};

/// The ConfigMaps the workload reads: their findings count for its cell (a credential in a
/// ConfigMap the workload loads).
fn related_configmaps(object: &Object, model: &Model) -> Vec<ObjectId> {
    let refs = Refs::of(object);
    refs.configmaps
        .iter()
        .map(|name| ObjectId::new("ConfigMap", object.namespace.as_deref(), name))
        .filter(|id| model.get(id).is_some())
        .collect()
}

/// Whether an environment variable's name says it holds a credential: the one rule every check
/// uses ([`crate::checks::is_secret_name`]).
pub(crate) fn secret_like(name: &str) -> bool {
    crate::checks::is_secret_name(name)
}

/// Whether a literal value could be a credential (not empty, a number, a boolean or a path).
fn credential_value(value: &str) -> bool {
    let v = value.trim();
    !(v.is_empty()
        || v.parse::<f64>().is_ok()
        || matches!(v, "true" | "false")
        || v.starts_with('/'))
}

fn secrets(object: &Object, model: &Model) -> Verdict {
    let refs = Refs::of(object);
    if let Some((name, _, path)) = refs
        .literal
        .iter()
        .find(|(n, v, _)| secret_like(n) && credential_value(v))
    {
        return Verdict::Fail(
            format!("{name} is written inline instead of coming from a Secret"),
            Some(object.locate(path)),
        );
    }
    if let Some((name, cm, key, path)) = refs
        .configmap_keys
        .iter()
        .find(|(n, _, k, _)| secret_like(n) || secret_like(k))
    {
        return Verdict::Fail(
            format!("{name} comes from ConfigMap {cm} (key {key}), which is not meant for secrets"),
            Some(object.locate(path)),
        );
    }
    for cm in &refs.configmaps_whole {
        let id = ObjectId::new("ConfigMap", object.namespace.as_deref(), cm);
        let Some(Resource::ConfigMap(map)) = model.get(&id).map(|o| &*o.resource) else {
            continue;
        };
        if let Some(key) = map
            .data
            .iter()
            .flatten()
            .map(|(k, _)| k)
            .find(|k| secret_like(k))
        {
            return Verdict::Fail(
                format!("loads ConfigMap {cm} whole, and its key {key} looks like a credential"),
                model.get(&id).map(|o| o.locate(&format!("data.{key}"))),
            );
        }
    }
    if !refs.secrets.is_empty() {
        let noun = if refs.secrets.len() == 1 {
            "Secret"
        } else {
            "Secrets"
        };
        return Verdict::Pass(format!(
            "sensitive values come from {noun} {}",
            list(&refs.secrets)
        ));
    }
    if let Some((name, _, _)) = refs.literal.iter().find(|(n, _, _)| secret_like(n)) {
        return Verdict::Pass(format!(
            "{name} looks secret-like but holds no credential value"
        ));
    }
    Verdict::Na(
        "handles no sensitive data: reads no Secret and has no secret-like variable".to_owned(),
    )
}
