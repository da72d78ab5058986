//! Sentence ends inside one line of text.
//!
//! A sentence ends after `.`, `?`, `!` or an ellipsis (plus any closing quotes
//! and brackets) followed by a space, unless the end falls inside a quotation
//! or parenthesis that closes later in the line, or the period belongs to a
//! decimal, an abbreviation, an initial or a list number, or the next word
//! starts in lower case. Korean recall matters most (the aligner can re-join a
//! sentence split too finely, never split one), so Korean endings (`다.`) split
//! even without a following space.

use crate::lang::{Lang, is_hangul};
use crate::normalize::is_space;

use super::rules::{AbbreviationClass, RULES};

fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '?' | '!' | '…' | '。' | '？' | '！' | '‼' | '⁇' | '⁈' | '⁉'
    )
}

/// Characters that may follow a terminator and still belong to the sentence.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '」' | '』' | ')' | ']' | '】' | '》' | '〉' | '}' | '）'
    )
}

/// The bracket or curly quote that an opening character pairs with.
fn closing_pair(c: char) -> Option<char> {
    Some(match c {
        '(' => ')',
        '[' => ']',
        '【' => '】',
        '《' => '》',
        '〈' => '〉',
        '{' => '}',
        '「' => '」',
        '『' => '』',
        '“' => '”',
        '«' => '»',
        '（' => '）',
        _ => return None,
    })
}

/// Korean syllables that end a sentence-final form (했다, 해요, 하죠, 합니까).
fn is_korean_final_syllable(c: char) -> bool {
    matches!(
        c,
        '다' | '요' | '죠' | '까' | '니' | '네' | '군' | '음' | '함' | '임' | '됨'
    )
}

/// Whether a text ends with sentence-final punctuation (possibly followed by
/// closing quotes or brackets).
pub(crate) fn ends_with_terminal(text: &str) -> bool {
    text.chars()
        .rev()
        .find(|&c| !is_closer(c))
        .is_some_and(is_terminator)
}

fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '”' | '»' | '」' | '』')
}

/// Whether the quotation closed at char index `close` ends a sentence: its
/// last character is a terminator and a space or the line end follows. Such a
/// quotation holds whole sentences (`"We lost. Now we rebuild." Then …`),
/// unlike one that closes mid-sentence (`"…," he said`, `"…"라고 말했다`).
fn quotation_ends_sentence(chars: &[(usize, char)], close: usize) -> bool {
    let before = close.checked_sub(1).map(|i| chars[i].1);
    let after = chars.get(close + 1).map(|&(_, c)| c);
    before.is_some_and(is_terminator) && after.is_none_or(is_space)
}

/// Marks, for each gap between characters, whether it lies inside a quotation
/// or bracket pair that closes later in the line, mid-sentence. Gap `g` is the
/// position before character `g`.
fn protected_gaps(chars: &[(usize, char)]) -> Vec<bool> {
    let n = chars.len();
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut depth_delta = vec![0i32; n + 2];
    for i in 0..n {
        let c = chars[i].1;
        let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let close_char = if c == '"' {
            let open_straight = stack.iter().any(|&(k, _)| k == '"');
            let prev_is_space = prev.is_none_or(|p| is_space(p) || closing_pair(p).is_some());
            let next_is_space = next.is_none_or(|n| is_space(n) || n.is_ascii_punctuation());
            if open_straight && (!prev_is_space || next_is_space) {
                Some('"')
            } else {
                stack.push(('"', i));
                None
            }
        } else if let Some(closer) = closing_pair(c) {
            stack.push((closer, i));
            None
        } else if matches!(
            c,
            ')' | ']' | '】' | '》' | '〉' | '}' | '」' | '』' | '”' | '»' | '）'
        ) {
            Some(c)
        } else {
            None
        };
        if let Some(closer) = close_char
            && let Some(pos) = stack.iter().rposition(|&(k, _)| k == closer)
        {
            let (_, open) = stack[pos];
            stack.truncate(pos);
            if is_quote_char(closer) && quotation_ends_sentence(chars, i) {
                // `"A. B." Next` holds whole sentences: split inside it.
                continue;
            }
            // Gaps open+1 ..= i are inside the pair.
            depth_delta[open + 1] += 1;
            depth_delta[i + 1] -= 1;
        }
    }
    let mut protected = vec![false; n + 1];
    let mut depth = 0;
    for (g, slot) in protected.iter_mut().enumerate() {
        depth += depth_delta[g];
        *slot = depth > 0;
    }
    protected
}

