//! A side-by-side view of an alignment for a terminal: one block per bead,
//! Korean on the left and English on the right, wrapped to the width (Hangul
//! counts as two columns).

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::BeadRecord;

/// Writes the side-by-side view at `width` columns.
pub fn write_side_by_side(
    records: &[BeadRecord],
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let column = (width.max(40) - 3) / 2;
    for (n, record) in records.iter().enumerate() {
        let flags = record.flag_names();
        if flags.is_empty() {
            writeln!(out, "#{n}  {}  score {:.2}", record.bead_type, record.score)?;
        } else {
            writeln!(
                out,
                "#{n}  {}  score {:.2}  [{}]",
                record.bead_type,
                record.score,
                flags.join(", ")
            )?;
        }
        let left = wrap(&record.ko_text, column);
        let right = wrap(&record.en_text, column);
        for row in 0..left.len().max(right.len()) {
            let l = left.get(row).map_or("", String::as_str);
            let r = right.get(row).map_or("", String::as_str);
            let pad = column.saturating_sub(l.width());
            writeln!(out, "{l}{} | {r}", " ".repeat(pad))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    if text.is_empty() {
        return vec!["—".to_string()];
    }
    // Break at spaces only: Korean is written with spaces between words, and a
    // break inside a Hangul word (allowed by UAX #14) splits it.
    let options = textwrap::Options::new(width).word_separator(textwrap::WordSeparator::AsciiSpace);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_with_wide_hangul() {
        let record = BeadRecord {
            ko: vec![0],
            en: vec![],
            ko_text: "강기정 광주시장은 24일 항저우를 방문했다".into(),
            en_text: String::new(),
            score: 0.9,
            bead_type: "1-0".into(),
            flags: Vec::new(),
        };
        let mut out = Vec::new();
        write_side_by_side(&[record], 60, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        for line in text.lines().skip(1).filter(|l| l.contains(" | ")) {
            let bar = line.find(" | ").unwrap();
            assert_eq!(line[..bar].width(), (60 - 3) / 2);
        }
        assert!(text.contains("—"));
    }
}
