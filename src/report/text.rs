//! The report for a terminal: a summary line, the variants first (each form
//! with its count, where it occurs, its system and the suggestion), the
//! numbers that disagree, then every entity in one line.

use std::io::{self, Write};

use super::{EntityReport, NamesReport, forms_line, where_line};

fn heading(report: &NamesReport) -> String {
    let scope = if report.corpus {
        format!("{} articles", report.articles.len())
    } else {
        report
            .articles
            .first()
            .map_or_else(|| "1 article".to_string(), |a| a.id.clone())
    };
    format!(
        "{scope}: {} entities, {} with variants; {} number pairs, {} mismatches",
        report.entities.len(),
        report.variant_count(),
        report
            .numbers
            .iter()
            .filter(|n| n.pair.ko.is_some() && n.pair.en.is_some())
            .count(),
        report.mismatch_count()
    )
}

fn variant(out: &mut dyn Write, e: &EntityReport) -> io::Result<()> {
    let kind = e.variant_kind.map_or("", |k| k.as_str());
    writeln!(out, "  {} ({}) — {kind} variant", e.ko, e.kind)?;
    let width = e
        .en_forms
        .iter()
        .map(|f| f.form.chars().count())
        .max()
        .unwrap_or(0);
    for f in &e.en_forms {
        let system = match f.system.map(|s| s.as_str()) {
            Some("rr") => "  RR",
            Some("mr") => "  MR",
            _ => "",
        };
        let pad = width.saturating_sub(f.form.chars().count());
        writeln!(
            out,
            "    {}{} ×{}  {}{system}",
            f.form,
            " ".repeat(pad),
            f.count,
            where_line(f)
        )?;
    }
    if !e.short_forms.is_empty() {
        writeln!(out, "    short: {}", forms_line(&e.short_forms))?;
    }
    if let Some(r) = &e.romanization {
        writeln!(out, "    RR: {} · MR: {}", r.rr, r.mr)?;
    }
    if let Some(s) = &e.suggested {
        writeln!(
            out,
            "    → use \"{s}\": {}",
            e.reason.as_deref().unwrap_or("")
        )?;
    }
    Ok(())
}

/// Writes the text report.
pub fn write_text(report: &NamesReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", heading(report))?;
    let variants: Vec<&EntityReport> = report.entities.iter().filter(|e| e.variant).collect();
    if !variants.is_empty() {
        writeln!(out, "\nVARIANTS")?;
        for e in variants {
            variant(out, e)?;
        }
    }
    let mismatches = report.mismatches();
    if !mismatches.is_empty() {
        writeln!(out, "\nNUMBER MISMATCHES")?;
        for n in mismatches {
            let p = &n.pair;
            writeln!(
                out,
                "  {}{} ({}) ≠ {} ({})",
                n.article
                    .as_ref()
                    .map(|a| format!("{a}: "))
                    .unwrap_or_default(),
                p.ko.as_deref().unwrap_or(""),
                p.ko_value.as_deref().unwrap_or(""),
                p.en.as_deref().unwrap_or(""),
                p.en_value.as_deref().unwrap_or("")
            )?;
        }
    }
    if report.entities.is_empty() {
        writeln!(out, "\nNo named entities found.")?;
        return Ok(());
    }
    writeln!(out, "\nENTITIES")?;
    let width = report
        .entities
        .iter()
        .map(|e| e.ko.chars().count() * 2)
        .max()
        .unwrap_or(0)
        .min(24);
    for e in &report.entities {
        let pad = width.saturating_sub(e.ko.chars().count() * 2);
        let english = if e.en_forms.is_empty() {
            "(no English form)".to_string()
        } else {
            forms_line(&e.en_forms)
        };
        let short = if e.short_forms.is_empty() {
            String::new()
        } else {
            format!("  [short: {}]", forms_line(&e.short_forms))
        };
        let flag = if e.variant { "  *variant*" } else { "" };
        writeln!(
            out,
            "  {}{} {:<12} {english}{short}{flag}",
            e.ko,
            " ".repeat(pad),
            e.kind.as_str()
        )?;
    }
    let matched: Vec<_> = report
        .numbers
        .iter()
        .filter(|n| n.pair.matches == Some(true))
        .collect();
    if !matched.is_empty() {
        writeln!(out, "\nNUMBERS THAT AGREE")?;
        for n in matched {
            let p = &n.pair;
            writeln!(
                out,
                "  {} = {} ({})",
                p.ko.as_deref().unwrap_or(""),
                p.en.as_deref().unwrap_or(""),
                p.en_value.as_deref().unwrap_or("")
            )?;
        }
    }
    Ok(())
}
