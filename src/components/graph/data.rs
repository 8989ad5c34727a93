//! What the graph view derives from the core's graph and layout: the filtered graph, problem
//! counts, accessible names and short labels. Pure functions, tested natively.

use crate::text::plural;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use manifesto_core::ObjectId;
use manifesto_core::checks::{Finding, Level};
use manifesto_core::graph::{Edge, Graph, Layout, NodeBox, NodeState, Point};

/// The problem badge of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Badge {
    /// How many problems.
    pub count: usize,
    /// Whether one of them breaks something (a graph problem or an error finding), drawn red;
    /// else they are warnings, drawn amber.
    pub serious: bool,
}

impl std::ops::AddAssign for Badge {
    fn add_assign(&mut self, other: Badge) {
        self.count += other.count;
        self.serious |= other.serious;
    }
}

/// The review findings worth a badge, per object: open errors and warnings, except those the
/// graph already reports as problems (same object, same check id).
pub fn review_flags<'f>(
    graph: &Graph,
    findings: impl Iterator<Item = &'f Finding>,
) -> BTreeMap<ObjectId, Badge> {
    let known: HashSet<(&ObjectId, &str)> = graph
        .problems()
        .iter()
        .map(|p| (&p.object, p.code.as_str()))
        .collect();
    let mut out: BTreeMap<ObjectId, Badge> = BTreeMap::new();
    for finding in findings {
        if finding.severity == Level::Info || known.contains(&(&finding.object, finding.check)) {
            continue;
        }
        *out.entry(finding.object.clone()).or_default() += Badge {
            count: 1,
            serious: finding.severity == Level::Error,
        };
    }
    out
}

/// Which namespace the graph shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum NamespaceFilter {
    /// Every namespace and the cluster-scoped objects.
    #[default]
    All,
    /// One namespace.
    Named(String),
    /// Only cluster-scoped objects.
    ClusterScoped,
}

impl NamespaceFilter {
    /// The value of the namespace `<select>`: `*`, `ns:<name>` or `cluster`.
    pub fn key(&self) -> String {
        match self {
            NamespaceFilter::All => "*".to_owned(),
            NamespaceFilter::Named(ns) => format!("ns:{ns}"),
            NamespaceFilter::ClusterScoped => "cluster".to_owned(),
        }
    }

    /// The filter a `<select>` value stands for.
    pub fn from_key(key: &str) -> Self {
        match key {
            "cluster" => NamespaceFilter::ClusterScoped,
            _ => match key.strip_prefix("ns:") {
                Some(ns) => NamespaceFilter::Named(ns.to_owned()),
                None => NamespaceFilter::All,
            },
        }
    }

    fn keeps(&self, namespace: Option<&str>) -> bool {
        match self {
            NamespaceFilter::All => true,
            NamespaceFilter::Named(ns) => namespace == Some(ns.as_str()),
            NamespaceFilter::ClusterScoped => namespace.is_none(),
        }
    }
}

/// What the user chose to see.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filters {
    /// The namespace shown.
    pub namespace: NamespaceFilter,
    /// Kinds the user unticked.
    pub hidden_kinds: BTreeSet<String>,
    /// Show only objects with problems or broken links, and their neighbours.
    pub only_problems: bool,
}

impl Filters {
    /// Whether any filter hides something.
    pub fn is_active(&self) -> bool {
        self.namespace != NamespaceFilter::All
            || !self.hidden_kinds.is_empty()
            || self.only_problems
    }
}

/// The objects with a problem or a broken link (plus `flagged`, e.g. objects with review
/// findings).
pub fn troubled(graph: &Graph, flagged: &BTreeMap<ObjectId, Badge>) -> HashSet<ObjectId> {
    let mut out: HashSet<ObjectId> = graph.problems().iter().map(|p| p.object.clone()).collect();
    for edge in graph.edges().iter().filter(|e| !e.ok) {
        out.insert(edge.from.clone());
        out.insert(edge.to.clone());
    }
    out.extend(
        flagged
            .keys()
            .filter(|id| graph.node(id).is_some())
            .cloned(),
    );
    out
}

