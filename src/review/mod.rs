//! Review flags: what a translation reviewer should look at in each bead.
//!
//! The checks are the ones reviewers run in QA tools such as Xbench and
//! Verifika: sentences missing on one side, numbers that disagree, names that
//! are missing or spelt inconsistently, alignments the model is unsure of, and
//! lengths that do not fit. Every output format carries them.

pub mod entities;

use serde::{Deserialize, Serialize};

use crate::align::model::LengthModel;
use crate::export::BeadRecord;
use crate::numbers;

/// The kinds of review flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagKind {
    /// A Korean sentence with no English counterpart (1-0 bead).
    Omission,
    /// An English sentence with no Korean counterpart (0-1 bead).
    Addition,
    /// A number, amount or date that differs between the two sides.
    NumberMismatch,
    /// A named entity on one side with no counterpart in the bead.
    EntityMissing,
    /// The bead uses a spelling that `koalign names` flags as a variant.
    NameVariant,
    /// The aligner's confidence is below `--min-score`.
    LowConfidence,
    /// The lengths of the two sides do not fit a translation.
    LengthOutlier,
}

impl FlagKind {
    /// All kinds, in report order.
    pub const ALL: [FlagKind; 7] = [
        FlagKind::Omission,
        FlagKind::Addition,
        FlagKind::NumberMismatch,
        FlagKind::EntityMissing,
        FlagKind::NameVariant,
        FlagKind::LowConfidence,
        FlagKind::LengthOutlier,
    ];

    /// The flag's name as every format writes it (`number-mismatch`).
    pub fn as_str(self) -> &'static str {
        match self {
            FlagKind::Omission => "omission",
            FlagKind::Addition => "addition",
            FlagKind::NumberMismatch => "number-mismatch",
            FlagKind::EntityMissing => "entity-missing",
            FlagKind::NameVariant => "name-variant",
            FlagKind::LowConfidence => "low-confidence",
            FlagKind::LengthOutlier => "length-outlier",
        }
    }
}

impl std::fmt::Display for FlagKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One flag on a bead, with what the reviewer should look at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// e.g. `6192억원 (619.2 billion won) vs 619.3 billion won`.
    pub detail: String,
}

/// Thresholds of the checks.
#[derive(Debug, Clone, Copy)]
pub struct ReviewOptions {
    /// Beads scored below this are `low-confidence`.
    pub min_score: f64,
    /// Beads whose length difference is more than this many standard
    /// deviations from the expected are `length-outlier`.
    pub max_length_delta: f64,
}

impl Default for ReviewOptions {
    fn default() -> Self {
        ReviewOptions {
            min_score: 0.5,
            max_length_delta: 4.0,
        }
    }
}

/// Entity findings for one bead, from the name report ([`entities`]).
#[derive(Debug, Clone, Default)]
pub struct BeadEntities {
    /// Entities on one side with no counterpart on the other, described for
    /// the reviewer (`루산 ("Lu Shan" not found in the English)`).
    pub missing: Vec<String>,
    /// Variant spellings the bead uses, with the suggested one.
    pub variants: Vec<String>,
}

