//! The side-by-side HTML review page: one self-contained file (inline CSS and
//! JavaScript, no network), one row per bead, numbers and entities
//! highlighted with their counterpart lit up on hover, review flags as badges,
//! a filter for flagged rows and j/k keys to move between them. Built with
//! askama templates (`templates/review.html`, `templates/index.html`).

use askama::Template;

use super::BeadRecord;
use crate::numbers;
use crate::report::{NamesReport, forms_line};
use crate::review::FlagKind;

/// A highlighted span of one side of a bead (byte offsets into its text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
    /// CSS class: `num`, `num-bad`, `ent`, `ent-missing`.
    pub class: &'static str,
    /// Marks with the same link light up together on hover.
    pub link: Option<String>,
    /// Tooltip.
    pub title: String,
}

/// Highlights of both sides of a bead.
#[derive(Debug, Clone, Default)]
pub struct BeadHighlights {
    pub ko: Vec<Highlight>,
    pub en: Vec<Highlight>,
}

/// One row of the page.
pub struct ReviewRow {
    pub index: usize,
    pub bead_type: String,
    pub score: f64,
    pub low_score: bool,
    pub ko_html: String,
    pub en_html: String,
    /// (flag name, detail).
    pub flags: Vec<(&'static str, String)>,
}

impl ReviewRow {
    pub fn flagged(&self) -> bool {
        !self.flags.is_empty()
    }

    pub fn is_null(&self) -> bool {
        self.ko_html.is_empty() || self.en_html.is_empty()
    }

