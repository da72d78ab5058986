#!/usr/bin/env python3
"""Checks the team-written corpus (see corpus/README.md): gold segments occur verbatim,
in order and without gaps in the text, never cross a line break; beads cover every
segment exactly once and are monotonic; entity forms occur in the texts.

Usage: check_corpus.py CORPUS_DIR   (exit 0 when every pair is consistent)
"""
import json
import os
import sys


def check_segments(text, sents, label, errors):
    pos = 0
    for i, s in enumerate(sents):
        if not s.strip() or s != s.strip():
            errors.append(f"{label}: segment {i} is empty or has surrounding spaces")
            continue
        if "\n" in s:
            errors.append(f"{label}: segment {i} contains a line break")
        found = text.find(s, pos)
        if found < 0:
            errors.append(f"{label}: segment {i} not found (in order) in the text: {s[:60]!r}")
            continue
        gap = text[pos:found]
        if gap.strip():
            errors.append(f"{label}: text not covered before segment {i}: {gap.strip()[:60]!r}")
        pos = found + len(s)
    if text[pos:].strip():
        errors.append(f"{label}: text not covered at the end: {text[pos:].strip()[:60]!r}")


def check_pair(d, errors):
    name = os.path.basename(d.rstrip("/"))
    texts, sents = {}, {}
    for lang in ("ko", "en"):
        with open(os.path.join(d, f"{lang}.txt"), encoding="utf-8") as f:
            texts[lang] = f.read()
        with open(os.path.join(d, f"{lang}.sents"), encoding="utf-8") as f:
            sents[lang] = [l.rstrip("\n") for l in f if l.strip()]
        check_segments(texts[lang], sents[lang], f"{name}/{lang}", errors)
    with open(os.path.join(d, "gold.json"), encoding="utf-8") as f:
        gold = json.load(f)
    for lang in ("ko", "en"):
        if gold.get(lang) != sents[lang]:
            errors.append(f"{name}: gold.json {lang} differs from {lang}.sents")
    nxt = {"ko": 0, "en": 0}
    for b, (ks, es) in enumerate(gold["pairs"]):
        if not ks and not es:
            errors.append(f"{name}: bead {b} is empty")
        for lang, idx in (("ko", ks), ("en", es)):
            for i in idx:
                if i != nxt[lang]:
                    errors.append(f"{name}: bead {b}: {lang} index {i}, expected {nxt[lang]}")
                nxt[lang] = i + 1
    for lang in ("ko", "en"):
        if nxt[lang] != len(sents[lang]):
            errors.append(f"{name}: beads cover {nxt[lang]} of {len(sents[lang])} {lang} segments")
    ent_path = os.path.join(d, "entities.json")
    if os.path.exists(ent_path):
        with open(ent_path, encoding="utf-8") as f:
            ents = json.load(f)
        for e in ents.get("entities", []):
            if e.get("type") not in ("person", "location", "organization", "event", "other"):
                errors.append(f"{name}: entity {e.get('ko')} has bad type {e.get('type')}")
            for k in e.get("ko", []):
                if k not in texts["ko"]:
                    errors.append(f"{name}: entity ko form {k!r} not in ko.txt")
            for form in e.get("en", []) + e.get("short", []):
                if form not in texts["en"]:
                    errors.append(f"{name}: entity en form {form!r} not in en.txt")
            if e.get("variant") and len(e.get("en", [])) < 2:
                errors.append(f"{name}: entity {e.get('ko')} is a variant with fewer than 2 forms")
        for n in ents.get("numbers", []):
            if n["ko"] not in texts["ko"] or n["en"] not in texts["en"]:
                errors.append(f"{name}: number {n} not found in the texts")
    counts = {}
    for ks, es in gold["pairs"]:
        t = f"{len(ks)}-{len(es)}"
        counts[t] = counts.get(t, 0) + 1
    return name, len(sents["ko"]), len(sents["en"]), counts


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "corpus"
    errors = []
    for name in sorted(os.listdir(root)):
        d = os.path.join(root, name)
        if os.path.isfile(os.path.join(d, "gold.json")):
            name, nk, ne, counts = check_pair(d, errors)
            print(f"{name}: ko {nk}, en {ne}, beads {dict(sorted(counts.items()))}")
    for e in errors:
        print("ERROR", e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
