#!/usr/bin/env python3
"""Benchmarks `koalign batch` and compares koalign with two Gale-Church
aligners. A benchmark, not a test: numbers depend on the machine and its load.

  scripts/bench_batch.py [--bin target/release/koalign] [--synthetic 10000]
                         [--repeat 3] [--skip-peers] [--skip-synthetic]

Measures, each run in a fresh process (peak memory includes the dictionary):
  * start-up: `koalign align` on a one-sentence pair (dictionary load), best of 10;
  * the dev data in ../shared/data (NTREX-128 + FLORES-200 cases, ~630 pairs,
    own segmentation) with `koalign batch`, --jobs 1 and 2: pairs/s,
    sentences/s, peak RSS; and alignment alone (`koalign eval`, one thread);
  * a synthetic corpus of N pairs made from the corpus/ articles (paragraphs
    rotated and dropped so no two pairs are the same text), --jobs 2 (and 1
    with --synthetic-both);
  * peers, on the dev cases with the gold segmentation: koalign, the PyPI
    `galechurch` package (Rust core) and NLTK's `nltk.translate.gale_church`,
    installed in a temporary virtual environment; time and strict bead F1
    against gold with the functions of ../shared/tools/score.py.
Prints Markdown tables.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
DEV_SETS = ("ntrex128-koen-dev", "flores200-devtest-koen")


def run(cmd, **kw):
    """Runs a command; returns (wall seconds, peak RSS in MB, cpu seconds)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=kw.get("stdout", subprocess.DEVNULL),
                            stderr=subprocess.PIPE, stdin=kw.get("stdin"))
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {err[:500]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def best(n, fn):
    results = [fn() for _ in range(n)]
    return min(results, key=lambda r: r[0])


def dev_cases():
    for name in DEV_SETS:
        cases = os.path.join(SHARED, "data", name, "cases")
        if not os.path.isdir(cases):
            continue
        for case in sorted(os.listdir(cases)):
            path = os.path.join(cases, case)
            if os.path.isfile(os.path.join(path, "gold.json")):
                yield name, path


def startup(binary, tmp):
    ko, en = os.path.join(tmp, "s.ko.txt"), os.path.join(tmp, "s.en.txt")
    with open(ko, "w", encoding="utf-8") as f:
        f.write("광주시가 항저우와 협력한다.\n")
    with open(en, "w", encoding="utf-8") as f:
        f.write("Gwangju cooperates with Hangzhou.\n")
    return best(10, lambda: run([binary, "align", ko, en, "--format", "jsonl"]))


def batch(binary, source, out, jobs, extra=()):
    shutil.rmtree(out, ignore_errors=True)
    wall, rss, cpu = run([binary, "batch", source, "-o", out, "--jobs", str(jobs), "-q", *extra])
    with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    pairs = summary["pairs"]["aligned"]
    sentences = summary["sentences"]["ko"] + summary["sentences"]["en"]
    return wall, rss, cpu, pairs, sentences


def synthetic(n, outdir):
    """N pairs from the corpus/ articles: each article's paragraphs rotated by
    a different amount and one paragraph dropped on both sides, so the pairs
    are all different texts of news length."""
    corpus = os.path.join(ROOT, "corpus")
    articles = []
    for d in sorted(os.listdir(corpus)):
        ko_path, en_path = os.path.join(corpus, d, "ko.txt"), os.path.join(corpus, d, "en.txt")
        if os.path.isfile(ko_path) and os.path.isfile(en_path):
            ko = [p for p in open(ko_path, encoding="utf-8").read().split("\n\n") if p.strip()]
            en = [p for p in open(en_path, encoding="utf-8").read().split("\n\n") if p.strip()]
            articles.append((ko, en))
    rng = random.Random(7)
    os.makedirs(outdir, exist_ok=True)
    for k in range(n):
        ko, en = articles[k % len(articles)]
        r = (k // len(articles)) % max(len(ko), 1)
        ko = ko[r:] + ko[:r]
        en = en[r:] + en[:r]
        if len(ko) > 3 and len(en) > 3:
            drop = rng.randrange(1, min(len(ko), len(en)))
            ko = ko[:drop] + ko[drop + 1:]
            en = en[:drop] + en[drop + 1:]
        with open(os.path.join(outdir, f"s{k:05d}.ko.txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(ko) + "\n")
        with open(os.path.join(outdir, f"s{k:05d}.en.txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(en) + "\n")


def peer_env(tmp):
    """A virtual environment with galechurch and nltk; its python."""
    venv = os.path.join(tmp, "peers")
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    python = os.path.join(venv, "bin", "python")
    subprocess.run([python, "-m", "pip", "install", "-q", "galechurch", "nltk"], check=True)
    return python


PEER_SCRIPT = r'''
import json, sys, time
sys.path.insert(0, sys.argv[1])
import score
from galechurch import align as gc_align
from nltk.translate import gale_church as nltk_gc

cases = json.load(open(sys.argv[2], encoding="utf-8"))
ratio = float(sys.argv[3])

def nltk_beads(ko, en, c):
    params = nltk_gc.LanguageIndependent
    class Params(params):
        AVERAGE_CHARACTERS = c
    links = nltk_gc.align_blocks([len(s.replace(" ", "")) for s in ko],
                                 [len(s.replace(" ", "")) for s in en], Params)
    # Links -> beads: linked sentences grouped, unlinked ones alone.
    beads, used_k, used_e = [], set(), set()
    groups = {}
    for i, j in links:
        groups.setdefault(("k", i), set()).add(("e", j))
        groups.setdefault(("e", j), set()).add(("k", i))
    seen = set()
    for i, j in sorted(links):
        if ("k", i) in seen:
            continue
        stack, comp = [("k", i)], set()
        while stack:
            node = stack.pop()
            if node in comp:
                continue
            comp.add(node)
            stack.extend(groups.get(node, ()))
        seen |= comp
        beads.append((tuple(sorted(x for t, x in comp if t == "k")), tuple(sorted(x for t, x in comp if t == "e"))))
    used_k = {i for b in beads for i in b[0]}
    used_e = {j for b in beads for j in b[1]}
    beads += [((i,), ()) for i in range(len(ko)) if i not in used_k]
    beads += [((), (j,)) for j in range(len(en)) if j not in used_e]
    return set(beads)

def gc_beads(ko, en, c):
    block = gc_align(ko, en, mean_xy=c)
    return {(tuple(range(b.source_start, b.source_end)), tuple(range(b.target_start, b.target_end)))
            for b in block.beads}

out = {}
for name, fn, c in (("galechurch (defaults, c=1)", gc_beads, 1.0),
                    ("galechurch (c = en/ko characters)", gc_beads, ratio),
                    ("nltk gale_church (defaults, c=1)", nltk_beads, 1.0),
                    ("nltk gale_church (c = en/ko characters)", nltk_beads, ratio)):
    strict, link, seconds = [], [], 0.0
    for case in cases:
        start = time.perf_counter()
        test = fn(case["ko"], case["en"], c)
        seconds += time.perf_counter() - start
        gold = {(tuple(k), tuple(e)) for k, e in case["pairs"]}
        strict.append(score.prf(test, gold)[2])
        link.append(score.prf(score.links(test), score.links(gold))[2])
    out[name] = {"seconds": seconds, "strict_f1": sum(strict) / len(strict), "link_f1": sum(link) / len(link)}
print(json.dumps(out))
'''


def koalign_segmented_f1(binary, cases):
    """Strict and link F1 of `koalign align --segmented` on the gold
    sentences: score.py's own segmented scoring, case by case."""
    sys.path.insert(0, os.path.join(SHARED, "tools"))
    import score  # noqa: E402
    strict, link = [], []
    for case in cases:
        gold = json.load(open(os.path.join(case, "gold.json"), encoding="utf-8"))
        s, l = score.score_segmented(binary, case, gold)
        strict.append(s)
        link.append(l)
    return sum(strict) / len(strict), sum(link) / len(link)


def main():
    args = sys.argv[1:]
    opt = lambda name, default: args[args.index(name) + 1] if name in args else default  # noqa: E731
    binary = opt("--bin", os.path.join(ROOT, "target", "release", "koalign"))
    n_synthetic = int(opt("--synthetic", "10000"))
    repeat = int(opt("--repeat", "3"))
    tmp = tempfile.mkdtemp(prefix="koalign-bench-")
    try:
        rows = []
        wall, rss, _ = startup(binary, tmp)
        print(f"start-up (dictionary load, one-sentence pair): {wall * 1000:.0f} ms, peak RSS {rss:.0f} MB\n")

        cases = [path for _, path in dev_cases()]
        if cases:
            manifest = os.path.join(tmp, "dev.jsonl")
            with open(manifest, "w", encoding="utf-8") as f:
                for path in cases:
                    f.write(json.dumps({"id": os.path.basename(path), "ko": os.path.join(path, "ko.txt"),
                                        "en": os.path.join(path, "en.txt")}) + "\n")
            for jobs in (1, 2):
                r = best(repeat, lambda: batch(binary, manifest, os.path.join(tmp, "dev-out"), jobs))
                rows.append((f"dev data, {len(cases)} pairs, batch end to end", jobs, *r))
            # Alignment alone (segmentation, tokenization, alignment; no names, no output).
            for name in DEV_SETS:
                d = os.path.join(SHARED, "data", name, "cases")
                if os.path.isdir(d):
                    n = sum(1 for c in cases if c.startswith(d))
                    wall, rss, cpu = best(repeat, lambda: run([binary, "eval", "--cases", d]))
                    rows.append((f"{name}, {n} pairs, alignment only (eval)", 1, wall, rss, cpu, n, None))
        else:
            print("(skipped the dev data: ../shared/data not found)\n")

        if "--skip-synthetic" not in args and n_synthetic > 0:
            corpus_dir = os.path.join(tmp, "synthetic")
            synthetic(n_synthetic, corpus_dir)
            for jobs in ((1, 2) if "--synthetic-both" in args else (2,)):
                r = batch(binary, corpus_dir, os.path.join(tmp, "syn-out"), jobs)
                rows.append((f"synthetic, {n_synthetic} pairs, batch end to end", jobs, *r))
            shutil.rmtree(corpus_dir, ignore_errors=True)

        print("| input | jobs | seconds | CPU s | pairs/s | sentences/s | peak RSS |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for label, jobs, wall, rss, cpu, pairs, sentences in rows:
            sps = f"{sentences / wall:,.0f}" if sentences else ""
            print(f"| {label} | {jobs} | {wall:.2f} | {cpu:.2f} | {pairs / wall:,.0f} | {sps} | {rss:.0f} MB |")
        print()

        if "--skip-peers" not in args and cases:
            peers(binary, cases, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def peers(binary, cases, tmp):
    data = []
    ko_chars = en_chars = 0
    for path in cases:
        gold = json.load(open(os.path.join(path, "gold.json"), encoding="utf-8"))
        ko = [l.rstrip("\n") for l in open(os.path.join(path, "ko.sents"), encoding="utf-8")]
        en = [l.rstrip("\n") for l in open(os.path.join(path, "en.sents"), encoding="utf-8")]
        data.append({"ko": ko, "en": en, "pairs": gold["pairs"]})
        ko_chars += sum(len(s.replace(" ", "")) for s in ko)
        en_chars += sum(len(s.replace(" ", "")) for s in en)
    ratio = en_chars / max(ko_chars, 1)
    cases_json = os.path.join(tmp, "cases.json")
    with open(cases_json, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    script = os.path.join(tmp, "peers.py")
    with open(script, "w", encoding="utf-8") as f:
        f.write(PEER_SCRIPT)
    python = peer_env(tmp)
    out = subprocess.run([python, script, os.path.join(SHARED, "tools"), cases_json, str(ratio)],
                         capture_output=True, check=True).stdout.decode("utf-8")
    results = json.loads(out)
    # koalign on the same gold sentences: time of one process over all cases
    # (dictionary load included), F1 with score.py's functions.
    seconds = 0.0
    for name in DEV_SETS:
        d = os.path.join(SHARED, "data", name, "cases")
        if os.path.isdir(d):
            seconds += best(3, lambda: run([binary, "eval", "--segmented", "--cases", d]))[0]
    strict, link = koalign_segmented_f1(binary, cases)
    results = {"koalign (one process, dictionary load included)":
               {"seconds": seconds, "strict_f1": strict, "link_f1": link}, **results}
    print(f"{len(cases)} dev pairs, gold segmentation; Gale-Church c = English/Korean characters = {ratio:.2f} when fitted")
    print()
    print("| aligner | seconds | pairs/s | strict bead F1 | link F1 |")
    print("|---|---:|---:|---:|---:|")
    for name, r in results.items():
        print(f"| {name} | {r['seconds']:.2f} | {len(cases) / r['seconds']:,.0f} | {r['strict_f1']:.3f} | {r['link_f1']:.3f} |")


if __name__ == "__main__":
    main()
