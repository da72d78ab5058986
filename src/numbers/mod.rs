//! Numbers, amounts and dates in Korean and English text, and their comparison.
//!
//! A Korean news article writes `4269억원`, `160여 곳`, `9월 24일`, `3박 4일`; its English
//! version writes `426.9 billion won`, `more than 160`, `September 24`, `a four-day,
//! three-night visit`. This module finds such expressions ([`extract_ko`], [`extract_en`]),
//! turns each into a [`Quantity`] with a comparable value (억 = 10^8, billion = 10^9, so both
//! of the first pair are 4.269 × 10^11 won), and pairs the two sides ([`compare`]): the sentence
//! aligner scores shared numbers as evidence ([`similarity`]), the entity report lists them, and
//! the review export flags the ones that disagree (`6192억원` vs `619.3 billion won`).
//!
//! Extraction never panics and runs in time linear in the text; values are always finite.

mod compare;
mod en;
mod ko;
mod scan;
mod tables;

use serde::{Deserialize, Serialize};

/// One number expression found in a text, with its value in a form both languages share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Byte offset of the first byte of the expression in the text (a char boundary).
    pub start: usize,
    /// Byte offset just past the expression (a char boundary).
    pub end: usize,
    /// The expression as written, hedges included (`160여 곳`, `more than 160`).
    pub text: String,
    /// What the number measures; values of different kinds are never compared as equal.
    pub kind: Kind,
    /// The normalized value: `4269억원` → 426_900_000_000.0, `12.7%` → 12.7, `3박` → 3.0.
    /// For a [`Kind::Date`], the day of the month, else the month, else the weekday;
    /// for a [`Kind::Time`], hours since midnight (15.5 for 3:30 p.m.).
    pub value: f64,
    /// The upper end of a range (`24~26일`, `3-4 percent`, `두세 명`), when one was written.
    pub max: Option<f64>,
    /// The place value of the last digit written (`426.9 billion` → 10^8, `1조` → 10^12,
    /// `12.7%` → 0.1): the comparison rounds to it, since a translator may round.
    pub precision: f64,
    /// The counter, noun or unit the number counts, as written (`명`, `곳`, `companies`), when any.
    pub unit: Option<String>,
    /// The figure is not exact: hedged (`약`, `여`, `about`, `more than`) or vague (`수백`, `hundreds of`).
    pub approximate: bool,
    /// The true figure is at least the value (`160여`, `이상`, `more than`, `at least`, `hundreds of`).
    pub lower_bound: bool,
    /// The true figure is at most the value (`미만`, `최대`, `nearly`, `up to`, `less than`).
    pub upper_bound: bool,
}

/// What a [`Quantity`] measures. Serialized with a `type` tag: `{"type": "money", "currency": "won"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Kind {
    /// An amount of money (`4269억원`, `$1.5 billion`).
    Money {
        /// The currency named or signed next to it.
        currency: Currency,
    },
    /// A number of things, people, places (`131개`, `15개사`, `10,000 people`, `두 명`).
    Count,
    /// A percentage (`12.7%`, `12.7 percent`).
    Percent,
    /// A difference between percentages (`3.5%포인트`, `3.5 percentage points`, `25bp`).
    PercentagePoint,
    /// Points on an index, a poll margin or a score (`30포인트`, `a 9-point margin`).
    Points,
    /// A multiple (`10배`, `ten times`, `doubled`).
    Multiple,
    /// A calendar date or part of one (`9월 24일`, `24일`, `Sept. 24`, `on Tuesday`). The year is
    /// a separate [`Kind::Year`] quantity, and a weekday written beside a date (`9월 24일(화)`,
    /// `Tuesday, Sept. 24`) a separate weekday-only date, so each pairs with its counterpart
    /// whatever order and grouping each language uses.
    Date {
        /// Month 1–12, when written.
        month: Option<u8>,
        /// Day of the month 1–31, when written.
        day: Option<u8>,
        /// Weekday, when written.
        weekday: Option<Weekday>,
    },
    /// A calendar year (`2024년`, `in 2024`, `1990년대` / `the 1990s` as approximate).
    Year,
    /// A time of day (`오후 3시`, `3 p.m.`, `15:30`).
    Time {
        /// Hour 0–24 on a 24-hour clock (3 p.m. → 15).
        hour: u8,
        /// Minute 0–59.
        minute: u8,
        /// No morning/afternoon was written (`3시`), so 3 may also mean 15.
        am_pm_unknown: bool,
    },
    /// A length of time (`3박`, `4일간`, `5시간`, `four-day`, `five hours`, `five decades` = 50 years).
    Duration {
        /// The unit the value is in.
        unit: TimeUnit,
    },
    /// A person's (or thing's) age (`35세`, `만 35세`, `김모(34)씨`, `35-year-old`, `aged 35`).
    Age,
    /// A position in a series or a rank (`제4회`, `4번째`, `1위`, `fourth`, `4th`, `No. 1`).
    Ordinal,
    /// A fraction (`3분의 2`, `two-thirds`); the value is the ratio (0.667).
    Fraction,
    /// A number with nothing said about what it counts.
    Plain,
}

/// A currency, as named or signed in either language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Currency {
    /// Korean won (`원`, `won`, `₩`, `KRW`).
    Won,
    /// US dollar (`달러`, `$`, `dollars`, `USD`).
    Dollar,
    /// Japanese yen (`엔`, `yen`, `¥`).
    Yen,
    /// Chinese yuan (`위안`, `yuan`, `renminbi`).
    Yuan,
    /// Euro (`유로`, `euros`, `€`).
    Euro,
    /// Pound sterling (`파운드`, `pounds`, `£`).
    Pound,
    /// Any other currency (rubles, HK$…): only equal amounts in "other" are paired.
    Other,
}

