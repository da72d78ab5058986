//! The tokenizer wrappers on arbitrary text: never panic; spans are slices.
#![no_main]

use std::sync::LazyLock;

use koalign::tokenize::{KoreanTokenizer, tokenize_en};
use libfuzzer_sys::fuzz_target;

static TOKENIZER: LazyLock<KoreanTokenizer> = LazyLock::new(|| KoreanTokenizer::new().expect("dictionary"));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(morphemes) = TOKENIZER.tokenize(&text) {
        for m in morphemes {
            assert_eq!(&text[m.start..m.end], m.surface);
        }
    }
    for t in tokenize_en(&text) {
        assert_eq!(&text[t.start..t.end], t.text);
    }
});
