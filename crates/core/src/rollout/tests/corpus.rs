//! Every workload of the real-world corpus, and absurd values, simulate without panicking.

use super::*;

/// Every workload of the real-world corpus simulates without panicking, healthy or broken.
#[test]
fn every_corpus_workload_simulates() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut stack = vec![root.clone()];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            {
                let bytes = std::fs::read(&path).unwrap_or_default();
                files.push(SourceFile::from_bytes(path.display().to_string(), &bytes).0);
            }
        }
    }
    if files.is_empty() {
        eprintln!("skipping: no corpus at {}", root.display());
        return;
    }
    let model = Model::from_files(files);
    let workloads = simulatable(&model);
    assert!(workloads.len() > 20, "{} workloads", workloads.len());
    let mut simulated = 0;
    for w in &workloads {
        for fail_new in [false, true] {
            let options = RolloutOptions {
                fail_new,
                ..RolloutOptions::default()
            };
            match simulate(&model, &w.id, &options) {
                Ok(rollout) => {
                    simulated += 1;
                    if rollout.strategy != Strategy::OnDelete && rollout.replicas > 0 {
                        assert_eq!(rollout.complete, !fail_new, "{}", w.id);
                    }
                    if rollout.strategy == Strategy::RollingUpdate {
                        assert!(
                            rollout
                                .states()
                                .all(|s| s.available() >= rollout.min_available),
                            "{}",
                            w.id
                        );
                    }
                }
                Err(RolloutError::Invalid { .. } | RolloutError::NoContainers { .. }) => {}
                Err(err) => panic!("{}: {err}", w.id),
            }
        }
    }
    assert!(simulated > 20);
}

#[test]
fn absurd_values_do_not_panic() {
    let yaml = deployment(3, &rolling("'99999999999999%'", "1"))
        .replace("periodSeconds: 2", "periodSeconds: 2147483647\n            successThreshold: 2147483647")
        .replace("  name: web\n  namespace: demo\n", "  name: web\n  namespace: demo\n  annotations:\n    deployment.kubernetes.io/revision: \"4294967295\"\n");
    let rollout = run(&yaml, false);
    assert!(rollout.complete);
    assert_eq!(rollout.max_surge, i32::MAX as u32);
    assert_eq!(rollout.revisions, (1, 2));
    let event = scale_during_rollout(
        &model(&yaml),
        &web(),
        &RolloutOptions {
            fail_new: true,
            ..RolloutOptions::default()
        },
        7,
        None,
    );
    assert!(event.is_ok());
}
