//! Name variants: one entity written in two or more different full English
//! spellings ("Kang Gi-jung" and "Kang Gijeong"; "InterContinental" and
//! "Intercontinental").
//!
//! Two full forms of one Korean entity are a *variant* when they spell the
//! same name: the same letters up to case, hyphens, spaces and accents
//! (Marché du Film / Marche du Film, YOON Jae Seok / Yoon Jae-seok), or two
//! romanizations of the same Korean name (checked with
//! [`crate::romanize::same_korean_name`] and against the Hangul). Different
//! names of one thing (United Kingdom / Britain) are aliases, not variants.
//! A variant of a name the English reads in Korean (a romanization) is a
//! *romanization* variant; of a foreign or brand name, a *spelling* variant.
//!
//! For each form the report says whether it follows Revised Romanization or
//! McCune–Reischauer, and suggests one form: the one used most (the
//! article's, or the person's, customary spelling), else the one following
//! RR, else the original spelling with its accents and capitals.

use serde::Serialize;

use crate::romanize::{
    HangulMatcher, System, romanize, romanize_name, same_korean_name, split_name,
};

use super::EntityType;

/// What kind of variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VariantKind {
    /// A Korean name romanized two ways.
    Romanization,
    /// A foreign or brand name spelt or capitalised two ways.
    Spelling,
}

impl VariantKind {
    /// The name used in reports: `romanization` or `spelling`.
    pub fn as_str(self) -> &'static str {
        match self {
            VariantKind::Romanization => "romanization",
            VariantKind::Spelling => "spelling",
        }
    }
}

/// Which romanization system a form follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FormSystem {
    /// Revised Romanization (with a conventional surname spelling).
    Rr,
    /// McCune–Reischauer (as usually printed, without breves).
    Mr,
    /// Neither: a customary spelling (Gi-jung, Seung-woo).
    Other,
}

impl FormSystem {
    /// The name used in reports: `rr`, `mr` or `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            FormSystem::Rr => "rr",
            FormSystem::Mr => "mr",
            FormSystem::Other => "other",
        }
    }
}

/// The romanizations of a Korean name, for reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Romanizations {
    /// Strict Revised Romanization, surname included (Gang Gijeong).
    pub rr: String,
    /// RR with the conventional surname spelling (Kang Gijeong).
    pub rr_name: String,
    /// McCune–Reischauer (Kang Kijŏng).
    pub mr: String,
}

/// A full form and how often it is used.
#[derive(Debug, Clone, PartialEq)]
pub struct FormCount<'a> {
    pub form: &'a str,
    pub count: usize,
}

/// The variant assessment of one entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub variant: bool,
    pub kind: Option<VariantKind>,
    /// The system each full form follows (Korean readings only), in the
    /// order of the forms given.
    pub systems: Vec<Option<FormSystem>>,
    pub romanization: Option<Romanizations>,
    pub suggested: Option<String>,
    pub reason: Option<String>,
}

/// A form folded for comparison: lowercase letters and digits only, accents
/// removed (Marché → marche, Gi-jung → gijung).
pub fn fold(form: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    form.nfd()
        .filter(|c| c.is_alphanumeric() && c.is_ascii())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether `b` is the people's or adjective form of `a` (Korea → Korean,
/// China → Chinese): no variant.
pub fn demonym(a: &str, b: &str) -> bool {
    a != b
        && ["n", "an", "ian", "ese", "ish", "i"].iter().any(|end| {
            b.strip_suffix(end).is_some_and(|stem| {
                !stem.is_empty()
                    && (stem == a || format!("{stem}a") == a || format!("{stem}e") == a)
            })
        })
}

/// Whether the Hangul reads as a Korean name or word (not a transcribed
/// foreign name) for these forms.
fn is_korean(ko: &str, kind: EntityType, korean_reading: bool) -> bool {
    korean_reading && matches!(kind, EntityType::Person | EntityType::Location)
        || kind == EntityType::Person && split_name(ko).is_some() && korean_reading
}

/// The romanizations of a Korean name or place.
pub fn romanizations(ko: &str, kind: EntityType) -> Romanizations {
    if kind == EntityType::Person && split_name(ko).is_some() {
        let names = romanize_name(ko);
        let given_rr = names
            .rr
            .split_once(' ')
            .map_or(names.rr.as_str(), |(_, g)| g)
            .to_string();
        Romanizations {
            rr: format!("{} {given_rr}", names.surname_rr),
            rr_name: names.rr,
            mr: names.mr,
        }
    } else {
        let capital = |s: String| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        };
        let rr = capital(romanize(ko, System::Rr));
        Romanizations {
            rr: rr.clone(),
            rr_name: rr,
            mr: capital(romanize(ko, System::Mr)),
        }
    }
}

