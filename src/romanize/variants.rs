//! Do two English spellings spell the same Korean name? ("KIM Kyung Hyub",
//! "KIM GYEONGHYEOB" and "KIM KYUNGHYUP" are one person.)
//!
//! Without the Hangul, each spelling is parsed into every sequence of Korean
//! syllables it could spell (`spelling_variants.tsv` read backwards: "kyung"
//! can be 경 or 균 or 큥 ...). Two spellings match when some syllable sequence
//! is cheap for both: a joint dynamic program over both strings that advances
//! only on syllables both could spell. Surnames are compared through the
//! surname table (Lee = Rhee = Yi = 이), and the surname may come first or last
//! in either string. The romanization-aware key ([`super::key`]) blocks pairs
//! that cannot match before the dynamic program runs.

use std::sync::LazyLock;

use super::hangul::{Syllable, final_ as f};
use super::key::key_similarity;
use super::latin::Letters;
use super::lattice::{Lattice, Params, align, has_prefix};
use super::matching::{MATCH_THRESHOLD, MatchKind, NameMatch};
use super::slots::{context_holds, korean_syllable_slots};
use super::tables::{Context, SPELLING_VARIANTS, SURNAMES};

/// Pairs whose keys are less similar than this are rejected without parsing.
const KEY_BLOCK: f64 = 0.3;
/// Cost of a letter that one spelling has and the other does not explain.
const INSERT_COST: f32 = 1.0;
/// Score = 1 - cost / (SCALE_PER_SYLLABLE × syllables + SCALE_BASE): the cost
/// two spellings may differ by grows with the length of the name.
const SCALE_PER_SYLLABLE: f32 = 0.7;
const SCALE_BASE: f32 = 0.3;

/// Number of vowel-letter groups (an upper bound on syllables, plus y-glides).
fn vowel_groups(letters: &Letters) -> usize {
    let mut groups = 0;
    let mut in_vowel = false;
    for &b in &letters.bytes {
        let vowel = matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w');
        if vowel && !in_vowel {
            groups += 1;
        }
        in_vowel = vowel;
    }
    groups
}

/// One spelling of one jamo, indexed for parsing.
struct Entry {
    letters: &'static [u8],
    jamo: u8,
    cost: f32,
    context: Context,
}

/// All jamo spellings by position, for parsing Latin letters into syllables.
struct ParseTables {
    initials: Vec<Entry>,
    vowels: Vec<Entry>,
    finals: Vec<Entry>,
}

static PARSE_TABLES: LazyLock<ParseTables> = LazyLock::new(|| {
    let table = &*SPELLING_VARIANTS;
    let build = |lists: &'static [Vec<super::tables::Variant>]| {
        let mut entries = Vec::new();
        for (jamo, list) in lists.iter().enumerate() {
            for variant in list {
                entries.push(Entry {
                    letters: variant.spelling.as_bytes(),
                    jamo: jamo as u8,
                    cost: variant.cost,
                    context: variant.context,
                });
            }
        }
        entries
    };
    let sorted = |mut entries: Vec<Entry>| {
        entries.sort_by_key(|e| e.letters.first().copied());
        entries
    };
    ParseTables {
        initials: sorted(build(&table.initials)),
        vowels: sorted(build(&table.vowels)),
        finals: sorted(build(&table.finals)),
    }
});

/// Entries of a list sorted by first letter that can start at `p`: those with
/// no letters, then those whose first letter is `bytes[p]`.
fn starting_at<'a>(
    list: &'a [Entry],
    bytes: &'a [u8],
    p: usize,
) -> impl Iterator<Item = &'a Entry> {
    let empty_end = list.partition_point(|e| e.letters.is_empty());
    let (lo, hi) = match bytes.get(p) {
        Some(&b) => (
            list.partition_point(|e| e.letters.first().is_none_or(|&x| x < b)),
            list.partition_point(|e| e.letters.first().is_none_or(|&x| x <= b)),
        ),
        None => (empty_end, empty_end),
    };
    list[..empty_end]
        .iter()
        .chain(list[lo..hi].iter())
        .filter(move |e| {
            bytes
                .get(p..)
                .is_some_and(|rest| has_prefix(rest, e.letters))
        })
}

/// A syllable a spelling could contain: letters `start..end`, jamo key, cost.
#[derive(Clone, Copy)]
struct Parse {
    end: u16,
    key: [u8; 3],
    cost: f32,
}

