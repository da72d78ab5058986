//! Weighted alignment of Latin letters against Hangul syllables whose jamo
//! each have a list of possible spellings.
//!
//! This is the engine behind both matchers: each syllable offers spellings for
//! its initial, vowel and final (with a cost per spelling); a dynamic program
//! finds the cheapest way to spell the whole English string, allowing unexplained
//! letters (typos) at a cost, and optionally an unmatched tail (a truncated
//! loanword: 인프라 = infra|structure). Costs are small floats; the callers turn
//! the cheapest cost into a score.

use super::latin::Letters;

/// One way to spell a jamo (or a whole name part).
#[derive(Clone, Copy, Debug)]
pub struct Alt {
    pub letters: &'static [u8],
    pub cost: f32,
}

/// The spellings of one Hangul syllable.
#[derive(Clone, Debug)]
pub struct SyllableSlots {
    /// The syllable as written, for reasons.
    pub syllable: char,
    /// Compatibility jamo of (initial, vowel, final) for reasons; ' ' for none.
    pub jamo: [char; 3],
    pub initial: Vec<Alt>,
    pub vowel: Vec<Alt>,
    pub final_: Vec<Alt>,
    /// First syllable of a name part (surname, given name): should start a token.
    pub part_start: bool,
}

/// A whole-part spelling that bypasses the jamo, such as a conventional surname
/// spelling (박 Park, 이 Rhee) that no jamo rule would produce.
#[derive(Clone, Debug)]
pub struct Shortcut {
    /// First syllable index covered.
    pub from: usize,
    /// One past the last syllable covered.
    pub to: usize,
    pub alts: Vec<Alt>,
}

/// All spellings of a Hangul word or name.
#[derive(Clone, Debug, Default)]
pub struct Lattice {
    pub syllables: Vec<SyllableSlots>,
    pub shortcuts: Vec<Shortcut>,
}

/// How strict the alignment is.
#[derive(Clone, Copy, Debug)]
pub struct Params {
    /// Cost of a letter no jamo explains, given the letters and its position.
    pub insert_cost: fn(&[u8], usize) -> f32,
    /// Cost when a name part does not start at a token boundary ("Kanggijeong").
    pub part_join_penalty: f32,
    /// Cost when one syllable's letters span two tokens ("Gij eong"); `None`
    /// forbids it.
    pub token_crossing: Option<f32>,
    /// Cost of leaving the letters from the given position on unmatched;
    /// `None` forbids it.
    pub tail_cost: Option<fn(&[u8], usize) -> f32>,
}

/// One step of the cheapest alignment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step {
    /// Syllable `index` spelled by letters `start..end` with the chosen
    /// alternatives (indices into initial, vowel, final).
    Syllable {
        index: usize,
        start: usize,
        end: usize,
        alts: [u16; 3],
    },
    /// Shortcut `index` spelled by letters `start..end` with alternative `alt`.
    Shortcut {
        index: usize,
        alt: u16,
        start: usize,
        end: usize,
    },
    /// An unexplained letter.
    Insert { position: usize },
}

/// The cheapest alignment.
#[derive(Clone, Debug)]
pub struct Alignment {
    pub cost: f32,
    pub steps: Vec<Step>,
    /// Letters left unmatched at the end.
    pub tail: usize,
}

#[derive(Clone, Copy)]
enum Back {
    None,
    Insert,
    Syllable {
        from: u32,
        alts: [u16; 3],
    },
    Shortcut {
        from_state: u32,
        index: u16,
        alt: u16,
    },
}

/// Sorts alternatives by first letter (empty first) so that [`align`] only
/// looks at those that can match the next letter. Every list in a lattice
/// must be sorted this way.
pub fn sort_alts(list: &mut [Alt]) {
    list.sort_by_key(|a| a.letters.first().copied());
}

