//! Data tables of the segmenter, embedded from `dictionaries/segment/` at build
//! time and parsed once.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use crate::data::data_lines;

/// How an English abbreviation behaves before a following word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbreviationClass {
    /// Never ends a sentence (`Mr.`, `Sept.`, `No.`).
    Title,
    /// Ends a sentence only before a common sentence opener (`Inc.`, `U.S.`).
    MayEnd,
}

/// The parsed tables.
pub(crate) struct Rules {
    pub abbreviations: FxHashMap<String, AbbreviationClass>,
    pub sentence_openers: FxHashSet<String>,
    pub credit_en_leads: Vec<String>,
    pub credit_ko_leads: Vec<String>,
    pub credit_ko_tails: Vec<String>,
    pub agencies: Vec<String>,
}

pub(crate) static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let abbreviations = data_lines(
        include_str!("../../dictionaries/segment/en-abbreviations.tsv"),
        true,
    )
    .filter_map(|line| {
        let (abbr, class) = line.split_once('\t')?;
        let class = match class {
            "title" => AbbreviationClass::Title,
            _ => AbbreviationClass::MayEnd,
        };
        Some((abbr.to_lowercase(), class))
    })
    .collect();
    let sentence_openers = data_lines(
        include_str!("../../dictionaries/segment/en-sentence-openers.txt"),
        false,
    )
    .map(str::to_string)
    .collect();
    let mut rules = Rules {
        abbreviations,
        sentence_openers,
        credit_en_leads: Vec::new(),
        credit_ko_leads: Vec::new(),
        credit_ko_tails: Vec::new(),
        agencies: Vec::new(),
    };
    for line in data_lines(include_str!("../../dictionaries/segment/credits.tsv"), true) {
        let Some((kind, text)) = line.split_once('\t') else {
            continue;
        };
        let list = match kind {
            "en-lead" => &mut rules.credit_en_leads,
            "ko-lead" => &mut rules.credit_ko_leads,
            "ko-tail" => &mut rules.credit_ko_tails,
            _ => &mut rules.agencies,
        };
        list.push(text.to_string());
    }
    rules
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_loaded() {
        assert_eq!(
            RULES.abbreviations.get("mr"),
            Some(&AbbreviationClass::Title)
        );
        assert_eq!(
            RULES.abbreviations.get("u.s"),
            Some(&AbbreviationClass::MayEnd)
        );
        assert!(RULES.sentence_openers.contains("The"));
        assert!(RULES.credit_en_leads.iter().any(|l| l == "Photo by"));
        assert!(RULES.credit_ko_tails.iter().any(|l| l == "제공"));
        assert!(RULES.agencies.iter().any(|l| l == "연합뉴스"));
    }
}