/// The part of `graph` the filters keep: nodes of the chosen namespace and kinds (with
/// `only_problems`, the troubled ones and their neighbours), the edges between them and their
/// problems. `None` when nothing is filtered.
pub fn filter(
    graph: &Graph,
    filters: &Filters,
    flagged: &BTreeMap<ObjectId, Badge>,
) -> Option<Graph> {
    if !filters.is_active() {
        return None;
    }
    let mut keep: HashSet<&ObjectId> = graph
        .nodes()
        .iter()
        .filter(|n| {
            filters.namespace.keeps(n.namespace.as_deref())
                && !filters.hidden_kinds.contains(&n.kind)
        })
        .map(|n| &n.id)
        .collect();
    if filters.only_problems {
        let troubled = troubled(graph, flagged);
        let mut near: HashSet<&ObjectId> = HashSet::new();
        for edge in graph.edges() {
            if troubled.contains(&edge.from) {
                near.insert(&edge.to);
            }
            if troubled.contains(&edge.to) {
                near.insert(&edge.from);
            }
        }
        keep.retain(|id| troubled.contains(*id) || near.contains(*id));
    }
    Some(graph.filtered(|n| keep.contains(&n.id)))
}

/// The badge of each object: the graph's problems, plus `flagged` (review findings).
pub fn problem_counts(
    graph: &Graph,
    flagged: &BTreeMap<ObjectId, Badge>,
) -> HashMap<ObjectId, Badge> {
    let mut out: HashMap<ObjectId, Badge> = HashMap::new();
    for problem in graph.problems() {
        *out.entry(problem.object.clone()).or_default() += Badge {
            count: 1,
            serious: true,
        };
    }
    for (id, badge) in flagged {
        *out.entry(id.clone()).or_default() += *badge;
    }
    out
}

/// The badge of a box: its node's, or the sum over a stack's members.
pub fn box_problems(node: &NodeBox, counts: &HashMap<ObjectId, Badge>) -> Badge {
    match &node.stack {
        Some(stack) => {
            let mut badge = Badge::default();
            for member in &stack.members {
                badge += counts.get(member).copied().unwrap_or_default();
            }
            badge
        }
        None => counts.get(&node.id).copied().unwrap_or_default(),
    }
}

/// The box's name for screen readers, e.g. `Deployment feastflow-backend in namespace feastflow,
/// written in 06-backend-deployment.yaml`, `Pod web-0 in namespace shop, simulated`.
pub fn accessible_name(node: &NodeBox, graph: &Graph, problems: usize) -> String {
    let place = match &node.namespace {
        Some(ns) => format!(" in namespace {ns}"),
        None => ", cluster-scoped".to_owned(),
    };
    let mut name = match &node.stack {
        Some(stack) => {
            let what = if node.kind == "Pod" { "pods" } else { "claims" };
            format!(
                "{} simulated {what} of {} {}{place}, collapsed: press Enter to show them",
                stack.members.len(),
                stack.owner.kind(),
                stack.owner.name()
            )
        }
        None => {
            let status = match node.state {
                NodeState::Missing => {
                    ", missing: referenced but not in the loaded manifests".to_owned()
                }
                NodeState::Simulated => ", simulated".to_owned(),
                NodeState::BuiltIn => ", built into every cluster".to_owned(),
                NodeState::Written => match graph.node(&node.id).and_then(|n| n.source.as_ref()) {
                    Some(source) => format!(", written in {}", source.file),
                    None => ", written".to_owned(),
                },
            };
            format!("{} {}{place}{status}", node.kind, node.name)
        }
    };
    if problems > 0 {
        name.push_str(&format!(", {}", plural(problems, "problem")));
    }
    name
}

/// The tag written under a box's kind: `simulated`, `missing`, `built-in`, or nothing.
pub fn status_tag(node: &NodeBox) -> Option<&'static str> {
    node.state.word()
}

/// `text` cut to at most `max` characters, keeping its start and end around an ellipsis (pod
/// names differ at the end).
pub fn fit(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max || max < 5 {
        return text.to_owned();
    }
    let tail = (max - 1) / 3;
    let head = max - 1 - tail;
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(count - tail).collect();
    format!("{start}\u{2026}{end}")
}

