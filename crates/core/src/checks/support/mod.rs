//! Helpers shared by the checks, one module per subject.

pub(crate) mod containers;
#[cfg(test)]
mod docs_harness;
#[cfg(test)]
mod fixtures_harness;
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

/// Error findings for the counts and percentages the API server refuses (`"-50%"`, `-1`, an
/// unavailable budget over 100%), one per refused field, each `(path, value, at most 100%)`;
/// empty when every value is accepted. `kind` names the object in the message.
pub(crate) fn refused_counts(
    check: &'static super::Check,
    object: &crate::Object,
    kind: &str,
    fields: &[(
        &str,
        Option<&k8s_openapi::apimachinery::pkg::util::intstr::IntOrString>,
        bool,
    )],
    help: &str,
) -> Vec<super::Finding> {
    let mut findings = Vec::new();
    for &(path, value, at_most_100) in fields {
        let Some(value) = value else { continue };
        for error in crate::rollout::fenceposts::validate_count_or_percent(value, path, at_most_100)
        {
            findings.push(
                super::Finding::new(
                    check,
                    object,
                    path,
                    format!("the API server rejects this {kind}: {error}"),
                )
                .severity(super::Level::Error)
                .help(help),
            );
        }
    }
    findings
}

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
