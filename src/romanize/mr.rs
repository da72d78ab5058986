//! McCune–Reischauer romanization, with and without diacritics.
//!
//! MR (1939) is still what North Korea (in its own variant), older literature
//! and many foreign newsrooms use: 김정은 Kim Chŏng-ŭn. It spells the same
//! pronounced syllables as RR but voices ㄱ ㄷ ㅂ ㅈ between voiced sounds (k/g,
//! t/d, p/b, ch/j), marks aspiration with an apostrophe (ch'), writes ŏ ŭ with a
//! breve and n'g where n and g meet. The ASCII form drops breves and
//! apostrophes (Kim Chong-un), as most English texts print it.

use super::hangul::{Syllable, final_ as f, initial as i, vowel as v};
use super::pronounce::pronounce;
use super::tables::JAMO;
use super::text::{AdminUnits, RunWriter, romanize_text};

/// MR of running text; `ascii` drops breves and apostrophes.
pub fn romanize_mr(text: &str, ascii: bool, capitalize: bool) -> String {
    romanize_text(text, &MrWriter { ascii, capitalize })
}

struct MrWriter {
    ascii: bool,
    capitalize: bool,
}

impl RunWriter for MrWriter {
    fn write_run(&self, run: &[Syllable], out: &mut String) {
        write_mr_letters(&pronounce(run), None, self.ascii, out);
    }
    /// Units are written voiced, as after a vowel (Chongno-gu, Kangnam-gu).
    fn unit(&self, unit: Syllable) -> String {
        let open = Syllable {
            initial: i::NONE,
            vowel: v::A,
            final_: f::NONE,
        };
        let mut out = String::new();
        write_mr_letters(&pronounce(&[unit]), Some(open), self.ascii, &mut out);
        out
    }
    fn capitalize(&self) -> bool {
        self.capitalize
    }
    fn admin_units(&self) -> AdminUnits {
        AdminUnits::Hyphenate
    }
}

/// MR letters of pronounced syllables. `previous` is the syllable written just
/// before (across a hyphen in names), which decides voicing of the first
/// initial; `None` means word-initial.
pub fn write_mr_letters(
    surface: &[Syllable],
    previous: Option<Syllable>,
    ascii: bool,
    out: &mut String,
) {
    let table = &*JAMO;
    let mut previous = previous;
    for &s in surface {
        let voiced_context =
            previous.is_some_and(|p| matches!(p.final_, f::NONE | f::N | f::M | f::NG | f::L));
        let initial: &str = match s.initial {
            i::G | i::D | i::B | i::J if voiced_context => match s.initial {
                i::G => "g",
                i::D => "d",
                i::B => "b",
                _ => "j",
            },
            i::R if previous.is_some_and(|p| p.final_ == f::L) => "l",
            i::S if s.vowel == v::WI => "sh",
            other => table
                .initials
                .get(other as usize)
                .map_or("", |l| l.mr.as_str()),
        };
        if s.initial == i::G && previous.is_some_and(|p| p.final_ == f::N) && !ascii {
            out.push('\'');
        }
        push_mr(initial, ascii, out);
        // ㅔ after an open a/o syllable is ë in MR (kaë), so it is not read as ae/oe.
        let after_open_a_or_o = previous
            .is_some_and(|p| p.final_ == f::NONE && matches!(p.vowel, v::A | v::O | v::WA))
            && s.initial == i::NONE;
        if s.vowel == v::E && after_open_a_or_o {
            out.push_str(if ascii { "e" } else { "ë" });
        } else if let Some(letters) = table.vowels.get(s.vowel as usize) {
            push_mr(&letters.mr, ascii, out);
        }
        if let Some(letters) = table.finals.get(s.final_ as usize) {
            out.push_str(&letters.mr);
        }
        previous = Some(s);
    }
}

/// Appends MR letters, folding ŏ ŭ to o u and dropping apostrophes in ASCII mode.
fn push_mr(letters: &str, ascii: bool, out: &mut String) {
    if !ascii {
        out.push_str(letters);
        return;
    }
    for c in letters.chars() {
        match c {
            'ŏ' => out.push('o'),
            'ŭ' => out.push('u'),
            'Ŏ' => out.push('O'),
            'Ŭ' => out.push('U'),
            '\'' => {}
            other => out.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voicing_aspiration_and_breves() {
        assert_eq!(romanize_mr("한국", false, true), "Han'guk");
        assert_eq!(romanize_mr("한국", true, true), "Hanguk");
        assert_eq!(romanize_mr("부산", false, true), "Pusan");
        assert_eq!(romanize_mr("대구", false, true), "Taegu");
        assert_eq!(romanize_mr("청주", false, true), "Ch'ŏngju");
        assert_eq!(romanize_mr("독립문", false, true), "Tongnimmun");
        assert_eq!(romanize_mr("신라", false, false), "silla");
        assert_eq!(romanize_mr("종로구", false, true), "Chongno-gu");
        assert_eq!(romanize_mr("없었습니다", true, false), "opsotsumnida");
    }
}
