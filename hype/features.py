"""sklearn transformers that turn sentences into features.

Input X everywhere is either a pandas DataFrame with columns `text` and `language`,
or a sequence of strings (the language is then guessed per sentence). Stemming and
lexicons are language-specific, so the language travels with each sentence.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Sequence

import numpy as np
import scipy.sparse as sp
from nltk.stem.snowball import SnowballStemmer
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from . import lexicons
from .figures import KINDS, QUALIFIERS, sentence_figures
from .text import language_scores

_STEMMERS = {"de": SnowballStemmer("german"), "en": SnowballStemmer("english")}
TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,]\d+)*|[!?%€$£]", re.U)


_EN_SHAPES = re.compile(r"(?:ing|ly|tion|ed|ers)\b|\b(?:a|an|i)\b", re.I)
_DE_SHAPES = re.compile(r"(?:ung|keit|heit|lich|isch|sch)\w*\b|\b(?:ein|eine|einen)\b", re.I)


def guess_language(text: str, default: str = "en") -> str:
    """Best guess for one sentence, never failing: function words first, word shapes to break ties."""
    s = language_scores(text)
    de, en = s["de"], s["en"]
    if de == en:
        de, en = len(_DE_SHAPES.findall(text)), len(_EN_SHAPES.findall(text))
    if de > en:
        return "de"
    if en > de:
        return "en"
    return default


def as_texts_langs(X) -> tuple[list[str], list[str]]:
    """(texts, languages) from a DataFrame with text/language columns or a list of strings."""
    if hasattr(X, "columns"):
        texts = [str(t) for t in X["text"]]
        if "language" in X.columns:
            langs = [lang if lang in _STEMMERS else guess_language(t) for t, lang in zip(texts, X["language"])]
        else:
            langs = [guess_language(t) for t in texts]
        return texts, langs
    if isinstance(X, str):
        raise TypeError("expected a list of sentences or a DataFrame, got a single string")
    texts = [str(t) for t in X]
    return texts, [guess_language(t) for t in texts]


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    return _STEMMERS[lang].stem(word)


_TOKEN_STEMS: dict[str, dict[str, str]] = {lang: {} for lang in _STEMMERS}   # token as written → stem


def _token_stem(tok: str, lang: str) -> str:
    s = "<num>" if tok[0].isdigit() else stem(tok.lower(), lang)
    cache = _TOKEN_STEMS[lang]
    if len(cache) < 200_000:
        cache[tok] = s
    return s


@lru_cache(maxsize=8192)
def stem_tokens(text: str, lang: str) -> tuple[tuple[str, int, int], ...]:
    """(stem, start, end) for each word; numbers become <num> so models learn no specific figures.
    Cached: featurizing and explaining the same sentence both need it."""
    known = _TOKEN_STEMS[lang]
    out = []
    for m in TOKEN.finditer(text):
        tok = m.group()
        s = known.get(tok)
        out.append((s if s is not None else _token_stem(tok, lang), *m.span()))
    return tuple(out)


def ngrams(stems: Sequence[str], n_min: int, n_max: int) -> list[str]:
    grams = []
    for n in range(n_min, n_max + 1):
        grams.extend(" ".join(stems[i:i + n]) for i in range(len(stems) - n + 1))
    return grams


def _tfidf(M, idf, sublinear: bool):
    """Raw term counts (CSR, duplicates allowed) → the rows TfidfVectorizer.transform gives: summed counts,
    1 + log when sublinear, times idf (in M's dtype), unit length."""
    M.sum_duplicates()
    if sublinear:
        np.log(M.data, out=M.data)
        M.data += 1
    M.data *= idf[M.indices]
    return normalize(M, norm="l2", copy=False)


def _passthrough(doc):
    return doc


class StemNgrams(BaseEstimator, TransformerMixin):
    """TF-IDF over word n-grams of Snowball stems (German or English per sentence)."""

    def __init__(self, ngram_range=(1, 2), min_df=2, max_features=None, sublinear_tf=True):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf

    def _docs(self, X):
        texts, langs = as_texts_langs(X)
        lo, hi = self.ngram_range
        return [ngrams([s for s, _, _ in stem_tokens(t, lang)], lo, hi) for t, lang in zip(texts, langs)]

    def fit(self, X, y=None):
        self.vectorizer_ = TfidfVectorizer(analyzer=_passthrough, min_df=self.min_df,
                                           max_features=self.max_features, sublinear_tf=self.sublinear_tf)
        self.vectorizer_.fit(self._docs(X))
        return self

    def transform(self, X):
        """Same matrix as the fitted TfidfVectorizer would give (tested), built directly: sklearn's
        per-term Python lists cost more than the stemming for a few dozen sentences."""
        check_is_fitted(self, "vectorizer_")
        vec = self.vectorizer_
        vocab = vec.vocabulary_
        indptr, indices = [0], []
        for doc in self._docs(X):
            indices.extend(vocab[g] for g in doc if g in vocab)
            indptr.append(len(indices))
        M = sp.csr_matrix((np.ones(len(indices)), np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
                          shape=(len(indptr) - 1, len(vocab)))
        return _tfidf(M, vec.idf_, self.sublinear_tf)

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "vectorizer_")
        return np.array([f"stem:{g}" for g in self.vectorizer_.get_feature_names_out()], dtype=object)


class CharNgrams(BaseEstimator, TransformerMixin):
    """TF-IDF over character n-grams inside word boundaries: catches German compounds
    ("Weltspitze", "Geniestreich") and inflections the stemmer misses."""

    def __init__(self, ngram_range=(3, 5), min_df=2, max_features=None, sublinear_tf=True):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf

    def fit(self, X, y=None):
        texts, _ = as_texts_langs(X)
        self.vectorizer_ = TfidfVectorizer(analyzer="char_wb", ngram_range=self.ngram_range, min_df=self.min_df,
                                           max_features=self.max_features, sublinear_tf=self.sublinear_tf,
                                           lowercase=True, dtype=np.float32)
        self.vectorizer_.fit(texts)
        return self

    def transform(self, X):
        """Same matrix as the fitted TfidfVectorizer would give (tested), about 4× faster: the
        n-gram columns of each distinct word are computed once and cached, since words repeat."""
        check_is_fitted(self, "vectorizer_")
        texts, _ = as_texts_langs(X)
        vec = self.vectorizer_
        word_cols = self.word_column_array
        parts, n_per_doc = [], []
        for doc in texts:
            cols = [word_cols(word) for word in doc.lower().split()]
            parts.extend(cols)
            n_per_doc.append(sum(map(len, cols)))
        indices = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        indptr = np.concatenate([[0], np.cumsum(n_per_doc, dtype=np.int64)])
        M = sp.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                          shape=(len(texts), len(vec.vocabulary_)), dtype=np.float32)
        return _tfidf(M, vec.idf_.astype(np.float32), self.sublinear_tf)

    def word_column_array(self, word: str) -> np.ndarray:
        """The columns as an int32 array, cached per word: rows are concatenated from these. Arrays, not tuples
        of Python ints: a tuple costs about 36 bytes per column, and a long batch meets hundreds of thousands
        of distinct words."""
        cache = self.__dict__.setdefault("_word_column_arrays", {})
        cols = cache.get(word)
        if cols is None:
            vocab = self.vectorizer_.vocabulary_
            lo, hi = self.ngram_range
            cols = np.array([vocab[g] for g in _wb_ngrams(word, lo, hi) if g in vocab], dtype=np.int32)
            if len(cache) < 500_000:
                cache[word] = cols
        return cols

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_word_columns", None)  # caches (the first from older versions), rebuilt after loading
        state.pop("_word_column_arrays", None)
        return state

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "vectorizer_")
        return np.array([f"char:{g}" for g in self.vectorizer_.get_feature_names_out()], dtype=object)


