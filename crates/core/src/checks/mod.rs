//! The best-practice checks: a catalog that teaches.
//!
//! Each check lives in its own file: a `static` [`Check`] descriptor (id, category, default
//! severity, summary, docs with *What it does* / *Why is this bad?* / *Example* / *Fix*, the ids
//! other linters use for the same problem), its logic and its unit tests. Fixtures live in
//! `crates/core/tests/fixtures/<id>/{fires,clean}.yaml`. The registry is the one ordered [`ALL`]
//! slice below.

pub mod config;
mod context;
mod finding;
mod support;
mod suppress;

pub use context::{Context, Settings};
pub use deprecated_api_version::replacement as deprecated_api_replacement;
pub use finding::{Finding, Level};

/// Whether a variable or key name says its value is a credential (`DB_PASSWORD`, `GITHUB_TOKEN`,
/// `AZURE_BATCH_KEY`), and not a setting about one (`DB_PASSWORD_FILE`, `TOKEN_TTL`): the rule
/// every check and the checklist share.
pub fn is_secret_name(name: &str) -> bool {
    support::secrets::is_secret_name(name)
}

use serde::Serialize;

/// What kind of problem a check finds; it sets the default severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// It will break at deploy or rollout time, or traffic will not reach the pods.
    Correctness,
    /// It works, but fails badly when something goes wrong (a crash, a node drain, an update).
    Reliability,
    /// It gives an attacker, or a bug, more power than the workload needs.
    Security,
    /// CPU, memory and storage: scheduling, fairness and cost.
    Resources,
    /// Style and conventions that make manifests easier to read and operate.
    Hygiene,
}

impl Category {
    /// Every category, in the order the docs list them.
    pub const ALL: [Category; 5] = [
        Category::Correctness,
        Category::Reliability,
        Category::Security,
        Category::Resources,
        Category::Hygiene,
    ];

    /// The category's name, lowercase.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Correctness => "correctness",
            Category::Reliability => "reliability",
            Category::Security => "security",
            Category::Resources => "resources",
            Category::Hygiene => "hygiene",
        }
    }

    /// What the category means and what to do when one of its findings shows up.
    pub fn guidance(self) -> &'static str {
        match self {
            Category::Correctness => {
                "Something will not work as written: the API server rejects it, a rollout breaks, or traffic never reaches the pods. Fix these before you apply the manifests."
            }
            Category::Reliability => {
                "It works on a good day, but a crash, a node drain or an update will hurt users. Fix these before production; they are cheap now and expensive during an incident."
            }
            Category::Security => {
                "The workload can do more than it needs to. Tighten these unless you have a documented reason; suppress with that reason when you do."
            }
            Category::Resources => {
                "The scheduler and the kernel need numbers to place and protect pods. Set them from measurements, and revisit them as the workload changes."
            }
            Category::Hygiene => {
                "Conventions that make manifests easier to read, search and operate. They never break anything; adopt the ones your team agrees on."
            }
        }
    }
}

/// A check's descriptor: everything needed to run it, list it and explain it.
#[derive(Debug)]
pub struct Check {
    /// Stable kebab-case id, e.g. `readiness-probe-missing`.
    pub id: &'static str,
    /// What kind of problem it finds.
    pub category: Category,
    /// Default severity of its findings (a finding may be stronger or weaker, e.g. a named
    /// versus a numeric port).
    pub severity: Level,
    /// The other severities its findings may have (e.g. a warning when the manifests alone
    /// cannot confirm the problem, info when it is only advice).
    pub also: &'static [Level],
    /// Whether it runs unless disabled (`false` for opt-in checks).
    pub enabled_by_default: bool,
    /// One line, lowercase, no trailing period.
    pub summary: &'static str,
    /// Markdown with the headings `## What it does`, `## Why is this bad?`, `## Example`, `## Fix`
    /// (and optionally `## Known problems`).
    pub docs: &'static str,
    /// The ids other linters use for the same problem, as `tool:id` (`kube-score:container-image-tag`,
    /// `kube-linter:latest-tag`, `polaris:tagNotSpecified`, `checkov:CKV_K8S_14`); their
    /// suppression annotations silence this check too.
    pub aliases: &'static [&'static str],
    /// The logic: pure and deterministic.
    pub run: fn(&Context) -> Vec<Finding>,
}

