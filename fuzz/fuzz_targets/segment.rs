//! Segmentation of arbitrary text: never panics; segments are the input's own
//! bytes, in order, without overlap.
#![no_main]

use koalign::lang::Lang;
use koalign::segment::{segment, segment_lines};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for segments in [segment(&text, Lang::Ko), segment(&text, Lang::En), segment_lines(&text)] {
        let mut end = 0;
        for s in &segments {
            assert!(s.start >= end && s.start < s.end);
            assert_eq!(&text[s.start..s.end], s.text);
            end = s.end;
        }
    }
});
