//! The rollout simulator's current moment drawn on the graph: a note above it, the
//! Deployment's ReplicaSet box labelled with its pods at that step, and a box for the other
//! ReplicaSet of the rollout next to it, owned by the Deployment.

use manifesto_core::Model;
use manifesto_core::ObjectId;
use manifesto_core::graph::{EdgePath, Graph, Layout, NodeBox, NodeState, Point, Relation};
use manifesto_core::rollout::{self, RolloutOptions, TemplateChange};

use crate::state::RolloutView;

/// Room between the ReplicaSet box and the one added under it.
const GAP: f64 = 12.0;

/// How many passes the rollout shown has (the simulation the panel runs, run again).
pub fn pass_count(model: &Model, view: &RolloutView) -> Option<usize> {
    let options = RolloutOptions {
        change: TemplateChange::NewImageTag(view.tag.trim().to_owned()),
        fail_new: view.fail_new,
        ..RolloutOptions::default()
    };
    let rollout = if view.undo {
        rollout::simulate_undo(model, &view.workload, &options)
    } else {
        rollout::simulate(model, &view.workload, &options)
    };
    rollout.ok().map(|r| r.passes.len())
}

/// The Deployment rolling out, when the graph has it.
fn deployment<'g>(graph: &'g Graph, view: &RolloutView) -> Option<&'g ObjectId> {
    graph
        .node(&view.workload)
        .filter(|n| n.kind == "Deployment" && !n.state.is_missing())
        .map(|n| &n.id)
}

fn pods(n: u32) -> String {
    if n == 1 {
        "1 pod".to_owned()
    } else {
        format!("{n} pods")
    }
}

/// The note above the graph, e.g. `Showing rollout of Deployment/shop/web at pass 2 of 6: old
/// ReplicaSet web-1 has 2 pods, new ReplicaSet web-2 has 3 pods.`
pub fn note(graph: &Graph, view: &RolloutView, passes: Option<usize>) -> Option<String> {
    let id = deployment(graph, view)?;
    let of = passes.map(|m| format!(" of {m}")).unwrap_or_default();
    let (old, new) = &view.replica_sets;
    Some(format!(
        "Showing rollout of {id} at pass {}{of}: old ReplicaSet {old} has {}, new ReplicaSet {new} has {}.",
        view.step,
        pods(view.state.old_total),
        pods(view.state.new_total),
    ))
}

/// The layout with the rollout drawn in, and each box's pod count (in layout order); `None`
/// when the Deployment or its ReplicaSet box is not drawn.
pub fn apply(
    laid: &Layout,
    graph: &Graph,
    view: &RolloutView,
) -> Option<(Layout, Vec<Option<u32>>)> {
    let owner = deployment(graph, view)?;
    let rs = graph
        .outgoing(owner)
        .find(|e| {
            e.relation == Relation::Owns
                && e.to.kind() == "ReplicaSet"
                && graph.node(&e.to).is_some_and(|n| n.state.is_simulated())
        })?
        .to
        .clone();
    let at = laid.nodes.iter().position(|n| n.id == rs)?;
    let (old, new) = &view.replica_sets;
    let (old_n, new_n) = (view.state.old_total, view.state.new_total);
    // The drawn ReplicaSet is the old one, unless it is the one being rolled back to.
    let (here, other, other_name) = if rs.name() == new.as_str() && old != new {
        (new_n, old_n, old)
    } else {
        (old_n, new_n, new)
    };
    let namespace = laid.nodes[at].namespace.as_deref();
    let extra_id = ObjectId::new("ReplicaSet", namespace, other_name);
    if laid.nodes.iter().any(|n| n.id == extra_id) {
        return None;
    }

    let mut out = laid.clone();
    let base = laid.nodes[at].clone();
    let threshold = base.y + base.h;
    let dy = base.h + GAP;
    // Everything below the ReplicaSet's box moves down to make room.
    let mut moved = std::collections::HashSet::new();
    for node in &mut out.nodes {
        if node.y >= threshold {
            node.y += dy;
            moved.insert(node.id.clone());
        }
    }
    for edge in &mut out.edges {
        let shift = |p: &mut Point, id: &ObjectId| {
            if moved.contains(id) {
                p.y += dy;
            }
        };
        let n = edge.points.len();
        for (i, p) in edge.points.iter_mut().enumerate() {
            // The first half of the curve follows its start, the rest its end.
            if i < n.div_ceil(2) {
                shift(p, &edge.from);
            } else {
                shift(p, &edge.to);
            }
        }
    }
    for band in &mut out.bands {
        if band.y >= threshold {
            band.y += dy;
        } else if band.y + band.h > threshold {
            band.h += dy;
        }
    }
    out.height += dy;

    let extra = NodeBox {
        id: extra_id.clone(),
        kind: "ReplicaSet".to_owned(),
        namespace: base.namespace.clone(),
        name: other_name.clone(),
        label: other_name.clone(),
        y: base.y + dy,
        state: NodeState::Simulated,
        broken: false,
        stack: None,
        ..base.clone()
    };
    out.nodes.insert(at + 1, extra);
    let reason = format!("rollout to image tag {}", view.tag.trim());
    let edge = match out
        .edges
        .iter()
        .position(|e| e.from == *owner && e.to == rs)
    {
        Some(i) => {
            let mut edge = out.edges[i].clone();
            let n = edge.points.len();
            for p in edge.points.iter_mut().skip(n.div_ceil(2)) {
                p.y += dy;
            }
            (i + 1, edge)
        }
        None => {
            let from = out.nodes.iter().find(|n| n.id == *owner)?;
            let (x0, y0) = (from.x + from.w, from.y + from.h / 2.0);
            let (x1, y1) = (base.x, base.y + dy + base.h / 2.0);
            let mid = f64::midpoint(x0, x1);
            let points = vec![
                Point { x: x0, y: y0 },
                Point { x: mid, y: y0 },
                Point { x: mid, y: y1 },
                Point { x: x1, y: y1 },
            ];
            (
                out.edges.len(),
                EdgePath {
                    from: owner.clone(),
                    to: rs.clone(),
                    relation: Relation::Owns,
                    ok: true,
                    reasons: Vec::new(),
                    points,
                },
            )
        }
    };
    let (index, mut edge) = edge;
    edge.to = extra_id.clone();
    edge.relation = Relation::Owns;
    edge.ok = true;
    edge.reasons = vec![reason.into()];
    out.edges.insert(index, edge);

    let counts = out
        .nodes
        .iter()
        .map(|n| {
            if n.id == rs {
                Some(here)
            } else if n.id == extra_id {
                Some(other)
            } else {
                None
            }
        })
        .collect();
    Some((out, counts))
}

