"""Trim span texts to the span rules of corpora/guidelines.md §5.2 (mechanical part).

Usage: python corpora/tools/trim_spans.py [--write] [--log FILE] [SRC_DIR]

At the edges of every span it removes, repeatedly:
  - leading articles/determiners: ein, eine, einen, einem, einer, eines, der, die, das, den, dem, des,
    the, a, an (only as whole words, any case);
  - leading and trailing figures: numbers with their scale words, units and currency symbols
    ("31,4 Millionen Euro", "$420 million", "52%", "5 bis 10 Millionen");
  - quote marks and trailing sentence punctuation (. , ; : ?) and a single trailing "!"
    ("!!!" is a cue and stays); a span opening with a quote mark ends at the closing one;
  - a figure between a single cue word and its head noun: "a whopping £48 million fine" -> "whopping".
Guards: German/English determiner lists per file language; a determiner followed by a verb is a
pronoun and stays ("Eines ist klar"); capitalised shouting stays ("DER Tag", "14 MILLION");
bare integers at the end are names or years and stay ("Chapter 11"); idioms with figures stay.
Other figures inside a span (inside an image or clause) are left alone and reported as NOTE.
A span is never trimmed to nothing or to a bare punctuation/figure string; such cases are reported.
The trimmed text is still an exact substring of the sentence; "occurrence" is recomputed.
Without --write it only prints what it would change.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DETERMINERS = {"de": {"ein", "eine", "einen", "einem", "einer", "eines", "der", "die", "das", "den", "dem", "des"},
               "en": {"the", "a", "an"}}
# A determiner-like word followed by one of these is a pronoun ("Eines ist klar", "das hier ist"),
# not an article: it is left alone.
PRONOUN_NEXT = {"ist", "war", "sind", "waren", "wird", "wurde", "werden", "hat", "hatte", "haben", "kann",
                "muss", "soll", "will", "darf", "hier", "is", "was", "are", "were", "has", "had"}
# Function words that hang at the edge once a figure next to them is removed ("crashed to 81%").
FIGURE_LEFTOVERS = {"um", "auf", "von", "bis", "zu", "mehr", "als", "rund", "etwa", "fast", "knapp", "über",
                    "unter", "by", "to", "of", "at", "up", "nearly", "about", "almost", "around", "more",
                    "than", "from"}
# Scale words, units and currencies that belong to a figure (compared case-sensitively for
# all-caps words: "MILLION" written in capitals is a shouting cue, not part of a figure).
FIGURE_WORDS = {
    "tausend", "million", "millionen", "mio", "mio.", "milliarde", "milliarden", "mrd", "mrd.", "billion",
    "billionen", "billions", "millions", "thousand", "bn", "m", "k", "trillion",
    "euro", "dollar", "cent", "pence", "p", "pfund", "franken", "usd", "eur", "gbp",
    "prozent", "prozentpunkte", "percent", "per", "cent", "%", "pp", "basispunkte",
    "megawatt", "gigawatt", "kilowatt", "mw", "gw", "kw", "gwh", "mwh", "kwh", "tonnen", "tons",
    "megabit", "gigabit", "kilometer", "km", "meter", "sekunde", "sekunden", "pro", "je",
    "bis", "to", "und", "and", "or", "oder",
}
CONNECTORS = {"bis", "to", "und", "and", "or", "oder", "pro", "per", "je"}
QUOTES = "\"'„“”‚‘’«»"
NUM = re.compile(r"^[$€£]?[+-]?\d[\d.,]*(%|[a-zA-Z]{0,3})?$")


def _is_figure_token(tok: str) -> bool:
    t = tok.strip(QUOTES)
    if NUM.match(t) or t in ("$", "€", "£", "%"):
        return True
    if t.isupper() and len(t) > 2:          # MILLION, WEEKS: caps shouting, a cue
        return False
    return t.lower() in FIGURE_WORDS


def _strip_figure_run(tokens: list[str], from_end: bool) -> list[str]:
    """Remove a run of figure tokens at one edge if it contains at least one digit.

    At the end of a span a bare integer ("Chapter 11", "frozen in 1995") is part of a name or an
    image and stays; only amounts with a unit, currency, percent sign, scale word or separator go.
    """
    seq = list(reversed(tokens)) if from_end else list(tokens)
    n = 0
    while n < len(seq) and _is_figure_token(seq[n]):
        n += 1
    run = seq[:n]
    if not run or not any(any(ch.isdigit() for ch in t) for t in run):
        return tokens
    if from_end and all(re.fullmatch(r"\d+", t.strip(QUOTES)) or t.lower() in CONNECTORS for t in run):
        return tokens
    # a run may not start/end on a bare connector that belongs to the cue side
    while run and run[-1].lower() in CONNECTORS:
        run.pop()
        n -= 1
    rest = seq[n:]
    if from_end:
        while len(rest) > 1 and rest[0].lower() in FIGURE_LEFTOVERS:
            rest = rest[1:]
    if not rest:
        return tokens
    return list(reversed(rest)) if from_end else rest


def trim(text: str, lang: str) -> str:
    prev = None
    t = text
    # a span that opens with a quote mark ends at the matching closing quote
    # ("“enormous” room" -> "enormous"): spans do not cross quote marks (§5.2)
    m = re.match(r"^[„“\"‚‘«»]([^“”\"‘’«»]+)[“”\"‘’«»]\s", t)
    if m:
        t = m.group(1)
    while t != prev:
        prev = t
        # punctuation / quotes at the edges (keep "!!" runs)
        t = t.strip()
        t = t.strip(QUOTES + " ")
        while t and t[-1] in ".,;:?" :
            t = t[:-1].rstrip()
        if t.endswith("!") and not t.endswith("!!"):
            t = t[:-1].rstrip()
        t = t.strip(QUOTES + " ")
        tokens = t.split(" ")
        if (len(tokens) > 1 and tokens[0].lower() in DETERMINERS[lang]
                and not (tokens[0].isupper() and len(tokens[0]) > 1)      # "DER Tag": caps shouting
                and tokens[1].lower().strip(",") not in PRONOUN_NEXT):
            tokens = tokens[1:]
        if " ".join(tokens) in FIGURE_IDIOMS:
            t = " ".join(tokens)
            break
        if len(tokens) > 1:
            tokens = _strip_figure_run(tokens, from_end=False)
            tokens = _strip_figure_run(tokens, from_end=True)
        t = " ".join(tokens)
        t = cut_inner_figure(t)
    return t


FRAMINGS = ("sage und schreibe", "nicht weniger als", "no less than", "no fewer than")
# Idioms whose figure is part of the image; only the edge article is removed.
FIGURE_IDIOMS = ("$60 million question", "$64,000 question", "64.000-Euro-Frage")


def cut_inner_figure(text: str) -> str:
    """'whopping £48 million fine' -> 'whopping': a cue word directly in front of an amount.

    Applies only to the pattern  CUE FIGURE HEAD  where CUE is a single word (or a fixed framing
    such as "sage und schreibe"), FIGURE is a run of stand-alone numbers with scale words, units
    or currency, and HEAD is one to three words without digits or capitals shouting. The figure
    and the neutral head noun leave the span, as in guidelines §5.2 ("Satte 2,4 Milliarden Euro
    pumpt ..." -> "Satte"). Technical compounds such as "800-Volt-Plattform" are not figures.
    """
    tokens = text.split(" ")
    prefix_len = 1
    for fr in FRAMINGS:
        if text.lower().startswith(fr + " "):
            prefix_len = len(fr.split(" "))
    prefix = tokens[:prefix_len]
    rest = tokens[prefix_len:]
    n = 0
    while n < len(rest) and _is_figure_token(rest[n]):
        n += 1
    run, head = rest[:n], rest[n:]
    if not run or not any(any(ch.isdigit() for ch in t) for t in run) or not 1 <= len(head) <= 3:
        return text
    if any(any(ch.isdigit() for ch in t) or (t.isupper() and len(t) > 1) for t in head):
        return text
    p = " ".join(prefix)
    if any(ch.isdigit() for ch in p) or p.endswith(("'s", "’s")) or p.lower() in DETERMINERS["de"] | DETERMINERS["en"]:
        return text
    return p


def interior_figure(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def occurrence_of(sentence: str, span: str, old: str, old_occ: int) -> int:
    """Occurrence index of the trimmed span that lies inside the old span occurrence."""
    at = -1
    for _ in range(old_occ):
        at = sentence.find(old, at + 1)
    start_old = at
    k, pos = 0, -1
    while True:
        pos = sentence.find(span, pos + 1)
        if pos < 0:
            raise ValueError((sentence, span))
        k += 1
        if start_old <= pos <= start_old + len(old) - len(span):
            return k


def detect_format(raw: str, doc) -> tuple:
    """(indent, ensure_ascii) that reproduces the file byte for byte, so rewrites keep diffs minimal."""
    for indent in (2, 1, 4):
        for ascii_ in (False, True):
            if json.dumps(doc, ensure_ascii=ascii_, indent=indent) + "\n" == raw:
                return indent, ascii_
    return 2, False


def dump(doc, fmt: tuple) -> str:
    return json.dumps(doc, ensure_ascii=fmt[1], indent=fmt[0]) + "\n"


def main(argv: list[str]) -> int:
    write = "--write" in argv
    log = None
    if "--log" in argv:
        log = Path(argv[argv.index("--log") + 1])
    args = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or argv[i - 1] != "--log")]
    root = Path(args[0]) if args else Path("corpora/src")
    changes, notes = [], []
    for path in sorted(root.rglob("*.json")):
        raw = path.read_text(encoding="utf-8")
        doc = json.loads(raw)
        fmt = detect_format(raw, doc)
        idx = 0
        dirty = False
        for para in doc["paragraphs"]:
            for sent in para:
                for sp in sent.get("spans", []):
                    old, occ = sp["text"], sp.get("occurrence", 1)
                    new = trim(old, doc["language"])
                    if not new or not re.search(r"\w|[!🚀🔥💥🤯🌕💎🙌]", new):
                        notes.append((doc["id"], idx, old, "would become empty; left alone"))
                        continue
                    if new != old:
                        new_occ = occurrence_of(sent["text"], new, old, occ)
                        changes.append({"article_id": doc["id"], "sentence_index": idx, "field": "span",
                                        "old": old, "new": new, "rule": "span_trim_5.2"})
                        sp["text"] = new
                        if new_occ > 1:
                            sp["occurrence"] = new_occ
                        else:
                            sp.pop("occurrence", None)
                        dirty = True
                    if interior_figure(sp["text"]):
                        notes.append((doc["id"], idx, sp["text"], "figure inside span"))
                idx += 1
        if dirty and write:
            path.write_text(dump(doc, fmt), encoding="utf-8")
    for c in changes:
        print(f"{c['article_id']}#{c['sentence_index']}: {c['old']!r} -> {c['new']!r}")
    for n in notes:
        print(f"NOTE {n[0]}#{n[1]}: {n[2]!r}: {n[3]}")
    print(f"{len(changes)} spans trimmed, {len(notes)} notes")
    if log and write:
        with log.open("a", encoding="utf-8") as fh:
            for c in changes:
                fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
