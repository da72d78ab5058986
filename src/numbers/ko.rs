//! Korean number expressions: Sino-Korean amounts with digit and unit mixes (`4269억원`,
//! `1조 2000억원`, `2천만 원`), native numerals before counters (`두 명`, `스무 살`, `세 번째`),
//! dates and times (`9월 24일(화)`, `지난 24일`, `오후 3시 30분`), stays (`3박 4일`), ordinals
//! (`제4회`, `1위`), ages (`35세`, `만 35세`, `김모(34)씨`) and hedges (`160여 곳`, `약`, `이상`).
//!
//! One left-to-right pass: at each digit, and at each Hangul word start, try to read a
//! quantity; every attempt looks a bounded distance ahead, and a failed digit run is skipped
//! whole, so the work is linear in the text.

use super::scan::{Draft, Text, finish_all, is_hangul, literal, numeric_date, sign_before};
use super::tables::{EnRole, Hedge, HedgePos, KoUnit, NativeRole, Tables, UnitKind, tables};
use super::{Kind, Quantity, TimeUnit, Weekday};

pub(crate) fn extract(src: &str) -> Vec<Quantity> {
    let t = Text::new(src);
    let tb = tables();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let c = t.at(i);
        let next = if c.is_ascii_digit() {
            digits_at(&t, tb, i, &mut drafts).unwrap_or_else(|| t.digit_run_end(i))
        } else if is_hangul(c) && !is_hangul(t.before(i)) {
            word_at(&t, tb, i, &mut drafts).unwrap_or(i + 1)
        } else {
            i + 1
        };
        i = next.max(i + 1);
    }
    finish_all(&t, drafts)
}

/// The hedge of a vague figure (`수백 명`): more than the value, not exact.
const VAGUE: Hedge = Hedge {
    approx: true,
    lower: true,
    upper: false,
};

/// A number before its unit: `4269억`, `1조 2000`, `24~26`, `스물다섯`, `수천억`.
#[derive(Debug, Clone)]
struct Core {
    start: usize,
    end: usize,
    value: f64,
    max: Option<f64>,
    prec_exp: i32,
    /// The number as a plain small integer when written as one (`2024`, `스무`), for the rules
    /// on years, months, days and hours; `None` for `1만`, `1,200`, `3.5`.
    int: Option<u32>,
    /// Written with digits (so `2024년` may be a year).
    digits: bool,
    /// `수백`, `수천억`: several of the unit.
    vague: bool,
    /// A native numeral: only native counters follow it.
    native: bool,
    /// Written with 만, 억 or 조 (an amount, as in 50억 파운드).
    big: bool,
}

/// Where the previous quantity ends: prefixes (`약`, `오후`, `제`) never reach back past it.
fn floor(drafts: &[Draft]) -> usize {
    drafts.last().map_or(0, |d| d.end)
}

/// A quantity that starts with a digit at `i`. Returns where it ends.
fn digits_at(t: &Text, tb: &Tables, i: usize, drafts: &mut Vec<Draft>) -> Option<usize> {
    let prev = t.before(i);
    let before_prev = t.before(i.saturating_sub(1));
    // Part of an identifier or a larger token: G20, F-35, 1.5.2.
    if prev.is_ascii_alphabetic()
        || (prev == '-' && before_prev.is_ascii_alphanumeric())
        || (matches!(prev, '.' | ',') && before_prev.is_ascii_digit())
    {
        return None;
    }
    if let Some(end) = numeric_date(t, i, drafts) {
        return Some(end);
    }
    if let Some(end) = year_month(t, tb, i, drafts) {
        return Some(end);
    }
    if let Some(end) = colon_time(t, tb, i, drafts) {
        return Some(end);
    }
    if prev == '('
        && is_hangul(before_prev)
        && let Some(end) = bracket_age(t, i, drafts)
    {
        return Some(end);
    }
    if prev == '제' && !is_hangul(t.before(i.saturating_sub(1))) && i > floor(drafts) {
        return je_ordinal(t, tb, i, drafts);
    }
    let core = sino(t, i, false)?;
    // Glued to a word (코로나19): only a counter or unit right after makes it a quantity.
    let glued = is_hangul(prev);
    quantity(t, tb, core, glued, drafts)
}

/// A quantity that starts a Hangul word at `i`: a weekday, a native numeral with its counter,
/// `첫`, `이틀`, or a unit-led amount (`만 명`, `수백 명`, `수천억 달러`).
fn word_at(t: &Text, tb: &Tables, i: usize, drafts: &mut Vec<Draft>) -> Option<usize> {
    if let Some(end) = weekday_word(t, tb, i, drafts) {
        return Some(end);
    }
    if let Some(end) = native(t, tb, i, drafts) {
        return Some(end);
    }
    if big_unit(t.at(i)).is_some() || small_unit(t.at(i)).is_some() || t.at(i) == '수' {
        let core = sino(t, i, true)?;
        // 만 명, 천만 원, 수백명; but 조건, 만일, 천장, 조회 are words.
        if !core.vague && t.at(core.end) != ' ' {
            return None;
        }
        return quantity(t, tb, core, true, drafts);
    }
    None
}

fn small_unit(c: char) -> Option<i32> {
    match c {
        '십' => Some(1),
        '백' => Some(2),
        '천' => Some(3),
        _ => None,
    }
}

fn big_unit(c: char) -> Option<i32> {
    match c {
        '만' => Some(4),
        '억' => Some(8),
        '조' => Some(12),
        _ => None,
    }
}

