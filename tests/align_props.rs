//! Property tests over random and adversarial documents (empty lines, one giant
//! paragraph, only punctuation, mixed scripts, emoji, control characters, tabs,
//! 1 against 500 sentences): every sentence of each side is in exactly one
//! bead, in document order, byte-identical to the input; every score is a
//! probability; every output format parses back.

use std::sync::LazyLock;

use koalign::align::Aligner;
use koalign::export::records::{write_jsonl, write_tsv};
use koalign::export::tmx::{TmxOptions, write_tmx};
use koalign::export::xliff::{XliffOptions, write_xliff};
use koalign::export::{BeadRecord, records};
use koalign::lang::Lang;
use koalign::normalize::to_nfc;
use koalign::segment::{Segment, segment};
use proptest::prelude::*;
use quick_xml::Reader;
use quick_xml::events::Event;

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
    "\u{1}",
    "\t",
    "\u{200b}",
    "&",
    "<b>",
    "]]>",
    "\u{fffe}",
    "ᄀ\u{1161}",
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
    "\u{7}",
    "\t",
    "<tag>",
    "&amp;",
    "'quote'",
    "\r",
];
const ENDS: &[&str] = &[
    ".", "?", "!", "", "\n", "\n\n", ". ", "\n\n\n", "...", ".\"", "다.", "!!!",
];

fn sentence(words: &'static [&'static str]) -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(words), 1..14),
        prop::sample::select(ENDS),
    )
        .prop_map(|(ws, end)| format!("{}{end} ", ws.join(" ")))
}

fn document(words: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(sentence(words), 0..max).prop_map(|p| p.concat()),
        1 => Just(String::new()),
        1 => Just("... !!! ??? ,,, ;;".to_string()),
        1 => prop::collection::vec(sentence(words), 1..60).prop_map(|p| p.concat().replace('\n', " ")),
    ]
}

fn align(ko: &str, en: &str) -> (Vec<Segment>, Vec<Segment>, Vec<BeadRecord>) {
    let (ko_text, en_text) = (to_nfc(ko), to_nfc(en));
    let ko_segments = segment(&ko_text, Lang::Ko);
    let en_segments = segment(&en_text, Lang::En);
    for s in ko_segments.iter().chain(&en_segments) {
        let source = if ko_segments.iter().any(|k| std::ptr::eq(k, s)) {
            &ko_text
        } else {
            &en_text
        };
        assert_eq!(
            &source[s.start..s.end],
            s.text,
            "a segment is exactly its input bytes"
        );
    }
    let alignment = ALIGNER.align(&ko_segments, &en_segments).unwrap();
    let records = records(&alignment, &ko_segments, &en_segments);
    (ko_segments, en_segments, records)
}

fn well_formed(xml: &[u8]) -> Result<usize, String> {
    let text = std::str::from_utf8(xml).map_err(|e| e.to_string())?;
    let mut reader = Reader::from_str(text);
    let mut elements = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return Ok(elements),
            Ok(Event::Start(_) | Event::Empty(_)) => elements += 1,
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn every_sentence_once_in_order(ko in document(KO_WORDS, 40), en in document(EN_WORDS, 40)) {
        let (ko_segments, en_segments, records) = align(&ko, &en);
        let ko_seen: Vec<usize> = records.iter().flat_map(|b| b.ko.iter().copied()).collect();
        let en_seen: Vec<usize> = records.iter().flat_map(|b| b.en.iter().copied()).collect();
        prop_assert_eq!(ko_seen, (0..ko_segments.len()).collect::<Vec<_>>());
        prop_assert_eq!(en_seen, (0..en_segments.len()).collect::<Vec<_>>());
        for bead in &records {
            prop_assert!(bead.score.is_finite() && (0.0..=1.0).contains(&bead.score));
            prop_assert!(!bead.ko.is_empty() || !bead.en.is_empty());
            let joined: Vec<&str> = bead.ko.iter().map(|&i| ko_segments[i].text.as_str()).collect();
            prop_assert_eq!(&bead.ko_text, &joined.join(" "));
        }
    }

    #[test]
    fn every_output_format_parses_back(ko in document(KO_WORDS, 30), en in document(EN_WORDS, 30)) {
        let (_, _, records) = align(&ko, &en);

        let mut jsonl = Vec::new();
        write_jsonl(&records, &mut jsonl).unwrap();
        let lines: Vec<serde_json::Value> = std::str::from_utf8(&jsonl).unwrap().lines()
            .map(|l| serde_json::from_str(l).unwrap()).collect();
        prop_assert_eq!(lines.len(), records.len());
        for (line, record) in lines.iter().zip(&records) {
            prop_assert_eq!(line["ko_text"].as_str().unwrap(), record.ko_text.as_str());
            prop_assert_eq!(line["en_text"].as_str().unwrap(), record.en_text.as_str());
        }

        let mut tsv = Vec::new();
        write_tsv(&records, &mut tsv).unwrap();
        let tsv = String::from_utf8(tsv).unwrap();
        prop_assert_eq!(tsv.lines().count(), records.len());
        for line in tsv.lines() {
            prop_assert_eq!(line.split('\t').count(), 4);
        }

        let mut tmx = Vec::new();
        let options = TmxOptions { keep_unaligned: true, ..Default::default() };
        write_tmx(&records, &options, &mut tmx).unwrap();
        prop_assert!(well_formed(&tmx).is_ok(), "{:?}", well_formed(&tmx));

        let mut xliff = Vec::new();
        let options = XliffOptions { ko_lang: "ko-KR".into(), en_lang: "en-US".into(), original: "ko.txt".into() };
        write_xliff(&records, &options, &mut xliff).unwrap();
        prop_assert!(well_formed(&xliff).is_ok(), "{:?}", well_formed(&xliff));
    }
}

#[test]
fn one_sentence_against_five_hundred() {
    let ko = "강기정 광주시장은 24일 항저우를 방문했다.";
    let en: String = (0..500)
        .map(|i| format!("Sentence number {i} is here. "))
        .collect();
    let (_, en_segments, records) = align(ko, &en);
    assert_eq!(en_segments.len(), 500);
    assert_eq!(records.iter().map(|b| b.en.len()).sum::<usize>(), 500);
    assert_eq!(records.iter().map(|b| b.ko.len()).sum::<usize>(), 1);
}