/// Runs every enabled check over the context's model. Findings are sorted by file, position and
/// check id; suppressed ones are kept, marked with their reason.
pub fn run(ctx: &Context) -> Vec<Finding> {
    let mut findings: Vec<Finding> = ALL
        .iter()
        .filter(|c| ctx.settings.is_enabled(c))
        .flat_map(|c| (c.run)(ctx))
        .collect();
    for finding in &mut findings {
        finding.suppressed = suppress::reason(ctx.model, finding);
        if let Some(level) = ctx.settings.severity_of(finding.check) {
            finding.severity = level;
        }
    }
    findings
        .sort_by(|a, b| (&a.location, a.check, &a.object).cmp(&(&b.location, b.check, &b.object)));
    findings
}

/// The check with this id.
pub fn by_id(id: &str) -> Option<&'static Check> {
    ALL.iter().copied().find(|c| c.id == id)
}

/// The checks an id names: the check itself, plus the checks that were split out of it and keep
/// it as an old name (a `manifesto:<id>` alias), so old ids keep working in settings and
/// suppressions.
pub fn named_by(id: &str) -> Vec<&'static Check> {
    ALL.iter()
        .copied()
        .filter(|c| c.id == id || c.old_ids().any(|old| old == id))
        .collect()
}

impl Check {
    /// The ids this check was known by before (its `manifesto:` aliases).
    pub fn old_ids(&self) -> impl Iterator<Item = &'static str> {
        self.aliases
            .iter()
            .filter_map(|a| a.strip_prefix("manifesto:"))
    }

    /// Every severity its findings may have, most serious first.
    pub fn severities(&self) -> Vec<Level> {
        let mut levels: Vec<Level> = std::iter::once(self.severity)
            .chain(self.also.iter().copied())
            .collect();
        levels.sort();
        levels.dedup();
        levels
    }

    /// Whether `id` names this check (its id or an old one).
    pub fn is_named(&self, id: &str) -> bool {
        self.id == id || self.old_ids().any(|old| old == id)
    }
}

/// Ids one edit away from `id` (for "did you mean" messages).
pub fn similar_ids(id: &str) -> Vec<&'static str> {
    ALL.iter()
        .map(|c| c.id)
        .filter(|c| crate::text::edit_distance(c, id) <= 3 || c.contains(id))
        .collect()
}