/// For every letter position, the syllables that could start there.
fn parse_syllables(letters: &Letters) -> Vec<Vec<Parse>> {
    let tables = &*PARSE_TABLES;
    let bytes = &letters.bytes[..];
    let m = bytes.len();
    let token = letters.token_index();
    let mut result: Vec<Vec<Parse>> = vec![Vec::new(); m + 1];
    for (start, slot) in result.iter_mut().enumerate().take(m) {
        let token_start = letters.token_starts.contains(&start);
        for ini in starting_at(&tables.initials, bytes, start) {
            let p1 = start + ini.letters.len();
            for vow in starting_at(&tables.vowels, bytes, p1) {
                if vow.letters.is_empty() {
                    continue;
                }
                let p2 = p1 + vow.letters.len();
                let open = Syllable {
                    initial: ini.jamo,
                    vowel: vow.jamo,
                    final_: f::NONE,
                };
                if !context_holds(ini.context, open, token_start)
                    || !context_holds(vow.context, open, token_start)
                {
                    continue;
                }
                let within = |end: usize| token[start] == token[end - 1];
                if within(p2) {
                    push_parse(slot, p2, [ini.jamo, vow.jamo, f::NONE], ini.cost + vow.cost);
                }
                for fin in starting_at(&tables.finals, bytes, p2) {
                    if fin.letters.is_empty() {
                        continue;
                    }
                    let p3 = p2 + fin.letters.len();
                    if within(p3) {
                        push_parse(
                            slot,
                            p3,
                            [ini.jamo, vow.jamo, fin.jamo],
                            ini.cost + vow.cost + fin.cost,
                        );
                    }
                }
            }
        }
        // Sorted by key for the merge join; only the cheapest parse per (key, end).
        slot.sort_by(|a, b| {
            a.key
                .cmp(&b.key)
                .then(a.end.cmp(&b.end))
                .then(a.cost.total_cmp(&b.cost))
        });
        slot.dedup_by(|later, kept| later.key == kept.key && later.end == kept.end);
    }
    result
}

fn push_parse(slot: &mut Vec<Parse>, end: usize, key: [u8; 3], cost: f32) {
    slot.push(Parse {
        end: end as u16,
        key,
        cost,
    });
}

/// Cheapest syllable sequence both spellings could spell: (cost, syllables).
fn joint_cost(a: &Letters, b: &Letters) -> Option<(f32, usize)> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    joint_cost_parsed(
        a,
        &parse_syllables(a),
        b,
        &parse_syllables(b),
        f32::INFINITY,
    )
}

/// [`joint_cost`] on parsed spellings, skipping states that cost more than `budget`.
fn joint_cost_parsed(
    a: &Letters,
    parses_a: &[Vec<Parse>],
    b: &Letters,
    parses_b: &[Vec<Parse>],
    budget: f32,
) -> Option<(f32, usize)> {
    let (la, lb) = (a.len(), b.len());
    if la == 0 || lb == 0 {
        return None;
    }
    let width = lb + 1;
    let mut cost = vec![f32::INFINITY; (la + 1) * width];
    let mut count = vec![0u16; (la + 1) * width];
    cost[0] = 0.0;
    for pa in 0..=la {
        for pb in 0..=lb {
            let here = cost[pa * width + pb];
            if !here.is_finite() || here > budget {
                continue;
            }
            let n = count[pa * width + pb];
            let mut relax = |ta: usize, tb: usize, step: f32, syllable: u16| {
                let index = ta * width + tb;
                if here + step < cost[index] {
                    cost[index] = here + step;
                    count[index] = n + syllable;
                }
            };
            if pa < la {
                relax(pa + 1, pb, INSERT_COST, 0);
            }
            if pb < lb {
                relax(pa, pb + 1, INSERT_COST, 0);
            }
            if pa == la || pb == lb {
                continue;
            }
            // Merge-join the parses at pa and pb on their syllable key.
            let (list_a, list_b) = (&parses_a[pa], &parses_b[pb]);
            let mut j0 = 0;
            for x in list_a {
                while j0 < list_b.len() && list_b[j0].key < x.key {
                    j0 += 1;
                }
                let mut j = j0;
                while j < list_b.len() && list_b[j].key == x.key {
                    let y = list_b[j];
                    relax(x.end as usize, y.end as usize, x.cost + y.cost, 1);
                    j += 1;
                }
            }
        }
    }
    let index = la * width + lb;
    (cost[index] <= budget).then(|| (cost[index], count[index] as usize))
}

const SURNAME_PARAMS: Params = Params {
    insert_cost: |_, _| INSERT_COST,
    part_join_penalty: 0.0,
    token_crossing: None,
    tail_cost: None,
};

