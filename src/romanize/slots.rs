//! Spelling alternatives of Korean syllables, from `spelling_variants.tsv`.
//!
//! Shared by the Hangul→English matcher (which knows the syllables) and the
//! English↔English matcher (which guesses them), so both agree on what counts
//! as a spelling of ㅓ or ㄱ.

use super::hangul::{Syllable, final_ as f, initial as i, is_i_or_y_vowel, vowel as v};
use super::lattice::{Alt, SyllableSlots, sort_alts};
use super::tables::{Context, SPELLING_VARIANTS, Variant};

/// Cost of leaving a consonant unwritten (a typo or a dropped letter).
pub const CONSONANT_DELETE_COST: f32 = 0.9;
/// Cost of leaving a vowel unwritten.
pub const VOWEL_DELETE_COST: f32 = 1.2;

const INITIAL_JAMO: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];
const VOWEL_JAMO: [char; 21] = [
    'ㅏ', 'ㅐ', 'ㅑ', 'ㅒ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅖ', 'ㅗ', 'ㅘ', 'ㅙ', 'ㅚ', 'ㅛ', 'ㅜ', 'ㅝ', 'ㅞ',
    'ㅟ', 'ㅠ', 'ㅡ', 'ㅢ', 'ㅣ',
];
const FINAL_JAMO: [char; 28] = [
    ' ', 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ',
    'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
];

/// Compatibility jamo of a syllable (for reasons); ' ' for no final.
pub fn jamo_chars(s: Syllable) -> [char; 3] {
    [
        INITIAL_JAMO.get(s.initial as usize).copied().unwrap_or(' '),
        VOWEL_JAMO.get(s.vowel as usize).copied().unwrap_or(' '),
        FINAL_JAMO.get(s.final_ as usize).copied().unwrap_or(' '),
    ]
}

/// Does a context of `spelling_variants.tsv` hold for this syllable?
/// `part_initial`: first syllable of a word or name part, or any syllable of a
/// given name (names drop initial ㄹ anywhere: 현룡 Hyun-yong).
pub fn context_holds(context: Context, s: Syllable, part_initial: bool) -> bool {
    let iy = is_i_or_y_vowel(s.vowel) || matches!(s.vowel, v::UI | v::WI);
    match context {
        Context::Any => true,
        Context::BeforeI => matches!(s.vowel, v::I | v::UI),
        Context::BeforeIy => iy,
        Context::BeforeU => s.vowel == v::U,
        Context::WordInitialBeforeIy => part_initial && iy,
        Context::AfterPalatal => matches!(s.initial, i::J | i::CH | i::S | i::JJ | i::SS),
        Context::AfterConsonant => s.initial != i::NONE,
        Context::AfterSilent => s.initial == i::NONE,
        // Contexts of the foreign table only.
        _ => false,
    }
}

fn collect(variants: &'static [Variant], s: Syllable, part_initial: bool, out: &mut Vec<Alt>) {
    for variant in variants {
        if !context_holds(variant.context, s, part_initial) {
            continue;
        }
        let letters = variant.spelling.as_bytes();
        // Keep the cheapest of duplicate spellings (a context row may repeat one).
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

/// The spelling alternatives of one syllable whose final is already reduced to
/// a representative sound (or none). `part_initial` marks the first syllable of
/// a name part or word, `in_name` a syllable of a personal name (spelled
/// syllable by syllable). Unwritten jamo are allowed at a typo cost.
pub fn korean_syllable_slots(s: Syllable, part_initial: bool, in_name: bool) -> SyllableSlots {
    let initial_like = part_initial || in_name;
    let table = &*SPELLING_VARIANTS;
    let mut initial = Vec::new();
    let mut vowel = Vec::new();
    let mut final_ = Vec::new();
    if let Some(list) = table.initials.get(s.initial as usize) {
        collect(list, s, initial_like, &mut initial);
    }
    if let Some(list) = table.vowels.get(s.vowel as usize) {
        collect(list, s, initial_like, &mut vowel);
    }
    if s.final_ == f::NONE {
        final_.push(Alt {
            letters: b"",
            cost: 0.0,
        });
    } else if let Some(list) = table.finals.get(s.final_ as usize) {
        collect(list, s, initial_like, &mut final_);
    }
    if s.initial != i::NONE {
        initial.push(Alt {
            letters: b"",
            cost: CONSONANT_DELETE_COST,
        });
    }
    vowel.push(Alt {
        letters: b"",
        cost: VOWEL_DELETE_COST,
    });
    if s.final_ != f::NONE {
        final_.push(Alt {
            letters: b"",
            cost: CONSONANT_DELETE_COST,
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
        part_start: part_initial,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_select_alternatives() {
        let si = Syllable::from_char('시').unwrap();
        let slots = korean_syllable_slots(si, true, false);
        let sh = slots.initial.iter().find(|a| a.letters == b"sh").unwrap();
        assert!(sh.cost <= 0.1 + 1e-6);
        let sa = Syllable::from_char('사').unwrap();
        let slots = korean_syllable_slots(sa, true, false);
        let sh = slots.initial.iter().find(|a| a.letters == b"sh").unwrap();
        assert!(sh.cost > 0.2);
        // 류 may drop its ㄹ at the start of a part (Yoo), not inside a word.
        let ryu = Syllable::from_char('류').unwrap();
        assert!(
            korean_syllable_slots(ryu, true, false)
                .initial
                .iter()
                .any(|a| a.letters.is_empty() && a.cost < 0.5)
        );
        assert!(
            !korean_syllable_slots(ryu, false, false)
                .initial
                .iter()
                .any(|a| a.letters.is_empty() && a.cost < 0.5)
        );
    }
}
