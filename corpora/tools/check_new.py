"""Check new source articles against the rest of the corpus before building it.

Usage: python corpora/tools/check_new.py corpora/src/de/de-ai-101.json [...]

Runs check_src.py's validation on the given files, then the checks tests/test_corpus.py makes on the whole
corpus, for the given files only: the sentence splitter must find every gold sentence, the article must be
detected as its language, and no sentence may duplicate, nearly duplicate (character 5-gram Jaccard >= 0.8)
or share a skeleton (one token changed, numbers and names masked) with more than three sentences anywhere in
the corpus. Does not write anything (concurrent writers may run it). Exit 1 on problems.
"""
from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import check_src  # noqa: E402

from hype.corpus import build_article, normalise_sentence, read_sources, skeleton_groups  # noqa: E402
from hype.text import detect_language, read_text  # noqa: E402

def _grams(text: str) -> set[str]:
    t = normalise_sentence(text)
    return {t[i:i + 5] for i in range(len(t) - 4)}


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv]
    problems: list[str] = []
    stats: collections.Counter = collections.Counter()
    pairs: dict = collections.defaultdict(list)
    for p in paths:
        check_src.check_file(p, problems, stats, pairs)
    sources = read_sources(HERE.parent)
    given = set()
    for p in paths:
        try:
            given.add(json.loads(p.read_text(encoding="utf-8"))["id"])
        except (ValueError, KeyError, OSError):
            pass  # check_file has reported it
    # pair partners may sit in files not given (or an id may already be taken): check the pairs that touch a
    # given file against the whole corpus
    for doc in sources:
        if doc["id"] in given:
            continue
        for para in doc["paragraphs"]:
            for sent in para:
                if sent.get("pair") in pairs:
                    pairs[sent["pair"]].append((doc["id"], doc["id"], doc["event"], sent.get("rhetoric")))
    check_src.check_pairs({k: v for k, v in pairs.items() if any(m[1] in given for m in v)}, problems)
    new_ids = set()
    new_sents: list[tuple[str, str]] = []
    for p in paths:
        try:
            src = json.loads(p.read_text(encoding="utf-8"))
            b = build_article(src)
        except Exception as exc:  # noqa: BLE001
            problems.append(f"{p}: cannot build: {exc}")
            continue
        new_ids.add(src["id"])
        lang = src["language"]
        if detect_language(b.body) != lang:
            problems.append(f"{p}: detected language is {detect_language(b.body)}, not {lang}")
        found = {(s.start, s.end) for s in read_text(b.body, lang=lang).sentences}
        for r in b.rows:
            if (r["start"], r["end"]) not in found:
                problems.append(f"{p}: the splitter does not find this gold sentence (check abbreviations, quotes, colons): {r['text']!r}")
            new_sents.append((src["id"], r["text"]))
    others = [(s["id"], sent["text"]) for s in sources if s["id"] not in new_ids
              for para in s["paragraphs"] for sent in para]
    everything = others + new_sents
    norm = collections.defaultdict(list)
    for aid, t in everything:
        norm[normalise_sentence(t)].append(aid)
    grams_all = [(aid, t, _grams(t)) for aid, t in everything]
    for aid, t in new_sents:
        if len(norm[normalise_sentence(t)]) > 1:
            problems.append(f"{aid}: duplicate sentence {t!r}")
        g = _grams(t)
        for aid2, t2, g2 in grams_all:
            if t2 == t:
                continue
            if g and g2 and len(g & g2) / len(g | g2) >= 0.8:
                problems.append(f"{aid}: near-duplicate of {aid2}: {t!r} ~ {t2!r}")
    first_new = len(others)
    for members in skeleton_groups([t for _, t in everything]).values():
        if len(members) > 3 and max(members) >= first_new:
            problems.append("over-frequent sentence skeleton (rewrite one): "
                            + " | ".join(everything[i][1] for i in sorted(members)[:4]))
    for line in dict.fromkeys(problems):
        print(line)
    print(f"{len(paths)} files, {len(new_sents)} sentences, {len(set(problems))} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
