//! The report as JSON: `{"articles", "entities", "numbers", "english_only"}`,
//! the shape scripts and `score.py` read.

use std::io::{self, Write};

use super::NamesReport;

/// Writes the report as pretty-printed JSON with a final newline.
pub fn write_json(report: &NamesReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    writeln!(out)
}
