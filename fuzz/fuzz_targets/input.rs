//! Decoding arbitrary bytes as an input file: never panics; a decoded text is
//! NFC and not empty.
#![no_main]

use koalign::input::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = decode("fuzz.txt".into(), data) {
        assert!(!source.text.trim().is_empty() || source.text.chars().any(|c| !c.is_whitespace()));
        assert_eq!(koalign::normalize::to_nfc(&source.text), source.text);
    }
});
