//! Korean personal names: splitting surname from given name and writing them
//! in RR name style and MR name style.
//!
//! RR rule 3.4: surname first, a space, the given name written together
//! (hyphen allowed between its syllables), and no sound change inside the given
//! name (한복남 Han Boknam, not Han Bongnam). Rule 3.4(2) leaves the spelling of
//! surnames to a separate decision, so the name style uses the conventional
//! spelling people actually carry (이 Lee, 박 Park), from `surnames.tsv`.

use super::hangul::{Syllable, compose, syllables};
use super::mr::write_mr_letters;
use super::pronounce::{carry_over_only, neutralize};
use super::rr::write_rr_letters;
use super::tables::{SURNAMES, Surname};
use super::text::capitalize_from;

/// A Hangul name split into surname and given name.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NameParts {
    /// Surname in Hangul (강, 남궁).
    pub surname: String,
    /// Given name in Hangul (기정).
    pub given: String,
}

/// Every romanization of one Korean name.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NameRomanizations {
    /// Surname in Hangul; empty when the text does not start with a known surname.
    pub surname: String,
    /// Given name in Hangul (or the whole text when there is no surname).
    pub given: String,
    /// RR name style with the conventional surname spelling: "Han Boknam".
    pub rr: String,
    /// Same with a hyphen between given-name syllables: "Han Bok-nam".
    pub rr_hyphenated: String,
    /// Strict RR of the surname syllables ("Gim" for 김), for reference.
    pub surname_rr: String,
    /// MR name style: "Kim Chŏng-ŭn".
    pub mr: String,
    /// MR name style without breves and apostrophes: "Kim Chong-un".
    pub mr_ascii: String,
    /// Conventional spellings of the surname, most common first
    /// ("Lee", "Yi", "Rhee" ...); empty for a surname not in the table.
    pub surname_spellings: Vec<String>,
}

/// Splits a Hangul name into surname and given name. Two-syllable surnames
/// (남궁, 황보, 제갈 ...) win in names of three or more syllables, except the
/// few marked `split-1+2` in `surnames.tsv` (선우진 = 선 + 우진). A space in the
/// input ("남궁 민") is taken as the split. `None` when the first syllable(s)
/// are not a known surname or the text is not a 2–5 syllable Hangul name.
pub fn split_name(hangul: &str) -> Option<NameParts> {
    let text = compose(hangul);
    let text = text.trim();
    if let Some((surname, given)) = text.split_once(char::is_whitespace) {
        let given: String = given.split_whitespace().collect();
        let all_hangul = |s: &str| !s.is_empty() && s.chars().all(super::hangul::is_syllable);
        if all_hangul(surname) && all_hangul(&given) && SURNAMES.by_hangul.contains_key(surname) {
            return Some(NameParts {
                surname: surname.to_string(),
                given,
            });
        }
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    if !(2..=5).contains(&chars.len()) || !chars.iter().all(|&c| super::hangul::is_syllable(c)) {
        return None;
    }
    let first: String = chars[..1].iter().collect();
    let first_two: String = chars[..2].iter().collect();
    let single = SURNAMES
        .by_hangul
        .get(&first)
        .map(|&i| &SURNAMES.entries[i]);
    let double = SURNAMES
        .by_hangul
        .get(&first_two)
        .map(|&i| &SURNAMES.entries[i]);
    let use_double = match double {
        Some(entry) if chars.len() >= 3 => {
            !(chars.len() == 3 && entry.split_one_plus_two && single.is_some())
        }
        _ => false,
    };
    let surname_len = if use_double {
        2
    } else if single.is_some() && chars.len() <= 4 {
        1
    } else {
        return None;
    };
    Some(NameParts {
        surname: chars[..surname_len].iter().collect(),
        given: chars[surname_len..].iter().collect(),
    })
}

/// True when the text has the shape of a Korean personal name: 2–4 Hangul
/// syllables starting with a surname of `surnames.tsv` (5 with a two-syllable
/// surname). Only a prior: 가방 (bag) passes too, so the entity linker should
/// combine it with alignment evidence, never use it alone.
pub fn looks_like_korean_name(hangul: &str) -> bool {
    split_name(hangul).is_some_and(|parts| {
        let given = parts.given.chars().count();
        (1..=3).contains(&given)
    })
}

/// The surname table entry for a Hangul surname.
pub fn surname_entry(surname: &str) -> Option<&'static Surname> {
    SURNAMES
        .by_hangul
        .get(surname)
        .and_then(|&i| SURNAMES.entries.get(i))
}

