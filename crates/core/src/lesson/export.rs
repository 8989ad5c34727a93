//! Writing a pack back as YAML, for a teacher's export: the pack as a YAML mapping with the
//! format's keys in order, written by the listing's YAML writer (multi-line texts as literal
//! blocks where that keeps them exact, every string that would read as something else quoted).

use serde_yaml::{Mapping, Value};

use super::{Condition, Level, Pack, PackFile, Rule};
use crate::listing;

/// The pack as a YAML file that [`super::parse_pack`] reads back to the same pack.
pub fn to_yaml(pack: &Pack) -> String {
    let mut out = Mapping::new();
    put(&mut out, "id", pack.id.as_str());
    put(&mut out, "title", pack.title.as_str());
    put(&mut out, "summary", pack.summary.as_str());
    put(
        &mut out,
        "levels",
        pack.levels.iter().map(level).collect::<Vec<_>>(),
    );
    listing::write_yaml(&Value::Mapping(out))
}

/// Adds `key: value` after the entries already in `map`.
fn put(map: &mut Mapping, key: &str, value: impl Into<Value>) {
    map.insert(key.into(), value.into());
}

fn level(level: &Level) -> Value {
    let mut out = Mapping::new();
    put(&mut out, "id", level.id.as_str());
    put(&mut out, "kind", level.kind.as_str());
    put(&mut out, "title", level.title.as_str());
    put(&mut out, "intro", level.intro.as_str());
    put(&mut out, "goal", level.goal.as_str());
    if let Some(view) = &level.view {
        put(&mut out, "view", view.as_str());
    }
    put(&mut out, "files", files(&level.files));
    let conditions: Vec<Value> = level.conditions.iter().map(condition).collect();
    put(&mut out, "conditions", conditions);
    put(&mut out, "hints", level.hints.clone());
    put(&mut out, "solution", files(&level.solution));
    put(&mut out, "learned", level.learned.as_str());
    Value::Mapping(out)
}

fn files(files: &[PackFile]) -> Vec<Value> {
    files
        .iter()
        .map(|file| {
            let mut out = Mapping::new();
            put(&mut out, "name", file.name.as_str());
            put(&mut out, "text", file.text.as_str());
            Value::Mapping(out)
        })
        .collect()
}

fn condition(condition: &Condition) -> Value {
    let mut out = Mapping::new();
    put(&mut out, "text", condition.text.as_str());
    let mut rule = Mapping::new();
    let name = match &condition.rule {
        Rule::NoFinding { check, object } => {
            put(&mut rule, "check", check.as_str());
            if let Some(object) = object {
                put(&mut rule, "object", object.as_str());
            }
            "no_finding"
        }
        Rule::Edge {
            from,
            relation,
            to,
            pods,
        } => {
            put(&mut rule, "from", from.as_str());
            put(&mut rule, "kind", relation.as_str());
            put(
                &mut rule,
                if *pods { "to_pods_of" } else { "to" },
                to.as_str(),
            );
            "edge"
        }
        Rule::Rollout {
            workload,
            min,
            fail_new,
        } => {
            put(&mut rule, "workload", workload.as_str());
            put(&mut rule, "min_available", *min);
            put(&mut rule, "fail_new", *fail_new);
            "rollout"
        }
        Rule::Replicas { workload, count } => {
            put(&mut rule, "workload", workload.as_str());
            put(&mut rule, "count", *count);
            "replicas"
        }
        Rule::Exists { kind, name } => {
            put(&mut rule, "kind", kind.as_str());
            if let Some(name) = name {
                put(&mut rule, "name", name.as_str());
            }
            "exists"
        }
        Rule::Field {
            object,
            path,
            equals,
        } => {
            put(&mut rule, "object", object.as_str());
            put(&mut rule, "path", path.as_str());
            put(&mut rule, "equals", equals.as_str());
            "field"
        }
        Rule::NoErrors => {
            put(&mut out, "no_errors", true);
            return Value::Mapping(out);
        }
    };
    put(&mut out, name, rule);
    Value::Mapping(out)
}