/// A few words saying why a broken edge is broken, for its label: the end of its last reason.
pub fn short_reason(reasons: &[Arc<str>], target_missing: bool) -> String {
    if target_missing {
        return "missing".to_owned();
    }
    let reason = reasons.last().map_or("", |r| &**r);
    let last = reason.rsplit([',', ';']).next().unwrap_or(reason).trim();
    let last = last.rsplit(": ").next().unwrap_or(last).trim();
    let text = if last.is_empty() { "broken" } else { last };
    let mut out: String = text.chars().take(34).collect();
    if text.chars().count() > 34 {
        out.push('\u{2026}');
    }
    out
}

/// The point halfway along a cubic Bézier curve (where an edge's label goes).
pub fn midpoint(points: &[manifesto_core::graph::Point]) -> (f64, f64) {
    match points {
        [a, b, c, d] => (
            (a.x + 3.0 * b.x + 3.0 * c.x + d.x) / 8.0,
            (a.y + 3.0 * b.y + 3.0 * c.y + d.y) / 8.0,
        ),
        [first, .., last] => (
            f64::midpoint(first.x, last.x),
            f64::midpoint(first.y, last.y),
        ),
        [only] => (only.x, only.y),
        [] => (0.0, 0.0),
    }
}

/// The SVG path of an edge (`M p0 C p1 p2 p3`, or a polyline).
pub fn path_data(points: &[manifesto_core::graph::Point]) -> String {
    match points {
        [a, b, c, d] => format!(
            "M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            a.x, a.y, b.x, b.y, c.x, c.y, d.x, d.y
        ),
        _ => points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, p.x, p.y))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The ends of edges on one side of a box: the other end's height, the edge, and whether this
/// end is its start.
type SideEnds = Vec<(f64, usize, bool)>;

/// The edges' curves, with the ends that share a side of a box spread along it (ordered by
/// where the other end is), so edges leaving or reaching one box do not lie on top of each other.
pub fn spread_edges(layout: &Layout) -> Vec<Vec<Point>> {
    let height: HashMap<&ObjectId, f64> = layout.nodes.iter().map(|n| (&n.id, n.h)).collect();
    // (box, side) → (the other end's y, edge index, is the start).
    let mut sides: BTreeMap<(&ObjectId, i64), SideEnds> = BTreeMap::new();
    for (i, edge) in layout.edges.iter().enumerate() {
        if let [first, .., last] = edge.points.as_slice() {
            sides
                .entry((&edge.from, first.x.round() as i64))
                .or_default()
                .push((last.y, i, true));
            sides
                .entry((&edge.to, last.x.round() as i64))
                .or_default()
                .push((first.y, i, false));
        }
    }
    let mut out: Vec<Vec<Point>> = layout.edges.iter().map(|e| e.points.clone()).collect();
    for ((id, _), mut ends) in sides {
        if ends.len() < 2 {
            continue;
        }
        ends.sort_by(|a, b| {
            a.0.partial_cmp(&b.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.1.cmp(&b.1))
        });
        let room = (height.get(id).copied().unwrap_or(40.0) - 12.0).max(0.0);
        let step = (room / ends.len() as f64).min(6.0);
        let middle = (ends.len() - 1) as f64 / 2.0;
        for (k, (_, edge, start)) in ends.into_iter().enumerate() {
            let offset = (k as f64 - middle) * step;
            let points = &mut out[edge];
            if points.len() != 4 {
                continue;
            }
            let (end, control) = if start { (0, 1) } else { (3, 2) };
            points[end].y += offset;
            points[control].y += offset;
        }
    }
    out
}

/// The boxes linked to `id` by an edge of the layout.
pub fn linked(layout: &Layout, id: &ObjectId) -> HashSet<ObjectId> {
    let mut out = HashSet::new();
    for edge in &layout.edges {
        if &edge.from == id {
            out.insert(edge.to.clone());
        } else if &edge.to == id {
            out.insert(edge.from.clone());
        }
    }
    out
}