/// `rest` starts with `prefix` (a byte loop: the slices are a few letters
/// long, where calling `memcmp` costs more than comparing).
#[inline]
pub fn has_prefix(rest: &[u8], prefix: &[u8]) -> bool {
    prefix.len() <= rest.len() && prefix.iter().zip(rest).all(|(a, b)| a == b)
}

/// Indices of the alternatives of a sorted list whose letters start at `p`.
fn matching<'a>(
    list: &'a [Alt],
    bytes: &'a [u8],
    p: usize,
) -> impl Iterator<Item = (usize, &'a Alt)> {
    let empty_end = list.partition_point(|a| a.letters.is_empty());
    let (lo, hi) = match bytes.get(p) {
        Some(&b) => (
            list.partition_point(|a| a.letters.first().is_none_or(|&x| x < b)),
            list.partition_point(|a| a.letters.first().is_none_or(|&x| x <= b)),
        ),
        None => (empty_end, empty_end),
    };
    (0..empty_end)
        .chain(lo..hi)
        .filter_map(move |i| list.get(i).map(|a| (i, a)))
        .filter(move |(_, a)| {
            bytes
                .get(p..)
                .is_some_and(|rest| has_prefix(rest, a.letters))
        })
}

/// Finds the cheapest spelling of `letters` by `lattice`; `None` when there is
/// none (some syllable has no spelling at all, or no letters) or when every
/// spelling costs more than `budget` (callers pass the cost at which the score
/// would be too low to matter, which prunes unrelated pairs early).
pub fn align(
    lattice: &Lattice,
    letters: &Letters,
    params: &Params,
    budget: f32,
) -> Option<Alignment> {
    let n = lattice.syllables.len();
    let m = letters.len();
    if n == 0 || m == 0 {
        return None;
    }
    let bytes = &letters.bytes[..];
    let mut token_start = vec![false; m + 1];
    for &start in &letters.token_starts {
        if let Some(flag) = token_start.get_mut(start) {
            *flag = true;
        }
    }
    let width = m + 1;
    let state = |k: usize, p: usize| k * width + p;
    let mut cost = vec![f32::INFINITY; (n + 1) * width];
    let mut back = vec![Back::None; (n + 1) * width];
    cost[0] = 0.0;

    for k in 0..=n {
        for p in 0..=m {
            let here = cost[state(k, p)];
            if !here.is_finite() || here > budget {
                continue;
            }
            // An unexplained letter, only between syllables.
            if p < m {
                let next = here + (params.insert_cost)(bytes, p);
                let target = state(k, p + 1);
                if next < cost[target] {
                    cost[target] = next;
                    back[target] = Back::Insert;
                }
            }
            if k == n {
                continue;
            }
            let slots = &lattice.syllables[k];
            let join_penalty = if slots.part_start && p > 0 && !token_start[p] {
                params.part_join_penalty
            } else {
                0.0
            };
            for (ii, initial) in matching(&slots.initial, bytes, p) {
                let p1 = p + initial.letters.len();
                for (vi, vowel) in matching(&slots.vowel, bytes, p1) {
                    let p2 = p1 + vowel.letters.len();
                    for (fi, fin) in matching(&slots.final_, bytes, p2) {
                        let p3 = p2 + fin.letters.len();
                        let crossing = p3 > p + 1 && (p + 1..p3).any(|q| token_start[q]);
                        let crossing_cost = match (crossing, params.token_crossing) {
                            (false, _) => 0.0,
                            (true, Some(c)) => c,
                            (true, None) => continue,
                        };
                        let next = here
                            + join_penalty
                            + crossing_cost
                            + initial.cost
                            + vowel.cost
                            + fin.cost;
                        let target = state(k + 1, p3);
                        if next < cost[target] {
                            cost[target] = next;
                            back[target] = Back::Syllable {
                                from: p as u32,
                                alts: [ii as u16, vi as u16, fi as u16],
                            };
                        }
                    }
                }
            }
            for (si, shortcut) in lattice.shortcuts.iter().enumerate() {
                if shortcut.from != k || shortcut.to > n {
                    continue;
                }
                for (ai, alt) in shortcut.alts.iter().enumerate() {
                    let end = p + alt.letters.len();
                    if alt.letters.is_empty() || !has_prefix(&bytes[p..], alt.letters) {
                        continue;
                    }
                    // A shortcut spells a whole part: it must end a token.
                    if end < m && !token_start[end] {
                        continue;
                    }
                    let next = here + join_penalty + alt.cost;
                    let target = state(shortcut.to, end);
                    if next < cost[target] {
                        cost[target] = next;
                        back[target] = Back::Shortcut {
                            from_state: state(k, p) as u32,
                            index: si as u16,
                            alt: ai as u16,
                        };
                    }
                }
            }
        }
    }

    // Best end: all letters, or a prefix plus the tail cost.
    let mut best_end = m;
    let mut best = cost[state(n, m)];
    if let Some(tail_cost) = params.tail_cost {
        for p in 1..m {
            let total = cost[state(n, p)] + tail_cost(bytes, p);
            if total < best {
                best = total;
                best_end = p;
            }
        }
    }
    if !best.is_finite() || best > budget {
        return None;
    }

    let mut steps = Vec::new();
    let (mut k, mut p) = (n, best_end);
    let mut guard = (n + 1) * width + 1;
    while (k, p) != (0, 0) && guard > 0 {
        guard -= 1;
        match back[state(k, p)] {
            Back::Insert => {
                steps.push(Step::Insert { position: p - 1 });
                p -= 1;
            }
            Back::Syllable { from, alts } => {
                steps.push(Step::Syllable {
                    index: k - 1,
                    start: from as usize,
                    end: p,
                    alts,
                });
                k -= 1;
                p = from as usize;
            }
            Back::Shortcut {
                from_state,
                index,
                alt,
            } => {
                let (fk, fp) = (from_state as usize / width, from_state as usize % width);
                steps.push(Step::Shortcut {
                    index: index as usize,
                    alt,
                    start: fp,
                    end: p,
                });
                k = fk;
                p = fp;
            }
            Back::None => break,
        }
    }
    steps.reverse();
    Some(Alignment {
        cost: best,
        steps,
        tail: m - best_end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alt(letters: &'static str, cost: f32) -> Alt {
        Alt {
            letters: letters.as_bytes(),
            cost,
        }
    }

    fn ga() -> SyllableSlots {
        SyllableSlots {
            syllable: '가',
            jamo: ['ㄱ', 'ㅏ', ' '],
            initial: vec![alt("g", 0.0), alt("k", 0.1)], // already sorted
            vowel: vec![alt("a", 0.0)],
            final_: vec![alt("", 0.0)],
            part_start: false,
        }
    }

    const PARAMS: Params = Params {
        insert_cost: |_, _| 1.0,
        part_join_penalty: 0.5,
        token_crossing: None,
        tail_cost: None,
    };

    #[test]
    fn finds_cheapest_spelling_with_typos() {
        let lattice = Lattice {
            syllables: vec![ga(), ga()],
            shortcuts: vec![],
        };
        let exact = align(&lattice, &Letters::new("gaka"), &PARAMS, f32::INFINITY).unwrap();
        assert!((exact.cost - 0.1).abs() < 1e-6);
        let typo = align(&lattice, &Letters::new("gaxga"), &PARAMS, f32::INFINITY).unwrap();
        assert!((typo.cost - 1.0).abs() < 1e-6);
        assert!(typo.steps.contains(&Step::Insert { position: 2 }));
        // A syllable may not span two tokens.
        assert!(align(&lattice, &Letters::new("g aga"), &PARAMS, f32::INFINITY).is_none());
        assert!(align(&lattice, &Letters::new(""), &PARAMS, f32::INFINITY).is_none());
        assert!(align(&lattice, &Letters::new("gaxga"), &PARAMS, 0.5).is_none());
    }
}
