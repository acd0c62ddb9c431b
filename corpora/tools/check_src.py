"""Validate hand-written corpus source files (corpora/src/{de,en}/*.json).

Usage: python corpora/tools/check_src.py FILE_OR_DIR [...]
Prints one line per problem and a short label summary; exit 1 on problems.
The format is documented in corpora/README.md ("Source format").
"""
from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

DOMAINS = {"ai", "chips", "energy", "pharma", "crypto", "auto", "retail", "banking",
           "realestate", "telecom", "aerospace", "sports", "food", "public"}
GENRES = {"press_release", "agency_report", "feature", "commentary", "analyst_note",
          "tabloid", "investor_letter", "social_post"}
CLAIMS = {"fact", "projection", "opinion", "other"}
SENTIMENTS = {"bullish", "neutral", "bearish"}
KINDS = {"hyperbole", "hype_word", "intensifier", "metaphor", "vague_magnitude",
         "promise", "evaluative", "generalisation"}
ID_RE = re.compile(r"^(de|en)-([a-z]+)-(\d{3})$")
EVENT_RE = re.compile(r"^(de|en)-([a-z]+)-e\d{2}$")
PAIR_RE = re.compile(r"^(de|en)-([a-z]+)-p\d{3}$")
DATE_RE = re.compile(r"^20(2[3-6])-\d\d-\d\d$")


def check_file(path: Path, problems: list[str], stats: collections.Counter, pairs: dict) -> None:
    def bad(msg: str) -> None:
        problems.append(f"{path}: {msg}")

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except Exception as exc:  # noqa: BLE001 - report any parse error
        bad(f"not valid JSON: {exc}")
        return
    for key in ("id", "language", "domain", "genre", "outlet", "date", "event", "hype_rating", "paragraphs"):
        if key not in doc:
            bad(f"missing key {key!r}")
            return
    m = ID_RE.match(doc["id"])
    if not m:
        bad(f"id {doc['id']!r} must look like de-ai-001")
    elif path.stem != doc["id"]:
        bad(f"file name {path.name} must be {doc['id']}.json")
    if doc["language"] not in ("de", "en"):
        bad("language must be de or en")
    if m and (m.group(1) != doc["language"] or m.group(2) != doc["domain"]):
        bad("id prefix must match language and domain")
    if doc["domain"] not in DOMAINS:
        bad(f"domain {doc['domain']!r} not in {sorted(DOMAINS)}")
    if doc["genre"] not in GENRES:
        bad(f"genre {doc['genre']!r} not in {sorted(GENRES)}")
    if not DATE_RE.match(str(doc["date"])):
        bad("date must be YYYY-MM-DD between 2023 and 2026")
    if not EVENT_RE.match(str(doc["event"])):
        bad(f"event {doc['event']!r} must look like de-ai-e01")
    if doc["hype_rating"] not in (1, 2, 3, 4, 5):
        bad("hype_rating must be 1..5")
    if doc.get("split", "challenge") not in ("train", "challenge"):
        bad("split, when given, must be 'train' or 'challenge' (the test split is drawn by hype.corpus.assign_splits)")
    paras = doc["paragraphs"]
    if not isinstance(paras, list) or len(paras) < 2:
        bad("paragraphs must be a list: [headline paragraph, body paragraphs...]")
        return
    if len(paras[0]) != 1:
        bad("paragraphs[0] must hold exactly one sentence: the headline")
    n = 0
    for pi, para in enumerate(paras):
        if not isinstance(para, list) or not para:
            bad(f"paragraph {pi} must be a non-empty list of sentences")
            continue
        for si, s in enumerate(para):
            where = f"p{pi}s{si}"
            n += 1
            text = s.get("text", "")
            if not isinstance(text, str) or len(text.strip()) < 3:
                bad(f"{where}: empty text")
                continue
            if text != text.strip() or "\n" in text or "  " in text:
                bad(f"{where}: text must be one line without leading/trailing/double spaces")
            if pi > 0 and not re.search(r"[.!?…:]([\"'“”»«‘’)]*)$", text):
                bad(f"{where}: body sentence must end with . ! ? … or : (optionally followed by a closing quote): {text[-30:]!r}")
            if text.endswith(":") and si != len(para) - 1:
                bad(f"{where}: a sentence ending in ':' must be the last one of its paragraph (start a new paragraph after it)")
            if s.get("rhetoric") not in (0, 1):
                bad(f"{where}: rhetoric must be 0 or 1")
            if s.get("claim") not in CLAIMS:
                bad(f"{where}: claim must be one of {sorted(CLAIMS)}")
            if s.get("sentiment") not in SENTIMENTS:
                bad(f"{where}: sentiment must be one of {sorted(SENTIMENTS)}")
            spans = s.get("spans", [])
            if s.get("rhetoric") == 1 and not spans:
                bad(f"{where}: rhetoric=1 needs at least one span")
            if s.get("rhetoric") == 0 and spans:
                bad(f"{where}: rhetoric=0 must not have spans")
            for sp in spans:
                st, kind = sp.get("text", ""), sp.get("kind")
                if kind not in KINDS:
                    bad(f"{where}: span kind {kind!r} not in {sorted(KINDS)}")
                occ = sp.get("occurrence", 1)
                if text.count(st) < occ or not st:
                    bad(f"{where}: span {st!r} is not in the sentence text (exact substring, occurrence {occ})")
                stats[f"span:{kind}"] += 1
            pair = s.get("pair")
            if pair is not None:
                if not PAIR_RE.match(pair):
                    bad(f"{where}: pair {pair!r} must look like de-ai-p001")
                pairs[pair].append((str(path), doc["id"], doc["event"], s.get("rhetoric")))
            att = s.get("attribution")
            if att is not None and not isinstance(att, str):
                bad(f"{where}: attribution must be a string (speaker) or absent")
            stats[f"rhetoric:{s.get('rhetoric')}"] += 1
            stats[f"claim:{s.get('claim')}"] += 1
            stats[f"sentiment:{s.get('sentiment')}"] += 1
    stats["sentences"] += n
    stats["articles"] += 1
    stats[f"genre:{doc['genre']}"] += 1
    if n < 6:
        bad(f"only {n} sentences; articles need at least 6 (headline included)")


