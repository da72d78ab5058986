//! English number expressions: digits with scales (`426.9 billion won`, `$1.5bn`), number
//! words (`twenty-five`, `a dozen`, `two million`, `hundreds of thousands of`), ordinals
//! (`4th`, `fourth`, `twenty-first`, `No. 1`), dates (`Sept. 24`, `24 September`, `the 24th`,
//! `on Tuesday`), years (`2024`, `the 1990s`), times (`3 p.m.`), durations (`a four-day
//! visit`, `five decades`), ages (`35-year-old`, `aged 35`, `Kim, 35,`) and hedges (`more than`,
//! `about`, `nearly`, `some`, `or more`).
//!
//! The text is cut into tokens (words, digit literals, signs) in one pass, then read left to
//! right; each reading looks a bounded number of tokens around it, so the work is linear.

use super::scan::{
    Draft, Literal, Text, colon_clock, finish_all, literal, numeric_date, sign_before,
};
use super::tables::{CalendarKind, CalendarUse, EnRole, EnUnit, Hedge, Tables, UnitKind, tables};
use super::{Kind, Quantity, Weekday};

pub(crate) fn extract(src: &str) -> Vec<Quantity> {
    let t = Text::new(src);
    let tb = tables();
    let toks = tokenize(&t);
    let mut r = Reader {
        t: &t,
        tb,
        toks: &toks,
        drafts: Vec::new(),
    };
    let mut i = 0;
    while i < toks.len() {
        let next = r.at(i).unwrap_or(i + 1);
        i = next.max(i + 1);
    }
    let drafts = r.drafts;
    finish_all(&t, drafts)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tk {
    Word,
    Num,
    Sym(char),
    /// A digit run that is no number (`1.2.3`, forty digits).
    Junk,
}

#[derive(Debug, Clone)]
struct Tok {
    kind: Tk,
    start: usize,
    end: usize,
    /// Whitespace before it (`four-day` has none before `-` or `day`).
    spaced: bool,
    /// The word in lowercase (empty for other tokens).
    lower: String,
    /// The word starts with a capital.
    cap: bool,
    lit: Option<Literal>,
}

/// Cuts the text into words, digit literals and single signs.
fn tokenize(t: &Text) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut i = 0;
    let mut spaced = true;
    while i < t.len() {
        let c = t.at(i);
        if c == ' ' {
            spaced = true;
            i += 1;
            continue;
        }
        let mut tok = Tok {
            kind: Tk::Sym(c),
            start: i,
            end: i + 1,
            spaced,
            lower: String::new(),
            cap: false,
            lit: None,
        };
        if c.is_alphabetic() {
            let mut k = i;
            while t.at(k).is_alphabetic()
                || (t.at(k) == '\'' && t.at(k + 1).is_alphabetic() && k > i)
            {
                k += 1;
            }
            tok.kind = Tk::Word;
            tok.end = k;
            tok.lower = t.slice(i, k).to_lowercase();
            tok.cap = c.is_uppercase();
        } else if c.is_ascii_digit() {
            match literal(t, i) {
                Some(lit) => {
                    tok.kind = Tk::Num;
                    tok.end = lit.end;
                    tok.lit = Some(lit);
                }
                None => {
                    tok.kind = Tk::Junk;
                    tok.end = t.digit_run_end(i);
                }
            }
        }
        i = tok.end.max(i + 1);
        toks.push(tok);
        spaced = false;
    }
    toks
}

/// A number before its unit: `426.9 billion`, `twenty-five`, `hundreds of thousands`.
#[derive(Debug, Clone)]
struct Core {
    /// First and one-past-last token.
    first: usize,
    end: usize,
    value: f64,
    max: Option<f64>,
    prec_exp: i32,
    /// A whole number written as one plain literal (`2024`, `24`) or as words.
    int: Option<u32>,
    /// Written in digits.
    digits: bool,
    /// Four plain digits (`2024`), so possibly a year.
    year_like: bool,
    /// A scale word followed (`1.5 billion`): an amount, never a year.
    scaled: bool,
    /// The power of ten of that scale word (9 for billion), 0 without one.
    scale_exp: i32,
    vague: bool,
}

struct Reader<'a> {
    t: &'a Text<'a>,
    tb: &'a Tables,
    toks: &'a [Tok],
    drafts: Vec<Draft>,
}

const VAGUE: Hedge = Hedge {
    approx: true,
    lower: true,
    upper: false,
};

