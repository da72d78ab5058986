//! Revised Romanization of Korean (국어의 로마자 표기법, 2000; MCST notice
//! 2014-42): the pronunciation-based standard mode and the spelling-based
//! transliteration mode of rule 3.8.

use std::sync::LazyLock;

use super::hangul::{Syllable, final_ as f, initial as i};
use super::pronounce::pronounce;
use super::tables::JAMO;
use super::text::{AdminUnits, RunWriter, romanize_text};

/// Options of the standard RR mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RrOptions {
    /// Hyphen where the letters could be split into syllables another way
    /// (rule 3.2: 중앙 Jung-ang, 반구대 Ban-gudae, 해운대 Hae-undae). On by
    /// default, as in the rule's examples; official place-name lists mostly
    /// leave it out (Jungang-dong), so matching ignores hyphens anyway.
    pub ambiguity_hyphens: bool,
    /// Administrative units (rule 3.5).
    pub admin_units: AdminUnits,
    /// Capitalise each word, as for proper nouns (rule 3.3).
    pub capitalize: bool,
}

impl Default for RrOptions {
    fn default() -> Self {
        RrOptions {
            ambiguity_hyphens: true,
            admin_units: AdminUnits::Hyphenate,
            capitalize: false,
        }
    }
}

/// RR of running text: sound changes inside each word, units and numbers as
/// in rule 3.5, everything that is not Hangul copied unchanged.
pub fn romanize_rr(text: &str, options: &RrOptions) -> String {
    romanize_text(text, &RrWriter { options: *options })
}

/// RR transliteration (rule 3.8): letter by letter from the spelling so that
/// the Hangul can be restored (없었습니다 eobs-eoss-seubnida). Meant for
/// dictionaries and library catalogues, not for news text.
pub fn romanize_rr_translit(text: &str) -> String {
    romanize_text(text, &TranslitWriter)
}

struct RrWriter {
    options: RrOptions,
}

impl RunWriter for RrWriter {
    fn write_run(&self, run: &[Syllable], out: &mut String) {
        write_rr_letters(&pronounce(run), self.options.ambiguity_hyphens, out);
    }
    fn unit(&self, unit: Syllable) -> String {
        let mut out = String::new();
        write_rr_letters(&pronounce(&[unit]), false, &mut out);
        out
    }
    fn capitalize(&self) -> bool {
        self.options.capitalize
    }
    fn admin_units(&self) -> AdminUnits {
        self.options.admin_units
    }
}

/// RR letters of pronounced syllables (finals already reduced to the seven
/// representatives). ㄹ is r before a vowel and l elsewhere, ㄹㄹ is ll.
pub fn write_rr_letters(surface: &[Syllable], ambiguity_hyphens: bool, out: &mut String) {
    let table = &*JAMO;
    let mut previous: Option<Syllable> = None;
    for &s in surface {
        if let Some(prev) = previous
            && ambiguity_hyphens
            && is_ambiguous_join(prev, s)
        {
            out.push('-');
        }
        if s.initial == i::R && previous.is_some_and(|p| p.final_ == f::L) {
            out.push('l');
        } else if let Some(letters) = table.initials.get(s.initial as usize) {
            out.push_str(&letters.rr);
        }
        if let Some(letters) = table.vowels.get(s.vowel as usize) {
            out.push_str(&letters.rr);
        }
        if let Some(letters) = table.finals.get(s.final_ as usize) {
            out.push_str(&letters.rr);
        }
        previous = Some(s);
    }
}

/// Rule 3.2: a join is ambiguous when the letters could be re-split: ng + vowel
/// (jung-ang vs jun-gang), n + g (ban-gu vs bang-u), or two vowels whose letters
/// form another vowel (se-un vs seu-n, hae-un vs ha-eun).
fn is_ambiguous_join(prev: Syllable, next: Syllable) -> bool {
    match (prev.final_, next.initial) {
        (f::NG, i::NONE) => true,
        (f::N, i::G) => true,
        (f::NONE, i::NONE) => VOWEL_OVERLAP
            .get(prev.vowel as usize * 21 + next.vowel as usize)
            .copied()
            .unwrap_or(false),
        _ => false,
    }
}

