//! Does an English string spell a Hangul name or word?
//!
//! The Hangul is turned into a [`Lattice`]: every syllable with every spelling
//! its jamo get in real English texts (`spelling_variants.tsv`: ㅓ as eo/u/o,
//! ㄱ as g/k, ...), plus the conventional surname spellings (`surnames.tsv`:
//! 이 Lee/Rhee, 박 Park). The cheapest alignment of the English letters to that
//! lattice is the evidence: its cost grows with every unusual spelling and
//! every unexplained letter, and the score is that cost relative to the name's
//! length. A name that differs in a syllable (강기정 vs "Kang Gi-jin") needs a
//! vowel replaced, which costs more than any spelling habit, so different
//! people stay different.
//!
//! Several readings are tried and the best wins: surname first or last
//! ("IN-SOOK PARK"), the pronounced form for words (신라 Silla) and the written
//! form (Sinra), a place name with or without its unit (종로구 Jongno).
//! Hangul that is not a Korean name (항저우, 트럼프) is also tried with the
//! foreign-word matcher of [`super::foreign`].

use std::borrow::Cow;
use std::sync::{Arc, LazyLock, Mutex};

use rustc_hash::FxHashMap;

use super::foreign::{ForeignMatcher, MAX_LETTERS, MAX_SYLLABLES};
use super::hangul::{Syllable, compose, has_hangul, syllables};
use super::latin::Letters;
use super::lattice::{Alignment, Alt, Lattice, Params, Shortcut, Step, align, align_cost};
use super::names::{split_name, surname_entry};
use super::pronounce::{neutralize, pronounce};
use super::slots::{CONSONANT_DELETE_COST, VOWEL_DELETE_COST, korean_syllable_slots};
use super::tables::ADMIN;

/// Scores at or above this are treated as "the English spells the Hangul".
pub const MATCH_THRESHOLD: f64 = 0.5;

/// Score the foreign-word reading must reach to override the Korean reading
/// of Hangul that looks like a Korean name (이방카 Ivanka), so that a Korean
/// name never matches a foreign-looking spelling by accident.
const STRONG_FOREIGN: f64 = 0.85;

/// What kind of evidence a match is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    /// Spelled with RR or MR letters or a conventional surname spelling.
    Standard,
    /// Spelled with the usual spelling habits (Gi-jung for 기정).
    Variant,
    /// Needed letters that no spelling explains (published typos: KIM MIMKI).
    Typo,
    /// A foreign name or loanword transcribed into Hangul (항저우 Hangzhou).
    Foreign,
    /// Not a spelling of the Hangul.
    NoMatch,
}

/// The result of comparing a Hangul name or word with an English spelling.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NameMatch {
    /// 0 (unrelated) to 1 (standard spelling).
    pub score: f64,
    /// What kind of evidence the match is (standard, variant, typo, foreign).
    pub kind: MatchKind,
    /// What the matcher saw, for people reviewing a link (a fixed text
    /// where it can be: most comparisons are non-matches nobody reads).
    pub reason: Cow<'static, str>,
}

impl NameMatch {
    /// True when the score reaches [`MATCH_THRESHOLD`].
    pub fn is_match(&self) -> bool {
        self.kind != MatchKind::NoMatch && self.score >= MATCH_THRESHOLD
    }

    fn none(reason: impl Into<Cow<'static, str>>) -> NameMatch {
        NameMatch {
            score: 0.0,
            kind: MatchKind::NoMatch,
            reason: reason.into(),
        }
    }
}

/// One way of reading the Hangul (name order, pronounced or written form).
struct Reading {
    lattice: Lattice,
    extra_cost: f32,
    label: &'static str,
    /// Surname Hangul for shortcut reasons.
    surname: Option<&'static str>,
}

