//! The built-in samples: FeastFlow's manifests, as files with their names.

use crate::source::SourceFile;

macro_rules! sample {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../../samples/feastflow/", $name)),
        )
    };
}

/// FeastFlow's application manifests, `00-namespace.yaml` … `10-ingress.yaml`.
const FEASTFLOW: &[(&str, &str)] = &[
    sample!("00-namespace.yaml"),
    sample!("01-configmap.yaml"),
    sample!("02-secrets.yaml"),
    sample!("03-postgres-pvc.yaml"),
    sample!("04-postgres-deployment.yaml"),
    sample!("05-postgres-service.yaml"),
    sample!("06-backend-deployment.yaml"),
    sample!("07-backend-service.yaml"),
    sample!("08-frontend-deployment.yaml"),
    sample!("09-frontend-service.yaml"),
    sample!("10-ingress.yaml"),
];

/// FeastFlow's "Pods vs ReplicaSets" examples.
const PODS_VS_REPLICASETS: &[(&str, &str)] = &[
    sample!("pods-and-replicasets/01-simple-pod.yaml"),
    sample!("pods-and-replicasets/02-replicaset.yaml"),
];

/// A built-in sample the user can load.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
pub enum Sample {
    /// The FeastFlow application.
    #[strum(serialize = "feastflow")]
    FeastFlow,
    /// FeastFlow's bare Pod and ReplicaSet examples.
    #[strum(serialize = "pods-vs-replicasets")]
    PodsVsReplicaSets,
    /// Nothing: an empty start.
    #[strum(serialize = "empty")]
    Empty,
}

impl Sample {
    /// Every sample, in the order the picker shows them.
    pub const ALL: [Sample; 3] = crate::variants::all();

    /// The stable key (`feastflow`, `pods-vs-replicasets`, `empty`).
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The sample for a key.
    pub fn from_key(key: &str) -> Option<Sample> {
        key.parse().ok()
    }

    /// A human title.
    pub fn title(self) -> &'static str {
        match self {
            Sample::FeastFlow => "FeastFlow application",
            Sample::PodsVsReplicaSets => "FeastFlow: Pods vs ReplicaSets",
            Sample::Empty => "Empty start",
        }
    }

    /// The sample's files.
    pub fn files(self) -> Vec<SourceFile> {
        let files: &[(&str, &str)] = match self {
            Sample::FeastFlow => FEASTFLOW,
            Sample::PodsVsReplicaSets => PODS_VS_REPLICASETS,
            Sample::Empty => &[],
        };
        files
            .iter()
            .map(|(name, text)| SourceFile::new(*name, *text))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Model;

    #[test]
    fn feastflow_reads_without_diagnostics() {
        let model = Model::from_files(Sample::FeastFlow.files());
        assert!(model.diagnostics.is_empty(), "{:?}", model.diagnostics);
        let ids: Vec<&str> = model.objects.iter().map(|o| o.id.as_str()).collect();
        for id in [
            "Namespace/feastflow",
            "ConfigMap/feastflow/feastflow-config",
            "Secret/feastflow/feastflow-secrets",
            "StatefulSet/feastflow/postgres",
            "Deployment/feastflow/feastflow-backend",
            "Deployment/feastflow/feastflow-frontend",
            "Service/feastflow/feastflow-backend",
            "Service/feastflow/feastflow-frontend",
            "Ingress/feastflow/feastflow-ingress",
        ] {
            assert!(ids.contains(&id), "{id} missing from {ids:?}");
        }
    }

    #[test]
    fn pods_vs_replicasets_reads() {
        let model = Model::from_files(Sample::PodsVsReplicaSets.files());
        assert!(model.diagnostics.is_empty(), "{:?}", model.diagnostics);
        let ids: Vec<&str> = model.objects.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "Pod/feastflow/feastflow-backend-pod",
                "ReplicaSet/feastflow/feastflow-backend-rs"
            ]
        );
    }
}
