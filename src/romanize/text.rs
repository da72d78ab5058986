//! Running text → romanized text: splits words, finds administrative units
//! and numbers, and hands each Hangul run to a system-specific writer.
//!
//! Sound changes never cross a space, so each whitespace-separated word is
//! romanized on its own. Inside a word, RR 3.5 puts administrative units after
//! a hyphen without sound change across it (종로구 Jongno-gu, not Jongnogu), and
//! writes a number before a unit with its reading (봉천1동 Bongcheon 1(il)-dong).
//! Everything that is not Hangul (Latin, digits, punctuation, emoji) is copied.

use super::hangul::{Syllable, compose};
use super::tables::ADMIN;

/// What to do with administrative units (도 시 군 구 읍 면 리 동 가) at the end of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AdminUnits {
    /// Write the unit after a hyphen: 도봉구 Dobong-gu (RR 3.5).
    #[default]
    Hyphenate,
    /// Also drop 시 군 읍, as RR 3.5 붙임 allows: 청주시 Cheongju.
    OmitSiGunEup,
    /// Treat the unit syllable like any other syllable (for common words).
    Ignore,
}

/// A system that writes one Hangul run (a word or a place-name base).
pub trait RunWriter {
    /// Appends the romanization of `run` (syllables of one word, no unit).
    fn write_run(&self, run: &[Syllable], out: &mut String);
    /// Romanization of a unit syllable (구 → "gu").
    fn unit(&self, unit: Syllable) -> String;
    /// Whether to capitalise each romanized word.
    fn capitalize(&self) -> bool;
    /// How administrative units are treated.
    fn admin_units(&self) -> AdminUnits;
}

/// One piece of a whitespace-free word.
enum Piece<'a> {
    Hangul(Vec<Syllable>),
    Digits(&'a str),
    Other(&'a str),
}

/// Romanizes running text with `writer`, keeping whitespace and non-Hangul as is.
pub fn romanize_text(text: &str, writer: &dyn RunWriter) -> String {
    let text = compose(text);
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest: &str = &text;
    while !rest.is_empty() {
        let space_len = rest.len() - rest.trim_start().len();
        out.push_str(&rest[..space_len]);
        rest = &rest[space_len..];
        let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        romanize_word(&rest[..word_len], writer, &mut out);
        rest = &rest[word_len..];
    }
    out
}

fn pieces(word: &str) -> Vec<Piece<'_>> {
    let mut result = Vec::new();
    let mut start = 0;
    let mut current: Option<u8> = None;
    for (index, c) in word.char_indices() {
        let class = char_class(c);
        if let Some(previous) = current
            && previous != class
        {
            result.push(make_piece(&word[start..index], previous));
            start = index;
        }
        current = Some(class);
    }
    if let Some(previous) = current {
        result.push(make_piece(&word[start..], previous));
    }
    result
}

fn make_piece(slice: &str, class: u8) -> Piece<'_> {
    match class {
        0 => Piece::Hangul(slice.chars().filter_map(Syllable::from_char).collect()),
        1 => Piece::Digits(slice),
        _ => Piece::Other(slice),
    }
}

fn char_class(c: char) -> u8 {
    if Syllable::from_char(c).is_some() {
        0
    } else if c.is_ascii_digit() {
        1
    } else {
        2
    }
}

fn romanize_word(word: &str, writer: &dyn RunWriter, out: &mut String) {
    let pieces = pieces(word);
    let admin = writer.admin_units();
    let mut index = 0;
    while index < pieces.len() {
        match &pieces[index] {
            Piece::Hangul(run) => {
                // 봉천1동: base, number, unit.
                if admin != AdminUnits::Ignore
                    && let (Some(Piece::Digits(digits)), Some(Piece::Hangul(unit))) =
                        (pieces.get(index + 1), pieces.get(index + 2))
                    && let Some(unit) = single_unit(unit, true)
                {
                    write_capitalized(without_ordinal(run), writer, out);
                    out.push(' ');
                    write_numbered_unit(digits, unit, writer, out);
                    index += 3;
                    continue;
                }
                write_place_or_word(run, writer, out);
            }
            Piece::Digits(digits) => {
                // 2가 in "종로 2가".
                if admin != AdminUnits::Ignore
                    && let Some(Piece::Hangul(unit)) = pieces.get(index + 1)
                    && let Some(unit) = single_unit(unit, true)
                {
                    write_numbered_unit(digits, unit, writer, out);
                    index += 2;
                    continue;
                }
                out.push_str(digits);
            }
            Piece::Other(other) => out.push_str(other),
        }
        index += 1;
    }
}

/// The base without a trailing ordinal 제 (당감제 → 당감), kept when it would
/// leave less than two syllables (홍제1동 is Hongje 1(il)-dong).
fn without_ordinal(run: &[Syllable]) -> &[Syllable] {
    match run.split_last() {
        Some((last, rest))
            if rest.len() >= 2 && last.to_char().is_some_and(|c| ADMIN.ordinals.contains(&c)) =>
        {
            rest
        }
        _ => run,
    }
}