/// Reads a Sino-Korean number from `i`: digit literals combined with 십/백/천 and 만/억/조,
/// in falling order (`1조 2000억`, `1억1천만`, `2천5백만`, `12.7`), a range (`24~26`), and, when
/// `unit_start`, a number that starts with its unit (`만`, `천만`, `수백`, `수천억`).
fn sino(t: &Text, i: usize, unit_start: bool) -> Option<Core> {
    let mut core = sino_number(t, i, unit_start)?;
    if unit_start {
        return Some(core);
    }
    // A range: 24~26, 3억~5억, 10 ~ 20, 2내지 4, 1950~53.
    let sep = t.skip_space(core.end);
    let after_sep = if t.at(sep) == '~' {
        sep + 1
    } else if t.starts_with_str(sep, "내지") {
        sep + 2
    } else {
        return Some(core);
    };
    let j = t.skip_space(after_sep);
    if !t.at(j).is_ascii_digit() {
        return Some(core);
    }
    let Some(mut upper) = sino_number(t, j, false) else {
        return Some(core);
    };
    if let (Some(year), Some(short)) = (core.int, upper.int)
        && (1000..=2999).contains(&year)
        && upper.end - j == 2
        && short + year / 100 * 100 > year
    {
        upper.value = f64::from(short + year / 100 * 100);
    }
    if upper.value > core.value {
        core.max = Some(upper.value);
        core.end = upper.end;
        core.prec_exp = core.prec_exp.min(upper.prec_exp);
        core.int = core.int.filter(|_| upper.int.is_some());
    }
    Some(core)
}

/// One Sino-Korean number, without a range.
fn sino_number(t: &Text, i: usize, unit_start: bool) -> Option<Core> {
    let mut k = i;
    let mut vague = false;
    if t.at(k) == '수' {
        if !unit_start || (small_unit(t.at(k + 1)).is_none() && big_unit(t.at(k + 1)).is_none()) {
            return None;
        }
        vague = true;
        k += 1;
    }
    let mut total = 0.0;
    let mut section = 0.0;
    let mut pending = None;
    let mut prec_exp = 0;
    let mut last_big = i32::MAX;
    let mut last_small = i32::MAX;
    let mut any = false;
    let mut units = false;
    let mut single = None;
    loop {
        let c = t.at(k);
        if c.is_ascii_digit() {
            if pending.is_some() {
                break;
            }
            let Some(lit) = literal(t, k) else { break };
            if !any {
                single = Some(lit.clone());
            }
            k = lit.end;
            pending = Some(lit);
            any = true;
        } else if let Some(e) = small_unit(c) {
            if e >= last_small {
                break;
            }
            let (v, p) = match pending.take() {
                Some(lit) => (lit.scaled(e)?, lit.prec_exp() + e),
                None if !any && (unit_start || vague) => (10f64.powi(e), e),
                None => break,
            };
            section += v;
            prec_exp = p;
            last_small = e;
            any = true;
            units = true;
            k += 1;
        } else if let Some(e) = big_unit(c) {
            if e >= last_big || (!any && !unit_start) {
                break;
            }
            let scale = 10f64.powi(e);
            let mut group = section * scale;
            let mut p = prec_exp + e;
            match pending.take() {
                Some(lit) => {
                    group += lit.scaled(e)?;
                    p = lit.prec_exp() + e;
                }
                // 만 명, 수억: a unit with no number before it, only at the start.
                None if section == 0.0 && !any => {
                    group = scale;
                    p = e;
                }
                // 2조억: a unit with nothing to multiply.
                None if section == 0.0 => break,
                None => {}
            }
            total += group;
            prec_exp = p;
            section = 0.0;
            last_small = i32::MAX;
            last_big = e;
            any = true;
            units = true;
            k += 1;
            // 1조 2000억, 3억 5000만, 1만 2000명: a space inside the number.
            if t.at(k) == ' ' && t.at(k + 1).is_ascii_digit() && continues(t, k + 1, e) {
                k += 1;
            }
        } else {
            break;
        }
    }
    if !any {
        return None;
    }
    if let Some(lit) = pending {
        total += section + lit.value()?;
        prec_exp = lit.prec_exp();
    } else {
        total += section;
    }
    let big = last_big != i32::MAX;
    let int = if units {
        None
    } else {
        single.as_ref().and_then(|l| l.small_int())
    };
    let core = Core {
        start: i,
        end: k,
        value: total,
        max: None,
        prec_exp,
        int,
        digits: !unit_start,
        vague,
        native: false,
        big,
    };
    total.is_finite().then_some(core)
}

/// After `1조 ` or `3억 `, whether the digits at `j` go on with the same number: a smaller unit
/// follows them (`1조 2000억`), or a counter with no space (`1만 2000명`).
fn continues(t: &Text, j: usize, big: i32) -> bool {
    let Some(lit) = literal(t, j) else {
        return false;
    };
    let next = t.at(lit.end);
    if small_unit(next).is_some() || big_unit(next).is_some_and(|e| e < big) {
        return true;
    }
    let below = lit.value().is_some_and(|v| v < 10f64.powi(big));
    below
        && lit.frac == 0
        && is_hangul(next)
        && !matches!(next, '년' | '월' | '일' | '시' | '분' | '초' | '세')
}

/// The unit at `k` (longest match), provided it is not the start of a longer word.
fn unit_at<'t>(
    t: &Text,
    tb: &'t Tables,
    k: usize,
    native_only: bool,
) -> Option<(&'t KoUnit, usize)> {
    let list = tb.ko_units.get(&t.at(k))?;
    list.iter()
        .filter(|u| !native_only || u.native)
        .find(|u| {
            let end = k + u.text.len();
            // 1조원대, 20%대: "in the range of" glued to a currency or a percentage.
            let range = matches!(u.kind, UnitKind::Money(_) | UnitKind::Percent)
                && t.at(end) == '대'
                && ends_word(t, tb, end + 1, &['대']);
            t.starts_with(k, &u.text) && (ends_word(t, tb, end, &u.text) || range)
        })
        .map(|u| (u, k + u.text.len()))
}

