//! Standard pronunciation (표준 발음법) of a Hangul word, as far as the
//! Revised Romanization writes it (rule 3.1).
//!
//! RR and MR spell the *pronunciation*, not the spelling: 종로 is read [종노] and
//! written Jongno, 신라 [실라] Silla. This module turns the written syllables of
//! one word into pronounced syllables whose finals are reduced to the seven
//! representative sounds (ㄱ ㄴ ㄷ ㄹ ㅁ ㅂ ㅇ). Tensification (압구정 [압꾸정]) is
//! deliberately not applied, because RR does not write it (rule 3.1.4 붙임).
//!
//! Rules that depend on the meaning of a word are approximated:
//! - ㄴ insertion (학여울 [항녀울]) only for the words of `n_insertion.tsv`;
//! - aspiration of ㄱ ㄷ ㅂ before ㅎ (잡혀 [자펴]) only before verb suffixes
//!   (히 혀 and 하 + ending), since RR keeps the ㅎ in nouns (묵호 Mukho);
//! - ㄴ+ㄹ is [ㄹㄹ] (신라 [실라]) except before a one-syllable suffix such as 로
//!   after a longer word (신문로 [신문노]).

use super::hangul::{Syllable, final_ as f, initial as i, is_i_or_y_vowel, vowel};
use super::tables::N_INSERTION;

/// How two neighbouring syllables of a word are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Boundary {
    /// Inside a word: every sound change applies.
    Normal,
    /// A compound boundary with ㄴ insertion (학|여울).
    NInsertion,
}

/// The boundaries of a word, with ㄴ insertion where `n_insertion.tsv` lists the word.
pub fn boundaries(word: &[Syllable]) -> Vec<Boundary> {
    let mut result = vec![Boundary::Normal; word.len().saturating_sub(1)];
    for (entry, split) in N_INSERTION.iter() {
        if entry.len() > word.len() {
            continue;
        }
        for start in 0..=word.len() - entry.len() {
            if word[start..start + entry.len()] == entry[..]
                && let Some(b) = result.get_mut(start + split - 1)
            {
                *b = Boundary::NInsertion;
            }
        }
    }
    result
}

/// Pronounced syllables of one word (no spaces inside). Finals of the result
/// are one of: none, ㄱ ㄴ ㄷ ㄹ ㅁ ㅂ ㅇ.
pub fn pronounce(word: &[Syllable]) -> Vec<Syllable> {
    let joins = boundaries(word);
    let mut out = word.to_vec();
    for (index, join) in joins.iter().enumerate() {
        join_syllables(word, &mut out, index, *join);
    }
    if let Some(last) = out.last_mut() {
        last.final_ = neutralize(last.final_);
    }
    out
}

/// Only the spelling-position rule: a final consonant before a vowel-initial
/// syllable is carried over (석우 → 서구, written Seogu). Used for given names,
/// where RR writes no sound change (rule 3.4(1)) but still writes g d b r before
/// a vowel. Finals are neutralized as in [`pronounce`].
pub fn carry_over_only(word: &[Syllable]) -> Vec<Syllable> {
    let mut out = word.to_vec();
    for index in 0..out.len().saturating_sub(1) {
        let fin = out[index].final_;
        if out[index + 1].initial == i::NONE
            && !matches!(fin, f::NONE | f::NG | f::H)
            && let Some(moved) = final_as_initial(fin)
        {
            out[index].final_ = f::NONE;
            out[index + 1].initial = moved;
            continue;
        }
        out[index].final_ = neutralize(fin);
    }
    if let Some(last) = out.last_mut() {
        last.final_ = neutralize(last.final_);
    }
    out
}

