//! The number parsers and the comparison on arbitrary text: never panic;
//! spans are in order and values finite.
#![no_main]

use koalign::numbers::{compare, extract_en, extract_ko, similarity};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let ko = extract_ko(&text);
    let en = extract_en(&text);
    for list in [&ko, &en] {
        let mut end = 0;
        for q in list.iter() {
            assert!(q.start >= end && q.start <= q.end && text.get(q.start..q.end).is_some());
            assert!(q.value.is_finite());
            end = q.end;
        }
    }
    let _ = compare(&ko, &en);
    assert!(similarity(&ko, &en).is_finite());
});
