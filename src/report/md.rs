//! The report as Markdown, for pasting into a review ticket: a summary, a
//! table of variants with the suggested form, the numbers that disagree, and
//! a table of all entities.

use std::io::{self, Write};

use super::{NamesReport, forms_line, where_line};
use crate::entities::variants::FormSystem;

/// Escapes the characters that would break a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Writes the Markdown report.
pub fn write_md(report: &NamesReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Name report")?;
    writeln!(out)?;
    let scope = if report.corpus {
        format!("{} articles", report.articles.len())
    } else {
        report
            .articles
            .first()
            .map_or_else(String::new, |a| format!("`{}`", a.id))
    };
    writeln!(
        out,
        "{scope}: **{}** entities, **{}** with variants, **{}** number mismatches.",
        report.entities.len(),
        report.variant_count(),
        report.mismatch_count()
    )?;
    let variants: Vec<_> = report.entities.iter().filter(|e| e.variant).collect();
    if !variants.is_empty() {
        writeln!(out, "\n## Variants\n")?;
        writeln!(
            out,
            "| Korean | type | kind | forms (count, where, system) | use | why |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for e in variants {
            let forms: Vec<String> = e
                .en_forms
                .iter()
                .map(|f| {
                    let system = match f.system {
                        Some(FormSystem::Rr) => ", RR",
                        Some(FormSystem::Mr) => ", MR",
                        _ => "",
                    };
                    format!("{} (×{}, {}{system})", f.form, f.count, where_line(f))
                })
                .collect();
            writeln!(
                out,
                "| {} | {} | {} | {} | **{}** | {} |",
                cell(&e.ko),
                e.kind,
                e.variant_kind.map_or("", |k| k.as_str()),
                cell(&forms.join("<br>")),
                cell(e.suggested.as_deref().unwrap_or("")),
                cell(e.reason.as_deref().unwrap_or(""))
            )?;
        }
    }
    let mismatches = report.mismatches();
    if !mismatches.is_empty() {
        writeln!(out, "\n## Number mismatches\n")?;
        writeln!(out, "| Korean | value | English | value |")?;
        writeln!(out, "|---|---|---|---|")?;
        for n in mismatches {
            let p = &n.pair;
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(p.ko.as_deref().unwrap_or("")),
                cell(p.ko_value.as_deref().unwrap_or("")),
                cell(p.en.as_deref().unwrap_or("")),
                cell(p.en_value.as_deref().unwrap_or(""))
            )?;
        }
    }
    writeln!(out, "\n## Entities\n")?;
    if report.entities.is_empty() {
        writeln!(out, "No named entities found.")?;
        return Ok(());
    }
    writeln!(out, "| Korean | type | English | short forms | variant |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for e in &report.entities {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&e.ko),
            e.kind,
            cell(&forms_line(&e.en_forms)),
            cell(&forms_line(&e.short_forms)),
            if e.variant { "yes" } else { "" }
        )?;
    }
    Ok(())
}