/// A Hangul name or word prepared for matching against many English strings.
/// Build it once per Korean entity; [`HangulMatcher::match_english`] is then
/// a few microseconds per candidate.
pub struct HangulMatcher {
    prepared: Arc<Prepared>,
    /// Results of [`Self::match_english`] by English text: a document asks
    /// about the same names and words again and again.
    memo: Mutex<FxHashMap<String, NameMatch>>,
    /// Results of [`Self::find_match`] by English text.
    found: Mutex<FxHashMap<String, Option<NameMatch>>>,
}

/// What a matcher prepares from its Hangul: the same for every matcher of
/// the text, so prepared once per process (see [`prepared`]).
struct Prepared {
    readings: Vec<Reading>,
    /// Bit per letter a–z that can start one of the readings.
    first_letters: u32,
    foreign: Option<ForeignMatcher>,
    /// Foreign matching only counts when it is very sure (Korean-looking names).
    foreign_needs_strong: bool,
    syllable_count: usize,
}

/// Hangul texts whose preparation is kept for the next matcher: a corpus
/// names the same people and places again and again (the 82 NTREX articles
/// make 9,080 matchers of 1,531 texts), and preparing one costs ~40,000
/// instructions. About 11 KB each (the table, when full, ~23 MB); it starts
/// over when full.
const PREPARED_LIMIT: usize = 2048;

static PREPARED: LazyLock<Mutex<FxHashMap<String, Arc<Prepared>>>> = LazyLock::new(Mutex::default);

/// The preparation of `hangul`, from the table or made and filed there.
fn prepared(hangul: &str) -> Arc<Prepared> {
    if let Ok(table) = PREPARED.lock()
        && let Some(known) = table.get(hangul)
    {
        return Arc::clone(known);
    }
    let made = Arc::new(Prepared::new(hangul));
    if let Ok(mut table) = PREPARED.lock() {
        if table.len() >= PREPARED_LIMIT {
            table.clear();
        }
        table.insert(hangul.to_string(), Arc::clone(&made));
    }
    made
}

/// Most results one matcher remembers.
const MEMO_LIMIT: usize = 4096;

const KOREAN_PARAMS: Params = Params {
    insert_cost: korean_insert_cost,
    part_join_penalty: 0.35,
    token_crossing: None,
    tail_cost: None,
};

/// Unexplained letters: a doubled letter, an h (Ihn, Jhun) or a silent e at
/// the end (June) is a common habit, anything else a typo.
fn korean_insert_cost(letters: &[u8], position: usize) -> f32 {
    let letter = letters.get(position).copied().unwrap_or(b' ');
    if position > 0 && letters.get(position - 1) == Some(&letter) {
        0.4
    } else if letter == b'h' {
        0.5
    } else if letter == b'e' && position + 1 == letters.len() {
        0.4
    } else {
        1.0
    }
}

impl HangulMatcher {
    /// A matcher for `hangul` (a name such as 강기정, a place such as 종로구,
    /// or a foreign word such as 항저우).
    pub fn new(hangul: &str) -> HangulMatcher {
        HangulMatcher {
            prepared: prepared(hangul),
            memo: Mutex::new(FxHashMap::default()),
            found: Mutex::new(FxHashMap::default()),
        }
    }
}

