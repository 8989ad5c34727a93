//! `configmap-config`: configuration comes from a ConfigMap that exists, not inline env values.

use super::refs::{Refs, list};
use super::{Row, Verdict, no_related};
use crate::model::{Model, Object};

/// The `configmap-config` row.
pub(super) const ROW: Row = Row {
    id: "configmap-config",
    title: "ConfigMap for config",
    checks: &["configmap-ref-missing", "configmap-key-missing"],
    rule: "configuration comes from a ConfigMap that exists, not from inline env values; not applicable without configuration",
    fix: "envFrom:\n  - configMapRef:\n      name: app-config\n",
    verdict: configmap_config,
    judged_by_checks: false,
    related: no_related,
};

fn configmap_config(object: &Object, _model: &Model) -> Verdict {
    let refs = Refs::of(object);
    if !refs.configmaps.is_empty() {
        let noun = if refs.configmaps.len() == 1 {
            "ConfigMap"
        } else {
            "ConfigMaps"
        };
        return Verdict::Pass(format!(
            "reads configuration from {noun} {}",
            list(&refs.configmaps)
        ));
    }
    match refs.literal.first() {
        Some((name, _, path)) => Verdict::Fail(
            format!(
                "{} environment variable{} written inline (first: {name}) and no ConfigMap is read",
                refs.literal.len(),
                if refs.literal.len() == 1 {
                    " is"
                } else {
                    "s are"
                }
            ),
            Some(object.locate(path)),
        ),
        None => Verdict::Na(
            "takes no configuration through env values, ConfigMaps or config volumes".to_owned(),
        ),
    }
}
