//! The panel's own state: what to simulate and where the player is.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::RolloutView;

/// Playback speed, in the order the picker lists them (`Speed::VARIANTS`); each serialises as
/// the value of its `<option>`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray, strum::IntoStaticStr, strum::EnumString,
)]
pub enum Speed {
    /// 0.5×.
    #[strum(serialize = "0.5")]
    Half,
    /// 1×.
    #[strum(serialize = "1")]
    Normal,
    /// 2×.
    #[strum(serialize = "2")]
    Double,
}

impl Speed {
    /// The multiplier.
    pub fn factor(self) -> f64 {
        match self {
            Speed::Half => 0.5,
            Speed::Normal => 1.0,
            Speed::Double => 2.0,
        }
    }

    /// The value of its `<option>`.
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// What the picker shows.
    pub fn label(self) -> &'static str {
        match self {
            Speed::Half => "0.5\u{d7}",
            Speed::Normal => "1\u{d7}",
            Speed::Double => "2\u{d7}",
        }
    }

    /// The speed of an `<option>` value.
    pub fn from_key(key: &str) -> Option<Speed> {
        key.parse().ok()
    }
}

/// What the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Ui {
    /// The workload picked by the user (`Kind/namespace/name`); `None` until one is picked.
    pub workload: Option<String>,
    /// The new image tag.
    pub tag: String,
    /// Whether the new version never becomes ready.
    pub fail_new: bool,
    /// Whether the panel shows `kubectl rollout undo` after the change.
    pub undo: bool,
    /// 0 = before the change, k = after pass k.
    pub step: usize,
    /// Whether the moment right after pass `step` is shown (before its pods settle).
    pub settling: bool,
    /// Whether the player advances by itself.
    pub playing: bool,
    /// Playback speed.
    pub speed: Speed,
}

impl Default for Ui {
    fn default() -> Self {
        Ui {
            workload: None,
            tag: "v2".to_owned(),
            fail_new: false,
            undo: false,
            step: 0,
            settling: false,
            playing: false,
            speed: Speed::Normal,
        }
    }
}

/// Everything that changes the panel. `last` is the number of passes of the rollout shown;
/// `animate` is false when the user prefers reduced motion (steps then land on their settled
/// state at once).
#[derive(Debug, Clone, PartialEq)]
pub enum UiAction {
    /// Another workload.
    Pick(String),
    /// Another image tag.
    Tag(String),
    /// Toggle the failing new version.
    FailNew(bool),
    /// Show the rollback (`true`) or the change again (`false`).
    Undo(bool),
    /// Start playing (from the start when at the end).
    Play {
        /// Passes in the rollout.
        last: usize,
    },
    /// Stop playing.
    Pause,
    /// One step forward (by the user).
    Forward {
        /// Passes in the rollout.
        last: usize,
        /// Whether to show the moment right after the pass first.
        animate: bool,
    },
    /// One step forward (by the player).
    Tick {
        /// Passes in the rollout.
        last: usize,
        /// Whether to show the moment right after the pass first.
        animate: bool,
    },
    /// One step back.
    Back,
    /// Back to the start.
    Reset,
    /// The workload shown changed under the panel (the files changed): start afresh.
    Switched,
    /// Another speed.
    Speed(Speed),
    /// The pods of this step have settled.
    Settled(usize),
}

impl Ui {
    /// The choices and step the view showed when it was left, or the defaults.
    pub fn restored(view: Option<&RolloutView>) -> Self {
        match view {
            Some(v) => Ui {
                workload: Some(v.workload.as_str().to_owned()),
                tag: v.tag.clone(),
                fail_new: v.fail_new,
                undo: v.undo,
                step: v.step,
                ..Ui::default()
            },
            None => Ui::default(),
        }
    }

    /// Back to step 0 after the rollout itself changed.
    fn restart(&mut self) {
        self.step = 0;
        self.settling = false;
        self.playing = false;
    }

