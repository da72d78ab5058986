//! Text normalization.
//!
//! koalign keeps two views of a text: the *user's text* (decoded, NFC, without a
//! leading BOM), which is what spans point into and what every output writes, and
//! a *matching key* ([`fold_for_matching`]) in which zero-width characters are
//! dropped and full-width ASCII and typographic quotes are folded, so that text
//! pasted from different sources compares equal. Nothing is folded in output.

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// Composes to NFC. macOS pastes Hangul as NFD (conjoining jamo), which would
/// otherwise never match the same word typed elsewhere.
pub fn to_nfc(text: &str) -> String {
    match is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    }
}

/// Drops a leading byte-order mark (U+FEFF), which editors on Windows write.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Characters that are invisible and carry no text: zero-width space/joiners,
/// word joiner, BOM inside a text, soft hyphen. CMSs leave them between words.
pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
    )
}

/// Whitespace for segmentation purposes: Unicode whitespace plus zero-width
/// characters, which pasted text uses as invisible separators.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || is_zero_width(c)
}

/// Folds one character for matching: full-width ASCII to ASCII, the ideographic
/// space to a space, typographic quotes to straight quotes, dashes to a hyphen.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        _ => c,
    }
}

/// The matching key of a text: NFC, zero-width characters removed, characters
/// folded by [`fold_char`]. Only for comparisons; never written to output.
pub fn fold_for_matching(text: &str) -> String {
    text.nfc()
        .filter(|&c| !is_zero_width(c))
        .map(fold_char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_hangul_is_composed() {
        let nfd = "\u{1100}\u{1161}\u{11bc}"; // 강 as conjoining jamo
        assert_eq!(to_nfc(nfd), "강");
        assert_eq!(to_nfc("강기정"), "강기정");
    }

    #[test]
    fn bom_is_stripped_once() {
        assert_eq!(strip_bom("\u{feff}abc"), "abc");
        assert_eq!(strip_bom("abc"), "abc");
    }

    #[test]
    fn matching_key_folds_width_quotes_and_invisibles() {
        assert_eq!(fold_for_matching("ＡＩ　２０２４"), "AI 2024");
        assert_eq!(fold_for_matching("“AI Heart”"), "\"AI Heart\"");
        assert_eq!(fold_for_matching("Gi\u{200b}-jung"), "Gi-jung");
        assert_eq!(fold_for_matching("Kang Gi–jung"), "Kang Gi-jung");
    }

    #[test]
    fn zero_width_counts_as_space_for_segmentation() {
        assert!(is_space('\u{200b}'));
        assert!(is_space('\u{3000}'));
        assert!(!is_space('a'));
    }
}
