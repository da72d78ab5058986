//! Pairs Korean quantities with English ones, and scores how much they agree.
//!
//! Pairing is greedy over candidate pairs, best first: agreements (exact, rounded to the
//! English precision, within a hedge's tolerance, partial dates, related kinds), then conflicts
//! among what is left (same kind and role, different value), then dates that cannot be checked
//! against each other (a weekday against a day of the month). Ties go to the pair whose
//! positions in the two sentences are closest, since translations mostly keep the order.

use super::tables::tables;
use super::{Agreement, Comparison, Currency, Kind, Pair, Quantity, TimeUnit};

/// On pathological input (thousands of numbers in one "sentence") only this many quantities
/// per side are paired, so the quadratic candidate search stays bounded.
const MAX_SIDE: usize = 1000;

/// A rounded English figure still matches when it is within this share of the Korean one
/// (`210만 명` / `2 million`); `1조 4000억원` / `1 trillion won` is a conflict, not a rounding.
const ROUNDING_TOLERANCE: f64 = 0.05;

/// A hedged figure matches another within this share (`160여 곳` / `about 170`).
const HEDGE_TOLERANCE: f64 = 0.1;

pub(crate) fn compare(ko: &[Quantity], en: &[Quantity]) -> Comparison {
    let ko = &ko[..ko.len().min(MAX_SIDE)];
    let en = &en[..en.len().min(MAX_SIDE)];
    let mut out = Comparison::default();
    for pair in pair_up(ko, en) {
        match pair.agreement {
            Agreement::Different | Agreement::Magnitude | Agreement::Unit => {
                out.mismatched.push(pair)
            }
            Agreement::Unknown => out.undetermined.push(pair),
            _ => out.matched.push(pair),
        }
    }
    let mut ko_used = vec![false; ko.len()];
    let mut en_used = vec![false; en.len()];
    for p in out
        .matched
        .iter()
        .chain(&out.mismatched)
        .chain(&out.undetermined)
    {
        ko_used[p.ko] = true;
        en_used[p.en] = true;
    }
    out.unpaired_ko = (0..ko.len()).filter(|&i| !ko_used[i]).collect();
    out.unpaired_en = (0..en.len()).filter(|&j| !en_used[j]).collect();
    for list in [&mut out.matched, &mut out.mismatched, &mut out.undetermined] {
        list.sort_by_key(|p| (p.ko, p.en));
    }
    out
}

pub(crate) fn similarity(ko: &[Quantity], en: &[Quantity]) -> f64 {
    if ko.is_empty() || en.is_empty() {
        return 0.0;
    }
    let ko = &ko[..ko.len().min(MAX_SIDE)];
    let en = &en[..en.len().min(MAX_SIDE)];
    let total: f64 = ko.iter().chain(en).map(weight).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let shared: f64 = pair_up(ko, en)
        .iter()
        .map(|p| credit(p.agreement) * (weight(&ko[p.ko]) + weight(&en[p.en])))
        .sum();
    (shared / total).clamp(0.0, 1.0)
}

/// How much a pair counts as evidence that two sentences correspond. A conflict still says
/// something (same kind of figure in the same role); an unknown date pair very little.
fn credit(a: Agreement) -> f64 {
    match a {
        Agreement::Exact | Agreement::Rounded => 1.0,
        Agreement::Approximate => 0.8,
        Agreement::Partial => 0.7,
        Agreement::Related => 0.6,
        Agreement::Different | Agreement::Magnitude | Agreement::Unit => 0.25,
        Agreement::Unknown => 0.1,
    }
}