fn non_space_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The flags of one bead.
pub fn flag_bead(
    record: &BeadRecord,
    length: &LengthModel,
    entities: Option<&BeadEntities>,
    options: &ReviewOptions,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    let (has_ko, has_en) = (!record.ko.is_empty(), !record.en.is_empty());
    if has_ko && !has_en {
        flags.push(Flag {
            kind: FlagKind::Omission,
            detail: "Korean sentence not in the English".into(),
        });
    }
    if has_en && !has_ko {
        flags.push(Flag {
            kind: FlagKind::Addition,
            detail: "English sentence not in the Korean".into(),
        });
    }
    if has_ko && has_en {
        let ko = numbers::extract_ko(&record.ko_text);
        let en = numbers::extract_en(&record.en_text);
        if !ko.is_empty() && !en.is_empty() {
            for pair in numbers::compare(&ko, &en).mismatched {
                if let (Some(k), Some(e)) = (ko.get(pair.ko), en.get(pair.en)) {
                    flags.push(Flag {
                        kind: FlagKind::NumberMismatch,
                        detail: format!("{} ({}) vs {}", k.text, k.describe(), e.text),
                    });
                }
            }
        }
        let delta = length.delta(
            non_space_chars(&record.ko_text),
            non_space_chars(&record.en_text),
        );
        if delta.abs() > options.max_length_delta {
            let which = if delta > 0.0 {
                "English much longer"
            } else {
                "English much shorter"
            };
            flags.push(Flag {
                kind: FlagKind::LengthOutlier,
                detail: format!("{which} than the Korean predicts ({delta:+.1} sd)"),
            });
        }
    }
    if let Some(entities) = entities {
        for name in &entities.missing {
            flags.push(Flag {
                kind: FlagKind::EntityMissing,
                detail: name.clone(),
            });
        }
        for form in &entities.variants {
            flags.push(Flag {
                kind: FlagKind::NameVariant,
                detail: format!("{form}: one name written in several ways"),
            });
        }
    }
    if record.score < options.min_score {
        flags.push(Flag {
            kind: FlagKind::LowConfidence,
            detail: format!("score {:.2} below {:.2}", record.score, options.min_score),
        });
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(ko: &str, en: &str, score: f64) -> BeadRecord {
        BeadRecord {
            ko: if ko.is_empty() { vec![] } else { vec![0] },
            en: if en.is_empty() { vec![] } else { vec![0] },
            ko_text: ko.into(),
            en_text: en.into(),
            score,
            bead_type: String::new(),
            flags: Vec::new(),
        }
    }

    fn kinds(flags: &[Flag]) -> Vec<FlagKind> {
        flags.iter().map(|f| f.kind).collect()
    }

    const LENGTH: LengthModel = LengthModel {
        ratio: 2.3,
        variance: 11.0,
    };

    #[test]
    fn number_mismatch_names_both_values() {
        let r = record(
            "민선 8기 출범 이후 6192억원의 창업 펀드를 조성했다.",
            "The city has raised 619.3 billion won in startup funds.",
            0.95,
        );
        let flags = flag_bead(&r, &LENGTH, None, &ReviewOptions::default());
        assert_eq!(kinds(&flags), vec![FlagKind::NumberMismatch]);
        assert!(flags[0].detail.contains("6192억원") && flags[0].detail.contains("619.3"));
        let ok = record("6192억원을 조성했다.", "It raised 619.2 billion won.", 0.95);
        assert!(flag_bead(&ok, &LENGTH, None, &ReviewOptions::default()).is_empty());
    }

    #[test]
    fn null_beads_and_low_scores_are_flagged() {
        let options = ReviewOptions::default();
        assert_eq!(
            kinds(&flag_bead(
                &record("광주시 제공", "", 0.9),
                &LENGTH,
                None,
                &options
            )),
            vec![FlagKind::Omission]
        );
        assert_eq!(
            kinds(&flag_bead(
                &record("", "Photo by Gwangju City", 0.9),
                &LENGTH,
                None,
                &options
            )),
            vec![FlagKind::Addition]
        );
        assert_eq!(
            kinds(&flag_bead(
                &record("회의가 열렸다.", "A meeting was held.", 0.2),
                &LENGTH,
                None,
                &options
            )),
            vec![FlagKind::LowConfidence]
        );
    }

    #[test]
    fn wildly_different_lengths_are_outliers() {
        let long = "The two cities pledged strategic collaboration for the development of the AI industry, opening a new chapter in building a global artificial intelligence ecosystem and much more besides.";
        let flags = flag_bead(
            &record("협력했다.", long, 0.9),
            &LENGTH,
            None,
            &ReviewOptions::default(),
        );
        assert_eq!(kinds(&flags), vec![FlagKind::LengthOutlier]);
    }

    #[test]
    fn entity_findings_become_flags() {
        let entities = BeadEntities {
            missing: vec!["루산".into()],
            variants: vec!["Kang Gijeong".into()],
        };
        let flags = flag_bead(
            &record("a", "b", 0.9),
            &LENGTH,
            Some(&entities),
            &ReviewOptions::default(),
        );
        assert!(kinds(&flags).contains(&FlagKind::EntityMissing));
        assert!(kinds(&flags).contains(&FlagKind::NameVariant));
    }

    #[test]
    fn flag_names_are_kebab_case() {
        for kind in FlagKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }
}
