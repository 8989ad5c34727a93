//! Line diffs of texts and of sets of named files, as a reader sees them: removed and added lines
//! grouped in hunks with a few lines of context.
//!
//! The common first and last lines are set aside, then the longest common subsequence of the
//! lines between them is found. When that middle is too large to compare line by line (more
//! than [`MAX_COMPARED_CELLS`] pairs), it is shown as removed then added whole, so the cost stays
//! bounded whatever the input.

/// The most pairs of lines compared for the longest common subsequence (the product of both
/// middles' line counts); beyond it the middle is replaced whole.
pub const MAX_COMPARED_CELLS: usize = 4_000_000;

/// What happened to one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum LineChange {
    /// The line is in both texts (context).
    Same,
    /// The line is only in the old text.
    Removed,
    /// The line is only in the new text.
    Added,
}

impl LineChange {
    /// `same`, `removed` or `added`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    /// Same, removed or added.
    pub change: LineChange,
    /// The line's text, without its line ending.
    pub text: String,
    /// Its 1-based number in the old text (`None` for an added line).
    pub old: Option<usize>,
    /// Its 1-based number in the new text (`None` for a removed line).
    pub new: Option<usize>,
    /// Whether the line ends with a newline (only the last line of a text may not).
    pub newline: bool,
}

/// A run of changed lines with the context around them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    /// The 1-based number of the hunk's first line in the old text (when it shows no old line,
    /// of the line its additions come before).
    pub old_start: usize,
    /// The 1-based number of the hunk's first line in the new text (likewise).
    pub new_start: usize,
    /// The lines, in reading order.
    pub lines: Vec<DiffLine>,
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum FileChange {
    /// The file is only in the new set.
    Added,
    /// The file is only in the old set.
    Removed,
    /// The file is in both, with another text.
    Changed,
}

impl FileChange {
    /// `added`, `removed` or `changed`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The diff of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDiff {
    /// The file's name.
    pub name: String,
    /// Added, removed or changed.
    pub change: FileChange,
    /// Its hunks (an added file's lines are all added, a removed file's all removed).
    pub hunks: Vec<Hunk>,
}

impl FileDiff {
    /// How many lines are removed and added.
    pub fn counts(&self) -> (usize, usize) {
        let lines = self.hunks.iter().flat_map(|h| &h.lines);
        lines.fold((0, 0), |(r, a), l| match l.change {
            LineChange::Same => (r, a),
            LineChange::Removed => (r + 1, a),
            LineChange::Added => (r, a + 1),
        })
    }
}

/// The lines of `text`, each with its line ending (the last one may have none).
fn split(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The text of a line without its ending, and whether it had one.
fn strip(line: &str) -> (String, bool) {
    match line.strip_suffix('\n') {
        Some(body) => (body.strip_suffix('\r').unwrap_or(body).to_owned(), true),
        None => (line.to_owned(), false),
    }
}

/// Every line of the diff from `old` to `new`, the unchanged ones included.
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    let (a, b) = (split(old), split(new));
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);

    let mut ops = vec![LineChange::Same; prefix];
    ops.extend(middle(mid_a, mid_b));
    ops.extend(std::iter::repeat_n(LineChange::Same, suffix));

    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(ops.len());
    for change in ops {
        let (line, old, new) = match change {
            LineChange::Same => {
                (i, j) = (i + 1, j + 1);
                (b[j - 1], Some(i), Some(j))
            }
            LineChange::Removed => {
                i += 1;
                (a[i - 1], Some(i), None)
            }
            LineChange::Added => {
                j += 1;
                (b[j - 1], None, Some(j))
            }
        };
        let (text, newline) = strip(line);
        out.push(DiffLine {
            change,
            text,
            old,
            new,
            newline,
        });
    }
    out
}

/// The edit script between two runs of lines that differ at both ends: the longest common
/// subsequence when it is small enough to compute, else everything removed then added. Within
/// a change, removed lines come before added ones.
fn middle(a: &[&str], b: &[&str]) -> Vec<LineChange> {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 || n.saturating_mul(m) > MAX_COMPARED_CELLS {
        let mut ops = vec![LineChange::Removed; n];
        ops.extend(std::iter::repeat_n(LineChange::Added, m));
        return ops;
    }
    // lcs[i * (m + 1) + j]: the longest common subsequence of a[i..] and b[j..].
    let width = m + 1;
    let mut lcs = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let mut ops = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(LineChange::Same);
            (i, j) = (i + 1, j + 1);
        } else if j == m || (i < n && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
            ops.push(LineChange::Removed);
            i += 1;
        } else {
            ops.push(LineChange::Added);
            j += 1;
        }
    }
    ops
}

/// The hunks of the diff from `old` to `new`, each change with up to `context` unchanged lines
/// around it; changes closer than twice that share a hunk. Equal texts have none.
pub fn diff_hunks(old: &str, new: &str, context: usize) -> Vec<Hunk> {
    let lines = diff_lines(old, new);
    let changed: Vec<usize> = (0..lines.len())
        .filter(|&k| lines[k].change != LineChange::Same)
        .collect();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for k in changed {
        let start = k.saturating_sub(context);
        let end = (k + context + 1).min(lines.len());
        match ranges.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => ranges.push((start, end)),
        }
    }
    ranges
        .into_iter()
        .map(|(start, end)| {
            let before = &lines[..start];
            Hunk {
                old_start: before.iter().filter(|l| l.old.is_some()).count() + 1,
                new_start: before.iter().filter(|l| l.new.is_some()).count() + 1,
                lines: lines[start..end].to_vec(),
            }
        })
        .collect()
}

/// The diff from the files `old` to the files `new`, each given as (name, text): first the files
/// of `new` that `old` lacks or holds with another text, in `new`'s order, then the files of
/// `old` that `new` lacks. Files with the same text are left out.
pub fn diff_files(old: &[(&str, &str)], new: &[(&str, &str)], context: usize) -> Vec<FileDiff> {
    let mut out = Vec::new();
    for (name, text) in new {
        let (change, before) = match text_in(old, name) {
            Some(before) if before == *text => continue,
            Some(before) => (FileChange::Changed, before),
            None => (FileChange::Added, ""),
        };
        out.push(FileDiff {
            name: (*name).to_owned(),
            change,
            hunks: diff_hunks(before, text, context),
        });
    }
    for (name, text) in old {
        if text_in(new, name).is_none() {
            out.push(FileDiff {
                name: (*name).to_owned(),
                change: FileChange::Removed,
                hunks: diff_hunks(text, "", context),
            });
        }
    }
    out
}

/// The text of the file named `name`.
fn text_in<'a>(files: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    files.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests;
