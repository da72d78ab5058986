//! Hangul syllable decomposition into jamo indices.
//!
//! Every rule of the romanization works on jamo (initial, vowel, final), not on
//! syllable characters, so the first step is always to split a precomposed
//! syllable (U+AC00..U+D7A3) into its three indices. Indices follow the Unicode
//! order, which is also the order of the rows in `dictionaries/romanization/jamo.tsv`.

/// First precomposed Hangul syllable (가).
const SYLLABLE_BASE: u32 = 0xAC00;
/// Last precomposed Hangul syllable (힣).
const SYLLABLE_LAST: u32 = 0xD7A3;
/// Number of vowels (medials).
pub const VOWEL_COUNT: u8 = 21;
/// Number of finals, including "no final" at index 0.
pub const FINAL_COUNT: u8 = 28;
/// Number of initial consonants.
pub const INITIAL_COUNT: u8 = 19;

/// Initial consonant indices (Unicode order). The table is complete even where
/// the code names only some of them.
#[allow(dead_code)]
pub mod initial {
    pub const G: u8 = 0; // ㄱ
    pub const KK: u8 = 1; // ㄲ
    pub const N: u8 = 2; // ㄴ
    pub const D: u8 = 3; // ㄷ
    pub const TT: u8 = 4; // ㄸ
    pub const R: u8 = 5; // ㄹ
    pub const M: u8 = 6; // ㅁ
    pub const B: u8 = 7; // ㅂ
    pub const PP: u8 = 8; // ㅃ
    pub const S: u8 = 9; // ㅅ
    pub const SS: u8 = 10; // ㅆ
    pub const NONE: u8 = 11; // ㅇ (silent)
    pub const J: u8 = 12; // ㅈ
    pub const JJ: u8 = 13; // ㅉ
    pub const CH: u8 = 14; // ㅊ
    pub const K: u8 = 15; // ㅋ
    pub const T: u8 = 16; // ㅌ
    pub const P: u8 = 17; // ㅍ
    pub const H: u8 = 18; // ㅎ
}

/// Vowel indices (Unicode order). The table is complete even where
/// the code names only some of them.
#[allow(dead_code)]
pub mod vowel {
    pub const A: u8 = 0; // ㅏ
    pub const AE: u8 = 1; // ㅐ
    pub const YA: u8 = 2; // ㅑ
    pub const YAE: u8 = 3; // ㅒ
    pub const EO: u8 = 4; // ㅓ
    pub const E: u8 = 5; // ㅔ
    pub const YEO: u8 = 6; // ㅕ
    pub const YE: u8 = 7; // ㅖ
    pub const O: u8 = 8; // ㅗ
    pub const WA: u8 = 9; // ㅘ
    pub const WAE: u8 = 10; // ㅙ
    pub const OE: u8 = 11; // ㅚ
    pub const YO: u8 = 12; // ㅛ
    pub const U: u8 = 13; // ㅜ
    pub const WO: u8 = 14; // ㅝ
    pub const WE: u8 = 15; // ㅞ
    pub const WI: u8 = 16; // ㅟ
    pub const YU: u8 = 17; // ㅠ
    pub const EU: u8 = 18; // ㅡ
    pub const UI: u8 = 19; // ㅢ
    pub const I: u8 = 20; // ㅣ
}

/// Final consonant indices (Unicode order; 0 = no final). The table is complete even where
/// the code names only some of them.
#[allow(dead_code)]
pub mod final_ {
    pub const NONE: u8 = 0;
    pub const G: u8 = 1; // ㄱ
    pub const KK: u8 = 2; // ㄲ
    pub const GS: u8 = 3; // ㄳ
    pub const N: u8 = 4; // ㄴ
    pub const NJ: u8 = 5; // ㄵ
    pub const NH: u8 = 6; // ㄶ
    pub const D: u8 = 7; // ㄷ
    pub const L: u8 = 8; // ㄹ
    pub const LG: u8 = 9; // ㄺ
    pub const LM: u8 = 10; // ㄻ
    pub const LB: u8 = 11; // ㄼ
    pub const LS: u8 = 12; // ㄽ
    pub const LT: u8 = 13; // ㄾ
    pub const LP: u8 = 14; // ㄿ
    pub const LH: u8 = 15; // ㅀ
    pub const M: u8 = 16; // ㅁ
    pub const B: u8 = 17; // ㅂ
    pub const BS: u8 = 18; // ㅄ
    pub const S: u8 = 19; // ㅅ
    pub const SS: u8 = 20; // ㅆ
    pub const NG: u8 = 21; // ㅇ
    pub const J: u8 = 22; // ㅈ
    pub const CH: u8 = 23; // ㅊ
    pub const K: u8 = 24; // ㅋ
    pub const T: u8 = 25; // ㅌ
    pub const P: u8 = 26; // ㅍ
    pub const H: u8 = 27; // ㅎ
}

