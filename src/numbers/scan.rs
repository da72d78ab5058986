//! What both languages' parsers share: the text as normalized chars with byte offsets,
//! digit literals (`1,200`, `426.9`), and the draft a parser fills before it becomes a
//! [`Quantity`].

use super::tables::{Hedge, Tables};
use super::{Currency, Kind, Quantity};

/// Stands for "no char here" (before the start, past the end). Real NULs are read as spaces.
pub(crate) const NONE: char = '\0';

/// Literals longer than this are identifiers or noise, not amounts.
const MAX_DIGITS: usize = 30;

/// The text as chars, with look-alikes folded (full-width digits, `∼`/`〜` for `~`, dashes),
/// and the byte offset of each char so spans can be reported in the original text.
pub(crate) struct Text<'a> {
    src: &'a str,
    chars: Vec<char>,
    /// `offsets[i]` is the byte offset of char `i`; one extra entry holds `src.len()`.
    offsets: Vec<usize>,
}

impl<'a> Text<'a> {
    pub fn new(src: &'a str) -> Self {
        let mut chars = Vec::with_capacity(src.len());
        let mut offsets = Vec::with_capacity(src.len() + 1);
        for (byte, c) in src.char_indices() {
            chars.push(fold(c));
            offsets.push(byte);
        }
        offsets.push(src.len());
        Text {
            src,
            chars,
            offsets,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// The char at `i`, or [`NONE`] outside the text (so look-around needs no bounds checks).
    pub fn at(&self, i: usize) -> char {
        self.chars.get(i).copied().unwrap_or(NONE)
    }

    /// The char before `i`, or [`NONE`] at the start.
    pub fn before(&self, i: usize) -> char {
        i.checked_sub(1).map_or(NONE, |j| self.at(j))
    }

    /// Byte offset of char `i` (the text length past the end).
    pub fn byte(&self, i: usize) -> usize {
        self.offsets.get(i).copied().unwrap_or(self.src.len())
    }

    /// The original text of chars `i..j`.
    pub fn slice(&self, i: usize, j: usize) -> &'a str {
        self.src.get(self.byte(i)..self.byte(j)).unwrap_or("")
    }

    /// Whether the chars from `i` on are `pat`.
    pub fn starts_with(&self, i: usize, pat: &[char]) -> bool {
        i.checked_add(pat.len())
            .and_then(|end| self.chars.get(i..end))
            .is_some_and(|s| s == pat)
    }

    /// Whether the chars from `i` on spell `pat`.
    pub fn starts_with_str(&self, i: usize, pat: &str) -> bool {
        (i..).zip(pat.chars()).all(|(k, c)| self.at(k) == c)
    }

    /// Whether the chars just before `i` are `pat`; returns where `pat` starts.
    pub fn ends_with(&self, i: usize, pat: &[char]) -> Option<usize> {
        let start = i.checked_sub(pat.len())?;
        self.starts_with(start, pat).then_some(start)
    }

    /// `i` moved past one space, if there is one.
    pub fn skip_space(&self, i: usize) -> usize {
        if self.at(i) == ' ' { i + 1 } else { i }
    }

    /// `i` moved back over one space, if there is one (and not before `floor`).
    pub fn back_space(&self, i: usize, floor: usize) -> usize {
        if i > floor && self.before(i) == ' ' {
            i - 1
        } else {
            i
        }
    }

    /// The end of the run of digits, `.` and `,` that starts at `i` (what a failed number skips).
    pub fn digit_run_end(&self, i: usize) -> usize {
        let mut k = i;
        while self.at(k).is_ascii_digit()
            || (matches!(self.at(k), '.' | ',' | ':') && self.at(k + 1).is_ascii_digit())
        {
            k += 1;
        }
        k.max(i + 1)
    }
}

/// Folds the variants news text uses for the same sign.
fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '％' => '%',
        '，' => ',',
        '．' => '.',
        '：' => ':',
        '＄' => '$',
        '～' | '∼' | '〜' => '~',
        '‐' | '‑' | '‒' | '–' | '−' => '-',
        '’' | '‘' | '`' => '\'',
        '(' | '（' => '(',
        ')' | '）' => ')',
        c if c.is_whitespace() || c.is_control() => ' ',
        c => c,
    }
}

/// A Hangul syllable (가–힣).
pub(crate) fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// A number written in digits: `1,200`, `426.9`, `2024`.
#[derive(Debug, Clone)]
pub(crate) struct Literal {
    pub end: usize,
    /// Every digit, without separators or the decimal point.
    pub digits: String,
    /// How many of the digits come after the decimal point.
    pub frac: usize,
    /// Thousands separators were written (1,200): never a year.
    pub grouped: bool,
}