/// Cost of one surname token spelling surname `index` of the table.
fn surname_spelling_cost(token: &[u8], index: usize) -> Option<f32> {
    let entry = SURNAMES.entries.get(index)?;
    if let Some(rank) = entry.spellings.iter().position(|s| s.as_bytes() == token) {
        return Some((rank as f32 * 0.05).min(0.3));
    }
    let mut lattice = Lattice::default();
    for (position, s) in entry.syllables.iter().enumerate() {
        let isolated = Syllable {
            final_: super::pronounce::neutralize(s.final_),
            ..*s
        };
        lattice
            .syllables
            .push(korean_syllable_slots(isolated, position == 0, true));
    }
    align(
        &lattice,
        &Letters::from_tokens([token]),
        &SURNAME_PARAMS,
        3.0,
    )
    .map(|a| a.cost)
}

/// Cheapest cost of two surname tokens being one surname.
fn surname_cost(a: &[u8], b: &[u8]) -> f32 {
    if a == b {
        return 0.0;
    }
    let lower = |t: &[u8]| String::from_utf8_lossy(t).into_owned();
    let mut candidates: Vec<usize> = Vec::new();
    for token in [a, b] {
        if let Some(list) = SURNAMES.by_spelling.get(&lower(token)) {
            candidates.extend(list);
        }
    }
    let mut best = f32::INFINITY;
    for index in candidates {
        if let (Some(x), Some(y)) = (
            surname_spelling_cost(a, index),
            surname_spelling_cost(b, index),
        ) {
            best = best.min(x + y);
        }
    }
    if best.is_finite() {
        return best;
    }
    let (x, y) = (Letters::from_tokens([a]), Letters::from_tokens([b]));
    joint_cost(&x, &y).map_or(f32::INFINITY, |(cost, _)| cost)
}

/// Cost of reading a spelling with its surname at the other end than the other
/// spelling, or with a surname token that is not a known surname spelling.
const ORDER_PENALTY: f32 = 0.4;
const UNKNOWN_SURNAME_PENALTY: f32 = 0.3;
/// Cost of taking a lowercase token as the surname when the text writes
/// exactly one token in capitals (official style: "KANG Gi Jung").
const UNMARKED_SURNAME_PENALTY: f32 = 0.3;

/// A reading of a spelling as surname token + given-name letters, with a
/// penalty for unlikely readings.
struct Orientation<'a> {
    surname: Option<&'a [u8]>,
    given: Letters,
    parses: Vec<Vec<Parse>>,
    surname_last: bool,
    penalty: f32,
}

/// The ways to read a spelling: surname first or last. A text that writes one
/// token in capitals ("KANG Gi Jung") probably marks the surname with it, but
/// not always (the Assembly published "BYUNG Doo Min" for 민병두), so the cue
/// only adds a penalty.
fn orientations<'a>(text: &str, letters: &'a Letters) -> Vec<Orientation<'a>> {
    let tokens: Vec<&[u8]> = letters.tokens().collect();
    if tokens.len() < 2 {
        return vec![Orientation {
            surname: None,
            parses: parse_syllables(letters),
            given: letters.clone(),
            surname_last: false,
            penalty: 0.0,
        }];
    }
    let capitals: Vec<bool> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().all(|c| !c.is_lowercase()))
        .collect();
    let marked = capitals.len() == tokens.len() && capitals.iter().filter(|&&c| c).count() == 1;
    let known = |t: &[u8]| {
        SURNAMES
            .by_spelling
            .contains_key(&String::from_utf8_lossy(t).into_owned())
    };
    let last_index = tokens.len() - 1;
    let mut result = Vec::new();
    for surname_last in [false, true] {
        let (surname, given) = if surname_last {
            (tokens[last_index], &tokens[..last_index])
        } else {
            (tokens[0], &tokens[1..])
        };
        let surname_index = if surname_last { last_index } else { 0 };
        let mut penalty = 0.0;
        if marked && !capitals[surname_index] {
            penalty += UNMARKED_SURNAME_PENALTY;
        }
        if !known(surname) {
            penalty += UNKNOWN_SURNAME_PENALTY;
        }
        let given = Letters::from_tokens(given.iter().copied());
        result.push(Orientation {
            surname: Some(surname),
            parses: parse_syllables(&given),
            given,
            surname_last,
            penalty,
        });
    }
    result
}

