//! Sentence segmentation of Korean and English news text as users paste it.
//!
//! A document is split into lines; a line never yields a segment that crosses
//! it, so headlines, sub-headlines, captions and credits on their own lines are
//! their own segments. Inside a line, [`sentences`] finds sentence ends, and
//! [`furniture`] splits off bylines, photo credits and a headline repeated at
//! the start of a caption. Every non-space character of the text ends up in
//! exactly one segment, and each segment keeps its byte span, so nothing is
//! lost and outputs can point back into the user's text.

mod furniture;
mod rules;
mod sentences;

use serde::Serialize;

use crate::lang::Lang;
use crate::normalize::is_space;

/// What kind of text a segment is. Bylines and credits rarely have a
/// counterpart in the other language; the aligner uses this as evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// An ordinary sentence.
    Sentence,
    /// A line without final punctuation: headline, sub-headline, caption title.
    Title,
    /// A reporter's byline: `【광주=뉴시스】 김민수 기자 =`.
    Byline,
    /// A photo or agency credit: `Photo by Gwangju City`, `광주시 제공`.
    Credit,
}

/// One segment of a document, with its byte span in the source text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// The segment's text: exactly `source[start..end]`.
    pub text: String,
    /// Byte offset of the first byte in the source text.
    pub start: usize,
    /// Byte offset one past the last byte in the source text.
    pub end: usize,
    /// 0-based paragraph number (paragraphs are separated by blank lines).
    pub paragraph: usize,
    pub kind: SegmentKind,
}

/// A piece of one line: byte span (absolute) and kind, before text is copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    pub start: usize,
    pub end: usize,
    pub kind: SegmentKind,
}

/// The trimmed lines of a text with their absolute byte spans and paragraph
/// numbers; blank lines separate paragraphs and yield nothing.
fn lines(text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut pending_break = false;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line_start = offset;
        offset += raw.len();
        let Some((start, end)) = trim_span(raw) else {
            pending_break = !out.is_empty();
            continue;
        };
        if pending_break {
            paragraph += 1;
            pending_break = false;
        }
        out.push((line_start + start, line_start + end, paragraph));
    }
    out
}

/// The span of `s` without leading and trailing whitespace or zero-width
/// characters; `None` when nothing is left.
pub(crate) fn trim_span(s: &str) -> Option<(usize, usize)> {
    let start = s.char_indices().find(|&(_, c)| !is_space(c))?.0;
    let end = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_space(c))
        .map(|(i, c)| i + c.len_utf8())?;
    Some((start, end))
}

fn to_segment(text: &str, piece: Piece, paragraph: usize) -> Segment {
    Segment {
        text: text[piece.start..piece.end].to_string(),
        start: piece.start,
        end: piece.end,
        paragraph,
        kind: piece.kind,
    }
}

/// Splits a news text into segments (sentences, titles, bylines, credits).
pub fn segment(text: &str, lang: Lang) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut titles: Vec<String> = Vec::new();
    for (start, end, paragraph) in lines(text) {
        for piece in split_line(text, start, end, lang, &titles) {
            let seg = to_segment(text, piece, paragraph);
            if seg.kind == SegmentKind::Title && furniture::is_repeatable_title(&seg.text) {
                titles.push(seg.text.clone());
            }
            segments.push(seg);
        }
    }
    segments
}

/// Splits one line (absolute span `start..end`, already trimmed).
fn split_line(text: &str, start: usize, end: usize, lang: Lang, titles: &[String]) -> Vec<Piece> {
    let line = &text[start..end];
    let mut pieces = Vec::new();
    let mut rest = 0;
    if let Some(byline_end) = furniture::byline_end(line) {
        pieces.push(Piece {
            start,
            end: start + byline_end,
            kind: SegmentKind::Byline,
        });
        rest = byline_end;
    } else if let Some(title_end) = furniture::repeated_title_end(line, titles) {
        pieces.push(Piece {
            start,
            end: start + title_end,
            kind: SegmentKind::Title,
        });
        rest = title_end;
    }
    let Some((body_start, body_end)) = trim_span(&line[rest..]) else {
        return pieces;
    };
    let body_offset = start + rest + body_start;
    let body = &line[rest + body_start..rest + body_end];

    let mut cuts = sentences::sentence_ends(body, lang);
    cuts.push(body.len());
    let mut prev = 0;
    let mut sentence_pieces = Vec::new();
    for cut in cuts {
        if let Some((s, e)) = trim_span(&body[prev..cut]) {
            sentence_pieces.push((prev + s, prev + e));
        }
        prev = cut;
    }
    // A credit may trail the last sentence without punctuation before it.
    if let Some(&(s, e)) = sentence_pieces.last()
        && let Some(split) = furniture::credit_tail_start(&body[s..e], lang)
    {
        sentence_pieces.pop();
        let head = &body[s..s + split];
        if let Some((hs, he)) = trim_span(head) {
            sentence_pieces.push((s + hs, s + he));
        }
        sentence_pieces.push((s + split, e));
    }
    let whole_line = pieces.is_empty() && sentence_pieces.len() == 1;
    for (s, e) in sentence_pieces {
        let piece_text = &body[s..e];
        let kind = if whole_line {
            classify_line(piece_text)
        } else if furniture::is_credit(piece_text) {
            SegmentKind::Credit
        } else {
            SegmentKind::Sentence
        };
        pieces.push(Piece {
            start: body_offset + s,
            end: body_offset + e,
            kind,
        });
    }
    pieces
}

/// The kind of a segment that is a whole line by itself.
fn classify_line(line: &str) -> SegmentKind {
    if furniture::is_signature(line)
        || furniture::is_byline_line(line)
        || furniture::byline_end(line).is_some_and(|end| end == line.len())
    {
        SegmentKind::Byline
    } else if furniture::is_credit(line) {
        SegmentKind::Credit
    } else if !sentences::ends_with_terminal(line) {
        SegmentKind::Title
    } else {
        SegmentKind::Sentence
    }
}

/// One segment per non-blank line, for input that is already segmented (the
/// convention of hunalign and Vecalign). Lines are trimmed; nothing is split;
/// each line's kind (title, credit, byline, sentence) is still recognised.
pub fn segment_lines(text: &str) -> Vec<Segment> {
    lines(text)
        .into_iter()
        .map(|(start, end, paragraph)| Segment {
            text: text[start..end].to_string(),
            start,
            end,
            paragraph,
            kind: classify_line(&text[start..end]),
        })
        .collect()
}

#[cfg(test)]
mod tests;
