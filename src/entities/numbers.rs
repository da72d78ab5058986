//! Numbers across the two versions: the amounts, dates and counts of each
//! aligned bead paired with [`crate::numbers::compare`], so that the report
//! lists what agrees (4269억원 / 426.9 billion won) and flags what does not
//! (6192억원 / 619.3 billion won).

use serde::Serialize;

use crate::align::Alignment;
use crate::numbers::{Agreement, Kind, Quantity, compare, extract_en, extract_ko};
use crate::segment::Segment;

/// A Korean quantity and its English counterpart (either may be missing).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberPair {
    /// The Korean expression as written (`4269억원`).
    pub ko: Option<String>,
    /// The English expression as written (`426.9 billion won`).
    pub en: Option<String>,
    /// The Korean value in words both sides share (`426.9 billion won`).
    pub ko_value: Option<String>,
    pub en_value: Option<String>,
    /// What is measured: money, count, percent, date, ...
    pub kind: String,
    /// How the two relate (exact, rounded, approximate, partial, related,
    /// different, magnitude, unit, unknown); `None` when one side is missing.
    pub agreement: Option<Agreement>,
    /// `true` agree, `false` conflict, `None` cannot tell or one side only.
    #[serde(rename = "match")]
    pub matches: Option<bool>,
    /// Korean and English sentence (segment) indices.
    pub ko_sentence: Option<usize>,
    pub en_sentence: Option<usize>,
}

impl NumberPair {
    /// A conflict a reviewer must look at.
    pub fn is_mismatch(&self) -> bool {
        self.matches == Some(false)
    }
}

fn kind_name(kind: &Kind) -> String {
    match kind {
        Kind::Money { .. } => "money",
        Kind::Count => "count",
        Kind::Percent => "percent",
        Kind::PercentagePoint => "percentage-point",
        Kind::Points => "points",
        Kind::Multiple => "multiple",
        Kind::Date { .. } => "date",
        Kind::Year => "year",
        Kind::Time { .. } => "time",
        Kind::Duration { .. } => "duration",
        Kind::Age => "age",
        Kind::Ordinal => "ordinal",
        Kind::Fraction => "fraction",
        Kind::Plain => "number",
    }
    .to_string()
}

fn verdict(agreement: Agreement) -> Option<bool> {
    match agreement {
        Agreement::Exact
        | Agreement::Rounded
        | Agreement::Approximate
        | Agreement::Partial
        | Agreement::Related => Some(true),
        Agreement::Different | Agreement::Magnitude | Agreement::Unit => Some(false),
        Agreement::Unknown => None,
    }
}

/// The number pairs of an aligned article, bead by bead, in document order;
/// quantities without a counterpart are listed with one side empty.
pub fn reconcile(ko: &[Segment], en: &[Segment], alignment: &Alignment) -> Vec<NumberPair> {
    let mut out = Vec::new();
    for bead in &alignment.beads {
        let gather =
            |indices: &[usize], segments: &[Segment], extract: fn(&str) -> Vec<Quantity>| {
                let mut all: Vec<(usize, Quantity)> = Vec::new();
                for &i in indices {
                    if let Some(segment) = segments.get(i) {
                        all.extend(extract(&segment.text).into_iter().map(|q| (i, q)));
                    }
                }
                all
            };
        let ko_q = gather(&bead.ko, ko, extract_ko);
        let en_q = gather(&bead.en, en, extract_en);
        let ko_only: Vec<Quantity> = ko_q.iter().map(|(_, q)| q.clone()).collect();
        let en_only: Vec<Quantity> = en_q.iter().map(|(_, q)| q.clone()).collect();
        let comparison = compare(&ko_only, &en_only);
        let mut pairs: Vec<NumberPair> = Vec::new();
        for pair in comparison
            .matched
            .iter()
            .chain(&comparison.mismatched)
            .chain(&comparison.undetermined)
        {
            let (Some((ks, kq)), Some((es, eq))) = (ko_q.get(pair.ko), en_q.get(pair.en)) else {
                continue;
            };
            pairs.push(NumberPair {
                ko: Some(kq.text.clone()),
                en: Some(eq.text.clone()),
                ko_value: Some(kq.describe()),
                en_value: Some(eq.describe()),
                kind: kind_name(&kq.kind),
                agreement: Some(pair.agreement),
                matches: verdict(pair.agreement),
                ko_sentence: Some(*ks),
                en_sentence: Some(*es),
            });
        }
        for &k in &comparison.unpaired_ko {
            if let Some((s, q)) = ko_q.get(k) {
                pairs.push(NumberPair {
                    ko: Some(q.text.clone()),
                    en: None,
                    ko_value: Some(q.describe()),
                    en_value: None,
                    kind: kind_name(&q.kind),
                    agreement: None,
                    matches: None,
                    ko_sentence: Some(*s),
                    en_sentence: None,
                });
            }
        }
        for &e in &comparison.unpaired_en {
            if let Some((s, q)) = en_q.get(e) {
                pairs.push(NumberPair {
                    ko: None,
                    en: Some(q.text.clone()),
                    ko_value: None,
                    en_value: Some(q.describe()),
                    kind: kind_name(&q.kind),
                    agreement: None,
                    matches: None,
                    ko_sentence: None,
                    en_sentence: Some(*s),
                });
            }
        }
        pairs.sort_by_key(|p| (p.ko_sentence.or(p.en_sentence), p.en_sentence));
        out.extend(pairs);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Bead;
    use crate::lang::Lang;
    use crate::segment::segment;

    fn pairs(ko: &str, en: &str) -> Vec<NumberPair> {
        let (ko, en) = (segment(ko, Lang::Ko), segment(en, Lang::En));
        let alignment = Alignment {
            beads: vec![Bead {
                ko: (0..ko.len()).collect(),
                en: (0..en.len()).collect(),
                score: 1.0,
            }],
        };
        reconcile(&ko, &en, &alignment)
    }

    #[test]
    fn amounts_agree_or_conflict() {
        let found = pairs(
            "광주시는 4269억원을 투입해 6192억원의 창업펀드를 조성했다.",
            "Gwangju invested 426.9 billion won and raised 619.3 billion won in startup funds.",
        );
        let of = |ko: &str| found.iter().find(|p| p.ko.as_deref() == Some(ko));
        let agree = of("4269억원").unwrap();
        assert_eq!(agree.en.as_deref(), Some("426.9 billion won"));
        assert_eq!(agree.matches, Some(true));
        let conflict = of("6192억원").unwrap();
        assert_eq!(conflict.matches, Some(false));
        assert!(conflict.is_mismatch());
        assert_eq!(conflict.ko_value.as_deref(), Some("619.2 billion won"));
    }

    #[test]
    fn one_sided_numbers_are_listed_and_empty_text_gives_nothing() {
        let found = pairs("3명이 왔다.", "Nobody came.");
        assert!(
            found
                .iter()
                .any(|p| p.ko.as_deref() == Some("3명") && p.en.is_none())
        );
        assert!(pairs("", "").is_empty());
    }
}
