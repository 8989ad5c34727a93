//! RBAC: the bindings of the model, who they bind, and the rules of Roles and ClusterRoles.

use foldhash::{HashSet, HashSetExt};
use k8s_openapi::api::rbac::v1::{PolicyRule, RoleRef, Subject};

use crate::checks::Context;
use crate::model::{Object, Resource};

/// Every RoleBinding and ClusterRoleBinding of the model: the object, its subjects and its roleRef.
pub(crate) fn bindings<'a>(
    ctx: &Context<'a>,
) -> impl Iterator<Item = (&'a Object, &'a [Subject], &'a RoleRef)> {
    // Only the objects of the two binding kinds, from the model's index, in model order.
    let index = ctx.model.index();
    let mut at: Vec<usize> = index
        .kind("RoleBinding")
        .iter()
        .chain(index.kind("ClusterRoleBinding"))
        .copied()
        .collect();
    at.sort_unstable();
    at.into_iter()
        .filter_map(|i| ctx.model.objects.get(i))
        .filter_map(|obj| match &*obj.resource {
            Resource::RoleBinding(b) => {
                Some((obj, b.subjects.as_deref().unwrap_or_default(), &b.role_ref))
            }
            Resource::ClusterRoleBinding(b) => {
                Some((obj, b.subjects.as_deref().unwrap_or_default(), &b.role_ref))
            }
            _ => None,
        })
}

/// The namespace of a ServiceAccount subject of `binding` (a RoleBinding's own namespace when the
/// subject names none).
pub(crate) fn subject_namespace<'a>(binding: &'a Object, subject: &'a Subject) -> &'a str {
    subject
        .namespace
        .as_deref()
        .filter(|ns| !ns.is_empty())
        .unwrap_or(binding.ns())
}

/// The ServiceAccounts the model's bindings grant a role to, gathered once so that asking about
/// each pod's account does not walk every binding.
pub(crate) struct BoundAccounts<'a> {
    /// `(namespace, name)` of each ServiceAccount subject.
    accounts: HashSet<(&'a str, &'a str)>,
    /// The namespaces bound through the `system:serviceaccounts:<namespace>` group.
    namespaces: HashSet<&'a str>,
    /// Whether a binding names the `system:serviceaccounts` group (every account).
    all: bool,
}

impl<'a> BoundAccounts<'a> {
    /// The accounts bound by the bindings of `ctx`'s model.
    pub(crate) fn of(ctx: &Context<'a>) -> Self {
        let mut bound = BoundAccounts {
            accounts: HashSet::new(),
            namespaces: HashSet::new(),
            all: false,
        };
        for (binding, subjects, _) in bindings(ctx) {
            for s in subjects {
                match s.kind.as_str() {
                    "ServiceAccount" => {
                        bound
                            .accounts
                            .insert((subject_namespace(binding, s), s.name.as_str()));
                    }
                    "Group" if s.name == "system:serviceaccounts" => bound.all = true,
                    "Group" => {
                        if let Some(ns) = s.name.strip_prefix("system:serviceaccounts:") {
                            bound.namespaces.insert(ns);
                        }
                    }
                    _ => {}
                }
            }
        }
        bound
    }

    /// Whether a binding grants a role to ServiceAccount `namespace/name`, directly or through
    /// the `system:serviceaccounts` groups.
    pub(crate) fn contains(&self, namespace: &str, name: &str) -> bool {
        self.all
            || self.namespaces.contains(namespace)
            || self.accounts.contains(&(namespace, name))
    }
}

/// One rule of a Role or ClusterRole.
pub(crate) struct Rule<'a> {
    /// The Role or ClusterRole.
    pub obj: &'a Object,
    /// The rule.
    pub rule: &'a PolicyRule,
    /// Where the rule is written, e.g. `rules[2]`.
    pub path: String,
}

/// Every rule of every Role and ClusterRole, in model order.
pub(crate) fn rules<'a>(ctx: &Context<'a>) -> Vec<Rule<'a>> {
    let mut out = Vec::new();
    for obj in &ctx.model.objects {
        let rules = match &*obj.resource {
            Resource::Role(r) => r.rules.as_deref(),
            Resource::ClusterRole(r) => r.rules.as_deref(),
            _ => None,
        };
        for (i, rule) in rules.unwrap_or_default().iter().enumerate() {
            out.push(Rule {
                obj,
                rule,
                path: format!("rules[{i}]"),
            });
        }
    }
    out
}

impl Rule<'_> {
    /// Whether the rule covers the API group `group` (`""` is the core group), by name or `*`. A
    /// rule that names no group is read as the core group.
    pub(crate) fn covers_group(&self, group: &str) -> bool {
        match self.rule.api_groups.as_deref() {
            None | Some([]) => group.is_empty(),
            Some(groups) => groups.iter().any(|g| g == group || g == "*"),
        }
    }

    /// The written resources (with their index) that name one of `wanted` exactly, or name its
    /// subresource through `*/<sub>`. A bare `*` is left to `rbac-wildcards`.
    pub(crate) fn named_resources<'r>(&'r self, wanted: &[&str]) -> Vec<(usize, &'r str)> {
        self.rule
            .resources
            .iter()
            .flatten()
            .enumerate()
            .filter(|(_, r)| {
                wanted.iter().any(|w| {
                    r.as_str() == *w
                        || w.split_once('/')
                            .is_some_and(|(_, sub)| r.strip_prefix("*/") == Some(sub))
                })
            })
            .map(|(i, r)| (i, r.as_str()))
            .collect()
    }

    /// The verbs of `wanted` this rule grants, `*` granting them all.
    pub(crate) fn granted_verbs(&self, wanted: &[&'static str]) -> Vec<&'static str> {
        if self.rule.verbs.iter().any(|v| v == "*") {
            return wanted.to_vec();
        }
        wanted
            .iter()
            .copied()
            .filter(|w| self.rule.verbs.iter().any(|v| v == w))
            .collect()
    }

    /// The granted verbs as the rule writes them: `"*"` for a wildcard (quoted, not expanded),
    /// else the verbs of `granted` joined with commas.
    pub(crate) fn verbs_as_written(&self, granted: &[&str]) -> String {
        if self.rule.verbs.iter().any(|v| v == "*") {
            "\"*\" (every verb)".to_owned()
        } else {
            granted.join(", ")
        }
    }

    /// The path of one written resource, e.g. `rules[0].resources[1]`.
    pub(crate) fn resource_path(&self, index: usize) -> String {
        format!("{}.resources[{index}]", self.path)
    }

    /// The path of one written verb, e.g. `rules[0].verbs[1]`.
    pub(crate) fn verb_path(&self, index: usize) -> String {
        format!("{}.verbs[{index}]", self.path)
    }

    /// `role "reader"` or `cluster role "reader"`, for messages.
    pub(crate) fn describe_role(&self) -> String {
        let kind = if self.obj.kind == "ClusterRole" {
            "cluster role"
        } else {
            "role"
        };
        format!("{kind} \"{}\"", self.obj.name)
    }
}
