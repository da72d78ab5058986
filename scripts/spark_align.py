#!/usr/bin/env python3
"""Aligns a corpus with koalign on Apache Spark, through `RDD.pipe`.

  scripts/spark_align.py INPUT -o OUTDIR [--format jsonl|tsv|tmx|xliff]
                         [--koalign PATH] [--master local[2]] [--partitions N]
                         [--min-score X] [--no-lang-check] [--keep-records]

INPUT is what `koalign batch` takes: a directory (NAME.ko.txt + NAME.en.txt,
or NAME/ko.txt + NAME/en.txt) or a JSON Lines manifest ({"id", "ko", "en"},
paths or texts, paths relative to the manifest). OUTDIR gets what
`koalign batch INPUT -o OUTDIR --no-learn` writes: one file per pair,
names.json and summary.json (only the timing and input fields differ).

How it works:
  1. the driver lists the pairs and turns each into one JSON line
     ({"id", "ko": {"path": ...}, "en": {"path": ...}} or the texts);
  2. Spark pipes every partition through `koalign batch -` (the map step: one
     process per partition, pairs aligned in parallel inside it, one result
     line per pair, bad pairs as error records);
  3. the result lines stream back to the driver into OUTDIR/records.jsonl,
     which `koalign batch records.jsonl -o OUTDIR` assembles, without
     aligning again, into the per-pair files, the corpus-wide name report and
     the summary (the reduce step).

Corpus learning (`koalign batch` without --no-learn) needs the whole corpus in
one process, so a distributed run aligns each pair on its own.

On a cluster: run it with spark-submit (or set --master), make the koalign
binary available to executors (`spark-submit --files target/release/koalign`
and `--koalign ./koalign`, or install it on every node), and keep INPUT on a
file system the executors see (paths are read by the executors; manifests
with inline texts need no shared file system).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def discover_dir(path):
    """Pairs of a directory, as `koalign batch` finds them: (id, line)."""
    found = {}
    for name in sorted(os.listdir(path)):
        if name.startswith("."):
            continue
        full = os.path.join(path, name)
        if os.path.isdir(full):
            ko, en = os.path.join(full, "ko.txt"), os.path.join(full, "en.txt")
            if os.path.isfile(ko) or os.path.isfile(en):
                slot = found.setdefault(name, {})
                slot["folder"] = True
                if os.path.isfile(ko):
                    slot["ko"] = ko
                if os.path.isfile(en):
                    slot["en"] = en
        elif name.endswith(".ko.txt"):
            slot = found.setdefault(name[: -len(".ko.txt")], {})
            slot["files"] = True
            slot["ko"] = full
        elif name.endswith(".en.txt"):
            slot = found.setdefault(name[: -len(".en.txt")], {})
            slot["files"] = True
            slot["en"] = full
    for name in sorted(found, key=lambda s: s.encode("utf-8")):
        slot = found[name]
        if slot.get("folder") and slot.get("files"):
            yield {"id": name, "error": f"both {name}/ and {name}.ko.txt/{name}.en.txt exist; keep one layout"}
        elif "ko" in slot and "en" in slot:
            yield {"id": name, "ko": {"path": os.path.abspath(slot["ko"])},
                   "en": {"path": os.path.abspath(slot["en"])}}
        elif "ko" in slot:
            yield {"id": name, "error": f"no English file beside {slot['ko']}"}
        else:
            yield {"id": name, "error": f"no Korean file beside {slot['en']}"}


def manifest_side(value, base):
    """A manifest string is a path when it has no line break and ends in .txt
    or names a file (relative to the manifest), as in `koalign batch`."""
    if isinstance(value, str) and "\n" not in value and "\r" not in value and len(value.encode()) <= 4096:
        path = value if os.path.isabs(value) else os.path.join(base, value)
        if value.endswith(".txt") or os.path.isfile(path):
            return {"path": os.path.abspath(path)}
    if isinstance(value, dict) and isinstance(value.get("path"), str):
        path = value["path"]
        return {"path": os.path.abspath(path if os.path.isabs(path) else os.path.join(base, path))}
    return value


def read_manifest(path):
    """Manifest lines with paths made absolute. Lines koalign would reject
    are passed on unchanged: the map step reports them with their reason."""
    base = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                entry = None
            if not isinstance(entry, dict):
                yield {"id": f"line-{number}", "error": f"line {number}: malformed JSON or not an object"}
                continue
            if entry.get("id") is None:
                entry["id"] = f"line-{number}"
            for side in ("ko", "en"):
                if side in entry:
                    entry[side] = manifest_side(entry[side], base)
            yield entry


def stream_lines(input_path):
    """The JSON lines fed to `koalign batch -`, and the entries that fail
    before alignment (listed by the driver, like koalign does)."""
    entries = discover_dir(input_path) if os.path.isdir(input_path) else read_manifest(input_path)
    lines = []
    for entry in entries:
        if "error" in entry:
            # Passed through as a record the assembler counts as a failure.
            lines.append(("record", json.dumps({"id": entry["id"], "error": entry["error"]}, ensure_ascii=False)))
        else:
            lines.append(("pair", json.dumps(entry, ensure_ascii=False)))
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "tsv", "tmx", "xliff"])
    parser.add_argument("--koalign", default=os.path.join(ROOT, "target", "release", "koalign"))
    parser.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[*])")
    parser.add_argument("--partitions", type=int, default=None)
    parser.add_argument("--min-score", type=float, default=None)
    parser.add_argument("--no-lang-check", action="store_true")
    parser.add_argument("--keep-records", action="store_true", help="keep OUTDIR/records.jsonl")
    args = parser.parse_args()

    from pyspark.sql import SparkSession

    start = time.time()
    builder = SparkSession.builder.appName("koalign")
    if args.master:
        builder = builder.master(args.master)
    elif "spark.master" not in os.environ.get("SPARK_CONF", "") and not os.environ.get("SPARK_ENV_LOADED"):
        builder = builder.master("local[*]")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext

    lines = stream_lines(args.input)
    pairs = [line for kind, line in lines if kind == "pair"]
    failed_early = [line for kind, line in lines if kind == "record"]
    command = [args.koalign, "batch", "-", "--quiet", "--format", args.format]
    if args.min_score is not None:
        command += ["--min-score", str(args.min_score)]
    if args.no_lang_check:
        command.append("--no-lang-check")
    partitions = args.partitions or max(1, min(len(pairs), sc.defaultParallelism * 4))

    os.makedirs(args.output, exist_ok=True)
    records = os.path.join(args.output, "records.jsonl")
    with open(records, "w", encoding="utf-8") as out:
        for line in failed_early:
            out.write(line + "\n")
        if pairs:
            # pipe() runs the command once per partition and feeds it the
            # partition's elements, one per line; partition order is kept.
            result = sc.parallelize(pairs, partitions).pipe(" ".join(map(shlex_quote, command)))
            for line in result.toLocalIterator():
                out.write(line + "\n")
    spark.stop()

    # The reduce step: koalign writes the outputs from the records.
    assemble = [args.koalign, "batch", records, "-o", args.output, "--format", args.format,
                "--no-learn", "--quiet"]
    done = subprocess.run(assemble)
    if not args.keep_records:
        os.remove(records)
    summary_path = os.path.join(args.output, "summary.json")
    if os.path.isfile(summary_path):
        with open(summary_path, encoding="utf-8") as f:
            summary = json.load(f)
        seconds = time.time() - start
        summary["input"] = args.input
        summary["time"]["seconds"] = seconds
        summary["time"]["pairs_per_second"] = summary["pairs"]["aligned"] / seconds if seconds else 0.0
        sentences = summary["sentences"]["ko"] + summary["sentences"]["en"]
        summary["time"]["sentences_per_second"] = sentences / seconds if seconds else 0.0
        tmp = summary_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=2, ensure_ascii=False)
            f.write("\n")
        os.replace(tmp, summary_path)
        print(f"spark_align: {summary['pairs']['aligned']} pairs aligned, {summary['pairs']['failed']} failed, "
              f"{seconds:.1f} s; outputs in {args.output}", file=sys.stderr)
    sys.exit(done.returncode)


def shlex_quote(s):
    import shlex
    return shlex.quote(s)


if __name__ == "__main__":
    main()