/// Whether a word `word` that ends at `j` ends there: Latin units need a non-alphanumeric
/// next char, Hangul ones a non-Hangul char or a particle (`ko_followers.tsv`).
fn ends_word(t: &Text, tb: &Tables, j: usize, word: &[char]) -> bool {
    let next = t.at(j);
    match word.last() {
        Some(c) if c.is_ascii_alphabetic() => !next.is_ascii_alphanumeric(),
        Some(&c) if is_hangul(c) => {
            !is_hangul(next) || tb.ko_followers.iter().any(|f| t.starts_with(j, f))
        }
        _ => true,
    }
}

/// Builds the quantity for `core` from the unit after it; `glued` (a number inside a word or
/// led by a unit) needs a unit to count. Pushes the draft(s) and returns where they end.
fn quantity(
    t: &Text,
    tb: &Tables,
    core: Core,
    glued: bool,
    drafts: &mut Vec<Draft>,
) -> Option<usize> {
    let mut k = core.end;
    let mut hedge = if core.vague { VAGUE } else { Hedge::default() };
    // 160여 곳, 10만여 명: 여 between the number and its counter.
    if t.at(k) == '여' && (t.at(k + 1) == ' ' || unit_at(t, tb, k + 1, false).is_some()) {
        hedge = VAGUE;
        k += 1;
    }
    let sign = if core.digits {
        sign_before(t, tb, core.start, floor(drafts))
    } else {
        None
    };
    let spaced = t.skip_space(k);
    let unit = unit_at(t, tb, spaced, core.native)
        .filter(|_| {
            !core.native || spaced > k || core.end - core.start > 1 || single_syllable_ok(t, spaced)
        })
        // 21 대 20: a score, not 21 vehicles.
        .filter(|(u, _)| !(spaced > k && core.digits && u.text == ['대']))
        // 2주 전 is two weeks; 100만주 is shares.
        .filter(|(u, end)| u.text != ['주'] || duration_marker(t, tb, *end));
    let Some((unit, unit_end)) = unit else {
        if let Some((currency, sign_start)) = sign {
            let mut d =
                Draft::new(sign_start, k, Kind::Money { currency }, core.value).hedged(hedge);
            d.max = core.max;
            d.prec_exp = core.prec_exp;
            // $36bn, $300m quoted in Korean text
            let letters = (0..4)
                .take_while(|o| t.at(k + o).is_ascii_alphabetic())
                .count();
            let word: String = (0..letters)
                .map(|o| t.at(k + o).to_ascii_lowercase())
                .collect();
            if let Some(scale) = tb
                .en_word(&word, EnRole::Abbrev)
                .filter(|_| !t.at(k + letters).is_ascii_alphanumeric())
            {
                let exp = scale.log10().round() as i32;
                d.value *= scale;
                d.max = d.max.map(|m| m * scale);
                d.prec_exp += exp;
                d.end = k + letters;
            }
            return finish(t, tb, d, drafts);
        }
        if let Some(currency) = sign_after(t, tb, k) {
            let mut d =
                Draft::new(core.start, k + 1, Kind::Money { currency }, core.value).hedged(hedge);
            d.max = core.max;
            d.prec_exp = core.prec_exp;
            return finish(t, tb, d, drafts);
        }
        let letters = (0..6)
            .take_while(|o| t.at(k + o).is_ascii_lowercase())
            .count();
        if core.digits && (1..=5).contains(&letters) && !t.at(k + letters).is_ascii_alphanumeric() {
            let mut d = Draft::new(core.start, k + letters, Kind::Count, core.value).hedged(hedge);
            d.max = core.max;
            d.prec_exp = core.prec_exp;
            d.unit = Some(t.slice(k, k + letters).to_string());
            return finish(t, tb, d, drafts);
        }
        if glued || core.native || t.at(k).is_ascii_alphabetic() || core.vague {
            return None;
        }
        let year = core.int.is_some_and(|y| (1900..=2100).contains(&y)) && core.max.is_none();
        let kind = if year { Kind::Year } else { Kind::Plain };
        let mut d = Draft::new(core.start, k, kind, core.value).hedged(hedge);
        d.max = core.max;
        d.prec_exp = core.prec_exp;
        return finish(t, tb, d, drafts);
    };
    let unit_text: String = unit.text.iter().collect();
    let value = core.value * unit.factor;
    let max = core.max.map(|m| m * unit.factor);
    let prec_exp = core.prec_exp + unit.factor.log10().round() as i32;
    let mut d = Draft::new(core.start, unit_end, Kind::Plain, value).hedged(hedge);
    d.max = max;
    d.prec_exp = prec_exp;
    d.unit = Some(unit_text);
    if let Some((currency, sign_start)) = sign {
        d.start = sign_start;
        d.kind = Kind::Money { currency };
        if !matches!(unit.kind, UnitKind::Money(_)) {
            d.end = k;
            d.unit = None;
        }
        return finish(t, tb, d, drafts);
    }
    d.kind = match unit.kind {
        // 50억 파운드 is money, 550파운드 a weight.
        UnitKind::Measure if core.big && unit.text.starts_with(&['파', '운', '드']) => {
            Kind::Money {
                currency: super::Currency::Pound,
            }
        }
        UnitKind::Year => match core.int {
            Some(y) if core.digits && (1000..=2200).contains(&y) => Kind::Year,
            _ => Kind::Duration {
                unit: TimeUnit::Years,
            },
        },
        UnitKind::Decade => {
            d.add_hedge(Hedge {
                approx: true,
                ..Hedge::default()
            });
            d.prec_exp = 1;
            Kind::Year
        }
        UnitKind::Month => return month_date(t, tb, core, d, drafts),
        UnitKind::Day => return day(t, tb, core, d, drafts),
        UnitKind::Clock => return clock(t, tb, core, d, drafts),
        UnitKind::Minute => Kind::Duration {
            unit: TimeUnit::Minutes,
        },
        UnitKind::Fraction => return fraction(t, tb, core, d, drafts),
        simple => simple_kind(simple)?,
    };
    finish(t, tb, d, drafts)
}