/// The informativeness of a quantity (see [`Quantity::weight`]).
pub(crate) fn weight(q: &Quantity) -> f64 {
    match q.kind {
        Kind::Money { .. } => 3.0,
        Kind::Percent | Kind::PercentagePoint => 2.5,
        Kind::Date {
            month,
            day,
            weekday,
        } => match (month, day) {
            (Some(_), Some(_)) => 2.5,
            (None, Some(_)) => 1.5,
            (Some(_), None) => 1.0,
            (None, None) => 0.5 * f64::from(u8::from(weekday.is_some())),
        },
        Kind::Year => 2.0,
        Kind::Time { .. } | Kind::Duration { .. } | Kind::Age | Kind::Fraction | Kind::Points => {
            1.5
        }
        Kind::Ordinal => {
            if q.value <= 3.0 {
                0.7
            } else {
                1.2
            }
        }
        Kind::Count | Kind::Plain | Kind::Multiple => {
            if q.value <= 10.0 && q.value.fract() == 0.0 {
                0.6
            } else {
                1.0 + 0.25 * significant_digits(q.value).len().min(4) as f64
            }
        }
    }
}

/// Candidate pairs, best first, taken greedily so each quantity is in at most one pair.
fn pair_up(ko: &[Quantity], en: &[Quantity]) -> Vec<Pair> {
    let mut ko_used = vec![false; ko.len()];
    let mut en_used = vec![false; en.len()];
    let mut pairs = Vec::new();
    let position = |i: usize, j: usize| {
        let a = (i as f64 + 0.5) / ko.len() as f64;
        let b = (j as f64 + 0.5) / en.len() as f64;
        (a - b).abs()
    };

    // Agreements, strongest first.
    let mut cands: Vec<(u8, f64, usize, usize, Agreement)> = Vec::new();
    for (i, k) in ko.iter().enumerate() {
        for (j, e) in en.iter().enumerate() {
            if let Some(a) = agree(k, e) {
                cands.push((rank(a), position(i, j), i, j, a));
            }
        }
    }
    take(&mut cands, &mut ko_used, &mut en_used, &mut pairs);

    // Conflicts among what is left, closest values first. `sole`: each is the only one of its
    // class left on its side, so the two are in the same role, unless the other side's value
    // turns up elsewhere (1위 / fourth, with 4편 in the Korean).
    let ko_left = Leftovers::new(ko, &ko_used);
    let en_left = Leftovers::new(en, &en_used);
    let mut cands = Vec::new();
    for (i, k) in ko.iter().enumerate().filter(|(i, _)| !ko_used[*i]) {
        for (j, e) in en.iter().enumerate().filter(|(j, _)| !en_used[*j]) {
            let sole = match (class(k), class(e)) {
                (Some(a), Some(b)) if a == b => {
                    ko_left.of_class(a) == 1
                        && en_left.of_class(a) == 1
                        && !ko_left.has_value_besides(e.value, k.value)
                        && !en_left.has_value_besides(k.value, e.value)
                }
                _ => false,
            };
            if let Some(a) = conflict(k, e, sole) {
                let distance = log_ratio(k.value, e.value).min(1e6);
                cands.push((rank(a), distance + position(i, j), i, j, a));
            }
        }
    }
    take(&mut cands, &mut ko_used, &mut en_used, &mut pairs);

    // Dates that share no part: neither agreement nor conflict.
    let mut cands = Vec::new();
    for (i, k) in ko.iter().enumerate().filter(|(i, _)| !ko_used[*i]) {
        for (j, e) in en.iter().enumerate().filter(|(j, _)| !en_used[*j]) {
            if let (Kind::Date { .. }, Kind::Date { .. }) = (k.kind, e.kind) {
                let (shared, conflicts) = date_fields(k.kind, e.kind);
                if shared == 0 && conflicts == 0 {
                    cands.push((
                        rank(Agreement::Unknown),
                        position(i, j),
                        i,
                        j,
                        Agreement::Unknown,
                    ));
                }
            }
        }
    }
    take(&mut cands, &mut ko_used, &mut en_used, &mut pairs);
    pairs
}

/// The quantities of one side not paired yet, counted by class and by value, so the
/// conflict phase stays O(n·m).
struct Leftovers {
    classes: Vec<(Class, usize)>,
    values: std::collections::HashMap<u64, usize>,
}

impl Leftovers {
    fn new(qs: &[Quantity], used: &[bool]) -> Self {
        let mut classes: Vec<(Class, usize)> = Vec::new();
        let mut values = std::collections::HashMap::new();
        for q in qs.iter().zip(used).filter(|(_, u)| !**u).map(|(q, _)| q) {
            if let Some(c) = class(q) {
                match classes.iter_mut().find(|(k, _)| *k == c) {
                    Some((_, n)) => *n += 1,
                    None => classes.push((c, 1)),
                }
            }
            *values.entry(q.value.to_bits()).or_insert(0) += 1;
        }
        Leftovers { classes, values }
    }

