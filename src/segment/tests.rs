//! Document-level segmentation tests: whole lines, paragraphs and furniture.

use super::*;

fn texts(segments: &[Segment]) -> Vec<&str> {
    segments.iter().map(|s| s.text.as_str()).collect()
}

#[test]
fn headlines_and_subheadlines_are_their_own_segments() {
    let text = "Gwangju Joins Hands with Hangzhou\n\nHigh-Level Talks Establish Bridgehead\nMayor Kang Explores Ways to Apply AI Policy\n\nGwangju has taken its first step. The two cities pledged cooperation.\n";
    let segs = segment(text, Lang::En);
    assert_eq!(
        texts(&segs),
        vec![
            "Gwangju Joins Hands with Hangzhou",
            "High-Level Talks Establish Bridgehead",
            "Mayor Kang Explores Ways to Apply AI Policy",
            "Gwangju has taken its first step.",
            "The two cities pledged cooperation."
        ]
    );
    assert_eq!(segs[0].kind, SegmentKind::Title);
    assert_eq!(segs[3].kind, SegmentKind::Sentence);
    assert_eq!(
        segs.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
        vec![0, 1, 1, 2, 2]
    );
}

#[test]
fn spans_point_into_the_source_text() {
    let text = "\u{feff}첫 문장이다.  둘째 문장이다.\r\n\r\n셋째 줄\r\n";
    for seg in segment(text, Lang::Ko) {
        assert_eq!(&text[seg.start..seg.end], seg.text);
    }
    assert_eq!(
        texts(&segment(text, Lang::Ko)),
        vec!["첫 문장이다.", "둘째 문장이다.", "셋째 줄"]
    );
}

#[test]
fn caption_with_repeated_title_and_credit_is_split_three_ways() {
    let text = "Gwangju Joins Hands for Friendly Cooperation with Hangzhou\n\nGwangju Joins Hands for Friendly Cooperation with Hangzhou Kang Gijeong, mayor of Gwangju, held a meeting with Lu Shan on the 24th. Photo by Gwangju City\n";
    let segs = segment(text, Lang::En);
    assert_eq!(
        texts(&segs),
        vec![
            "Gwangju Joins Hands for Friendly Cooperation with Hangzhou",
            "Gwangju Joins Hands for Friendly Cooperation with Hangzhou",
            "Kang Gijeong, mayor of Gwangju, held a meeting with Lu Shan on the 24th.",
            "Photo by Gwangju City"
        ]
    );
    assert_eq!(segs[1].kind, SegmentKind::Title);
    assert_eq!(segs[3].kind, SegmentKind::Credit);
}

#[test]
fn korean_byline_caption_and_bullets() {
    let text = "【광주=뉴시스】 김민수 기자 = 강기정 광주시장이 24일 항저우를 찾았다. 루산 부성장을 만났다.\n\n강기정 광주시장이 루산 부성장과 면담하고 있다. (사진=광주시 제공)\n\n▲ AI 인프라 구축\n▲ 인재 양성\n주요 내용은 ▲인재 양성 ▲기업 지원 등이다.\n";
    let segs = segment(text, Lang::Ko);
    assert_eq!(
        texts(&segs),
        vec![
            "【광주=뉴시스】 김민수 기자 =",
            "강기정 광주시장이 24일 항저우를 찾았다.",
            "루산 부성장을 만났다.",
            "강기정 광주시장이 루산 부성장과 면담하고 있다.",
            "(사진=광주시 제공)",
            "▲ AI 인프라 구축",
            "▲ 인재 양성",
            "주요 내용은 ▲인재 양성 ▲기업 지원 등이다."
        ]
    );
    assert_eq!(segs[0].kind, SegmentKind::Byline);
    assert_eq!(segs[4].kind, SegmentKind::Credit);
}

#[test]
fn segments_never_cross_a_line_break() {
    let text = "첫 줄은 마침표가 없고\n둘째 줄에서 끝난다.\n";
    assert_eq!(segment(text, Lang::Ko).len(), 2);
}

#[test]
fn presegmented_input_keeps_one_segment_per_line() {
    let text = "First sentence. Still first.\n\n  Second line  \n";
    let segs = segment_lines(text);
    assert_eq!(
        texts(&segs),
        vec!["First sentence. Still first.", "Second line"]
    );
}

#[test]
fn bylines_on_their_own_line_are_recognised_in_both_languages() {
    for line in [
        "By Kim Tae-hyun",
        "By Lee Ji-eun and Park Min-su, Yonhap",
        "BY JOHN SMITH",
        "김태현 기자",
        "광주=김태현 기자",
    ] {
        assert_eq!(segment_lines(line)[0].kind, SegmentKind::Byline, "{line}");
    }
    // Titles and sentences that open with "By" stay what they are.
    for (line, kind) in [
        ("By the Numbers: Korea's chip exports", SegmentKind::Title),
        (
            "By 2030, the city plans 10 new parks.",
            SegmentKind::Sentence,
        ),
        ("By Monday the rain had stopped.", SegmentKind::Sentence),
        ("기자", SegmentKind::Title),
    ] {
        assert_eq!(segment_lines(line)[0].kind, kind, "{line}");
    }
}