impl<'a> Reader<'a> {
    fn tok(&self, i: usize) -> Option<&'a Tok> {
        self.toks.get(i)
    }

    /// The lowercase word at `i`, or "" when it is not a word.
    fn word(&self, i: usize) -> &'a str {
        match self.tok(i) {
            Some(tok) if tok.kind == Tk::Word => &tok.lower,
            _ => "",
        }
    }

    fn is_sym(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|tok| tok.kind == Tk::Sym(c))
    }

    /// Token `i` follows the one before it with no space.
    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|tok| !tok.spaced)
    }

    /// The word before token `i`, if `i` is not the first token.
    fn word_before(&self, i: usize) -> &'a str {
        i.checked_sub(1).map_or("", |j| self.word(j))
    }

    fn start_char(&self, i: usize) -> usize {
        self.tok(i).map_or(self.t.len(), |tok| tok.start)
    }

    fn end_char(&self, end_tok: usize) -> usize {
        end_tok
            .checked_sub(1)
            .and_then(|j| self.tok(j))
            .map_or(0, |tok| tok.end)
    }

    fn floor(&self) -> usize {
        self.drafts.last().map_or(0, |d| d.end)
    }

    /// The token starting at char `c`.
    fn tok_at_char(&self, c: usize) -> Option<usize> {
        let i = self.tok_from_char(c);
        (self.tok(i)?.start == c).then_some(i)
    }

    /// The first token that starts at or after char `c`.
    fn tok_from_char(&self, c: usize) -> usize {
        self.toks.partition_point(|tok| tok.start < c)
    }

    /// A lowercase word that names what a number counts (`companies`), not a function word.
    fn noun(&self, i: usize) -> Option<&str> {
        let tok = self.tok(i)?;
        let w = tok.lower.as_str();
        let plain = tok.kind == Tk::Word
            && !tok.cap
            && w.len() >= 2
            && w.chars().all(|c| c.is_ascii_lowercase());
        (plain && !self.tb.en_is(w, "function")).then_some(w)
    }

    fn calendar(&self, i: usize, kind: CalendarKind) -> Option<super::tables::CalendarWord> {
        let tok = self.tok(i)?;
        let word = self.tb.en_calendar.get(&tok.lower)?;
        (tok.cap && word.kind == kind).then_some(*word)
    }

    /// Reads a quantity at token `i`; returns the token after it.
    fn at(&mut self, i: usize) -> Option<usize> {
        let tok = self.tok(i)?;
        match tok.kind {
            Tk::Num => self.number(i),
            Tk::Word => {
                if let Some(end) = self.month(i) {
                    return Some(end);
                }
                if let Some(end) = self.weekday(i) {
                    return Some(end);
                }
                if let Some(end) = self.number_sign(i) {
                    return Some(end);
                }
                if let Some(end) = self.a_unit(i) {
                    return Some(end);
                }
                self.number(i)
            }
            _ => None,
        }
    }

    /// `No. 1`, `No.1`.
    fn number_sign(&mut self, i: usize) -> Option<usize> {
        let tok = self.tok(i)?;
        if tok.lower != "no" || !tok.cap {
            return None;
        }
        let j = if self.is_sym(i + 1, '.') {
            i + 2
        } else {
            i + 1
        };
        let num = self.tok(j).filter(|n| n.kind == Tk::Num)?;
        let value = num.lit.as_ref()?.small_int()?;
        let mut d = Draft::new(tok.start, num.end, Kind::Ordinal, f64::from(value));
        d.unit = Some("No.".to_string());
        self.drafts.push(d);
        Some(j + 1)
    }

    /// `for a week`, `an hour later`, `a year ago`: one of a time unit. Not a rate (`twice a
    /// day`, `$5 a day`) and not `a second` (the ordinal is as likely).
    fn a_unit(&mut self, i: usize) -> Option<usize> {
        if !matches!(self.word(i), "a" | "an") {
            return None;
        }
        let (unit, end) = self.unit_phrase(i + 1).filter(|(_, end)| *end == i + 2)?;
        let UnitKind::Duration(time) = unit.kind else {
            return None;
        };
        if self.word(i + 1) == "second" {
            return None;
        }
        let prev = i.checked_sub(1).and_then(|j| self.tok(j));
        let rate = prev.is_some_and(|p| {
            p.kind == Tk::Num
                || matches!(p.lower.as_str(), "once" | "twice" | "times" | "per")
                || self.tb.en_word(&p.lower, EnRole::Cardinal).is_some()
        });
        let ended_here = self
            .drafts
            .last()
            .is_some_and(|d| prev.is_some_and(|p| d.end == p.end));
        if rate || ended_here {
            return None;
        }
        let mut d = Draft::new(
            self.start_char(i),
            self.end_char(end),
            Kind::Duration { unit: time },
            unit.factor,
        );
        if let Some((hedge, first)) = self.hedge_before(i) {
            d.add_hedge(hedge);
            d.start = self.start_char(first);
        }
        self.drafts.push(d);
        Some(end)
    }

    /// `Tuesday`. In `Tuesday, Sept. 24` the weekday and the date are two quantities, as in
    /// Korean (`9월 24일(화)`), so each pairs with its counterpart.
    fn weekday(&mut self, i: usize) -> Option<usize> {
        let cal = self.calendar(i, CalendarKind::Weekday)?;
        let weekday = Weekday::from_number(cal.number)?;
        let start = self.start_char(i);
        let kind = Kind::Date {
            month: None,
            day: None,
            weekday: Some(weekday),
        };
        self.drafts.push(Draft::new(
            start,
            self.end_char(i + 1),
            kind,
            f64::from(cal.number),
        ));
        Some(i + 1)
    }

    /// `September 24`, `Sept. 24th`: month, day and the token after.
    fn month_day(&self, i: usize) -> Option<(u8, u8, usize)> {
        let cal = self.calendar(i, CalendarKind::Month)?;
        let mut j = i + 1;
        if self.is_sym(j, '.') && self.glued(j) {
            j += 1;
        }
        let num = self.tok(j).filter(|n| n.kind == Tk::Num)?;
        let lit = num.lit.as_ref()?;
        let day = lit
            .small_int()
            .filter(|d| (1..=31).contains(d) && lit.digits.len() <= 2)?;
        let mut end = j + 1;
        if self.glued(end) && matches!(self.word(end), "st" | "nd" | "rd" | "th") {
            end += 1;
        }
        Some((cal.number, u8::try_from(day).ok()?, end))
    }

    /// `September 24`, `Sept. 24`, `in September`, `May 2024` (the year is read next).
    fn month(&mut self, i: usize) -> Option<usize> {
        let cal = self.calendar(i, CalendarKind::Month)?;
        let start = self.start_char(i);
        if let Some((month, day, end)) = self.month_day(i) {
            let kind = Kind::Date {
                month: Some(month),
                day: Some(day),
                weekday: None,
            };
            self.drafts
                .push(Draft::new(start, self.end_char(end), kind, f64::from(day)));
            return Some(end);
        }
        let year_next = self
            .tok(i + 1)
            .and_then(|n| n.lit.as_ref())
            .and_then(Literal::small_int)
            .is_some_and(|y| (1000..=2999).contains(&y));
        let cued = self.tb.en_is(self.word_before(i), "month_cue");
        let counts = match cal.usage {
            CalendarUse::Free => true,
            CalendarUse::Guarded => year_next || cued,
            CalendarUse::Dated => false,
        };
        if !counts {
            return None;
        }
        let kind = Kind::Date {
            month: Some(cal.number),
            day: None,
            weekday: None,
        };
        self.drafts.push(Draft::new(
            start,
            self.end_char(i + 1),
            kind,
            f64::from(cal.number),
        ));
        Some(i + 1)
    }

    /// A number phrase starting at token `i` (digits or a number word), with what follows it.
    fn number(&mut self, i: usize) -> Option<usize> {
        let tok = self.tok(i)?;
        if tok.kind == Tk::Num {
            if self.identifier(i) {
                return None;
            }
            let mut drafts = std::mem::take(&mut self.drafts);
            let date = numeric_date(self.t, tok.start, &mut drafts);
            self.drafts = drafts;
            if let Some(end_char) = date {
                return Some(self.tok_from_char(end_char));
            }
            if let Some(end) = self.clock(i) {
                return Some(end);
            }
        } else if let Some(end) = self.word_only(i) {
            return Some(end);
        }
        let core = self.core(i)?;
        self.quantity(core)
    }

    /// Digits glued to letters or inside a name (`G20`, `COVID-19`, `F-35`, `5G`, `9/11`).
    fn identifier(&self, i: usize) -> bool {
        let prev_glued = self.glued(i) && i > 0;
        let prev = i.checked_sub(1).and_then(|j| self.tok(j));
        let word_before = prev_glued && prev.is_some_and(|p| p.kind == Tk::Word);
        let dashed = prev_glued
            && prev.is_some_and(|p| p.kind == Tk::Sym('-'))
            && self.glued(i - 1)
            && i.checked_sub(2)
                .and_then(|j| self.tok(j))
                .is_some_and(|w| w.kind == Tk::Word && !self.tb.en_is(&w.lower, "loose_word"));
        let slashed = (prev_glued && prev.is_some_and(|p| p.kind == Tk::Sym('/')))
            || (self.is_sym(i + 1, '/')
                && self.glued(i + 1)
                && self.tok(i + 2).is_some_and(|n| n.kind == Tk::Num));
        let letters_after =
            self.glued(i + 1) && self.tok(i + 1).is_some_and(|w| w.kind == Tk::Word && w.cap);
        let code_before = word_before && {
            let floor = self.floor();
            sign_before(self.t, self.tb, self.start_char(i), floor).is_some()
        };
        (word_before && !code_before) || dashed || slashed || letters_after
    }

    /// `3 p.m.`, `3pm`, `15:30`, `3:30 p.m.`.
    fn clock(&mut self, i: usize) -> Option<usize> {
        let tok = self.tok(i)?;
        let lit = tok.lit.as_ref()?;
        let (mut hour, minute, mut end) = match colon_clock(self.t, tok.start) {
            Some((h, m, end_char)) => (h, m, self.tok_from_char(end_char)),
            // 4.40 am (British)
            None if lit.frac == 2 && lit.digits.len() <= 4 && self.meridiem(i + 1).is_some() => {
                let (h, m) = lit.digits.split_at(lit.digits.len() - 2);
                let minute = m.parse::<u8>().ok().filter(|m| *m < 60)?;
                (h.parse::<u8>().ok()?, minute, i + 1)
            }
            None => (u8::try_from(lit.small_int()?).ok()?, 0, i + 1),
        };
        let meridiem = self.meridiem(end);
        let colon = end > i + 1 || lit.frac == 2;
        if meridiem.is_none() && !colon {
            return None;
        }
        if let Some((pm, after)) = meridiem {
            if hour == 0 || hour > 12 {
                return None;
            }
            hour = match (pm, hour) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            end = after;
        }
        let kind = Kind::Time {
            hour,
            minute,
            am_pm_unknown: meridiem.is_none() && hour <= 12,
        };
        let value = f64::from(hour) + f64::from(minute) / 60.0;
        self.drafts
            .push(Draft::new(tok.start, self.end_char(end), kind, value));
        Some(end)
    }

    /// `a.m.`, `p.m.`, `am`, `PM` at token `i`: is it p.m., and the token after.
    fn meridiem(&self, i: usize) -> Option<(bool, usize)> {
        match self.word(i) {
            "am" => return Some((false, i + 1)),
            "pm" => return Some((true, i + 1)),
            "a" | "p" if self.is_sym(i + 1, '.') && self.word(i + 2) == "m" => {
                let pm = self.word(i) == "p";
                let end = if self.is_sym(i + 3, '.') && self.glued(i + 3) {
                    i + 4
                } else {
                    i + 3
                };
                return Some((pm, end));
            }
            _ => {}
        }
        None
    }

    /// Words that are a whole quantity on their own: ordinals (`fourth`, `twenty-first`),
    /// multiples (`twice`, `doubled`) and fractions (`two-thirds`).
    fn word_only(&mut self, i: usize) -> Option<usize> {
        let w = self.word(i);
        let tb = self.tb;
        let start = self.start_char(i);
        if let Some(v) = tb.en_word(w, EnRole::Multiple) {
            let d = Draft::new(start, self.end_char(i + 1), Kind::Multiple, v);
            self.drafts.push(d);
            return Some(i + 1);
        }
        // A cardinal, a hyphen, then a denominator or an ordinal.
        if let Some(v) = tb.en_word(w, EnRole::Cardinal) {
            if self.is_sym(i + 1, '-') && self.glued(i + 1) && self.glued(i + 2) {
                let next = self.word(i + 2);
                if (1.0..=10.0).contains(&v)
                    && let Some(den) = tb.en_word(next, EnRole::Denominator)
                {
                    let mut d = Draft::new(start, self.end_char(i + 3), Kind::Fraction, v / den);
                    d.prec_exp = -3;
                    self.drafts.push(d);
                    return Some(i + 3);
                }
                let ord = tb.en_word(next, EnRole::Ordinal).filter(|o| *o < 10.0);
                if let Some(o) = ord.filter(|_| v >= 20.0 && v % 10.0 == 0.0) {
                    self.drafts.push(Draft::new(
                        start,
                        self.end_char(i + 3),
                        Kind::Ordinal,
                        v + o,
                    ));
                    return Some(i + 3);
                }
            }
            return None;
        }
        let v = tb.en_word(w, EnRole::Ordinal)?;
        if w == "second" {
            let time = tb.en_is(self.word_before(i), "not_second") && self.noun(i + 1).is_none();
            if time {
                return None;
            }
        }
        self.drafts
            .push(Draft::new(start, self.end_char(i + 1), Kind::Ordinal, v));
        Some(i + 1)
    }

    /// The number at token `i`: digits with an optional scale, or number words.
    fn core(&self, i: usize) -> Option<Core> {
        let tok = self.tok(i)?;
        let mut core = if tok.kind == Tk::Num {
            self.digit_core(i)?
        } else {
            self.word_core(i)?
        };
        // A range: 3-4, 3 to 4 billion.
        // "A to B" stays two quantities (Korean writes A에서 B, A부터 B까지), unless the scale is
        // written once for both (3 to 4 billion).
        let dash = self.is_sym(core.end, '-') && self.glued(core.end) && self.glued(core.end + 1);
        let to =
            (dash || (self.word(core.end) == "to" && core.scale_exp == 0)).then_some(core.end + 1);
        if let Some(j) = to {
            let upper = match self.tok(j) {
                Some(n) if n.kind == Tk::Num && core.digits => self.digit_core(j),
                Some(n) if n.kind == Tk::Word && !core.digits => self.word_core(j),
                _ => None,
            };
            let upper = upper.filter(|u| dash || u.scale_exp > 0);
            if let Some(mut upper) = upper {
                // 1950-53
                if let (Some(year), Some(short)) = (core.int, upper.int) {
                    let two = self
                        .tok(j)
                        .and_then(|n| n.lit.as_ref())
                        .is_some_and(|l| l.digits.len() == 2);
                    if core.year_like
                        && two
                        && (1000..=2999).contains(&year)
                        && short + year / 100 * 100 > year
                    {
                        upper.value = f64::from(short + year / 100 * 100);
                        upper.year_like = true;
                    }
                }
                // 3 to 4 billion: the scale written once covers both.
                let lower = if upper.scale_exp > 0 && core.scale_exp == 0 {
                    core.value * 10f64.powi(upper.scale_exp)
                } else {
                    core.value
                };
                if upper.value > lower && !upper.vague && !core.vague {
                    core.value = lower;
                    core.max = Some(upper.value);
                    core.end = upper.end;
                    core.prec_exp = core.prec_exp.min(upper.prec_exp);
                    core.scaled |= upper.scaled;
                    core.int = core.int.filter(|_| upper.int.is_some());
                    core.year_like &= upper.year_like;
                }
            }
        }
        Some(core)
    }

    /// `426.9`, `426.9 billion`, `$1.5bn`, `20k`.
    fn digit_core(&self, i: usize) -> Option<Core> {
        let tok = self.tok(i)?;
        let lit = tok.lit.as_ref()?;
        let mut core = Core {
            first: i,
            end: i + 1,
            value: lit.value()?,
            max: None,
            prec_exp: lit.prec_exp(),
            int: lit.small_int(),
            digits: true,
            year_like: lit.frac == 0 && !lit.grouped && lit.digits.len() == 4,
            scaled: false,
            scale_exp: 0,
            vague: false,
        };
        let next = self.word(i + 1);
        let glued = self.glued(i + 1);
        let scale = self.tb.en_word(next, EnRole::Scale).or_else(|| {
            let abbrev = self.tb.en_word(next, EnRole::Abbrev)?;
            // 300m may be metres: a one-letter scale needs a currency sign before it.
            let signed = sign_before(self.t, self.tb, tok.start, self.floor()).is_some();
            let ok = if next.len() == 1 {
                glued && signed
            } else {
                glued || next.len() >= 2
            };
            ok.then_some(abbrev)
        });
        if let Some(scale) = scale {
            let exp = scale.log10().round() as i32;
            core.value = lit.scaled(exp)?;
            core.prec_exp = lit.prec_exp() + exp;
            core.int = None;
            core.year_like = false;
            core.scaled = true;
            core.scale_exp = exp;
            core.end = i + 2;
        }
        Some(core)
    }

    /// `twenty-five`, `a hundred`, `two million`, `one hundred and twenty`, `a dozen`,
    /// `hundreds of thousands`, `several hundred`.
    fn word_core(&self, i: usize) -> Option<Core> {
        let tb = self.tb;
        let mut k = i;
        let mut core = Core {
            first: i,
            end: i,
            value: 0.0,
            max: None,
            prec_exp: 0,
            int: None,
            digits: false,
            year_like: false,
            scaled: false,
            scale_exp: 0,
            vague: false,
        };
        // Vague plurals: hundreds (of thousands) (of).
        if let Some(v) = tb.en_word(self.word(k), EnRole::Vague) {
            let mut value = v;
            k += 1;
            while self.word(k) == "of" {
                match tb.en_word(self.word(k + 1), EnRole::Vague) {
                    Some(more) if more > 10.0 => {
                        value *= more;
                        k += 2;
                    }
                    _ => break,
                }
            }
            if self.word(k) != "of" && v < 100.0 {
                return None; // "tens", "dozens", "scores" alone are not figures
            }
            core.value = value;
            core.prec_exp = value.log10().floor() as i32;
            core.vague = true;
            core.scaled = true;
            core.end = k;
            return Some(core);
        }
        // several hundred, a few thousand
        let few = match self.word(k) {
            "several" => Some(1),
            "a" if self.word(k + 1) == "few" => Some(2),
            _ => None,
        };
        if let Some(skip) = few {
            let w = self.word(k + skip);
            let scale = tb
                .en_word(w, EnRole::Scale)
                .or_else(|| tb.en_word(w, EnRole::Hundred))?;
            core.value = scale;
            core.prec_exp = scale.log10().round() as i32;
            core.vague = true;
            core.scaled = true;
            core.end = k + skip + 1;
            return Some(core);
        }
        let mut total = 0.0;
        let mut current = 0.0;
        let mut any = false;
        let mut last_scale = f64::INFINITY;
        // What the last word was: 0 none, 1 unit, 2 teen, 3 tens, 4 hundred, 5 scale or "a".
        let mut last = 0;
        if matches!(self.word(k), "a" | "an") {
            let next = self.word(k + 1);
            let leads = [EnRole::Hundred, EnRole::Scale, EnRole::Dozen]
                .iter()
                .any(|r| tb.en_word(next, *r).is_some());
            if !leads {
                return None;
            }
            current = 1.0;
            last = 1;
            k += 1;
        }
        loop {
            let w = self.word(k);
            if let Some(v) = tb.en_word(w, EnRole::Cardinal) {
                let ok = match last {
                    0 | 4 | 5 => true,
                    3 => v < 10.0 && v > 0.0,
                    _ => false,
                };
                if !ok {
                    break;
                }
                current += v;
                core.prec_exp = 0;
                last = if v >= 20.0 {
                    3
                } else if v >= 10.0 {
                    2
                } else {
                    1
                };
                k += 1;
                // twenty-five
                if last == 3
                    && self.is_sym(k, '-')
                    && self.glued(k)
                    && self.glued(k + 1)
                    && let Some(u) = tb
                        .en_word(self.word(k + 1), EnRole::Cardinal)
                        .filter(|u| *u > 0.0 && *u < 10.0)
                {
                    current += u;
                    last = 1;
                    k += 2;
                }
            } else if tb.en_word(w, EnRole::Hundred).is_some()
                && matches!(last, 1..=3)
                && current < 100.0
            {
                current *= 100.0;
                core.prec_exp = 2;
                last = 4;
                k += 1;
            } else if let Some(s) = tb.en_word(w, EnRole::Scale).filter(|s| *s < last_scale) {
                if !matches!(last, 1..=4) {
                    break;
                }
                total += current * s;
                current = 0.0;
                last_scale = s;
                core.prec_exp = s.log10().round() as i32;
                core.scale_exp = core.prec_exp;
                core.scaled = true;
                last = 5;
                k += 1;
            } else if let Some(d) = tb.en_word(w, EnRole::Dozen) {
                if !matches!(last, 1..=3) {
                    break;
                }
                current = current.max(1.0) * d;
                core.prec_exp = 0;
                last = 4;
                k += 1;
            } else if w == "and"
                && matches!(last, 4 | 5)
                && tb.en_word(self.word(k + 1), EnRole::Cardinal).is_some()
            {
                last = 5;
                k += 1;
            } else {
                break;
            }
            any = true;
        }
        if !any {
            return None;
        }
        // "one" as a pronoun: no one, the one, this one.
        if k == i + 1 && self.word(i) == "one" && tb.en_is(self.word_before(i), "not_one") {
            return None;
        }
        core.value = total + current;
        core.end = k;
        core.int = (core.value.fract() == 0.0 && core.value < 1e9).then_some(core.value as u32);
        Some(core)
    }

    /// The unit phrase starting at token `k` (`billion won` is read before; here `won`,
    /// `percent`, `-year-old`, `days`): the entry and the token after it.
    fn unit_phrase(&self, k: usize) -> Option<(&EnUnit, usize)> {
        let mut first = k;
        if self.is_sym(first, '-') && self.glued(first) && self.glued(first + 1) {
            first += 1;
        }
        let list = self.tb.en_units.get(self.word(first))?;
        'entries: for unit in list {
            let mut j = first;
            for (n, w) in unit.words.iter().enumerate() {
                if n > 0 {
                    // Words may be joined by hyphens: 35-year-old.
                    if self.is_sym(j, '-') && self.glued(j) && self.glued(j + 1) {
                        j += 1;
                    }
                }
                if self.word(j) != w.as_str() {
                    continue 'entries;
                }
                j += 1;
            }
            return Some((unit, j));
        }
        None
    }

    /// A hedge before token `first` (`more than`, `about`), not reaching back past the last
    /// quantity: its flags and first token.
    fn hedge_before(&self, first: usize) -> Option<(Hedge, usize)> {
        let last = first.checked_sub(1)?;
        let list = self.tb.en_before.get(self.word(last))?;
        let floor = self.floor();
        list.iter().find_map(|m| {
            let n = m.words.len();
            let start = (last + 1).checked_sub(n)?;
            let same = m
                .words
                .iter()
                .enumerate()
                .all(|(o, w)| self.word(start + o) == w.as_str());
            (same && self.start_char(start) >= floor).then_some((m.hedge, start))
        })
    }

    /// A hedge after token `k` (`or more`, `or so`, `-plus`): its flags and the token after.
    fn hedge_after(&self, k: usize) -> Option<(Hedge, usize)> {
        let first = if self.is_sym(k, '-') && self.glued(k) && self.glued(k + 1) {
            k + 1
        } else {
            k
        };
        let list = self.tb.en_after.get(self.word(first))?;
        list.iter().find_map(|m| {
            let same = m
                .words
                .iter()
                .enumerate()
                .all(|(o, w)| self.word(first + o) == w.as_str());
            same.then_some((m.hedge, first + m.words.len()))
        })
    }

    /// Decides what `core` measures from what surrounds it, and records it.
    fn quantity(&mut self, core: Core) -> Option<usize> {
        let tb = self.tb;
        let floor = self.floor();
        let first_char = self.start_char(core.first);
        let sign = if core.digits || core.vague {
            sign_before(self.t, tb, first_char, floor)
        } else {
            None
        };
        let mut start = sign.map_or(first_char, |(_, s)| s);
        let mut end = core.end;
        let mut hedge = if core.vague { VAGUE } else { Hedge::default() };
        let mut value = core.value;
        let mut max = core.max;
        let mut prec_exp = core.prec_exp;
        let mut unit_text = None;

        if let Some((h, after)) = self.hedge_after(end) {
            hedge = merge(hedge, h);
            end = after;
        }
        // "hundreds of people", "millions of dollars"
        let of = if core.vague && self.word(end) == "of" {
            end + 1
        } else {
            end
        };
        let ordinal_suffix = core.digits
            && self.glued(end)
            && matches!(self.word(end), "st" | "nd" | "rd" | "th")
            && core.value.fract() == 0.0
            && !core.scaled;
        let decade = core.year_like && self.glued(end) && self.word(end) == "s";

        let kind = if let Some((currency, _)) = sign {
            // $1.5 billion (dollars): a currency word after the sign is part of it.
            if let Some((u, after)) = self.unit_phrase(of)
                && matches!(u.kind, UnitKind::Money(_))
            {
                end = after;
            }
            Kind::Money { currency }
        } else if ordinal_suffix {
            end += 1;
            self.ordinal_or_day(&core, &mut end)
        } else if decade {
            end += 1;
            hedge.approx = true;
            prec_exp = 1;
            Kind::Year
        } else if self.is_sym(end, '%') {
            end += 1;
            Kind::Percent
        } else if let Some(currency) = self.sign_after(end) {
            end += 1;
            Kind::Money { currency }
        } else if let Some((u, after)) = self.unit_phrase(of) {
            end = after;
            value *= u.factor;
            max = max.map(|m| m * u.factor);
            prec_exp += u.factor.log10().round() as i32;
            unit_text = Some(u.words.join(" "));
            // 50 million pounds is money, 1,500 pounds a weight.
            let pounds = u.words.first().is_some_and(|w| w.starts_with("pound"));
            match u.kind {
                UnitKind::Measure if pounds && core.scale_exp >= 6 => Kind::Money {
                    currency: super::Currency::Pound,
                },
                UnitKind::Money(currency) => Kind::Money { currency },
                UnitKind::Percent => Kind::Percent,
                UnitKind::PercentPoint => Kind::PercentagePoint,
                UnitKind::Points => Kind::Points,
                UnitKind::Multiple => Kind::Multiple,
                UnitKind::Age => Kind::Age,
                UnitKind::Duration(unit) => Kind::Duration { unit },
                _ => Kind::Count,
            }
        } else if let Some((month, day, after)) = self.day_before_month(&core) {
            end = after;
            Kind::Date {
                month: Some(month),
                day: Some(day),
                weekday: None,
            }
        } else if self.is_age(&core) {
            Kind::Age
        } else if core.year_like
            && !core.scaled
            && core.int.is_some_and(|y| (1000..=2100).contains(&y))
            && !self.counted(of)
        {
            Kind::Year
        } else if let Some(noun) = self.noun(of) {
            // The noun stays outside the span: "131" of "131 companies".
            unit_text = Some(noun.to_string());
            Kind::Count
        } else {
            Kind::Plain
        };
        if let Some((h, after)) = self.hedge_after(end) {
            hedge = merge(hedge, h);
            end = after;
        }
        let first_tok = self.tok_at_char(start).unwrap_or(core.first);
        if let Some((h, s)) = self.hedge_before(first_tok) {
            hedge = merge(hedge, h);
            start = self.start_char(s);
        }
        if matches!(kind, Kind::Date { .. }) {
            // "the 24th" is read as a whole.
            if self.word_before(core.first) == "the" && start == first_char {
                start = self.start_char(core.first - 1).max(floor);
            }
            value = core.value;
            max = core.max;
            prec_exp = 0;
        }
        let mut d = Draft::new(start, self.end_char(end), kind, value).hedged(hedge);
        d.max = max;
        d.prec_exp = prec_exp;
        d.unit = unit_text;
        self.drafts.push(d);
        Some(end)
    }

    /// `4th`, `24th`: the 24th of September, on the 24th and a bare `the 24th` are days of the
    /// month; `the 4th edition`, `4th` elsewhere are ordinals.
    fn ordinal_or_day(&self, core: &Core, end: &mut usize) -> Kind {
        let Some(n) = core
            .int
            .or_else(|| (core.value <= 31.0).then_some(core.value as u32))
        else {
            return Kind::Ordinal;
        };
        let Ok(day) = u8::try_from(n) else {
            return Kind::Ordinal;
        };
        if !(1..=31).contains(&day) {
            return Kind::Ordinal;
        }
        if self.word(*end) == "of"
            && let Some(cal) = self.calendar(*end + 1, CalendarKind::Month)
        {
            *end += 2;
            return Kind::Date {
                month: Some(cal.number),
                day: Some(day),
                weekday: None,
            };
        }
        let the = self.word_before(core.first) == "the";
        let cued = the && core.first >= 2 && self.tb.en_is(self.word(core.first - 2), "day_cue");
        let noun_after =
            self.noun(*end).is_some() || self.calendar(*end, CalendarKind::Month).is_some();
        if cued || (the && day >= 13 && !noun_after) {
            Kind::Date {
                month: None,
                day: Some(day),
                weekday: None,
            }
        } else {
            Kind::Ordinal
        }
    }

    /// `24 September`, `24 Sept.`: the month, the day and the token after them.
    fn day_before_month(&self, core: &Core) -> Option<(u8, u8, usize)> {
        let day = core
            .int
            .filter(|d| (1..=31).contains(d) && core.digits && core.max.is_none())?;
        let day = u8::try_from(day).ok()?;
        let cal = self.calendar(core.end, CalendarKind::Month)?;
        let mut end = core.end + 1;
        if self.is_sym(end, '.') && self.glued(end) {
            end += 1;
        }
        Some((cal.number, day, end))
    }

    /// `aged 35`, `at age 35`, `Kim Min-su, 35, said`.
    fn is_age(&self, core: &Core) -> bool {
        if !core.int.is_some_and(|n| (1..=120).contains(&n)) {
            return false;
        }
        let i = core.first;
        if self.tb.en_is(self.word_before(i), "age_cue") {
            return true;
        }
        if i >= 2 && self.word(i - 1) == "of" && self.word(i - 2) == "age" {
            return true;
        }
        // The name may be hyphenated: Kim Min-su, 35.
        let name_before = |j: usize| {
            let word = |j: usize| self.tok(j).filter(|w| w.kind == Tk::Word);
            word(j).is_some_and(|w| w.cap)
                || (j >= 2
                    && self.is_sym(j - 1, '-')
                    && self.glued(j)
                    && word(j).is_some()
                    && word(j - 2).is_some_and(|w| w.cap))
        };
        let comma_before = i >= 2 && self.is_sym(i - 1, ',') && name_before(i - 2);
        let comma_after = self.is_sym(core.end, ',') || self.is_sym(core.end, ')');
        comma_before && comma_after && core.digits
    }

    /// A currency sign glued after an amount (`100€`).
    fn sign_after(&self, k: usize) -> Option<super::Currency> {
        let Tk::Sym(c) = self.tok(k).filter(|_| self.glued(k))?.kind else {
            return None;
        };
        self.tb
            .currency_signs
            .iter()
            .find(|(sign, _)| sign.as_slice() == [c])
            .map(|(_, cur)| *cur)
    }

    /// A noun after a four-digit number that makes it a count (`1500 people`), not a year
    /// (`the 1976 elections`).
    fn counted(&self, k: usize) -> bool {
        self.noun(k).is_some_and(|w| self.tb.en_is(w, "counted"))
    }
}