    fn of_class(&self, c: Class) -> usize {
        self.classes
            .iter()
            .find(|(k, _)| *k == c)
            .map_or(0, |(_, n)| *n)
    }

    /// Whether `value` is among the leftovers, not counting one quantity whose value is `own`.
    fn has_value_besides(&self, value: f64, own: f64) -> bool {
        let n = self.values.get(&value.to_bits()).copied().unwrap_or(0);
        let mine = usize::from(own.to_bits() == value.to_bits());
        n > mine
    }
}

/// Takes candidates in order (rank, then cost), skipping those whose quantities are taken.
fn take(
    cands: &mut [(u8, f64, usize, usize, Agreement)],
    ko_used: &mut [bool],
    en_used: &mut [bool],
    pairs: &mut Vec<Pair>,
) {
    cands.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then((a.2, a.3).cmp(&(b.2, b.3)))
    });
    for &(_, _, i, j, agreement) in cands.iter() {
        if !ko_used[i] && !en_used[j] {
            ko_used[i] = true;
            en_used[j] = true;
            pairs.push(Pair {
                ko: i,
                en: j,
                agreement,
            });
        }
    }
}

fn rank(a: Agreement) -> u8 {
    match a {
        Agreement::Exact => 0,
        Agreement::Rounded => 1,
        Agreement::Approximate => 2,
        Agreement::Partial => 3,
        Agreement::Related => 4,
        Agreement::Unit => 5,
        Agreement::Magnitude => 6,
        Agreement::Different => 7,
        Agreement::Unknown => 8,
    }
}

/// Groups of kinds whose values are compared with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Money(Currency),
    Percent,
    Points,
    Count,
    Multiple,
    Year,
    Date,
    Ordinal,
    Duration(TimeUnit),
    Age,
    Time,
    Fraction,
}

fn class(q: &Quantity) -> Option<Class> {
    Some(match q.kind {
        Kind::Money { currency } => Class::Money(currency),
        Kind::Percent => Class::Percent,
        Kind::PercentagePoint | Kind::Points => Class::Points,
        Kind::Count | Kind::Plain => Class::Count,
        Kind::Multiple => Class::Multiple,
        Kind::Year => Class::Year,
        Kind::Date { .. } => Class::Date,
        Kind::Ordinal => Class::Ordinal,
        Kind::Duration { unit } => Class::Duration(unit),
        Kind::Age => Class::Age,
        Kind::Time { .. } => Class::Time,
        Kind::Fraction => Class::Fraction,
    })
}

/// Whether `k` and `e` say the same thing, and how.
fn agree(k: &Quantity, e: &Quantity) -> Option<Agreement> {
    let related = |a: Option<Agreement>| {
        a.filter(|a| rank(*a) <= rank(Agreement::Rounded))
            .map(|_| Agreement::Related)
    };
    match (k.kind, e.kind) {
        (Kind::Date { .. }, Kind::Date { .. }) => date_agree(k, e),
        (Kind::Time { .. }, Kind::Time { .. }) => time_agree(k, e),
        (Kind::Fraction, Kind::Fraction) => {
            ((k.value - e.value).abs() < 0.01).then_some(Agreement::Exact)
        }
        // 4,500만 달러 / AUD$45 million: 달러 names other dollars too.
        (Kind::Money { currency: a }, Kind::Money { currency: b }) if dollar_like(a, b) => {
            related(values(k, e))
        }
        // 1점 차 / a one-point victory
        (Kind::Count, Kind::Points) if k.unit.as_deref() == Some("점") => related(values(k, e)),
        // 24일 / the 24th (read as an ordinal)
        (
            Kind::Date {
                month: None,
                day: Some(_),
                weekday: None,
            },
            Kind::Ordinal,
        )
        | (
            Kind::Ordinal,
            Kind::Date {
                month: None,
                day: Some(_),
                weekday: None,
            },
        ) => related(values(k, e)),
        // 4회 대회 / the 4th
        (Kind::Count, Kind::Ordinal) if k.unit.as_deref() == Some("회") => related(values(k, e)),
        // 세 번 / three times, 두 배 / twice
        (Kind::Multiple, Kind::Count | Kind::Plain)
        | (Kind::Count | Kind::Plain, Kind::Multiple) => related(values(k, e)),
        // 4,500년 / 4,500-year-old, 베일(34) / 34
        (
            Kind::Age,
            Kind::Duration {
                unit: TimeUnit::Years,
            },
        )
        | (
            Kind::Duration {
                unit: TimeUnit::Years,
            },
            Kind::Age,
        )
        | (Kind::Age, Kind::Plain | Kind::Count)
        | (Kind::Plain | Kind::Count, Kind::Age) => related(values(k, e)),
        _ => {
            let (a, b) = (class(k)?, class(e)?);
            if a != b {
                return None;
            }
            let v = values(k, e)?;
            Some(if k.kind == e.kind || v != Agreement::Exact {
                v
            } else {
                Agreement::Exact
            })
        }
    }
}

