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
    /// What [`align`] derives from the lattice once: built on the first
    /// alignment (a lattice is complete before it is aligned).
    derived: std::sync::OnceLock<Derived>,
}

/// Per-lattice tables of the alignment.
#[derive(Clone, Debug)]
struct Derived {
    /// Syllables when built (rebuilt, not cached, if syllables were added).
    syllables: usize,
    /// Per syllable, the first-letter index of its three lists.
    index: Vec<[Option<ListIndex>; 3]>,
    /// Bit per letter a–z that some spelling of the lattice writes (all bits
    /// when a spelling holds anything else).
    letters: u32,
}

impl Derived {
    fn of(lattice: &Lattice) -> Derived {
        let index = lattice
            .syllables
            .iter()
            .map(|s| {
                [
                    list_index(&s.initial),
                    list_index(&s.vowel),
                    list_index(&s.final_),
                ]
            })
            .collect();
        let mut letters = 0u32;
        let alts = lattice
            .syllables
            .iter()
            .flat_map(|s| s.initial.iter().chain(&s.vowel).chain(&s.final_))
            .chain(lattice.shortcuts.iter().flat_map(|s| s.alts.iter()));
        for alt in alts {
            for &b in alt.letters {
                letters |= if b.is_ascii_lowercase() {
                    1 << (b - b'a')
                } else {
                    u32::MAX
                };
            }
        }
        Derived {
            syllables: lattice.syllables.len(),
            index,
            letters,
        }
    }
}

impl Lattice {
    fn derived(&self) -> std::borrow::Cow<'_, Derived> {
        let cached = self.derived.get_or_init(|| Derived::of(self));
        if cached.syllables == self.syllables.len() {
            std::borrow::Cow::Borrowed(cached)
        } else {
            std::borrow::Cow::Owned(Derived::of(self))
        }
    }
}

/// A lower bound of the cost of any alignment: letters that no spelling of
/// the lattice writes must be unexplained (an insert, at its cost) or in the
/// clipped tail. Every other step only adds non-negative costs, so when this
/// bound is over the budget the programme cannot find anything.
fn lower_bound(derived: &Derived, bytes: &[u8], params: &Params) -> f32 {
    let foreign = |b: u8| b.is_ascii_lowercase() && derived.letters & (1 << (b - b'a')) == 0;
    let mut inserts = 0f32;
    let mut best = f32::INFINITY;
    for p in 0..bytes.len() {
        if let Some(tail_cost) = params.tail_cost
            && p >= 1
        {
            best = best.min(inserts + tail_cost(bytes, p));
        }
        if bytes.get(p).copied().is_some_and(foreign) {
            inserts += (params.insert_cost)(bytes, p);
        }
    }
    best.min(inserts)
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

/// Where the alternatives of a sorted list start, by first letter: `lo[b]`
/// is the first alternative whose first letter is not below `a + b`, `hi[b]`
/// the first whose first letter is above it (what a binary search for the
/// letter finds), computed in one pass per list instead of two searches per
/// DP state.
#[derive(Clone, Copy, Debug)]
struct ListIndex {
    empty_end: u16,
    lo: [u16; 26],
    hi: [u16; 26],
}

impl ListIndex {
    fn of(list: &[Alt]) -> ListIndex {
        let len = list.len().min(u16::MAX as usize);
        let empty_end = list.partition_point(|a| a.letters.is_empty()).min(len);
        let mut index = ListIndex {
            empty_end: empty_end as u16,
            lo: [0; 26],
            hi: [0; 26],
        };
        // One merge pass: alternatives are sorted by first letter.
        let mut i = empty_end;
        for b in 0..26u8 {
            let letter = b'a' + b;
            while i < len && list[i].letters.first().is_none_or(|&x| x < letter) {
                i += 1;
            }
            index.lo[b as usize] = i as u16;
            let mut j = i;
            while j < len && list[j].letters.first().is_none_or(|&x| x <= letter) {
                j += 1;
            }
            index.hi[b as usize] = j as u16;
            i = j;
        }
        index
    }
}

/// The index of a list, or `None` when the list is too long or not sorted
/// (then [`matching`] searches as it always did).
fn list_index(list: &[Alt]) -> Option<ListIndex> {
    let sorted = list.len() < u16::MAX as usize
        && list.windows(2).all(|w| {
            w[0].letters.first().copied().map_or(0, u16::from)
                <= w[1].letters.first().copied().map_or(0, u16::from)
        })
        && list
            .iter()
            .all(|a| a.letters.first().is_none_or(u8::is_ascii_lowercase));
    sorted.then(|| ListIndex::of(list))
}

/// Indices of the alternatives of a sorted list whose letters start at `p`.
fn matching<'a>(
    list: &'a [Alt],
    index: Option<&ListIndex>,
    bytes: &'a [u8],
    p: usize,
) -> Matching<'a> {
    let Some(rest) = bytes.get(p..) else {
        return Matching {
            list,
            rest: &[],
            next: 0,
            empty_end: 0,
            lo: 0,
            hi: 0,
        };
    };
    let (empty_end, lo, hi) = match (index, rest.first()) {
        (Some(ix), Some(&b)) if b.is_ascii_lowercase() => {
            let k = (b - b'a') as usize;
            (ix.empty_end as usize, ix.lo[k] as usize, ix.hi[k] as usize)
        }
        (Some(ix), None) => (
            ix.empty_end as usize,
            ix.empty_end as usize,
            ix.empty_end as usize,
        ),
        _ => {
            let empty_end = list.partition_point(|a| a.letters.is_empty());
            let (lo, hi) = match rest.first() {
                Some(&b) => (
                    list.partition_point(|a| a.letters.first().is_none_or(|&x| x < b)),
                    list.partition_point(|a| a.letters.first().is_none_or(|&x| x <= b)),
                ),
                None => (empty_end, empty_end),
            };
            (empty_end, lo, hi)
        }
    };
    Matching {
        list,
        rest,
        next: 0,
        empty_end,
        lo,
        hi,
    }
}