/// The kind a unit gives on its own, for units that need no rule.
pub(crate) fn simple_kind(unit: UnitKind) -> Option<Kind> {
    Some(match unit {
        UnitKind::Money(currency) => Kind::Money { currency },
        UnitKind::Percent => Kind::Percent,
        UnitKind::PercentPoint => Kind::PercentagePoint,
        UnitKind::Points => Kind::Points,
        UnitKind::Count | UnitKind::Measure => Kind::Count,
        UnitKind::Ordinal => Kind::Ordinal,
        UnitKind::Multiple => Kind::Multiple,
        UnitKind::Age => Kind::Age,
        UnitKind::Duration(unit) => Kind::Duration { unit },
        _ => return None,
    })
}

/// A currency sign right after an amount (`22억€`, `100$`).
fn sign_after(t: &Text, tb: &Tables, k: usize) -> Option<super::Currency> {
    tb.currency_signs
        .iter()
        .find(|(sign, _)| sign.len() == 1 && !sign[0].is_alphanumeric() && t.at(k) == sign[0])
        .map(|(_, c)| *c)
}

/// A one-syllable native numeral glued to its counter counts only as an ordinal (두번째,
/// 셋째): 한편, 한번, 세배 are words.
fn single_syllable_ok(t: &Text, k: usize) -> bool {
    t.starts_with_str(k, "째") || t.starts_with_str(k, "번째")
}

/// Adds the hedges after the unit and the prefixes before the number, then pushes `d`.
fn finish(t: &Text, tb: &Tables, mut d: Draft, drafts: &mut Vec<Draft>) -> Option<usize> {
    hedges_after(t, tb, &mut d);
    prefixes(t, tb, &mut d, floor(drafts));
    let end = d.end;
    drafts.push(d);
    Some(end)
}

/// `1시간여`, `3시께`, `1조원대`, `160곳 이상`, `160곳이 넘는`, `30명 가량`.
fn hedges_after(t: &Text, tb: &Tables, d: &mut Draft) {
    let k = d.end;
    let ends = |j: usize, w: &[char]| ends_word(t, tb, j, w);
    for m in tb
        .ko_modifiers
        .iter()
        .filter(|m| m.pos == HedgePos::Attached)
    {
        if t.starts_with(k, &m.text) && ends(k + m.text.len(), &m.text) {
            d.add_hedge(m.hedge);
            d.end = k + m.text.len();
            break;
        }
    }
    // 1조원대, 20%대: in the range of.
    if matches!(d.kind, Kind::Money { .. } | Kind::Percent)
        && t.at(d.end) == '대'
        && ends(d.end + 1, &['대'])
    {
        d.add_hedge(VAGUE);
        d.end += 1;
    }
    let k = d.end;
    let spaced = t.skip_space(k);
    // 160곳이 넘는: a subject or object particle may stand before 넘-.
    let particle = matches!(t.at(k), '을' | '를' | '이' | '가').then(|| t.skip_space(k + 1));
    for m in tb.ko_modifiers.iter().filter(|m| m.pos == HedgePos::After) {
        let from = match particle {
            Some(p) if m.text.first() == Some(&'넘') => p,
            _ => spaced,
        };
        if t.starts_with(from, &m.text) && ends(from + m.text.len(), &m.text) {
            d.add_hedge(m.hedge);
            d.end = from + m.text.len();
            break;
        }
    }
}

/// `약 30명`, `최대 1조원`, `오후 3시` (read in `clock`), `만 35세`: extends the span back over a
/// word before the number, never past `floor`.
fn prefixes(t: &Text, tb: &Tables, d: &mut Draft, floor: usize) {
    if d.kind == Kind::Age
        && let Some(start) = word_before(t, d.start, floor, tb.ko_words("age_prefix"))
    {
        d.start = start;
    }
    let j = t.back_space(d.start, floor);
    for m in tb.ko_modifiers.iter().filter(|m| m.pos == HedgePos::Before) {
        if let Some(start) = t.ends_with(j, &m.text)
            && start >= floor
            && !is_hangul(t.before(start))
        {
            d.add_hedge(m.hedge);
            d.start = start;
            break;
        }
    }
}

/// The start of one of `words` standing as a word just before `i` (one space allowed between).
fn word_before<W: AsRef<[char]>>(t: &Text, i: usize, floor: usize, words: &[W]) -> Option<usize> {
    let j = t.back_space(i, floor);
    words.iter().find_map(|w| {
        let start = t.ends_with(j, w.as_ref())?;
        (start >= floor && !is_hangul(t.before(start))).then_some(start)
    })
}