/// One Hangul syllable as jamo indices. `initial` is [`initial::NONE`] for a
/// syllable written with a silent ㅇ, `final_` is [`final_::NONE`] without a final.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Syllable {
    pub initial: u8,
    pub vowel: u8,
    pub final_: u8,
}

impl Syllable {
    /// Splits a precomposed Hangul syllable; `None` for any other character.
    pub fn from_char(c: char) -> Option<Syllable> {
        let code = c as u32;
        if !(SYLLABLE_BASE..=SYLLABLE_LAST).contains(&code) {
            return None;
        }
        let index = code - SYLLABLE_BASE;
        Some(Syllable {
            initial: (index / (21 * 28)) as u8,
            vowel: ((index / 28) % 21) as u8,
            final_: (index % 28) as u8,
        })
    }

    /// Composes the syllable back into a character (used for readable reasons
    /// and for table keys). Out-of-range indices give `None`.
    pub fn to_char(self) -> Option<char> {
        if self.initial >= INITIAL_COUNT || self.vowel >= VOWEL_COUNT || self.final_ >= FINAL_COUNT
        {
            return None;
        }
        let code = SYLLABLE_BASE
            + (self.initial as u32 * 21 + self.vowel as u32) * 28
            + self.final_ as u32;
        char::from_u32(code)
    }
}

/// True for a precomposed Hangul syllable.
pub fn is_syllable(c: char) -> bool {
    (SYLLABLE_BASE..=SYLLABLE_LAST).contains(&(c as u32))
}

/// True when the text has at least one Hangul syllable.
pub fn has_hangul(text: &str) -> bool {
    text.chars().any(is_syllable)
}

/// The syllables of a text, skipping everything that is not a Hangul syllable.
pub fn syllables(text: &str) -> Vec<Syllable> {
    text.chars().filter_map(Syllable::from_char).collect()
}

/// True for vowels that start with a y- or i-glide (ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ) or are ㅣ:
/// the vowels before which ㄴ is inserted and initial ㄹ/ㄴ drop in South Korean
/// spelling (두음법칙: 리 → 이, 류 → 유).
pub fn is_i_or_y_vowel(v: u8) -> bool {
    matches!(
        v,
        vowel::I | vowel::YA | vowel::YAE | vowel::YEO | vowel::YE | vowel::YO | vowel::YU
    )
}

/// Composes text to NFC when it holds conjoining jamo (macOS pastes NFD Hangul),
/// borrowing the input when it is already composed.
pub fn compose(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    let has_conjoining = text
        .chars()
        .any(|c| matches!(c as u32, 0x1100..=0x11FF | 0xA960..=0xA97F | 0xD7B0..=0xD7FF));
    if has_conjoining {
        std::borrow::Cow::Owned(text.nfc().collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposes_and_recomposes() {
        let s = Syllable::from_char('값').unwrap();
        assert_eq!(s.initial, initial::G);
        assert_eq!(s.vowel, vowel::A);
        assert_eq!(s.final_, final_::BS);
        assert_eq!(s.to_char(), Some('값'));
        assert_eq!(Syllable::from_char('a'), None);
        assert_eq!(Syllable::from_char('ㄱ'), None);
    }

    #[test]
    fn composes_conjoining_jamo() {
        let nfd = "\u{1100}\u{1161}\u{11a8}"; // 각 as conjoining jamo
        assert_eq!(compose(nfd), "각");
        assert!(matches!(compose("각"), std::borrow::Cow::Borrowed(_)));
    }
}