mod anti_affinity_missing;
mod capabilities_added;
mod capabilities_not_dropped;
mod configmap_key_missing;
mod configmap_ref_missing;
mod container_port_invalid;
mod cpu_limit_missing;
mod cpu_request_missing;
mod cronjob_deadline_unset;
mod database_data_on_emptydir;
mod default_namespace;
mod default_service_account;
mod deprecated_api_version;
mod dns_config_options_missing;
mod docker_socket_mounted;
mod duplicate_object;
mod env_duplicate_key;
mod ephemeral_storage_unset;
mod hardcoded_secret_env;
mod host_ipc;
mod host_network;
mod host_path_volume;
mod host_pid;
mod host_port;
mod hpa_min_equals_max;
mod hpa_min_replicas_low;
mod hpa_target_missing;
mod hpa_target_sets_replicas;
mod hpa_utilization_without_requests;
mod image_digest_missing;
mod image_pull_policy;
mod image_tag_mutable;
mod ingress_backend_port_missing;
mod ingress_backend_service_missing;
mod ingress_class_unset;
mod ingress_duplicate_host_path;
mod ingress_nginx_snippets;
mod ingress_no_tls;
mod ingress_tls_secret_missing;
mod install_at_startup;
mod job_restart_policy;
mod job_ttl_unset;
mod known_risky_components;
mod label_value_invalid;
mod liveness_probe_missing;
mod memory_limit_missing;
mod memory_request_missing;
mod named_ports_preferred;
mod namespace_undeclared;
mod networkpolicy_peer_selects_nothing;
mod networkpolicy_selects_nothing;
mod node_affinity_missing;
mod object_name_invalid;
mod obsolete_setting;
mod openshift_scc_privileged;
mod pdb_blocks_eviction;
mod pdb_min_above_hpa_min;
mod pdb_missing;
mod pdb_no_policy;
mod pdb_overlap;
mod pdb_selects_nothing;
mod pdb_unhealthy_eviction_policy_unset;
mod pod_not_isolated;
mod pod_unmanaged;
mod priority_class_unset;
mod privilege_escalation_allowed;
mod privileged_container;
mod privileged_port;
mod probe_port_not_declared;
mod probe_timing_risky;
mod probes_identical;
mod proc_mount_unmasked;
mod pvc_ref_missing;
mod rbac_binding_ref_missing;
mod rbac_cluster_admin_binding;
mod rbac_create_pods;
mod rbac_escalation_verbs;
mod rbac_pod_exec_attach;
mod rbac_secrets_access;
mod rbac_wildcards;
mod readiness_probe_missing;
mod recommended_labels;
mod replicas_single;
mod request_exceeds_limit;
mod requests_equal_limits;
mod resource_quantity_suspicious;
mod rollout_params_risky;
mod rollout_strategy_recreate;
mod root_fs_writable;
mod run_as_root;
mod sa_token_automount;
mod schema_invalid;
mod seccomp_unset;
mod secret_in_env;
mod secret_key_missing;
mod secret_literal_in_manifest;
mod secret_ref_missing;
mod security_context_missing;
mod selector_template_mismatch;
mod sensitive_configmap_data;
mod service_exposure_type;
mod service_selects_multiple_workloads;
mod service_selects_no_pods;
mod service_targetport_unresolved;
mod service_without_selector;
mod serviceaccount_deprecated_field;
mod serviceaccount_missing;
mod servicemonitor_selects_nothing;
mod ssh_port;
mod statefulset_service_missing;
mod statefulset_service_not_headless;
mod topology_spread_invalid;
mod topology_spread_missing;
mod uid_gid_low;
mod unknown_field;
mod unsafe_sysctls;
mod volume_mount_undefined;
mod volume_unused;
mod windows_host_process;
mod workload_selector_overlap;
mod yaml_keys_sorted;

