//! The romanizer and the matchers on arbitrary strings: never panic, scores
//! stay in [0, 1].
#![no_main]

use koalign::romanize::{self, System};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_at(text.char_indices().nth(text.chars().count() / 2).map_or(text.len(), |(i, _)| i));
    for system in System::ALL {
        let _ = romanize::romanize(a, system);
    }
    let _ = romanize::romanize_name(a);
    for score in [
        romanize::match_hangul_english(a, b).score,
        romanize::same_korean_name(a, b).score,
        romanize::match_foreign(a, b),
        romanize::key_similarity(a, b),
    ] {
        assert!((0.0..=1.0).contains(&score), "{score}");
    }
});