impl Prepared {
    /// The readings of `hangul`: Korean ones (name order, pronounced and
    /// written forms) and the foreign-word one.
    fn new(hangul: &str) -> Prepared {
        let text = compose(hangul);
        let mut readings = Vec::new();
        let name = split_name(&text);
        if let Some(parts) = &name {
            let surname = syllables(&parts.surname);
            let given = syllables(&parts.given);
            let entry = surname_entry(&parts.surname);
            let surname_key: Option<&'static str> = entry.map(|e| e.hangul.as_str());
            for surname_first in [true, false] {
                let mut lattice = Lattice::default();
                let (first, second) = if surname_first {
                    (&surname, &given)
                } else {
                    (&given, &surname)
                };
                push_isolated(&mut lattice, first);
                push_isolated(&mut lattice, second);
                if let Some(entry) = entry {
                    let from = if surname_first { 0 } else { given.len() };
                    lattice.shortcuts.push(Shortcut {
                        from,
                        to: from + surname.len(),
                        alts: entry
                            .spellings
                            .iter()
                            .enumerate()
                            .map(|(rank, s)| Alt {
                                letters: s.as_bytes(),
                                cost: (rank as f32 * 0.05).min(0.3),
                            })
                            .collect(),
                    });
                }
                readings.push(Reading {
                    lattice,
                    extra_cost: if surname_first { 0.0 } else { 0.1 },
                    label: if surname_first {
                        "name, surname first"
                    } else {
                        "name, given name first"
                    },
                    surname: surname_key,
                });
            }
        }
        let mut words: Vec<Vec<Syllable>> = text
            .split_whitespace()
            .map(syllables)
            .filter(|w| !w.is_empty())
            .collect();
        if words.iter().map(Vec::len).sum::<usize>() > MAX_SYLLABLES {
            readings.clear();
            words.clear();
        }
        if !words.is_empty() {
            let word_cost = if name.is_some() { 0.2 } else { 0.0 };
            readings.push(word_reading(&words, true, word_cost, "word, as pronounced"));
            readings.push(word_reading(
                &words,
                false,
                word_cost + 0.15,
                "word, as written",
            ));
            if let Some(without_unit) = without_admin_unit(&words) {
                readings.push(word_reading(
                    &without_unit,
                    true,
                    word_cost + 0.1,
                    "place name without its unit",
                ));
            }
        }
        let first_letters = readings
            .iter()
            .fold(0u32, |mask, r| mask | first_letter_mask(&r.lattice));
        let syllable_count = words.iter().map(Vec::len).sum();
        let looks_foreign = !words.is_empty() && (name.is_none() || has_epenthetic_vowel(&words));
        let foreign = (!words.is_empty()).then(|| ForeignMatcher::new(&text));
        Prepared {
            readings,
            first_letters,
            foreign,
            foreign_needs_strong: !looks_foreign,
            syllable_count,
        }
    }
}

impl HangulMatcher {
    /// Scores `english` as a spelling of the prepared Hangul.
    pub fn match_english(&self, english: &str) -> NameMatch {
        if let Ok(memo) = self.memo.lock()
            && let Some(found) = memo.get(english)
        {
            return found.clone();
        }
        let found = self.compute_match(english);
        if let Ok(mut memo) = self.memo.lock()
            && memo.len() < MEMO_LIMIT
        {
            memo.insert(english.to_string(), found.clone());
        }
        found
    }

    fn compute_match(&self, english: &str) -> NameMatch {
        if let Some(found) = self
            .prepared
            .foreign
            .as_ref()
            .and_then(|f| f.match_acronym(english))
        {
            return found;
        }
        let letters = Letters::new(english);
        self.match_letters(&letters)
    }

    /// `match_english(english)` when it is a match ([`NameMatch::is_match`]),
    /// `None` otherwise; the same result, several times faster for callers
    /// that only act on matches (the aligner, the entity linker): alignments
    /// stop as soon as they cannot reach [`MATCH_THRESHOLD`] and no reason is
    /// written for a non-match.
    pub fn find_match(&self, english: &str) -> Option<NameMatch> {
        if let Ok(memo) = self.memo.lock()
            && let Some(known) = memo.get(english)
        {
            return known.is_match().then(|| known.clone());
        }
        if let Ok(found) = self.found.lock()
            && let Some(known) = found.get(english)
        {
            return known.clone();
        }
        let result = self.find_match_in(english, &Letters::new(english));
        if let Ok(mut found) = self.found.lock()
            && found.len() < MEMO_LIMIT
        {
            found.insert(english.to_string(), result.clone());
        }
        result
    }

