//! JSON Lines (one bead per line) and TSV (`ko_text<TAB>en_text<TAB>score<TAB>flags`,
//! the layout spreadsheets and Xbench read).

use std::io::{self, Write};

use serde::Serialize;

use super::BeadRecord;

/// One JSON Lines record: the fields scripts rely on, in a fixed order.
#[derive(Serialize)]
struct JsonBead<'a> {
    ko: &'a [usize],
    en: &'a [usize],
    ko_text: &'a str,
    en_text: &'a str,
    score: f64,
    #[serde(rename = "type")]
    bead_type: &'a str,
    /// Flag names: `["omission", "number-mismatch"]`.
    flags: Vec<&'static str>,
    /// One `name: detail` line per flag.
    flag_details: Vec<String>,
}

/// Writes one JSON object per bead.
pub fn write_jsonl(records: &[BeadRecord], out: &mut dyn Write) -> io::Result<()> {
    for record in records {
        let bead = JsonBead {
            ko: &record.ko,
            en: &record.en,
            ko_text: &record.ko_text,
            en_text: &record.en_text,
            score: record.score,
            bead_type: &record.bead_type,
            flags: record.flag_names(),
            flag_details: record
                .flags
                .iter()
                .map(|f| format!("{}: {}", f.kind, f.detail))
                .collect(),
        };
        serde_json::to_writer(&mut *out, &bead).map_err(io::Error::other)?;
        writeln!(out)?;
    }
    Ok(())
}

/// A TSV cell: tabs, line breaks and other control characters would break
/// the columns, so they become spaces (the JSONL keeps the exact text).
pub fn tsv_cell(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Writes `ko_text<TAB>en_text<TAB>score<TAB>flags` (flags comma-separated,
/// empty when none), one bead per line, no header.
pub fn write_tsv(records: &[BeadRecord], out: &mut dyn Write) -> io::Result<()> {
    for record in records {
        writeln!(
            out,
            "{}\t{}\t{:.4}\t{}",
            tsv_cell(&record.ko_text),
            tsv_cell(&record.en_text),
            record.score,
            record.flag_names().join(",")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(ko: &str, en: &str) -> BeadRecord {
        BeadRecord {
            ko: vec![0],
            en: vec![0],
            ko_text: ko.into(),
            en_text: en.into(),
            score: 0.5,
            bead_type: "1-1".into(),
            flags: Vec::new(),
        }
    }

    #[test]
    fn tsv_keeps_three_columns_whatever_the_text() {
        let mut out = Vec::new();
        write_tsv(&[record("가\t나", "a\nb\rc")], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "가 나\ta b c\t0.5000\t\n");
    }

    #[test]
    fn jsonl_has_the_documented_fields() {
        let mut out = Vec::new();
        write_jsonl(&[record("가", "a")], &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        for field in ["ko", "en", "ko_text", "en_text", "score", "type", "flags"] {
            assert!(v.get(field).is_some(), "{field}");
        }
    }
}
