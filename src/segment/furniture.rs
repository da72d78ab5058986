//! News-page furniture that shares a line with text: reporter bylines at the
//! start of a paragraph, photo credits at the end of a caption, and a headline
//! repeated at the start of a caption (web pages put it in the image's alt
//! text). Each becomes its own segment: they rarely have a counterpart in the
//! other language, so keeping them apart keeps the sentences next to them clean.

use crate::normalize::is_space;

use super::rules::RULES;
use super::sentences::ends_with_terminal;

/// Reporter titles that end a Korean byline before its `=`.
const REPORTER_WORDS: [&str; 4] = ["기자", "특파원", "기자·", "통신원"];

/// Byte length of a byline at the start of `line`, if there is one:
/// `【광주=뉴시스】 김민수 기자 =`, `[서울=연합뉴스] 이지은 기자 =`,
/// `(서울=연합뉴스) 이지은 기자 =`, `[아시아경제 광주=박진형 기자]`.
pub(crate) fn byline_end(line: &str) -> Option<usize> {
    let first = line.chars().next()?;
    let close = match first {
        '【' => '】',
        '[' => ']',
        '(' => ')',
        _ => return None,
    };
    let close_at = line.find(close)?;
    let inside = &line[first.len_utf8()..close_at];
    let has_reporter = REPORTER_WORDS.iter().any(|w| inside.contains(w));
    let is_byline = match first {
        '【' => inside.chars().count() <= 40,
        _ => (inside.contains('=') || has_reporter) && inside.chars().count() <= 40,
    };
    if !is_byline {
        return None;
    }
    let bracket_end = close_at + close.len_utf8();
    // `김민수 기자 =` after the bracket belongs to the byline.
    let after = &line[bracket_end..];
    if let Some(eq) = after.find('=') {
        let name_part = after[..eq].trim();
        let words = name_part.split_whitespace().count();
        let reporter = REPORTER_WORDS.iter().any(|w| name_part.ends_with(w));
        let followed_by_space = after[eq + 1..].chars().next().is_none_or(is_space);
        if (reporter || (1..=2).contains(&words)) && words <= 4 && followed_by_space {
            return Some(bracket_end + eq + 1);
        }
    }
    (bracket_end < line.len()).then_some(bracket_end)
}

/// Whether a title line is long enough to be recognised when a caption
/// repeats it (short titles like "Top" would match ordinary sentences).
pub(crate) fn is_repeatable_title(title: &str) -> bool {
    title.chars().count() >= 20 && title.split_whitespace().count() >= 3
}

/// Byte length of an earlier title repeated at the start of `line`, when more
/// text follows it.
pub(crate) fn repeated_title_end(line: &str, titles: &[String]) -> Option<usize> {
    titles
        .iter()
        .filter(|t| t.len() < line.len() && line.starts_with(t.as_str()))
        .filter(|t| line[t.len()..].chars().next().is_some_and(is_space))
        .map(String::len)
        .max()
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Whether a whole line is a reporter's sign-off: an e-mail address, maybe
/// after a name (`김민수 기자 minsu@example.co.kr`, `sbl@yna.co.kr`).
pub(crate) fn is_signature(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() <= 4
        && words
            .last()
            .is_some_and(|w| w.contains('@') && w.contains('.') && !w.starts_with('@'))
}

/// Words that may sit between the capitalised names of an English byline:
/// `By Kim Tae-hyun and Lee Ji-eun`, `By Maria de la Cruz`.
const BYLINE_CONNECTORS: [&str; 8] = ["and", "of", "the", "de", "la", "van", "von", "da"];

/// Whether a whole line is a byline without brackets: `By Kim Tae-hyun`,
/// `By Lee Ji-eun, Yonhap`, `BY JOHN SMITH`, or a Korean sign-off line
/// `김태현 기자`, `광주=김태현 기자`. Without this they read as titles (no
/// final period) and the aligner would pair them with the other side's title.
pub(crate) fn is_byline_line(text: &str) -> bool {
    let text = text.trim();
    if let Some(rest) = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("BY "))
    {
        let words: Vec<&str> = rest
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        return (1..=8).contains(&words.len())
            && !ends_with_terminal(rest)
            && words
                .iter()
                .any(|w| w.chars().next().is_some_and(char::is_uppercase))
            && words.iter().all(|w| {
                let name_like = w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\''));
                name_like || BYLINE_CONNECTORS.contains(w)
            });
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && text.chars().count() <= 30
        && REPORTER_WORDS
            .iter()
            .any(|w| text.ends_with(w) && text.len() > w.len())
}

/// Whether a whole segment is a credit: `Photo by Gwangju City`, `광주시 제공`,
/// `(사진=광주시 제공)`, `/연합뉴스`, `Yonhap`.
pub(crate) fn is_credit(text: &str) -> bool {
    let inner = text
        .trim_start_matches(['/', '(', '[', '【'])
        .trim_end_matches([')', ']', '】', '.']);
    let inner = inner.trim();
    if inner.is_empty() || inner.chars().count() > 60 {
        return false;
    }
    RULES
        .credit_en_leads
        .iter()
        .any(|lead| starts_with_ignore_case(inner, lead))
        || RULES
            .credit_ko_leads
            .iter()
            .any(|lead| inner.starts_with(lead.as_str()))
        || (RULES
            .credit_ko_tails
            .iter()
            .any(|tail| inner.ends_with(tail.as_str()))
            && inner.split_whitespace().count() <= 4)
        || RULES.agencies.iter().any(|agency| inner == agency)
}

