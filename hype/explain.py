"""Why did a classifier score a sentence as it did? Signed per-word and per-cue contributions.

For a linear head, the score of a sentence is the sum of feature value × weight. Stem n-gram
and character n-gram contributions are summed onto the words of the sentence they come from;
cue features (lexicon categories, figures, punctuation) are reported by name with their place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import lexicons
from .features import TOKEN, stem_tokens
from .figures import extract_figures

_CHUNK = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Contribution:
    feature: str          # a word of the sentence, or a cue such as "lex:hyperbole"
    kind: str             # "word" or "cue"
    weight: float         # signed contribution towards the explained class
    start: int | None     # offsets into the explained text (None for cues without a place)
    end: int | None

    def to_dict(self, offset: int = 0) -> dict[str, Any]:
        d = {"feature": self.feature, "kind": self.kind, "weight": round(self.weight, 4)}
        if self.start is not None:
            d["start"], d["end"] = self.start + offset, self.end + offset
        return d


def cue_places(name: str, text: str, lang: str) -> list[tuple[int, int]]:
    if name.startswith("lex:"):
        return [(m.start, m.end) for m in lexicons.find(text, lang, (name[4:],))]
    if name.startswith("fig:"):
        return [(f.start, f.end) for f in extract_figures(text, lang) if f.kind == name[4:]]
    if name.startswith("qual:"):
        return [(f.start, f.end) for f in extract_figures(text, lang)
                if f.qualifier == name[5:] and f.kind not in ("year", "date")]
    char = {"punct:exclamation": "!", "punct:question": "?"}.get(name)
    if char:
        return [(m.start(), m.end()) for m in re.finditer(re.escape(char), text)]
    return []


def _char_ngram_owner(text: str, ngram_range: tuple[int, int]) -> dict[str, set[int]]:
    """char_wb n-gram → indices of the whitespace chunks it occurs in (as sklearn builds them)."""
    lo, hi = ngram_range
    owner: dict[str, set[int]] = {}
    for ci, m in enumerate(_CHUNK.finditer(text.lower())):
        padded = f" {m.group()} "
        for n in range(lo, hi + 1):
            for i in range(len(padded) - n + 1):
                owner.setdefault(padded[i:i + n], set()).add(ci)
            if len(padded) <= n:
                break
    return owner


def explain_vector(text: str, lang: str, x, names: np.ndarray, w: np.ndarray, top_k: int,
                   char_ngram_range: tuple[int, int] = (2, 5)) -> list[Contribution]:
    """Top-k contributions (by absolute value) of one sentence's feature row x under weights w."""
    x = x.tocsr()
    words = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    word_score = np.zeros(len(words))
    chunks = [(m.start(), m.end()) for m in _CHUNK.finditer(text)]
    # each chunk's contribution goes to the longest word inside it
    chunk_word = []
    for a, b in chunks:
        inside = [i for i, (s, e) in enumerate(words) if s >= a and e <= b]
        chunk_word.append(max(inside, key=lambda i: words[i][1] - words[i][0]) if inside else None)
    stems = stem_tokens(text, lang)
    stem_pos: dict[str, list[int]] = {}
    word_of_stem = []
    for k, (_, s0, _) in enumerate(stems):
        word_of_stem.append(next((i for i, (a, b) in enumerate(words) if a <= s0 < b), None))
    char_owner = None
    cues: list[Contribution] = []
    for j, v in zip(x.indices, x.data):
        c = float(v * w[j])
        if abs(c) < 1e-6:
            continue
        family, _, feat = names[j].partition(":")
        if family == "stem":
            gram = feat.split(" ")
            n = len(gram)
            if not stem_pos:
                for i in range(len(stems)):
                    for m in range(1, 4):
                        if i + m <= len(stems):
                            stem_pos.setdefault(" ".join(t for t, _, _ in stems[i:i + m]), []).append(i)
            for i in stem_pos.get(feat, ()):
                for k in range(i, i + n):
                    if word_of_stem[k] is not None:
                        word_score[word_of_stem[k]] += c / n
        elif family == "char":
            if char_owner is None:
                char_owner = _char_ngram_owner(text, char_ngram_range)
            owners = char_owner.get(feat, ())
            for ci in owners:
                if chunk_word[ci] is not None:
                    word_score[chunk_word[ci]] += c / len(owners)
        elif family == "cue":
            places = cue_places(feat, text, lang)
            if not places and not feat.startswith(("style:", "punct:")):
                continue  # an absent lexicon/figure cue: "no hype word here" explains nothing to a reader
            start, end = (min(p[0] for p in places), max(p[1] for p in places)) if places else (None, None)
            cues.append(Contribution(feat, "cue", c, start, end))
    out = [Contribution(text[a:b], "word", float(s), a, b) for (a, b), s in zip(words, word_score) if abs(s) > 1e-6]
    out += cues
    out.sort(key=lambda c: -abs(c.weight))
    return out[:top_k]