def _wb_ngrams(word: str, lo: int, hi: int) -> list[str]:
    """sklearn's char_wb n-grams of one (lower-cased) word."""
    padded = f" {word} "
    out = []
    for n in range(lo, hi + 1):
        if len(padded) <= n:
            out.append(padded)
            break
        out.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
    return out


_QUOTES = re.compile(r"[„“”\"«»‚‘]")
# first and second person, counted on the sentence's lower-cased words (one tokenisation instead of a
# regex scan per pronoun class): whole words, or a prefix ("unser" → unsere, unserem …)
_FIRST_PERSON = {"de": ({"ich", "wir", "uns"}, ("unser", "mein")),
                 "en": ({"i", "we", "us", "our", "my", "me"}, ())}
_SECOND_PERSON = {"de": ({"du", "dich", "dir", "euch", "euer"}, ("dein",)),
                  "en": ({"you", "your", "yours"}, ())}
_US = re.compile(r"\bUS\b")
_CAPS_WORD = re.compile(r"\b[A-ZÄÖÜ]{4,}\b")
_NO_FINAL = frozenset(".!?…:")

CUE_NAMES = (
    [f"lex:{c}" for c in lexicons.CATEGORIES]
    + list(lexicons.DIRECTIONS)
    + [f"fig:{k}" for k in KINDS]
    + [f"qual:{q}" for q in QUALIFIERS]
    + ["punct:quote", "punct:exclamation", "punct:question", "punct:colon_end", "punct:no_final",
       "style:first_person", "style:self_praise", "style:second_person", "style:caps_word", "style:length",
       "style:digit_share", "lang:de"]
)
_KIND_AT = {k: i for i, k in enumerate(KINDS)}
_QUAL_AT = {q: i for i, q in enumerate(QUALIFIERS)}
_log1p = math.log1p


