//! Bead-type cases with the real aligner: hand-written Korean and English
//! sentences with a known structure.

use std::sync::LazyLock;

use super::*;
use crate::segment::segment_lines;

static ALIGNER: LazyLock<Aligner> = LazyLock::new(|| Aligner::new().expect("aligner"));

fn align(ko: &[&str], en: &[&str]) -> Vec<(Vec<usize>, Vec<usize>)> {
    let ko = segment_lines(&ko.join("\n"));
    let en = segment_lines(&en.join("\n"));
    let alignment = ALIGNER.align(&ko, &en).expect("align");
    alignment.beads.into_iter().map(|b| (b.ko, b.en)).collect()
}

fn bead(ko: &[usize], en: &[usize]) -> (Vec<usize>, Vec<usize>) {
    (ko.to_vec(), en.to_vec())
}

#[test]
fn korean_split_of_one_english_sentence_is_a_2_1_bead() {
    let beads = align(
        &[
            "강기정 광주시장은 24일 중국 항저우에서 루산 저장성 부성장을 만났다.",
            "두 사람은 인공지능 산업 협력 방안을 논의했다.",
            "광주시는 지금까지 AI 생태계에 4269억원을 투자했다.",
        ],
        &[
            "Gwangju Mayor Kang Gi-jung met Zhejiang Vice Governor Lu Shan in Hangzhou, China, on the 24th to discuss cooperation in the artificial intelligence industry.",
            "Gwangju has invested 426.9 billion won in its AI ecosystem so far.",
        ],
    );
    assert!(beads.contains(&bead(&[0, 1], &[0])), "{beads:?}");
    assert!(beads.contains(&bead(&[2], &[1])), "{beads:?}");
}

#[test]
fn one_korean_sentence_for_three_english_is_a_1_3_bead() {
    let beads = align(
        &[
            "정부는 내년 예산을 673조원으로 편성했고 이 가운데 연구개발 예산은 30조원, 복지 예산은 240조원이다.",
            "국회는 다음 달 2일 예산안을 표결한다.",
        ],
        &[
            "The government drew up a 673 trillion won budget for next year.",
            "Of that, 30 trillion won goes to research and development.",
            "Welfare spending accounts for 240 trillion won.",
            "The National Assembly will vote on the budget bill on the 2nd of next month.",
        ],
    );
    assert_eq!(beads, vec![bead(&[0], &[0, 1, 2]), bead(&[1], &[3])]);
}

#[test]
fn omissions_on_either_side_are_null_beads() {
    let beads = align(
        &[
            "삼성전자는 3분기 영업이익이 12조원으로 집계됐다고 31일 밝혔다.",
            "【서울=뉴시스】 김민수 기자 =",
            "반도체 부문 매출은 지난해보다 35% 늘었다.",
            "회사는 내년 시설 투자를 확대할 계획이다.",
        ],
        &[
            "Samsung Electronics said on the 31st that its third-quarter operating profit came to 12 trillion won.",
            "Sales in the semiconductor division rose 35 percent from a year earlier.",
            "Analysts had expected a smaller gain after a weak summer for smartphones.",
            "The company plans to expand facility investment next year.",
        ],
    );
    assert!(beads.contains(&bead(&[1], &[])), "{beads:?}");
    assert!(beads.contains(&bead(&[], &[2])), "{beads:?}");
    assert!(beads.contains(&bead(&[3], &[3])), "{beads:?}");
}

#[test]
fn every_sentence_is_in_exactly_one_bead_in_order() {
    let ko: Vec<String> = (0..40)
        .map(|i| format!("광주시는 {i}번째 회의를 열었다."))
        .collect();
    let en: Vec<String> = (0..33)
        .map(|i| format!("Gwangju held meeting number {i}."))
        .collect();
    let ko_refs: Vec<&str> = ko.iter().map(String::as_str).collect();
    let en_refs: Vec<&str> = en.iter().map(String::as_str).collect();
    let beads = align(&ko_refs, &en_refs);
    let ko_seen: Vec<usize> = beads.iter().flat_map(|b| b.0.clone()).collect();
    let en_seen: Vec<usize> = beads.iter().flat_map(|b| b.1.clone()).collect();
    assert_eq!(ko_seen, (0..40).collect::<Vec<_>>());
    assert_eq!(en_seen, (0..33).collect::<Vec<_>>());
}

#[test]
fn empty_sides_give_only_null_beads() {
    assert_eq!(align(&[], &["Only English."]), vec![bead(&[], &[0])]);
    assert_eq!(align(&["한국어만 있다."], &[]), vec![bead(&[0], &[])]);
    assert!(align(&[], &[]).is_empty());
}

#[test]
fn morphemes_tokenized_once_give_the_same_alignment() {
    let case = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/gwangju-hangzhou-ai");
    let read = |name: &str| std::fs::read_to_string(case.join(name)).expect("seed article");
    let ko = crate::segment::segment(&read("ko.txt"), crate::lang::Lang::Ko);
    let en = crate::segment::segment(&read("en.txt"), crate::lang::Lang::En);
    let morphemes = ALIGNER.tokenize_korean(&ko).expect("tokenize");
    assert_eq!(morphemes.len(), ko.len());
    assert_eq!(
        ALIGNER
            .align_with_morphemes(&ko, Some(&morphemes), &en, None)
            .expect("align"),
        ALIGNER.align(&ko, &en).expect("align")
    );
    let (observed, _) = ALIGNER
        .align_and_observe_with_morphemes(&ko, Some(&morphemes), &en)
        .expect("align");
    assert_eq!(
        observed,
        ALIGNER.align_and_observe(&ko, &en).expect("align").0
    );
}