/// `9월`, `9월 24일`, `9월 24~26일(화)`.
fn month_date(
    t: &Text,
    tb: &Tables,
    core: Core,
    mut d: Draft,
    drafts: &mut Vec<Draft>,
) -> Option<usize> {
    let month = core
        .int
        .filter(|m| (1..=12).contains(m) && core.max.is_none())?;
    let month = u8::try_from(month).ok()?;
    d.kind = Kind::Date {
        month: Some(month),
        day: None,
        weekday: None,
    };
    d.value = f64::from(month);
    d.prec_exp = 0;
    d.unit = None;
    let j = t.skip_space(d.end);
    if t.at(j).is_ascii_digit()
        && let Some(day_core) = sino(t, j, false)
    {
        let day = day_core.int.filter(|v| (1..=31).contains(v));
        let after = day_core.end;
        if let Some(day) =
            day.filter(|_| t.at(after) == '일' && ends_word(t, tb, after + 1, &['일']))
        {
            let day = u8::try_from(day).ok()?;
            d.kind = Kind::Date {
                month: Some(month),
                day: Some(day),
                weekday: None,
            };
            d.value = f64::from(day);
            d.max = day_core.max;
            d.end = after + 1;
        }
    }
    finish_with_weekday(t, tb, d, drafts)
}

/// `24일` is a date; `24일간`, `10일 동안`, `3일 만에`, the `4일` of `3박 4일`, and `45일` are days.
fn day(t: &Text, tb: &Tables, core: Core, mut d: Draft, drafts: &mut Vec<Draft>) -> Option<usize> {
    let after_nights = drafts.last().is_some_and(|prev| {
        prev.kind
            == (Kind::Duration {
                unit: TimeUnit::Nights,
            })
            && t.skip_space(prev.end) == core.start
    });
    let marked = duration_marker(t, tb, d.end);
    // 약 3일, 최소한 3일: a hedged day count is a length of time.
    let hedged = {
        let j = t.back_space(core.start, floor(drafts));
        tb.ko_modifiers.iter().any(|m| {
            m.pos == HedgePos::Before
                && t.ends_with(j, &m.text)
                    .is_some_and(|s| !is_hangul(t.before(s)))
        })
    };
    let marked = marked || hedged || t.at(core.end) == '여';
    let day = core.int.filter(|v| (1..=31).contains(v) && core.digits);
    match day {
        Some(day) if !after_nights && !marked => {
            let day = u8::try_from(day).ok()?;
            d.kind = Kind::Date {
                month: None,
                day: Some(day),
                weekday: None,
            };
            d.unit = None;
            return finish_with_weekday(t, tb, d, drafts);
        }
        _ => {
            d.kind = Kind::Duration {
                unit: TimeUnit::Days,
            }
        }
    }
    finish(t, tb, d, drafts)
}

/// Whether a word that makes a length of time follows `k` (`동안`, `만에`, `전`, `후`).
fn duration_marker(t: &Text, tb: &Tables, k: usize) -> bool {
    let j = t.skip_space(k);
    tb.ko_words("duration_marker")
        .iter()
        .any(|w| t.starts_with(j, w) && ends_word(t, tb, j + w.len(), w))
}

/// Pushes a date, then the weekday in brackets after it (`24일(화)`, `24일(화요일)`) as a
/// quantity of its own, as the English writes it apart (`Tuesday, Sept. 24`).
fn finish_with_weekday(t: &Text, tb: &Tables, d: Draft, drafts: &mut Vec<Draft>) -> Option<usize> {
    let end = finish(t, tb, d, drafts)?;
    if t.at(end) != '(' {
        return Some(end);
    }
    for (word, number, _) in &tb.ko_weekdays {
        if t.starts_with(end + 1, word) && t.at(end + 1 + word.len()) == ')' {
            let weekday = Weekday::from_number(*number)?;
            let kind = Kind::Date {
                month: None,
                day: None,
                weekday: Some(weekday),
            };
            drafts.push(Draft::new(
                end + 1,
                end + 1 + word.len(),
                kind,
                f64::from(*number),
            ));
            return Some(end + 2 + word.len());
        }
    }
    Some(end)
}

/// `오후 3시`, `3시 30분`, `오전 10시 반`, `세 시`.
fn clock(
    t: &Text,
    tb: &Tables,
    core: Core,
    mut d: Draft,
    drafts: &mut Vec<Draft>,
) -> Option<usize> {
    let hour = core.int.filter(|h| *h <= 24 && core.max.is_none())?;
    let mut hour = u8::try_from(hour).ok()?;
    let mut minute = 0u8;
    let j = t.skip_space(d.end);
    if t.at(j).is_ascii_digit() {
        if let Some(lit) = literal(t, j) {
            let m = lit.small_int().filter(|m| *m < 60);
            if let Some(m) =
                m.filter(|_| t.at(lit.end) == '분' && ends_word(t, tb, lit.end + 1, &['분']))
            {
                minute = u8::try_from(m).ok()?;
                d.end = lit.end + 1;
            }
        }
    } else if t.at(j) == '반' && ends_word(t, tb, j + 1, &['반']) {
        minute = 30;
        d.end = j + 1;
    }
    let floor = floor(drafts);
    let mut known = false;
    if let Some(start) = word_before(t, d.start, floor, tb.ko_words("am")) {
        d.start = start;
        known = true;
        if hour == 12 {
            hour = 0;
        }
    } else if let Some(start) = word_before(t, d.start, floor, tb.ko_words("pm")) {
        d.start = start;
        known = true;
        if hour < 12 {
            hour += 12;
        }
    }
    d.kind = Kind::Time {
        hour,
        minute,
        am_pm_unknown: !known && hour <= 12,
    };
    d.value = f64::from(hour) + f64::from(minute) / 60.0;
    d.prec_exp = 0;
    d.unit = None;
    finish(t, tb, d, drafts)
}

/// `3분의 2` (two-thirds).
fn fraction(
    t: &Text,
    tb: &Tables,
    core: Core,
    mut d: Draft,
    drafts: &mut Vec<Draft>,
) -> Option<usize> {
    let j = t.skip_space(d.end);
    let lit = literal(t, j)?;
    let numerator = lit.value()?;
    if core.value <= 0.0 || core.max.is_some() {
        return None;
    }
    d.kind = Kind::Fraction;
    d.value = numerator / core.value;
    d.prec_exp = -3;
    d.unit = None;
    d.end = lit.end;
    finish(t, tb, d, drafts)
}

