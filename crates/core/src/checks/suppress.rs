//! Suppression by annotation: Manifesto's own and the other linters' styles.

use super::Finding;
use crate::model::Model;

/// Why `finding` is suppressed, if an annotation on its object (or its pod template) silences it:
/// `manifesto.io/ignore: "<id>,<id>"` with an optional `manifesto.io/ignore-reason`.
pub fn reason(model: &Model, finding: &Finding) -> Option<String> {
    let object = model.get(&finding.object)?;
    let sources = [Some(object.annotations()), object.pod_annotations()];
    for annotations in sources.into_iter().flatten() {
        if let Some(ids) = annotations.get("manifesto.io/ignore") {
            if ids.split(',').map(str::trim).any(|id| id == finding.check || id == "all") {
                let why = annotations.get("manifesto.io/ignore-reason").cloned();
                return Some(why.unwrap_or_else(|| "manifesto.io/ignore (no reason given)".to_owned()));
            }
        }
    }
    None
}