/// Scores whether two English spellings spell the same Korean name (variant
/// detection: "Kang Gi-jung" and "Kang Gijeong"). Same scale as
/// [`super::match_hangul_english`]: see [`NameMatch::is_match`].
pub fn same_korean_name(a: &str, b: &str) -> NameMatch {
    let (letters_a, letters_b) = (Letters::new(a), Letters::new(b));
    let none = |reason: std::borrow::Cow<'static, str>| NameMatch {
        score: 0.0,
        kind: MatchKind::NoMatch,
        reason,
    };
    if letters_a.is_empty() || letters_b.is_empty() {
        return none("no Latin letters to compare".into());
    }
    if letters_a.len() > super::foreign::MAX_LETTERS
        || letters_b.len() > super::foreign::MAX_LETTERS
    {
        return none("too long for a name".into());
    }
    if letters_a == letters_b {
        return NameMatch {
            score: 1.0,
            kind: MatchKind::Standard,
            reason: "same letters".into(),
        };
    }
    let key = key_similarity(a, b);
    if key < KEY_BLOCK {
        return none(format!("romanization keys too different ({key:.2})").into());
    }
    let mut best: Option<(f32, usize, bool)> = None;
    // Syllables of a name are at most its vowel groups; a cost above the
    // zero-score cost for that many syllables can be abandoned.
    let max_syllables = vowel_groups(&letters_a)
        .max(vowel_groups(&letters_b))
        .max(1);
    let budget = SCALE_PER_SYLLABLE * max_syllables as f32 + SCALE_BASE;
    let readings_b = orientations(b, &letters_b);
    for x in orientations(a, &letters_a) {
        for y in &readings_b {
            let (surname, surname_syllables) = match (x.surname, y.surname) {
                (Some(s), Some(t)) => (surname_cost(s, t), 1),
                (None, None) => (0.0, 0),
                _ => continue,
            };
            if !surname.is_finite() {
                continue;
            }
            let fixed = surname + x.penalty + y.penalty;
            let limit = best.map_or(budget, |(cost, _, _)| cost.min(budget)) - fixed;
            let Some((given, syllables)) =
                joint_cost_parsed(&x.given, &x.parses, &y.given, &y.parses, limit)
            else {
                continue;
            };
            let same_order = x.surname_last == y.surname_last;
            let order = if same_order { 0.0 } else { ORDER_PENALTY };
            let total = surname + given + order + x.penalty + y.penalty;
            if best.is_none_or(|(cost, _, _)| total < cost) {
                best = Some((total, syllables + surname_syllables, same_order));
            }
        }
    }
    let Some((cost, syllables, same_order)) = best else {
        return none("no common syllable reading".into());
    };
    let scale = SCALE_PER_SYLLABLE * syllables.max(1) as f32 + SCALE_BASE;
    let score = (1.0 - cost / scale).clamp(0.0, 1.0) as f64;
    let kind = if score < MATCH_THRESHOLD {
        MatchKind::NoMatch
    } else if cost <= 0.001 {
        MatchKind::Standard
    } else if cost >= INSERT_COST {
        MatchKind::Typo
    } else {
        MatchKind::Variant
    };
    let order = if same_order {
        ""
    } else {
        ", name order differs"
    };
    NameMatch {
        score,
        kind,
        reason: format!(
            "{syllables} syllables read alike (cost {cost:.2}, key similarity {key:.2}{order})"
        )
        .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_person_match() {
        for (a, b) in [
            ("KIM Kyung Hyub", "KIM GYEONGHYEOB"),
            ("KIM Kyung Hyub", "KIM KYUNGHYUP"),
            ("KYUNG Dae Soo", "KYEONG DAESOO"),
            ("IN-SOOK PARK", "PARK INSOOK"),
            ("Kang Gi-jung", "Kang Gijeong"),
            ("Lee Myung-bak", "Yi Myŏng-bak"),
            ("Kim Chŏng-ŭn", "Kim Jong-un"),
        ] {
            let m = same_korean_name(a, b);
            assert!(m.is_match(), "{a} / {b}: {m:?}");
        }
    }

    #[test]
    fn different_people_do_not() {
        for (a, b) in [
            ("Kim Kyung-soo", "Kim Kyung-hyup"),
            ("Kang Gi-jung", "Kang Gi-jin"),
            ("Park Jie-won", "Park Ji-min"),
            ("Lee Jae-myung", "Yoon Suk-yeol"),
        ] {
            let m = same_korean_name(a, b);
            assert!(!m.is_match(), "{a} / {b}: {m:?}");
        }
    }

    #[test]
    fn parses_only_within_tokens() {
        let parses = parse_syllables(&Letters::new("ga ng"));
        assert!(parses[0].iter().all(|p| p.end <= 2));
        assert!(same_korean_name("", "Kim").score == 0.0);
    }
}