    /// [`Self::find_match`] with the letters of `english` already folded.
    pub(crate) fn find_match_in(&self, english: &str, letters: &Letters) -> Option<NameMatch> {
        if let Some(found) = self
            .prepared
            .foreign
            .as_ref()
            .and_then(|f| f.match_acronym(english))
        {
            return found.is_match().then_some(found);
        }
        if self.prepared.readings.is_empty() || letters.is_empty() || letters.len() > MAX_LETTERS {
            return None;
        }
        // A match needs cost <= (1 - threshold) * scale; the margin keeps
        // every alignment whose rounded score could still reach it, and the
        // exact score decides below.
        let korean = self.match_korean_within(letters, 1.0 - MATCH_THRESHOLD as f32 + 1e-3);
        if korean.kind == MatchKind::Standard {
            return Some(korean);
        }
        // Korean scores below the threshold (known or cut off) leave the
        // foreign reading's bar where match_letters puts it.
        let outcome = match &self.prepared.foreign {
            Some(foreign) => self.with_foreign(foreign, letters, korean),
            None => korean,
        };
        outcome.is_match().then_some(outcome)
    }

    pub(crate) fn match_letters(&self, letters: &Letters) -> NameMatch {
        if self.prepared.readings.is_empty() {
            return NameMatch::none("no Hangul to match");
        }
        if letters.is_empty() {
            return NameMatch::none("no Latin letters to match");
        }
        if letters.len() > MAX_LETTERS {
            return NameMatch::none("too long for a name or word");
        }
        let korean = self.match_korean(letters);
        if korean.kind == MatchKind::Standard {
            return korean;
        }
        let Some(foreign) = &self.prepared.foreign else {
            return korean;
        };
        self.with_foreign(foreign, letters, korean)
    }

    /// The foreign-word reading when it beats the Korean one.
    fn with_foreign(
        &self,
        foreign: &ForeignMatcher,
        letters: &Letters,
        korean: NameMatch,
    ) -> NameMatch {
        let needed = if self.prepared.foreign_needs_strong {
            STRONG_FOREIGN
        } else {
            MATCH_THRESHOLD
        }
        .max(korean.score);
        let foreign_match = foreign.match_letters_above(letters, needed);
        if foreign_match.score >= needed
            && foreign_match.score > korean.score
            && foreign_match.is_match()
        {
            foreign_match
        } else {
            korean
        }
    }

    fn match_korean(&self, letters: &Letters) -> NameMatch {
        self.match_korean_within(letters, 1.0)
    }

    /// The best Korean reading, searching only alignments that cost at most
    /// `max_loss` times the name's scale (1.0: every score above 0). A
    /// reading cut off this way scores 0, which is below any threshold the
    /// callers use with a smaller `max_loss`.
    fn match_korean_within(&self, letters: &Letters, max_loss: f32) -> NameMatch {
        let first = letters.bytes.first().copied().unwrap_or(b' ');
        if !first.is_ascii_lowercase() || self.prepared.first_letters & (1 << (first - b'a')) == 0 {
            return NameMatch::none("no romanization of the Hangul starts with the first letter");
        }
        let syllables = self.prepared.syllable_count.max(1) as f32;
        let scale = 0.6 * syllables + 0.4;
        // Costs above this give a score of 0 (or below the caller's bar): no
        // need to finish those alignments.
        let mut budget = if max_loss >= 1.0 {
            scale
        } else {
            scale * max_loss
        };
        // Costs first (most candidates match no reading), steps for the best.
        let mut best: Option<(f32, &Reading)> = None;
        for reading in &self.prepared.readings {
            let Some((cost, _)) = align_cost(
                &reading.lattice,
                letters,
                &KOREAN_PARAMS,
                budget - reading.extra_cost,
            ) else {
                continue;
            };
            let total = cost + reading.extra_cost;
            if best.as_ref().is_none_or(|(cost, _)| total < *cost) {
                budget = budget.min(total);
                best = Some((total, reading));
            }
        }
        let Some((cost, reading, alignment)) = best.and_then(|(cost, reading)| {
            // The same programme again, now keeping its steps: the best path
            // is the same whatever budget lets it through.
            align(
                &reading.lattice,
                letters,
                &KOREAN_PARAMS,
                cost - reading.extra_cost + 1e-3,
            )
            .map(|alignment| (cost, reading, alignment))
        }) else {
            return NameMatch::none("no spelling of the Hangul comes close to the letters");
        };
        let score = (1.0 - cost / scale).clamp(0.0, 1.0) as f64;
        let (kind, notes) = describe(reading, &alignment, letters);
        let kind = if score < MATCH_THRESHOLD {
            MatchKind::NoMatch
        } else {
            kind
        };
        let reason = if notes.is_empty() {
            format!("{}: standard spelling", reading.label)
        } else {
            format!("{}: {}", reading.label, notes.join("; "))
        };
        NameMatch {
            score,
            kind,
            reason: reason.into(),
        }
    }
}

