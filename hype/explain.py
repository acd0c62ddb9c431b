"""Why did a classifier score a sentence as it did? Signed per-word and per-cue contributions.

For a linear head, the score of a sentence is the sum of feature value × weight. Stem n-gram
and character n-gram contributions are summed onto the words of the sentence they come from;
cue features (lexicon categories, figures, punctuation) are reported by name with their place.
"""
from __future__ import annotations

import bisect
import re
import weakref
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


class _SentenceCues:
    """Lexicon matches and figures of one sentence, computed once for all cue features."""

    def __init__(self, text: str, lang: str):
        self.text, self.lang = text, lang
        self._lex = self._figs = None

    def places(self, name: str) -> list[tuple[int, int]]:
        if name.startswith("lex:"):
            if self._lex is None:
                self._lex = lexicons.find(self.text, self.lang)
            return [(m.start, m.end) for m in self._lex if m.category == name[4:]]
        if name.startswith(("fig:", "qual:")):
            if self._figs is None:
                self._figs = extract_figures(self.text, self.lang)
            if name.startswith("fig:"):
                return [(f.start, f.end) for f in self._figs if f.kind == name[4:]]
            return [(f.start, f.end) for f in self._figs if f.qualifier == name[5:] and f.kind not in ("year", "date")]
        char = {"punct:exclamation": "!", "punct:question": "?"}.get(name)
        if char:
            return [(m.start(), m.end()) for m in re.finditer(re.escape(char), self.text)]
        return []


STEM, CHAR, CUE, OTHER = 0, 1, 2, 3
_FAMILY = {"stem": STEM, "char": CHAR, "cue": CUE}
_META: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class FeatureMeta:
    """Per fitted featurizer: family and n-gram of every column, computed once (building the
    names of ~60,000 columns costs more than explaining a whole article)."""
    family: np.ndarray        # int8 per column
    grams: list[str]          # the n-gram / cue name per column
    char_part: Any            # the fitted CharNgrams (for its per-word column cache), or None
    char_offset: int          # first column of the char block


def feature_meta(featurizer) -> FeatureMeta:
    meta = _META.get(featurizer)
    if meta is None:
        names = [n.split("__", 1)[1] if "__" in n else n for n in featurizer.get_feature_names_out()]
        family = np.array([_FAMILY.get(n.partition(":")[0], OTHER) for n in names], dtype=np.int8)
        grams = [n.partition(":")[2] for n in names]
        parts = dict(featurizer.transformer_list)
        char_cols = np.flatnonzero(family == CHAR)
        meta = FeatureMeta(family, grams, parts.get("char"), int(char_cols[0]) if len(char_cols) else -1)
        _META[featurizer] = meta
    return meta


class SentenceExplainer:
    """The structural part of an explanation, computed once per sentence and shared by all tasks:
    a matrix that maps the sentence's non-zero features onto its words, and the places of its cues.
    Per task only a weighted sum remains."""

    def __init__(self, text: str, lang: str, x, meta: FeatureMeta):
        x = x.tocsr()
        self.text, self.meta = text, meta
        self.idx, self.vals = x.indices, x.data
        fam = meta.family[self.idx]
        self.words = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
        A = np.zeros((len(self.words), len(self.idx)))
        starts = [a for a, _ in self.words]

        def word_at(pos: int):
            i = bisect.bisect_right(starts, pos) - 1
            return i if i >= 0 and pos < self.words[i][1] else None

        stem_p = np.flatnonzero(fam == STEM)
        if len(stem_p):
            stems = stem_tokens(text, lang)
            positions: dict[str, list[int]] = {}
            for i in range(len(stems)):
                for n in (1, 2, 3):
                    if i + n <= len(stems):
                        positions.setdefault(" ".join(t for t, _, _ in stems[i:i + n]), []).append(i)
            for p in stem_p:
                gram = meta.grams[self.idx[p]]
                occ = positions.get(gram, ())
                n = gram.count(" ") + 1
                for i in occ:
                    for k in range(i, i + n):
                        wi = word_at(stems[k][1])
                        if wi is not None:
                            A[wi, p] += 1.0 / (n * len(occ))
        char_p = np.flatnonzero(fam == CHAR)
        if len(char_p) and meta.char_part is not None:
            # vectorised: every (chunk, n-gram column) occurrence adds 1/owners to its chunk's longest word
            sent_cols = self.idx[char_p] - meta.char_offset
            order = np.argsort(sent_cols)
            sorted_cols, sorted_p = sent_cols[order], char_p[order]
            chunk_word, occ_chunk, occ_col = [], [], []
            for ci, m in enumerate(_CHUNK.finditer(text)):
                a, b = m.start(), m.end()
                inside = [i for i in range(bisect.bisect_left(starts, a), len(self.words)) if self.words[i][1] <= b]
                chunk_word.append(max(inside, key=lambda i: self.words[i][1] - self.words[i][0]) if inside else -1)
                cols = meta.char_part.word_columns(m.group().lower())
                occ_chunk.extend([ci] * len(cols))
                occ_col.extend(cols)
            if occ_col:
                occ_col = np.asarray(occ_col)
                occ_chunk = np.asarray(occ_chunk)
                at = np.searchsorted(sorted_cols, occ_col)
                at[at >= len(sorted_cols)] = 0
                found = sorted_cols[at] == occ_col
                p = sorted_p[at[found]]
                w_of = np.asarray(chunk_word)[occ_chunk[found]]
                owners = np.bincount(p, minlength=len(self.idx)).astype(float)
                ok = w_of >= 0
                np.add.at(A, (w_of[ok], p[ok]), 1.0 / owners[p[ok]])
        self.A = A
        cues = _SentenceCues(text, lang)
        self.cues = []
        for p in np.flatnonzero(fam == CUE):
            feat = meta.grams[self.idx[p]]
            places = cues.places(feat)
            if not places and not feat.startswith(("style:", "punct:")):
                continue  # an absent lexicon/figure cue: "no hype word here" explains nothing to a reader
            span = (min(q[0] for q in places), max(q[1] for q in places)) if places else (None, None)
            self.cues.append((p, feat, span))

    def explain(self, w: np.ndarray, top_k: int) -> list[Contribution]:
        contrib = self.vals * w[self.idx]
        word_score = self.A @ contrib
        out = [Contribution(self.text[a:b], "word", float(sc), a, b)
               for (a, b), sc in zip(self.words, word_score) if abs(sc) > 1e-6]
        out += [Contribution(feat, "cue", float(contrib[p]), s, e) for p, feat, (s, e) in self.cues
                if abs(contrib[p]) > 1e-6]
        out.sort(key=lambda c: -abs(c.weight))
        return out[:top_k]


def explain_vector(text: str, lang: str, x, meta: FeatureMeta, w: np.ndarray, top_k: int) -> list[Contribution]:
    """Top-k contributions (by absolute value) of one sentence's feature row x under weights w."""
    return SentenceExplainer(text, lang, x, meta).explain(w, top_k)


def _counts(cols: tuple[int, ...]) -> dict[int, int]:
    # an n-gram that occurs twice in one word counts twice in the tf: keep its share proportional
    out: dict[int, int] = {}
    for c in cols:
        out[c] = out.get(c, 0) + 1
    return out