/// Which system a form follows, for a Korean name.
pub fn form_system(ko: &str, kind: EntityType, form: &str) -> FormSystem {
    let folded = fold(form);
    if kind == EntityType::Person && split_name(ko).is_some() {
        let names = romanize_name(ko);
        let given = |full: &str| fold(full.split_once(' ').map_or(full, |(_, g)| g));
        let (given_rr, given_mr) = (given(&names.rr), given(&names.mr_ascii));
        let mut surnames: Vec<String> = names.surname_spellings.iter().map(|s| fold(s)).collect();
        surnames.push(fold(&names.surname_rr));
        surnames.push(fold(names.mr_ascii.split(' ').next().unwrap_or("")));
        let spelled = |given: &str| {
            surnames
                .iter()
                .any(|s| folded == format!("{s}{given}") || folded == format!("{given}{s}"))
        };
        if spelled(&given_rr) {
            FormSystem::Rr
        } else if spelled(&given_mr) {
            FormSystem::Mr
        } else {
            FormSystem::Other
        }
    } else if folded == fold(&romanize(ko, System::Rr)) {
        FormSystem::Rr
    } else if folded == fold(&romanize(ko, System::MrAscii)) {
        FormSystem::Mr
    } else {
        FormSystem::Other
    }
}

/// Whether two English forms spell the same name of the Korean `ko`: the
/// same letters up to case, hyphens, spaces and accents, or two
/// romanizations of it.
pub fn spell_same_name(ko: &str, a: &str, b: &str) -> bool {
    fold(a) == fold(b) || same_name(ko, true, a, b, &HangulMatcher::new(ko))
}

/// Whether two full forms spell the same name.
fn same_name(ko: &str, korean: bool, a: &str, b: &str, matcher: &HangulMatcher) -> bool {
    let (fa, fb) = (fold(a), fold(b));
    if fa == fb {
        return true;
    }
    if demonym(&fa, &fb) || demonym(&fb, &fa) {
        return false;
    }
    if !korean {
        // Two near spellings of a foreign name that both read back to the
        // Hangul (Kavardarkov / Kavadarkov).
        return !ko.is_empty()
            && strsim::normalized_levenshtein(&fa, &fb) >= 0.8
            && matcher.find_match(a).is_some()
            && matcher.find_match(b).is_some();
    }
    !ko.is_empty()
        && same_korean_name(a, b).is_match()
        && matcher.find_match(a).is_some()
        && matcher.find_match(b).is_some()
}