/// Syllables written as if each stood alone (finals reduced), one name part.
fn push_isolated(lattice: &mut Lattice, part: &[Syllable]) {
    for (index, s) in part.iter().enumerate() {
        let isolated = Syllable {
            final_: neutralize(s.final_),
            ..*s
        };
        lattice
            .syllables
            .push(korean_syllable_slots(isolated, index == 0, true));
    }
}

fn word_reading(
    words: &[Vec<Syllable>],
    pronounced: bool,
    extra_cost: f32,
    label: &'static str,
) -> Reading {
    let mut lattice = Lattice::default();
    for word in words {
        let surface = if pronounced {
            pronounce(word)
        } else {
            word.iter()
                .map(|s| Syllable {
                    final_: neutralize(s.final_),
                    ..*s
                })
                .collect()
        };
        for (index, s) in surface.iter().enumerate() {
            lattice
                .syllables
                .push(korean_syllable_slots(*s, index == 0, false));
        }
    }
    Reading {
        lattice,
        extra_cost,
        label,
        surname: None,
    }
}

/// The words without a final administrative unit syllable (종로구 → 종로).
fn without_admin_unit(words: &[Vec<Syllable>]) -> Option<Vec<Vec<Syllable>>> {
    let last = words.last()?;
    let unit = last.last()?.to_char()?;
    if last.len() < 3 || !ADMIN.units.contains_key(&unit) {
        return None;
    }
    let mut result = words.to_vec();
    if let Some(word) = result.last_mut() {
        word.pop();
    }
    Some(result)
}

/// Syllables such as 트 스 크 (consonant + ㅡ, no final) are the epenthetic
/// vowel of foreign words and rare in Korean given names.
fn has_epenthetic_vowel(words: &[Vec<Syllable>]) -> bool {
    use super::hangul::{final_, initial, vowel};
    words.iter().flatten().any(|s| {
        s.vowel == vowel::EU
            && s.final_ == final_::NONE
            && !matches!(s.initial, initial::NONE | initial::N)
    })
}

fn first_letter_mask(lattice: &Lattice) -> u32 {
    let mut mask = 0u32;
    let mut add = |letters: &[u8]| {
        if let Some(&b) = letters.first()
            && b.is_ascii_lowercase()
        {
            mask |= 1 << (b - b'a');
        }
    };
    if let Some(first) = lattice.syllables.first() {
        for initial in &first.initial {
            if initial.letters.is_empty() {
                for vowel in &first.vowel {
                    add(vowel.letters);
                }
            } else {
                add(initial.letters);
            }
        }
    }
    for shortcut in lattice.shortcuts.iter().filter(|s| s.from == 0) {
        for alt in &shortcut.alts {
            add(alt.letters);
        }
    }
    mask
}