/// All romanizations of a name. Text that does not start with a known surname
/// (세종, a king's name) is written as one name-style word with an empty
/// surname, so the function never fails; use [`split_name`] when that matters.
pub fn romanize_name(hangul: &str) -> NameRomanizations {
    let text = compose(hangul);
    let parts = split_name(&text).unwrap_or_else(|| NameParts {
        surname: String::new(),
        given: text.chars().filter(|c| !c.is_whitespace()).collect(),
    });
    let surname_syllables = syllables(&parts.surname);
    let given_syllables = syllables(&parts.given);
    let entry = surname_entry(&parts.surname);

    let surname_rr = entry.map_or_else(
        || {
            let mut out = String::new();
            write_rr_letters(&isolated(&surname_syllables), false, &mut out);
            capitalize_from(&mut out, 0);
            out
        },
        |e| e.rr.clone(),
    );
    let surname_conventional = entry.map_or_else(|| surname_rr.clone(), |e| e.conventional.clone());

    let given_rr = given_rr(&given_syllables, false);
    let given_rr_hyphenated = given_rr_with_hyphens(&given_syllables);

    let surname_mr = entry.map_or_else(
        || {
            let mut out = String::new();
            write_mr_letters(&isolated(&surname_syllables), None, false, &mut out);
            capitalize_from(&mut out, 0);
            out
        },
        |e| e.mr.clone(),
    );
    let given_mr_text = given_mr(&given_syllables, false);
    let given_mr_ascii = given_mr(&given_syllables, true);
    let surname_mr_ascii: String = surname_mr
        .chars()
        .filter(|&c| c != '\'')
        .map(|c| match c {
            'ŏ' => 'o',
            'ŭ' => 'u',
            'Ŏ' => 'O',
            'Ŭ' => 'U',
            other => other,
        })
        .collect();

    NameRomanizations {
        rr: join_name(&surname_conventional, &given_rr),
        rr_hyphenated: join_name(&surname_conventional, &given_rr_hyphenated),
        surname_rr,
        mr: join_name(&surname_mr, &given_mr_text),
        mr_ascii: join_name(&surname_mr_ascii, &given_mr_ascii),
        surname_spellings: entry.map_or_else(Vec::new, |e| {
            e.spellings.iter().map(|s| capitalized(s)).collect()
        }),
        surname: parts.surname,
        given: parts.given,
    }
}

fn join_name(surname: &str, given: &str) -> String {
    match (surname.is_empty(), given.is_empty()) {
        (true, _) => given.to_string(),
        (_, true) => surname.to_string(),
        _ => format!("{surname} {given}"),
    }
}

fn capitalized(text: &str) -> String {
    let mut out = text.to_string();
    capitalize_from(&mut out, 0);
    out
}

/// Syllables with each final reduced as if the syllable stood alone.
fn isolated(run: &[Syllable]) -> Vec<Syllable> {
    run.iter()
        .map(|s| Syllable {
            final_: neutralize(s.final_),
            ..*s
        })
        .collect()
}

/// Given name written together: no sound change, but a final before a vowel is
/// carried over as rule 2.2 spells it (석우 Seogu).
pub fn given_rr(run: &[Syllable], hyphens: bool) -> String {
    if hyphens {
        return given_rr_with_hyphens(run);
    }
    let mut out = String::new();
    write_rr_letters(&carry_over_only(run), false, &mut out);
    capitalize_from(&mut out, 0);
    out
}

