//! Foreign names and loanwords written in Hangul, matched against their
//! original Latin spelling (English, Pinyin, ...).
//!
//! Korean writes foreign words by the foreign-word transcription rules
//! (외래어 표기법), not by RR, so 트럼프 must be compared with "Trump", not with
//! "teureompeu". This matcher runs those rules in reverse with the table
//! `foreign_spellings.tsv`: an epenthetic ㅡ may stand for nothing (트 = t),
//! ㄹ is l or r, ㅍ p or f, ㅈ j, z or Pinyin zh, ㅅ s, sh or Pinyin x, a final
//! ㅅ t or s, and a diphthong split over two syllables (바이, 케이) is spelled by
//! one vowel letter. Silent English letters (final e, h, doubled consonants)
//! cost little. Korean often clips loanwords (인프라 = infra|structure), so an
//! unmatched English tail is allowed at a cost.

use super::acronym::is_spelled_acronym;
use super::hangul::{Syllable, compose, final_ as f, initial as i, vowel as v};
use super::latin::Letters;
use super::lattice::{Alt, Lattice, Params, Step, SyllableSlots, align, align_cost, sort_alts};
use super::matching::{MATCH_THRESHOLD, MatchKind, NameMatch};
use super::slots::jamo_chars;
use super::tables::{Context, FOREIGN_SPELLINGS, Variant};

/// Longest inputs the matchers align (names and words, not sentences).
pub const MAX_SYLLABLES: usize = 40;
/// Longest Latin input the matchers align, in letters.
pub const MAX_LETTERS: usize = 160;

const DELETE_CONSONANT: f32 = 0.8;
const DELETE_VOWEL: f32 = 1.0;

const FOREIGN_PARAMS: Params = Params {
    insert_cost: foreign_insert_cost,
    part_join_penalty: 0.0,
    token_crossing: Some(0.0),
    tail_cost: Some(truncation_cost),
};