    /// Flag names separated by spaces (a data attribute tests and scripts read).
    pub fn flag_names(&self) -> String {
        let mut names: Vec<&str> = self.flags.iter().map(|f| f.0).collect();
        names.dedup();
        names.join(" ")
    }
}

/// The review page of one article pair.
#[derive(Template)]
#[template(path = "review.html")]
pub struct ReviewPage {
    pub title: String,
    pub version: &'static str,
    pub ko_name: String,
    pub en_name: String,
    pub rows: Vec<ReviewRow>,
    pub flagged_count: usize,
    pub flag_counts: Vec<(&'static str, usize)>,
    /// The name-variant report, one line per variant.
    pub name_lines: Vec<String>,
}

/// One line of the corpus index.
pub struct IndexEntry {
    pub name: String,
    pub href: String,
    pub beads: usize,
    pub flagged: usize,
    pub flags: String,
}

/// The index page of a corpus review site.
#[derive(Template)]
#[template(path = "index.html")]
pub struct IndexPage {
    pub title: String,
    pub version: &'static str,
    pub pages: Vec<IndexEntry>,
    pub name_lines: Vec<String>,
}

/// Escapes text for HTML element content and attributes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Renders a text with its highlights as escaped HTML with `<mark>`s.
/// Overlapping or out-of-range highlights are skipped, never misplaced.
pub fn render_highlighted(text: &str, highlights: &[Highlight]) -> String {
    let mut sorted: Vec<&Highlight> = highlights.iter().collect();
    sorted.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut out = String::new();
    let mut pos = 0;
    for h in sorted {
        let valid = h.start >= pos
            && h.start < h.end
            && text.is_char_boundary(h.start)
            && text.get(h.start..h.end).is_some();
        if !valid {
            continue;
        }
        out.push_str(&escape_html(&text[pos..h.start]));
        out.push_str(&format!("<mark class=\"{}\"", h.class));
        if let Some(link) = &h.link {
            out.push_str(&format!(" data-link=\"{}\"", escape_html(link)));
        }
        if !h.title.is_empty() {
            out.push_str(&format!(" title=\"{}\"", escape_html(&h.title)));
        }
        out.push('>');
        out.push_str(&escape_html(&text[h.start..h.end]));
        out.push_str("</mark>");
        pos = h.end;
    }
    out.push_str(&escape_html(&text[pos..]));
    out
}

/// Highlights of the numbers of a bead: matched ones linked across sides,
/// mismatched ones marked as such.
pub fn number_highlights(bead: usize, record: &BeadRecord) -> BeadHighlights {
    let ko = numbers::extract_ko(&record.ko_text);
    let en = numbers::extract_en(&record.en_text);
    let mut out = BeadHighlights::default();
    let mut ko_link: Vec<Option<(String, &'static str, String)>> = vec![None; ko.len()];
    let mut en_link: Vec<Option<(String, &'static str, String)>> = vec![None; en.len()];
    if !ko.is_empty() && !en.is_empty() {
        let comparison = numbers::compare(&ko, &en);
        for (n, pair) in comparison.matched.iter().enumerate() {
            let link = format!("b{bead}-n{n}");
            let title = agreement_name(pair.agreement);
            if let (Some(k), Some(e)) = (ko_link.get_mut(pair.ko), en_link.get_mut(pair.en)) {
                *k = Some((link.clone(), "num", title.clone()));
                *e = Some((link, "num", title));
            }
        }
        for (n, pair) in comparison.mismatched.iter().enumerate() {
            let link = format!("b{bead}-x{n}");
            let title = agreement_name(pair.agreement);
            if let (Some(k), Some(e)) = (ko_link.get_mut(pair.ko), en_link.get_mut(pair.en)) {
                *k = Some((link.clone(), "num-bad", title.clone()));
                *e = Some((link, "num-bad", title));
            }
        }
    }
    for (q, link) in ko.iter().zip(ko_link) {
        out.ko.push(highlight(q, link));
    }
    for (q, link) in en.iter().zip(en_link) {
        out.en.push(highlight(q, link));
    }
    out
}

/// The agreement's name as the JSON writes it (`rounded`, `different`).
fn agreement_name(agreement: numbers::Agreement) -> String {
    serde_json::to_value(agreement)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn highlight(q: &numbers::Quantity, link: Option<(String, &'static str, String)>) -> Highlight {
    match link {
        Some((link, class, title)) => Highlight {
            start: q.start,
            end: q.end,
            class,
            link: Some(link),
            title: format!("{} — {title}", q.describe()),
        },
        None => Highlight {
            start: q.start,
            end: q.end,
            class: "num",
            link: None,
            title: q.describe(),
        },
    }
}

/// Highlights of the entities of a bead: each Korean form and the English
/// forms of the same entity share a link (`e3`), so hovering one lights up
/// its counterparts everywhere on the page. Entities the bead flags as
/// missing are marked as such.
pub fn entity_highlights(report: &NamesReport, record: &BeadRecord) -> BeadHighlights {
    let mut out = BeadHighlights::default();
    let missing: Vec<&str> = record
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::EntityMissing)
        .map(|f| f.detail.as_str())
        .collect();
    for (n, entity) in report.entities.iter().enumerate() {
        if entity.en_forms.is_empty() && entity.short_forms.is_empty() {
            continue;
        }
        let link = format!("e{n}");
        let english: Vec<&str> = entity
            .en_forms
            .iter()
            .chain(&entity.short_forms)
            .map(|f| f.form.as_str())
            .collect();
        let title = format!("{} ↔ {}", entity.ko, english.join(" / "));
        let flagged = |name: &str| {
            missing.iter().any(|d| {
                d.strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with(" ("))
            })
        };
        for ko in std::iter::once(&entity.ko).chain(&entity.ko_aliases) {
            let class = if flagged(ko) { "ent-missing" } else { "ent" };
            for start in occurrences(&record.ko_text, ko, false) {
                out.ko.push(Highlight {
                    start,
                    end: start + ko.len(),
                    class,
                    link: Some(link.clone()),
                    title: title.clone(),
                });
            }
        }
        // Full forms first: "Kang Gi-jung" wins over the short "Mayor Kang"
        // that overlaps it in "Mayor Kang Gi-jung".
        for form in english {
            let class = if flagged(form) { "ent-missing" } else { "ent" };
            for start in occurrences(&record.en_text, form, true) {
                let end = start + form.len();
                if out.en.iter().any(|h| h.start < end && start < h.end) {
                    continue;
                }
                out.en.push(Highlight {
                    start,
                    end,
                    class,
                    link: Some(link.clone()),
                    title: title.clone(),
                });
            }
        }
    }
    out
}

/// Byte offsets where `needle` occurs in `text`; with `whole_words`, only
/// where it is not part of a longer word ("Kang" not in "Kangwon").
fn occurrences(text: &str, needle: &str, whole_words: bool) -> Vec<usize> {
    if needle.is_empty() {
        return Vec::new();
    }
    text.match_indices(needle)
        .map(|(start, _)| start)
        .filter(|&start| {
            let before = text[..start].chars().next_back();
            let after = text[start + needle.len()..].chars().next();
            !whole_words
                || !(before.is_some_and(char::is_alphanumeric)
                    || after.is_some_and(char::is_alphanumeric))
        })
        .collect()
}

/// One line per variant entity of a name report, for the top of a review
/// page or the corpus index: `강기정: Kang Gi-jung ×3, Kang Gijeong ×1 → use
/// "Kang Gi-jung" (reason)`.
pub fn name_lines(report: &NamesReport) -> Vec<String> {
    report
        .entities
        .iter()
        .filter(|e| e.variant)
        .map(|e| {
            let mut line = format!("{}: {}", e.ko, forms_line(&e.en_forms));
            if let Some(suggested) = &e.suggested {
                line.push_str(&format!(" → use \"{suggested}\""));
            }
            if let Some(reason) = &e.reason {
                line.push_str(&format!(" ({reason})"));
            }
            line
        })
        .collect()
}

/// Builds the page of one pair from its reviewed records and highlights.
pub fn review_page(
    title: &str,
    ko_name: &str,
    en_name: &str,
    records: &[BeadRecord],
    extra_highlights: &[BeadHighlights],
    name_lines: Vec<String>,
    min_score: f64,
) -> ReviewPage {
    let mut flag_counts: Vec<(&'static str, usize)> = Vec::new();
    let rows: Vec<ReviewRow> = records
        .iter()
        .enumerate()
        .map(|(n, record)| {
            let mut highlights = number_highlights(n, record);
            if let Some(extra) = extra_highlights.get(n) {
                highlights.ko.extend(extra.ko.iter().cloned());
                highlights.en.extend(extra.en.iter().cloned());
            }
            let flags: Vec<(&'static str, String)> = record
                .flags
                .iter()
                .map(|f| (f.kind.as_str(), f.detail.clone()))
                .collect();
            for name in record.flag_names() {
                match flag_counts.iter_mut().find(|(k, _)| *k == name) {
                    Some((_, count)) => *count += 1,
                    None => flag_counts.push((name, 1)),
                }
            }
            ReviewRow {
                index: n,
                bead_type: record.bead_type.clone(),
                score: record.score,
                low_score: record.score < min_score,
                ko_html: render_highlighted(&record.ko_text, &highlights.ko),
                en_html: render_highlighted(&record.en_text, &highlights.en),
                flags,
            }
        })
        .collect();
    ReviewPage {
        title: title.to_string(),
        version: env!("CARGO_PKG_VERSION"),
        ko_name: ko_name.to_string(),
        en_name: en_name.to_string(),
        flagged_count: rows.iter().filter(|r| r.flagged()).count(),
        rows,
        flag_counts,
        name_lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_are_escaped_and_placed_on_char_boundaries() {
        let text = "광주 <AI> 4269억원 & more";
        let start = text.find("4269").unwrap();
        let end = start + "4269억원".len();
        let html = render_highlighted(
            text,
            &[
                Highlight {
                    start,
                    end,
                    class: "num",
                    link: Some("b0-n0".into()),
                    title: "426.9 \"billion\" won".into(),
                },
                Highlight {
                    start: 1,
                    end: 2,
                    class: "num",
                    link: None,
                    title: String::new(),
                },
            ],
        );
        assert_eq!(
            html,
            "광주 &lt;AI&gt; <mark class=\"num\" data-link=\"b0-n0\" title=\"426.9 &quot;billion&quot; won\">4269억원</mark> &amp; more"
        );
    }

    #[test]
    fn matched_numbers_share_a_link() {
        let record = BeadRecord {
            ko: vec![0],
            en: vec![0],
            ko_text: "광주시는 4269억원을 투입했다.".into(),
            en_text: "Gwangju has invested 426.9 billion won.".into(),
            score: 0.9,
            bead_type: "1-1".into(),
            flags: Vec::new(),
        };
        let h = number_highlights(3, &record);
        assert_eq!(h.ko.len(), 1);
        assert_eq!(h.ko[0].link, h.en[0].link);
        assert_eq!(h.ko[0].link.as_deref(), Some("b3-n0"));
    }
}