/// `제4회`, `제1차`, `제3조` (article 3, not 3 trillion), `제2의`: an ordinal, whatever follows.
fn je_ordinal(t: &Text, tb: &Tables, i: usize, drafts: &mut Vec<Draft>) -> Option<usize> {
    let lit = literal(t, i)?;
    let value = lit.value()?;
    let mut d = Draft::new(i - 1, lit.end, Kind::Ordinal, value);
    d.prec_exp = lit.prec_exp();
    if let Some((unit, end)) = unit_at(t, tb, lit.end, false) {
        d.unit = Some(unit.text.iter().collect());
        d.end = end;
    } else {
        let c = t.at(lit.end);
        let particle = tb
            .ko_followers
            .iter()
            .any(|f| f.len() == 1 && f.first() == Some(&c));
        if is_hangul(c) && !particle {
            d.unit = Some(c.to_string());
            d.end = lit.end + 1;
        }
    }
    let end = d.end;
    drafts.push(d);
    Some(end)
}

/// `김모(34)씨`, `베일(34)`, `(34·여)`, `(34세)`: an age in brackets after a name.
fn bracket_age(t: &Text, i: usize, drafts: &mut Vec<Draft>) -> Option<usize> {
    let lit = literal(t, i)?;
    let age = lit.small_int().filter(|a| (1..=120).contains(a))?;
    let mut end = lit.end;
    if t.at(end) == '세' || t.at(end) == '살' {
        end += 1;
    }
    if !matches!(t.at(end), ')' | '·' | ',' | '/') {
        return None;
    }
    let mut d = Draft::new(i, end, Kind::Age, f64::from(age));
    d.unit = (end > lit.end).then(|| t.slice(lit.end, end).to_string());
    drafts.push(d);
    Some(end)
}

/// `2005.10`, `2006.04` (a dateline): a year and a month, unless a unit follows (`1999.5포인트`).
fn year_month(t: &Text, tb: &Tables, i: usize, drafts: &mut Vec<Draft>) -> Option<usize> {
    let lit = literal(t, i)?;
    if lit.frac == 0 || lit.frac > 2 || lit.grouped || lit.digits.len() != 4 + lit.frac {
        return None;
    }
    let year: u32 = lit.digits.get(..4)?.parse().ok()?;
    let month: u8 = lit.digits.get(4..)?.parse().ok()?;
    let next = t.skip_space(lit.end);
    let unit_follows =
        unit_at(t, tb, next, false).is_some() || is_hangul(t.at(lit.end)) || t.at(lit.end) == '%';
    if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || unit_follows {
        return None;
    }
    drafts.push(Draft::new(i, i + 4, Kind::Year, f64::from(year)));
    let date = Kind::Date {
        month: Some(month),
        day: None,
        weekday: None,
    };
    drafts.push(Draft::new(i + 5, lit.end, date, f64::from(month)));
    Some(lit.end)
}

/// `15:30`, `오후 3:30`: a clock time with a colon.
fn colon_time(t: &Text, tb: &Tables, i: usize, drafts: &mut Vec<Draft>) -> Option<usize> {
    let (hour, minute, end) = super::scan::colon_clock(t, i)?;
    let core = Core {
        start: i,
        end,
        value: f64::from(hour),
        max: None,
        prec_exp: 0,
        int: Some(u32::from(hour)),
        digits: true,
        vague: false,
        native: false,
        big: false,
    };
    let d = Draft::new(i, end, Kind::Plain, f64::from(hour));
    let before = drafts.len();
    let end = clock(t, tb, core, d, drafts)?;
    // clock() read no minutes after the colon form; put them in.
    if let Some(last) = drafts.get_mut(before)
        && let Kind::Time {
            hour,
            am_pm_unknown,
            ..
        } = last.kind
    {
        last.kind = Kind::Time {
            hour,
            minute,
            am_pm_unknown,
        };
        last.value = f64::from(hour) + f64::from(minute) / 60.0;
    }
    Some(end)
}

/// `화요일`, `일요일에`: a weekday on its own.
fn weekday_word(t: &Text, tb: &Tables, i: usize, drafts: &mut Vec<Draft>) -> Option<usize> {
    let (word, number, _) = tb
        .ko_weekdays
        .iter()
        .find(|(w, _, full)| *full && t.starts_with(i, w) && ends_word(t, tb, i + w.len(), w))?;
    let weekday = Weekday::from_number(*number)?;
    let end = i + word.len();
    let d = Draft::new(
        i,
        end,
        Kind::Date {
            month: None,
            day: None,
            weekday: Some(weekday),
        },
        f64::from(*number),
    );
    drafts.push(d);
    Some(end)
}

