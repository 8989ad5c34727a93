//! The layout, the exports and the lookups of a built graph.

use super::*;

fn feastflow_layout(options: &LayoutOptions) -> (Graph, Layout) {
    let g = Graph::build(
        &Model::from_files(feastflow_files()),
        &GraphOptions::default(),
    );
    let l = layout(&g, options);
    (g, l)
}

#[track_caller]
fn node_box<'l>(layout: &'l Layout, id: &str) -> &'l NodeBox {
    layout
        .nodes
        .iter()
        .find(|n| n.id.as_str() == id)
        .unwrap_or_else(|| panic!("no box {id}"))
}

/// How many pairs of edges of `relation` between the same two lanes cross, counting by the
/// order of their ends.
fn crossings(layout: &Layout, relation: Relation) -> usize {
    let place = |id: &ObjectId| {
        let b = layout.nodes.iter().find(|n| &n.id == id).expect("a box");
        (b.lane, b.y + b.h / 2.0)
    };
    let edges: Vec<((Lane, f64), (Lane, f64))> = layout
        .edges
        .iter()
        .filter(|e| e.relation == relation)
        .map(|e| (place(&e.from), place(&e.to)))
        .collect();
    let mut count = 0;
    for (i, a) in edges.iter().enumerate() {
        for b in &edges[i + 1..] {
            let same_lanes = (a.0.0, a.1.0) == (b.0.0, b.1.0);
            if same_lanes && (a.0.1 - b.0.1) * (a.1.1 - b.1.1) < 0.0 {
                count += 1;
            }
        }
    }
    count
}

#[test]
fn feastflow_is_laid_out_in_lanes_left_to_right_without_crossings() {
    let (g, l) = feastflow_layout(&LayoutOptions::default());
    assert_eq!(
        l.nodes.len(),
        g.nodes.len(),
        "nothing is collapsed at 3 pods"
    );
    let x = |id: &str| node_box(&l, id).x;
    let lanes = [
        "Ingress/feastflow/feastflow-ingress",
        "Service/feastflow/feastflow-backend",
        "Deployment/feastflow/feastflow-backend",
        &format!(
            "ReplicaSet/feastflow/{}",
            g.pods_of(&ObjectId::new(
                "Deployment",
                Some("feastflow"),
                "feastflow-backend"
            ))[0]
                .owner
                .as_ref()
                .expect("an owner")
                .name()
        ),
        "Pod/feastflow/postgres-0",
        "ConfigMap/feastflow/feastflow-config",
    ];
    for pair in lanes.windows(2) {
        assert!(
            x(pair[0]) < x(pair[1]),
            "{} should be left of {}",
            pair[0],
            pair[1]
        );
    }
    assert_eq!(
        x("StatefulSet/feastflow/postgres"),
        x("Deployment/feastflow/feastflow-backend")
    );
    assert_eq!(
        l.lanes.iter().map(|c| c.lane).collect::<Vec<_>>(),
        [
            Lane::Ingress,
            Lane::Service,
            Lane::Workload,
            Lane::ReplicaSet,
            Lane::Pod,
            Lane::Config,
            Lane::Other,
        ]
    );
    let bands: Vec<&str> = l.bands.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(bands, ["namespace feastflow", "cluster-scoped"]);
    // Every box sits inside its band and inside the drawing, and no two boxes of a lane overlap.
    for b in &l.nodes {
        let band = l
            .bands
            .iter()
            .find(|band| band.namespace == b.namespace)
            .expect("a band");
        assert!(
            b.y >= band.y && b.y + b.h <= band.y + band.h,
            "{} outside its band",
            b.id
        );
        assert!(b.x + b.w <= l.width && b.y + b.h <= l.height);
        for other in l.nodes.iter().filter(|o| o.lane == b.lane && o.id != b.id) {
            assert!(
                b.y + b.h <= other.y || other.y + other.h <= b.y,
                "{} overlaps {}",
                b.id,
                other.id
            );
        }
    }
    for relation in [Relation::Owns, Relation::Selects, Relation::Routes] {
        assert_eq!(
            crossings(&l, relation),
            0,
            "{} edges cross",
            relation.as_str()
        );
    }
    let e = l
        .edges
        .iter()
        .find(|e| e.relation == Relation::Routes)
        .expect("a route");
    let (from, to) = (node_box(&l, e.from.as_str()), node_box(&l, e.to.as_str()));
    assert_eq!(e.points.len(), 4);
    assert_eq!((e.points[0].x, e.points[3].x), (from.x + from.w, to.x));
}

