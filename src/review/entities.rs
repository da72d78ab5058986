//! The `entity-missing` and `name-variant` findings of each bead, read off the
//! article's name report (`koalign names`).
//!
//! Both checks lean towards silence: a reviewer stops trusting a flag that
//! cries wolf. An entity counts as present in the English of a bead when any
//! of its full or short forms, or any capitalised word of them ("Gwangju" of
//! "Gwangju City", "Kang" of "Kang Gi-jung"), occurs there; a person also
//! when the English uses a personal pronoun. Entities the English never names
//! anywhere (bylines, agencies) are not flagged bead by bead.

use std::collections::HashSet;

use super::BeadEntities;
use crate::entities::EntityType;
use crate::entities::tables::tables;
use crate::export::BeadRecord;
use crate::report::{EntityReport, FormReport, NamesReport};

const PRONOUNS: [&str; 6] = ["he", "she", "him", "her", "his", "hers"];

/// What the name report says about one bead.
pub fn bead_entities(report: &NamesReport, record: &BeadRecord) -> BeadEntities {
    let mut findings = BeadEntities::default();
    if record.ko.is_empty() || record.en.is_empty() {
        // Omission and addition flags already cover one-sided beads.
        return findings;
    }
    let en_words = lowercase_words(&record.en_text);
    for entity in &report.entities {
        let in_ko = entity.ko_sentences.iter().any(|s| record.ko.contains(s));
        if entity.variant {
            findings.variants.extend(variant_uses(entity, &record.en));
        }
        if !flaggable(entity.kind) || entity.en_forms.is_empty() {
            continue;
        }
        if in_ko && !present_in_english(entity, &record.en, &en_words) {
            findings.missing.push(format!(
                "{} ({} in the English)",
                entity.ko,
                quoted_forms(&entity.en_forms)
            ));
        }
        let used_form = entity
            .en_forms
            .iter()
            .find(|f| used_in(f, &record.en))
            .map(|f| f.form.as_str());
        if let Some(form) = used_form
            && !in_ko
            && !present_in_korean(entity, form, &record.ko_text)
        {
            findings
                .missing
                .push(format!("{form} ({} in the Korean)", entity.ko));
        }
    }
    findings
}

/// Entity kinds whose absence a reviewer should see; titles of works and
/// other names are too often paraphrased.
fn flaggable(kind: EntityType) -> bool {
    matches!(
        kind,
        EntityType::Person | EntityType::Location | EntityType::Organization | EntityType::Event
    )
}

fn used_in(form: &FormReport, en: &[usize]) -> bool {
    form.sentences.iter().any(|s| en.contains(s))
}

/// The non-suggested spellings of a variant entity that the bead uses.
fn variant_uses(entity: &EntityReport, en: &[usize]) -> Vec<String> {
    let suggested = entity.suggested.as_deref();
    entity
        .en_forms
        .iter()
        .filter(|f| Some(f.form.as_str()) != suggested && used_in(f, en))
        .map(|f| match suggested {
            Some(s) => format!("\"{}\" for {} (suggested: \"{s}\")", f.form, entity.ko),
            None => format!("\"{}\" for {}", f.form, entity.ko),
        })
        .collect()
}

fn lowercase_words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn present_in_english(entity: &EntityReport, en: &[usize], en_words: &HashSet<String>) -> bool {
    let forms = entity.en_forms.iter().chain(&entity.short_forms);
    if forms.clone().any(|f| used_in(f, en)) {
        return true;
    }
    let word_found = forms
        .flat_map(|f| f.form.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() >= 2)
        .any(|w| {
            // "Korea" is present in "Korean companies", "Vietnam" in "Vietnamese".
            let w = w.to_lowercase();
            en_words.contains(&w)
                || (w.chars().count() >= 4 && en_words.iter().any(|e| e.starts_with(&w)))
        });
    word_found
        || (entity.kind == EntityType::Person && PRONOUNS.iter().any(|p| en_words.contains(*p)))
}

fn present_in_korean(entity: &EntityReport, en_form: &str, ko_text: &str) -> bool {
    let compact: String = ko_text.chars().filter(|c| !c.is_whitespace()).collect();
    let named = std::iter::once(&entity.ko)
        .chain(&entity.ko_aliases)
        .any(|k| compact.contains(&k.chars().filter(|c| !c.is_whitespace()).collect::<String>()));
    named || abbreviated_in(en_form, &compact)
}

/// Whether Korean text names a country by its one-letter abbreviation: 中 or
/// 美 in a headline, 대미 (to the U.S.), 방미 (visit to the U.S.), 한미 or 한·미
/// (Korea–U.S.).
fn abbreviated_in(en_form: &str, compact: &str) -> bool {
    let abbreviations = &tables().country_abbreviations;
    let letters: Vec<char> = compact.chars().collect();
    let is_abbreviation = |c: char| abbreviations.contains_key(c.to_string().as_str());
    abbreviations
        .iter()
        .filter(|(_, forms)| forms.iter().any(|f| f.eq_ignore_ascii_case(en_form)))
        .filter_map(|(ko, _)| ko.chars().next())
        .any(|abbreviation| {
            letters.iter().enumerate().any(|(i, &c)| {
                if c != abbreviation {
                    return false;
                }
                if !('가'..='힣').contains(&c) {
                    return true; // a Hanja abbreviation stands alone
                }
                let before = i.checked_sub(1).and_then(|j| letters.get(j)).copied();
                let after = letters.get(i + 1).copied();
                matches!(before, Some('대' | '방' | '·'))
                    || after == Some('·')
                    || before.is_some_and(is_abbreviation)
                    || after.is_some_and(is_abbreviation)
            })
        })
}