/// The boxes whose name (or, for a stack, a member's name) contains `query`, ignoring case.
/// `None` when the query is blank.
pub fn search(layout: &Layout, query: &str) -> Option<HashSet<ObjectId>> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return None;
    }
    let hit = |name: &str| name.to_lowercase().contains(&query);
    Some(
        layout
            .nodes
            .iter()
            .filter(|n| {
                hit(&n.name)
                    || n.stack
                        .as_ref()
                        .is_some_and(|s| s.members.iter().any(|m| hit(m.name())))
            })
            .map(|n| n.id.clone())
            .collect(),
    )
}

/// The box showing `id`: its own, or the stack it is collapsed into.
pub fn box_of<'l>(layout: &'l Layout, id: &ObjectId) -> Option<&'l NodeBox> {
    layout.nodes.iter().find(|n| &n.id == id).or_else(|| {
        layout
            .nodes
            .iter()
            .find(|n| n.stack.as_ref().is_some_and(|s| s.members.contains(id)))
    })
}

/// The graph's edges behind a drawn edge (several when it leads into a stack).
pub fn edges_behind<'g>(
    graph: &'g Graph,
    layout: &Layout,
    from: &ObjectId,
    to: &ObjectId,
    relation: &str,
) -> Vec<&'g Edge> {
    let members = |id: &ObjectId| -> Vec<ObjectId> {
        match layout
            .nodes
            .iter()
            .find(|n| &n.id == id)
            .and_then(|n| n.stack.as_ref())
        {
            Some(stack) => stack.members.clone(),
            None => vec![id.clone()],
        }
    };
    let (from, to) = (members(from), members(to));
    graph
        .edges()
        .iter()
        .filter(|e| e.relation.as_str() == relation && from.contains(&e.from) && to.contains(&e.to))
        .collect()
}

#[cfg(test)]
mod tests {
    use manifesto_core::Model;
    use manifesto_core::graph::{GraphOptions, LayoutOptions, layout};
    use manifesto_core::samples::Sample;
    use manifesto_core::source::SourceFile;

    use super::*;

    fn feastflow(edit: impl Fn(&str, &str) -> String) -> Graph {
        let files = Sample::FeastFlow
            .files()
            .into_iter()
            .map(|f| SourceFile::new(f.name.clone(), edit(&f.name, &f.text)))
            .collect();
        Graph::build(&Model::from_files(files), &GraphOptions::default())
    }

