//! References by name from pod specs: volumes, env, `envFrom`, image pull secrets and the
//! service account.

use super::{Builder, PodRef, builtin};
use crate::graph::{ProblemCode, Relation};
use crate::model::{Object, ObjectId, Resource};

impl Builder<'_> {
    pub(super) fn pod_spec_references(&mut self) {
        for obj in self.objects() {
            let Some(spec_ref) = obj.pod_spec() else {
                continue;
            };
            let (spec, p) = (spec_ref.spec, spec_ref.path);
            let claim_templates: Vec<&str> = match &*obj.resource {
                Resource::StatefulSet(s) => s
                    .spec
                    .volume_claim_templates
                    .iter()
                    .flatten()
                    .filter_map(|t| t.metadata.name.as_deref())
                    .collect(),
                _ => Vec::new(),
            };
            let mut refs: Vec<PodRef> = Vec::new();
            for (i, volume) in spec.volumes.iter().flatten().enumerate() {
                let v = format!("{p}.volumes[{i}]");
                if let Some(cm) = &volume.config_map {
                    refs.push(PodRef {
                        kind: "ConfigMap",
                        name: &cm.name,
                        optional: cm.optional == Some(true),
                        relation: Relation::Mounts,
                        field: format!("{v}.configMap.name"),
                        what: format!("volume {} configMap", volume.name),
                        key: None,
                        container: None,
                    });
                }
                if let Some(name) = volume
                    .secret
                    .as_ref()
                    .and_then(|s| s.secret_name.as_deref())
                {
                    refs.push(PodRef {
                        kind: "Secret",
                        name,
                        optional: volume.secret.as_ref().and_then(|s| s.optional) == Some(true),
                        relation: Relation::Mounts,
                        field: format!("{v}.secret.secretName"),
                        what: format!("volume {} secret", volume.name),
                        key: None,
                        container: None,
                    });
                }
                if let Some(pvc) = &volume.persistent_volume_claim
                    && !claim_templates.contains(&pvc.claim_name.as_str())
                {
                    refs.push(PodRef {
                        kind: "PersistentVolumeClaim",
                        name: &pvc.claim_name,
                        optional: false,
                        relation: Relation::Mounts,
                        field: format!("{v}.persistentVolumeClaim.claimName"),
                        what: format!("volume {} persistentVolumeClaim", volume.name),
                        key: None,
                        container: None,
                    });
                }
                let sources = volume
                    .projected
                    .as_ref()
                    .and_then(|pr| pr.sources.as_deref())
                    .unwrap_or_default();
                for (j, source) in sources.iter().enumerate() {
                    if let Some(cm) = &source.config_map {
                        refs.push(PodRef {
                            kind: "ConfigMap",
                            name: &cm.name,
                            optional: cm.optional == Some(true),
                            relation: Relation::Mounts,
                            field: format!("{v}.projected.sources[{j}].configMap.name"),
                            what: format!("volume {} projected configMap", volume.name),
                            key: None,
                            container: None,
                        });
                    }
                    if let Some(secret) = &source.secret {
                        refs.push(PodRef {
                            kind: "Secret",
                            name: &secret.name,
                            optional: secret.optional == Some(true),
                            relation: Relation::Mounts,
                            field: format!("{v}.projected.sources[{j}].secret.name"),
                            what: format!("volume {} projected secret", volume.name),
                            key: None,
                            container: None,
                        });
                    }
                }
            }
            for c in obj.containers() {
                let name = c.container.name.as_str();
                for (k, from) in c.container.env_from.iter().flatten().enumerate() {
                    if let Some(cm) = &from.config_map_ref {
                        refs.push(PodRef {
                            kind: "ConfigMap",
                            name: &cm.name,
                            optional: cm.optional == Some(true),
                            relation: Relation::Env,
                            field: format!("{}.envFrom[{k}].configMapRef.name", c.path),
                            what: format!("envFrom[{k}].configMapRef"),
                            key: None,
                            container: Some(name),
                        });
                    }
                    if let Some(secret) = &from.secret_ref {
                        refs.push(PodRef {
                            kind: "Secret",
                            name: &secret.name,
                            optional: secret.optional == Some(true),
                            relation: Relation::Env,
                            field: format!("{}.envFrom[{k}].secretRef.name", c.path),
                            what: format!("envFrom[{k}].secretRef"),
                            key: None,
                            container: Some(name),
                        });
                    }
                }
                for (k, var) in c.container.env.iter().flatten().enumerate() {
                    let Some(from) = &var.value_from else {
                        continue;
                    };
                    if let Some(cm) = &from.config_map_key_ref {
                        refs.push(PodRef {
                            kind: "ConfigMap",
                            name: &cm.name,
                            optional: cm.optional == Some(true),
                            relation: Relation::Env,
                            field: format!("{}.env[{k}].valueFrom.configMapKeyRef.name", c.path),
                            what: format!("env {} valueFrom.configMapKeyRef", var.name),
                            key: Some(&cm.key),
                            container: Some(name),
                        });
                    }
                    if let Some(secret) = &from.secret_key_ref {
                        refs.push(PodRef {
                            kind: "Secret",
                            name: &secret.name,
                            optional: secret.optional == Some(true),
                            relation: Relation::Env,
                            field: format!("{}.env[{k}].valueFrom.secretKeyRef.name", c.path),
                            what: format!("env {} valueFrom.secretKeyRef", var.name),
                            key: Some(&secret.key),
                            container: Some(name),
                        });
                    }
                }
            }
            let service_account = match (&spec.service_account_name, &spec.service_account) {
                (Some(name), _) => Some((name, "serviceAccountName")),
                (None, Some(name)) => Some((name, "serviceAccount")),
                (None, None) => None,
            };
            if let Some((name, key)) = service_account {
                refs.push(PodRef {
                    kind: "ServiceAccount",
                    name,
                    optional: false,
                    relation: Relation::Uses,
                    field: format!("{p}.{key}"),
                    what: key.to_owned(),
                    key: None,
                    container: None,
                });
            }
            for (k, secret) in spec.image_pull_secrets.iter().flatten().enumerate() {
                refs.push(PodRef {
                    kind: "Secret",
                    name: &secret.name,
                    optional: false,
                    relation: Relation::Uses,
                    field: format!("{p}.imagePullSecrets[{k}].name"),
                    what: format!("imagePullSecrets[{k}]"),
                    key: None,
                    container: None,
                });
            }
            for r in refs {
                self.pod_reference(obj, &r);
            }
        }
    }

    fn pod_reference(&mut self, obj: &Object, r: &PodRef) {
        if r.name.is_empty() {
            return;
        }
        let ns = obj.ns();
        let id = ObjectId::new(r.kind, Some(ns), r.name);
        let prefix = r
            .container
            .map(|c| format!("container {c}: "))
            .unwrap_or_default();
        let key = r.key.map(|k| format!(" key {k}")).unwrap_or_default();
        let described = format!("{prefix}{} \"{}\"{key}", r.what, r.name);
        let short = format!("{prefix}{} \"{}\"", r.what, r.name);
        let location = Some(obj.locate(&r.field));
        if self.exists(&id) || self.is_simulated(&id) {
            self.edge(&obj.id, &id, r.relation, true, described, location);
            return;
        }
        if builtin(r.kind, ns, r.name) {
            let to = self.absent_node(r.kind, Some(ns), r.name, true);
            let reason = format!("{described} (Kubernetes creates it in every namespace)");
            self.edge(&obj.id, &to, r.relation, true, reason, location);
            return;
        }
        let to = self.absent_node(r.kind, Some(ns), r.name, false);
        if r.optional {
            let reason =
                format!("{short} is not defined in namespace {ns}, and it is optional: true");
            self.edge(&obj.id, &to, r.relation, true, reason, location);
            return;
        }
        let reason = format!("{short} is not defined in namespace {ns}");
        self.edge(&obj.id, &to, r.relation, false, reason, location);
        let code = match r.kind {
            "ConfigMap" => ProblemCode::ConfigmapRefMissing,
            "Secret" => ProblemCode::SecretRefMissing,
            "PersistentVolumeClaim" => ProblemCode::PvcRefMissing,
            _ => ProblemCode::ServiceaccountMissing,
        };
        let note = self.elsewhere_note(r.kind, ns, r.name, "a pod");
        let message = format!(
            "{prefix}{} names {} \"{}\", not found in the loaded manifests for namespace {ns}{note}",
            r.what, r.kind, r.name
        );
        let suggestion = self.similar_name(r.kind, ns, r.name);
        self.problem(obj, code, &r.field, message, suggestion, r.container, false);
    }
}