/// English letters Korean does not transcribe: a final or silent e, h in
/// digraphs, doubled consonants, the u of qu/gu, r after a vowel, silent l
/// and gh.
fn foreign_insert_cost(letters: &[u8], position: usize) -> f32 {
    let letter = letters.get(position).copied().unwrap_or(b' ');
    let previous = position
        .checked_sub(1)
        .and_then(|p| letters.get(p))
        .copied();
    if previous == Some(letter) {
        return 0.15;
    }
    let after_vowel = previous.is_some_and(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u'));
    match letter {
        b'e' => 0.3,
        b'h' => 0.3,
        // Korean follows non-rhotic English: Orwell 오웰, Yorkshire 요크셔.
        b'r' if after_vowel => 0.3,
        // Silent l (Walker 워커) and gh (Slaughter 슬로터).
        b'l' if matches!(previous, Some(b'a' | b'o')) => 0.5,
        b'g' if letters.get(position + 1) == Some(&b'h') => 0.3,
        b'u' if matches!(previous, Some(b'q' | b'g')) => 0.2,
        b'w' | b'y' => 0.5,
        b'a' | b'i' | b'o' | b'u' => 0.7,
        _ => 0.9,
    }
}

/// Korean clips long loanwords (인프라 infra|structure, 아파트 apart|ment): an
/// unmatched English tail costs a base plus a little per letter, only after at
/// least four matched letters and only when the tail starts with a consonant
/// (a clipped word breaks before a consonant; "influence" is not 인프라).
fn truncation_cost(letters: &[u8], matched: usize) -> f32 {
    let tail = letters.len().saturating_sub(matched);
    let starts_with_consonant = letters
        .get(matched)
        .is_some_and(|b| !matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'));
    if matched < 4 || tail < 3 || !starts_with_consonant {
        return f32::INFINITY;
    }
    0.6 + 0.02 * tail as f32
}

/// A Hangul transcription prepared for matching against Latin spellings.
pub struct ForeignMatcher {
    lattice: Lattice,
    hangul: String,
}

impl ForeignMatcher {
    /// Prepares `hangul`; spaces are ignored (애리 플라이셔 = Ari Fleischer).
    pub fn new(hangul: &str) -> ForeignMatcher {
        let text = compose(hangul);
        let syllables: Vec<Syllable> = text.chars().filter_map(Syllable::from_char).collect();
        let mut lattice = Lattice::default();
        if syllables.len() <= MAX_SYLLABLES {
            for index in 0..syllables.len() {
                lattice.syllables.push(foreign_slots(&syllables, index));
            }
        }
        ForeignMatcher {
            lattice,
            hangul: text.into_owned(),
        }
    }

    /// Scores a Latin spelling.
    pub fn match_english(&self, english: &str) -> NameMatch {
        if let Some(found) = self.match_acronym(english) {
            return found;
        }
        self.match_letters(&Letters::new(english))
    }

    /// An acronym spelled out in letter names (KGB 케이지비).
    pub(crate) fn match_acronym(&self, english: &str) -> Option<NameMatch> {
        is_spelled_acronym(&self.hangul, english).then(|| NameMatch {
            score: 0.95,
            kind: MatchKind::Foreign,
            reason: "acronym spelled out in Korean letter names".into(),
        })
    }

    pub(crate) fn match_letters(&self, letters: &Letters) -> NameMatch {
        self.match_letters_above(letters, 0.0)
    }

    /// Like [`Self::match_letters`], but gives up early (score 0) when the
    /// score cannot reach `needed`.
    pub(crate) fn match_letters_above(&self, letters: &Letters, needed: f64) -> NameMatch {
        let none = |reason: &'static str| NameMatch {
            score: 0.0,
            kind: MatchKind::NoMatch,
            reason: reason.into(),
        };
        if self.lattice.syllables.is_empty() || letters.is_empty() {
            return none("nothing to match");
        }
        if letters.len() > MAX_LETTERS {
            return none("too long for a name");
        }
        let syllables = self.lattice.syllables.len() as f32;
        let scale_for = |matched: f32| 0.45 * syllables + 0.12 * matched + 0.3;
        let budget = (1.0 - needed as f32).max(0.0) * scale_for(letters.len() as f32);
        // Most candidates are not transcriptions: cost first, steps only for
        // those within budget (the same best path, found again).
        let Some(alignment) = align_cost(&self.lattice, letters, &FOREIGN_PARAMS, budget)
            .and_then(|_| align(&self.lattice, letters, &FOREIGN_PARAMS, budget))
        else {
            return none("no transcription of the letters comes close to the Hangul");
        };
        let matched = (letters.len() - alignment.tail) as f32;
        let scale = scale_for(matched);
        let score = (1.0 - alignment.cost / scale).clamp(0.0, 1.0) as f64;
        let mut notes = Vec::new();
        let mut unexplained = String::new();
        for step in &alignment.steps {
            if let Step::Insert { position } = step {
                unexplained.push(letters.bytes.get(*position).copied().unwrap_or(b'?') as char);
            }
            if let Step::Syllable { index, alts, .. } = step
                && let Some(slots) = self.lattice.syllables.get(*index)
                && slots
                    .vowel
                    .get(alts[1] as usize)
                    .is_some_and(|a| a.letters.is_empty())
                && slots.jamo[1] == 'ㅡ'
            {
                notes.push(format!("{} without its ㅡ", slots.syllable));
            }
        }
        if !unexplained.is_empty() {
            notes.push(format!("letters not transcribed: {unexplained}"));
        }
        if alignment.tail > 0 {
            let tail_start = letters.len() - alignment.tail;
            notes.push(format!(
                "clipped loanword: '{}' not transcribed",
                String::from_utf8_lossy(&letters.bytes[tail_start..])
            ));
        }
        NameMatch {
            score,
            kind: if score >= MATCH_THRESHOLD {
                MatchKind::Foreign
            } else {
                MatchKind::NoMatch
            },
            reason: if notes.is_empty() {
                "foreign-word transcription read back".into()
            } else {
                format!("foreign-word transcription read back: {}", notes.join("; ")).into()
            },
        }
    }
}

/// Does a context of `foreign_spellings.tsv` hold for syllable `index`?
fn foreign_context_holds(context: Context, word: &[Syllable], index: usize) -> bool {
    let Some(s) = word.get(index) else {
        return false;
    };
    let previous = index.checked_sub(1).and_then(|p| word.get(p));
    let next = word.get(index + 1);
    let open = s.final_ == f::NONE;
    match context {
        Context::Any => true,
        Context::AfterConsonant => s.initial != i::NONE,
        Context::AfterSilent => s.initial == i::NONE,
        Context::BeforeSilentI => {
            open && next.is_some_and(|n| n.initial == i::NONE && n.vowel == v::I)
        }
        Context::BeforeSilentU => {
            open && next.is_some_and(|n| n.initial == i::NONE && n.vowel == v::U)
        }
        Context::AfterVowelSilent => {
            s.initial == i::NONE && previous.is_some_and(|p| p.final_ == f::NONE)
        }
        Context::AfterL => previous.is_some_and(|p| p.final_ == f::L),
        Context::AfterK => previous.is_some_and(|p| p.final_ == f::G),
        Context::AfterPalatal => matches!(s.initial, i::S | i::SS | i::J | i::JJ | i::CH),
        Context::AfterPalatalFinal => open && next.is_none() && matches!(s.initial, i::J | i::CH),
        _ => false,
    }
}

fn collect(variants: &'static [Variant], word: &[Syllable], index: usize, out: &mut Vec<Alt>) {
    for variant in variants {
        if !foreign_context_holds(variant.context, word, index) {
            continue;
        }
        let letters = variant.spelling.as_bytes();
        if let Some(existing) = out.iter_mut().find(|a| a.letters == letters) {
            existing.cost = existing.cost.min(variant.cost);
        } else {
            out.push(Alt {
                letters,
                cost: variant.cost,
            });
        }
    }
}

fn foreign_slots(word: &[Syllable], index: usize) -> SyllableSlots {
    let table = &*FOREIGN_SPELLINGS;
    let s = word[index];
    let mut initial = Vec::new();
    let mut vowel = Vec::new();
    let mut final_ = Vec::new();
    if let Some(list) = table.initials.get(s.initial as usize) {
        collect(list, word, index, &mut initial);
    }
    if let Some(list) = table.vowels.get(s.vowel as usize) {
        collect(list, word, index, &mut vowel);
    }
    if s.final_ == f::NONE {
        final_.push(Alt {
            letters: b"",
            cost: 0.0,
        });
    } else if let Some(list) = table.finals.get(s.final_ as usize) {
        collect(list, word, index, &mut final_);
    }
    if s.initial != i::NONE {
        initial.push(Alt {
            letters: b"",
            cost: DELETE_CONSONANT,
        });
    }
    vowel.push(Alt {
        letters: b"",
        cost: DELETE_VOWEL,
    });
    if s.final_ != f::NONE {
        final_.push(Alt {
            letters: b"",
            cost: DELETE_CONSONANT,
        });
    }
    sort_alts(&mut initial);
    sort_alts(&mut vowel);
    sort_alts(&mut final_);
    SyllableSlots {
        syllable: s.to_char().unwrap_or(' '),
        jamo: jamo_chars(s),
        initial,
        vowel,
        final_,
        part_start: false,
    }
}

/// Scores how well a Latin spelling matches a Hangul transcription of a
/// foreign word or name, in [0, 1]; see [`MATCH_THRESHOLD`].
pub fn match_foreign(hangul: &str, english: &str) -> f64 {
    ForeignMatcher::new(hangul).match_english(english).score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_names_match() {
        for (hangul, english) in [
            ("항저우", "Hangzhou"),
            ("딥시크", "DeepSeek"),
            ("트럼프", "Trump"),
            ("알리바바", "Alibaba"),
            ("바이든", "Biden"),
            ("베이징", "Beijing"),
            ("시진핑", "Xi Jinping"),
            ("상하이", "Shanghai"),
            ("마크롱", "Macron"),
            ("웨스트버지니아", "West Virginia"),
            ("애리 플라이셔", "Ari Fleischer"),
            ("인프라", "infrastructure"),
            ("스마트폰", "smartphone"),
        ] {
            let score = match_foreign(hangul, english);
            assert!(score >= MATCH_THRESHOLD, "{hangul} {english}: {score}");
        }
    }

    #[test]
    fn unrelated_words_do_not() {
        for (hangul, english) in [
            ("트럼프", "Biden"),
            ("항저우", "Beijing"),
            ("딥시크", "OpenAI"),
            ("알리바바", "Amazon"),
            ("인프라", "influence"),
        ] {
            let score = match_foreign(hangul, english);
            assert!(score < MATCH_THRESHOLD, "{hangul} {english}: {score}");
        }
    }
}
