//! Names the controllers give: the `pod-template-hash` of a template, ReplicaSet names
//! `<deployment>-<hash>` and pod names `<owner>-<suffix>`.
//!
//! The real hash is FNV-32a over a Go-specific dump of the template, so real names cannot be
//! reproduced outside a cluster. This one is FNV-1a 32 over the template's canonical JSON (keys
//! sorted, the `pod-template-hash` label left out), rendered the way Kubernetes renders it: the
//! decimal digits of the hash mapped through `SafeEncodeString`'s alphabet. The result is stable
//! and looks like the real thing (`feastflow-backend-5d59d67564`).

use k8s_openapi::api::core::v1::PodTemplateSpec;
use serde_json::Value;

/// The alphabet of `k8s.io/apimachinery/pkg/util/rand.SafeEncodeString`: no vowels (so no words)
/// and no characters that look alike.
pub const SAFE_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// The label the Deployment controller adds to every pod and ReplicaSet it creates.
pub const POD_TEMPLATE_HASH_LABEL: &str = "pod-template-hash";

/// FNV-1a, 32 bits.
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    let mut hash = Fnv1a32::new();
    hash.add(bytes);
    hash.0
}

/// `rand.SafeEncodeString`: every byte mapped to `SAFE_ALPHABET[byte % 27]`.
pub fn safe_encode(text: &str) -> String {
    text.bytes()
        .map(|b| char::from(SAFE_ALPHABET[usize::from(b) % SAFE_ALPHABET.len()]))
        .collect()
}

/// FNV-1a 32 over the bytes added or written to it.
struct Fnv1a32(u32);

impl Fnv1a32 {
    fn new() -> Self {
        Fnv1a32(0x811c_9dc5)
    }

    fn add(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u32::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0193);
        }
    }
}

impl std::io::Write for Fnv1a32 {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.add(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The template as a JSON value without the `pod-template-hash` label.
fn canonical_value(template: &PodTemplateSpec) -> Value {
    let mut value = serde_json::to_value(template).unwrap_or(Value::Null);
    if let Some(labels) = value
        .pointer_mut("/metadata/labels")
        .and_then(Value::as_object_mut)
    {
        labels.remove(POD_TEMPLATE_HASH_LABEL);
        if labels.is_empty()
            && let Some(meta) = value
                .pointer_mut("/metadata")
                .and_then(Value::as_object_mut)
        {
            meta.remove("labels");
        }
    }
    value
}

/// The `pod-template-hash` of a template (e.g. `5d59d67564`): the FNV-1a 32 of its canonical
/// JSON, hashed as it is written rather than kept. serde_json's maps keep their keys sorted, so
/// its compact form is the canonical one.
pub fn pod_template_hash(template: &PodTemplateSpec) -> String {
    let mut hash = Fnv1a32::new();
    // Writing to a hasher cannot fail, nor can serialising a JSON value.
    let _ = serde_json::to_writer(&mut hash, &canonical_value(template));
    safe_encode(&hash.0.to_string())
}

/// The name of a revision of `owner`'s pods: `<owner>-<pod-template-hash>`, as a Deployment names
/// its ReplicaSets (and the simulator names DaemonSet and StatefulSet revisions).
pub(crate) fn revision_name(owner: &str, template: &PodTemplateSpec) -> String {
    format!("{owner}-{}", pod_template_hash(template))
}

/// Whether two templates are equal once the `pod-template-hash` label is ignored
/// (`EqualIgnoreHash`), which is how the controller finds the new ReplicaSet.
pub fn templates_equal(a: &PodTemplateSpec, b: &PodTemplateSpec) -> bool {
    canonical_value(a) == canonical_value(b)
}

/// A 5-character pod name suffix, like the API server's `generateName` suffixes, derived from
/// the owner's name and a counter so every simulation names its pods the same way.
pub fn pod_suffix(owner: &str, counter: u32) -> String {
    let mut n = fnv1a32(format!("{owner}/{counter}").as_bytes());
    let mut out = String::with_capacity(5);
    for _ in 0..5 {
        out.push(char::from(SAFE_ALPHABET[(n % 27) as usize]));
        n /= 27;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    fn template(image: &str, hash_label: Option<&str>) -> PodTemplateSpec {
        let mut labels = std::collections::BTreeMap::from([("app".to_owned(), "web".to_owned())]);
        if let Some(h) = hash_label {
            labels.insert(POD_TEMPLATE_HASH_LABEL.to_owned(), h.to_owned());
        }
        PodTemplateSpec {
            metadata: Some(ObjectMeta {
                labels: Some(labels),
                ..Default::default()
            }),
            spec: Some(k8s_openapi::api::core::v1::PodSpec {
                containers: vec![k8s_openapi::api::core::v1::Container {
                    name: "web".into(),
                    image: Some(image.into()),
                    ..Default::default()
                }],
                ..Default::default()
            }),
        }
    }

    #[test]
    fn fnv_matches_reference_vectors() {
        assert_eq!(fnv1a32(b""), 0x811c_9dc5);
        assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a32(b"foobar"), 0xbf9c_f968);
    }

    #[test]
    fn hash_uses_the_safe_alphabet_and_ignores_its_own_label() {
        let a = template("web:v1", None);
        let hash = pod_template_hash(&a);
        assert!(
            hash.len() >= 6 && hash.bytes().all(|b| SAFE_ALPHABET.contains(&b)),
            "{hash}"
        );
        assert_eq!(pod_template_hash(&template("web:v1", Some("abc"))), hash);
        assert_ne!(pod_template_hash(&template("web:v2", None)), hash);
        assert!(templates_equal(&a, &template("web:v1", Some("xyz"))));
        // Digits are bytes 48-57, so hashes only ever use 4-9 and b, c, d, f, as real ones do.
        assert_eq!(safe_encode("0123456789"), "456789bcdf");
    }

    #[test]
    fn the_hash_is_of_the_json_with_sorted_keys_and_stays_the_same() {
        // The hash is written from serde_json's compact form, whose maps keep their keys sorted:
        // this pins that form, and the name a ReplicaSet of this template gets.
        let value = canonical_value(&template("web:v1", Some("abc")));
        assert_eq!(
            value.to_string(),
            r#"{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"web:v1","name":"web"}]}}"#
        );
        assert_eq!(
            pod_template_hash(&template("web:v1", None)),
            safe_encode(&fnv1a32(value.to_string().as_bytes()).to_string())
        );
        assert_eq!(pod_template_hash(&template("web:v1", None)), "65fb57dd7d");
    }
}
