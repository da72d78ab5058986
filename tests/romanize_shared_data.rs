//! The romanization module against the gold data in `../shared/data/romanization`
//! (NIKL rule examples, KOSTAT place names, National Assembly members' published
//! English names, NIKL foreign-word transcriptions). The data is not part of the
//! repository; without it every test prints "SKIPPED" and passes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use koalign::romanize::{
    AdminUnits, ForeignMatcher, HangulMatcher, MATCH_THRESHOLD, RrOptions, System, romanize,
    romanize_name, romanize_rr_with, same_korean_name,
};

fn data_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/romanization");
    dir.is_dir().then_some(dir)
}

/// Data rows of a TSV file (comments and header dropped), or `None` (with a
/// SKIPPED line) when the shared data is absent.
fn rows(file: &str) -> Option<Vec<Vec<String>>> {
    let Some(dir) = data_dir() else {
        println!("SKIPPED: ../shared/data/romanization not found");
        return None;
    };
    let text = std::fs::read_to_string(dir.join(file)).ok()?;
    Some(
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect(),
    )
}

fn rate(hits: usize, total: usize) -> f64 {
    hits as f64 / total.max(1) as f64
}

#[test]
fn nikl_rule_examples_are_reproduced_exactly() {
    let Some(rows) = rows("nikl_rr_rule_examples.tsv") else {
        return;
    };
    assert_eq!(rows.len(), 102);
    let mut misses = Vec::new();
    for row in &rows {
        let (hangul, expected, category, rule) = (&row[0], &row[2], &row[3], &row[4]);
        let got = match category.as_str() {
            "translit" => romanize(hangul, System::RrTranslit),
            // Rule 3.4 allows the given name with or without a hyphen; the row says which.
            "person" if expected.contains('-') => romanize_name(hangul).rr_hyphenated,
            "person" => romanize(hangul, System::Name),
            // Rule 3.5 붙임: si, gun and eup may be omitted.
            _ if rule.contains("3.5 붙임") => romanize_rr_with(
                hangul,
                &RrOptions {
                    admin_units: AdminUnits::OmitSiGunEup,
                    capitalize: true,
                    ..RrOptions::default()
                },
            ),
            _ => romanize(hangul, System::Rr),
        };
        if got.to_lowercase() != expected.to_lowercase() {
            misses.push(format!("{hangul}: expected {expected}, got {got}"));
        }
    }
    println!(
        "NIKL rule examples reproduced: {}/{}",
        rows.len() - misses.len(),
        rows.len()
    );
    assert!(misses.is_empty(), "{misses:#?}");
}

#[test]
fn kostat_place_names() {
    let Some(rows) = rows("kostat_admin_division_names.tsv") else {
        return;
    };
    // Official lists leave out the optional hyphens of rule 3.2 (Jungang-dong).
    let options = RrOptions {
        ambiguity_hyphens: false,
        capitalize: true,
        ..RrOptions::default()
    };
    // Loose: letters and digits only, number readings "(il)" ignored, because the
    // list itself writes "Wonhyoro2-dong" next to "Changsin 1(il)-dong".
    let loose = |s: &str| {
        let mut out = String::new();
        let mut depth = 0;
        for c in s.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                c if depth == 0 && c.is_alphanumeric() => out.extend(c.to_lowercase()),
                _ => {}
            }
        }
        out
    };
    let (mut exact, mut close) = (0, 0);
    for row in &rows {
        let got = romanize_rr_with(&row[2], &options);
        exact += usize::from(got.to_lowercase() == row[3].to_lowercase());
        close += usize::from(loose(&got) == loose(&row[3]));
    }
    let (exact_rate, close_rate) = (rate(exact, rows.len()), rate(close, rows.len()));
    println!(
        "KOSTAT: exact {exact}/{} ({exact_rate:.3}), ignoring spacing/hyphens/readings {close}/{} ({close_rate:.3})",
        rows.len(),
        rows.len()
    );
    assert!(exact_rate >= 0.84, "exact rate {exact_rate}");
    assert!(close_rate >= 0.985, "loose rate {close_rate}");
}

/// (hangul, birth) → published spellings, in file order.
fn assembly_people() -> Option<BTreeMap<(String, String), Vec<String>>> {
    let rows = rows("national_assembly_member_names.tsv")?;
    let mut people: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for row in rows {
        let spellings = people.entry((row[0].clone(), row[4].clone())).or_default();
        if !spellings.contains(&row[5]) {
            spellings.push(row[5].clone());
        }
    }
    Some(people)
}

