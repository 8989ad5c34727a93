//! The conditions a teacher can pick for a level, read off the analysis of the current files:
//! each open finding gone, each working edge of the graph, each object existing, no errors.

use foldhash::{HashSet, HashSetExt};

use super::{Condition, Rule};
use crate::checks;
use crate::graph::Graph;
use crate::model::Model;
use crate::report::Review;

/// The conditions that describe the current files, in this order: "no such finding" for each
/// open finding (of the checks that run by default, which a pack may name), "this edge
/// exists" for each working edge of the graph between objects of the files (an edge to a pod
/// the cluster would create is offered as an edge to the pods of its workload, whose names
/// change with the template), "this object exists" for each object, and "no errors".
/// Each rule is offered once; its text is the rule described in words.
pub fn offered_conditions(model: &Model, review: &Review, graph: &Graph) -> Vec<Condition> {
    let mut rules = Vec::new();
    for finding in review.findings.iter().filter(|f| f.suppressed.is_none()) {
        if checks::by_id(finding.check).is_some_and(|c| c.enabled_by_default) {
            rules.push(Rule::NoFinding {
                check: finding.check.to_owned(),
                object: Some(finding.object.as_str().to_owned()),
            });
        }
    }
    for edge in graph.edges().iter().filter(|e| e.ok) {
        let Some(from) = graph.node(&edge.from) else {
            continue;
        };
        let Some(to) = graph.node(&edge.to) else {
            continue;
        };
        if from.state.is_simulated() || from.state.is_missing() || to.state.is_missing() {
            continue;
        }
        let (to, pods) = if !to.state.is_simulated() {
            (to.id.as_str().to_owned(), false)
        } else if to.kind == "Pod" {
            let owner = graph.root_owner(&to.id);
            match graph.node(owner) {
                Some(workload) if !workload.state.is_simulated() && workload.id != to.id => {
                    (workload.id.as_str().to_owned(), true)
                }
                _ => continue,
            }
        } else {
            continue;
        };
        rules.push(Rule::Edge {
            from: from.id.as_str().to_owned(),
            relation: edge.relation,
            to,
            pods,
        });
    }
    for object in &model.objects {
        rules.push(Rule::Exists {
            kind: object.id.kind().to_owned(),
            name: Some(object.id.name().to_owned()),
        });
    }
    rules.push(Rule::NoErrors);

    // A rule's description names everything it decides on, so equal texts are equal rules.
    let mut seen = HashSet::new();
    rules
        .into_iter()
        .filter_map(|rule| {
            let text = sentence(&rule.describe());
            seen.insert(text.clone())
                .then_some(Condition { text, rule })
        })
        .collect()
}

/// `text` with its first letter in upper case.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
