//! The report as CSV: one row per (entity, English form), full forms and
//! short forms, for spreadsheets and term-base tools.

use std::io::{self, Write};

use super::{EntityReport, FormReport, NamesReport};

const HEADER: [&str; 12] = [
    "ko",
    "type",
    "form",
    "form_kind",
    "count",
    "where",
    "variant",
    "variant_kind",
    "system",
    "suggested",
    "articles",
    "ko_aliases",
];

/// Quotes a field when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
    writeln!(out, "{}", line.join(","))
}

fn form_row(
    out: &mut dyn Write,
    e: &EntityReport,
    f: Option<&FormReport>,
    kind: &str,
) -> io::Result<()> {
    row(
        out,
        &[
            e.ko.clone(),
            e.kind.as_str().to_string(),
            f.map(|f| f.form.clone()).unwrap_or_default(),
            kind.to_string(),
            f.map(|f| f.count.to_string()).unwrap_or_else(|| "0".into()),
            f.map(super::where_line).unwrap_or_default(),
            e.variant.to_string(),
            e.variant_kind
                .map(|k| k.as_str().to_string())
                .unwrap_or_default(),
            f.and_then(|f| f.system)
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            e.suggested.clone().unwrap_or_default(),
            e.articles.join(";"),
            e.ko_aliases.join(";"),
        ],
    )
}

/// Writes one row per (entity, form); an entity without English forms gets
/// one row with an empty form.
pub fn write_csv(report: &NamesReport, out: &mut dyn Write) -> io::Result<()> {
    row(out, &HEADER.map(str::to_string))?;
    for e in &report.entities {
        if e.en_forms.is_empty() && e.short_forms.is_empty() {
            form_row(out, e, None, "none")?;
        }
        for f in &e.en_forms {
            form_row(out, e, Some(f), "full")?;
        }
        for f in &e.short_forms {
            form_row(out, e, Some(f), "short")?;
        }
    }
    Ok(())
}
