#!/usr/bin/env python3
"""Alignment speed and peak memory of the release binary.

Measures, each in a fresh process (so peak memory includes loading the
dictionary):
  * one article (the seed pair in corpus/), own segmentation;
  * every case of each dev set in ../shared/data (when present), --segmented;
  * a synthetic 10,000-sentence pair made by concatenating the corpus articles;
  * a 20 MB single-line Korean file against 1 MB of English (the worst case
    for memory: a band of bounded width over 130,000 sentences).

Usage: scripts/bench_align.py [--bin target/release/koalign] [--repeat N]
Prints a Markdown table: sentences, seconds, sentences/s, peak RSS (the
running maximum over the child processes so far, so rows are ordered from the
smallest input to the largest).
"""
import os, resource, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before)


def count(path):
    with open(path, encoding="utf-8") as f:
        return sum(1 for line in f if line.strip())


def synthetic(target, outdir):
    corpus = os.path.join(ROOT, "corpus")
    dirs = sorted(d for d in os.listdir(corpus) if os.path.isfile(os.path.join(corpus, d, "gold.json")))
    ko, en, n = [], [], 0
    while n < target:
        for d in dirs:
            ko.append(open(os.path.join(corpus, d, "ko.txt"), encoding="utf-8").read().strip())
            en.append(open(os.path.join(corpus, d, "en.txt"), encoding="utf-8").read().strip())
            n += count(os.path.join(corpus, d, "ko.sents")) + count(os.path.join(corpus, d, "en.sents"))
    paths = (os.path.join(outdir, "ko.txt"), os.path.join(outdir, "en.txt"))
    for path, parts in zip(paths, (ko, en)):
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n\n".join(parts) + "\n")
    return paths, n


def main():
    args = sys.argv[1:]
    binary = args[args.index("--bin") + 1] if "--bin" in args else os.path.join(ROOT, "target/release/koalign")
    repeat = int(args[args.index("--repeat") + 1]) if "--repeat" in args else 1
    rows = []
    seed = os.path.join(ROOT, "corpus", "gwangju-hangzhou-ai")
    n = count(os.path.join(seed, "ko.sents")) + count(os.path.join(seed, "en.sents"))
    best = min(run([binary, "align", "--format", "jsonl", os.path.join(seed, "ko.txt"), os.path.join(seed, "en.txt")])[0] for _ in range(repeat))
    rows.append(("one article (seed pair, own segmentation)", n, best, run([binary, "align", "--format", "jsonl", os.path.join(seed, "ko.txt"), os.path.join(seed, "en.txt")])[1]))
    shared = os.path.join(ROOT, "..", "shared", "data")
    for name in ("ntrex128-koen-dev", "flores200-devtest-koen"):
        cases = os.path.join(shared, name, "cases")
        if not os.path.isdir(cases):
            print(f"(skipped {name}: ../shared/data not found)", file=sys.stderr)
            continue
        n = sum(count(os.path.join(cases, c, f)) for c in os.listdir(cases)
                if os.path.isfile(os.path.join(cases, c, "gold.json")) for f in ("ko.sents", "en.sents"))
        elapsed, peak = run([binary, "eval", "--segmented", "--cases", cases])
        rows.append((f"dev set {name} (--segmented, one process)", n, elapsed, peak))
    with tempfile.TemporaryDirectory() as tmp:
        (ko, en), n = synthetic(10_000, tmp)
        elapsed, peak = run([binary, "align", "--format", "jsonl", "--force", "-o", os.path.join(tmp, "out.jsonl"), ko, en])
        rows.append(("synthetic pair, 10,000+ sentences", n, elapsed, peak))
        ko_sents = [l.strip() for l in open(os.path.join(ROOT, "corpus", "gwangju-hangzhou-ai", "ko.sents"), encoding="utf-8") if l.strip()]
        en_sents = [l.strip() for l in open(os.path.join(ROOT, "corpus", "gwangju-hangzhou-ai", "en.sents"), encoding="utf-8") if l.strip()]
        big_ko, big_en = os.path.join(tmp, "big-ko.txt"), os.path.join(tmp, "big-en.txt")
        parts, size, k = [], 0, 0
        while size < 20_000_000:
            s = ko_sents[k % len(ko_sents)]
            parts.append(s)
            size += len(s.encode("utf-8")) + 1
            k += 1
        with open(big_ko, "w", encoding="utf-8") as f:
            f.write(" ".join(parts))
        parts, size, e = [], 0, 0
        while size < 1_000_000:
            s = en_sents[e % len(en_sents)]
            parts.append(s)
            size += len(s) + 1
            e += 1
        with open(big_en, "w", encoding="utf-8") as f:
            f.write(" ".join(parts))
        elapsed, peak = run([binary, "align", "--format", "jsonl", "--force", "-o", os.path.join(tmp, "big.jsonl"), big_ko, big_en])
        rows.append(("20 MB single-line Korean vs 1 MB English", k + e, elapsed, peak))
    print("| input | sentences | seconds | sentences/s | peak RSS |")
    print("|---|---:|---:|---:|---:|")
    for label, n, secs, kb in rows:
        print(f"| {label} | {n} | {secs:.2f} | {n / secs:,.0f} | {kb / 1024:.0f} MB |")


if __name__ == "__main__":
    main()