/// Compares the values of two quantities of compatible kinds.
fn values(k: &Quantity, e: &Quantity) -> Option<Agreement> {
    if same(k.value, e.value)
        && k.max.zip(e.max).is_none_or(|(a, b)| same(a, b))
        && k.max.is_some() == e.max.is_some()
    {
        return Some(Agreement::Exact);
    }
    if k.max.is_some() || e.max.is_some() {
        // Ranges agree loosely when they overlap.
        let (k_lo, k_hi) = (k.value, k.max.unwrap_or(k.value));
        let (e_lo, e_hi) = (e.value, e.max.unwrap_or(e.value));
        return (k_lo <= e_hi && e_lo <= k_hi).then_some(Agreement::Approximate);
    }
    let precision = if e.precision.is_finite() && e.precision > 0.0 {
        e.precision
    } else {
        1.0
    };
    let rounded = (k.value / precision).round() == (e.value / precision).round();
    if rounded && relative_difference(k.value, e.value) <= ROUNDING_TOLERANCE {
        return Some(Agreement::Rounded);
    }
    if (k.approximate || e.approximate) && relative_difference(k.value, e.value) <= HEDGE_TOLERANCE
    {
        // An exact figure must not contradict the other side's bound (160여 곳 / 150).
        let violates = |hedged: &Quantity, exact: &Quantity| {
            !exact.approximate
                && ((hedged.lower_bound && exact.value < hedged.value)
                    || (hedged.upper_bound && exact.value > hedged.value))
        };
        if !violates(k, e) && !violates(e, k) {
            return Some(Agreement::Approximate);
        }
    }
    None
}

/// Month, day and weekday that both dates give: how many agree, how many differ.
fn date_fields(a: Kind, b: Kind) -> (u32, u32) {
    let (
        Kind::Date {
            month: m1,
            day: d1,
            weekday: w1,
        },
        Kind::Date {
            month: m2,
            day: d2,
            weekday: w2,
        },
    ) = (a, b)
    else {
        return (0, 0);
    };
    let mut shared = 0;
    let mut conflicts = 0;
    let mut check = |same: Option<bool>| match same {
        Some(true) => shared += 1,
        Some(false) => conflicts += 1,
        None => {}
    };
    check(m1.zip(m2).map(|(x, y)| x == y));
    check(d1.zip(d2).map(|(x, y)| x == y));
    check(w1.zip(w2).map(|(x, y)| x == y));
    (shared, conflicts)
}

fn date_agree(k: &Quantity, e: &Quantity) -> Option<Agreement> {
    let (shared, conflicts) = date_fields(k.kind, e.kind);
    if conflicts > 0 || shared == 0 {
        return None;
    }
    let parts = |kind: Kind| match kind {
        Kind::Date {
            month,
            day,
            weekday,
        } => (month.is_some(), day.is_some(), weekday.is_some()),
        _ => (false, false, false),
    };
    Some(if parts(k.kind) == parts(e.kind) {
        Agreement::Exact
    } else {
        Agreement::Partial
    })
}

