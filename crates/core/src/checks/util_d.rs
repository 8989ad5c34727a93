//! Helpers shared by the secret, exposure and RBAC checks: telling credentials from ordinary
//! settings, walking the rules of Roles and ClusterRoles, and a test harness.

use k8s_openapi::api::rbac::v1::PolicyRule;

use super::Context;
use crate::model::{ContainerRef, Object, Resource};

/// `container "web"` or `init container "setup"`, for messages.
pub(super) fn describe(c: &ContainerRef) -> String {
    let kind = if c.init {
        "init container"
    } else {
        "container"
    };
    format!("{kind} \"{}\"", c.container.name)
}

/// Words that, in a variable or key name, say the value is a credential.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "pwd",
    "passphrase",
    "secret",
    "secrets",
    "token",
    "apikey",
    "credential",
    "credentials",
    "privatekey",
    "accesskey",
    "secretkey",
];

/// Pairs of words that, next to each other, name a credential (`API_KEY`, `private-key`).
const SECRET_PAIRS: &[(&str, &str)] = &[
    ("api", "key"),
    ("private", "key"),
    ("access", "key"),
    ("signing", "key"),
    ("encryption", "key"),
    ("master", "key"),
];

/// Words that, in a name, say the value is *about* a credential rather than the credential itself
/// (`DB_PASSWORD_FILE`, `TOKEN_TTL`, `AWS_ACCESS_KEY_ID`, `PASSWORD_MIN_LENGTH`).
const NOT_SECRET_WORDS: &[&str] = &[
    "file",
    "path",
    "dir",
    "name",
    "ref",
    "url",
    "uri",
    "endpoint",
    "host",
    "port",
    "id",
    "user",
    "username",
    "length",
    "len",
    "min",
    "max",
    "expiry",
    "expires",
    "expiration",
    "ttl",
    "timeout",
    "lifetime",
    "type",
    "algorithm",
    "header",
    "issuer",
    "audience",
    "enabled",
    "enable",
    "disabled",
    "required",
    "policy",
    "mode",
];

/// The lowercase words of a name: `dbPassword_FILE` → `db`, `password`, `file`.
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether a variable or key name says its value is a credential (`DB_PASSWORD`, `apiKey`,
/// `GITHUB_TOKEN`), and not a setting about one (`DB_PASSWORD_FILE`, `TOKEN_TTL`).
pub(super) fn is_secret_name(name: &str) -> bool {
    let words = words(name);
    let secret = words.iter().any(|w| SECRET_WORDS.contains(&w.as_str()))
        || words
            .windows(2)
            .any(|p| SECRET_PAIRS.contains(&(p[0].as_str(), p[1].as_str())));
    secret && !words.iter().any(|w| NOT_SECRET_WORDS.contains(&w.as_str()))
}

/// Whether a value written next to a secret-like name is a literal credential: not empty, not a
/// boolean, not a file path and not a `$(OTHER_VAR)` reference.
pub(super) fn is_literal_value(value: &str) -> bool {
    let value = value.trim();
    let reference = value.starts_with("$(") && value.ends_with(')') && !value[2..].contains("$(");
    !(value.is_empty()
        || reference
        || value.starts_with('/')
        || matches!(value.to_ascii_lowercase().as_str(), "true" | "false"))
}

/// What kind of credential a value holds, whatever its name: a private key, a URL with a
/// password, a cloud or SaaS token.
pub(super) fn credential_in_value(value: &str) -> Option<&'static str> {
    if value.contains("-----BEGIN") && value.contains("PRIVATE KEY-----") {
        return Some("a private key");
    }
    if url_has_password(value) {
        return Some("a URL with an embedded password");
    }
    let tokens =
        value.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'));
    for token in tokens {
        let upper_alnum = |s: &str| {
            s.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        };
        if token.len() == 20
            && (token.starts_with("AKIA") || token.starts_with("ASIA"))
            && upper_alnum(token)
        {
            return Some("an AWS access key id");
        }
        if ["ghp_", "gho_", "ghs_", "ghu_", "github_pat_"]
            .iter()
            .any(|p| token.starts_with(p) && token.len() > p.len() + 20)
        {
            return Some("a GitHub token");
        }
        if ["xoxb-", "xoxp-", "xoxa-"]
            .iter()
            .any(|p| token.starts_with(p) && token.len() > p.len() + 10)
        {
            return Some("a Slack token");
        }
        if token.starts_with("eyJ")
            && token.split('.').filter(|p| !p.is_empty()).count() == 3
            && token.len() > 30
        {
            return Some("a JSON Web Token");
        }
    }
    None
}

