//! `namespace`: the workload names a namespace other than default.

use super::{Row, Verdict, no_related};
use crate::model::{Model, Object};

/// The `namespace` row.
pub(super) const ROW: Row = Row {
    id: "namespace",
    title: "Namespaces",
    checks: &["default-namespace"],
    rule: "the workload names a namespace other than default",
    fix: "metadata:\n  namespace: shop\n",
    verdict: namespace,
    judged_by_checks: true,
    related: no_related,
};

/// default-namespace decides; the model only names the namespace.
fn namespace(object: &Object, _model: &Model) -> Verdict {
    Verdict::Pass(format!("in namespace {}", object.ns()))
}
