"""Sentence classifiers: rhetoric (0/1), claim type, investor sentiment.

`HypeClassifier` is one task as an sklearn estimator (features + linear head).
`HypeModel` bundles up to three tasks over one shared featurizer, which is what ships
in hype/models/ and what `hype train` writes: features are computed once per sentence,
then each task is a dot product.
"""
from __future__ import annotations

import gc
import json
import platform
import threading
import warnings
import weakref
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from .errors import ModelError
from .explain import Contribution, explain_rows, feature_meta
from .features import CharNgrams, CueFeatures, StemNgrams, as_texts_langs
from .modelfile import MANIFEST, MODEL_FILE, sha256_file, verify_model_dir

TASKS: dict[str, tuple] = {
    "rhetoric": (0, 1),
    "claim": ("fact", "projection", "opinion", "other"),
    "sentiment": ("bullish", "neutral", "bearish"),
}
FEATURE_SETS = ("stem", "char", "cue")
FORMAT_VERSION = 1


def single_threaded(func):
    """Run BLAS single-threaded: the solvers here work on small sparse problems, where a second
    BLAS thread fighting other work for the CPU made lbfgs ten times slower (measured: 8.8 s vs 0.9 s)."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with threadpool_limits(limits=1):
            return func(*args, **kwargs)

    return wrapper


def check_task(task: str) -> str:
    if task not in TASKS:
        raise ModelError(f"unknown task {task!r} (expected one of: {', '.join(TASKS)})")
    return task


# Per-family scale factors (= separate regularisation per family under one C). The cue block is
# ~45 standardised dense columns beside unit-length TF-IDF rows: at weight 1 it dominates the
# L2-penalised head. Grouped 5-fold CV over events on the corpus train split, macro-F1
# rhetoric/claim/sentiment (best C per task): cue 1.0 .856/.705/.645 (C=1 only), 0.3 .864/.718/.645,
# 0.1 .870/.732/.646, 0.05 .871/.738/.640; no cue block .833/.722/.593. Stem/char weights 0.7-1.5,
# stem unigrams, min_df 1, char (1,4)/(3,6): all within ±.01 of 0.1 (noise level), so kept at 1.
FAMILY_WEIGHTS = {"stem": 1.0, "char": 1.0, "cue": 0.1, "base": 0.3}


def make_featurizer(features=FEATURE_SETS, stem_ngram_range=(1, 2), char_ngram_range=(2, 5), min_df=2,
                    max_char_features=60000, weights=None) -> FeatureUnion:
    parts = []
    if "stem" in features:
        parts.append(("stem", StemNgrams(ngram_range=stem_ngram_range, min_df=min_df)))
    if "char" in features:
        parts.append(("char", CharNgrams(ngram_range=char_ngram_range, min_df=min_df, max_features=max_char_features)))
    if "cue" in features:
        parts.append(("cue", CueFeatures()))
    if "base" in features:
        parts.append(("base", BaseScores()))
    if not parts:
        raise ModelError(f"no feature set selected (expected some of: {', '.join(FEATURE_SETS)})")
    w = {**FAMILY_WEIGHTS, **(weights or {})}
    return FeatureUnion(parts, transformer_weights={name: w[name] for name, _ in parts})


_GC_LOCK = threading.Lock()
_GC_PAUSES = [0, False]   # active pauses, and whether the collector was enabled when the first one began


@contextmanager
def gc_paused():
    """Featurizing allocates many small cached objects (tokens, matches, figures) and no reference cycles;
    the cyclic collector would walk the whole heap (the model included) several times per batch for nothing
    (about 5 % of cold featurization time for 3,000 sentences). Paused for the call, restored after."""
    with _GC_LOCK:   # counted, so overlapping pauses in several threads restore the collector exactly once
        if _GC_PAUSES[0] == 0:
            _GC_PAUSES[1] = gc.isenabled()
            gc.disable()
        _GC_PAUSES[0] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_PAUSES[0] -= 1
            if _GC_PAUSES[0] == 0 and _GC_PAUSES[1]:
                gc.enable()


def union_transform(union: FeatureUnion, X):
    """union.transform(X) as one CSR matrix, without FeatureUnion's parallel-dispatch machinery (a millisecond
    per call, noticeable when one article of 40 sentences is scored); same values (tested)."""
    parts = union.transformer_list
    if any(isinstance(t, str) for _, t in parts):
        return union.transform(X).tocsr()
    weights = union.transformer_weights or {}
    blocks = []
    for name, t in parts:
        B = t.transform(X)
        w = weights.get(name)
        blocks.append(B * w if w is not None else B)
    return sp.hstack(blocks, format="csr")


class BaseScores(BaseEstimator, TransformerMixin):
    """What the packaged corpus model thinks of each sentence, as features for a model trained on a user's file:
    the rhetoric log-odds and the log-probabilities of every claim and sentiment class (sentence alone).

    Only `hype train --data` offers this family, and only grouped CV decides whether it is used. The fitted
    transformer carries the packaged model inside it, so the trained model stays self-contained."""

    def __init__(self, model_dir=None):
        self.model_dir = model_dir

    def fit(self, X, y=None):
        from .scoring import load_model

        self.model_ = load_model(self.model_dir)
        self.names_ = [f"base:{t}" for t in self.model_.tasks if t == "rhetoric"] + [
            f"base:{t}_{c}" for t in self.model_.tasks if t != "rhetoric" for c in self.model_.heads[t].classes_]
        return self

    def transform(self, X):
        check_is_fitted(self, "model_")
        P = self.model_.predict_proba_all(X)
        cols = []
        for t in self.model_.tasks:
            p = np.clip(P[t], 1e-4, 1.0)
            cols.append(np.log(p[:, 1:2]) - np.log(p[:, :1]) if t == "rhetoric" else np.log(p))
        return sp.csr_matrix(np.hstack(cols))

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "names_")
        return np.array(self.names_, dtype=object)


def make_head(estimator="logreg", C=1.0, class_weight="balanced", random_state=0):
    if estimator == "logreg":
        # newton-cg: same optimum as lbfgs on these sparse+dense unions, 3-5x fewer seconds
        return LogisticRegression(C=C, class_weight=class_weight, max_iter=3000, solver="newton-cg",
                                  random_state=random_state)
    if estimator == "svm":
        return CalibratedClassifierCV(LinearSVC(C=C, class_weight=class_weight, random_state=random_state), cv=3)
    if estimator == "nb":
        return ComplementNB(alpha=1.0 / C)
    raise ModelError(f"unknown estimator {estimator!r} (expected logreg, svm or nb)")


def _shrink(featurizer: FeatureUnion) -> None:
    # TfidfVectorizer keeps every pruned term in stop_words_: useless after fit, large on disk
    for _, part in featurizer.transformer_list:
        vec = getattr(part, "vectorizer_", None)
        if vec is not None and hasattr(vec, "stop_words_"):
            vec.stop_words_ = None


def _linear_weights(head, classes) -> np.ndarray | None:
    """(n_classes_or_1, n_features) weights whose dot product with x ranks the classes."""
    if isinstance(head, LogisticRegression):
        return head.coef_
    if isinstance(head, CalibratedClassifierCV):
        coefs = [c.estimator.coef_ for c in head.calibrated_classifiers_]
        return np.mean(coefs, axis=0)
    if isinstance(head, ComplementNB):
        w = -head.feature_log_prob_  # ComplementNB: lower complement prob = more typical of the class
        if len(classes) == 2:
            return (w[1] - w[0])[None, :]
        return w
    return None


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class LinearBank:
    """The probabilities of every linear head from one sparse product.

    sklearn's predict_proba validates its input once per head (and CalibratedClassifierCV once per
    calibration fold), which costs more than the arithmetic for one article. All heads here are
    linear, so their weight rows are stacked and X is multiplied once; the probability maths then
    follows sklearn's (tests compare against head.predict_proba). Heads of other kinds fall back to it.
    """

    def __init__(self, heads: dict[str, Any]):
        rows, intercepts, self.plans = [], [], {}
        for task, head in heads.items():
            start = sum(len(r) for r in rows)
            if isinstance(head, LogisticRegression):
                rows.append(head.coef_)
                intercepts.append(np.ravel(head.intercept_) * np.ones(len(head.coef_)))
                self.plans[task] = ("lr", start, len(head.coef_), len(head.classes_))
            elif (isinstance(head, CalibratedClassifierCV) and head.method == "sigmoid"
                  and all(isinstance(c.estimator, LinearSVC) for c in head.calibrated_classifiers_)):
                folds = []
                for cc in head.calibrated_classifiers_:
                    at = sum(len(r) for r in rows)
                    rows.append(cc.estimator.coef_)
                    intercepts.append(np.ravel(cc.estimator.intercept_) * np.ones(len(cc.estimator.coef_)))
                    idx = np.searchsorted(cc.classes, cc.estimator.classes_)
                    ab = np.array([[c.a_, c.b_] for c in cc.calibrators])
                    folds.append((at, len(cc.estimator.coef_), idx, ab))
                self.plans[task] = ("calibrated", folds, len(head.classes_))
            else:
                self.plans[task] = ("sklearn", head)
        self.W = np.vstack(rows).T.copy() if rows else None
        self.b = np.concatenate(intercepts) if rows else None

    def predict_proba(self, Xf, tasks) -> dict[str, np.ndarray]:
        D = (Xf @ self.W + self.b) if self.W is not None else None
        out = {}
        for task in tasks:
            plan = self.plans[task]
            if plan[0] == "sklearn":
                out[task] = plan[1].predict_proba(Xf)
            elif plan[0] == "lr":
                _, start, n_rows, n_classes = plan
                d = D[:, start:start + n_rows]
                if n_classes <= 2:
                    p1 = _sigmoid(d[:, 0])
                    out[task] = np.column_stack([1.0 - p1, p1])
                else:
                    e = np.exp(d - d.max(axis=1, keepdims=True))
                    out[task] = e / e.sum(axis=1, keepdims=True)
            else:
                _, folds, n_classes = plan
                mean = np.zeros((D.shape[0], n_classes))
                for at, n_rows, idx, ab in folds:
                    d = D[:, at:at + n_rows]
                    proba = np.zeros_like(mean)
                    cal = _sigmoid(-(d * ab[:, 0] + ab[:, 1]))
                    if n_classes == 2:
                        proba[:, 1] = cal[:, 0]
                        proba[:, 0] = 1.0 - proba[:, 1]
                    else:
                        proba[:, idx] = cal
                        den = proba.sum(axis=1, keepdims=True)
                        proba = np.divide(proba, den, out=np.full_like(proba, 1 / n_classes), where=den != 0)
                    proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
                    mean += proba
                out[task] = mean / len(folds)
        return out


# --------------------------------------------------------------------------- single-task estimator

class HypeClassifier(BaseEstimator, ClassifierMixin):
    """One task as an sklearn classifier: featurizer + linear head.

    X: DataFrame with `text` (and ideally `language`) columns, or a list of sentences.
    """

    def __init__(self, task="rhetoric", estimator="logreg", C=1.0, class_weight="balanced",
                 features=FEATURE_SETS, stem_ngram_range=(1, 2), char_ngram_range=(2, 5), min_df=2,
                 random_state=0):
        self.task = task
        self.estimator = estimator
        self.C = C
        self.class_weight = class_weight
        self.features = features
        self.stem_ngram_range = stem_ngram_range
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.random_state = random_state

    @single_threaded
    def fit(self, X, y):
        check_task(self.task)
        self.featurizer_ = make_featurizer(self.features, self.stem_ngram_range, self.char_ngram_range, self.min_df)
        Xf = self.featurizer_.fit_transform(X)
        _shrink(self.featurizer_)
        return self._fit_head(Xf, y)

    def _fit_head(self, Xf, y):
        y = np.asarray(list(y), dtype=object)
        if self.task == "rhetoric":
            y = y.astype(int)
        self.head_ = make_head(self.estimator, self.C, self.class_weight, self.random_state)
        self.head_.fit(Xf, y)
        self.classes_ = self.head_.classes_
        return self

    def _check(self):
        try:
            check_is_fitted(self, ("featurizer_", "head_"))
        except NotFittedError:
            raise ModelError(f"the {self.task} classifier is not fitted (call fit() or load a trained model)") from None

    def predict_proba(self, X):
        self._check()
        return self.head_.predict_proba(union_transform(self.featurizer_, X))

    def predict(self, X):
        self._check()
        return self.head_.predict(union_transform(self.featurizer_, X))

    def explain(self, X, top_k=6, target=None) -> list[list[Contribution]]:
        """Top contributing words and cues per sentence, towards `target` (default: the predicted
        class; for rhetoric always class 1)."""
        self._check()
        texts, langs = as_texts_langs(X)
        Xf = union_transform(self.featurizer_, X)
        weights = {self.task: _weights_per_sentence(self.head_, list(self.classes_), Xf, target)}
        return [d[self.task] for d in explain_rows(texts, langs, Xf, feature_meta(self.featurizer_), weights, top_k)]


_CENTRED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()   # head -> (classes, weights)


def _weights_per_sentence(head, classes, Xf, target) -> tuple[np.ndarray, np.ndarray] | None:
    """(W, choice): weight rows and, per sentence, the row that explains it — the positive class for
    binary heads, otherwise `target` or the predicted class, centred against the other classes."""
    cached = _CENTRED.get(head)
    if cached is None or cached[0] != list(classes):
        W = _linear_weights(head, classes)
        cached = _CENTRED[head] = (list(classes), W if W is None or W.shape[0] == 1 else W - W.mean(axis=0))
    centred = cached[1]
    if centred is None:
        return None
    n = Xf.shape[0]
    if centred.shape[0] == 1:
        return centred, np.zeros(n, dtype=np.intp)
    if target is None:
        preds = head.predict(Xf)
    elif isinstance(target, (list, tuple, np.ndarray)):  # one target per sentence (e.g. already predicted)
        preds = target
    else:
        preds = [target] * n
    at = {c: i for i, c in enumerate(classes)}
    return centred, np.array([at[c] for c in preds], dtype=np.intp)


# Tasks whose sentence probabilities are revised in the light of the article around the sentence: a
# sentence's investor sentiment often depends on what the article has said (a "consensus of 139 million"
# is good news only after a beat). Measured on the corpus test split: sentiment macro-F1 +0.04 de / +0.06 en.
CONTEXT_TASKS = ("sentiment",)


def context_features(P: np.ndarray, articles) -> np.ndarray:
    """Per sentence: log of its own class probabilities and of the mean probabilities of the other
    sentences of its article (uniform when it is alone)."""
    P = np.asarray(P, dtype=float)
    art = np.asarray(list(articles), dtype=object)
    _, inv = np.unique(art.astype(str), return_inverse=True)
    sums = np.zeros((inv.max() + 1 if len(inv) else 0, P.shape[1]))
    np.add.at(sums, inv, P)
    counts = np.bincount(inv)[inv][:, None].astype(float)
    others = np.where(counts > 1, (sums[inv] - P) / np.maximum(counts - 1, 1), 1.0 / P.shape[1])
    return np.hstack([np.log(P + 1e-6), np.log(others + 1e-6)])


def _out_of_fold(X, y, groups, features, featurizer_args, hp, random_state, n_splits=5) -> np.ndarray:
    """Probabilities for every training sentence from models that did not see its group."""
    from sklearn.model_selection import GroupKFold

    groups = np.asarray(list(groups), dtype=object).astype(str)
    n_splits = min(n_splits, len(set(groups)))
    classes = np.unique(y)
    P = np.zeros((len(y), len(classes)))
    for tr, te in GroupKFold(n_splits=n_splits).split(X, y, groups):
        fz = make_featurizer(features, *featurizer_args)
        head = make_head(hp["estimator"], hp["C"], hp["class_weight"], random_state)
        head.fit(fz.fit_transform(X.iloc[tr] if hasattr(X, "iloc") else [X[i] for i in tr]), y[tr])
        proba = head.predict_proba(fz.transform(X.iloc[te] if hasattr(X, "iloc") else [X[i] for i in te]))
        P[np.ix_(te, np.searchsorted(classes, head.classes_))] = proba
    return P


# --------------------------------------------------------------------------- the bundle that ships

class HypeModel:
    """Shared featurizer + one head per task; what `hype train` writes and analyze() uses."""

    def __init__(self, featurizer=None, heads=None, params=None, context=None):
        self.featurizer = featurizer
        self.heads = dict(heads or {})
        self.params = dict(params or {})
        self.context = dict(context or {})   # task -> LogisticRegression over context_features
        self.manifest: dict[str, Any] = {}

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_bank", None)  # a cache, rebuilt on first use
        return state

    @property
    def tasks(self) -> tuple[str, ...]:
        return tuple(t for t in TASKS if t in self.heads)

    def describe(self) -> dict[str, Any]:
        """What a report says about the model: tasks and the identity of its file."""
        entry = self.manifest.get("files", {}).get(MODEL_FILE, {})
        return {"tasks": list(self.tasks), "sha256": entry.get("sha256"),
                "corpus_sha256": self.manifest.get("trained_on", {}).get("corpus_sha256")}

    @classmethod
    @single_threaded
    def train(cls, X, labels: dict[str, Any], *, features=FEATURE_SETS, heads: dict[str, dict] | None = None,
              stem_ngram_range=(1, 2), char_ngram_range=(2, 5), min_df=2, random_state=0,
              articles=None, groups=None, context_tasks=CONTEXT_TASKS) -> "HypeModel":
        """Fit the featurizer once, then one head per task in `labels` ({task: y}).

        With `articles` (an article id per sentence, sentences of an article in reading order), tasks in
        `context_tasks` also get a context stage, fitted on out-of-fold probabilities (folds by `groups`,
        default the articles) so it learns how much to trust the article around a sentence."""
        featurizer = make_featurizer(features, stem_ngram_range, char_ngram_range, min_df)
        Xf = featurizer.fit_transform(X)
        _shrink(featurizer)
        fitted = {}
        head_params = {}
        for task, y in labels.items():
            check_task(task)
            hp = {"estimator": "logreg", "C": 1.0, "class_weight": "balanced", **(heads or {}).get(task, {})}
            y = np.asarray(list(y), dtype=object)
            if task == "rhetoric":
                y = y.astype(int)
            head = make_head(hp["estimator"], hp["C"], hp["class_weight"], random_state)
            fitted[task] = head.fit(Xf, y)
            head_params[task] = hp
        context = {}
        if articles is not None:
            articles = list(articles)
            for task in [t for t in context_tasks if t in fitted]:
                y = np.asarray(list(labels[task]), dtype=object)
                P = _out_of_fold(X, y, groups if groups is not None else articles, features,
                                 (stem_ngram_range, char_ngram_range, min_df), head_params[task], random_state)
                ctx = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000, random_state=random_state)
                context[task] = ctx.fit(context_features(P, articles), y)
        params = {"features": list(features), "stem_ngram_range": list(stem_ngram_range),
                  "char_ngram_range": list(char_ngram_range), "min_df": min_df, "random_state": random_state,
                  "heads": head_params, "context": sorted(context)}
        return cls(featurizer, fitted, params, context)

    def _require(self, task: str):
        check_task(task)
        if task not in self.heads:
            raise ModelError(f"this model has no {task} classifier (it was trained for: {', '.join(self.tasks) or 'nothing'})")
        return self.heads[task]

    def transform(self, X):
        if self.featurizer is None:
            raise ModelError("the model is not fitted (train it with 'hype train' or HypeModel.train)")
        with gc_paused():
            return union_transform(self.featurizer, X)

    def predict_proba(self, X, task: str, Xf=None, articles=None) -> tuple[np.ndarray, list]:
        head = self._require(task)
        Xf = self.transform(X) if Xf is None else Xf
        return self.predict_proba_all(None, Xf=Xf, tasks=(task,), articles=articles)[task], list(head.classes_)

    def predict_proba_all(self, X, Xf=None, tasks=None, articles=None) -> dict[str, np.ndarray]:
        """{task: probabilities (columns in head.classes_ order)} for the given (default: all) tasks.

        articles: an article id per sentence. Without it every sentence is scored on its own; with it,
        tasks that have a context stage (see CONTEXT_TASKS) also weigh the rest of the article."""
        tasks = self.tasks if tasks is None else tasks
        for t in tasks:
            self._require(t)
        Xf = self.transform(X) if Xf is None else Xf
        key = tuple(map(id, self.heads.values()))
        cached = self.__dict__.get("_bank")
        if cached is None or cached[0] != key:              # built once per set of fitted heads
            cached = self._bank = (key, LinearBank(self.heads))
        out = cached[1].predict_proba(Xf, tasks)
        return self.in_context(out, articles) if articles is not None else out

    def in_context(self, sentence_probas: dict[str, np.ndarray], articles) -> dict[str, np.ndarray]:
        """Sentence-alone probabilities revised by each task's context stage (tasks without one unchanged)."""
        return {t: self.context[t].predict_proba(context_features(p, articles)) if t in self.context else p
                for t, p in sentence_probas.items()}

    def context_contributions(self, task: str, P_sentence: np.ndarray, articles, target) -> np.ndarray | None:
        """Per sentence, the signed weight of the article context towards the `target` class (one per
        sentence): the context stage's centred coefficients times the context half of its features."""
        ctx = self.context.get(task)
        if ctx is None:
            return None
        F = context_features(P_sentence, articles)
        half = F.shape[1] // 2
        coef = ctx.coef_ - ctx.coef_.mean(axis=0) if ctx.coef_.shape[0] > 1 else ctx.coef_
        rows = [list(ctx.classes_).index(t) if coef.shape[0] > 1 else 0 for t in target]
        return np.einsum("ij,ij->i", coef[rows][:, half:], F[:, half:])

    def explain(self, X, task: str, top_k=6, target=None, Xf=None) -> list[list[Contribution]]:
        self._require(task)
        return [d[task] for d in self.explain_tasks(X, top_k, {task: target}, Xf, tasks=(task,))]

    def explain_tasks(self, X, top_k=6, targets: dict[str, Any] | None = None, Xf=None,
                      tasks=None) -> list[dict[str, list[Contribution]]]:
        """Explanations for every task of the model (or `tasks`) at once (the per-sentence work is shared)."""
        texts, langs = as_texts_langs(X)
        Xf = (self.transform(X) if Xf is None else Xf).tocsr()
        targets = targets or {}
        weights = {t: _weights_per_sentence(self._require(t), list(self.heads[t].classes_), Xf, targets.get(t))
                   for t in (self.tasks if tasks is None else tasks)}
        return explain_rows(texts, langs, Xf, feature_meta(self.featurizer), weights, top_k)

    def classifier(self, task: str) -> HypeClassifier:
        """The task as a standalone fitted HypeClassifier (for sklearn tooling)."""
        head = self._require(task)
        p = self.params
        clf = HypeClassifier(task=task, features=tuple(p.get("features", FEATURE_SETS)),
                             stem_ngram_range=tuple(p.get("stem_ngram_range", (1, 2))),
                             char_ngram_range=tuple(p.get("char_ngram_range", (2, 5))),
                             min_df=p.get("min_df", 2), **{k: v for k, v in p["heads"][task].items()})
        clf.featurizer_, clf.head_, clf.classes_ = self.featurizer, head, head.classes_
        return clf

    # ------------------------------------------------------------------ persistence

    def save(self, out: str | Path, *, extra: dict[str, Any] | None = None) -> Path:
        import joblib
        import nltk
        import sklearn

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        path = out / MODEL_FILE
        tmp = path.with_suffix(".tmp")
        joblib.dump({"format": FORMAT_VERSION, "featurizer": self.featurizer, "heads": self.heads,
                     "context": self.context,
                     "params": self.params}, tmp, compress=3)
        tmp.replace(path)
        manifest = {
            "format": FORMAT_VERSION,
            "tasks": list(self.tasks),
            "files": {MODEL_FILE: {"sha256": sha256_file(path), "bytes": path.stat().st_size}},
            "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                         "nltk": nltk.__version__, "numpy": np.__version__},
            "params": self.params,
            **(extra or {}),
        }
        (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        self.manifest = manifest
        return out

    @classmethod
    def load(cls, directory: str | Path) -> "HypeModel":
        """Load a model directory, verifying every file against the manifest first
        (joblib files are pickles: never unpickle a file the manifest does not vouch for)."""
        import joblib
        import sklearn

        manifest, path = verify_model_dir(directory)
        trained_with = (manifest.get("versions") or {}).get("scikit-learn")
        if trained_with and trained_with != sklearn.__version__:
            warnings.warn(f"model trained with scikit-learn {trained_with}, running {sklearn.__version__}; "
                          "scores may differ (retrain with 'hype train')", UserWarning, stacklevel=2)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # sklearn's own version warning: ours above is clearer
                payload = joblib.load(path)
        except Exception as e:  # a file the manifest vouches for but that does not unpickle (e.g. truncated)
            raise ModelError(f"{path}: cannot be read ({type(e).__name__}: {e}); expected a model written by "
                             "'hype train' (retrain or restore it)") from None
        if not isinstance(payload, dict) or payload.get("format") != FORMAT_VERSION:
            raise ModelError(f"{path}: unsupported model format (expected format {FORMAT_VERSION})")
        missing = [k for k in ("featurizer", "heads", "params") if k not in payload]
        if missing or not isinstance(payload["heads"], dict) or not payload["heads"]:
            raise ModelError(f"{path}: incomplete model (missing {', '.join(missing) or 'heads'}; "
                             "expected a model written by 'hype train')")
        _check_cue_count(payload["featurizer"], path)
        model = cls(payload["featurizer"], payload["heads"], payload["params"], payload.get("context"))
        model.manifest = manifest
        return model


def _check_cue_count(featurizer, path) -> None:
    """A model trained by a hype with a different set of cue features cannot score: its standardisation
    vectors have the old length. Say so instead of failing inside numpy. A model trained with the `base`
    family carries the packaged model of its day inside it: check that one too."""
    from .features import CUE_NAMES, CueFeatures

    for _, t in getattr(featurizer, "transformer_list", ()):
        n = getattr(t, "n_features_out_", None)
        if isinstance(t, CueFeatures) and n is not None and n != len(CUE_NAMES):
            raise ModelError(f"{path}: trained with {n} cue features, this hype computes {len(CUE_NAMES)}; "
                             "expected a model from this version (retrain it with 'hype train')")
        inner = getattr(t, "model_", None)
        if isinstance(inner, HypeModel):
            _check_cue_count(inner.featurizer, path)