/// Kind of evidence and human-readable notes for an alignment.
fn describe(
    reading: &Reading,
    alignment: &Alignment,
    letters: &Letters,
) -> (MatchKind, Vec<String>) {
    let mut notes = Vec::new();
    let mut typo = false;
    for step in &alignment.steps {
        match *step {
            Step::Syllable {
                index,
                start,
                end,
                alts,
            } => {
                let Some(slots) = reading.lattice.syllables.get(index) else {
                    continue;
                };
                let spelled = String::from_utf8_lossy(letters.bytes.get(start..end).unwrap_or(&[]));
                let lists = [&slots.initial, &slots.vowel, &slots.final_];
                for (position, list) in lists.iter().enumerate() {
                    let Some(alt) = list.get(alts[position] as usize) else {
                        continue;
                    };
                    if alt.cost <= 0.0 {
                        continue;
                    }
                    let jamo = slots.jamo[position];
                    let deleted = alt.letters.is_empty()
                        && (alt.cost >= CONSONANT_DELETE_COST || alt.cost >= VOWEL_DELETE_COST);
                    if deleted {
                        typo = true;
                        notes.push(format!("{jamo} of {} not written", slots.syllable));
                    } else {
                        notes.push(format!(
                            "{jamo} as '{}' in {} ('{spelled}')",
                            String::from_utf8_lossy(alt.letters),
                            slots.syllable
                        ));
                    }
                }
            }
            Step::Shortcut { index, alt, .. } => {
                let spelled = reading
                    .lattice
                    .shortcuts
                    .get(index)
                    .and_then(|s| s.alts.get(alt as usize))
                    .map(|a| String::from_utf8_lossy(a.letters).into_owned())
                    .unwrap_or_default();
                notes.push(format!(
                    "surname {} as '{spelled}' (conventional)",
                    reading.surname.unwrap_or("")
                ));
            }
            Step::Insert { position } => {
                typo = true;
                let letter = letters.bytes.get(position).copied().unwrap_or(b'?') as char;
                notes.push(format!("extra letter '{letter}'"));
            }
        }
    }
    let cost = alignment.cost;
    let kind = if typo {
        MatchKind::Typo
    } else if cost <= 0.001 || notes.iter().all(|n| n.ends_with("(conventional)")) && cost <= 0.3 {
        MatchKind::Standard
    } else {
        MatchKind::Variant
    };
    // Conventional surname spellings are standard enough to not list alone.
    if kind == MatchKind::Standard {
        notes.retain(|n| n.ends_with("(conventional)"));
    }
    (kind, notes)
}