/// Every check, in catalog order.
pub static ALL: &[&Check] = &[
    &selector_template_mismatch::CHECK,
    &service_selects_no_pods::CHECK,
    &service_without_selector::CHECK,
    &service_targetport_unresolved::CHECK,
    &service_selects_multiple_workloads::CHECK,
    &workload_selector_overlap::CHECK,
    &ingress_backend_service_missing::CHECK,
    &ingress_backend_port_missing::CHECK,
    &ingress_tls_secret_missing::CHECK,
    &ingress_duplicate_host_path::CHECK,
    &ingress_class_unset::CHECK,
    &hpa_target_missing::CHECK,
    &hpa_target_sets_replicas::CHECK,
    &hpa_utilization_without_requests::CHECK,
    &pdb_selects_nothing::CHECK,
    &pdb_overlap::CHECK,
    &pdb_no_policy::CHECK,
    &pdb_blocks_eviction::CHECK,
    &pdb_min_above_hpa_min::CHECK,
    &networkpolicy_selects_nothing::CHECK,
    &networkpolicy_peer_selects_nothing::CHECK,
    &configmap_ref_missing::CHECK,
    &configmap_key_missing::CHECK,
    &secret_ref_missing::CHECK,
    &secret_key_missing::CHECK,
    &pvc_ref_missing::CHECK,
    &volume_mount_undefined::CHECK,
    &volume_unused::CHECK,
    &database_data_on_emptydir::CHECK,
    &serviceaccount_missing::CHECK,
    &serviceaccount_deprecated_field::CHECK,
    &statefulset_service_missing::CHECK,
    &statefulset_service_not_headless::CHECK,
    &rbac_binding_ref_missing::CHECK,
    &probe_port_not_declared::CHECK,
    &container_port_invalid::CHECK,
    &env_duplicate_key::CHECK,
    &duplicate_object::CHECK,
    &namespace_undeclared::CHECK,
    &label_value_invalid::CHECK,
    &object_name_invalid::CHECK,
    &deprecated_api_version::CHECK,
    &schema_invalid::CHECK,
    &unknown_field::CHECK,
    &topology_spread_invalid::CHECK,
    &request_exceeds_limit::CHECK,
    &resource_quantity_suspicious::CHECK,
    &job_restart_policy::CHECK,
    &readiness_probe_missing::CHECK,
    &liveness_probe_missing::CHECK,
    &probes_identical::CHECK,
    &probe_timing_risky::CHECK,
    &replicas_single::CHECK,
    &hpa_min_replicas_low::CHECK,
    &hpa_min_equals_max::CHECK,
    &pdb_missing::CHECK,
    &pdb_unhealthy_eviction_policy_unset::CHECK,
    &anti_affinity_missing::CHECK,
    &topology_spread_missing::CHECK,
    &rollout_strategy_recreate::CHECK,
    &rollout_params_risky::CHECK,
    &install_at_startup::CHECK,
    &obsolete_setting::CHECK,
    &image_tag_mutable::CHECK,
    &image_digest_missing::CHECK,
    &image_pull_policy::CHECK,
    &priority_class_unset::CHECK,
    &cronjob_deadline_unset::CHECK,
    &job_ttl_unset::CHECK,
    &pod_unmanaged::CHECK,
    &node_affinity_missing::CHECK,
    &dns_config_options_missing::CHECK,
    &cpu_request_missing::CHECK,
    &memory_request_missing::CHECK,
    &memory_limit_missing::CHECK,
    &cpu_limit_missing::CHECK,
    &requests_equal_limits::CHECK,
    &ephemeral_storage_unset::CHECK,
    &privileged_container::CHECK,
    &privilege_escalation_allowed::CHECK,
    &run_as_root::CHECK,
    &uid_gid_low::CHECK,
    &root_fs_writable::CHECK,
    &security_context_missing::CHECK,
    &seccomp_unset::CHECK,
    &capabilities_not_dropped::CHECK,
    &capabilities_added::CHECK,
    &host_network::CHECK,
    &host_pid::CHECK,
    &host_ipc::CHECK,
    &host_port::CHECK,
    &host_path_volume::CHECK,
    &docker_socket_mounted::CHECK,
    &proc_mount_unmasked::CHECK,
    &unsafe_sysctls::CHECK,
    &windows_host_process::CHECK,
    &sa_token_automount::CHECK,
    &default_service_account::CHECK,
    &secret_in_env::CHECK,
    &hardcoded_secret_env::CHECK,
    &sensitive_configmap_data::CHECK,
    &secret_literal_in_manifest::CHECK,
    &ssh_port::CHECK,
    &privileged_port::CHECK,
    &service_exposure_type::CHECK,
    &ingress_no_tls::CHECK,
    &ingress_nginx_snippets::CHECK,
    &rbac_wildcards::CHECK,
    &rbac_cluster_admin_binding::CHECK,
    &rbac_pod_exec_attach::CHECK,
    &rbac_secrets_access::CHECK,
    &rbac_create_pods::CHECK,
    &rbac_escalation_verbs::CHECK,
    &default_namespace::CHECK,
    &known_risky_components::CHECK,
    &openshift_scc_privileged::CHECK,
    &recommended_labels::CHECK,
    &named_ports_preferred::CHECK,
    &yaml_keys_sorted::CHECK,
    &servicemonitor_selects_nothing::CHECK,
    &pod_not_isolated::CHECK,
];

#[cfg(test)]
mod tests;