/// For each pair of vowels (a, b): can a suffix of a's letters and a prefix of
/// b's letters form another RR vowel (e + u = eu)?
static VOWEL_OVERLAP: LazyLock<Vec<bool>> = LazyLock::new(|| {
    let vowels: Vec<&str> = JAMO.vowels.iter().map(|v| v.rr.as_str()).collect();
    let mut table = vec![false; 21 * 21];
    for (a, first) in vowels.iter().enumerate() {
        for (b, second) in vowels.iter().enumerate() {
            let overlap = (1..=first.len()).any(|k| {
                let tail = &first[first.len() - k..];
                (1..=second.len()).any(|l| {
                    let joined = format!("{tail}{}", &second[..l]);
                    vowels.contains(&joined.as_str())
                })
            });
            if let Some(cell) = table.get_mut(a * 21 + b) {
                *cell = overlap;
            }
        }
    }
    table
});

struct TranslitWriter;

impl RunWriter for TranslitWriter {
    fn write_run(&self, run: &[Syllable], out: &mut String) {
        write_translit(run, out);
    }
    fn unit(&self, unit: Syllable) -> String {
        let mut out = String::new();
        write_translit(&[unit], &mut out);
        out
    }
    fn capitalize(&self) -> bool {
        false
    }
    fn admin_units(&self) -> AdminUnits {
        AdminUnits::Ignore
    }
}

/// Rule 3.8: each jamo by its spelling (ㄱ ㄷ ㅂ ㄹ always g d b l), a hyphen
/// before a silent ㅇ and wherever the letters of a final and the next initial
/// could be split another way (eoss-seub: ss|s or s|ss).
fn write_translit(run: &[Syllable], out: &mut String) {
    let table = &*JAMO;
    let mut previous: Option<Syllable> = None;
    for &s in run {
        let initial = table
            .initials
            .get(s.initial as usize)
            .map_or("", |l| l.translit.as_str());
        if let Some(prev) = previous {
            let final_letters = table
                .finals
                .get(prev.final_ as usize)
                .map_or("", |l| l.translit.as_str());
            if s.initial == i::NONE || is_ambiguous_translit(final_letters, initial) {
                out.push('-');
            }
        }
        out.push_str(initial);
        if let Some(letters) = table.vowels.get(s.vowel as usize) {
            out.push_str(&letters.translit);
        }
        if let Some(letters) = table.finals.get(s.final_ as usize) {
            out.push_str(&letters.translit);
        }
        previous = Some(s);
    }
}