def main(argv: list[str]) -> int:
    files: list[Path] = []
    for arg in argv or ["corpora/src"]:
        p = Path(arg)
        files.extend(sorted(p.rglob("*.json")) if p.is_dir() else [p])
    problems: list[str] = []
    stats: collections.Counter = collections.Counter()
    pairs: dict = collections.defaultdict(list)
    for f in files:
        check_file(f, problems, stats, pairs)
    check_pairs(pairs, problems)
    for p in problems:
        print(p)
    n = stats["sentences"] or 1
    print(f"\n{stats['articles']} articles, {stats['sentences']} sentences, {len(pairs)} pairs, {len(problems)} problems")
    for key in sorted(stats):
        if ":" in key:
            print(f"  {key:28s} {stats[key]:5d}  ({100 * stats[key] / n:.0f}% of sentences)")
    return 1 if problems else 0


def check_pairs(pairs: dict, problems: list[str]) -> None:
    for pid, members in sorted(pairs.items()):
        if len(members) != 2:
            problems.append(f"pair {pid}: must have exactly 2 sentences, found {len(members)}: {[m[1] for m in members]}")
            continue
        (_, a1, e1, r1), (_, a2, e2, r2) = members
        if a1 == a2:
            problems.append(f"pair {pid}: both sentences are in {a1}; they must be in different articles")
        if e1 != e2:
            problems.append(f"pair {pid}: articles {a1} and {a2} must share the same event")
        if {r1, r2} != {0, 1}:
            problems.append(f"pair {pid}: one sentence must be rhetoric=0 (sober) and one rhetoric=1")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