def _person_count(words: list[str], forms: tuple[set, tuple]) -> int:
    whole, prefixes = forms
    if prefixes:
        return sum(1 for w in words if w in whole or w.startswith(prefixes))
    return sum(1 for w in words if w in whole)


def cue_vector(text: str, lang: str) -> list[float]:
    lex = lexicons.counts(text, lang)
    kinds = [0] * len(KINDS)
    quals = [0] * len(QUALIFIERS)
    for f in sentence_figures(text, lang):
        kinds[_KIND_AT[f.kind]] += 1
        if f.kind not in ("year", "date"):
            quals[_QUAL_AT[f.qualifier]] += 1
    n_tokens = max(1, len(text.split()))
    stripped = text.rstrip("\"'“”»«’‘) ")
    digits = sum(map(str.isdigit, text))
    words = lexicons.lower_words(text)
    first = _person_count(words, _FIRST_PERSON[lang])
    if first and lang == "en" and "US" in text:
        first = max(0, first - len(_US.findall(text)))  # "US regulators" is no "us"
    vec = [_log1p(lex[c]) for c in lexicons.CATEGORIES]
    # direction: a good quantity going up or a bad one going down is good news, and vice versa
    capped = {c: min(lex[c], 1.0) for c in lexicons.DIRECTION_CATEGORIES}
    vec += [capped[a] * capped[b] + capped[c] * capped[d] for (a, b), (c, d) in lexicons.DIRECTIONS.values()]
    vec += [_log1p(k) for k in kinds]
    vec += [_log1p(q) for q in quals]
    vec += [
        float(bool(_QUOTES.search(text))),
        _log1p(text.count("!")),
        _log1p(text.count("?")),
        float(stripped.endswith(":")),
        float(not stripped[-1:] in _NO_FINAL if stripped else 1.0),
        _log1p(first),
        # self-praise (guidelines §2): the writer or company praising its own work without evidence;
        # a linear head cannot form this product of first person and praise by itself
        float(first > 0) * _log1p(lex["quality"] + lex["evaluative"] + lex["hype_word"]),
        _log1p(_person_count(words, _SECOND_PERSON[lang])),
        _log1p(len(_CAPS_WORD.findall(text))),
        math.log(n_tokens),
        digits / max(1, len(text)),
        float(lang == "de"),
    ]
    return vec


class CueFeatures(BaseEstimator, TransformerMixin):
    """Dense cue features: lexicon categories, figures per kind and qualifier, punctuation, style."""

    def __init__(self, scale=True):
        self.scale = scale

    def fit(self, X, y=None):
        self._fit_raw(self._raw(X))
        return self

    def _fit_raw(self, M):
        # standardised: uncentred counts beside unit-length TF-IDF rows make the solvers crawl
        std = M.std(axis=0)
        self.mean_ = M.mean(axis=0) if self.scale else np.zeros(M.shape[1])
        self.scale_ = np.where(std > 1e-9, std, 1.0) if self.scale else np.ones(M.shape[1])
        self.n_features_out_ = M.shape[1]

    def fit_transform(self, X, y=None, **fit_params):
        M = self._raw(X)  # computed once, not once for fit and again for transform
        self._fit_raw(M)
        return sp.csr_matrix((M - self.mean_) / self.scale_)

    def _raw(self, X):
        texts, langs = as_texts_langs(X)
        return np.array([cue_vector(t, lang) for t, lang in zip(texts, langs)], dtype=np.float64).reshape(len(texts), len(CUE_NAMES))

    def transform(self, X):
        check_is_fitted(self, "scale_")
        return sp.csr_matrix((self._raw(X) - self.mean_) / self.scale_)

    def get_feature_names_out(self, input_features=None):
        return np.array([f"cue:{n}" for n in CUE_NAMES], dtype=object)