/// The word (non-space run) that ends right before char index `end`, with
/// leading opening punctuation removed.
fn word_before(chars: &[(usize, char)], end: usize) -> String {
    let mut start = end;
    while start > 0 && !is_space(chars[start - 1].1) {
        start -= 1;
    }
    chars[start..end]
        .iter()
        .map(|&(_, c)| c)
        .skip_while(|&c| !c.is_alphanumeric())
        .collect()
}

/// The word starting at char index `start`, without leading quotes/brackets.
fn word_after(chars: &[(usize, char)], start: usize) -> String {
    chars[start..]
        .iter()
        .map(|&(_, c)| c)
        .skip_while(|&c| !c.is_alphanumeric())
        .take_while(|&c| c.is_alphanumeric() || c == '\'' || c == '’')
        .collect()
}

/// Whether the text before a period ends with a dotted date `2024. 9. 24`
/// (year, month and day each followed by a period).
fn is_dotted_date_end(before: &[(usize, char)]) -> bool {
    let text: String = before.iter().map(|&(_, c)| c).collect();
    let parts: Vec<&str> = text.rsplitn(3, '.').map(str::trim).collect();
    parts.len() == 3
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && [parts[0], parts[1]]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && parts[2]
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .is_some_and(|year| year.len() == 4)
}

/// Whether a period after `word` (the text before it) can end a sentence
/// when `next_word` follows.
fn period_can_end(word: &str, next_word: &str) -> bool {
    let lower = word.to_lowercase();
    let opener_follows = RULES.sentence_openers.contains(next_word);
    match RULES.abbreviations.get(lower.as_str()) {
        Some(AbbreviationClass::Title) => return false,
        Some(AbbreviationClass::MayEnd) => return opener_follows,
        None => {}
    }
    let letters: Vec<char> = word.chars().collect();
    // An initial (J. K. Rowling) or a dotted acronym (U.S.A., Ph.D.).
    let is_initial = letters.len() == 1 && letters[0].is_uppercase();
    let is_dotted = word.contains('.')
        && word
            .split('.')
            .all(|part| part.chars().count() <= 3 && part.chars().all(char::is_alphabetic));
    if is_initial || is_dotted {
        return opener_follows;
    }
    true
}

