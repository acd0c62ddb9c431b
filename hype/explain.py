"""Why did a classifier score a sentence as it did? Signed per-word and per-cue contributions.

For a linear head, the score of a sentence is the sum of feature value × weight. Stem n-gram
and character n-gram contributions are summed onto the words of the sentence they come from;
cue features (lexicon categories, figures, punctuation) are reported by name with their place.
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import lexicons
from .features import TOKEN, stem_tokens
from .figures import sentence_figures

_CHUNK = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Contribution:
    feature: str          # a word of the sentence, or a cue such as "lex:hyperbole"
    kind: str             # "word" or "cue"
    weight: float         # signed contribution towards the explained class
    start: int | None     # offsets into the explained text (None for cues without a place)
    end: int | None
    places: tuple[tuple[int, int], ...] | None = None   # every occurrence, when a cue occurs more than once

    def to_dict(self, offset: int = 0) -> dict[str, Any]:
        d = {"feature": self.feature, "kind": self.kind, "weight": round(self.weight, 4)}
        if self.start is not None:
            d["start"], d["end"] = self.start + offset, self.end + offset
        if self.places:
            d["places"] = [[a + offset, b + offset] for a, b in self.places]
        return d


def cue_places(text: str, lang: str) -> dict[str, list[tuple[int, int]]]:
    """Where every cue present in the sentence occurs, keyed by cue feature name (lexicon categories, figure
    kinds and qualifiers, exclamation and question marks): (start, end) of each occurrence, in order."""
    groups: dict[str, list[tuple[int, int]]] = {}
    for m in lexicons.find(text, lang):
        places = groups.setdefault("lex:" + m.category, [])
        if lexicons.GAP in m.term:  # a separable verb: its two parts, not the words between them
            parts = m.text.split()
            places += [(m.start, m.start + len(parts[0])), (m.end - len(parts[-1]), m.end)]
        else:
            places.append((m.start, m.end))
    # direction cues (features.cue_vector): the places of both parts of each pair present
    for name, pairs in lexicons.DIRECTIONS.items():
        where = [p for a, b in pairs if f"lex:{a}" in groups and f"lex:{b}" in groups
                 for p in groups[f"lex:{a}"] + groups[f"lex:{b}"]]
        if where:
            groups[name] = where
    for f in sentence_figures(text, lang):
        groups.setdefault("fig:" + f.kind, []).append((f.start, f.end))
        if f.kind not in ("year", "date"):
            groups.setdefault("qual:" + f.qualifier, []).append((f.start, f.end))
    for name, char in (("punct:exclamation", "!"), ("punct:question", "?")):
        at = [i for i, ch in enumerate(text) if ch == char] if char in text else []
        if at:
            groups[name] = [(i, i + 1) for i in at]
    return {k: sorted(v) for k, v in groups.items()}


_CHUNKS: dict[str, tuple[int, int]] = {}


def _chunk_words(chunk: str) -> tuple[int, int]:
    """(number of words in a whitespace-free chunk, index of its longest word or -1), cached per chunk.
    Words never cross whitespace, so a sentence's words are its chunks' words in order."""
    got = _CHUNKS.get(chunk)
    if got is None:
        lengths = [m.end() - m.start() for m in TOKEN.finditer(chunk)]
        got = (len(lengths), lengths.index(max(lengths)) if lengths else -1)
        if len(_CHUNKS) < 200_000:
            _CHUNKS[chunk] = got
    return got


STEM, CHAR, CUE, OTHER = 0, 1, 2, 3
_FAMILY = {"stem": STEM, "char": CHAR, "cue": CUE, "base": CUE}   # base: the packaged model's opinion
_META: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class FeatureMeta:
    """Per fitted featurizer: family and n-gram of every column, computed once (building the
    names of ~60,000 columns costs more than explaining a whole article)."""
    family: np.ndarray        # int8 per column
    grams: list[str]          # the n-gram / cue name per column
    char_part: Any            # the fitted CharNgrams (for its per-word column cache), or None
    char_offset: int          # first column of the char block
    stem_vocab: dict          # stem n-gram -> column
    stem_max_n: int           # longest stem n-gram the model knows
    cue_info: list            # (column, cue name) of the cue block


def feature_meta(featurizer) -> FeatureMeta:
    meta = _META.get(featurizer)
    if meta is None:
        names = [n.split("__", 1)[1] if "__" in n else n for n in featurizer.get_feature_names_out()]
        family = np.array([_FAMILY.get(n.partition(":")[0], OTHER) for n in names], dtype=np.int8)
        grams = [n if n.startswith("base:") else n.partition(":")[2] for n in names]   # "base:rhetoric" stays whole
        parts = dict(featurizer.transformer_list)
        char_cols = np.flatnonzero(family == CHAR)
        stem_vocab = {grams[c]: int(c) for c in np.flatnonzero(family == STEM)}
        stem_max_n = max((g.count(" ") + 1 for g in stem_vocab), default=0)
        meta = FeatureMeta(family, grams, parts.get("char"), int(char_cols[0]) if len(char_cols) else -1,
                           stem_vocab, stem_max_n, [(int(c), grams[c]) for c in np.flatnonzero(family == CUE)])
        _META[featurizer] = meta
    return meta


def explain_rows(texts: list[str], langs: list[str], Xf, meta: FeatureMeta,
                 weights: dict[str, tuple[np.ndarray, np.ndarray] | None], top_k: int) -> list[dict[str, list[Contribution]]]:
    """Top-k contributions (by absolute value) per sentence and task, for a whole batch at once.

    weights[task] is (W, choice): W holds weight rows (n_rows, n_features) and choice[i] the row that
    explains sentence i (None: the task has no linear weights, explained by nothing).
    The structure (which word owns which share of which feature) is built once per batch in plain
    Python; each task is then a few vectorised numpy operations over every sentence together.
    """
    Xf = Xf.tocsr()
    if not Xf.has_sorted_indices:
        Xf = Xf.copy()
        Xf.sort_indices()
    n_feat = Xf.shape[1]
    ptr, indices, data = Xf.indptr, Xf.indices, Xf.data
    row_of_nnz = np.repeat(np.arange(Xf.shape[0]), np.diff(ptr))
    keys = row_of_nnz.astype(np.int64) * n_feat + indices  # globally sorted: (sentence, column)

    words: list[list[tuple[int, int]]] = []
    word_base = [0]
    occ_word, occ_key, occ_share = [], [], []               # word (global) gets share x value of (sentence, column)
    cue_sent, cue_key, cue_info = [], [], []
    ch_cols, ch_n, ch_word, ch_sent = [], [], [], []    # per chunk: its column array, how many, owner, sentence
    char = meta.char_part
    char_cols = char.word_column_array if char is not None else None
    for s, (text, lang) in enumerate(zip(texts, langs)):
        # the words are the stem tokens (same tokenizer): stem k belongs to word k
        stems = stem_tokens(text, lang)
        ws = [(a, b) for _, a, b in stems]
        base = word_base[-1]
        words.append(ws)
        word_base.append(base + len(ws))
        row_key = s * n_feat
        if meta.stem_vocab:
            # every occurrence of a known n-gram shares its column's value equally among its words
            occ: list[tuple[int, int, int]] = []
            for i in range(len(stems)):
                gram = ""
                for n in range(1, meta.stem_max_n + 1):
                    if i + n > len(stems):
                        break
                    gram = stems[i][0] if n == 1 else gram + " " + stems[i + n - 1][0]
                    col = meta.stem_vocab.get(gram)
                    if col is not None:
                        occ.append((i, n, col))
            per_col: dict[int, int] = {}
            for _, _, col in occ:
                per_col[col] = per_col.get(col, 0) + 1
            for i, n, col in occ:
                share = 1.0 / (n * per_col[col])
                for k in range(i, i + n):
                    occ_word.append(base + k)
                    occ_key.append(row_key + col)
                    occ_share.append(share)
        if char is not None:
            # every (chunk, n-gram) occurrence gives 1/owners of the column to the chunk's longest word;
            # collected flat here, owners counted and shares computed for the whole batch below
            tok = base                                  # global index of the chunk's first word
            for chunk in _CHUNK.findall(text):
                n_tok, longest = _chunk_words(chunk)
                cols = char_cols(chunk.lower())
                ch_cols.append(cols)
                ch_n.append(len(cols))
                ch_word.append(tok + longest if longest >= 0 else -1)
                ch_sent.append(s)
                tok += n_tok
        places = cue_places(text, lang)
        for col, feat in meta.cue_info:
            where = places.get(feat)
            if where is None:
                if not feat.startswith(("style:", "punct:", "base:")):
                    continue  # an absent lexicon/figure cue: "no hype word here" explains nothing to a reader
                where = [(None, None)]
            cue_sent.append(s)
            cue_key.append(row_key + col)
            cue_info.append((feat, where))

    def nnz_of(query) -> tuple[np.ndarray, np.ndarray]:
        q = np.asarray(query, dtype=np.int64)
        at = np.searchsorted(keys, q)
        at[at >= len(keys)] = 0
        return at, (keys[at] == q) if len(keys) else np.zeros(len(q), bool)

    occ_word_a = np.asarray(occ_word, dtype=np.intp)
    occ_key_a = np.asarray(occ_key, dtype=np.int64)
    occ_share_a = np.asarray(occ_share, dtype=np.float64)
    if ch_cols:
        ch_n_a = np.asarray(ch_n, dtype=np.intp)
        ch_key = (np.repeat(np.asarray(ch_sent, dtype=np.int64) * n_feat + meta.char_offset, ch_n_a)
                  + np.concatenate(ch_cols))
        _, inverse, owners = np.unique(ch_key, return_inverse=True, return_counts=True)
        ch_word_a = np.repeat(np.asarray(ch_word, dtype=np.intp), ch_n_a)
        has_word = ch_word_a >= 0
        occ_word_a = np.concatenate([occ_word_a, ch_word_a[has_word]])
        occ_key_a = np.concatenate([occ_key_a, ch_key[has_word]])
        occ_share_a = np.concatenate([occ_share_a, (1.0 / owners[inverse])[has_word]])
    occ_at, occ_ok = nnz_of(occ_key_a)
    occ_word_a = occ_word_a[occ_ok]
    occ_at, occ_share_a = occ_at[occ_ok], occ_share_a[occ_ok]
    cue_at, cue_ok = nnz_of(cue_key)
    keep = np.flatnonzero(cue_ok)
    cue_at = cue_at[keep]
    cue_sent_a = np.asarray(cue_sent, dtype=np.intp)[keep]
    cue_info = [cue_info[k] for k in keep.tolist()]
    cue_bounds = np.searchsorted(cue_sent_a, np.arange(len(texts) + 1))

    # every sentence's candidates (its words, then its cues) as one padded row: one argsort per task
    n_words = np.diff(np.asarray(word_base, dtype=np.intp))
    word_row = np.repeat(np.arange(len(texts)), n_words)
    word_col = np.arange(word_base[-1]) - np.repeat(np.asarray(word_base[:-1], dtype=np.intp), n_words)
    cue_col = n_words[cue_sent_a] + (np.arange(len(cue_sent_a)) - cue_bounds[cue_sent_a])
    width = int(max((n_words + np.diff(cue_bounds)).max(initial=0), 1))

    out: list[dict[str, list[Contribution]]] = [{} for _ in texts]
    for task, wc in weights.items():
        if wc is None:
            for d in out:
                d[task] = []
            continue
        W, choice = wc
        contrib = data * W[np.asarray(choice)[row_of_nnz], indices]
        grid = np.zeros((len(texts), width))
        grid[word_row, word_col] = np.bincount(occ_word_a, weights=occ_share_a * contrib[occ_at],
                                               minlength=word_base[-1])
        grid[cue_sent_a, cue_col] = contrib[cue_at]
        # rank first, build objects only for the top k (most words of a sentence are never shown);
        # stable: ties keep sentence order, and the zero padding sorts after every real contribution
        order = np.argsort(-np.abs(grid), axis=1, kind="stable")[:, :top_k]
        tops = np.take_along_axis(grid, order, axis=1).tolist()
        for s, (text, row, top) in enumerate(zip(texts, order.tolist(), tops)):
            ws = words[s]
            ca = cue_bounds[s]
            res = []
            for i, sc in zip(row, top):
                if abs(sc) <= 1e-6:
                    break
                if i < len(ws):
                    a, b = ws[i]
                    res.append(Contribution(text[a:b], "word", sc, a, b))
                else:
                    feat, where = cue_info[ca + i - len(ws)]
                    (a, b), more = where[0], (tuple(where) if len(where) > 1 else None)
                    res.append(Contribution(feat, "cue", sc, a, b, more))
            out[s][task] = res
    return out