#[test]
fn assembly_spellings_match_their_hangul_and_not_others() {
    let Some(people) = assembly_people() else {
        return;
    };
    let mut total = 0;
    let mut matched = 0;
    let mut misses = Vec::new();
    for ((hangul, _), spellings) in &people {
        let matcher = HangulMatcher::new(hangul);
        for spelling in spellings {
            total += 1;
            let m = matcher.match_english(spelling);
            if m.is_match() {
                matched += 1;
            } else {
                misses.push(format!("{hangul} {spelling}: {:.2} {}", m.score, m.reason));
            }
        }
    }
    let match_rate = rate(matched, total);
    println!(
        "National Assembly spellings matching their Hangul: {matched}/{total} ({match_rate:.3})"
    );
    println!("not matched (published typos): {misses:#?}");
    assert!(match_rate >= 0.98, "{misses:#?}");

    // Negatives: every member's Hangul against every other member's spellings
    // (two members with the same Hangul name are not negatives).
    let all: Vec<(&String, &String)> = people
        .iter()
        .flat_map(|((h, _), spellings)| spellings.iter().map(move |s| (h, s)))
        .collect();
    let mut hanguls: Vec<&String> = people.keys().map(|(h, _)| h).collect();
    hanguls.dedup();
    let (mut pairs, mut false_matches) = (0, 0);
    for hangul in hanguls {
        let matcher = HangulMatcher::new(hangul);
        for (other, spelling) in &all {
            if *other == hangul {
                continue;
            }
            pairs += 1;
            false_matches += usize::from(matcher.match_english(spelling).is_match());
        }
    }
    let false_rate = rate(false_matches, pairs);
    println!(
        "false matches against other members: {false_matches}/{pairs} ({:.4}%)",
        100.0 * false_rate
    );
    assert!(false_rate < 0.001, "false-match rate {false_rate}");
}

#[test]
fn assembly_variant_spellings_are_the_same_name() {
    let Some(people) = assembly_people() else {
        return;
    };
    let (mut total, mut same) = (0, 0);
    for spellings in people.values() {
        for (i, a) in spellings.iter().enumerate() {
            for b in &spellings[i + 1..] {
                total += 1;
                same += usize::from(same_korean_name(a, b).is_match());
            }
        }
    }
    let same_rate = rate(same, total);
    println!(
        "pairs of one member's spellings judged the same name: {same}/{total} ({same_rate:.3})"
    );
    assert!(same_rate >= 0.95);

    // Across people: each member's first spelling against 40 others (a fixed
    // stride, so the test stays fast in debug builds).
    let firsts: Vec<(&String, &String)> = people.iter().map(|((h, _), s)| (h, &s[0])).collect();
    let (mut pairs, mut false_same) = (0, 0);
    for (i, (hangul, spelling)) in firsts.iter().enumerate() {
        for step in 1..=40 {
            let (other, other_spelling) = firsts[(i + step * 7) % firsts.len()];
            if other == *hangul {
                continue;
            }
            pairs += 1;
            false_same += usize::from(same_korean_name(spelling, other_spelling).is_match());
        }
    }
    let false_rate = rate(false_same, pairs);
    println!(
        "different members judged the same name: {false_same}/{pairs} ({:.4}%)",
        100.0 * false_rate
    );
    assert!(false_rate < 0.005);
}

/// FNV-1a, for a fixed development/held-out split of the foreign-word data.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Recall and precision of the foreign-word matcher on the held-out fifth of a
/// file (the other four fifths were used to write the rule table). Each
/// positive pair gets two negatives: a word further down the list and a word
/// with the same first letter.
fn foreign_held_out(file: &str, source: usize, hangul: usize) -> Option<(f64, f64, usize)> {
    let rows = rows(file)?;
    let latin = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_alphabetic() || " -'.".contains(c))
    };
    let held: Vec<(&String, &String)> = rows
        .iter()
        .filter(|r| r.len() > source.max(hangul) && latin(&r[source]) && !r[hangul].is_empty())
        .filter(|r| fnv(&r[source]).is_multiple_of(5))
        .map(|r| (&r[hangul], &r[source]))
        .collect();
    let (mut true_pos, mut false_pos) = (0, 0);
    for (i, (hangul, english)) in held.iter().enumerate() {
        let matcher = ForeignMatcher::new(hangul);
        true_pos += usize::from(matcher.match_english(english).score >= MATCH_THRESHOLD);
        // Negatives must have another transcription (가드너 is both Gardner and Gardiner).
        let is_negative = |(h, e): &&(&String, &String)| {
            h != hangul && e.to_lowercase() != english.to_lowercase()
        };
        let further = Some(&held[(i * 7919 + 13) % held.len()]).filter(is_negative);
        let same_first = held
            .iter()
            .cycle()
            .skip(i * 31 % held.len())
            .take(50)
            .filter(is_negative)
            .find(|(_, e)| e.chars().next() == english.chars().next());
        for (_, negative) in further.into_iter().chain(same_first) {
            false_pos += usize::from(matcher.match_english(negative).score >= MATCH_THRESHOLD);
        }
    }
    let recall = rate(true_pos, held.len());
    let precision = rate(true_pos, true_pos + false_pos);
    Some((recall, precision, held.len()))
}

#[test]
fn foreign_names_on_held_out_transcriptions() {
    let Some((recall, precision, n)) = foreign_held_out("nikl_foreign_word_examples.tsv", 0, 1)
    else {
        return;
    };
    println!("NIKL foreign words, held-out {n}: recall {recall:.3}, precision {precision:.3}");
    assert!(recall >= 0.92 && precision >= 0.995);
    let Some((recall, precision, n)) = foreign_held_out("wiktionary_loanwords_en_ko.tsv", 0, 1)
    else {
        return;
    };
    println!("Wiktionary loanwords, held-out {n}: recall {recall:.3}, precision {precision:.3}");
    assert!(recall >= 0.93 && precision >= 0.98);
}
