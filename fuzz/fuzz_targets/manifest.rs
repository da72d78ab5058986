//! The JSON Lines manifest / stream reader over arbitrary bytes: never
//! panics, never stops early, and gives one entry per non-blank line with
//! increasing line numbers and non-empty ids.
#![no_main]

use std::path::PathBuf;

use koalign::app::batch::source::{LineMode, LineReader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for mode in [LineMode::Manifest, LineMode::Stream] {
        let mut reader = LineReader::new(data, mode, PathBuf::from("/nonexistent"));
        let mut last = 0;
        while let Ok(Some((line, entry))) = reader.next_entry() {
            assert!(line > last, "line numbers increase");
            assert!(!entry.id().is_empty());
            last = line;
        }
    }
});
