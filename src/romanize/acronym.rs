//! Acronyms spelled out in Hangul letter names: KGB 케이지비, IMF 아이엠에프.
//!
//! News Korean writes most acronyms in Latin letters, but older texts and
//! transcription examples spell them with the Korean names of the letters
//! (`letter_names.tsv`). An all-capitals English token of up to eight letters
//! is checked against every combination of letter names.

use super::tables::LETTER_NAMES;

/// Longest acronym considered, in letters.
const MAX_ACRONYM: usize = 8;

/// True when `english` is an all-capitals acronym and `hangul` (spaces
/// ignored) is exactly its letters' Korean names in order.
pub fn is_spelled_acronym(hangul: &str, english: &str) -> bool {
    // Most candidates are ordinary words: rule them out without allocating.
    let mut count = 0usize;
    for c in english.chars().filter(|c| c.is_alphabetic()) {
        count += 1;
        if !c.is_ascii_uppercase() || count > MAX_ACRONYM {
            return false;
        }
    }
    if count < 2 {
        return false;
    }
    let letters: Vec<char> = english.chars().filter(|c| c.is_alphabetic()).collect();
    let acronym_shaped = (2..=MAX_ACRONYM).contains(&letters.len())
        && letters.iter().all(|c| c.is_ascii_uppercase());
    if !acronym_shaped {
        return false;
    }
    let target: String = hangul.chars().filter(|c| !c.is_whitespace()).collect();
    spells(&target, &letters)
}

fn spells(rest: &str, letters: &[char]) -> bool {
    let Some((first, others)) = letters.split_first() else {
        return rest.is_empty();
    };
    let index = (first.to_ascii_lowercase() as u8).wrapping_sub(b'a') as usize;
    let Some(names) = LETTER_NAMES.get(index) else {
        return false;
    };
    names.iter().any(|name| {
        rest.strip_prefix(name.as_str())
            .is_some_and(|tail| spells(tail, others))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelled_acronyms() {
        assert!(is_spelled_acronym("케이지비", "KGB"));
        assert!(is_spelled_acronym("아이엠에프", "IMF"));
        assert!(is_spelled_acronym("엔아이에스티", "NIST"));
        assert!(is_spelled_acronym("더블유티오", "WTO"));
        assert!(!is_spelled_acronym("케이지비", "kgb"));
        assert!(!is_spelled_acronym("케이지비", "KGBX"));
        assert!(!is_spelled_acronym("", ""));
        assert!(!is_spelled_acronym("아", "ABCDEFGHIJ"));
    }
}
