//! Reading a lesson pack from YAML, with located errors (see `docs/lessons.md` for the format).

use super::{Condition, Level, LevelKind, Pack, PackFile, Rule};
use crate::checks;
use crate::graph::Relation;
use crate::parse::tree::{Entry, Node, Value};
use crate::parse::yaml::read_documents;
use crate::source::{Diagnostic, Location, Pos};
use crate::text::closest;

/// The largest pack file read, in bytes.
pub const MAX_PACK_BYTES: usize = 4 * 1024 * 1024;
/// The most levels one pack holds.
pub const MAX_LEVELS: usize = 200;
/// The most files one level starts with (and the most its solution lists).
pub const MAX_FILES: usize = 50;
/// The longest text (a file, an introduction, a hint), in bytes.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;
/// The most conditions one level has.
pub const MAX_CONDITIONS: usize = 50;
/// The most hints one level has.
pub const MAX_HINTS: usize = 20;
/// The most errors reported one by one.
const MAX_ERRORS: usize = 50;

/// The views a level may open on.
const VIEWS: &[&str] = &["objects", "graph", "rollout", "review"];
const PACK_KEYS: &[&str] = &["id", "title", "summary", "levels"];
const LEVEL_KEYS: &[&str] = &[
    "id",
    "kind",
    "title",
    "intro",
    "goal",
    "view",
    "files",
    "conditions",
    "hints",
    "solution",
    "learned",
];
const FILE_KEYS: &[&str] = &["name", "text"];
const RULE_KEYS: &[&str] = &[
    "no_finding",
    "edge",
    "rollout",
    "replicas",
    "exists",
    "field",
    "no_errors",
];

/// Reads a lesson pack. `file_name` is used in the errors' locations (`file:line:column`).
pub fn parse_pack(file_name: &str, text: &str) -> Result<Pack, Vec<Diagnostic>> {
    let mut r = Reader {
        file: file_name,
        errors: Vec::new(),
    };
    if text.len() > MAX_PACK_BYTES {
        r.error(
            Pos::new(1, 1),
            format!(
                "the pack is {} bytes; a pack holds at most {MAX_PACK_BYTES}",
                text.len()
            ),
        );
        return Err(r.errors);
    }
    let docs = read_documents(text);
    for doc in &docs {
        for problem in &doc.problems {
            r.error(problem.pos, problem.message.clone());
        }
    }
    let pack = match docs.as_slice() {
        [] => {
            r.error(Pos::new(1, 1), "the pack is empty");
            None
        }
        [doc] => match &doc.result {
            Ok(node) => r.pack(node),
            Err(err) => {
                r.error(err.pos, err.message.clone());
                None
            }
        },
        [_, second, ..] => {
            let pos = match &second.result {
                Ok(node) => node.pos,
                Err(err) => err.pos,
            };
            r.error(pos, "a pack is one YAML document; remove the `---`");
            None
        }
    };
    match pack {
        Some(pack) if r.errors.is_empty() => Ok(pack),
        _ => {
            if r.errors.is_empty() {
                r.error(Pos::new(1, 1), "the pack could not be read");
            }
            r.errors.truncate(MAX_ERRORS);
            Err(r.errors)
        }
    }
}

/// Reads the tree, collecting errors.
struct Reader<'f> {
    file: &'f str,
    errors: Vec<Diagnostic>,
}

/// A mapping's entries and where it starts.
#[derive(Clone, Copy)]
struct Map<'n> {
    pos: Pos,
    entries: &'n [Entry],
}

impl<'n> Map<'n> {
    fn get(&self, key: &str) -> Option<&'n Entry> {
        self.entries.iter().rev().find(|e| e.key == key)
    }
}