/// Native numerals: `두 명`, `스물다섯 살`, `서너 곳`, `세 번째`, `둘째`, `첫 회의`, `이틀`.
fn native(t: &Text, tb: &Tables, i: usize, drafts: &mut Vec<Draft>) -> Option<usize> {
    let list = tb.ko_native.get(&t.at(i))?;
    let first = list.iter().find(|n| t.starts_with(i, &n.text))?;
    let mut k = i + first.text.len();
    let mut value = first.value;
    let max = first.max;
    match first.role {
        NativeRole::Alone(kind) => {
            if !ends_word(t, tb, k, &first.text) {
                return None;
            }
            let d = Draft::new(i, k, simple_kind(kind)?, value);
            return finish(t, tb, d, drafts);
        }
        NativeRole::First => {
            let j = t.skip_space(k);
            if let Some((unit, end)) =
                unit_at(t, tb, j, true).filter(|(u, _)| u.kind == UnitKind::Ordinal)
            {
                let mut d = Draft::new(i, end, Kind::Ordinal, 1.0);
                d.unit = Some(unit.text.iter().collect());
                return finish(t, tb, d, drafts);
            }
            if t.at(k) == ' ' && is_hangul(t.at(k + 1)) {
                let d = Draft::new(i, k, Kind::Ordinal, 1.0);
                return finish(t, tb, d, drafts);
            }
            return None;
        }
        NativeRole::Ten => {
            // 열두, 스물다섯, and 열 다섯 written apart.
            let unit_at = |j: usize| {
                tb.ko_native.get(&t.at(j)).and_then(|l| {
                    l.iter()
                        .find(|n| n.role == NativeRole::Unit && t.starts_with(j, &n.text))
                })
            };
            let unit = unit_at(k).map(|u| (u, k)).or_else(|| {
                (t.at(k) == ' ')
                    .then(|| unit_at(k + 1))
                    .flatten()
                    .map(|u| (u, k + 1))
            });
            if let Some((unit, j)) = unit {
                value += unit.value;
                k = j + unit.text.len();
            }
        }
        NativeRole::Unit | NativeRole::Range => {}
    }
    let core = Core {
        start: i,
        end: k,
        value,
        max,
        prec_exp: 0,
        int: (value.fract() == 0.0 && max.is_none()).then_some(value as u32),
        digits: false,
        vague: false,
        native: true,
        big: false,
    };
    quantity(t, tb, core, true, drafts)
}

#[cfg(test)]
mod tests {
    use super::super::{Currency, Kind, TimeUnit, Weekday, extract_ko};

    /// (text, expected surface, kind, value)
    fn one(text: &str) -> (String, Kind, f64) {
        let found = extract_ko(text);
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        let q = &found[0];
        (q.text.clone(), q.kind, q.value)
    }

