#!/usr/bin/env python3
"""The best end-to-end strict F1 any aligner can reach on koalign's own sentence
segmentation, for a folder of cases (ko.txt, en.txt, gold.json with byte spans).

  python3 scripts/e2e_ceiling.py [--binary target/release/koalign] CASES_DIR

The end-to-end metric of ../shared/tools/score.py counts a bead right only when
its texts equal a gold bead's texts. When a gold unit holds n >= 2 sentences on
both sides, koalign segments them and any aligner that keeps the finer pairs
(n 1-1 beads, what a reviewer wants) is counted wrong. Each of koalign's
segments is mapped to the gold unit it overlaps most; a gold bead is reachable
when its segment counts make a bead shape other than n-n (n >= 2). Printed:
the ceiling with any bead shape, and with koalign's bead types only
(1-1, 1-0, 0-1, 2-1, 1-2, 3-1, 1-3; 2-2 is kept for cross-translations).
"""
import json
import os
import subprocess
import sys

KOALIGN_SHAPES = {(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (3, 1), (1, 3)}


def segment_counts(binary, case, side, spans):
    out = subprocess.run(
        [binary, "segment", os.path.join(case, f"{side}.txt"), "--format", "jsonl", "--lang", side],
        capture_output=True, text=True, check=True).stdout
    counts = [0] * len(spans)
    for line in out.splitlines():
        seg = json.loads(line)
        if not spans:
            break
        best = max(range(len(spans)),
                   key=lambda i: min(seg["end"], spans[i][1]) - max(seg["start"], spans[i][0]))
        counts[best] += 1
    return counts


def f1(good, predicted, gold):
    p = good / predicted if predicted else 0.0
    r = good / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    args = sys.argv[1:]
    binary = "target/release/koalign"
    if "--binary" in args:
        i = args.index("--binary")
        binary = args[i + 1]
        del args[i:i + 2]
    cases_dir = args[0]
    any_shape, our_shapes = [], []
    for name in sorted(os.listdir(cases_dir)):
        case = os.path.join(cases_dir, name)
        if not os.path.isfile(os.path.join(case, "gold.json")):
            continue
        gold = json.load(open(os.path.join(case, "gold.json"), encoding="utf-8"))
        if "ko_byte_spans" not in gold:
            print(f"{name}: skipped (gold.json has no ko_byte_spans/en_byte_spans)", file=sys.stderr)
            continue
        ko = segment_counts(binary, case, "ko", gold["ko_byte_spans"])
        en = segment_counts(binary, case, "en", gold["en_byte_spans"])
        scores = []
        for allowed in (None, KOALIGN_SHAPES):
            good = predicted = 0
            for k, e in gold["pairs"]:
                shape = (sum(ko[i] for i in k), sum(en[i] for i in e))
                split = shape[0] == shape[1] >= 2
                if split or (allowed is not None and shape not in allowed):
                    predicted += max(shape)
                else:
                    good += 1
                    predicted += 1
            scores.append(f1(good, predicted, len(gold["pairs"])))
        any_shape.append(scores[0])
        our_shapes.append(scores[1])
    n = len(any_shape)
    if n == 0:
        sys.exit(f"{cases_dir}: no case with byte spans")
    print(f"{n} cases: end-to-end strict F1 ceiling {sum(any_shape) / n:.4f} (any bead shape), "
          f"{sum(our_shapes) / n:.4f} (koalign's bead types)")


if __name__ == "__main__":
    main()