fn time_agree(k: &Quantity, e: &Quantity) -> Option<Agreement> {
    let (
        Kind::Time {
            hour: h1,
            minute: m1,
            am_pm_unknown: u1,
        },
        Kind::Time {
            hour: h2,
            minute: m2,
            am_pm_unknown: u2,
        },
    ) = (k.kind, e.kind)
    else {
        return None;
    };
    if m1 != m2 {
        return None;
    }
    if h1 == h2 {
        Some(Agreement::Exact)
    } else if (u1 || u2) && h1 % 12 == h2 % 12 {
        Some(Agreement::Partial)
    } else {
        None
    }
}

/// Whether two unpaired quantities are the same figure written differently: what a reviewer
/// must check. `sole`: each is the only unpaired quantity of its kind on its side.
fn conflict(k: &Quantity, e: &Quantity, sole: bool) -> Option<Agreement> {
    let ratio = ratio(k.value, e.value);
    let digits_match = !same(k.value, e.value)
        && significant_digits(k.value) == significant_digits(e.value)
        && is_power_of_ten(ratio);
    match (k.kind, e.kind) {
        (Kind::Money { currency: a }, Kind::Money { currency: b })
            if a == b || dollar_like(a, b) =>
        {
            if digits_match {
                Some(Agreement::Magnitude)
            } else {
                (ratio <= 1.5 || sole).then_some(Agreement::Different)
            }
        }
        (Kind::Percent, Kind::PercentagePoint | Kind::Points)
        | (Kind::PercentagePoint | Kind::Points, Kind::Percent)
            if same(k.value, e.value) =>
        {
            Some(Agreement::Unit)
        }
        (Kind::Percent, Kind::Percent)
        | (Kind::PercentagePoint | Kind::Points, Kind::PercentagePoint | Kind::Points) => {
            let close = ratio <= 2.0 || (k.value - e.value).abs() <= 3.0;
            (close || sole).then_some(Agreement::Different)
        }
        // 117km / 73 miles: a measure may have been converted.
        (Kind::Count, _) | (_, Kind::Count) if is_measure(k) || is_measure(e) => None,
        (Kind::Count | Kind::Plain, Kind::Count | Kind::Plain) => {
            let big = k.value >= 100.0 && e.value >= 100.0;
            if digits_match && big {
                Some(Agreement::Magnitude)
            } else {
                (k.value >= 20.0 && e.value >= 20.0 && ratio <= 1.1).then_some(Agreement::Different)
            }
        }
        (Kind::Year, Kind::Year) => {
            ((k.value - e.value).abs() <= 2.0 || sole).then_some(Agreement::Different)
        }
        (Kind::Date { .. }, Kind::Date { .. }) => {
            let (shared, conflicts) = date_fields(k.kind, e.kind);
            (conflicts > 0 && (shared > 0 || sole)).then_some(Agreement::Different)
        }
        (Kind::Duration { unit: a }, Kind::Duration { unit: b }) if a == b => {
            sole.then_some(Agreement::Different)
        }
        (Kind::Ordinal, Kind::Ordinal)
        | (Kind::Age, Kind::Age)
        | (Kind::Time { .. }, Kind::Time { .. })
        | (Kind::Fraction, Kind::Fraction)
        | (Kind::Multiple, Kind::Multiple) => sole.then_some(Agreement::Different),
        _ => None,
    }
}

/// Korean 달러 against A$, HK$: the Korean often leaves the country out.
fn dollar_like(a: Currency, b: Currency) -> bool {
    matches!(
        (a, b),
        (Currency::Dollar, Currency::Other) | (Currency::Other, Currency::Dollar)
    )
}

