#!/usr/bin/env python3
"""Scores the per-pair JSON Lines files of a `koalign batch` run against gold
alignments (case folders with gold.json, as in ../shared/data/*/cases).

  scripts/score_batch.py OUTDIR CASES_DIR [CASES_DIR ...] [--json]

OUTDIR holds `<case>.jsonl` (the batch ran over the case folders, or over a
manifest whose ids are the case folder names). Beads are compared by their
whitespace-normalised texts, as `score.py --mode raw` does, so koalign's own
sentence splitting counts too: strict bead F1 (both sides equal a gold bead,
null beads included) per case, averaged over cases, plus the same pooled
over all beads (micro). A case without output scores 0.
"""
import json
import os
import re
import sys
import unicodedata


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def prf(test, gold):
    tp = len(test & gold)
    p = tp / len(test) if test else 0.0
    r = tp / len(gold) if gold else 0.0
    return tp, (0.0 if p + r == 0 else 2 * p * r / (p + r))


def gold_beads(gold):
    return {
        (norm(" ".join(gold["ko"][i] for i in k)), norm(" ".join(gold["en"][i] for i in e)))
        for k, e in gold["pairs"]
    }


def test_beads(path):
    beads = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                beads.add((norm(r.get("ko_text", "")), norm(r.get("en_text", ""))))
    return beads


def score(outdir, case_dirs):
    per_case = []
    tp = n_test = n_gold = 0
    for cases in case_dirs:
        for case in sorted(os.listdir(cases)):
            gold_path = os.path.join(cases, case, "gold.json")
            if not os.path.isfile(gold_path):
                continue
            with open(gold_path, encoding="utf-8") as f:
                gold = gold_beads(json.load(f))
            out = os.path.join(outdir, case + ".jsonl")
            test = test_beads(out) if os.path.isfile(out) else set()
            hits, f1 = prf(test, gold)
            per_case.append((case, f1))
            tp += hits
            n_test += len(test)
            n_gold += len(gold)
    p = tp / n_test if n_test else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "cases": len(per_case),
        "strict_f1_mean": sum(f for _, f in per_case) / max(len(per_case), 1),
        "strict_f1_micro": 0.0 if p + r == 0 else 2 * p * r / (p + r),
        "per_case": dict(per_case),
    }


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) < 2:
        sys.exit(__doc__)
    result = score(args[0], args[1:])
    if "--json" in sys.argv:
        print(json.dumps(result, indent=1))
    else:
        print(f"cases {result['cases']}  strict F1 (mean over cases) {result['strict_f1_mean']:.4f}"
              f"  (micro) {result['strict_f1_micro']:.4f}")


if __name__ == "__main__":
    main()