/// Given name with a hyphen between syllables, each written as if alone.
fn given_rr_with_hyphens(run: &[Syllable]) -> String {
    let mut out = String::new();
    for (index, s) in isolated(run).iter().enumerate() {
        if index > 0 {
            out.push('-');
        }
        write_rr_letters(std::slice::from_ref(s), false, &mut out);
    }
    capitalize_from(&mut out, 0);
    out
}

/// MR name style: syllables joined by hyphens, no assimilation, but voicing of
/// the initial after a voiced sound (Tae-jung, Myŏng-bak), the first syllable
/// voiceless (Chŏng-ŭn).
fn given_mr(run: &[Syllable], ascii: bool) -> String {
    let mut out = String::new();
    let mut previous = None;
    for (index, s) in isolated(run).iter().enumerate() {
        if index > 0 {
            out.push('-');
        }
        write_mr_letters(std::slice::from_ref(s), previous, ascii, &mut out);
        previous = Some(*s);
    }
    capitalize_from(&mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_one_and_two_syllable_surnames() {
        let split = |s: &str| split_name(s).map(|p| (p.surname, p.given));
        assert_eq!(split("강기정"), Some(("강".into(), "기정".into())));
        assert_eq!(split("남궁민수"), Some(("남궁".into(), "민수".into())));
        assert_eq!(split("남궁민"), Some(("남궁".into(), "민".into())));
        assert_eq!(split("선우진"), Some(("선".into(), "우진".into())));
        assert_eq!(split("선우은숙"), Some(("선우".into(), "은숙".into())));
        assert_eq!(split("황보 승희"), Some(("황보".into(), "승희".into())));
        assert_eq!(split("대한민국"), None);
        assert_eq!(split("김"), None);
        assert_eq!(split("Kim"), None);
        assert_eq!(split(""), None);
    }

    #[test]
    fn name_style_rr_without_sound_change() {
        let name = romanize_name("한복남");
        assert_eq!(name.rr, "Han Boknam");
        assert_eq!(name.rr_hyphenated, "Han Bok-nam");
        assert_eq!(romanize_name("홍빛나").rr, "Hong Bitna");
        assert_eq!(romanize_name("홍빛나").rr_hyphenated, "Hong Bit-na");
        assert_eq!(romanize_name("민용하").rr, "Min Yongha");
        assert_eq!(romanize_name("송나리").rr_hyphenated, "Song Na-ri");
        assert_eq!(romanize_name("김석우").rr, "Kim Seogu");
        assert_eq!(romanize_name("김석우").rr_hyphenated, "Kim Seok-u");
    }

    #[test]
    fn conventional_surnames() {
        let name = romanize_name("이민호");
        assert_eq!(name.rr, "Lee Minho");
        assert_eq!(name.surname_rr, "I");
        assert_eq!(name.surname_spellings[..3], ["Lee", "Yi", "Rhee"]);
        assert_eq!(romanize_name("남궁민수").rr, "Namgung Minsu");
    }

    #[test]
    fn mr_name_style() {
        let name = romanize_name("김정은");
        assert_eq!(name.mr, "Kim Chŏng-ŭn");
        assert_eq!(name.mr_ascii, "Kim Chong-un");
        assert_eq!(romanize_name("김대중").mr, "Kim Tae-jung");
        assert_eq!(romanize_name("이명박").mr, "Yi Myŏng-bak");
        assert_eq!(romanize_name("김일성").mr, "Kim Il-sŏng");
        assert_eq!(romanize_name("최규하").mr, "Ch'oe Kyu-ha");
        assert_eq!(romanize_name("최규하").mr_ascii, "Choe Kyu-ha");
    }

    #[test]
    fn name_prior() {
        assert!(looks_like_korean_name("강기정"));
        assert!(looks_like_korean_name("제갈성렬"));
        assert!(!looks_like_korean_name("서울특별시청"));
        assert!(!looks_like_korean_name("트럼프"));
    }
}