impl Literal {
    /// The value times 10^`exp` (computed from the digits, so 4269 × 10^8 and 426.9 × 10^9
    /// give the very same f64). `None` when not finite.
    pub fn scaled(&self, exp: i32) -> Option<f64> {
        let frac = i32::try_from(self.frac).ok()?;
        let v: f64 = format!("{}e{}", self.digits, exp.checked_sub(frac)?)
            .parse()
            .ok()?;
        v.is_finite().then_some(v)
    }

    pub fn value(&self) -> Option<f64> {
        self.scaled(0)
    }

    /// The power of ten of the last digit written (`426.9` → -1).
    pub fn prec_exp(&self) -> i32 {
        -i32::try_from(self.frac).unwrap_or(0)
    }

    /// A whole number without separators, as a small integer (years, days, hours).
    pub fn small_int(&self) -> Option<u32> {
        if self.frac != 0 || self.grouped || self.digits.len() > 9 {
            return None;
        }
        self.digits.parse().ok()
    }
}

/// Reads the digit literal at `i` (which must be a digit): digits, thousands separators
/// (a comma before exactly three digits), one decimal point. `None` for version-like runs
/// (`1.2.3`) and absurdly long ones.
pub(crate) fn literal(t: &Text, i: usize) -> Option<Literal> {
    if !t.at(i).is_ascii_digit() {
        return None;
    }
    let mut digits = String::new();
    let mut k = i;
    let mut group_len = 0;
    let mut grouped = false;
    loop {
        let c = t.at(k);
        if c.is_ascii_digit() {
            digits.push(c);
            group_len += 1;
            k += 1;
        } else if c == ','
            && (1..=3).contains(&group_len)
            && (grouped || digits.len() <= 3)
            && (1..=3).all(|d| t.at(k + d).is_ascii_digit())
            && !t.at(k + 4).is_ascii_digit()
        {
            grouped = true;
            group_len = 0;
            k += 1;
        } else {
            break;
        }
        if digits.len() > MAX_DIGITS {
            return None;
        }
    }
    if grouped && group_len != 3 {
        return None;
    }
    let mut frac = 0;
    if t.at(k) == '.' && t.at(k + 1).is_ascii_digit() {
        k += 1;
        while t.at(k).is_ascii_digit() {
            digits.push(t.at(k));
            frac += 1;
            k += 1;
            if digits.len() > MAX_DIGITS {
                return None;
            }
        }
        // 1.2.3 is a version, an address or a dotted date, not a decimal.
        if t.at(k) == '.' && t.at(k + 1).is_ascii_digit() {
            return None;
        }
    }
    Some(Literal {
        end: k,
        digits,
        frac,
        grouped,
    })
}

/// `2024.9.24`, `2024. 9. 24.`, `2024-09-24`: pushes a year and a date (two quantities, as
/// everywhere else) and returns where the date ends.
pub(crate) fn numeric_date(t: &Text, i: usize, drafts: &mut Vec<Draft>) -> Option<usize> {
    let year_end = i + 4;
    if (i..year_end).any(|k| !t.at(k).is_ascii_digit()) || t.at(year_end).is_ascii_digit() {
        return None;
    }
    let sep = t.at(year_end);
    if sep != '.' && sep != '-' {
        return None;
    }
    // Two or one digits, a separator (a space allowed after a dot), two or one digits.
    let part = |k: usize| -> Option<(u32, usize)> {
        let k = if sep == '.' { t.skip_space(k) } else { k };
        let len = (0..3).take_while(|d| t.at(k + d).is_ascii_digit()).count();
        if !(1..=2).contains(&len) || (sep == '-' && len != 2) {
            return None;
        }
        let v = (k..k + len).try_fold(0u32, |acc, j| Some(acc * 10 + t.at(j).to_digit(10)?))?;
        Some((v, k + len))
    };
    let (month, month_end) = part(year_end + 1)?;
    if t.at(month_end) != sep {
        return None;
    }
    let month_start = if sep == '.' {
        t.skip_space(year_end + 1)
    } else {
        year_end + 1
    };
    let (day, day_end) = part(month_end + 1)?;
    if t.at(day_end).is_ascii_digit()
        || (t.at(day_end) == '.' && t.at(day_end + 1).is_ascii_digit())
    {
        return None;
    }
    let year = (i..year_end).try_fold(0u32, |acc, j| Some(acc * 10 + t.at(j).to_digit(10)?))?;
    if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let (month, day) = (u8::try_from(month).ok()?, u8::try_from(day).ok()?);
    drafts.push(Draft::new(i, year_end, Kind::Year, f64::from(year)));
    let date = Kind::Date {
        month: Some(month),
        day: Some(day),
        weekday: None,
    };
    drafts.push(Draft::new(month_start, day_end, date, f64::from(day)));
    Some(day_end)
}