    fn ids(graph: &Graph) -> Vec<&str> {
        let mut out: Vec<&str> = graph.nodes().iter().map(|n| n.id.as_str()).collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn filters_keep_a_namespace_and_the_ticked_kinds_with_their_edges() {
        let graph = feastflow(|_, t| t.to_owned());
        assert!(filter(&graph, &Filters::default(), &BTreeMap::new()).is_none());
        let cluster = Filters {
            namespace: NamespaceFilter::ClusterScoped,
            ..Filters::default()
        };
        let only = filter(&graph, &cluster, &BTreeMap::new()).unwrap();
        assert_eq!(ids(&only), ["Namespace/feastflow"]);
        assert!(only.edges().is_empty());

        let no_pods = Filters {
            hidden_kinds: ["Pod".to_owned(), "ReplicaSet".to_owned()].into(),
            ..Filters::default()
        };
        let shown = filter(&graph, &no_pods, &BTreeMap::new()).unwrap();
        assert!(
            shown
                .nodes()
                .iter()
                .all(|n| n.kind != "Pod" && n.kind != "ReplicaSet")
        );
        assert!(shown.nodes().iter().any(|n| n.kind == "Service"));
        assert!(
            shown
                .edges()
                .iter()
                .all(|e| !e.to.as_str().starts_with("Pod/"))
        );
        assert!(
            shown
                .edges()
                .iter()
                .any(|e| e.relation.as_str() == "routes")
        );
    }

    #[test]
    fn only_problems_keeps_the_troubled_object_and_its_neighbours() {
        let graph = feastflow(|name, t| {
            if name == "10-ingress.yaml" {
                t.replace("name: feastflow-backend", "name: feastflow-backnd")
            } else {
                t.to_owned()
            }
        });
        let filters = Filters {
            only_problems: true,
            ..Filters::default()
        };
        let shown = filter(&graph, &filters, &BTreeMap::new()).unwrap();
        let ids = ids(&shown);
        assert!(
            ids.contains(&"Ingress/feastflow/feastflow-ingress"),
            "{ids:?}"
        );
        assert!(
            ids.contains(&"Service/feastflow/feastflow-backnd"),
            "{ids:?}"
        );
        // The Ingress's healthy neighbour stays, unrelated objects go.
        assert!(
            ids.contains(&"Service/feastflow/feastflow-frontend"),
            "{ids:?}"
        );
        assert!(!ids.contains(&"StatefulSet/feastflow/postgres"), "{ids:?}");
        assert!(!ids.contains(&"Namespace/feastflow"), "{ids:?}");

        let healthy = feastflow(|_, t| t.to_owned());
        assert!(
            filter(&healthy, &filters, &BTreeMap::new())
                .unwrap()
                .nodes()
                .is_empty()
        );
        let flagged = BTreeMap::from([(
            ObjectId::new("Namespace", None, "feastflow"),
            Badge {
                count: 1,
                serious: false,
            },
        )]);
        let shown = filter(&healthy, &filters, &flagged).unwrap();
        assert_eq!(ids_of(&shown), ["Namespace/feastflow"]);
    }

    fn ids_of(graph: &Graph) -> Vec<&str> {
        ids(graph)
    }

    #[test]
    fn accessible_names_say_where_an_object_comes_from() {
        let graph = feastflow(|_, t| t.to_owned());
        let laid = layout(&graph, &LayoutOptions::default());
        let name = |id: &str, problems| {
            let node = laid.nodes.iter().find(|n| n.id.as_str() == id).unwrap();
            accessible_name(node, &graph, problems)
        };
        assert_eq!(
            name("Deployment/feastflow/feastflow-backend", 0),
            "Deployment feastflow-backend in namespace feastflow, written in 06-backend-deployment.yaml"
        );
        assert_eq!(
            name("Pod/feastflow/postgres-0", 2),
            "Pod postgres-0 in namespace feastflow, simulated, 2 problems"
        );
        assert_eq!(
            name("Namespace/feastflow", 1),
            "Namespace feastflow, cluster-scoped, written in 00-namespace.yaml, 1 problem"
        );
    }

    #[test]
    fn stacks_are_named_counted_and_searched_by_member() {
        let graph = feastflow(|name, t| {
            if name == "08-frontend-deployment.yaml" {
                t.replace("replicas: 3", "replicas: 8")
            } else {
                t.to_owned()
            }
        });
        let laid = layout(&graph, &LayoutOptions::default());
        let stack = laid
            .nodes
            .iter()
            .find(|n| n.stack.is_some())
            .expect("a stack");
        let name = accessible_name(stack, &graph, 0);
        assert!(
            name.starts_with("8 simulated pods of ReplicaSet feastflow-frontend-"),
            "{name}"
        );
        let member = stack.stack.as_ref().unwrap().members[3].clone();
        assert_eq!(box_of(&laid, &member).map(|b| &b.id), Some(&stack.id));
        let counts = HashMap::from([(
            member.clone(),
            Badge {
                count: 2,
                serious: false,
            },
        )]);
        assert_eq!(
            box_problems(stack, &counts),
            Badge {
                count: 2,
                serious: false
            }
        );
        let found = search(&laid, &member.name().to_uppercase()).unwrap();
        assert_eq!(found, HashSet::from([stack.id.clone()]));
        assert!(search(&laid, "  ").is_none());
        let rs = stack.stack.as_ref().unwrap().owner.clone();
        let behind = edges_behind(&graph, &laid, &rs, &stack.id, "owns");
        assert_eq!(behind.len(), 8);
    }

    #[test]
    fn review_findings_join_the_badges_once() {
        use manifesto_core::checks::Settings;
        use manifesto_core::report::Review;
        let files: Vec<SourceFile> = Sample::FeastFlow
            .files()
            .into_iter()
            .map(|f| {
                let text = if f.name == "07-backend-service.yaml" {
                    f.text
                        .replace("    component: backend\n", "    component: backnd\n")
                } else {
                    f.text.clone()
                };
                SourceFile::new(f.name.clone(), text)
            })
            .collect();
        let model = Model::from_files(files);
        let graph = Graph::build(&model, &GraphOptions::default());
        let review = Review::build(&model, &Settings::default());
        let service = ObjectId::new("Service", Some("feastflow"), "feastflow-backend");
        assert!(
            review
                .open_findings()
                .any(|f| f.object == service && f.check == "service-selects-no-pods")
        );
        let flags = review_flags(&graph, review.open_findings());
        let counts = problem_counts(&graph, &flags);
        // The graph's problem and the check's finding are the same problem.
        let from_review = flags.get(&service).map_or(0, |b| b.count);
        let others = review
            .open_findings()
            .filter(|f| {
                f.object == service
                    && f.severity != Level::Info
                    && f.check != "service-selects-no-pods"
            })
            .count();
        assert_eq!(from_review, others);
        assert_eq!(
            counts[&service],
            Badge {
                count: 1 + others,
                serious: true
            }
        );
        // Info findings never make a badge.
        assert!(flags.values().all(|b| b.count > 0));
        let namespace = ObjectId::new("Namespace", None, "feastflow");
        let warnings_or_errors = review
            .open_findings()
            .filter(|f| f.object == namespace && f.severity != Level::Info)
            .count();
        assert_eq!(
            flags.get(&namespace).map_or(0, |b| b.count),
            warnings_or_errors
        );
    }

    #[test]
    fn edges_sharing_a_side_of_a_box_are_spread_along_it() {
        let graph = feastflow(|_, t| t.to_owned());
        let laid = layout(&graph, &LayoutOptions::default());
        let curves = spread_edges(&laid);
        let starts = |from: &str| -> Vec<f64> {
            let mut ys: Vec<f64> = laid
                .edges
                .iter()
                .zip(&curves)
                .filter(|(e, _)| e.from.as_str() == from)
                .map(|(_, c)| c[0].y)
                .collect();
            ys.sort_by(|a, b| a.partial_cmp(b).unwrap());
            ys
        };
        // The backend Deployment's edges (owns, env ×2) leave at three heights inside its box.
        let deployment = laid
            .nodes
            .iter()
            .find(|n| n.id.as_str() == "Deployment/feastflow/feastflow-backend")
            .unwrap();
        let ys = starts("Deployment/feastflow/feastflow-backend");
        assert_eq!(ys.len(), 3);
        assert!(ys.windows(2).all(|w| w[1] - w[0] >= 5.0), "{ys:?}");
        assert!(
            ys.iter()
                .all(|y| *y > deployment.y && *y < deployment.y + deployment.h),
            "{ys:?}"
        );
        // An end alone on its side keeps the core's route: the claim has one edge.
        let lone = laid
            .edges
            .iter()
            .position(|e| e.to.as_str() == "PersistentVolumeClaim/feastflow/postgres-pvc")
            .unwrap();
        assert_eq!(curves[lone][3], laid.edges[lone].points[3]);
        assert_ne!(
            curves[lone][0], laid.edges[lone].points[0],
            "its start shares the StatefulSet's side"
        );
    }

    #[test]
    fn labels_are_cut_in_the_middle_and_reasons_shortened() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(
            fit("feastflow-frontend-6b577658b8-625rd", 20),
            "feastflow-fro\u{2026}-625rd"
        );
        assert_eq!(
            fit("feastflow-frontend-6b577658b8-625rd", 20)
                .chars()
                .count(),
            20
        );
        assert_eq!(
            short_reason(
                &["rules[0].http.paths[1]: host a, path /api → service \"x\" port 80, not defined in namespace shop".into()],
                false
            ),
            "not defined in namespace shop"
        );
        assert_eq!(
            short_reason(
                &[
                    "container web: env[0] \"a\" is not defined".into(),
                    "container web: env[1]: key \"b\" is not in it".into()
                ],
                false
            ),
            "key \"b\" is not in it"
        );
        assert_eq!(short_reason(&["anything".into()], true), "missing");
    }
}