/// Assesses the full forms of an entity (most used first or in any order).
pub fn assess(
    ko: &str,
    kind: EntityType,
    korean_reading: bool,
    forms: &[FormCount<'_>],
) -> Assessment {
    let korean = is_korean(ko, kind, korean_reading);
    let matcher = HangulMatcher::new(ko);
    let romanization = korean.then(|| romanizations(ko, kind));
    let systems: Vec<Option<FormSystem>> = forms
        .iter()
        .map(|f| korean.then(|| form_system(ko, kind, f.form)))
        .collect();
    // Forms that spell the same name as another form.
    let mut in_variant = vec![false; forms.len()];
    for i in 0..forms.len() {
        for j in i + 1..forms.len() {
            let (Some(a), Some(b)) = (forms.get(i), forms.get(j)) else {
                continue;
            };
            if a.form != b.form && same_name(ko, korean, a.form, b.form, &matcher) {
                if let Some(x) = in_variant.get_mut(i) {
                    *x = true;
                }
                if let Some(x) = in_variant.get_mut(j) {
                    *x = true;
                }
            }
        }
    }
    let variant = in_variant.iter().any(|&v| v);
    if !variant {
        return Assessment {
            variant: false,
            kind: None,
            systems,
            romanization,
            suggested: None,
            reason: None,
        };
    }
    let kind_of_variant = if korean {
        VariantKind::Romanization
    } else {
        VariantKind::Spelling
    };
    let members: Vec<(usize, &FormCount<'_>)> = forms
        .iter()
        .enumerate()
        .filter(|(i, _)| in_variant.get(*i).copied().unwrap_or(false))
        .collect();
    let total: usize = members.iter().map(|(_, f)| f.count).sum();
    let top = members.iter().map(|(_, f)| f.count).max().unwrap_or(0);
    let leaders: Vec<&(usize, &FormCount<'_>)> =
        members.iter().filter(|(_, f)| f.count == top).collect();
    let system_of = |i: usize| systems.get(i).copied().flatten();
    let others = |chosen: &str| -> String {
        members
            .iter()
            .filter(|(_, f)| f.form != chosen)
            .map(|(i, f)| match system_of(*i) {
                Some(FormSystem::Rr) => format!("\"{}\" (RR)", f.form),
                Some(FormSystem::Mr) => format!("\"{}\" (MR)", f.form),
                _ => format!("\"{}\"", f.form),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (suggested, reason) = if let [(_, only)] = leaders.as_slice() {
        let reason = format!(
            "the article's customary spelling: {} of {} full mentions; also written {}",
            only.count,
            total,
            others(only.form)
        );
        (only.form.to_string(), reason)
    } else if let Some((_, rr)) = leaders
        .iter()
        .find(|(i, _)| system_of(*i) == Some(FormSystem::Rr))
    {
        let reason = format!(
            "used as often as {}; follows the Revised Romanization (use the person's own spelling if known)",
            others(rr.form)
        );
        (rr.form.to_string(), reason)
    } else {
        // The original spelling: accents, then internal capitals, then first seen.
        let score = |f: &str| {
            (
                !f.is_ascii(),
                f.split_whitespace().any(|w| {
                    w.chars().skip(1).any(char::is_uppercase) && w.chars().any(char::is_lowercase)
                }),
            )
        };
        let best = leaders
            .iter()
            .max_by(|a, b| score(a.1.form).cmp(&score(b.1.form)).then(b.0.cmp(&a.0)))
            .map(|(_, f)| f.form)
            .unwrap_or("");
        let (accents, capitals) = score(best);
        let why = if accents {
            "keeps the original accents"
        } else if capitals {
            "keeps the name's own capitals"
        } else {
            "written first"
        };
        (
            best.to_string(),
            format!("used as often as {}; {why}", others(best)),
        )
    };
    Assessment {
        variant: true,
        kind: Some(kind_of_variant),
        systems,
        romanization,
        suggested: Some(suggested),
        reason: Some(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms<'a>(list: &[(&'a str, usize)]) -> Vec<FormCount<'a>> {
        list.iter()
            .map(|&(form, count)| FormCount { form, count })
            .collect()
    }

    #[test]
    fn romanization_variant_of_a_person() {
        let a = assess(
            "강기정",
            EntityType::Person,
            true,
            &forms(&[("Kang Gi-jung", 2), ("Kang Gijeong", 1)]),
        );
        assert!(a.variant);
        assert_eq!(a.kind, Some(VariantKind::Romanization));
        assert_eq!(a.suggested.as_deref(), Some("Kang Gi-jung"));
        assert_eq!(
            a.systems,
            vec![Some(FormSystem::Other), Some(FormSystem::Rr)]
        );
        assert_eq!(
            a.romanization.as_ref().map(|r| r.rr.as_str()),
            Some("Gang Gijeong")
        );
    }

    #[test]
    fn spelling_variants_and_aliases() {
        let a = assess(
            "인터컨티넨탈 호텔",
            EntityType::Organization,
            false,
            &forms(&[("InterContinental Hotel", 1), ("Intercontinental Hotel", 1)]),
        );
        assert!(a.variant);
        assert_eq!(a.kind, Some(VariantKind::Spelling));
        assert_eq!(a.suggested.as_deref(), Some("InterContinental Hotel"));
        let b = assess(
            "영국",
            EntityType::Location,
            false,
            &forms(&[("United Kingdom", 1), ("Britain", 1)]),
        );
        assert!(!b.variant);
        let c = assess(
            "마르셰 뒤 필름",
            EntityType::Event,
            false,
            &forms(&[("Marche du Film", 1), ("Marché du Film", 1)]),
        );
        assert_eq!(c.suggested.as_deref(), Some("Marché du Film"));
        let d = assess(
            "김경수",
            EntityType::Person,
            true,
            &forms(&[("Kim Kyung-soo", 3)]),
        );
        assert!(!d.variant);
    }

    #[test]
    fn fold_strips_case_hyphens_and_accents() {
        assert_eq!(fold("Nguyễn Văn Hùng"), fold("Nguyen Van Hung"));
        assert_eq!(fold("YOON Jae Seok"), fold("Yoon Jae-seok"));
        assert_eq!(fold(""), "");
    }
}