/// Applies the sound changes between `out[index]` and `out[index + 1]`.
fn join_syllables(word: &[Syllable], out: &mut [Syllable], index: usize, join: Boundary) {
    let fin = out[index].final_;
    let mut ini = out[index + 1].initial;
    let next_vowel = out[index + 1].vowel;

    if join == Boundary::NInsertion
        && ini == i::NONE
        && fin != f::NONE
        && is_i_or_y_vowel(next_vowel)
    {
        ini = i::N;
        out[index + 1].initial = ini;
    }

    // A vowel follows: the final is carried over (연음).
    if ini == i::NONE {
        let (stays, moves) = carry_over(fin, next_vowel);
        out[index].final_ = stays;
        if let Some(moved) = moves {
            out[index + 1].initial = moved;
        }
        return;
    }

    // ㅎ follows an obstruent: aspirated in verbs (잡혀 japyeo), kept in nouns (묵호 Mukho).
    if ini == i::H {
        let (stays, aspirated) = match fin {
            f::G | f::KK | f::K | f::GS => (f::NONE, i::K),
            f::LG => (f::L, i::K),
            f::B | f::P | f::BS => (f::NONE, i::P),
            f::LB => (f::L, i::P),
            f::NJ => (f::N, i::CH),
            f::J | f::CH => (f::NONE, i::CH),
            f::D | f::S | f::SS | f::T => {
                let palatal = next_vowel == vowel::I;
                (f::NONE, if palatal { i::CH } else { i::T })
            }
            f::H => (f::NONE, i::H),
            f::NH => (f::N, i::H),
            f::LH => (f::L, i::H),
            other => (other, i::H),
        };
        if aspirated != i::H && is_verb_suffix(word, index + 1) {
            out[index].final_ = stays;
            out[index + 1].initial = aspirated;
        } else if aspirated != i::H {
            out[index].final_ = neutralize(fin);
        } else {
            out[index].final_ = stays;
        }
        return;
    }

    // ㅎ (ㄶ ㅀ) before a consonant: 좋고 [조코], 놓는 [논는], 싫다 [실타].
    if matches!(fin, f::H | f::NH | f::LH) {
        let rest = match fin {
            f::NH => f::N,
            f::LH => f::L,
            _ => f::NONE,
        };
        match ini {
            i::G | i::D | i::J => {
                out[index].final_ = rest;
                out[index + 1].initial = aspirate(ini);
            }
            i::S => out[index].final_ = rest,
            i::N => {
                if fin == f::LH {
                    out[index].final_ = f::L;
                    out[index + 1].initial = i::R;
                } else {
                    out[index].final_ = f::N;
                }
            }
            _ => out[index].final_ = neutralize(fin),
        }
        return;
    }

    // A consonant follows: neutralize, then ㄹ-nasalization, lateralization, nasalization.
    let mut stays = neutralize_before(word.get(index).copied(), fin, ini);
    if ini == i::R {
        if stays == f::N {
            if is_n_n_exception(word, index) {
                ini = i::N;
            } else {
                stays = f::L;
            }
        } else if stays != f::L && stays != f::NONE {
            ini = i::N;
        }
    }
    if stays == f::L && ini == i::N {
        ini = i::R;
    }
    if ini == i::N || ini == i::M {
        stays = match stays {
            f::G => f::NG,
            f::D => f::N,
            f::B => f::M,
            other => other,
        };
    }
    out[index].final_ = stays;
    out[index + 1].initial = ini;
}

/// What stays in the final and what moves to the next initial when a vowel
/// follows. ㄷ ㅌ before ㅣ become ㅈ ㅊ (해돋이 [해도지], 같이 [가치]).
fn carry_over(fin: u8, next_vowel: u8) -> (u8, Option<u8>) {
    let palatal = next_vowel == vowel::I;
    match fin {
        f::NONE | f::NG => (fin, None),
        f::H => (f::NONE, None),
        f::NH => (f::NONE, Some(i::N)),
        f::LH => (f::NONE, Some(i::R)),
        f::GS => (f::G, Some(i::S)),
        f::NJ => (f::N, Some(i::J)),
        f::LG => (f::L, Some(i::G)),
        f::LM => (f::L, Some(i::M)),
        f::LB => (f::L, Some(i::B)),
        f::LS => (f::L, Some(i::S)),
        f::LT => (f::L, Some(if palatal { i::CH } else { i::T })),
        f::LP => (f::L, Some(i::P)),
        f::BS => (f::B, Some(i::S)),
        f::D if palatal => (f::NONE, Some(i::J)),
        f::T if palatal => (f::NONE, Some(i::CH)),
        other => (f::NONE, final_as_initial(other)),
    }
}

/// The initial consonant a simple final becomes when carried over.
fn final_as_initial(fin: u8) -> Option<u8> {
    Some(match fin {
        f::G => i::G,
        f::KK => i::KK,
        f::N => i::N,
        f::D => i::D,
        f::L => i::R,
        f::M => i::M,
        f::B => i::B,
        f::S => i::S,
        f::SS => i::SS,
        f::J => i::J,
        f::CH => i::CH,
        f::K => i::K,
        f::T => i::T,
        f::P => i::P,
        _ => return None,
    })
}