/// Scores how well `english` spells `hangul` (a Korean name or word, or a
/// foreign name written in Hangul). Robust to case, hyphens, spaces,
/// apostrophes, diacritics, name order and the usual spelling habits. For
/// many comparisons against the same Hangul, build a [`HangulMatcher`] once.
pub fn match_hangul_english(hangul: &str, english: &str) -> NameMatch {
    if !has_hangul(hangul) {
        return NameMatch::none("no Hangul to match");
    }
    HangulMatcher::new(hangul).match_english(english)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find_match` gives `match_english`'s verdict and result, which lets a
    /// matcher answer one from the other's memo (checked over ~1 million
    /// NTREX name and word pairs while writing it: no disagreement).
    #[test]
    fn find_match_agrees_with_match_english() {
        let names = [
            "강기정",
            "트럼프",
            "미국",
            "워싱턴",
            "민주당",
            "유럽 연합",
            "항저우",
            "서울특별시",
            "김정은",
            "이재명",
            "스페이스X",
            "케이지비",
        ];
        let english = [
            "Kang Gi-jung",
            "Kang Gijeong",
            "Trump",
            "Donald Trump",
            "United States",
            "Washington",
            "Democratic Party",
            "European Union",
            "Hangzhou",
            "Seoul",
            "Kim Jong Un",
            "Lee Jae-myung",
            "Yi",
            "The",
            "President",
            "KGB",
            "SpaceX",
            "Korea",
        ];
        let mut matches = 0;
        for name in names {
            for en in english {
                let full = HangulMatcher::new(name).match_english(en);
                let expected = full.is_match().then_some(full);
                matches += usize::from(expected.is_some());
                assert_eq!(
                    HangulMatcher::new(name).find_match(en),
                    expected,
                    "{name} / {en}"
                );
            }
        }
        assert!(matches >= 8, "{matches}");
    }

    /// Matchers of one text share its preparation and answer alike; each
    /// keeps its own results.
    #[test]
    fn matchers_of_one_text_share_their_preparation() {
        let a = HangulMatcher::new("강기정");
        let b = HangulMatcher::new("강기정");
        assert!(Arc::ptr_eq(&a.prepared, &b.prepared));
        assert!(!Arc::ptr_eq(
            &a.prepared,
            &HangulMatcher::new("강기준").prepared
        ));
        for english in ["Kang Gi-jung", "Kang Gijeong", "Kim Yong-hyun"] {
            assert_eq!(a.find_match(english), b.find_match(english), "{english}");
        }
        assert!(a.find_match("Kang Gi-jung").is_some());
        assert!(a.found.lock().unwrap().len() == 3);
    }

    fn score(hangul: &str, english: &str) -> f64 {
        match_hangul_english(hangul, english).score
    }

    #[test]
    fn spellings_of_one_name_match() {
        for english in [
            "Kang Gi-jung",
            "Kang Gijeong",
            "Gang Gi-jeong",
            "KANG Gi Jung",
            "Kang, Gi-jeong",
            "Gi-jung Kang",
            "Kang Ki-chŏng",
            "kang ki-chong",
        ] {
            let m = match_hangul_english("강기정", english);
            assert!(m.is_match(), "{english}: {m:?}");
        }
        let m = match_hangul_english("강기정", "Kang Gi-jeong");
        assert_eq!(m.kind, MatchKind::Standard, "{m:?}");
        assert_eq!(m.score, 1.0);
    }

    #[test]
    fn different_people_stay_different() {
        assert!(!match_hangul_english("강기정", "Kang Gi-jin").is_match());
        assert!(!match_hangul_english("김경수", "Kim Kyung-hyup").is_match());
        assert!(!match_hangul_english("김경협", "Kim Kyung-soo").is_match());
        assert!(!match_hangul_english("강기정", "Kang Gi-jeong Lee").is_match());
        assert!(score("이종구", "Lee Jong-kul") < score("이종걸", "Lee Jong-kul"));
    }

    #[test]
    fn conventional_surnames_and_order() {
        assert!(match_hangul_english("박인숙", "IN-SOOK PARK").is_match());
        assert!(match_hangul_english("이명박", "Lee Myung-bak").is_match());
        assert!(match_hangul_english("이승만", "Rhee Seung-man").is_match());
        assert!(match_hangul_english("노무현", "Roh Moo-hyun").is_match());
        assert!(match_hangul_english("최규하", "Ch'oe Kyu-ha").is_match());
        let m = match_hangul_english("이명박", "Lee Myung-bak");
        assert!(
            m.reason.contains("Lee") || m.reason.contains("lee"),
            "{m:?}"
        );
    }

    #[test]
    fn words_and_places() {
        assert!(match_hangul_english("신라", "Silla").is_match());
        assert!(match_hangul_english("종로구", "Jongno-gu").is_match());
        assert!(match_hangul_english("종로구", "Jongno").is_match());
        assert!(match_hangul_english("해운대", "Haeundae").is_match());
        assert!(match_hangul_english("부산", "Pusan").is_match());
        assert!(!match_hangul_english("부산", "Seoul").is_match());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for (h, e) in [
            ("", ""),
            ("강기정", ""),
            ("", "Kang"),
            ("🙂", "🙂"),
            ("abc", "abc"),
            ("강🙂기정", "Kang Gi-jung 🙂"),
            ("ㄱㄴㄷ", "gnd"),
        ] {
            let m = match_hangul_english(h, e);
            assert!((0.0..=1.0).contains(&m.score));
        }
        let long_hangul = "가".repeat(2000);
        let long_english = "ga ".repeat(2000);
        let m = match_hangul_english(&long_hangul, &long_english);
        assert!((0.0..=1.0).contains(&m.score));
    }
}
