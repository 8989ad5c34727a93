//! Runs: consecutive pods, ordinals or nodes that are alike, kept as one entry with a count.
//! A rollout moves pods in blocks, so its pods stay a handful of runs whatever the replicas,
//! and a pass costs the same for 5,000 pods as for 5. Tiles are drawn from the runs only when a
//! state shows them.

/// What the items of a run share.
pub(crate) trait Alike: Copy + PartialEq {
    /// The value of the item `offset` places further along the run: the same value, except for
    /// a part that counts along it (a pod number).
    fn advanced(self, _offset: u32) -> Self {
        self
    }
}

/// `count` consecutive items from index `first` (a pod number, an ordinal, a node), alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run<T> {
    /// The first item's index.
    pub first: u32,
    /// How many items.
    pub count: u32,
    /// What the first item holds; the others follow by [`Alike::advanced`].
    pub value: T,
}

impl<T: Alike> Run<T> {
    /// One past the last item's index.
    pub(super) fn end(&self) -> u32 {
        self.first + self.count
    }

    /// The `count` items from `offset` (within this run), as a run.
    pub(super) fn part(&self, offset: u32, count: u32) -> Run<T> {
        Run {
            first: self.first + offset,
            count,
            value: self.value.advanced(offset),
        }
    }

    /// The same items holding `value` (given for the first item).
    pub(super) fn with(&self, value: T) -> Run<T> {
        Run { value, ..*self }
    }

    /// Every item: its index and its value.
    pub(super) fn items(&self) -> impl Iterator<Item = (u32, T)> + '_ {
        (0..self.count).map(|k| (self.first + k, self.value.advanced(k)))
    }
}

/// Appends a run, merged into the last one when it continues it; empty runs are dropped.
pub(crate) fn push<T: Alike>(runs: &mut Vec<Run<T>>, run: Run<T>) {
    if run.count == 0 {
        return;
    }
    if let Some(last) = runs.last_mut()
        && last.end() == run.first
        && last.value.advanced(last.count) == run.value
    {
        last.count += run.count;
        return;
    }
    runs.push(run);
}

/// How many items of `runs` satisfy `keep`, counted by run.
pub(crate) fn count<T>(runs: &[Run<T>], keep: impl Fn(&T) -> bool) -> u32 {
    runs.iter()
        .filter(|r| keep(&r.value))
        .map(|r| r.count)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    struct Numbered(u32);

    impl Alike for Numbered {
        fn advanced(self, offset: u32) -> Self {
            Numbered(self.0 + offset)
        }
    }

    #[test]
    fn runs_merge_only_when_they_continue_each_other() {
        let mut runs = Vec::new();
        push(
            &mut runs,
            Run {
                first: 0,
                count: 3,
                value: Numbered(10),
            },
        );
        push(
            &mut runs,
            Run {
                first: 3,
                count: 2,
                value: Numbered(13),
            },
        );
        assert_eq!(runs.len(), 1, "numbers 10..15 over items 0..5: one run");
        push(
            &mut runs,
            Run {
                first: 5,
                count: 1,
                value: Numbered(20),
            },
        );
        push(
            &mut runs,
            Run {
                first: 7,
                count: 1,
                value: Numbered(21),
            },
        );
        push(
            &mut runs,
            Run {
                first: 8,
                count: 0,
                value: Numbered(0),
            },
        );
        assert_eq!(runs.len(), 3);
        let items: Vec<(u32, u32)> = runs
            .iter()
            .flat_map(|r| r.items().map(|(i, v)| (i, v.0)).collect::<Vec<_>>())
            .collect();
        assert_eq!(
            items,
            [
                (0, 10),
                (1, 11),
                (2, 12),
                (3, 13),
                (4, 14),
                (5, 20),
                (7, 21)
            ]
        );
        assert_eq!(
            runs[0].part(2, 2),
            Run {
                first: 2,
                count: 2,
                value: Numbered(12)
            }
        );
        assert_eq!(count(&runs, |v| v.0 >= 20), 2);
    }
}
