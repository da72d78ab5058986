//! Property tests of the alignment invariant: whatever the documents, every
//! sentence of each side is in exactly one bead, in document order, and every
//! bead's score is a probability.

use std::sync::LazyLock;

use koalign::align::Aligner;
use koalign::lang::Lang;
use koalign::segment::segment;
use proptest::prelude::*;

static ALIGNER: LazyLock<Aligner> = LazyLock::new(|| Aligner::new().expect("aligner"));

const KO_WORDS: &[&str] = &[
    "광주시는",
    "항저우와",
    "협력을",
    "약속했다",
    "강기정",
    "시장은",
    "24일",
    "4269억원을",
    "AI",
    "투자했다",
    "\"좋다\"고",
    "말했다",
    "(PoC)",
    "▲인재",
    "양성",
    "😀",
    "…",
    "제공",
    "Mr.",
    "3.5%",
];
const EN_WORDS: &[&str] = &[
    "Gwangju",
    "pledged",
    "cooperation",
    "with",
    "Hangzhou",
    "Mayor",
    "Kang",
    "Gi-jung",
    "invested",
    "426.9",
    "billion",
    "won",
    "\"good,\"",
    "he",
    "said",
    "(PoC)",
    "U.S.",
    "Dr.",
    "😀",
    "...",
];

fn sentence(words: &'static [&'static str], end: &'static str) -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(words), 1..12),
        Just(end),
    )
        .prop_map(|(ws, end)| format!("{}{end}", ws.join(" ")))
}

fn document(words: &'static [&'static str]) -> impl Strategy<Value = String> {
    let end = prop::sample::select(vec![".", "?", "!", "", "\n", "\n\n", ". "]);
    prop::collection::vec(
        (sentence(words, ""), end).prop_map(|(s, e)| format!("{s}{e} ")),
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_sentence_once_in_order(ko in document(KO_WORDS), en in document(EN_WORDS)) {
        let ko_segments = segment(&ko, Lang::Ko);
        let en_segments = segment(&en, Lang::En);
        let alignment = ALIGNER.align(&ko_segments, &en_segments).unwrap();
        let ko_seen: Vec<usize> = alignment.beads.iter().flat_map(|b| b.ko.iter().copied()).collect();
        let en_seen: Vec<usize> = alignment.beads.iter().flat_map(|b| b.en.iter().copied()).collect();
        prop_assert_eq!(ko_seen, (0..ko_segments.len()).collect::<Vec<_>>());
        prop_assert_eq!(en_seen, (0..en_segments.len()).collect::<Vec<_>>());
        for bead in &alignment.beads {
            prop_assert!(bead.score.is_finite() && (0.0..=1.0).contains(&bead.score));
            prop_assert!(!bead.ko.is_empty() || !bead.en.is_empty());
        }
    }
}