/// The iterator of [`matching`]: the empty alternatives (`..empty_end`),
/// then those starting with the next letter (`lo..hi`, never below
/// `empty_end`), each kept when the letters follow. One plain loop over the
/// two ranges: the programme's innermost step, where chained and filtered
/// ranges cost more.
struct Matching<'a> {
    list: &'a [Alt],
    rest: &'a [u8],
    next: usize,
    empty_end: usize,
    lo: usize,
    hi: usize,
}

impl<'a> Iterator for Matching<'a> {
    type Item = (usize, &'a Alt);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            // From the empty alternatives on to those of the next letter.
            if self.next == self.empty_end {
                self.next = self.next.max(self.lo);
            }
            let end = if self.next < self.empty_end {
                self.empty_end
            } else {
                self.hi
            };
            if self.next >= end {
                return None;
            }
            let i = self.next;
            self.next += 1;
            // Empty letters always follow (checked for unsorted lists).
            if let Some(alt) = self.list.get(i)
                && has_prefix(self.rest, alt.letters)
            {
                return Some((i, alt));
            }
        }
    }
}

/// Reusable tables of [`align`]: matchers align thousands of candidates per
/// article, and allocating three tables per call cost more than filling them.
#[derive(Default)]
struct Scratch {
    cost: Vec<f32>,
    back: Vec<Back>,
    token_start: Vec<bool>,
}

/// Tables above this many states are not kept for the next call.
const SCRATCH_KEEP: usize = 1 << 16;

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
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
    with_scratch(|scratch| {
        let (best, best_end) = run_dp::<true>(lattice, letters, params, budget, scratch)?;
        Some(backtrack(lattice, letters, scratch, best, best_end))
    })
}

/// The cost of the cheapest spelling and the number of letters it leaves
/// unmatched at the end: [`align`] without the steps, for callers that only
/// need the score.
pub fn align_cost(
    lattice: &Lattice,
    letters: &Letters,
    params: &Params,
    budget: f32,
) -> Option<(f32, usize)> {
    with_scratch(|scratch| {
        let (best, best_end) = run_dp::<false>(lattice, letters, params, budget, scratch)?;
        Some((best, letters.len() - best_end))
    })
}

fn with_scratch<T>(f: impl FnOnce(&mut Scratch) -> T) -> T {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            let result = f(&mut scratch);
            if scratch.cost.capacity() > SCRATCH_KEEP {
                *scratch = Scratch::default();
            }
            result
        }
        // Not reentrant in practice; a fresh table keeps it correct anyway.
        Err(_) => f(&mut Scratch::default()),
    })
}