fn quoted_forms(forms: &[FormReport]) -> String {
    forms
        .iter()
        .map(|f| format!("\"{}\"", f.form))
        .collect::<Vec<_>>()
        .join(" or ")
        + " not found"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(text: &str, sentences: &[usize]) -> FormReport {
        FormReport {
            form: text.into(),
            count: sentences.len(),
            sentences: sentences.to_vec(),
            system: None,
            articles: Vec::new(),
        }
    }

    fn entity(
        ko: &str,
        kind: EntityType,
        ko_sentences: &[usize],
        forms: Vec<FormReport>,
    ) -> EntityReport {
        EntityReport {
            ko: ko.into(),
            ko_aliases: Vec::new(),
            kind,
            titles: Vec::new(),
            ko_count: ko_sentences.len(),
            ko_sentences: ko_sentences.to_vec(),
            en_forms: forms,
            short_forms: Vec::new(),
            variant: false,
            variant_kind: None,
            romanization: None,
            suggested: None,
            reason: None,
            evidence: Vec::new(),
            articles: Vec::new(),
        }
    }

    fn report(entities: Vec<EntityReport>) -> NamesReport {
        NamesReport {
            articles: Vec::new(),
            entities,
            numbers: Vec::new(),
            english_only: Vec::new(),
            corpus: false,
        }
    }

    fn bead(ko: usize, en: usize, ko_text: &str, en_text: &str) -> BeadRecord {
        BeadRecord {
            ko: vec![ko],
            en: vec![en],
            ko_text: ko_text.into(),
            en_text: en_text.into(),
            score: 0.9,
            bead_type: "1-1".into(),
            flags: Vec::new(),
        }
    }

    #[test]
    fn a_name_dropped_from_the_english_is_missing() {
        let names = report(vec![entity(
            "루산",
            EntityType::Person,
            &[1, 3],
            vec![form("Lu Shan", &[1])],
        )]);
        let dropped = bead(
            3,
            3,
            "루산 부성장이 참석했다.",
            "The vice governor attended.",
        );
        let found = bead_entities(&names, &dropped);
        assert_eq!(found.missing.len(), 1, "{found:?}");
        assert!(found.missing[0].contains("Lu Shan"));
        let kept = bead(
            1,
            1,
            "루산 부성장이 참석했다.",
            "Vice Governor Lu Shan attended.",
        );
        assert!(bead_entities(&names, &kept).missing.is_empty());
    }

    #[test]
    fn short_words_and_pronouns_count_as_present() {
        let names = report(vec![
            entity(
                "광주시",
                EntityType::Location,
                &[2],
                vec![form("Gwangju City", &[0])],
            ),
            entity(
                "강기정",
                EntityType::Person,
                &[2],
                vec![form("Kang Gi-jung", &[0])],
            ),
        ]);
        let record = bead(2, 2, "광주시와 강기정 시장은", "Gwangju said he would go.");
        assert!(bead_entities(&names, &record).missing.is_empty());
    }

    #[test]
    fn an_english_name_without_korean_is_missing_on_the_korean_side() {
        let names = report(vec![entity(
            "알리바바",
            EntityType::Organization,
            &[0],
            vec![form("Alibaba", &[0, 4])],
        )]);
        let record = bead(
            4,
            4,
            "기업들이 참여했다.",
            "Companies such as Alibaba took part.",
        );
        let found = bead_entities(&names, &record);
        assert_eq!(found.missing, ["Alibaba (알리바바 in the Korean)"]);
    }

    #[test]
    fn country_abbreviations_count_as_the_country() {
        let names = report(vec![entity(
            "미국",
            EntityType::Location,
            &[0],
            vec![form("U.S.", &[0, 2])],
        )]);
        for korean in ["대미 수출은 감소", "한미 정보당국", "美 연준 금리"] {
            let record = bead(2, 2, korean, "Shipments to U.S. fall");
            assert!(
                bead_entities(&names, &record).missing.is_empty(),
                "{korean}"
            );
        }
        let record = bead(2, 2, "수출은 감소했다", "Shipments to U.S. fall");
        assert_eq!(bead_entities(&names, &record).missing.len(), 1);
    }

    #[test]
    fn only_non_suggested_spellings_are_variant_uses() {
        let mut kang = entity(
            "강기정",
            EntityType::Person,
            &[0, 1],
            vec![form("Kang Gi-jung", &[0]), form("Kang Gijeong", &[1])],
        );
        kang.variant = true;
        kang.suggested = Some("Kang Gi-jung".into());
        let names = report(vec![kang]);
        let caption = bead(1, 1, "강기정 시장", "Mayor Kang Gijeong");
        let body = bead(0, 0, "강기정 시장은", "Mayor Kang Gi-jung");
        assert_eq!(bead_entities(&names, &caption).variants.len(), 1);
        assert!(bead_entities(&names, &body).variants.is_empty());
    }

    #[test]
    fn one_sided_beads_have_no_entity_findings() {
        let names = report(vec![entity(
            "루산",
            EntityType::Person,
            &[0],
            vec![form("Lu Shan", &[5])],
        )]);
        let mut record = bead(0, 0, "루산", "");
        record.en.clear();
        assert_eq!(bead_entities(&names, &record).missing.len(), 0);
    }
}