/// True when `final_letters + initial_letters` can also be read as another
/// (final, initial) pair of transliteration letters.
fn is_ambiguous_translit(final_letters: &str, initial_letters: &str) -> bool {
    let table = &*JAMO;
    let joined = format!("{final_letters}{initial_letters}");
    (0..joined.len()).any(|cut| {
        cut != final_letters.len()
            && joined.is_char_boundary(cut)
            && table.finals.iter().any(|l| l.translit == joined[..cut])
            && table
                .initials
                .iter()
                .any(|l| !l.translit.is_empty() && l.translit == joined[cut..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rr(text: &str) -> String {
        romanize_rr(text, &RrOptions::default())
    }

    #[test]
    fn consonant_assimilation() {
        assert_eq!(rr("종로"), "jongno");
        assert_eq!(rr("신라"), "silla");
        assert_eq!(rr("왕십리"), "wangsimni");
        assert_eq!(rr("별내"), "byeollae");
        assert_eq!(rr("백마"), "baengma");
        assert_eq!(rr("신문로"), "sinmunno");
    }

    #[test]
    fn n_and_l_insertion() {
        assert_eq!(rr("학여울"), "hangnyeoul");
        assert_eq!(rr("알약"), "allyak");
    }

    #[test]
    fn palatalization() {
        assert_eq!(rr("해돋이"), "haedoji");
        assert_eq!(rr("같이"), "gachi");
        assert_eq!(rr("굳히다"), "guchida");
    }

    #[test]
    fn aspiration_but_not_in_nouns() {
        assert_eq!(rr("좋고"), "joko");
        assert_eq!(rr("놓다"), "nota");
        assert_eq!(rr("잡혀"), "japyeo");
        assert_eq!(rr("낳지"), "nachi");
        assert_eq!(rr("묵호"), "mukho");
        assert_eq!(rr("집현전"), "jiphyeonjeon");
    }

    #[test]
    fn tensification_not_written() {
        assert_eq!(rr("압구정"), "apgujeong");
        assert_eq!(rr("낙동강"), "nakdonggang");
        assert_eq!(rr("샛별"), "saetbyeol");
        assert_eq!(rr("울산"), "ulsan");
    }

    #[test]
    fn g_d_b_and_r_l_by_position() {
        assert_eq!(rr("구미"), "gumi");
        assert_eq!(rr("옥천"), "okcheon");
        assert_eq!(rr("백암"), "baegam");
        assert_eq!(rr("설악"), "seorak");
        assert_eq!(rr("칠곡"), "chilgok");
        assert_eq!(rr("울릉"), "ulleung");
        assert_eq!(rr("대관령"), "daegwallyeong");
        assert_eq!(rr("광희문"), "gwanghuimun");
    }

    #[test]
    fn hyphen_against_ambiguity() {
        assert_eq!(rr("중앙"), "jung-ang");
        assert_eq!(rr("반구대"), "ban-gudae");
        assert_eq!(rr("세운"), "se-un");
        assert_eq!(rr("해운대"), "hae-undae");
        let plain = RrOptions {
            ambiguity_hyphens: false,
            ..RrOptions::default()
        };
        assert_eq!(romanize_rr("해운대", &plain), "haeundae");
    }

    #[test]
    fn administrative_units() {
        assert_eq!(rr("종로구"), "jongno-gu");
        assert_eq!(rr("의정부시"), "uijeongbu-si");
        assert_eq!(rr("충청북도"), "chungcheongbuk-do");
        assert_eq!(rr("봉천1동"), "bongcheon 1(il)-dong");
        assert_eq!(rr("종로 2가"), "jongno 2(i)-ga");
        assert_eq!(rr("인왕리"), "inwang-ri");
        assert_eq!(rr("왕십리"), "wangsimni");
        assert_eq!(rr("독도"), "dokdo");
        assert_eq!(rr("서울특별시"), "seoul");
        let omit = RrOptions {
            admin_units: AdminUnits::OmitSiGunEup,
            capitalize: true,
            ..RrOptions::default()
        };
        assert_eq!(romanize_rr("청주시", &omit), "Cheongju");
        assert_eq!(romanize_rr("도봉구", &omit), "Dobong-gu");
    }

    #[test]
    fn capitalization_and_passthrough() {
        let proper = RrOptions {
            capitalize: true,
            ..RrOptions::default()
        };
        assert_eq!(romanize_rr("부산 해운대구", &proper), "Busan Hae-undae-gu");
        assert_eq!(rr("K팝 2024년!"), "Kpap 2024nyeon!");
        assert_eq!(rr(""), "");
        assert_eq!(rr("🙂 abc"), "🙂 abc");
    }

    #[test]
    fn transliteration_mode() {
        let cases = [
            ("집", "jib"),
            ("짚", "jip"),
            ("밖", "bakk"),
            ("값", "gabs"),
            ("붓꽃", "buskkoch"),
            ("먹는", "meogneun"),
            ("독립", "doglib"),
            ("문리", "munli"),
            ("물엿", "mul-yeos"),
            ("굳이", "gud-i"),
            ("좋다", "johda"),
            ("가곡", "gagog"),
            ("조랑말", "jolangmal"),
            ("없었습니다", "eobs-eoss-seubnida"),
        ];
        for (hangul, expected) in cases {
            assert_eq!(romanize_rr_translit(hangul), expected, "{hangul}");
        }
    }
}