/// The dynamic programme: fills `scratch.cost` (and `scratch.back` when
/// `BACK`), returns the best cost and where the matched letters end.
fn run_dp<const BACK: bool>(
    lattice: &Lattice,
    letters: &Letters,
    params: &Params,
    budget: f32,
    scratch: &mut Scratch,
) -> Option<(f32, usize)> {
    let n = lattice.syllables.len();
    let m = letters.len();
    if n == 0 || m == 0 {
        return None;
    }
    let bytes = &letters.bytes[..];
    let derived = lattice.derived();
    // Leave a margin for rounding: only skip what is clearly out of reach.
    if lower_bound(&derived, bytes, params) > budget + 1e-3 {
        return None;
    }
    let token_start = &mut scratch.token_start;
    token_start.clear();
    token_start.resize(m + 1, false);
    for &start in &letters.token_starts {
        if let Some(flag) = token_start.get_mut(start) {
            *flag = true;
        }
    }
    let width = m + 1;
    let state = |k: usize, p: usize| k * width + p;
    let cost = &mut scratch.cost;
    cost.clear();
    cost.resize((n + 1) * width, f32::INFINITY);
    let back = &mut scratch.back;
    if BACK {
        back.clear();
        back.resize((n + 1) * width, Back::None);
    }
    cost[0] = 0.0;
    // The last row holding a state within budget: rows below it are reached
    // only from it or above, so once `k` passes it nothing more can be.
    let mut reached = 0usize;
    let index = &derived.index;

    for k in 0..=n {
        if k > reached {
            break;
        }
        // By reference: the three indices are ~330 bytes.
        let row_index = index.get(k);
        let list_index = |list: usize| row_index.and_then(|row| row[list].as_ref());
        let (ini_ix, vow_ix, fin_ix) = (list_index(0), list_index(1), list_index(2));
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
                    if BACK {
                        back[target] = Back::Insert;
                    }
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
            // Costs only add up, so a partial spelling over budget ends
            // there (the margin covers the different order of the sums).
            let over = |partial: f32| partial > budget + 1e-3;
            for (ii, initial) in matching(&slots.initial, ini_ix, bytes, p) {
                if over(here + join_penalty + initial.cost) {
                    continue;
                }
                let p1 = p + initial.letters.len();
                for (vi, vowel) in matching(&slots.vowel, vow_ix, bytes, p1) {
                    if over(here + join_penalty + initial.cost + vowel.cost) {
                        continue;
                    }
                    let p2 = p1 + vowel.letters.len();
                    for (fi, fin) in matching(&slots.final_, fin_ix, bytes, p2) {
                        let p3 = p2 + fin.letters.len();
                        let crossing = p3 > p + 1 && token_start[p + 1..p3].contains(&true);
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
                            if BACK {
                                back[target] = Back::Syllable {
                                    from: p as u32,
                                    alts: [ii as u16, vi as u16, fi as u16],
                                };
                            }
                            if next <= budget {
                                reached = reached.max(k + 1);
                            }
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
                        if BACK {
                            back[target] = Back::Shortcut {
                                from_state: state(k, p) as u32,
                                index: si as u16,
                                alt: ai as u16,
                            };
                        }
                        if next <= budget {
                            reached = reached.max(shortcut.to);
                        }
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
            // Unreached ends need no tail cost (most of them, for a
            // candidate that is not the word).
            let reached = cost[state(n, p)];
            if !reached.is_finite() {
                continue;
            }
            let total = reached + tail_cost(bytes, p);
            if total < best {
                best = total;
                best_end = p;
            }
        }
    }
    if !best.is_finite() || best > budget {
        return None;
    }
    Some((best, best_end))
}

/// The steps of the best alignment, from the back pointers of [`run_dp`].
fn backtrack(
    lattice: &Lattice,
    letters: &Letters,
    scratch: &Scratch,
    best: f32,
    best_end: usize,
) -> Alignment {
    let n = lattice.syllables.len();
    let m = letters.len();
    let width = m + 1;
    let state = |k: usize, p: usize| k * width + p;
    let back = &scratch.back;
    let mut steps = Vec::new();
    let (mut k, mut p) = (n, best_end);
    let mut guard = (n + 1) * width + 1;
    while (k, p) != (0, 0) && guard > 0 {
        guard -= 1;
        match back.get(state(k, p)).copied().unwrap_or(Back::None) {
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
    Alignment {
        cost: best,
        steps,
        tail: m - best_end,
    }
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
    fn matching_finds_the_alternatives_that_follow() {
        let mut sorted = vec![
            alt("k", 0.0),
            alt("", 0.5),
            alt("g", 0.1),
            alt("kk", 0.2),
            alt("ng", 0.3),
            alt("", 0.6),
            alt("gh", 0.4),
        ];
        sort_alts(&mut sorted);
        // Letters other than a-z: no index, searched in the list.
        let mut unindexed = vec![alt("g", 0.0), alt("", 0.5), alt("9", 0.1), alt("-g", 0.2)];
        sort_alts(&mut unindexed);
        assert!(list_index(&unindexed).is_none());
        let bytes = b"kkang-gh9";
        for list in [&sorted, &unindexed] {
            let index = list_index(list);
            for p in 0..=bytes.len() + 1 {
                let found: Vec<usize> = matching(list, index.as_ref(), bytes, p)
                    .map(|(i, _)| i)
                    .collect();
                let expected: Vec<usize> = (0..list.len())
                    .filter(|&i| {
                        bytes
                            .get(p..)
                            .is_some_and(|rest| has_prefix(rest, list[i].letters))
                    })
                    .collect();
                assert_eq!(found, expected, "position {p}");
            }
        }
    }

    #[test]
    fn finds_cheapest_spelling_with_typos() {
        let lattice = Lattice {
            syllables: vec![ga(), ga()],
            shortcuts: vec![],
            ..Lattice::default()
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
