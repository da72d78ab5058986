//! Properties of number extraction and comparison on arbitrary input: no panics, spans that
//! are valid, ordered and disjoint, finite values, and comparisons that use each quantity once.

use koalign::numbers::{Quantity, compare, extract_en, extract_ko, similarity};
use proptest::prelude::*;

/// Checks what every extraction result must satisfy for `text`.
fn check_spans(text: &str, found: &[Quantity]) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for q in found {
        prop_assert!(q.start < q.end, "empty span {q:?}");
        prop_assert!(q.end <= text.len(), "span past the end {q:?}");
        prop_assert!(
            text.is_char_boundary(q.start) && text.is_char_boundary(q.end),
            "not a char boundary {q:?}"
        );
        prop_assert!(q.start >= last_end, "overlapping or out of order {q:?}");
        prop_assert_eq!(&text[q.start..q.end], q.text.as_str());
        prop_assert!(q.value.is_finite(), "value {q:?}");
        prop_assert!(q.max.is_none_or(f64::is_finite), "max {q:?}");
        prop_assert!(
            q.precision.is_finite() && q.precision > 0.0,
            "precision {q:?}"
        );
        last_end = q.end;
    }
    Ok(())
}

/// Pieces news text is made of, so random strings hit the parsers' paths, not only noise.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("4269억원".to_string()),
        Just("1조 2000억".to_string()),
        Just("160여 곳".to_string()),
        Just("9월 24일(화)".to_string()),
        Just("3박 4일".to_string()),
        Just("제4회".to_string()),
        Just("두 번째".to_string()),
        Just("오후 3시".to_string()),
        Just("수천억 달러".to_string()),
        Just("24~26일".to_string()),
        Just("만 35세".to_string()),
        Just("3분의".to_string()),
        Just("426.9 billion won".to_string()),
        Just("more than".to_string()),
        Just("Sept. 24".to_string()),
        Just("the 24th".to_string()),
        Just("twenty-five".to_string()),
        Just("hundreds of".to_string()),
        Just("35-year-old".to_string()),
        Just("No.".to_string()),
        Just("$".to_string()),
        Just("3 p.m.".to_string()),
        Just("2024.9.24".to_string()),
        Just("9999999999999조".to_string()),
        Just("1,2,3,".to_string()),
        Just("..".to_string()),
        Just("~".to_string()),
        Just("-".to_string()),
        Just("٣٤".to_string()),
        Just("１２％".to_string()),
        Just("🎉".to_string()),
        "[0-9]{1,40}",
        "[0-9,.~:%$-]{1,12}",
        "[가-힣]{1,3}",
        "[a-zA-Z]{1,8}",
        " ",
        "\\PC{1,4}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn extraction_never_panics_on_any_string(text in "\\PC*") {
        check_spans(&text, &extract_ko(&text))?;
        check_spans(&text, &extract_en(&text))?;
    }

    #[test]
    fn extraction_keeps_its_invariants_on_newsy_text(text in newsy()) {
        let ko = extract_ko(&text);
        let en = extract_en(&text);
        check_spans(&text, &ko)?;
        check_spans(&text, &en)?;
        let c = compare(&ko, &en);
        let mut ko_seen = vec![false; ko.len()];
        let mut en_seen = vec![false; en.len()];
        for p in c.matched.iter().chain(&c.mismatched).chain(&c.undetermined) {
            prop_assert!(!ko_seen[p.ko] && !en_seen[p.en], "a quantity in two pairs");
            ko_seen[p.ko] = true;
            en_seen[p.en] = true;
        }
        for &i in &c.unpaired_ko {
            prop_assert!(!ko_seen[i]);
            ko_seen[i] = true;
        }
        for &j in &c.unpaired_en {
            prop_assert!(!en_seen[j]);
            en_seen[j] = true;
        }
        prop_assert!(ko_seen.iter().all(|s| *s) && en_seen.iter().all(|s| *s), "a quantity left out");
        let s = similarity(&ko, &en);
        prop_assert!((0.0..=1.0).contains(&s));
    }
}

#[test]
fn adversarial_inputs() {
    let long_digits = "9".repeat(100_000);
    let long_mixed = "1,2.3~4억조만천 ".repeat(20_000);
    let tilde_chain = "1~".repeat(100_000);
    let dash_chain = "1-".repeat(100_000);
    let words = "one hundred and ".repeat(20_000);
    let natives = "열 두 세 번째 ".repeat(20_000);
    let hedges = "more than about some ".repeat(20_000);
    let je = "제1제".repeat(30_000);
    let inputs = [
        "",
        " ",
        ",",
        ".",
        ",,,...",
        "9999999999999조",
        "9999999999999999999999999999조 9999억",
        long_digits.as_str(),
        long_mixed.as_str(),
        tilde_chain.as_str(),
        dash_chain.as_str(),
        words.as_str(),
        natives.as_str(),
        hedges.as_str(),
        je.as_str(),
        "١٢٣ ۴۵۶ ൧൨",
        "🎉🎉 3🎉명",
        "제",
        "만",
        "수",
        "$",
        "No.",
        "the",
        "24일(",
        "9월 ",
        "3분의",
        "1e308 1e309",
        "\u{0}\u{1}3\u{0}명",
    ];
    for text in inputs {
        check_spans(text, &extract_ko(text)).unwrap();
        check_spans(text, &extract_en(text)).unwrap();
    }
}

#[test]
fn extraction_is_linear_in_the_text() {
    let unit = "광주시는 2024년 9월 24일 160여 곳에 4269억원을 투자했다. On Sept. 24, more than 160 firms got 426.9 billion won. ";
    let small: String = unit.repeat(200);
    let large: String = unit.repeat(2000);
    let time = |text: &str| {
        let start = std::time::Instant::now();
        let n = extract_ko(text).len() + extract_en(text).len();
        (start.elapsed(), n)
    };
    let (t_small, n_small) = time(&small);
    let (t_large, n_large) = time(&large);
    assert_eq!(n_large, n_small * 10);
    // Ten times the text, well under a hundred times the time (generous for noisy machines).
    assert!(
        t_large < t_small * 40 + std::time::Duration::from_millis(50),
        "{t_small:?} vs {t_large:?}"
    );
}

#[test]
fn comparing_many_quantities_stays_fast() {
    let ko: String = (0..1500).map(|n| format!("{n}명 {n}억원 ")).collect();
    let en: String = (0..1500)
        .map(|n| format!("{} people {} billion won ", n + 1, n))
        .collect();
    let (ko, en) = (extract_ko(&ko), extract_en(&en));
    let start = std::time::Instant::now();
    let c = compare(&ko, &en);
    let s = similarity(&ko, &en);
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    assert!(!c.matched.is_empty() && s > 0.0);
}