#[test]
fn many_pods_collapse_into_one_stack_that_can_be_expanded() {
    let yaml = "
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 8
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
";
    let g = graph_of(yaml);
    let l = layout(&g, &LayoutOptions::default());
    let stacks: Vec<&NodeBox> = l.nodes.iter().filter(|n| n.stack.is_some()).collect();
    assert_eq!(stacks.len(), 1);
    assert_eq!(stacks[0].label, "× 8 pods");
    assert_eq!(stacks[0].stack.as_ref().map(|s| s.members.len()), Some(8));
    let owner = stacks[0]
        .stack
        .as_ref()
        .map(|s| s.owner.clone())
        .expect("an owner");
    assert_eq!(owner.kind(), "ReplicaSet");
    assert_eq!(l.nodes.iter().filter(|n| n.lane == Lane::Pod).count(), 1);
    let into_stack: Vec<Relation> = l
        .edges
        .iter()
        .filter(|e| e.to == stacks[0].id)
        .map(|e| e.relation)
        .collect();
    assert_eq!(into_stack, [Relation::Owns, Relation::Selects]);

    let expanded = layout(
        &g,
        &LayoutOptions {
            expanded: [owner].into(),
            ..LayoutOptions::default()
        },
    );
    assert_eq!(
        expanded
            .nodes
            .iter()
            .filter(|n| n.lane == Lane::Pod)
            .count(),
        8
    );
    assert!(expanded.nodes.iter().all(|n| n.stack.is_none()));
}

#[test]
fn editing_one_object_does_not_reshuffle_the_others() {
    let order = |l: &Layout| {
        let mut boxes: Vec<&NodeBox> = l.nodes.iter().collect();
        boxes.sort_by_key(|b| (b.lane, b.y as i64));
        boxes
            .into_iter()
            .map(|b| b.id.to_string())
            .collect::<Vec<_>>()
    };
    let (_, before) = feastflow_layout(&LayoutOptions::default());
    let files: Vec<SourceFile> = feastflow_files()
        .into_iter()
        .map(|f| match f.name.as_str() {
            "01-configmap.yaml" => SourceFile::new(
                &f.name,
                f.text
                    .replace("LOG_LEVEL: \"info\"", "LOG_LEVEL: \"debug\""),
            ),
            "08-frontend-deployment.yaml" => SourceFile::new(
                &f.name,
                f.text
                    .replace("feastflow-frontend:latest", "feastflow-frontend:v2"),
            ),
            _ => f,
        })
        .collect();
    let after = layout(
        &Graph::build(&Model::from_files(files), &GraphOptions::default()),
        &LayoutOptions::default(),
    );
    // The frontend's new template renames its ReplicaSet and pods; everything else keeps its place.
    let (before, after) = (order(&before), order(&after));
    let renamed = |id: &String| id.contains("feastflow-frontend-");
    assert_eq!(
        before.iter().filter(|id| !renamed(id)).collect::<Vec<_>>(),
        after.iter().filter(|id| !renamed(id)).collect::<Vec<_>>()
    );
    assert_eq!(before.len(), after.len());
}

#[test]
fn dot_and_mermaid_escape_what_they_quote() {
    let mut g = graph_of("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: shop}\n");
    g.nodes[0].name = "say \"hi\" <b>#1</b>".to_owned();
    let dot = to_dot(&g);
    assert!(
        dot.contains("label=\"ConfigMap\\nsay \\\"hi\\\" <b>#1</b>\""),
        "{dot}"
    );
    let mermaid = to_mermaid(&g);
    assert!(
        mermaid.contains("[\"ConfigMap<br/>say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt;\"]"),
        "{mermaid}"
    );
}

#[test]
fn the_traffic_path_ends_at_the_container_that_owns_the_port() {
    let g = graph_of(include_str!(
        "../../../tests/fixtures/graph/sidecar-ports.yaml"
    ));
    let ends: Vec<(&str, Option<&str>)> = g
        .traffic
        .iter()
        .map(|t| (t.path.as_str(), t.hops.last().map(|h| h.label.as_str())))
        .collect();
    assert_eq!(
        ends,
        [
            ("/", Some("container envoy of Deployment/shop/web")),
            ("/metrics", Some("container metrics of Deployment/shop/web")),
        ]
    );
}

#[test]
fn filtering_nodes_reindexes_the_graph_so_lookups_find_the_kept_nodes() {
    let graph = Graph::build(
        &Model::from_files(feastflow_files()),
        &GraphOptions::default(),
    );
    let only = graph.filtered(|n| n.kind == "Service" || n.kind == "Ingress");
    assert!(!only.nodes().is_empty() && only.nodes().len() < graph.nodes().len());
    for node in only.nodes() {
        assert_eq!(only.node(&node.id).map(|n| &n.id), Some(&node.id));
        for edge in only.outgoing(&node.id) {
            assert_eq!(edge.from, node.id);
            assert!(only.node(&edge.to).is_some(), "{} leads out", edge.to);
        }
    }
    let pod = graph.nodes().iter().find(|n| n.kind == "Pod");
    assert!(only.node(&pod.expect("FeastFlow runs pods").id).is_none());
    assert!(
        only.edges()
            .iter()
            .all(|e| only.node(&e.from).is_some() && only.node(&e.to).is_some())
    );
    // The Ingress routes to Services: those edges are kept.
    assert!(only.edges().iter().any(|e| e.relation.as_str() == "routes"));
    assert!(
        only.problems()
            .iter()
            .all(|p| only.node(&p.object).is_some())
    );
}
