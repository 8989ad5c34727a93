//! `service-discovery`: no IP address is hard-coded and the pods are reached by Service name.

use std::collections::{BTreeMap, BTreeSet};

use super::refs::{Refs, list};
use super::{Row, Verdict, no_related};
use crate::model::{Model, Object, ObjectId, Resource};

/// The `service-discovery` row.
pub(super) const ROW: Row = Row {
    id: "service-discovery",
    title: "Service discovery (DNS)",
    checks: &[
        "statefulset-service-missing",
        "statefulset-service-not-headless",
    ],
    rule: "no IP address is hard-coded in the configuration and the pods are reached through a Service name; not applicable when neither",
    fix: "env:\n  - name: API_URL\n    value: http://api:8080\n",
    verdict: service_discovery,
    judged_by_checks: false,
    related: no_related,
};

/// The first hard-coded IPv4 address in `text` (loopback, 0.0.0.0 and CIDR ranges aside).
pub(crate) fn hardcoded_ip(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.');
        if bytes[i].is_ascii_digit() && boundary {
            let mut j = i;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b'.') {
                j += 1;
            }
            let candidate = text[i..j].trim_end_matches('.');
            let parts: Vec<&str> = candidate.split('.').collect();
            let octets = parts.len() == 4
                && parts.iter().all(|p| {
                    !p.is_empty() && p.len() <= 3 && p.parse::<u16>().is_ok_and(|n| n <= 255)
                });
            let end = i + candidate.len();
            let followed_ok =
                end >= bytes.len() || !(bytes[end].is_ascii_alphanumeric() || bytes[end] == b'/');
            if octets && followed_ok && !(candidate.starts_with("127.") || candidate == "0.0.0.0") {
                return Some(candidate.to_owned());
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    None
}

/// Host names that URLs in `text` point at (`scheme://host[:port]`).
fn url_hosts(text: &str) -> Vec<String> {
    text.split("://")
        .skip(1)
        .filter_map(|rest| {
            let host: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
                .collect();
            (!host.is_empty()).then_some(host)
        })
        .collect()
}

/// Where a value the containers read is written, described and located only when reported.
enum Source<'a> {
    /// An inline env var.
    Env(&'a str),
    /// An item of a container's `command` or `args`.
    Argument {
        field: &'static str,
        container: &'a str,
    },
    /// A key of a ConfigMap the containers read.
    ConfigMapKey { configmap: &'a str, key: &'a str },
}

impl std::fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Env(name) => write!(f, "env {name}"),
            Source::Argument { field, container } => {
                write!(f, "{field} of container \"{container}\"")
            }
            Source::ConfigMapKey { configmap, key } => write!(f, "ConfigMap {configmap} key {key}"),
        }
    }
}

/// A value the containers read: where it comes from, its text, and the object and path it is
/// written at.
struct ReadValue<'a> {
    source: Source<'a>,
    text: &'a str,
    owner: &'a Object,
    path: String,
}

/// The inline env values, command and args of `object`'s containers and the keys they read from
/// the ConfigMaps of its namespace.
fn read_values<'a>(object: &'a Object, refs: &'a Refs, model: &'a Model) -> Vec<ReadValue<'a>> {
    let mut values = Vec::new();
    for (name, value, path) in &refs.literal {
        values.push(ReadValue {
            source: Source::Env(name),
            text: value,
            owner: object,
            path: path.clone(),
        });
    }
    for c in object.containers() {
        for (field, items) in [
            ("command", &c.container.command),
            ("args", &c.container.args),
        ] {
            for (i, item) in items.iter().flatten().enumerate() {
                values.push(ReadValue {
                    source: Source::Argument {
                        field,
                        container: &c.container.name,
                    },
                    text: item,
                    owner: object,
                    path: format!("{}.{field}[{i}]", c.path),
                });
            }
        }
    }
    let read_keys: BTreeMap<&str, BTreeSet<&str>> =
        refs.configmap_keys
            .iter()
            .fold(BTreeMap::new(), |mut m, (_, cm, key, _)| {
                m.entry(cm.as_str()).or_default().insert(key.as_str());
                m
            });
    for name in &refs.configmaps {
        let id = ObjectId::new("ConfigMap", object.namespace.as_deref(), name);
        let Some(cm_object) = model.get(&id) else {
            continue;
        };
        let Resource::ConfigMap(cm) = &*cm_object.resource else {
            continue;
        };
        let whole = refs.configmaps_whole.contains(name);
        for (key, value) in cm.data.iter().flatten() {
            if whole
                || read_keys
                    .get(name.as_str())
                    .is_some_and(|keys| keys.contains(key.as_str()))
            {
                values.push(ReadValue {
                    source: Source::ConfigMapKey {
                        configmap: name,
                        key,
                    },
                    text: value,
                    owner: cm_object,
                    path: format!("data[\"{key}\"]"),
                });
            }
        }
    }
    values
}

fn service_discovery(object: &Object, model: &Model) -> Verdict {
    let refs = Refs::of(object);
    let values = read_values(object, &refs, model);
    if let Some((value, ip)) = values
        .iter()
        .find_map(|value| hardcoded_ip(value.text).map(|ip| (value, ip)))
    {
        return Verdict::Fail(
            format!(
                "{} hard-codes the address {ip}; use a Service name",
                value.source
            ),
            Some(value.owner.locate(&value.path)),
        );
    }
    let services = model.services_selecting(object);
    // Whether the namespace holds a Service of this name (looked up by id, not by a scan).
    let is_service = |name: &str| {
        model
            .get(&ObjectId::new("Service", Some(object.ns()), name))
            .is_some_and(|o| o.kind == "Service" && o.namespace.as_deref() == Some(object.ns()))
    };
    let mut named: BTreeSet<String> = BTreeSet::new();
    for value in &values {
        for host in url_hosts(value.text)
            .into_iter()
            .chain(std::iter::once(value.text.trim().to_owned()))
        {
            let first = host.split('.').next().unwrap_or_default();
            if (host == first || host.contains(".svc")) && is_service(first) {
                named.insert(first.to_owned());
            }
        }
    }
    let mut parts = Vec::new();
    if let Some(s) = services.first() {
        parts.push(format!(
            "reachable as {}.{}.svc through Service {}",
            s.name,
            object.ns(),
            s.name
        ));
    }
    if !named.is_empty() {
        parts.push(format!("calls {} by name", list(&named)));
    }
    if parts.is_empty() {
        return Verdict::Na(
            "no Service selects it and its configuration names no Service".to_owned(),
        );
    }
    Verdict::Pass(parts.join("; "))
}
