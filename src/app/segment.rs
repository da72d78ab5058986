//! `koalign segment`: prints a document's segments.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::error::Result;
use crate::lang::Lang;
use crate::segment::Segment;

/// Output format of `koalign segment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentFormat {
    /// One segment per line.
    Text,
    /// One JSON object per line: text, byte span, paragraph, kind.
    Jsonl,
}

/// Options of `koalign segment`.
#[derive(Debug, Clone)]
pub struct SegmentOptions {
    pub file: PathBuf,
    pub lang: Option<Lang>,
    pub format: SegmentFormat,
}

#[derive(Serialize)]
struct SegmentRecord<'a> {
    index: usize,
    #[serde(flatten)]
    segment: &'a Segment,
}

/// Runs `koalign segment`; returns notes for stderr.
pub fn run(options: &SegmentOptions, out: &mut dyn Write) -> Result<Vec<String>> {
    let doc = super::load_single(&options.file, options.lang)?;
    for (index, segment) in doc.segments.iter().enumerate() {
        match options.format {
            SegmentFormat::Text => writeln!(out, "{}", segment.text)?,
            SegmentFormat::Jsonl => {
                let record = SegmentRecord { index, segment };
                serde_json::to_writer(&mut *out, &record).map_err(std::io::Error::other)?;
                writeln!(out)?;
            }
        }
    }
    Ok(super::input_notes(&doc))
}