    const WON: Kind = Kind::Money {
        currency: Currency::Won,
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
            ("투자액은 4269억원이다", "4269억원", WON, 4269e8),
            ("6192억 원 규모", "6192억 원", WON, 6192e8),
            ("1조원을 들여", "1조원", WON, 1e12),
            ("1조 2000억원", "1조 2000억원", WON, 1.2e12),
            ("3조5000억 원", "3조5000억 원", WON, 3.5e12),
            ("2천만 원", "2천만 원", WON, 2e7),
            (
                "1억1천만 달러",
                "1억1천만 달러",
                Kind::Money {
                    currency: Currency::Dollar,
                },
                1.1e8,
            ),
            (
                "10억 달러를",
                "10억 달러",
                Kind::Money {
                    currency: Currency::Dollar,
                },
                1e9,
            ),
            (
                "50억 위안",
                "50억 위안",
                Kind::Money {
                    currency: Currency::Yuan,
                },
                5e9,
            ),
            (
                "100엔",
                "100엔",
                Kind::Money {
                    currency: Currency::Yen,
                },
                100.0,
            ),
            (
                "30억 유로",
                "30억 유로",
                Kind::Money {
                    currency: Currency::Euro,
                },
                3e9,
            ),
            ("500만명이", "500만명", Kind::Count, 5e6),
            ("10만 명", "10만 명", Kind::Count, 1e5),
            ("1,200명", "1,200명", Kind::Count, 1200.0),
            ("131개", "131개", Kind::Count, 131.0),
            ("15개사가", "15개사", Kind::Count, 15.0),
            ("12.7%", "12.7%", Kind::Percent, 12.7),
            ("3.5%포인트", "3.5%포인트", Kind::PercentagePoint, 3.5),
            ("3.5%p 올라", "3.5%p", Kind::PercentagePoint, 3.5),
            ("25bp 인상", "25bp", Kind::PercentagePoint, 0.25),
            ("160여 곳", "160여 곳", Kind::Count, 160.0),
            ("9월 24일", "9월 24일", date(Some(9), Some(24)), 24.0),
            ("24일(현지시간)", "24일", date(None, Some(24)), 24.0),
            ("지난 24일", "24일", date(None, Some(24)), 24.0),
            ("9월에", "9월", date(Some(9), None), 9.0),
            ("2024년", "2024년", Kind::Year, 2024.0),
            ("1990년대", "1990년대", Kind::Year, 1990.0),
            ("2년 동안", "2년", dur(TimeUnit::Years), 2.0),
            ("6개월", "6개월", dur(TimeUnit::Months), 6.0),
            ("10일 동안", "10일", dur(TimeUnit::Days), 10.0),
            ("3일 만에", "3일", dur(TimeUnit::Days), 3.0),
            ("제4회 대회", "제4회", Kind::Ordinal, 4.0),
            ("제3조", "제3조", Kind::Ordinal, 3.0),
            ("4번째", "4번째", Kind::Ordinal, 4.0),
            ("1위를", "1위", Kind::Ordinal, 1.0),
            ("세 번째", "세 번째", Kind::Ordinal, 3.0),
            ("두번째", "두번째", Kind::Ordinal, 2.0),
            ("둘째", "둘째", Kind::Ordinal, 2.0),
            ("첫 회의", "첫", Kind::Ordinal, 1.0),
            ("3분기", "3분기", Kind::Ordinal, 3.0),
            ("5시간", "5시간", dur(TimeUnit::Hours), 5.0),
            ("30분", "30분", dur(TimeUnit::Minutes), 30.0),
            ("두 명", "두 명", Kind::Count, 2.0),
            ("한 명", "한 명", Kind::Count, 1.0),
            ("스무 명", "스무 명", Kind::Count, 20.0),
            ("스물다섯 살", "스물다섯 살", Kind::Age, 25.0),
            ("열두 곳", "열두 곳", Kind::Count, 12.0),
            ("이틀 동안", "이틀", dur(TimeUnit::Days), 2.0),
            ("35세", "35세", Kind::Age, 35.0),
            ("만 35세", "만 35세", Kind::Age, 35.0),
            ("김모(34)씨", "34", Kind::Age, 34.0),
            ("10배", "10배", Kind::Multiple, 10.0),
            ("두 배로", "두 배", Kind::Multiple, 2.0),
            ("3분의 2", "3분의 2", Kind::Fraction, 2.0 / 3.0),
            (
                "화요일",
                "화요일",
                Kind::Date {
                    month: None,
                    day: None,
                    weekday: Some(Weekday::Tuesday),
                },
                2.0,
            ),
            (
                "$100",
                "$100",
                Kind::Money {
                    currency: Currency::Dollar,
                },
                100.0,
            ),
            ("83km", "83km", Kind::Count, 83.0),
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
    fn precision_is_the_last_written_digit() {
        let p = |s: &str| extract_ko(s)[0].precision;
        assert_eq!(p("4269억원"), 1e8);
        assert_eq!(p("1조원"), 1e12);
        assert_eq!(p("1조 2000억원"), 1e8);
        assert_eq!(p("1억1천만 달러"), 1e7);
        assert_eq!(p("12.7%"), 0.1);
        assert!((p("25bp") - 0.01).abs() < 1e-12);
    }

    #[test]
    fn hedges() {
        let q = &extract_ko("160여 곳")[0];
        assert!(q.approximate && q.lower_bound && !q.upper_bound);
        let q = &extract_ko("약 30명이")[0];
        assert_eq!(q.text, "약 30명");
        assert!(q.approximate && !q.lower_bound);
        let q = &extract_ko("160곳 이상에서")[0];
        assert_eq!(q.text, "160곳 이상");
        assert!(q.lower_bound);
        let q = &extract_ko("30명이 넘는")[0];
        assert_eq!(q.text, "30명이 넘는");
        assert!(q.lower_bound);
        let q = &extract_ko("1조원대")[0];
        assert!(q.approximate && q.lower_bound);
        let q = &extract_ko("최대 100명")[0];
        assert!(q.upper_bound && q.text == "최대 100명");
        let q = &extract_ko("수백 명이")[0];
        assert_eq!((q.kind, q.value, q.lower_bound), (Kind::Count, 100.0, true));
        let q = &extract_ko("수천억 달러")[0];
        assert_eq!(q.value, 1e11);
        let q = &extract_ko("1시간여")[0];
        assert!(q.approximate && q.text == "1시간여");
    }

    #[test]
    fn stays_ranges_times_and_weekdays() {
        let found = extract_ko("3박 4일 일정");
        let kinds: Vec<_> = found.iter().map(|q| (q.kind, q.value)).collect();
        assert_eq!(
            kinds,
            [
                (
                    Kind::Duration {
                        unit: TimeUnit::Nights
                    },
                    3.0
                ),
                (
                    Kind::Duration {
                        unit: TimeUnit::Days
                    },
                    4.0
                )
            ]
        );
        let q = &extract_ko("지난 24~26일")[0];
        assert_eq!((q.value, q.max), (24.0, Some(26.0)));
        let q = &extract_ko("5∼6명")[0];
        assert_eq!((q.kind, q.value, q.max), (Kind::Count, 5.0, Some(6.0)));
        let q = &extract_ko("두세 명")[0];
        assert_eq!((q.value, q.max), (2.0, Some(3.0)));
        let q = &extract_ko("오후 3시에")[0];
        assert_eq!(q.text, "오후 3시");
        assert_eq!(
            q.kind,
            Kind::Time {
                hour: 15,
                minute: 0,
                am_pm_unknown: false
            }
        );
        let q = &extract_ko("오전 10시 30분")[0];
        assert_eq!(
            q.kind,
            Kind::Time {
                hour: 10,
                minute: 30,
                am_pm_unknown: false
            }
        );
        let q = &extract_ko("3시께")[0];
        assert_eq!(
            q.kind,
            Kind::Time {
                hour: 3,
                minute: 0,
                am_pm_unknown: true
            }
        );
        let found = extract_ko("9월 24일(화) 열린");
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].text.as_str(), found[0].kind),
            (
                "9월 24일",
                Kind::Date {
                    month: Some(9),
                    day: Some(24),
                    weekday: None
                }
            )
        );
        assert_eq!(
            (found[1].text.as_str(), found[1].kind),
            (
                "화",
                Kind::Date {
                    month: None,
                    day: None,
                    weekday: Some(Weekday::Tuesday)
                }
            )
        );
        let found = extract_ko("2024.9.24 발표");
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].kind, found[0].value), (Kind::Year, 2024.0));
        assert_eq!(
            found[1].kind,
            Kind::Date {
                month: Some(9),
                day: Some(24),
                weekday: None
            }
        );
    }

    #[test]
    fn words_that_are_not_numbers() {
        for text in [
            "올해",
            "내년",
            "지난해",
            "한편",
            "한국",
            "세계",
            "네가",
            "만약",
            "천안",
            "백신",
            "수출",
            "수요일에 만나",
            "코로나19 확산",
            "G20 정상회의",
            "5G 통신",
            "3세대",
            "한 대학",
            "천만 다행",
            "두고 보자",
            "열린 회의",
            "세금",
        ] {
            let found = extract_ko(text);
            let wrong: Vec<_> = found
                .iter()
                .filter(|q| !(text.starts_with("수요일") && q.text == "수요일"))
                .filter(|q| !(text == "3세대" && q.kind == Kind::Ordinal))
                .collect();
            assert!(wrong.is_empty(), "{text}: {wrong:#?}");
        }
    }
}
