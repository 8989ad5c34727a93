//! OpenShift's DeploymentConfig. Its deployer pod scales the running version's
//! ReplicationController down and the new version's up with the same fenceposts as a Deployment
//! (`Rolling`: maxSurge and maxUnavailable, 25% each by default; `Recreate`), so the simulator
//! runs the Deployment algorithm over ReplicationControllers named `<name>-<version>`, the
//! [`Driver`] telling the two apart in names and words.

use k8s_openapi::api::apps::v1::{
    Deployment, DeploymentSpec, DeploymentStrategy, RollingUpdateDeployment,
};
use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use super::hash::revision_name;
use super::{Result, Rollout, RolloutError, RolloutOptions, WorkloadKind, deployment};
use crate::model::{DeploymentConfig, Model, Object, Resource, replication_controller_name};

/// What drives the pod sets of a Deployment-style rollout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Driver {
    /// The Deployment controller: ReplicaSets named `<name>-<pod-template-hash>`.
    Deployment,
    /// A DeploymentConfig's deployer: ReplicationControllers named `<name>-<version>`, the
    /// running version being `version`.
    DeploymentConfig {
        /// `status.latestVersion` (1 when not recorded).
        version: i64,
    },
}

impl Driver {
    /// The driver of `object`'s rollout.
    pub(super) fn of(object: &Object) -> Driver {
        match &*object.resource {
            Resource::DeploymentConfig(dc) => Driver::DeploymentConfig {
                version: dc.latest_version(),
            },
            _ => Driver::Deployment,
        }
    }

    /// The workload's kind.
    pub(super) fn kind(self) -> WorkloadKind {
        match self {
            Driver::Deployment => WorkloadKind::Deployment,
            Driver::DeploymentConfig { .. } => WorkloadKind::DeploymentConfig,
        }
    }

    /// The kind of its pod sets: `ReplicaSet` or `ReplicationController`.
    pub(super) fn set_kind(self) -> &'static str {
        match self {
            Driver::Deployment => "ReplicaSet",
            Driver::DeploymentConfig { .. } => "ReplicationController",
        }
    }

    /// The pod sets' kind in a controller's terse decisions: `RS` or `RC`.
    pub(super) fn set_abbrev(self) -> &'static str {
        match self {
            Driver::Deployment => "RS",
            Driver::DeploymentConfig { .. } => "RC",
        }
    }

    /// The pod sets' kind in events: `replica set` or `replication controller`.
    pub(super) fn set_noun(self) -> &'static str {
        match self {
            Driver::Deployment => "replica set",
            Driver::DeploymentConfig { .. } => "replication controller",
        }
    }

    /// The path of the rolling-update fenceposts in the workload.
    pub(super) fn rolling_path(self) -> &'static str {
        match self {
            Driver::Deployment => "spec.strategy.rollingUpdate",
            Driver::DeploymentConfig { .. } => "spec.strategy.rollingParams",
        }
    }

    /// The pod set running `template`: the running one, or the one the change creates.
    pub(super) fn set_name(self, workload: &str, template: &PodTemplateSpec, new: bool) -> String {
        match self {
            Driver::Deployment => revision_name(workload, template),
            Driver::DeploymentConfig { version } => {
                replication_controller_name(workload, version + i64::from(new))
            }
        }
    }

    /// The command that resumes a paused workload.
    pub(super) fn resume_command(self, name: &str) -> String {
        match self {
            Driver::Deployment => format!("kubectl rollout resume deployment/{name}"),
            Driver::DeploymentConfig { .. } => format!("oc rollout resume dc/{name}"),
        }
    }

    /// What happens when the new version never becomes ready, after `deadline` seconds.
    pub(super) fn on_timeout(self, deadline: u32) -> String {
        match self {
            Driver::Deployment => format!(
                "the new version never becomes ready: after progressDeadlineSeconds ({deadline} s) without progress the Deployment reports Progressing=False with reason ProgressDeadlineExceeded; nothing rolls back automatically"
            ),
            Driver::DeploymentConfig { .. } => format!(
                "the new version never becomes ready: after the strategy's timeoutSeconds ({deadline} s) the deployer gives up, the new version is marked Failed, and the DeploymentConfig scales the previous ReplicationController back up (an automatic rollback, which a Deployment does not do)"
            ),
        }
    }
}

