//! PodDisruptionBudgets: their spec, the pods they cover and the counts they allow.

use k8s_openapi::api::policy::v1::PodDisruptionBudgetSpec;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::model::{Model, Object, Resource, selector_matches};

/// A PodDisruptionBudget's spec.
pub(crate) fn pdb_spec(obj: &Object) -> Option<&PodDisruptionBudgetSpec> {
    match &*obj.resource {
        Resource::PodDisruptionBudget(pdb) => pdb.spec.as_ref(),
        _ => None,
    }
}

/// The objects running pods (workloads and bare Pods not managed by a controller) in the PDB's
/// namespace whose pod labels its selector matches. A PDB without a selector selects nothing; an
/// empty selector selects every pod of the namespace.
pub(crate) fn pdb_targets<'a>(model: &'a Model, pdb: &Object) -> Vec<&'a Object> {
    let Some(selector) = pdb_spec(pdb).and_then(|s| s.selector.as_ref()) else {
        return Vec::new();
    };
    model
        .pod_owners_selected(pdb.namespace.as_deref(), selector)
        .into_iter()
        .filter(|o| !o.is_controlled())
        .collect()
}

/// The PodDisruptionBudgets in the object's namespace whose selector matches its pod labels.
/// A PDB without a selector selects nothing; an empty selector selects every pod (policy/v1).
pub(crate) fn pdbs_covering<'a>(model: &'a Model, obj: &Object) -> Vec<&'a Object> {
    let Some(labels) = obj.pod_labels() else {
        return Vec::new();
    };
    model
        .of_kind_in("PodDisruptionBudget", obj.namespace.as_deref())
        .filter(|p| {
            pdb_spec(p)
                .and_then(|s| s.selector.as_ref())
                .is_some_and(|sel| selector_matches(sel, labels))
        })
        .collect()
}

/// The number of pods a percentage or count stands for out of `total`, rounded up as the
/// disruption controller does (saturating, never wrapping). `None` for a malformed or negative
/// percentage, which the API server refuses.
pub(crate) fn scaled(value: &IntOrString, total: i32) -> Option<i32> {
    crate::model::resolve_int_or_percent(value, total, true)
}

/// `2` or `"50%"`, for messages.
pub(crate) fn show_int_or_string(value: &IntOrString) -> String {
    match value {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => format!("\"{s}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_up() {
        assert_eq!(scaled(&IntOrString::String("50%".into()), 3), Some(2));
        assert_eq!(scaled(&IntOrString::String("10%".into()), 1), Some(1));
        assert_eq!(scaled(&IntOrString::String("0%".into()), 5), Some(0));
        assert_eq!(scaled(&IntOrString::String("half".into()), 5), None);
    }
}