/// A count in a physical unit (`km`, `톤`, `miles`).
fn is_measure(q: &Quantity) -> bool {
    q.unit
        .as_ref()
        .is_some_and(|u| tables().measures.contains(u.as_str()))
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn relative_difference(a: f64, b: f64) -> f64 {
    let scale = a.abs().max(b.abs());
    if scale == 0.0 {
        0.0
    } else {
        (a - b).abs() / scale
    }
}

/// max/min of two magnitudes (infinite when one is zero and the other is not).
fn ratio(a: f64, b: f64) -> f64 {
    let (lo, hi) = if a.abs() < b.abs() {
        (a.abs(), b.abs())
    } else {
        (b.abs(), a.abs())
    };
    if hi == 0.0 {
        1.0
    } else if lo == 0.0 {
        f64::INFINITY
    } else {
        hi / lo
    }
}

fn log_ratio(a: f64, b: f64) -> f64 {
    ratio(a, b).ln()
}

fn is_power_of_ten(r: f64) -> bool {
    r.is_finite() && r >= 9.99 && (r.log10() - r.log10().round()).abs() < 1e-9
}

/// The significant digits of a value: 426.9e9 and 4269e8 → "4269".
fn significant_digits(v: f64) -> String {
    let s = format!("{:e}", v.abs());
    let mantissa = s.split('e').next().unwrap_or("");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_end_matches('0').to_string()
}

/// The value in plain words (see [`Quantity::describe`]).
pub(crate) fn describe(q: &Quantity) -> String {
    let amount = |v: f64| amount(v, q.precision);
    let range = |v: f64| match q.max {
        Some(m) => format!("{}–{}", amount(v), amount(m)),
        None => amount(v),
    };
    let body = match q.kind {
        Kind::Money { currency } => {
            let name = match currency {
                Currency::Won => "won",
                Currency::Dollar => "dollars",
                Currency::Yen => "yen",
                Currency::Yuan => "yuan",
                Currency::Euro => "euros",
                Currency::Pound => "pounds",
                Currency::Other => "(other currency)",
            };
            format!("{} {name}", range(q.value))
        }
        Kind::Percent => format!("{}%", range(q.value)),
        Kind::PercentagePoint => format!("{} percentage points", range(q.value)),
        Kind::Points => format!("{} points", range(q.value)),
        Kind::Count | Kind::Plain => range(q.value),
        Kind::Multiple => format!("{} times", range(q.value)),
        Kind::Ordinal => format!("No. {}", range(q.value)),
        Kind::Year => {
            let year = |v: f64| trim(v);
            match q.max {
                _ if q.precision >= 10.0 => format!("{}s", year(q.value)),
                Some(m) => format!("{}–{}", year(q.value), year(m)),
                None => year(q.value),
            }
        }
        Kind::Date {
            month,
            day,
            weekday,
        } => {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            let month = month.and_then(|m| MONTHS.get(usize::from(m).checked_sub(1)?));
            let day = day.map(|d| match q.max {
                Some(m) => format!("{d}–{}", amount(m)),
                None => d.to_string(),
            });
            let date = match (month, day) {
                (Some(m), Some(d)) => format!("{m} {d}"),
                (Some(m), None) => (*m).to_string(),
                (None, Some(d)) => format!("day {d}"),
                (None, None) => String::new(),
            };
            match (weekday, date.is_empty()) {
                (Some(w), true) => format!("{w:?}"),
                (Some(w), false) => format!("{date} ({w:?})"),
                (None, _) => date,
            }
        }
        Kind::Time {
            hour,
            minute,
            am_pm_unknown,
        } => {
            let suffix = if am_pm_unknown { " (a.m. or p.m.)" } else { "" };
            format!("{hour:02}:{minute:02}{suffix}")
        }
        Kind::Duration { unit } => {
            let name = format!("{unit:?}").to_lowercase();
            let one = q.max.is_none() && q.value == 1.0;
            format!(
                "{} {}",
                range(q.value),
                if one {
                    name.trim_end_matches('s')
                } else {
                    &name
                }
            )
        }
        Kind::Age => format!("{} years old", range(q.value)),
        Kind::Fraction => format!("{:.3}", q.value),
    };
    let hedge = match (q.lower_bound, q.upper_bound, q.approximate) {
        (true, _, _) => "at least ",
        (_, true, _) => "at most ",
        (_, _, true) => "about ",
        _ => "",
    };
    format!("{hedge}{body}")
}

/// 426900000000 → "426.9 billion" (when written with a scale word or unit: precision 10^5 and
/// up), 3240947 → "3,240,947", 12.7 → "12.7".
fn amount(v: f64, precision: f64) -> String {
    const SCALES: [(f64, &str); 3] = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")];
    for (scale, name) in SCALES {
        if precision >= 1e5 && v.abs() >= scale && v.abs() < 1e18 {
            return format!("{} {name}", trim(v / scale));
        }
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let digits = format!("{}", v.abs() as u64);
        let mut out = String::new();
        for (n, c) in digits.chars().enumerate() {
            if n > 0 && (digits.len() - n) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        return if v < 0.0 { format!("-{out}") } else { out };
    }
    trim(v)
}

/// A decimal with at most 6 places and no trailing zeros.
fn trim(v: f64) -> String {
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::super::{Agreement, compare, extract_en, extract_ko, similarity};

    /// The agreement of the single pair found between a Korean and an English phrase, if any.
    fn verdict(ko: &str, en: &str) -> Option<Agreement> {
        let (k, e) = (extract_ko(ko), extract_en(en));
        assert!(!k.is_empty() && !e.is_empty(), "{ko} / {en}: {k:#?} {e:#?}");
        let c = compare(&k, &e);
        c.matched
            .iter()
            .chain(&c.mismatched)
            .chain(&c.undetermined)
            .next()
            .map(|p| p.agreement)
    }

    fn matches(ko: &str, en: &str) -> bool {
        let c = compare(&extract_ko(ko), &extract_en(en));
        !c.matched.is_empty() && c.mismatched.is_empty()
    }

    #[test]
    fn money_rounded_to_the_english_precision() {
        assert_eq!(
            verdict("4269억원", "426.9 billion won"),
            Some(Agreement::Exact)
        );
        assert_eq!(
            verdict("6192억원", "619.3 billion won"),
            Some(Agreement::Different)
        );
        assert_eq!(
            verdict("6192억원", "619.2 billion won"),
            Some(Agreement::Exact)
        );
        assert_eq!(verdict("1조원", "1 trillion won"), Some(Agreement::Exact));
        assert_eq!(
            verdict("4269억 2000만원", "426.9 billion won"),
            Some(Agreement::Rounded)
        );
        assert_eq!(
            verdict("4269억원", "42.69 billion won"),
            Some(Agreement::Magnitude)
        );
        assert_eq!(
            verdict("1조 4000억원", "1 trillion won"),
            Some(Agreement::Different)
        );
        assert_eq!(
            verdict("1억1천만 달러", "$110 million"),
            Some(Agreement::Exact)
        );
        assert_eq!(
            verdict("30억 달러", "about $3 billion"),
            Some(Agreement::Exact)
        );
        // A different currency is a different figure, not a conflict.
        assert_eq!(verdict("1조원", "$900 million"), None);
    }

    #[test]
    fn hedged_counts() {
        assert_eq!(verdict("160여 곳", "more than 160"), Some(Agreement::Exact));
        assert_eq!(
            verdict("160여 곳", "about 170 sites"),
            Some(Agreement::Approximate)
        );
        assert!(!matches("160여 곳", "150 sites"));
        assert!(matches("약 30명", "about 30 people"));
        assert!(matches("수백 명", "hundreds of people"));
        assert!(matches("10만 명", "100,000 people"));
        assert!(matches("210만 명", "2.1 million people"));
        assert_eq!(
            verdict("210만 명", "2 million people"),
            Some(Agreement::Rounded)
        );
        assert!(matches("131개", "131 companies"));
        assert!(!matches("131개", "132 companies"));
    }

    #[test]
    fn dates() {
        assert_eq!(verdict("9월 24일", "September 24"), Some(Agreement::Exact));
        assert_eq!(verdict("24일", "September 24"), Some(Agreement::Partial));
        assert_eq!(verdict("24일", "on the 24th"), Some(Agreement::Exact));
        assert_eq!(verdict("24일", "the 24th"), Some(Agreement::Exact));
        assert_eq!(verdict("9월 24일", "Sept. 25"), Some(Agreement::Different));
        assert_eq!(verdict("9월 24일", "on Tuesday"), Some(Agreement::Unknown));
        let c = compare(&extract_ko("24일(화)"), &extract_en("Tuesday, Sept. 24"));
        let got: Vec<_> = c.matched.iter().map(|p| p.agreement).collect();
        assert_eq!(got, [Agreement::Partial, Agreement::Exact]);
        assert_eq!(verdict("2024년", "in 2024"), Some(Agreement::Exact));
        assert_eq!(verdict("2024년", "in 2023"), Some(Agreement::Different));
        assert_eq!(verdict("오후 3시", "3 p.m."), Some(Agreement::Exact));
        assert_eq!(verdict("3시", "3 p.m."), Some(Agreement::Partial));
    }

    #[test]
    fn stays_ordinals_percentages() {
        let c = compare(
            &extract_ko("3박 4일 일정으로"),
            &extract_en("a four-day, three-night visit"),
        );
        assert_eq!(c.matched.len(), 2, "{c:#?}");
        assert!(c.mismatched.is_empty() && c.unpaired_ko.is_empty() && c.unpaired_en.is_empty());
        assert!(matches("제4회", "the 4th"));
        assert!(matches("제4회", "the fourth"));
        assert!(matches("1위", "No. 1"));
        assert!(matches("세 번째", "third"));
        assert!(matches("12.7%", "12.7 percent"));
        assert_eq!(verdict("12.7%", "13 percent"), Some(Agreement::Rounded));
        assert_eq!(verdict("12.7%", "14.7 percent"), Some(Agreement::Different));
        assert!(matches("3.5%포인트", "3.5 percentage points"));
        assert!(matches("9%포인트", "a 9-point margin"));
        assert_eq!(verdict("3.5%포인트", "3.5 percent"), Some(Agreement::Unit));
        assert!(matches("10배", "10 times"));
        assert!(matches("두 배", "doubled"));
        assert!(matches("35세", "35-year-old"));
        assert!(matches("50년 이상", "more than five decades"));
        assert!(matches("3분의 2", "two-thirds"));
    }

    #[test]
    fn sentence_pairs() {
        let ko = "광주시는 2024년 9월 24일 160여 곳의 기업과 4269억원 규모의 협약을 맺었다.";
        let en = "On Sept. 24, 2024, Gwangju signed deals worth 426.9 billion won with more than 160 companies.";
        let (k, e) = (extract_ko(ko), extract_en(en));
        let c = compare(&k, &e);
        assert_eq!(c.matched.len(), 4, "{c:#?}");
        assert!(c.is_consistent());
        assert!(similarity(&k, &e) > 0.95);
        let other = extract_en("The mayor met 12 delegates in Hangzhou on Tuesday.");
        assert!(similarity(&k, &other) < 0.2, "{}", similarity(&k, &other));
        assert_eq!(similarity(&k, &[]), 0.0);
        assert_eq!(similarity(&[], &[]), 0.0);
    }

    #[test]
    fn mismatches_are_flagged_in_sentences() {
        let ko = extract_ko("투자액은 6192억원, 고용은 1,200명이다.");
        let en = extract_en("The investment is 619.3 billion won, creating 1,200 jobs.");
        let c = compare(&ko, &en);
        assert_eq!(c.mismatched.len(), 1);
        assert_eq!(c.mismatched[0].agreement, Agreement::Different);
        assert_eq!(ko[c.mismatched[0].ko].text, "6192억원");
        assert_eq!(c.matched.len(), 1);
        assert!(!c.is_consistent());
    }

    #[test]
    fn describe_reads_the_same_in_both_languages() {
        let k = &extract_ko("4269억원")[0];
        let e = &extract_en("426.9 billion won")[0];
        assert_eq!(k.describe(), "426.9 billion won");
        assert_eq!(k.describe(), e.describe());
        assert_eq!(extract_ko("160여 곳")[0].describe(), "at least 160");
        assert_eq!(extract_ko("9월 24일(화)")[0].describe(), "September 24");
        assert_eq!(extract_ko("9월 24일(화)")[1].describe(), "Tuesday");
    }
}