/// Where a credit starts at the end of a sentence that has no punctuation
/// before it: `... in Hangzhou Photo by Gwangju City`, `... 면담하고 있다
/// (사진=광주시 제공)`, `... 있다./광주시 제공`, `... 있다 광주시 제공`.
/// Returns the byte offset of the credit inside `text`.
pub(crate) fn credit_tail_start(text: &str, _lang: crate::lang::Lang) -> Option<usize> {
    // A slash credit glued to the caption: `있다./광주시 제공`, `있다 /연합뉴스`.
    if let Some(slash) = text.rfind('/') {
        let tail = &text[slash..];
        if slash > 0 && is_credit(tail) && tail.split_whitespace().count() <= 4 {
            return Some(slash);
        }
    }
    // A bracketed credit: `(사진=광주시 제공)`, `[광주시 제공]`.
    if let Some(last) = text.chars().last()
        && matches!(last, ')' | ']')
    {
        let open = if last == ')' { '(' } else { '[' };
        let head = text[..text.rfind(open).unwrap_or(0)].trim_end();
        let head_is_bracketed = head.starts_with(['(', '[']) && head.ends_with([')', ']']);
        if let Some(pos) = text.rfind(open)
            && pos > 0
            && !head_is_bracketed
            && is_credit(&text[pos..])
        {
            return Some(pos);
        }
    }
    // `Photo by …` after the last sentence word.
    for lead in &RULES.credit_en_leads {
        if let Some(pos) = find_word(text, lead)
            && pos > 0
            && text[pos..].split_whitespace().count() <= 8
            && !ends_with_terminal(&text[pos..])
        {
            return Some(pos);
        }
    }
    // `… 있다 광주시 제공`: a short `… 제공` tail after a Korean sentence end.
    let words: Vec<(usize, &str)> = word_spans(text);
    for take in 1..=3usize {
        if words.len() <= take {
            break;
        }
        let (start, _) = words[words.len() - take];
        let tail = &text[start..];
        let head = text[..start].trim_end();
        let head_ends_sentence = head.ends_with('다') || ends_with_terminal(head);
        if head_ends_sentence
            && RULES
                .credit_ko_tails
                .iter()
                .any(|t| tail.ends_with(t.as_str()))
        {
            return Some(start);
        }
    }
    None
}

/// Byte offset of `needle` in `haystack` where it starts a word. Case matters:
/// a capitalised "Photo by" inside a line is a credit, "photo by" is prose.
fn find_word(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .match_indices(needle)
        .map(|(i, _)| i)
        .find(|&i| i == 0 || haystack[..i].chars().last().is_some_and(is_space))
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_space(c), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn korean_bylines_are_found() {
        let line = "【광주=뉴시스】 김민수 기자 = 강기정 광주시장이 24일 항저우를 찾았다.";
        let end = byline_end(line).unwrap();
        assert_eq!(&line[..end], "【광주=뉴시스】 김민수 기자 =");
        let line = "[서울=연합뉴스] 이지은 기자 = 정부가 발표했다.";
        assert_eq!(
            &line[..byline_end(line).unwrap()],
            "[서울=연합뉴스] 이지은 기자 ="
        );
        let line = "[아시아경제 광주=박진형 기자] 광주시가 밝혔다.";
        assert_eq!(
            &line[..byline_end(line).unwrap()],
            "[아시아경제 광주=박진형 기자]"
        );
        assert_eq!(byline_end("[속보] 광주시장 항저우 방문"), None);
        assert_eq!(byline_end("(주)광주은행이 밝혔다."), None);
    }

    #[test]
    fn credits_are_recognised() {
        assert!(is_credit("Photo by Gwangju City"));
        assert!(is_credit("광주시 제공"));
        assert!(is_credit("(사진=광주시 제공)"));
        assert!(is_credit("/연합뉴스"));
        assert!(is_credit("Yonhap"));
        assert!(!is_credit(
            "광주시, AI 기업에 실증 기회를 폭넓게 제공하는 방안을 마련했다"
        ));
        assert!(!is_credit("Photography is an art."));
    }

    #[test]
    fn credit_tails_are_split_off() {
        let t = "강기정 시장이 루산 부성장과 면담하고 있다 (사진=광주시 제공)";
        assert_eq!(
            &t[credit_tail_start(t, Lang::Ko).unwrap()..],
            "(사진=광주시 제공)"
        );
        let t = "강기정 시장이 루산 부성장과 면담하고 있다./광주시 제공";
        assert_eq!(
            &t[credit_tail_start(t, Lang::Ko).unwrap()..],
            "/광주시 제공"
        );
        let t = "강기정 시장이 루산 부성장과 면담하고 있다 광주시 제공";
        assert_eq!(&t[credit_tail_start(t, Lang::Ko).unwrap()..], "광주시 제공");
        let t = "Kang meets Lu in Hangzhou Photo by Gwangju City";
        assert_eq!(
            &t[credit_tail_start(t, Lang::En).unwrap()..],
            "Photo by Gwangju City"
        );
        assert_eq!(
            credit_tail_start("광주시, AI 기업에 실증 기회 제공", Lang::Ko),
            None
        );
        assert_eq!(
            credit_tail_start("(PHOTO NOT FOR SALE) (Yonhap)", Lang::En),
            None
        );
    }

    #[test]
    fn repeated_titles_are_found_only_when_long_and_followed_by_text() {
        let titles = vec!["Gwangju Joins Hands with Hangzhou".to_string()];
        let line = "Gwangju Joins Hands with Hangzhou Kang Gijeong, mayor of Gwangju, met Lu Shan.";
        assert_eq!(repeated_title_end(line, &titles), Some(titles[0].len()));
        assert_eq!(
            repeated_title_end("Gwangju Joins Hands with Hangzhou", &titles),
            None
        );
        assert!(!is_repeatable_title("Top"));
    }
}