/// The run as a single unit syllable (가 only when numbered).
fn single_unit(run: &[Syllable], numbered: bool) -> Option<Syllable> {
    let [unit] = run else {
        return None;
    };
    let c = unit.to_char()?;
    (ADMIN.units.contains_key(&c) && (numbered || c != '가')).then_some(*unit)
}

fn write_numbered_unit(digits: &str, unit: Syllable, writer: &dyn RunWriter, out: &mut String) {
    out.push_str(digits);
    if let Some(reading) = sino_korean_reading(digits) {
        out.push('(');
        let reading: Vec<Syllable> = reading.chars().filter_map(Syllable::from_char).collect();
        writer.write_run(&reading, out);
        out.push(')');
    }
    out.push('-');
    out.push_str(&writer.unit(unit));
}

/// Writes a Hangul run, splitting off an administrative unit when there is one.
fn write_place_or_word(run: &[Syllable], writer: &dyn RunWriter, out: &mut String) {
    let admin = writer.admin_units();
    if admin == AdminUnits::Ignore || run.len() < 2 {
        write_capitalized(run, writer, out);
        return;
    }
    let text: String = run.iter().filter_map(|s| s.to_char()).collect();
    if ADMIN.not_units.contains(&text) {
        write_capitalized(run, writer, out);
        return;
    }
    // 서울특별시 Seoul, 제주특별자치도 Jeju-do.
    for status in &ADMIN.dropped {
        if let Some(base) = text.strip_suffix(status.as_str())
            && !base.is_empty()
        {
            write_capitalized(&run[..base.chars().count()], writer, out);
            return;
        }
    }
    for (status, unit) in &ADMIN.replaced {
        if let Some(base) = text.strip_suffix(status.as_str())
            && !base.is_empty()
        {
            write_capitalized(&run[..base.chars().count()], writer, out);
            out.push('-');
            out.push_str(unit);
            return;
        }
    }
    let (base, last) = run.split_at(run.len() - 1);
    let unit_char = last.first().and_then(|s| s.to_char());
    let is_unit = unit_char.is_some_and(|c| ADMIN.units.contains_key(&c) && c != '가');
    let base_ok = base.len() >= 2
        || (matches!(unit_char, Some('구' | '면' | '읍'))
            && base
                .first()
                .and_then(|s| s.to_char())
                .is_some_and(|c| ADMIN.one_syllable_bases.contains(&c)));
    if !(is_unit && base_ok) {
        write_capitalized(run, writer, out);
        return;
    }
    write_capitalized(base, writer, out);
    let omit = admin == AdminUnits::OmitSiGunEup && matches!(unit_char, Some('시' | '군' | '읍'));
    if !omit && let Some(unit) = last.first() {
        out.push('-');
        out.push_str(&writer.unit(*unit));
    }
}

fn write_capitalized(run: &[Syllable], writer: &dyn RunWriter, out: &mut String) {
    let start = out.len();
    writer.write_run(run, out);
    if writer.capitalize() {
        capitalize_from(out, start);
    }
}

/// Uppercases the first character written at or after byte `start`.
pub fn capitalize_from(out: &mut String, start: usize) {
    let Some(first) = out.get(start..).and_then(|s| s.chars().next()) else {
        return;
    };
    if first.is_lowercase() {
        let upper: String = first.to_uppercase().collect();
        out.replace_range(start..start + first.len_utf8(), &upper);
    }
}

/// Sino-Korean reading of a number of at most 8 digits (12 → 십이), used for
/// numbered administrative units; `None` for longer numbers.
pub fn sino_korean_reading(digits: &str) -> Option<String> {
    const DIGITS: [&str; 10] = ["영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"];
    const SMALL_UNITS: [&str; 4] = ["", "십", "백", "천"];
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: u64 = digits.parse().ok()?;
    if value == 0 {
        return Some(DIGITS[0].to_string());
    }
    let mut reading = String::new();
    let groups = [(value / 10_000, "만"), (value % 10_000, "")];
    for (group, big_unit) in groups {
        if group == 0 {
            continue;
        }
        for position in (0..4).rev() {
            let digit = (group / 10u64.pow(position)) % 10;
            if digit == 0 {
                continue;
            }
            if digit != 1 || position == 0 {
                reading.push_str(DIGITS[digit as usize]);
            }
            reading.push_str(SMALL_UNITS[position as usize]);
        }
        reading.push_str(big_unit);
    }
    Some(reading)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_in_sino_korean() {
        assert_eq!(sino_korean_reading("1").as_deref(), Some("일"));
        assert_eq!(sino_korean_reading("12").as_deref(), Some("십이"));
        assert_eq!(sino_korean_reading("105").as_deref(), Some("백오"));
        assert_eq!(sino_korean_reading("20000").as_deref(), Some("이만"));
        assert_eq!(sino_korean_reading("123456789"), None);
        assert_eq!(sino_korean_reading(""), None);
    }
}