/// `15:30`, `3:05`: hour, minute and where the time ends.
pub(crate) fn colon_clock(t: &Text, i: usize) -> Option<(u8, u8, usize)> {
    let lit = literal(t, i)?;
    let hour = lit
        .small_int()
        .filter(|h| *h <= 24 && lit.digits.len() <= 2)?;
    let k = lit.end;
    let two = t.at(k) == ':' && t.at(k + 1).is_ascii_digit() && t.at(k + 2).is_ascii_digit();
    if !two || t.at(k + 3).is_ascii_digit() {
        return None;
    }
    let minute = t.at(k + 1).to_digit(10)? * 10 + t.at(k + 2).to_digit(10)?;
    (minute < 60).then_some((u8::try_from(hour).ok()?, u8::try_from(minute).ok()?, k + 3))
}

/// A currency sign or code just before `i` (`$`, `US$`, `€`, `KRW `), not reaching back past
/// `floor`: the currency and where the sign starts.
pub(crate) fn sign_before(
    t: &Text,
    tb: &Tables,
    i: usize,
    floor: usize,
) -> Option<(Currency, usize)> {
    let j = t.back_space(i, floor);
    tb.currency_signs.iter().find_map(|(sign, currency)| {
        let start = t.ends_with(j, sign)?;
        let clear = start >= floor && !t.before(start).is_ascii_alphanumeric();
        clear.then_some((*currency, start))
    })
}

/// A quantity being built, with char (not byte) positions.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub value: f64,
    pub max: Option<f64>,
    pub prec_exp: i32,
    pub unit: Option<String>,
    pub hedge: Hedge,
}

impl Draft {
    pub fn new(start: usize, end: usize, kind: Kind, value: f64) -> Self {
        Draft {
            start,
            end,
            kind,
            value,
            max: None,
            prec_exp: 0,
            unit: None,
            hedge: Hedge::default(),
        }
    }

    pub fn hedged(mut self, hedge: Hedge) -> Self {
        self.add_hedge(hedge);
        self
    }

    pub fn add_hedge(&mut self, hedge: Hedge) {
        self.hedge.approx |= hedge.approx;
        self.hedge.lower |= hedge.lower;
        self.hedge.upper |= hedge.upper;
    }

    /// The finished quantity, or `None` when a value is not finite or the span is empty.
    fn finish(self, t: &Text) -> Option<Quantity> {
        let precision = 10f64.powi(self.prec_exp.clamp(-30, 300));
        let valid = self.value.is_finite()
            && self.max.is_none_or(f64::is_finite)
            && precision.is_finite()
            && precision > 0.0
            && self.start < self.end;
        if !valid {
            return None;
        }
        Some(Quantity {
            start: t.byte(self.start),
            end: t.byte(self.end),
            text: t.slice(self.start, self.end).to_string(),
            kind: self.kind,
            value: self.value,
            max: self.max,
            precision,
            unit: self.unit,
            approximate: self.hedge.approx,
            lower_bound: self.hedge.lower,
            upper_bound: self.hedge.upper,
        })
    }
}

/// Turns drafts into quantities, keeping only valid ones that come in order without overlap.
pub(crate) fn finish_all(t: &Text, drafts: Vec<Draft>) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::with_capacity(drafts.len());
    let mut last_end = 0;
    for draft in drafts {
        if draft.start < last_end {
            continue;
        }
        let end = draft.end;
        if let Some(q) = draft.finish(t) {
            last_end = end;
            out.push(q);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Option<(String, usize, f64)> {
        let t = Text::new(s);
        literal(&t, 0).map(|l| (l.digits.clone(), l.frac, l.value().unwrap_or(f64::NAN)))
    }

    #[test]
    fn literals() {
        assert_eq!(lit("1,200명"), Some(("1200".into(), 0, 1200.0)));
        assert_eq!(lit("426.9 billion"), Some(("4269".into(), 1, 426.9)));
        assert_eq!(lit("12,345,678"), Some(("12345678".into(), 0, 12345678.0)));
        // A comma not followed by exactly three digits is punctuation.
        assert_eq!(lit("3,4"), Some(("3".into(), 0, 3.0)));
        assert_eq!(lit("1,2345"), Some(("1".into(), 0, 1.0)));
        assert_eq!(lit("1.2.3"), None);
        assert_eq!(lit(&"9".repeat(40)), None);
        assert_eq!(lit("１２"), Some(("12".into(), 0, 12.0)));
    }

    #[test]
    fn scaled_values_agree_across_notations() {
        let t = Text::new("4269 426.9");
        let a = literal(&t, 0).and_then(|l| l.scaled(8));
        let b = literal(&t, 5).and_then(|l| l.scaled(9));
        assert_eq!(a, Some(426_900_000_000.0));
        assert_eq!(a, b);
    }

    #[test]
    fn text_positions_are_bytes() {
        let t = Text::new("가1");
        assert_eq!(t.byte(1), 3);
        assert_eq!(t.byte(9), 4);
        assert_eq!(t.at(9), NONE);
        assert_eq!(t.slice(0, 2), "가1");
    }
}