fn merge(a: Hedge, b: Hedge) -> Hedge {
    Hedge {
        approx: a.approx || b.approx,
        lower: a.lower || b.lower,
        upper: a.upper || b.upper,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Currency, Kind, TimeUnit, Weekday, extract_en};

    fn one(text: &str) -> (String, Kind, f64) {
        let found = extract_en(text);
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        let q = &found[0];
        (q.text.clone(), q.kind, q.value)
    }

    const WON: Kind = Kind::Money {
        currency: Currency::Won,
    };
    const DOLLAR: Kind = Kind::Money {
        currency: Currency::Dollar,
    };

    #[test]
    fn conversion_table() {
        let date = |month: Option<u8>, day: Option<u8>| Kind::Date {
            month,
            day,
            weekday: None,
        };
        let dur = |unit| Kind::Duration { unit };
        let cases: &[(&str, &str, Kind, f64)] = &[
            (
                "a 426.9 billion won budget",
                "426.9 billion won",
                WON,
                426.9e9,
            ),
            ("1 trillion won", "1 trillion won", WON, 1e12),
            ("1.2 trillion won", "1.2 trillion won", WON, 1.2e12),
            ("$1.5 billion", "$1.5 billion", DOLLAR, 1.5e9),
            ("$1.5bn", "$1.5bn", DOLLAR, 1.5e9),
            ("US$300m", "US$300m", DOLLAR, 3e8),
            (
                "50 million yuan",
                "50 million yuan",
                Kind::Money {
                    currency: Currency::Yuan,
                },
                5e7,
            ),
            (
                "€3 million",
                "€3 million",
                Kind::Money {
                    currency: Currency::Euro,
                },
                3e6,
            ),
            ("10,000 people", "10,000", Kind::Count, 1e4),
            ("131 companies", "131", Kind::Count, 131.0),
            ("12.7 percent", "12.7 percent", Kind::Percent, 12.7),
            ("12.7%", "12.7%", Kind::Percent, 12.7),
            (
                "3.5 percentage points",
                "3.5 percentage points",
                Kind::PercentagePoint,
                3.5,
            ),
            (
                "25 basis points",
                "25 basis points",
                Kind::PercentagePoint,
                0.25,
            ),
            ("a 9-point margin", "9-point", Kind::Points, 9.0),
            ("more than 160", "more than 160", Kind::Plain, 160.0),
            ("about 30 people", "about 30", Kind::Count, 30.0),
            ("nearly 200 cases", "nearly 200", Kind::Count, 200.0),
            ("some 40 firms", "some 40", Kind::Count, 40.0),
            (
                "September 24",
                "September 24",
                date(Some(9), Some(24)),
                24.0,
            ),
            ("Sept. 24", "Sept. 24", date(Some(9), Some(24)), 24.0),
            ("Sep 24", "Sep 24", date(Some(9), Some(24)), 24.0),
            (
                "24 September",
                "24 September",
                date(Some(9), Some(24)),
                24.0,
            ),
            ("on the 24th,", "the 24th", date(None, Some(24)), 24.0),
            (
                "the 24th of September",
                "the 24th of September",
                date(Some(9), Some(24)),
                24.0,
            ),
            ("in September", "September", date(Some(9), None), 9.0),
            ("in 2024", "2024", Kind::Year, 2024.0),
            ("the 1990s", "1990s", Kind::Year, 1990.0),
            ("the 4th edition", "4th", Kind::Ordinal, 4.0),
            ("the fourth", "fourth", Kind::Ordinal, 4.0),
            ("the 12th", "12th", Kind::Ordinal, 12.0),
            ("twenty-first", "twenty-first", Kind::Ordinal, 21.0),
            ("No. 1", "No. 1", Kind::Ordinal, 1.0),
            ("a four-day visit", "four-day", dur(TimeUnit::Days), 4.0),
            ("three-night", "three-night", dur(TimeUnit::Nights), 3.0),
            ("five hours", "five hours", dur(TimeUnit::Hours), 5.0),
            ("30 minutes", "30 minutes", dur(TimeUnit::Minutes), 30.0),
            (
                "more than five decades",
                "more than five decades",
                dur(TimeUnit::Years),
                50.0,
            ),
            ("a 35-year-old man", "35-year-old", Kind::Age, 35.0),
            ("aged 35", "35", Kind::Age, 35.0),
            ("Kim Min-su, 35, said", "35", Kind::Age, 35.0),
            ("35 years old", "35 years old", Kind::Age, 35.0),
            ("twenty people", "twenty", Kind::Count, 20.0),
            ("twenty-five", "twenty-five", Kind::Plain, 25.0),
            ("three hundred", "three hundred", Kind::Plain, 300.0),
            ("two million people", "two million", Kind::Count, 2e6),
            ("a dozen", "a dozen", Kind::Plain, 12.0),
            (
                "one hundred and twenty",
                "one hundred and twenty",
                Kind::Plain,
                120.0,
            ),
            ("hundreds of people", "hundreds", Kind::Count, 100.0),
            (
                "hundreds of billions of dollars",
                "hundreds of billions of dollars",
                DOLLAR,
                1e11,
            ),
            ("two-thirds", "two-thirds", Kind::Fraction, 2.0 / 3.0),
            ("ten times", "ten times", Kind::Multiple, 10.0),
            ("doubled", "doubled", Kind::Multiple, 2.0),
            (
                "3 p.m.",
                "3 p.m.",
                Kind::Time {
                    hour: 15,
                    minute: 0,
                    am_pm_unknown: false,
                },
                15.0,
            ),
            (
                "at 15:30",
                "15:30",
                Kind::Time {
                    hour: 15,
                    minute: 30,
                    am_pm_unknown: false,
                },
                15.5,
            ),
            (
                "on Tuesday",
                "Tuesday",
                Kind::Date {
                    month: None,
                    day: None,
                    weekday: Some(Weekday::Tuesday),
                },
                2.0,
            ),
        ];
        for (text, surface, kind, value) in cases {
            let (s, k, v) = one(text);
            assert_eq!((s.as_str(), k), (*surface, *kind), "{text}");
            assert!(
                (v - value).abs() <= value.abs() * 1e-12,
                "{text}: {v} != {value}"
            );
        }
    }

    #[test]
    fn precision_and_hedges() {
        let q = &extract_en("426.9 billion won")[0];
        assert_eq!(q.precision, 1e8);
        let q = &extract_en("more than 160")[0];
        assert!(q.approximate && q.lower_bound);
        let q = &extract_en("nearly 200")[0];
        assert!(q.approximate && q.upper_bound);
        let q = &extract_en("160 or more")[0];
        assert!(q.lower_bound && q.text == "160 or more");
        let q = &extract_en("3-4 percent")[0];
        assert_eq!((q.kind, q.value, q.max), (Kind::Percent, 3.0, Some(4.0)));
        let q = &extract_en("3 to 4 billion dollars")[0];
        assert_eq!((q.value, q.max), (3e9, Some(4e9)));
    }

    #[test]
    fn several_in_a_sentence() {
        let found = extract_en(
            "Tuesday, Sept. 24, 2024: 1.2 trillion won ($900 million) for 131 companies.",
        );
        let kinds: Vec<_> = found.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "Tuesday",
                "Sept. 24",
                "2024",
                "1.2 trillion won",
                "$900 million",
                "131"
            ]
        );
        assert_eq!(
            found[0].kind,
            Kind::Date {
                month: None,
                day: None,
                weekday: Some(Weekday::Tuesday)
            }
        );
    }

    #[test]
    fn words_that_are_not_numbers() {
        for text in [
            "No one came.",
            "the one who won",
            "You may go.",
            "March on!",
            "COVID-19 cases",
            "the G20 summit",
            "5G networks",
            "calculations a second.",
            "We won the game",
            "9/11",
            "a long day",
        ] {
            let found = extract_en(text);
            assert!(found.is_empty(), "{text}: {found:#?}");
        }
    }
}
