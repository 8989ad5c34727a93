//! OpenShift's DeploymentConfig (`apps.openshift.io/v1`), which has no k8s-openapi type: the
//! fields that shape its pods and its rollout, read from its JSON.
//!
//! The DeploymentConfig controller runs each version of the pod template through a
//! ReplicationController named `<name>-<version>`, and a deployer pod scales the old and new
//! ReplicationControllers with the `Rolling` (maxSurge, maxUnavailable) or `Recreate` strategy.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde::{Deserialize, Serialize};

/// The label the DeploymentConfig controller adds to its pods and selector: the config's name.
pub const DEPLOYMENT_CONFIG_LABEL: &str = "deploymentconfig";

/// The label the DeploymentConfig controller adds to the pods of one version: the
/// ReplicationController's name.
pub const DEPLOYMENT_LABEL: &str = "deployment";

/// An OpenShift DeploymentConfig. Fields Manifesto does not model (triggers, hooks, `test`)
/// are ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeploymentConfig {
    /// Standard metadata.
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// The desired state.
    #[serde(default)]
    pub spec: DeploymentConfigSpec,
    /// The observed state, as a `oc get -o yaml` dump has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DeploymentConfigStatus>,
}

/// `spec` of a DeploymentConfig.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentConfigSpec {
    /// Desired pods (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    /// The pods it manages, as a plain label map (defaulted to the template's labels).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<BTreeMap<String, String>>,
    /// The pod template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<PodTemplateSpec>,
    /// How a new version replaces the old one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<DeploymentConfigStrategy>,
    /// Seconds a new pod must be ready before it counts as available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_ready_seconds: Option<i32>,
    /// A paused config starts no new version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused: Option<bool>,
}

/// `spec.strategy` of a DeploymentConfig.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentConfigStrategy {
    /// `Rolling` (the default), `Recreate` or `Custom`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The parameters of the `Rolling` strategy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_params: Option<RollingParams>,
}

/// `spec.strategy.rollingParams`: the same fenceposts as a Deployment's `rollingUpdate`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RollingParams {
    /// Pods above `replicas` during the update (default 25%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_surge: Option<IntOrString>,
    /// Pods below `replicas` during the update (default 25%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
    /// Seconds to wait for the update before giving up (default 600).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<i64>,
}

/// `status` of a DeploymentConfig.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentConfigStatus {
    /// The version of the newest ReplicationController (`<name>-<latestVersion>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_version: Option<i64>,
}

impl DeploymentConfig {
    /// The version its running pods come from: `status.latestVersion` when a dump records it,
    /// else 1 (the version the config-change trigger creates on the first apply). A version out
    /// of `int32` range counts as 1.
    pub fn latest_version(&self) -> i64 {
        self.status
            .as_ref()
            .and_then(|s| s.latest_version)
            .filter(|v| *v > 0 && *v < i64::from(i32::MAX))
            .unwrap_or(1)
    }

    /// `spec.strategy.type`: `Rolling` (the default when unset), `Recreate` or `Custom`.
    pub fn strategy_type(&self) -> &str {
        self.spec
            .strategy
            .as_ref()
            .and_then(|s| s.type_.as_deref())
            .unwrap_or("Rolling")
    }
}

/// The name of the ReplicationController of version `version` of DeploymentConfig `name`.
pub fn replication_controller_name(name: &str, version: i64) -> String {
    format!("{name}-{version}")
}

#[cfg(test)]
mod tests {
    use crate::model::{Model, Resource};
    use crate::source::SourceFile;

    fn model(yaml: &str) -> Model {
        Model::from_files(vec![SourceFile::new("t.yaml", yaml)])
    }

    const DC: &str = "apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata:
  name: web
spec:
  replicas: 2
  triggers:
    - type: ConfigChange
  strategy:
    type: Rolling
    rollingParams:
      updatePeriodSeconds: 1
      maxSurge: 1
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: web:1.0
          imagePullPolcy: Always
";

    #[test]
    fn a_deployment_config_is_a_typed_workload_whose_selector_defaults_to_its_template_labels() {
        let m = model(DC);
        let dc = &m.objects[0];
        let Resource::DeploymentConfig(config) = &*dc.resource else {
            panic!("not typed: {:?}", dc.resource);
        };
        assert_eq!(config.strategy_type(), "Rolling");
        assert_eq!(config.latest_version(), 1);
        assert!(dc.is_workload());
        assert_eq!(dc.written_replicas(), Some(2));
        assert_eq!(dc.containers().len(), 1);
        assert_eq!(
            dc.map_selector().map(|s| s.keys().collect::<Vec<_>>()),
            Some(vec![&"app".to_owned()])
        );
        // Its own fields are not checked (triggers, updatePeriodSeconds); its pod template is.
        let unknown: Vec<&str> = dc.unknown_fields.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(unknown, ["spec.template.spec.containers[0].imagePullPolcy"]);
        assert_eq!(dc.unknown_fields[0].location.line, 22);
    }

    #[test]
    fn the_legacy_v1_deployment_config_is_read_too() {
        let m = model(&DC.replace("apps.openshift.io/v1", "v1"));
        assert!(matches!(
            *m.objects[0].resource,
            Resource::DeploymentConfig(_)
        ));
    }

    #[test]
    fn a_wrong_type_is_located_at_its_field() {
        let m = model(&DC.replace("replicas: 2", "replicas: two"));
        assert!(matches!(*m.objects[0].resource, Resource::Other(_)));
        let error = m.objects[0].type_error.as_ref().expect("a type error");
        assert_eq!(error.location.line, 6);
        assert!(error.message.contains("spec.replicas"), "{}", error.message);
    }

    #[test]
    fn a_replication_controller_selector_defaults_to_the_template_labels_unless_written() {
        let rc = "apiVersion: v1
kind: ReplicationController
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
        tier: front
    spec:
      containers:
        - name: web
          image: web:1.0
";
        let m = model(rc);
        let selector = m.objects[0].workload_selector().expect("a selector");
        assert_eq!(
            crate::model::describe_selector(&selector),
            "app=web,tier=front"
        );
        let m = model(&rc.replace(
            "spec:\n  template",
            "spec:\n  selector:\n    app: web\n  template",
        ));
        let selector = m.objects[0].workload_selector().expect("a selector");
        assert_eq!(crate::model::describe_selector(&selector), "app=web");
        assert!(m.objects[0].unknown_fields.is_empty());
        assert_eq!(m.objects[0].written_replicas(), None);
        assert!(m.objects[0].has_replicas());
    }
}
