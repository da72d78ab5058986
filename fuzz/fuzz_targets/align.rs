//! The aligner on arbitrary pairs of texts: never panics; every sentence is in
//! exactly one bead, in order; scores are probabilities.
#![no_main]

use std::sync::LazyLock;

use koalign::align::Aligner;
use koalign::lang::Lang;
use koalign::segment::segment;
use libfuzzer_sys::fuzz_target;

static ALIGNER: LazyLock<Aligner> = LazyLock::new(|| Aligner::new().expect("aligner"));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (ko, en) = match text.split_once('\u{0}') {
        Some(parts) => parts,
        None => text.split_at(text.char_indices().nth(text.chars().count() / 2).map_or(text.len(), |(i, _)| i)),
    };
    let (ko, en) = (segment(ko, Lang::Ko), segment(en, Lang::En));
    let alignment = ALIGNER.align(&ko, &en).expect("align");
    let ko_seen: Vec<usize> = alignment.beads.iter().flat_map(|b| b.ko.iter().copied()).collect();
    let en_seen: Vec<usize> = alignment.beads.iter().flat_map(|b| b.en.iter().copied()).collect();
    assert_eq!(ko_seen, (0..ko.len()).collect::<Vec<_>>());
    assert_eq!(en_seen, (0..en.len()).collect::<Vec<_>>());
    assert!(alignment.beads.iter().all(|b| (0.0..=1.0).contains(&b.score)));
});
