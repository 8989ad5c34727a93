//! The docs of every check tell the truth: each `Example` fires and each `Fix` is silent.

use super::testing::findings;
use crate::checks::{ALL, Check};
use crate::report::docs::{first_yaml_block, section};
use crate::{Model, SourceFile};

/// The YAML of the first fenced block of the section `heading` of `docs`.
fn yaml_of(docs: &str, heading: &str) -> Option<String> {
    section(docs, heading).and_then(first_yaml_block)
}

/// The checks whose `Fix` shows only the corrected part of the object (a container, a
/// `strategy`), so it is not a manifest on its own. Every other `Fix`, and every `Example` but
/// that of `schema-invalid` (whose point is a mistyped field), must read without a diagnostic.
const FIX_IS_A_SNIPPET: &[&str] = &[
    "readiness-probe-missing",
    "liveness-probe-missing",
    "probes-identical",
    "probe-timing-risky",
    "hpa-min-replicas-low",
    "hpa-min-equals-max",
    "anti-affinity-missing",
    "topology-spread-missing",
    "rollout-strategy-recreate",
    "rollout-params-risky",
    "image-tag-mutable",
    "image-digest-missing",
    "image-pull-policy",
    "cronjob-deadline-unset",
    "node-affinity-missing",
    "dns-config-options-missing",
    "cpu-request-missing",
    "memory-request-missing",
    "memory-limit-missing",
    "cpu-limit-missing",
    "requests-equal-limits",
    "ephemeral-storage-unset",
];

/// What is wrong with the docs of `check`: a missing YAML block, YAML that does not read
/// cleanly, an example that does not fire or a fix that does.
fn docs_problems(check: &Check) -> Vec<String> {
    let id = check.id;
    let (Some(example), Some(fix)) = (yaml_of(check.docs, "Example"), yaml_of(check.docs, "Fix"))
    else {
        return vec![format!(
            "{id}: docs lack an example or a fix in a yaml block"
        )];
    };
    let mut problems = Vec::new();
    let mut whole = Vec::new();
    if id != "schema-invalid" {
        whole.push(("example", example.as_str()));
    }
    if !FIX_IS_A_SNIPPET.contains(&id) {
        whole.push(("fix", fix.as_str()));
    }
    for (what, yaml) in whole {
        let model = Model::from_files(vec![SourceFile::new("docs.yaml", yaml)]);
        if !model.diagnostics.is_empty() {
            problems.push(format!(
                "{id}: the {what} does not read cleanly: {:?}",
                model.diagnostics
            ));
        }
    }
    if findings(check, &example).is_empty() {
        problems.push(format!("{id}: the example does not fire"));
    }
    let fired = findings(check, &fix);
    if !fired.is_empty() {
        problems.push(format!("{id}: the fix fires: {fired:?}"));
    }
    problems
}

#[test]
fn the_docs_examples_fire_and_the_fixes_do_not() {
    let problems: Vec<String> = ALL.iter().flat_map(|c| docs_problems(c)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