/// Simulates the rollout of a DeploymentConfig through the Deployment algorithm.
pub(crate) fn simulate(
    model: &Model,
    object: &Object,
    dc: &DeploymentConfig,
    options: &RolloutOptions,
) -> Result<Rollout> {
    let deployment = as_deployment(object, dc)?;
    let mut rollout = deployment::simulate(model, object, &deployment, options)?;
    rollout.notes.push(format!(
        "a DeploymentConfig's deployer pod ({}-{}-deploy) runs the {} strategy; the passes follow the Deployment controller's arithmetic with the same maxSurge and maxUnavailable",
        object.name,
        dc.latest_version() + 1,
        dc.strategy_type()
    ));
    Ok(rollout)
}

/// The DeploymentConfig as the Deployment whose rollout has the same arithmetic: the same
/// replicas, template and fenceposts, its timeout as the progress deadline.
fn as_deployment(object: &Object, dc: &DeploymentConfig) -> Result<Deployment> {
    let spec = &dc.spec;
    let rolling = spec
        .strategy
        .as_ref()
        .and_then(|s| s.rolling_params.as_ref());
    let strategy = match dc.strategy_type() {
        "Rolling" => DeploymentStrategy {
            type_: Some("RollingUpdate".to_owned()),
            rolling_update: rolling.map(|p| RollingUpdateDeployment {
                max_surge: p.max_surge.clone(),
                max_unavailable: p.max_unavailable.clone(),
            }),
        },
        "Recreate" => DeploymentStrategy {
            type_: Some("Recreate".to_owned()),
            rolling_update: None,
        },
        other => {
            return Err(RolloutError::NoRollout {
                id: object.id.to_string(),
                reason: format!(
                    "strategy {other} runs a deployer image of the user's own choosing, whose steps Manifesto cannot simulate"
                ),
            });
        }
    };
    let timeout = rolling
        .and_then(|p| p.timeout_seconds)
        .map(|t| t.clamp(0, i64::from(i32::MAX)) as i32);
    Ok(Deployment {
        metadata: dc.metadata.clone(),
        spec: DeploymentSpec {
            replicas: spec.replicas,
            selector: LabelSelector {
                match_labels: spec.selector.clone(),
                match_expressions: None,
            },
            template: spec.template.clone().unwrap_or_default(),
            strategy: Some(strategy),
            min_ready_seconds: spec.min_ready_seconds,
            paused: spec.paused,
            progress_deadline_seconds: timeout.filter(|t| *t > spec.min_ready_seconds.unwrap_or(0)),
            ..DeploymentSpec::default()
        },
        status: None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{State, simulate};
    use super::*;
    use crate::model::ObjectId;
    use crate::source::SourceFile;

    fn model(yaml: &str) -> Model {
        Model::from_files(vec![SourceFile::new("test.yaml", yaml)])
    }

    /// A DeploymentConfig `web` of 3 replicas with `strategy`.
    fn config(strategy: &str) -> Model {
        model(&format!(
            "apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata:
  name: web
  namespace: demo
spec:
  replicas: 3
  selector:
    app: web
{strategy}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: web:1.0
"
        ))
    }

    fn web() -> ObjectId {
        ObjectId::new("DeploymentConfig", Some("demo"), "web")
    }

    fn run(model: &Model) -> Result<Rollout> {
        simulate(model, &web(), &RolloutOptions::default())
    }

    /// Settled `old+new` totals after each pass, from the initial state.
    fn totals(r: &Rollout) -> Vec<String> {
        let show = |s: &State| format!("{}+{}", s.old_total, s.new_total);
        std::iter::once(show(&r.initial))
            .chain(r.passes.iter().map(|p| show(&p.settled)))
            .collect()
    }

    #[test]
    fn rolling_defaults_to_25_percent_and_replaces_controller_1_by_controller_2() {
        let r = run(&config("")).expect("simulates");
        assert_eq!(r.kind, WorkloadKind::DeploymentConfig);
        assert_eq!((r.max_surge, r.max_unavailable), (1, 0));
        assert_eq!(
            (r.old_rs_name.as_str(), r.new_rs_name.as_str()),
            ("web-1", "web-2")
        );
        // The Deployment sequence `r3-25pct-25pct`.
        assert_eq!(
            totals(&r),
            ["3+0", "3+1", "2+1", "2+2", "1+2", "1+3", "0+3"]
        );
        assert!(r.complete);
        assert_eq!(
            r.passes[0].events,
            ["Scaled up replication controller web-2 to 1"]
        );
        assert!(
            r.passes[0]
                .narration
                .contains("Creates the new ReplicationController web-2"),
            "{}",
            r.passes[0].narration
        );
        assert_eq!(
            r.commands[0].command,
            "oc set image deploymentconfig/web web=web:v2 -n demo"
        );
        assert!(r.commands.iter().all(|c| c.command.starts_with("oc ")));
    }

    #[test]
    fn a_dumped_config_rolls_from_its_latest_version_to_the_next() {
        let yaml = "apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata:
  name: web
  namespace: demo
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: web:1.0
status:
  latestVersion: 7
";
        let r = run(&model(yaml)).expect("simulates");
        assert_eq!(
            (r.old_rs_name.as_str(), r.new_rs_name.as_str()),
            ("web-7", "web-8")
        );
        assert_eq!(r.revisions, (7, 8));
    }

    #[test]
    fn rolling_params_set_the_fenceposts() {
        let r = run(&config(
            "  strategy:\n    type: Rolling\n    rollingParams:\n      maxSurge: 2\n      maxUnavailable: 1",
        ))
        .expect("simulates");
        // The Deployment sequence `r3-s2-u1`.
        assert_eq!(totals(&r), ["3+0", "2+2", "2+3", "0+3"]);
    }

    #[test]
    fn recreate_stops_every_old_pod_first() {
        let r = run(&config("  strategy:\n    type: Recreate")).expect("simulates");
        assert_eq!(totals(&r), ["3+0", "0+0", "0+3"]);
        assert!(!r.zero_downtime);
    }

    #[test]
    fn invalid_fenceposts_are_refused_at_their_own_path() {
        let err = run(&config(
            "  strategy:\n    type: Rolling\n    rollingParams:\n      maxSurge: 0\n      maxUnavailable: 0",
        ))
        .expect_err("refused");
        assert_eq!(
            err.to_string(),
            "The DeploymentConfig \"web\" is invalid: spec.strategy.rollingParams.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
        );
    }

    #[test]
    fn a_failing_version_rolls_back_by_itself() {
        let options = RolloutOptions {
            fail_new: true,
            ..RolloutOptions::default()
        };
        let r = simulate(&config(""), &web(), &options).expect("simulates");
        assert!(!r.complete);
        assert!(
            r.assumptions
                .iter()
                .any(|a| a.contains("scales the previous ReplicationController back up")),
            "{:?}",
            r.assumptions
        );
    }

    #[test]
    fn a_custom_strategy_is_not_simulated_and_says_why() {
        let err = run(&config("  strategy:\n    type: Custom")).expect_err("not simulated");
        assert!(
            matches!(err, RolloutError::NoRollout { .. }) && err.to_string().contains("Custom"),
            "{err}"
        );
    }

    #[test]
    fn a_replication_controller_has_no_rollout_and_says_running_pods_stay() {
        let m = model(
            "apiVersion: v1
kind: ReplicationController
metadata:
  name: web
  namespace: demo
spec:
  replicas: 3
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: web:1.0
",
        );
        let id = ObjectId::new("ReplicationController", Some("demo"), "web");
        let err = simulate(&m, &id, &RolloutOptions::default()).expect_err("no rollout");
        assert_eq!(
            err.to_string(),
            "ReplicationController/demo/web has no rollout to simulate: a ReplicationController has no rolling update, so changing its pod template replaces no running pod; only the pods it creates after old ones are deleted (by hand, or when their node fails) run the new template. A Deployment rolls out a new template"
        );
        assert!(super::super::simulatable(&m).is_empty());
    }
}
