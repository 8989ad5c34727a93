//! The level being written in the builder, the levels already added, and the pack they make.
//! The draft is kept for the page's lifetime, so switching views does not lose it.

use crate::text::plural;
use std::cell::RefCell;

use manifesto_core::lesson::{
    Condition, Level, LevelKind, MAX_CONDITIONS, MAX_HINTS, MAX_LEVELS, Pack, PackFile,
};

/// The level being written and the pack so far.
#[derive(Clone, PartialEq, Default)]
pub struct Draft {
    /// The pack's title (`My lessons` when blank).
    pub pack_title: String,
    /// The level's title.
    pub title: String,
    /// Its introduction (the goal when blank).
    pub intro: String,
    /// Its goal.
    pub goal: String,
    /// What the student learned (`Well done.` when blank).
    pub learned: String,
    /// A challenge rather than a guided level.
    pub challenge: bool,
    /// The view the level opens on, by key.
    pub view: Option<String>,
    /// The starting files.
    pub start: Vec<PackFile>,
    /// The solution's files.
    pub solution: Vec<PackFile>,
    /// The conditions picked.
    pub conditions: Vec<Condition>,
    /// The hints, in the order they are revealed.
    pub hints: Vec<String>,
    /// The levels added to the pack.
    pub levels: Vec<Level>,
    /// For each level added, why it does not work as a lesson (from `Level::verify`).
    pub verdicts: Vec<Option<String>>,
}

thread_local! {
    static KEPT: RefCell<Draft> = RefCell::new(Draft::default());
}

/// The draft as last kept.
pub fn kept() -> Draft {
    KEPT.with(|k| k.borrow().clone())
}

/// Keeps `draft` until the page closes.
pub fn keep(draft: &Draft) {
    KEPT.with(|k| k.borrow_mut().clone_from(draft));
}

/// A kebab-case id from a title (`level` when nothing is left).
pub fn slug(title: &str) -> String {
    let mut id = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    // Ids are at most 100 characters.
    let id: String = id.chars().take(100).collect();
    let id = id.trim_end_matches('-').to_owned();
    if id.is_empty() {
        "level".to_owned()
    } else {
        id
    }
}

impl Draft {
    /// What is missing before the level can be added, in words.
    pub fn missing(&self) -> Option<&'static str> {
        if self.title.trim().is_empty() {
            Some("a title")
        } else if self.goal.trim().is_empty() {
            Some("a goal")
        } else if self.start.is_empty() {
            Some("the starting files")
        } else if self.solution.is_empty() {
            Some("the solution's files")
        } else if self.conditions.is_empty() {
            Some("at least one condition")
        } else if self.levels.len() >= MAX_LEVELS {
            Some("room in the pack")
        } else {
            None
        }
    }

    /// The pack of the levels added.
    pub fn pack(&self) -> Pack {
        let title = if self.pack_title.trim().is_empty() {
            "My lessons"
        } else {
            self.pack_title.trim()
        };
        Pack {
            id: slug(title),
            title: title.to_owned(),
            summary: format!(
                "{} written in Manifesto.",
                plural(self.levels.len(), "level")
            ),
            levels: self.levels.clone(),
        }
    }

    /// Adds a condition unless it is there already or the level has as many as it may.
    pub fn add_condition(&mut self, condition: Condition) {
        if self.conditions.len() < MAX_CONDITIONS && !self.conditions.contains(&condition) {
            self.conditions.push(condition);
        }
    }

    /// Whether another hint fits.
    pub fn hint_room(&self) -> bool {
        self.hints.len() < MAX_HINTS
    }

    /// Adds a hint at the end (a blank one is ignored).
    pub fn add_hint(&mut self, text: &str) {
        let text = text.trim();
        if !text.is_empty() && self.hint_room() {
            self.hints.push(text.to_owned());
        }
    }

    /// Moves hint `i` one place earlier.
    pub fn raise_hint(&mut self, i: usize) {
        if i > 0 && i < self.hints.len() {
            self.hints.swap(i - 1, i);
        }
    }

    /// Adds the level being written to the pack and clears it for the next one; false when
    /// something is missing.
    pub fn add_level(&mut self) -> bool {
        if self.missing().is_some() {
            return false;
        }
        let mut id = slug(&self.title);
        let base = id.clone();
        let mut n = 2;
        while self.levels.iter().any(|l| l.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let or = |text: &str, default: &str| {
            if text.trim().is_empty() {
                default.to_owned()
            } else {
                text.trim().to_owned()
            }
        };
        let level = Level {
            id,
            kind: if self.challenge {
                LevelKind::Challenge
            } else {
                LevelKind::Level
            },
            title: self.title.trim().to_owned(),
            intro: or(&self.intro, self.goal.trim()),
            goal: self.goal.trim().to_owned(),
            view: self.view.clone(),
            files: std::mem::take(&mut self.start),
            conditions: std::mem::take(&mut self.conditions),
            hints: std::mem::take(&mut self.hints),
            solution: std::mem::take(&mut self.solution),
            learned: or(&self.learned, "Well done."),
        };
        self.verdicts.push(level.verify().err());
        self.levels.push(level);
        self.title.clear();
        self.intro.clear();
        self.goal.clear();
        self.learned.clear();
        true
    }

    /// Removes level `i` from the pack.
    pub fn remove_level(&mut self, i: usize) {
        if i < self.levels.len() {
            self.levels.remove(i);
            self.verdicts.remove(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use manifesto_core::lesson::{self, Rule};

    fn file(text: &str) -> Vec<PackFile> {
        vec![PackFile {
            name: "web.yaml".into(),
            text: text.into(),
        }]
    }

    #[test]
    fn ids_are_kebab_case() {
        assert_eq!(
            slug("Make the Service find its pods!"),
            "make-the-service-find-its-pods"
        );
        assert_eq!(slug("  "), "level");
        assert_eq!(slug(&"a".repeat(300)).len(), 100);
    }

    #[test]
    fn a_level_with_hints_in_order_makes_a_pack_that_reads_back() {
        let mut draft = Draft {
            title: "Add a Service".into(),
            goal: "Add a Service named web.".into(),
            start: file("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n"),
            solution: file("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n"),
            ..Draft::default()
        };
        assert_eq!(draft.missing(), Some("at least one condition"));
        let condition = Condition {
            text: "A Service named web exists".into(),
            rule: Rule::Exists {
                kind: "Service".into(),
                name: Some("web".into()),
            },
        };
        draft.add_condition(condition.clone());
        draft.add_condition(condition);
        assert_eq!(draft.conditions.len(), 1, "a condition is picked once");
        draft.add_hint("second");
        draft.add_hint("  ");
        draft.add_hint("first");
        draft.raise_hint(1);
        assert_eq!(draft.hints, ["first", "second"]);
        assert!(draft.add_level());
        assert!(!draft.add_level(), "the next level starts empty");
        assert_eq!(draft.verdicts, [None], "the level works as a lesson");
        let pack = draft.pack();
        let back = lesson::parse_pack("p.yaml", &lesson::to_yaml(&pack)).expect("reads back");
        assert_eq!(back, pack);
        assert_eq!(back.levels[0].hints, ["first", "second"]);
    }
}