/// The unit of a [`Kind::Duration`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Nights of a stay (`3박`, `three-night`).
    Nights,
    /// Days (`4일간`, `four-day`, `이틀`).
    Days,
    /// Hours.
    Hours,
    /// Minutes.
    Minutes,
    /// Seconds.
    Seconds,
    /// Weeks.
    Weeks,
    /// Months (`6개월`, `six months`).
    Months,
    /// Years (`50년간`, `five decades` = 50).
    Years,
}

/// A day of the week, Monday first (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// 월요일.
    Monday,
    /// 화요일.
    Tuesday,
    /// 수요일.
    Wednesday,
    /// 목요일.
    Thursday,
    /// 금요일.
    Friday,
    /// 토요일.
    Saturday,
    /// 일요일.
    Sunday,
}

impl Weekday {
    /// The weekday numbered 1 (Monday) to 7 (Sunday), as in the data tables.
    pub fn from_number(n: u8) -> Option<Weekday> {
        use Weekday::*;
        [
            Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday,
        ]
        .get(usize::from(n).checked_sub(1)?)
        .copied()
    }

    /// 1 (Monday) to 7 (Sunday).
    pub fn number(self) -> u8 {
        self as u8 + 1
    }
}

/// The result of pairing the quantities of a Korean and an English sentence (or article):
/// what agrees, what a reviewer must check, and what has no counterpart.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Pairs that say the same thing (`4269억원` / `426.9 billion won`, `160여 곳` / `more than 160`).
    pub matched: Vec<Pair>,
    /// Pairs of the same kind and role whose values differ (`6192억원` / `619.3 billion won`):
    /// what the review export flags.
    pub mismatched: Vec<Pair>,
    /// Pairs that may refer to the same thing but cannot be checked (`9월 24일` / `on Tuesday`):
    /// neither agreement nor conflict.
    pub undetermined: Vec<Pair>,
    /// Indices into the Korean quantities that have no English counterpart.
    pub unpaired_ko: Vec<usize>,
    /// Indices into the English quantities that have no Korean counterpart.
    pub unpaired_en: Vec<usize>,
}

impl Comparison {
    /// True when nothing disagrees (unpaired quantities are not disagreements: translators drop
    /// and add figures).
    pub fn is_consistent(&self) -> bool {
        self.mismatched.is_empty()
    }
}

/// A Korean quantity paired with an English one, by index into the slices given to [`compare`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    /// Index into the Korean quantities.
    pub ko: usize,
    /// Index into the English quantities.
    pub en: usize,
    /// How the two relate.
    pub agreement: Agreement,
}

/// How two paired quantities relate, from the strongest agreement to the kinds of conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// Same kind, same value (`1조원` / `1 trillion won`).
    Exact,
    /// Same value once rounded to the precision the English wrote (`4269억 2000만원` / `426.9 billion won`).
    Rounded,
    /// Close enough for a hedged figure (`160여 곳` / `about 165`).
    Approximate,
    /// A date whose written parts agree, with parts missing on one side (`24일` / `September 24`).
    Partial,
    /// Same value, related kinds (`24일` / `the 24th`, `세 번` / `three times`, `4,500년` / `4,500-year-old`).
    Related,
    /// Conflict: same kind and role, different values (`6192억원` / `619.3 billion won`).
    Different,
    /// Conflict: the same digits off by a power of ten (`4269억원` / `42.69 billion won`).
    Magnitude,
    /// Conflict: the same figure with a different unit (`3.5%포인트` / `3.5 percent`).
    Unit,
    /// Cannot be checked (`9월 24일` / `Tuesday`).
    Unknown,
}

impl Quantity {
    /// How much a shared value of this quantity says that two sentences correspond: an amount
    /// of money or a full date is rare and telling, a bare `2` is common and says little.
    pub fn weight(&self) -> f64 {
        compare::weight(self)
    }

    /// The value in words a reviewer reads at a glance, the same for both languages:
    /// `426.9 billion won`, `12.7%`, `September 24`, `3 nights`.
    pub fn describe(&self) -> String {
        compare::describe(self)
    }
}

/// Finds the numbers, amounts, dates, counts, percentages, years and ordinals in Korean text
/// (`4269억원`, `160여 곳`, `9월 24일`, `3박 4일`, `제4회`, `세 번째`, `오후 3시`), in text order,
/// with non-overlapping byte spans. Words like 올해 and 내년 are not numbers.
pub fn extract_ko(text: &str) -> Vec<Quantity> {
    ko::extract(text)
}

/// Finds the numbers, amounts, dates, counts, percentages, years and ordinals in English text
/// (`426.9 billion won`, `more than 160`, `Sept. 24`, `a four-day visit`, `the 4th`, `No. 1`),
/// in text order, with non-overlapping byte spans.
pub fn extract_en(text: &str) -> Vec<Quantity> {
    en::extract(text)
}

/// Pairs Korean quantities with English ones: matches (same kind, compatible value, rounding to
/// the English precision), mismatches (same kind and role, different value), undetermined pairs
/// and what is left on each side. Each quantity is in at most one pair.
pub fn compare(ko: &[Quantity], en: &[Quantity]) -> Comparison {
    compare::compare(ko, en)
}

/// How much numeric evidence says a Korean and an English sentence correspond, in [0, 1]:
/// the weighted share of quantities that pair up (Dice over [`Quantity::weight`]; partial
/// credit for loose and conflicting pairs). 0 when either side has no quantities — the aligner
/// should give "numbers on one side only" its own feature. Cheap: meant to be called for every
/// candidate bead, on quantities extracted once per sentence.
pub fn similarity(ko: &[Quantity], en: &[Quantity]) -> f64 {
    compare::similarity(ko, en)
}