    fn forward(&mut self, last: usize, animate: bool) -> bool {
        if self.step >= last {
            self.step = last;
            self.settling = false;
            return false;
        }
        self.step += 1;
        self.settling = animate;
        true
    }
}

impl Reducible for Ui {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            UiAction::Pick(id) => {
                if next.workload.as_deref() == Some(id.as_str()) {
                    return self;
                }
                next.workload = Some(id);
                next.undo = false;
                next.restart();
            }
            UiAction::Tag(tag) => {
                next.tag = tag;
                next.undo = false;
                next.restart();
            }
            UiAction::FailNew(fail) => {
                next.fail_new = fail;
                next.undo = false;
                next.restart();
            }
            UiAction::Undo(undo) => {
                next.undo = undo;
                next.restart();
                next.playing = undo;
            }
            UiAction::Play { last } => {
                if next.step >= last {
                    next.step = 0;
                    next.settling = false;
                }
                next.playing = last > 0;
            }
            UiAction::Pause => next.playing = false,
            UiAction::Forward { last, animate } => {
                next.playing = false;
                next.forward(last, animate);
            }
            UiAction::Tick { last, animate } => {
                if !next.playing {
                    return self;
                }
                next.forward(last, animate);
                if next.step >= last {
                    next.playing = false;
                }
            }
            UiAction::Back => {
                next.playing = false;
                next.settling = false;
                next.step = next.step.saturating_sub(1);
            }
            UiAction::Reset => next.restart(),
            UiAction::Switched => {
                next.undo = false;
                next.restart();
            }
            UiAction::Speed(speed) => next.speed = speed,
            UiAction::Settled(step) => {
                if !next.settling || next.step != step {
                    return self;
                }
                next.settling = false;
            }
        }
        if next == *self {
            return self;
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(ui: Ui, actions: &[UiAction]) -> Ui {
        actions
            .iter()
            .fold(Rc::new(ui), |ui, a| ui.reduce(a.clone()))
            .as_ref()
            .clone()
    }

    #[test]
    fn stepping_stops_at_the_last_pass_and_back_at_zero() {
        let forward = UiAction::Forward {
            last: 2,
            animate: false,
        };
        let ui = run(Ui::default(), &[forward.clone(), forward.clone(), forward]);
        assert_eq!(ui.step, 2);
        let ui = run(ui, &[UiAction::Back, UiAction::Back, UiAction::Back]);
        assert_eq!(ui.step, 0);
    }

    #[test]
    fn a_step_shows_the_moment_after_the_pass_until_it_settles() {
        let ui = run(
            Ui::default(),
            &[UiAction::Forward {
                last: 4,
                animate: true,
            }],
        );
        assert!(ui.settling);
        // A late timer of another step changes nothing.
        assert!(run(ui.clone(), &[UiAction::Settled(3)]).settling);
        assert!(!run(ui, &[UiAction::Settled(1)]).settling);
    }

    #[test]
    fn playing_runs_to_the_end_and_replays_from_the_start() {
        let tick = UiAction::Tick {
            last: 2,
            animate: false,
        };
        let ui = run(Ui::default(), &[UiAction::Play { last: 2 }, tick.clone()]);
        assert!(ui.playing);
        let ui = run(ui, &[tick]);
        assert_eq!((ui.step, ui.playing), (2, false));
        let ui = run(ui, &[UiAction::Play { last: 2 }]);
        assert_eq!((ui.step, ui.playing), (0, true));
    }

    #[test]
    fn changing_what_rolls_out_starts_over() {
        let ui = run(
            Ui::default(),
            &[
                UiAction::Forward {
                    last: 3,
                    animate: false,
                },
                UiAction::Undo(true),
            ],
        );
        assert_eq!((ui.step, ui.undo, ui.playing), (0, true, true));
        let ui = run(ui, &[UiAction::FailNew(true)]);
        assert_eq!((ui.step, ui.undo, ui.fail_new), (0, false, true));
    }
}