/// Whether the value holds a URL like `postgres://user:pa55@db:5432/app`.
fn url_has_password(value: &str) -> bool {
    value.match_indices("://").any(|(i, _)| {
        let rest = &value[i + 3..];
        let authority = rest
            .split(['/', '?', '#', ' ', '"', '\''])
            .next()
            .unwrap_or_default();
        let Some((userinfo, _host)) = authority.rsplit_once('@') else {
            return false;
        };
        let Some((_user, password)) = userinfo.split_once(':') else {
            return false;
        };
        !password.is_empty() && !password.starts_with("$(") && !password.starts_with("${")
    })
}

/// Whether the object is managed by a controller (`ownerReferences` with `controller: true`).
pub(super) fn is_controlled(obj: &Object) -> bool {
    obj.resource
        .metadata()
        .owner_references
        .iter()
        .flatten()
        .any(|r| r.controller == Some(true))
}

/// One rule of a Role or ClusterRole.
pub(super) struct Rule<'a> {
    /// The Role or ClusterRole.
    pub obj: &'a Object,
    /// The rule.
    pub rule: &'a PolicyRule,
    /// Where the rule is written, e.g. `rules[2]`.
    pub path: String,
}

/// Every rule of every Role and ClusterRole, in model order.
pub(super) fn rules<'a>(ctx: &Context<'a>) -> Vec<Rule<'a>> {
    let mut out = Vec::new();
    for obj in &ctx.model.objects {
        let rules = match &obj.resource {
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
    pub fn covers_group(&self, group: &str) -> bool {
        match self.rule.api_groups.as_deref() {
            None | Some([]) => group.is_empty(),
            Some(groups) => groups.iter().any(|g| g == group || g == "*"),
        }
    }

    /// The written resources (with their index) that name one of `wanted` exactly, or name its
    /// subresource through `*/<sub>`. A bare `*` is left to `rbac-wildcards`.
    pub fn named_resources<'r>(&'r self, wanted: &[&str]) -> Vec<(usize, &'r str)> {
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
    pub fn granted_verbs(&self, wanted: &[&'static str]) -> Vec<&'static str> {
        if self.rule.verbs.iter().any(|v| v == "*") {
            return wanted.to_vec();
        }
        wanted
            .iter()
            .copied()
            .filter(|w| self.rule.verbs.iter().any(|v| v == w))
            .collect()
    }

    /// The path of one written resource, e.g. `rules[0].resources[1]`.
    pub fn resource_path(&self, index: usize) -> String {
        format!("{}.resources[{index}]", self.path)
    }

    /// The path of one written verb, e.g. `rules[0].verbs[1]`.
    pub fn verb_path(&self, index: usize) -> String {
        format!("{}.verbs[{index}]", self.path)
    }

    /// `role "reader"` or `cluster role "reader"`, for messages.
    pub fn describe_role(&self) -> String {
        let kind = if self.obj.kind == "ClusterRole" {
            "cluster role"
        } else {
            "role"
        };
        format!("{kind} \"{}\"", self.obj.name)
    }
}

/// Test helpers: run one check over some YAML.
#[cfg(test)]
pub(super) mod testing {
    use crate::checks::{Check, Context, Settings};
    use crate::{Model, SourceFile};

    /// The findings of `check` over `yaml`, each as `"<line> <severity> <message>"`.
    pub fn findings(check: &Check, yaml: &str) -> Vec<String> {
        let model = Model::from_files(vec![SourceFile::new("test.yaml", yaml)]);
        let settings = Settings::default();
        (check.run)(&Context::new(&model, &settings))
            .iter()
            .map(|f| format!("{} {} {}", f.location.line, f.severity.as_str(), f.message))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::by_id;
    use crate::{Model, SourceFile};

    #[test]
    fn secret_names_are_told_from_settings_about_secrets() {
        for name in [
            "DB_PASSWORD",
            "dbPassword",
            "GITHUB_TOKEN",
            "API_KEY",
            "apiKey",
            "AWS_SECRET_ACCESS_KEY",
            "SECRET_KEY_BASE",
            "private-key",
        ] {
            assert!(is_secret_name(name), "{name} should look secret");
        }
        for name in [
            "DB_PASSWORD_FILE",
            "TOKEN_TTL",
            "JWT_EXPIRES_IN",
            "AWS_ACCESS_KEY_ID",
            "PASSWORD_MIN_LENGTH",
            "PASSTHROUGH",
            "DB_USER",
            "KEYCLOAK_URL",
            "TOKEN_URL",
        ] {
            assert!(!is_secret_name(name), "{name} should not look secret");
        }
    }

    #[test]
    fn credentials_are_recognised_in_values() {
        assert_eq!(
            credential_in_value("postgres://app:s3cret@db:5432/app"),
            Some("a URL with an embedded password")
        );
        assert_eq!(credential_in_value("postgres://app@db:5432/app"), None);
        assert_eq!(
            credential_in_value("postgres://app:$(DB_PASSWORD)@db/app"),
            None
        );
        assert_eq!(
            credential_in_value("AKIAIOSFODNN7EXAMPLE"),
            Some("an AWS access key id")
        );
        assert_eq!(
            credential_in_value(
                "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----"
            ),
            Some("a private key")
        );
        assert_eq!(credential_in_value("http://feastflow-backend:5000"), None);
        assert_eq!(credential_in_value("info"), None);
    }

    #[test]
    fn literal_values_exclude_references_paths_and_flags() {
        assert!(is_literal_value("hunter2"));
        assert!(!is_literal_value(""));
        assert!(!is_literal_value("$(DB_PASSWORD)"));
        assert!(!is_literal_value("/run/secrets/db"));
        assert!(!is_literal_value("true"));
    }

    /// FeastFlow: the Ingress without TLS and the committed Secret are reported; the env vars,
    /// which all come from secretRef/secretKeyRef, and the ConfigMap are not.
    #[test]
    fn feastflow_secrets_and_tls() {
        use crate::checks::{Context, Settings};
        use crate::samples::Sample;
        let model = Model::from_files(Sample::FeastFlow.files());
        let settings = Settings::default();
        let ctx = Context::new(&model, &settings);
        let fired = |id: &str| -> Vec<String> {
            let check = by_id(id).expect("a registered check");
            (check.run)(&ctx)
                .iter()
                .map(|f| f.object.to_string())
                .collect()
        };
        assert_eq!(
            fired("ingress-no-tls"),
            ["Ingress/feastflow/feastflow-ingress"]
        );
        assert_eq!(
            fired("secret-literal-in-manifest"),
            ["Secret/feastflow/feastflow-secrets"]
        );
        assert_eq!(fired("hardcoded-secret-env"), Vec::<String>::new());
        assert_eq!(fired("sensitive-configmap-data"), Vec::<String>::new());
        assert_eq!(fired("default-namespace"), Vec::<String>::new());
    }

    /// The first YAML block after `heading` in `docs`.
    fn yaml_after<'d>(docs: &'d str, heading: &str) -> Option<&'d str> {
        let rest = &docs[docs.find(heading)?..];
        let start = rest.find("```yaml\n")? + "```yaml\n".len();
        let end = rest[start..].find("```")?;
        Some(&rest[start..start + end])
    }

    /// The docs of these checks tell the truth: the example fires and the fix is quiet.
    #[test]
    fn the_docs_examples_fire_and_the_fixes_do_not() {
        let ids = [
            "hardcoded-secret-env",
            "sensitive-configmap-data",
            "secret-literal-in-manifest",
            "ssh-port",
            "privileged-port",
            "service-exposure-type",
            "ingress-no-tls",
            "ingress-nginx-snippets",
            "rbac-wildcards",
            "rbac-cluster-admin-binding",
            "rbac-pod-exec-attach",
            "rbac-secrets-access",
            "rbac-create-pods",
            "rbac-escalation-verbs",
            "default-namespace",
            "known-risky-components",
            "openshift-scc-privileged",
            "recommended-labels",
            "named-ports-preferred",
            "yaml-keys-sorted",
            "pod-not-isolated",
        ];
        let mut problems = Vec::new();
        for id in ids {
            let check = by_id(id).expect("a registered check");
            let (Some(example), Some(fix)) = (
                yaml_after(check.docs, "## Example"),
                yaml_after(check.docs, "## Fix"),
            ) else {
                problems.push(format!(
                    "{id}: docs lack an example or a fix in a yaml block"
                ));
                continue;
            };
            let model = Model::from_files(vec![SourceFile::new("example.yaml", example)]);
            if !model.diagnostics.is_empty() {
                problems.push(format!(
                    "{id}: the example does not read cleanly: {:?}",
                    model.diagnostics
                ));
            }
            if testing::findings(check, example).is_empty() {
                problems.push(format!("{id}: the example does not fire"));
            }
            let fired = testing::findings(check, fix);
            if !fired.is_empty() {
                problems.push(format!("{id}: the fix fires: {fired:?}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
