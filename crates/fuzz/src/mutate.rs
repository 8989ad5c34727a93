//! Mutations: byte flips, line splices, YAML oddities and Kubernetes-aware edits.

/// A small deterministic generator (xorshift64*), so that a seed reproduces a run.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator from `seed` (0 is fine).
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// One of `items`.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Text a YAML reader finds odd: anchors and aliases, merge keys, tags, nesting, huge numbers, a
/// byte-order mark, NUL, invalid UTF-8, lone carriage returns, document markers.
const YAML_ODDITIES: &[&[u8]] = &[
    b"x: &a [1, 2, 3]\ny: *a\n",
    b"base: &b {k: 1, j: 2}\nm: {<<: *b, k: 3}\n",
    b"<<: *nope\n",
    b"a: &x [&y [&z [1]]]\nb: [*x, *y, *z, *x]\n",
    b"t: !!str 5\nu: !!binary aGVsbG8=\nv: !custom {a: 1}\nw: !!int nope\n",
    b"n: 99999999999999999999999999999\nf: 1e400\ng: -0x8000000000000001\nh: 0o9\ni: 1_000\nj: 0b102\n",
    b"\xef\xbb\xbf",
    b"\x00",
    b"\xff\xfe\xfd",
    b"a: 1\rb: 2\r",
    b"---\n",
    b"...\n",
    b"? [complex, key]\n: value\n",
    b"key: |\n  block\n   more\n",
    b"dup: 1\ndup: 2\n",
    b"\t- tab\n",
    b"{\"json\": [1, {\"a\": null}]}",
    b"- - - - - x\n",
    b"*undefined\n",
    b"&anchor\n",
];

/// Values that stress counts, percentages, selectors and names.
const REPLICAS: &[&str] = &[
    "2147483647",
    "-1",
    "0",
    "5000",
    "5001",
    "4999",
    "99999999999",
    "\"3\"",
    "1.5",
];
const PERCENTS: &[&str] = &[
    "\"-50%\"",
    "\"101%\"",
    "\"6148914691236517239%\"",
    "\"0%\"",
    "\"abc\"",
    "\"1.5%\"",
    "\"%\"",
    "\"100%\"",
    "-3",
    "2147483647",
    "\" 5%\"",
];
const SELECTORS: &[&str] = &[
    "{}",
    "{matchLabels: {}}",
    "{matchExpressions: []}",
    "null",
    "{matchLabels: {a: b}, matchExpressions: [{key: a, operator: Bogus}]}",
];

fn odd_name(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => "a".repeat(300),
        1 => "wéb-ünïcode-名前".to_owned(),
        2 => "\"web\\n## All checks passed\\u001b[31m<script>\"".to_owned(),
        3 => "\"\"".to_owned(),
        4 => format!("{}-x", "b".repeat(70_000)),
        _ => "Web_API".to_owned(),
    }
}

/// Rewrites the value after `key:` on the lines that have it (only on the `only`-th such line,
/// counting from 0 and wrapping, when given: a huge name on every line would make a huge file).
fn replace_values(text: &str, key: &str, value: &dyn Fn() -> String) -> String {
    replace_nth(text, key, value, None)
}

fn replace_nth(text: &str, key: &str, value: &dyn Fn() -> String, only: Option<usize>) -> String {
    let matches = |line: &str| {
        let bare = line.trim_start().trim_start_matches("- ");
        bare.strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'))
    };
    let count = text.split_inclusive('\n').filter(|l| matches(l)).count();
    let only = only.map(|n| n % count.max(1));
    let mut seen = 0;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let bare = trimmed.trim_start_matches("- ");
        let hit = matches(line);
        if hit {
            seen += 1;
        }
        if hit && only.is_none_or(|n| n + 1 == seen) {
            let indent = &line[..line.len() - bare.len()];
            out.push_str(&format!("{indent}{key}: {}\n", value()));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// One Kubernetes-aware mutation of `text`.
fn kubernetes(text: &str, rng: &mut Rng) -> String {
    let seed = rng.next();
    let mut local = Rng::new(seed);
    match rng.below(5) {
        0 => replace_values(text, "replicas", &|| {
            (*Rng::new(seed).pick(REPLICAS)).to_owned()
        }),
        1 => {
            let key = *rng.pick(&["maxSurge", "maxUnavailable", "minAvailable", "partition"]);
            replace_values(text, key, &|| (*Rng::new(seed).pick(PERCENTS)).to_owned())
        }
        2 => replace_values(text, "selector", &|| {
            (*Rng::new(seed).pick(SELECTORS)).to_owned()
        }),
        3 => {
            let name = odd_name(&mut local);
            replace_nth(text, "name", &|| name.clone(), Some(rng.below(64)))
        }
        _ => replace_nth(
            text,
            "image",
            &|| odd_name(&mut Rng::new(seed)),
            Some(rng.below(64)),
        ),
    }
}

/// `input` mutated one to four times; `others` lend lines for splices.
pub(crate) fn mutate(input: &[u8], others: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let mut data = input.to_vec();
    for _ in 0..=rng.below(4) {
        data = match rng.below(7) {
            0 => {
                for _ in 0..=rng.below(8) {
                    if !data.is_empty() {
                        let i = rng.below(data.len());
                        data[i] ^= 1 << rng.below(8);
                    }
                }
                data
            }
            1 | 2 => splice(&data, others, rng),
            3 | 4 => {
                let odd = *rng.pick(YAML_ODDITIES);
                insert_at_line(&data, odd, rng)
            }
            5 => {
                let depth = 1 + rng.below(400);
                let nest = format!("deep: {}x{}\n", "[".repeat(depth), "]".repeat(depth));
                insert_at_line(&data, nest.as_bytes(), rng)
            }
            _ => match std::str::from_utf8(&data) {
                Ok(text) => kubernetes(text, rng).into_bytes(),
                Err(_) => data,
            },
        };
    }
    data
}

fn line_starts(data: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            data.iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect()
}

fn insert_at_line(data: &[u8], piece: &[u8], rng: &mut Rng) -> Vec<u8> {
    let starts = line_starts(data);
    let at = *rng.pick(&starts);
    let mut out = Vec::with_capacity(data.len() + piece.len());
    out.extend_from_slice(&data[..at]);
    out.extend_from_slice(piece);
    out.extend_from_slice(&data[at..]);
    out
}

/// Deletes, duplicates or borrows a run of lines.
fn splice(data: &[u8], others: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let starts = line_starts(data);
    let a = *rng.pick(&starts);
    let b = (a + rng.below(400)).min(data.len());
    match rng.below(3) {
        0 => [&data[..a], &data[b..]].concat(),
        1 => [&data[..b], &data[a..b], &data[b..]].concat(),
        _ => {
            let donor = rng.pick(others);
            let dstarts = line_starts(donor);
            let da = *rng.pick(&dstarts);
            let db = (da + rng.below(600)).min(donor.len());
            [&data[..a], &donor[da..db], &data[a..]].concat()
        }
    }
}
