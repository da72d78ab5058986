#!/usr/bin/env python3
"""Boundary precision/recall of `koalign segment` against gold sentence spans
(cases in the layout of ../shared/data/*/cases: ko.txt, en.txt, gold.json with
ko_byte_spans/en_byte_spans). Only breaks inside a paragraph count, the way
../shared/docs/segmentation-notes.md measured public segmenters.

Usage: eval_segmentation.py BIN CASES_DIR [--all]   (default: clean cases only)
"""
import json, os, subprocess, sys

def breaks(spans, text):
    out = set()
    for (s, e), (s2, _) in zip(spans, spans[1:]):
        if "\n" not in text[e:s2]:
            out.add(e)  # end of a sentence followed by another in the same line
    return out

def main():
    bin_, root = sys.argv[1], sys.argv[2]
    take_all = "--all" in sys.argv
    totals = {"ko": [0, 0, 0], "en": [0, 0, 0]}
    for name in sorted(os.listdir(root)):
        case = os.path.join(root, name)
        if not os.path.isfile(os.path.join(case, "gold.json")) or ("__" in name and not take_all):
            continue
        gold = json.load(open(os.path.join(case, "gold.json"), encoding="utf-8"))
        for lang in ("ko", "en"):
            path = os.path.join(case, f"{lang}.txt")
            text = open(path, "rb").read().decode("utf-8")
            raw = text.encode("utf-8")
            out = subprocess.run([bin_, "segment", "--lang", lang, "--format", "jsonl", path],
                                 capture_output=True, check=True).stdout.decode("utf-8")
            spans = [(r["start"], r["end"]) for r in map(json.loads, out.splitlines())]
            gspans = [tuple(s) for s in gold[f"{lang}_byte_spans"]]
            rtext = raw.decode("utf-8", "replace")
            # work in bytes: a newline check on the byte string
            def brk(sp):
                res = set()
                for (s, e), (s2, _) in zip(sp, sp[1:]):
                    if b"\n" not in raw[e:s2]:
                        res.add(e)
                return res
            ours, theirs = brk(spans), brk(gspans)
            t = totals[lang]
            t[0] += len(ours & theirs); t[1] += len(ours); t[2] += len(theirs)
    for lang, (tp, n_ours, n_gold) in totals.items():
        p = tp / n_ours if n_ours else 0.0
        r = tp / n_gold if n_gold else 0.0
        print(f"{lang}: precision {p:.3f} recall {r:.3f} (true {tp}, predicted {n_ours}, gold {n_gold})")

if __name__ == "__main__":
    main()