/// Reduces a final to one of the seven representative sounds (word-final or
/// before a consonant).
pub fn neutralize(fin: u8) -> u8 {
    match fin {
        f::G | f::KK | f::GS | f::LG | f::K => f::G,
        f::N | f::NJ | f::NH => f::N,
        f::D | f::S | f::SS | f::J | f::CH | f::T | f::H => f::D,
        f::L | f::LB | f::LS | f::LT | f::LH => f::L,
        f::M | f::LM => f::M,
        f::B | f::BS | f::LP | f::P => f::B,
        f::NG => f::NG,
        _ => f::NONE,
    }
}

/// Neutralization with the two cluster exceptions of the standard: ㄺ before ㄱ
/// keeps ㄹ (맑게 [말께]), and 밟 keeps ㅂ (밟다 [밥따]).
fn neutralize_before(syllable: Option<Syllable>, fin: u8, next_initial: u8) -> u8 {
    if fin == f::LG && next_initial == i::G {
        return f::L;
    }
    if fin == f::LB && syllable.and_then(Syllable::to_char) == Some('밟') {
        return f::B;
    }
    neutralize(fin)
}

fn aspirate(initial: u8) -> u8 {
    match initial {
        i::G => i::K,
        i::D => i::T,
        i::B => i::P,
        i::J => i::CH,
        other => other,
    }
}

/// True when the ㅎ syllable at `index` starts a verb suffix, where ㄱ ㄷ ㅂ ㅈ + ㅎ
/// are aspirated in writing: passive/causative 히 (굳히다, 잡혀) or 하 followed by
/// a verb ending (착하다). Nouns (묵호, 집현전, 북한) keep the ㅎ.
fn is_verb_suffix(word: &[Syllable], index: usize) -> bool {
    let Some(s) = word.get(index) else {
        return false;
    };
    let suffix_hi = (s.vowel == vowel::I && matches!(s.final_, f::NONE | f::N | f::L | f::M))
        || (s.vowel == vowel::YEO && matches!(s.final_, f::NONE | f::SS));
    if suffix_hi {
        return true;
    }
    let ha = matches!(
        (s.vowel, s.final_),
        (vowel::A, f::NONE) | (vowel::AE, f::NONE) | (vowel::AE, f::SS) | (vowel::A, f::B)
    );
    let ending = word
        .get(index + 1)
        .and_then(|next| next.to_char())
        .is_some_and(|c| "다고지게여서는면며니네기자요도였죠세던든겠시".contains(c));
    ha && ending
}

/// ㄴ+ㄹ read [ㄴㄴ] (의견란 [의견난], 신문로 [신문노]): a one-syllable suffix
/// starting with ㄹ after a word of two or more syllables. Otherwise [ㄹㄹ].
fn is_n_n_exception(word: &[Syllable], index: usize) -> bool {
    index >= 1
        && word
            .get(index + 1)
            .and_then(|s| s.to_char())
            .is_some_and(|c| "란량력로론료류".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::romanize::hangul::syllables;

    fn pron(word: &str) -> String {
        pronounce(&syllables(word))
            .iter()
            .filter_map(|s| s.to_char())
            .collect()
    }

    #[test]
    fn assimilation() {
        assert_eq!(pron("종로"), "종노");
        assert_eq!(pron("신라"), "실라");
        assert_eq!(pron("왕십리"), "왕심니");
        assert_eq!(pron("별내"), "별래");
        assert_eq!(pron("백마"), "뱅마");
        assert_eq!(pron("신문로"), "신문노");
        assert_eq!(pron("대관령"), "대괄령");
        assert_eq!(pron("독립문"), "동님문");
    }

    #[test]
    fn insertion_palatalization_aspiration() {
        assert_eq!(pron("학여울"), "항녀울");
        assert_eq!(pron("알약"), "알략");
        assert_eq!(pron("해돋이"), "해도지");
        assert_eq!(pron("같이"), "가치");
        assert_eq!(pron("굳히다"), "구치다");
        assert_eq!(pron("좋고"), "조코");
        assert_eq!(pron("잡혀"), "자펴");
        assert_eq!(pron("묵호"), "묵호");
        assert_eq!(pron("없었습니다"), "업섣슴니다");
        assert_eq!(pron("값이"), "갑시");
        assert_eq!(pron("좋아"), "조아");
    }

    #[test]
    fn carry_over_in_names() {
        let s: String = carry_over_only(&syllables("석우"))
            .iter()
            .filter_map(|s| s.to_char())
            .collect();
        assert_eq!(s, "서구");
        let s: String = carry_over_only(&syllables("복남"))
            .iter()
            .filter_map(|s| s.to_char())
            .collect();
        assert_eq!(s, "복남");
    }
}
