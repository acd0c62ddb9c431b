"""Scoring sentences with a HypeModel: the packaged one by default, or a directory from `hype train`."""
from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from .errors import InputError, ModelError
from .explain import Contribution
from .model import TASKS, HypeModel
from .train import PACKAGED_MODEL_DIR

ROUND = 4


@lru_cache(maxsize=8)
def _load_dir(path: str) -> HypeModel:
    return HypeModel.load(path)


def load_model(model: HypeModel | str | Path | None = None) -> HypeModel:
    """None → the packaged model (verified and cached); a path → that model directory."""
    if isinstance(model, HypeModel):
        return model
    path = Path(model) if model is not None else PACKAGED_MODEL_DIR
    if model is None and not (path / "manifest.json").exists():
        raise ModelError(f"no packaged model in {path} (expected hype/models/ written by 'hype train')")
    return _load_dir(str(path.resolve()))


def _frame(texts: Sequence[str], langs: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({"text": list(texts), "language": list(langs)})


def predict(model: HypeModel, texts: Sequence[str], langs: Sequence[str],
            articles: Sequence | None = None) -> tuple[list[dict[str, Any]], Any, pd.DataFrame, dict]:
    """Scores per sentence as nested dicts (the JSON shape), plus the feature matrix and the sentence-alone
    probabilities for explanations. articles: an article id per sentence, so context-aware tasks read each
    sentence in its article."""
    X = _frame(texts, langs)
    Xf = model.transform(X)
    scores: list[dict[str, Any]] = [{} for _ in texts]
    alone = model.predict_proba_all(X, Xf=Xf)
    probas = model.in_context(alone, articles) if articles is not None else alone
    for task in model.tasks:
        proba, classes = probas[task], model.heads[task].classes_
        for row, p in zip(scores, proba):
            if task == "rhetoric":
                row["rhetoric"] = round(float(p[list(classes).index(1)]), ROUND)
            else:
                probs = {str(c): round(float(v), ROUND) for c, v in zip(classes, p)}
                ordered = {c: probs[c] for c in TASKS[task] if c in probs}
                row[task] = {"label": max(ordered, key=ordered.get), "probabilities": ordered}
    return scores, Xf, X, alone


def score_sentences(model: HypeModel, sentences, *, explain: bool = True, top_k: int = 6) -> None:
    """Fill .scores (and .explanations) of analysis Sentences in place."""
    texts = [s.text for s in sentences]
    langs = [s.language for s in sentences]
    articles = [0] * len(texts)                              # one document: its sentences are each other's context
    scores, Xf, X, alone = predict(model, texts, langs, articles)
    for s, sc in zip(sentences, scores):
        s.scores = sc
    if explain:
        # rhetoric: why it is (or is not) rhetoric; claim/sentiment: why the predicted label
        # the predicted labels are known from the scores: no second prediction pass
        targets = {"rhetoric": 1, **{t: [sc[t]["label"] for sc in scores] for t in ("claim", "sentiment")
                                     if t in model.tasks}}
        per_sentence = model.explain_tasks(X, top_k=top_k, Xf=Xf, targets=targets)
        for task in model.context:
            # the article's share in the label, next to the words' shares
            weights = model.context_contributions(task, alone[task], articles, targets[task])
            for ex, w in zip(per_sentence, weights.tolist()):
                if abs(w) > 1e-6:
                    ex[task] = sorted(ex[task] + [Contribution("context:article", "cue", w, None, None)],
                                      key=lambda c: -abs(c.weight))[:top_k]
        for s, ex in zip(sentences, per_sentence):
            s.explanations = {task: [c.to_dict(offset=s.start) for c in contribs] for task, contribs in ex.items()}


def _neither_language(text: str) -> bool:
    # the document-level test (hype.text.detect_language), for sentences long enough to judge
    from .text import language_scores, recognised_language

    s = language_scores(text)
    return s["words"] >= 8 and recognised_language(s) is None


def score(sentences: Sequence[str] | str, lang: str | None = None, model=None) -> pd.DataFrame:
    """One row per sentence: text, language, rhetoric (P(class 1)), claim + claim_<label> probabilities,
    sentiment + sentiment_<label> probabilities. A model trained for fewer tasks fills only its columns."""
    from .analysis import flatten_scores
    from .features import guess_language
    from .text import check_language

    if isinstance(sentences, str):
        sentences = [sentences]
    elif isinstance(sentences, (bytes, bytearray)) or not hasattr(sentences, "__iter__"):
        raise InputError(f"expected a sentence or a list of sentences (str), got {type(sentences).__name__}")
    texts = list(sentences)
    bad = [type(t).__name__ for t in texts if not isinstance(t, str)]
    if bad:
        raise InputError(f"expected every sentence as a str, got {bad[0]} ({len(bad)} of {len(texts)})")
    empty = [i for i, t in enumerate(texts) if not t.strip()]
    if empty:
        raise InputError(f"the sentence at index {empty[0]} is empty ({len(empty)} of {len(texts)}; expected text to score)")
    langs = [check_language(lang) if lang else guess_language(t, default="de") for t in texts]
    if not lang:
        foreign = [i for i, t in enumerate(texts) if _neither_language(t)]
        if foreign:
            warnings.warn(f"{len(foreign)} of {len(texts)} sentences (first: {foreign[0]}) look like neither German "
                          "nor English; scored anyway (the models know only these two; pass lang= to force one)",
                          UserWarning, stacklevel=2)
    m = load_model(model)
    scores = predict(m, texts, langs)[0] if texts else []
    rows = [{"text": t, "language": lg, **flatten_scores(sc)} for t, lg, sc in zip(texts, langs, scores)]
    cols = ["text", "language"]
    if "rhetoric" in m.tasks:
        cols.append("rhetoric")
    for task in ("claim", "sentiment"):
        if task in m.tasks:
            cols += [task] + [f"{task}_{c}" for c in TASKS[task]]
    return pd.DataFrame(rows, columns=cols)