#[cfg(test)]
mod tests {
    use manifesto_core::graph::{GraphOptions, LayoutOptions, layout};
    use manifesto_core::rollout::State;
    use manifesto_core::samples::Sample;

    use super::*;

    #[test]
    fn the_rollout_adds_the_new_replica_set_under_the_old_one() {
        let model = Model::from_files(Sample::FeastFlow.files());
        let graph = Graph::build(&model, &GraphOptions::default());
        let laid = layout(&graph, &LayoutOptions::default());
        let workload = ObjectId::new("Deployment", Some("feastflow"), "feastflow-backend");
        let old = graph
            .outgoing(&workload)
            .find(|e| e.relation == Relation::Owns)
            .unwrap()
            .to
            .clone();
        let view = RolloutView {
            workload: workload.clone(),
            tag: "v2".into(),
            fail_new: false,
            undo: false,
            step: 1,
            replica_sets: (old.name().to_owned(), "feastflow-backend-new".into()),
            state: State {
                old_total: 1,
                new_total: 2,
                ..State::default()
            },
        };
        let passes = pass_count(&model, &view).unwrap();
        assert_eq!(
            note(&graph, &view, Some(passes)).unwrap(),
            format!(
                "Showing rollout of {workload} at pass 1 of {passes}: old ReplicaSet {} has 1 pod, new ReplicaSet feastflow-backend-new has 2 pods.",
                old.name()
            )
        );
        let (rolled, pods) = apply(&laid, &graph, &view).unwrap();
        assert_eq!(rolled.nodes.len(), laid.nodes.len() + 1);
        let new = ObjectId::new("ReplicaSet", Some("feastflow"), "feastflow-backend-new");
        let at = |id: &ObjectId| rolled.nodes.iter().position(|n| n.id == *id).unwrap();
        assert_eq!((pods[at(&old)], pods[at(&new)]), (Some(1), Some(2)));
        let (a, b) = (&rolled.nodes[at(&old)], &rolled.nodes[at(&new)]);
        assert_eq!((a.x, a.y + a.h + GAP), (b.x, b.y));
        assert!(
            rolled
                .edges
                .iter()
                .any(|e| e.from == workload && e.to == new && e.relation == Relation::Owns && e.ok)
        );
        // No box overlaps another.
        for (i, p) in rolled.nodes.iter().enumerate() {
            for q in &rolled.nodes[i + 1..] {
                let apart =
                    p.x + p.w <= q.x || q.x + q.w <= p.x || p.y + p.h <= q.y || q.y + q.h <= p.y;
                assert!(apart, "{} overlaps {}", p.id, q.id);
            }
        }
    }
}
