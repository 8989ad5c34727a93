//! Helpers shared by the checks, one module per subject.

pub(crate) mod containers;
#[cfg(test)]
mod docs_harness;
pub(crate) mod images;
pub(crate) mod key_refs;
pub(crate) mod pdb;
pub(crate) mod pods;
pub(crate) mod quantity;
pub(crate) mod rbac;
pub(crate) mod secrets;
pub(crate) mod security_context;
pub(crate) mod services;
#[cfg(test)]
pub(crate) mod testing;
pub(crate) mod workloads;

/// A path for a map key that may contain dots or slashes: `metadata.labels["app.kubernetes.io/name"]`.
pub(crate) fn key_path(map_path: &str, key: &str) -> String {
    format!("{map_path}[\"{key}\"]")
}

/// A short "did you mean" suffix: `; did you mean "DB_HOST"?` or nothing.
pub(crate) fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    crate::text::closest(wanted, candidates)
        .map(|c| format!("; did you mean \"{c}\"?"))
        .unwrap_or_default()
}