/// Byte offsets (into `line`) where a sentence ends and the next begins.
/// The end of the line itself is not included.
pub(crate) fn sentence_ends(line: &str, lang: Lang) -> Vec<usize> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let n = chars.len();
    let protected = protected_gaps(&chars);
    let mut ends = Vec::new();
    let mut sentence_start = 0;
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if !is_terminator(c) {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < n && is_terminator(chars[i].1) {
            i += 1;
        }
        let run_len = i - run_start;
        while i < n && is_closer(chars[i].1) {
            i += 1;
        }
        let gap = i;
        if gap >= n || protected[gap] {
            continue;
        }
        let before = if run_start > 0 {
            Some(chars[run_start - 1].1)
        } else {
            None
        };
        let single_period = run_len == 1 && c == '.';
        if !is_space(chars[gap].1) {
            // Korean `했다.이어` (missing space) still ends a sentence.
            let next = chars[gap].1;
            if single_period && before == Some('다') && gap == run_start + 1 && is_hangul(next) {
                ends.push(chars[gap].0);
                sentence_start = gap;
            }
            continue;
        }
        let mut next_idx = gap;
        while next_idx < n && is_space(chars[next_idx].1) {
            next_idx += 1;
        }
        if next_idx >= n {
            continue;
        }
        let next = chars[next_idx].1;
        if next.is_lowercase() && next.is_ascii_alphabetic() {
            continue;
        }
        let is_ellipsis = c == '…' || (c == '.' && run_len >= 2);
        if is_ellipsis {
            let korean_end = before.is_some_and(is_korean_final_syllable);
            let new_start =
                (next.is_uppercase() && next.is_alphabetic()) || matches!(next, '"' | '“');
            if !(korean_end || (lang == Lang::En && new_start)) {
                continue;
            }
        } else if single_period {
            let word = word_before(&chars, run_start);
            // Korean dates `2024. 9. 24.` and list numbers `1. 첫째`.
            if before.is_some_and(|b| b.is_ascii_digit())
                && (next.is_ascii_digit() || is_dotted_date_end(&chars[sentence_start..run_start]))
            {
                continue;
            }
            let prefix: String = chars[sentence_start..run_start]
                .iter()
                .map(|&(_, c)| c)
                .collect();
            let prefix = prefix.trim();
            let list_number = !prefix.is_empty()
                && prefix.len() <= 3
                && prefix.chars().all(|c| c.is_ascii_digit());
            let list_letter = prefix.len() == 1 && prefix.chars().all(|c| c.is_ascii_alphabetic());
            if list_number || list_letter {
                continue;
            }
            let ascii_word = !word.is_empty() && word.chars().all(|c| c.is_ascii() || c == '’');
            if ascii_word && !period_can_end(&word, &word_after(&chars, next_idx)) {
                continue;
            }
        }
        ends.push(chars[gap].0);
        sentence_start = gap;
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str, lang: Lang) -> Vec<&str> {
        let mut out = Vec::new();
        let mut prev = 0;
        for end in sentence_ends(line, lang).into_iter().chain([line.len()]) {
            out.push(line[prev..end].trim());
            prev = end;
        }
        out
    }

    #[test]
    fn abbreviations_decimals_and_initials_do_not_split() {
        let line = "Mr. Kim met Dr. Lee in the U.S. Capitol on Sept. 24 with Reps. Park and J. K. Rowling. Gwangju has invested 426.9 billion won.";
        assert_eq!(
            split(line, Lang::En),
            vec![
                "Mr. Kim met Dr. Lee in the U.S. Capitol on Sept. 24 with Reps. Park and J. K. Rowling.",
                "Gwangju has invested 426.9 billion won."
            ]
        );
    }

    #[test]
    fn may_end_abbreviation_splits_before_an_opener() {
        let line = "He joined Samsung Electronics Co. The firm declined to comment.";
        assert_eq!(split(line, Lang::En).len(), 2);
        let line = "The team is ranked No. 1 in the U.S. It won again.";
        assert_eq!(
            split(line, Lang::En),
            vec!["The team is ranked No. 1 in the U.S.", "It won again."]
        );
    }

    #[test]
    fn closed_quotations_are_not_split() {
        let line = "\"We need a deal. We want the best deal,\" he said. Then he left.";
        assert_eq!(
            split(line, Lang::En),
            vec![
                "\"We need a deal. We want the best deal,\" he said.",
                "Then he left."
            ]
        );
        let ko = "강 시장은 \"광주는 AI 도시다. 함께 가자\"고 말했다. 이어 회의가 열렸다.";
        assert_eq!(
            split(ko, Lang::Ko),
            vec![
                "강 시장은 \"광주는 AI 도시다. 함께 가자\"고 말했다.",
                "이어 회의가 열렸다."
            ]
        );
    }

    #[test]
    fn quotations_of_whole_sentences_are_split_inside() {
        let line = "\"We went to war. Now we have peace.\" Residents cheered.";
        assert_eq!(
            split(line, Lang::En),
            vec![
                "\"We went to war.",
                "Now we have peace.\"",
                "Residents cheered."
            ]
        );
    }

    #[test]
    fn quote_ending_a_sentence_splits_after_the_quote() {
        let line = "He said, \"It is an innovative model.\" He also unveiled plans.";
        assert_eq!(split(line, Lang::En).len(), 2);
        let ko = "그는 \"혁신 모델이다.\" 강 시장은 덧붙였다.";
        assert_eq!(
            split(ko, Lang::Ko),
            vec!["그는 \"혁신 모델이다.\"", "강 시장은 덧붙였다."]
        );
        let reported = "\"혁신 모델이다.\"라고 말했다. 이어 협력을 제안했다.";
        assert_eq!(split(reported, Lang::Ko).len(), 2);
    }

    #[test]
    fn parentheses_protect_their_content() {
        let ko = "실증(PoC. 개념 검증) 사업을 지원했다. 15개 기업이 참여했다.";
        assert_eq!(split(ko, Lang::Ko).len(), 2);
    }

    #[test]
    fn korean_endings_and_questions_split() {
        let ko = "가능할까? 그렇다. 좋아요. 맞죠. 했다.이어 떠났다.";
        assert_eq!(
            split(ko, Lang::Ko),
            vec![
                "가능할까?",
                "그렇다.",
                "좋아요.",
                "맞죠.",
                "했다.",
                "이어 떠났다."
            ]
        );
    }

    #[test]
    fn ellipsis_before_lowercase_does_not_split() {
        let line = "He paused... and then spoke. Wait… It was over.";
        assert_eq!(
            split(line, Lang::En),
            vec!["He paused... and then spoke.", "Wait…", "It was over."]
        );
    }

    #[test]
    fn korean_dates_and_list_numbers_do_not_split() {
        let ko = "2024. 9. 24. 광주시청에서 열렸다.";
        assert_eq!(split(ko, Lang::Ko).len(), 1);
        let en = "1. The first point is clear.";
        assert_eq!(split(en, Lang::En).len(), 1);
    }

    #[test]
    fn terminal_detection_sees_through_closers() {
        assert!(ends_with_terminal("그는 말했다.\""));
        assert!(ends_with_terminal("Really?)"));
        assert!(!ends_with_terminal("High-Level Talks Establish Bridgehead"));
    }
}