impl Reader<'_> {
    fn error(&mut self, pos: Pos, message: impl Into<String>) {
        if self.errors.len() <= MAX_ERRORS {
            self.errors
                .push(Diagnostic::error(Location::new(self.file, pos), message));
        }
    }

    /// The node as a mapping with only `allowed` keys.
    fn map<'n>(&mut self, node: &'n Node, what: &str, allowed: &[&str]) -> Option<Map<'n>> {
        let Value::Map(entries) = &node.value else {
            self.error(node.pos, format!("{what} must be a mapping"));
            return None;
        };
        for entry in entries {
            if !allowed.contains(&entry.key.as_str()) {
                let hint = closest(&entry.key, allowed.iter().copied()).map_or_else(
                    || format!("; expected one of {}", allowed.join(", ")),
                    |k| format!("; did you mean `{k}`?"),
                );
                self.error(
                    entry.key_pos,
                    format!("unknown key `{}` in {what}{hint}", entry.key),
                );
            }
        }
        Some(Map {
            pos: node.pos,
            entries,
        })
    }

    fn required<'n>(&mut self, map: Map<'n>, key: &str, what: &str) -> Option<&'n Node> {
        let found = map.get(key).map(|e| &e.value);
        if found.is_none() {
            self.error(map.pos, format!("{what} has no `{key}`"));
        }
        found
    }

    /// A string value, at most [`MAX_TEXT_BYTES`] long.
    fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) if s.len() > MAX_TEXT_BYTES => {
                self.error(
                    node.pos,
                    format!("{what} is {} bytes; at most {MAX_TEXT_BYTES}", s.len()),
                );
                None
            }
            Value::Str(s) => Some(s.clone()),
            _ => {
                self.error(node.pos, format!("{what} must be text (quote it)"));
                None
            }
        }
    }

    fn req_string(&mut self, map: Map<'_>, key: &str, what: &str) -> Option<String> {
        let node = self.required(map, key, what)?;
        self.string(node, &format!("`{key}`"))
    }

    fn opt_string(&mut self, map: Map<'_>, key: &str) -> Option<String> {
        let node = &map.get(key)?.value;
        self.string(node, &format!("`{key}`"))
    }

    /// A sequence of at most `max` items.
    fn seq<'n>(&mut self, node: &'n Node, what: &str, max: usize) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) if items.len() > max => {
                self.error(
                    node.pos,
                    format!("{what} has {} items; at most {max}", items.len()),
                );
                None
            }
            Value::Seq(items) => Some(items),
            _ => {
                self.error(node.pos, format!("{what} must be a list"));
                None
            }
        }
    }

    fn pack(&mut self, node: &Node) -> Option<Pack> {
        let map = self.map(node, "the pack", PACK_KEYS)?;
        let id = self.id(map, "the pack");
        let title = self.req_string(map, "title", "the pack");
        let summary = self.req_string(map, "summary", "the pack");
        let mut levels = Vec::new();
        if let Some(list) = self.required(map, "levels", "the pack") {
            let items = self.seq(list, "`levels`", MAX_LEVELS).unwrap_or_default();
            if matches!(&list.value, Value::Seq(v) if v.is_empty()) {
                self.error(list.pos, "`levels` is empty; a pack has at least one level");
            }
            for item in items {
                if let Some(level) = self.level(item) {
                    if levels.iter().any(|l: &Level| l.id == level.id) {
                        self.error(item.pos, format!("level id `{}` is used twice", level.id));
                    }
                    levels.push(level);
                }
            }
        }
        Some(Pack {
            id: id?,
            title: title?,
            summary: summary?,
            levels,
        })
    }

    fn level(&mut self, node: &Node) -> Option<Level> {
        let map = self.map(node, "a level", LEVEL_KEYS)?;
        let id = self.id(map, "the level");
        let kind = match map.get("kind") {
            None => Some(LevelKind::Level),
            Some(e) => match self.string(&e.value, "`kind`").as_deref() {
                Some("level") => Some(LevelKind::Level),
                Some("challenge") => Some(LevelKind::Challenge),
                Some(other) => {
                    self.error(
                        e.value.pos,
                        format!("unknown kind `{other}`; expected `level` or `challenge`"),
                    );
                    None
                }
                None => None,
            },
        };
        let title = self.req_string(map, "title", "the level");
        let intro = self.req_string(map, "intro", "the level");
        let goal = self.req_string(map, "goal", "the level");
        let view = match map.get("view") {
            None => None,
            Some(e) => {
                let view = self.string(&e.value, "`view`")?;
                if !VIEWS.contains(&view.as_str()) {
                    self.error(
                        e.value.pos,
                        format!(
                            "unknown view `{view}`; expected one of {}",
                            VIEWS.join(", ")
                        ),
                    );
                }
                Some(view)
            }
        };
        let files = self.files(map, "files", true);
        let solution = self.files(map, "solution", true);
        let conditions = self.conditions(map);
        let hints = match map.get("hints") {
            None => Some(Vec::new()),
            Some(e) => {
                let items = self.seq(&e.value, "`hints`", MAX_HINTS)?;
                items.iter().map(|h| self.string(h, "a hint")).collect()
            }
        };
        let learned = self.req_string(map, "learned", "the level");
        Some(Level {
            id: id?,
            kind: kind?,
            title: title?,
            intro: intro?,
            goal: goal?,
            view,
            files: files?,
            conditions: conditions?,
            hints: hints?,
            solution: solution?,
            learned: learned?,
        })
    }

    fn files(&mut self, map: Map<'_>, key: &str, non_empty: bool) -> Option<Vec<PackFile>> {
        let list = self.required(map, key, "the level")?;
        let items = self.seq(list, &format!("`{key}`"), MAX_FILES)?;
        if non_empty && items.is_empty() {
            self.error(
                list.pos,
                format!("`{key}` is empty; list at least one file"),
            );
            return None;
        }
        let mut out: Vec<PackFile> = Vec::new();
        let mut ok = true;
        for item in items {
            let Some(file) = self.map(item, "a file", FILE_KEYS) else {
                ok = false;
                continue;
            };
            let name = self.req_string(file, "name", "the file");
            let text = self.req_string(file, "text", "the file");
            match (name, text) {
                (Some(name), _) if name.trim().is_empty() || name.len() > 255 => {
                    let pos = file.get("name").map_or(file.pos, |e| e.value.pos);
                    self.error(pos, "a file name has 1 to 255 characters");
                    ok = false;
                }
                (Some(name), Some(text)) => {
                    if out.iter().any(|f| f.name == name) {
                        self.error(item.pos, format!("file `{name}` is listed twice"));
                    }
                    out.push(PackFile { name, text });
                }
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn conditions(&mut self, map: Map<'_>) -> Option<Vec<Condition>> {
        let list = self.required(map, "conditions", "the level")?;
        let items = self.seq(list, "`conditions`", MAX_CONDITIONS)?;
        if items.is_empty() {
            self.error(list.pos, "`conditions` is empty; a level has at least one");
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for item in items {
            match self.condition(item) {
                Some(c) => out.push(c),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn condition(&mut self, node: &Node) -> Option<Condition> {
        let mut keys = vec!["text"];
        keys.extend_from_slice(RULE_KEYS);
        let map = self.map(node, "a condition", &keys)?;
        let text = self.req_string(map, "text", "the condition");
        let rules: Vec<&Entry> = map
            .entries
            .iter()
            .filter(|e| RULE_KEYS.contains(&e.key.as_str()))
            .collect();
        let rule = match rules.as_slice() {
            [one] => self.rule(one),
            [] => {
                self.error(
                    map.pos,
                    format!(
                        "the condition has no rule; add one of {}",
                        RULE_KEYS.join(", ")
                    ),
                );
                None
            }
            [_, second, ..] => {
                self.error(second.key_pos, "a condition has exactly one rule");
                None
            }
        };
        Some(Condition {
            text: text?,
            rule: rule?,
        })
    }

    fn rule(&mut self, entry: &Entry) -> Option<Rule> {
        let node = &entry.value;
        match entry.key.as_str() {
            "no_errors" => match node.value {
                Value::Bool(true) => Some(Rule::NoErrors),
                _ => {
                    self.error(node.pos, "`no_errors` takes `true`");
                    None
                }
            },
            "no_finding" => {
                let m = self.map(node, "`no_finding`", &["check", "object"])?;
                let check = self.req_string(m, "check", "`no_finding`")?;
                let pos = m.get("check").map_or(m.pos, |e| e.value.pos);
                self.check_id(&check, pos)?;
                let object = self.opt_object(m, "object")?;
                Some(Rule::NoFinding { check, object })
            }
            "edge" => {
                let m = self.map(node, "`edge`", &["from", "kind", "to", "to_pods_of"])?;
                let from = self.object(m, "from", "`edge`")?;
                let kind = self.req_string(m, "kind", "`edge`")?;
                let relation = Relation::ALL.into_iter().find(|r| r.as_str() == kind);
                let Some(relation) = relation else {
                    let names: Vec<&str> = Relation::ALL.iter().map(|r| r.as_str()).collect();
                    let pos = m.get("kind").map_or(m.pos, |e| e.value.pos);
                    self.error(
                        pos,
                        format!(
                            "unknown edge kind `{kind}`; expected one of {}",
                            names.join(", ")
                        ),
                    );
                    return None;
                };
                let (to, pods) = match (m.get("to"), m.get("to_pods_of")) {
                    (Some(_), None) => (self.object(m, "to", "`edge`")?, false),
                    (None, Some(_)) => (self.object(m, "to_pods_of", "`edge`")?, true),
                    _ => {
                        self.error(m.pos, "`edge` takes exactly one of `to` and `to_pods_of`");
                        return None;
                    }
                };
                Some(Rule::Edge {
                    from,
                    relation,
                    to,
                    pods,
                })
            }
            "rollout" => {
                let m = self.map(
                    node,
                    "`rollout`",
                    &["workload", "min_available", "fail_new"],
                )?;
                let workload = self.object(m, "workload", "`rollout`")?;
                let min = self.number(m, "min_available", "`rollout`")?;
                let fail_new = match m.get("fail_new") {
                    None => false,
                    Some(e) => self.boolean(&e.value, "`fail_new`")?,
                };
                Some(Rule::Rollout {
                    workload,
                    min,
                    fail_new,
                })
            }
            "replicas" => {
                let m = self.map(node, "`replicas`", &["workload", "count"])?;
                let workload = self.object(m, "workload", "`replicas`")?;
                let count = self.number(m, "count", "`replicas`")?;
                Some(Rule::Replicas { workload, count })
            }
            "exists" => {
                let m = self.map(node, "`exists`", &["kind", "name"])?;
                let kind = self.req_string(m, "kind", "`exists`")?;
                let name = self.opt_string(m, "name");
                if m.get("name").is_some() && name.is_none() {
                    return None;
                }
                Some(Rule::Exists { kind, name })
            }
            "field" => {
                let m = self.map(node, "`field`", &["object", "path", "equals"])?;
                let object = self.object(m, "object", "`field`")?;
                let path = self.req_string(m, "path", "`field`")?;
                let equals = self.required(m, "equals", "`field`")?;
                let equals = match &equals.value {
                    Value::Str(s) => s.clone(),
                    Value::Int(i) => i.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => {
                        self.error(equals.pos, "`equals` must be text, a number or a boolean");
                        return None;
                    }
                };
                Some(Rule::Field {
                    object,
                    path,
                    equals,
                })
            }
            _ => None,
        }
    }

    /// An `id`: kebab-case, 1 to 100 characters.
    fn id(&mut self, map: Map<'_>, what: &str) -> Option<String> {
        let id = self.req_string(map, "id", what)?;
        let kebab = id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if id.is_empty() || id.len() > 100 || !kebab {
            let pos = map.get("id").map_or(map.pos, |e| e.value.pos);
            self.error(
                pos,
                format!("id `{id}` must be kebab-case (a-z, 0-9, -), 1 to 100 characters"),
            );
            return None;
        }
        Some(id)
    }

    /// A check id that exists and runs by default.
    fn check_id(&mut self, id: &str, pos: Pos) -> Option<()> {
        match checks::by_id(id) {
            Some(check) if !check.enabled_by_default => {
                self.error(
                    pos,
                    format!("check `{id}` is off by default, so a condition on it always holds"),
                );
                None
            }
            Some(_) => Some(()),
            None => {
                let renamed = checks::named_by(id);
                let hint = match renamed.first() {
                    Some(c) => format!("; it is now `{}`", c.id),
                    None => closest(id, checks::ALL.iter().map(|c| c.id))
                        .map(|c| format!("; did you mean `{c}`?"))
                        .unwrap_or_default(),
                };
                self.error(pos, format!("unknown check `{id}`{hint}"));
                None
            }
        }
    }

    /// An object id `Kind/namespace/name` or `Kind/name`.
    fn object(&mut self, map: Map<'_>, key: &str, what: &str) -> Option<String> {
        let node = self.required(map, key, what)?;
        let id = self.string(node, &format!("`{key}`"))?;
        let parts: Vec<&str> = id.split('/').collect();
        if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty()) {
            self.error(
                node.pos,
                format!("`{id}` is not an object id; write `Kind/namespace/name` or `Kind/name`"),
            );
            return None;
        }
        Some(id)
    }

    /// An optional object id; `Some(None)` when absent, `None` when invalid.
    #[allow(
        clippy::option_option,
        reason = "absent and invalid are different answers"
    )]
    fn opt_object(&mut self, map: Map<'_>, key: &str) -> Option<Option<String>> {
        match map.get(key) {
            None => Some(None),
            Some(_) => self.object(map, key, "").map(Some),
        }
    }

    fn number(&mut self, map: Map<'_>, key: &str, what: &str) -> Option<u32> {
        let node = self.required(map, key, what)?;
        match node.value {
            Value::Int(i) => match u32::try_from(i) {
                Ok(n) => Some(n),
                Err(_) => {
                    self.error(node.pos, format!("`{key}` must be a whole number from 0"));
                    None
                }
            },
            _ => {
                self.error(node.pos, format!("`{key}` must be a whole number"));
                None
            }
        }
    }

    fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.error(node.pos, format!("{what} must be true or false"));
                None
            }
        }
    }
}
