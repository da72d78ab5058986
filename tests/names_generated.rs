//! Variant detection on generated articles built from the National Assembly
//! members' published English names (`../shared/data/romanization/
//! national_assembly_member_names.tsv`: one row per person and spelling).
//!
//! - A member with two or more published spellings gets a two-sentence
//!   article pair whose English writes the name once in each spelling: the
//!   report must flag a romanization variant with both spellings.
//! - A member with one spelling gets the same article with that spelling
//!   twice: the report must link it and flag nothing.
//! - Two members with the same surname in one article stay two entities,
//!   neither flagged (김경수 and 김경협 are two people).
//!
//! The data is not part of the repository; without it the test prints
//! "SKIPPED" and passes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use koalign::align::Aligner;
use koalign::app::align::load_pair;
use koalign::app::names::analyze_pair;
use koalign::report::{self, NamesReport};

fn data_file() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/romanization/national_assembly_member_names.tsv");
    path.is_file().then_some(path)
}

/// Hangul name → its distinct published spellings, in file order.
fn spellings(path: &Path) -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(path).expect("data file");
    let mut people: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(hangul), Some(english)) = (cols.first(), cols.get(5)) else {
            continue;
        };
        let list = people.entry((*hangul).to_string()).or_default();
        if !list.iter().any(|s| s == english) {
            list.push((*english).to_string());
        }
    }
    people
}

fn report(aligner: &Aligner, dir: &Path, ko: &str, en: &str) -> NamesReport {
    let (ko_path, en_path) = (dir.join("ko.txt"), dir.join("en.txt"));
    std::fs::write(&ko_path, ko).expect("write ko");
    std::fs::write(&en_path, en).expect("write en");
    let pair = load_pair(&ko_path, &en_path, false, true).expect("pair");
    let article = analyze_pair(aligner, "generated", &pair).expect("analysis");
    report::build(&[article], false)
}

fn article(hangul: &str, first: &str, second: &str) -> (String, String) {
    (
        format!(
            "{hangul} 의원은 10일 국회에서 기자회견을 열고 정부 예산안을 비판했다.\n\n\
             {hangul} 의원은 이어 지역구 주민들과 간담회를 갖고 교통 대책을 논의했다.\n"
        ),
        format!(
            "Rep. {first} held a press conference at the National Assembly on the 10th and \
             criticized the government's budget bill.\n\n\
             Rep. {second} then met residents of the constituency to discuss traffic measures.\n"
        ),
    )
}

#[test]
fn published_spellings_are_flagged_and_single_ones_are_not() {
    let Some(path) = data_file() else {
        println!(
            "SKIPPED: ../shared/data/romanization/national_assembly_member_names.tsv not found"
        );
        return;
    };
    let people = spellings(&path);
    let aligner = Aligner::new().expect("aligner");
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut multi, mut flagged, mut both_forms) = (0, 0, 0);
    let (mut single, mut linked, mut false_flags) = (0, 0, 0);
    let mut misses: Vec<String> = Vec::new();
    for (hangul, list) in &people {
        match list.as_slice() {
            [one] => {
                single += 1;
                let (ko, en) = article(hangul, one, one);
                let r = report(&aligner, dir.path(), &ko, &en);
                let e = r.entities.iter().find(|e| &e.ko == hangul);
                if e.is_some_and(|e| e.en_forms.iter().any(|f| &f.form == one)) {
                    linked += 1;
                } else {
                    misses.push(format!("not linked: {hangul} {one}"));
                }
                if r.variant_count() > 0 {
                    false_flags += 1;
                    misses.push(format!("false variant: {hangul} {one}"));
                }
            }
            [a, b, ..] => {
                multi += 1;
                let (ko, en) = article(hangul, a, b);
                let r = report(&aligner, dir.path(), &ko, &en);
                let e = r.entities.iter().find(|e| &e.ko == hangul);
                if e.is_some_and(|e| e.variant) {
                    flagged += 1;
                } else {
                    misses.push(format!("variant missed: {hangul} {a} / {b}"));
                }
                if e.is_some_and(|e| {
                    [a, b]
                        .iter()
                        .all(|s| e.en_forms.iter().any(|f| &f.form == *s))
                }) {
                    both_forms += 1;
                }
            }
            [] => {}
        }
    }
    // Two people with one surname in one article: never merged.
    let names: Vec<(&String, &String)> = people
        .iter()
        .filter_map(|(h, l)| l.first().map(|s| (h, s)))
        .collect();
    let (mut pairs, mut kept_apart) = (0, 0);
    for w in names.windows(2) {
        let [(ha, sa), (hb, sb)] = w else { continue };
        if ha.chars().next() != hb.chars().next() || ha.chars().count() != 3 {
            continue;
        }
        pairs += 1;
        let ko = format!(
            "{ha} 의원은 10일 국회에서 기자회견을 열었다.\n\n{hb} 의원은 같은 날 지역구 주민들을 만났다.\n"
        );
        let en = format!(
            "Rep. {sa} held a press conference at the National Assembly on the 10th.\n\n\
             Rep. {sb} met residents of the constituency the same day.\n"
        );
        let r = report(&aligner, dir.path(), &ko, &en);
        let own = |h: &String, s: &String| {
            r.entities
                .iter()
                .any(|e| &e.ko == h && !e.variant && e.en_forms.iter().any(|f| &f.form == s))
        };
        if own(ha, sa) && own(hb, sb) && r.variant_count() == 0 {
            kept_apart += 1;
        } else {
            misses.push(format!("merged or unlinked: {ha} {sa} / {hb} {sb}"));
        }
    }
    let rate = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    println!(
        "National Assembly names: {multi} people with several spellings, {flagged} flagged \
         ({:.3}), both spellings reported for {both_forms}; {single} with one spelling, {linked} \
         linked ({:.3}), {false_flags} wrongly flagged ({:.3}); {pairs} same-surname pairs, \
         {kept_apart} kept apart ({:.3})",
        rate(flagged, multi),
        rate(linked, single),
        rate(false_flags, single),
        rate(kept_apart, pairs)
    );
    for m in misses.iter().take(40) {
        println!("  {m}");
    }
    assert!(rate(flagged, multi) >= 0.95, "variant recall");
    assert!(rate(linked, single) >= 0.95, "link recall");
    assert!(rate(false_flags, single) <= 0.02, "false variants");
    assert!(rate(kept_apart, pairs) >= 0.95, "different people merged");
}
